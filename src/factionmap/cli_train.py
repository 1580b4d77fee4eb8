"""``factionmap train``: learn the entity and relation models from the annotated corpus."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from factionmap.cli_common import run_or_exit


def train(
    annotations: Annotated[
        Path | None, typer.Option(help="The annotated corpus (default: the project's annotations/).")
    ] = None,
    shared: Annotated[Path | None, typer.Option(help="Where the annotated documents are (default ../shared).")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Model file to write (default: the model shipped in the package)."),
    ] = None,
    with_reviews: Annotated[
        Path | None, typer.Option("--with-reviews", help="Also learn from the analysts' decisions in this database.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the solvers.")] = 0,
    gold: Annotated[bool, typer.Option("--gold/--no-gold", help="Also learn from ../shared/gold.")] = True,
) -> None:
    """Train the models on the training split, choose per relation model or rules on the validation split,
    and write the model file (the pipeline uses the shipped one)."""
    from factionmap import annotations as ann
    from factionmap.api import open_kb
    from factionmap.learn import linear, validate
    from factionmap.learn.reviews import review_docs
    from factionmap.learn.train import MIN_POSITIVES, load_corpus
    from factionmap.learn.train import train as fit

    root = annotations or ann.ANNOTATIONS
    base = shared or ann.SHARED
    if not root.is_dir():
        _fail(f"{root}: no annotated corpus there")
    if not base.is_dir():
        _fail(f"{base}: the shared documents are not there")
    t0 = time.perf_counter()
    corpus = run_or_exit(lambda: load_corpus(root, base, "train", with_gold=gold))
    if not corpus.annotated and not corpus.extra:
        _fail(f"{root}: no annotated training documents")
    if with_reviews is not None:
        if not with_reviews.is_file():
            _fail(f"{with_reviews}: no such database")
        corpus.reviews = run_or_exit(lambda: review_docs(open_kb(with_reviews)))
        typer.echo(f"{len(corpus.reviews)} document(s) with reviewed facts")
    spec = run_or_exit(lambda: fit(corpus, seed, log=typer.echo))
    if not spec["relations"] and spec["types"] is None:
        _fail(
            f"nothing to learn from {spec['record']['examples']['documents']} document(s): no relation has "
            f"{MIN_POSITIVES} annotated examples and no name is annotated with a second type"
        )
    validation = load_corpus(root, base, "validation", with_gold=False).annotated
    if validation:
        spec["modes"] = validate.choose_modes(validation, spec)
        typer.echo("who states each relation: " + ", ".join(f"{r} {m}" for r, m in sorted(spec["modes"].items())))
    spec["rule_confidence"] = validate.rule_confidence(corpus.annotated)
    target = out or linear.shipped_path()
    linear.write(spec, target)
    size = target.stat().st_size
    typer.echo(f"wrote {target} ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s")


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
