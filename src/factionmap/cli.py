"""The ``factionmap`` command: thin commands over the library API."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from factionmap import cli_curate, cli_query, cli_train
from factionmap.api import (
    WRITERS,
    FactionmapError,
    IngestReport,
    export,
    ingest_paths,
    load_gold,
    read_meta,
    render,
    score,
)
from factionmap.api import why as why_of
from factionmap.cli_common import err, fail, open_store, state, write_file
from factionmap.errors import DatabaseLocked, UnknownFormatError
from factionmap.reader import find_documents

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Build a time-aware, sourced knowledge graph of armed-group networks from texts.",
)
out = Console()
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"


@app.callback()
def _main(
    db: Annotated[
        str | None, typer.Option("--db", help="Database file (default factionmap.db or $FACTIONMAP_DB).")
    ] = None,
    lock_wait: Annotated[
        float | None,
        typer.Option(
            "--lock-wait",
            min=0,
            help="Seconds to wait while another process writes to the database (default 60 or "
            "$FACTIONMAP_LOCK_WAIT); then a one-line error, nothing changed.",
        ),
    ] = None,
) -> None:
    state.db = db or os.environ.get("FACTIONMAP_DB") or "factionmap.db"
    if lock_wait is None:
        try:
            lock_wait = float(os.environ.get("FACTIONMAP_LOCK_WAIT") or 60)
        except ValueError:
            raise fail(FactionmapError("FACTIONMAP_LOCK_WAIT must be a number of seconds")) from None
    state.lock_wait = lock_wait


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .md, .html), read recursively.")],
    meta: Annotated[
        Path | None,
        typer.Option("--meta", help="CSV of document metadata: file, title, url, published, reliability, credibility."),
    ] = None,
    reextract: Annotated[
        bool, typer.Option("--reextract", help="Extract already-stored documents again; analysts' reviews are kept.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Local extraction processes.")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local (processes) or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster address (default: start a local Ray).")
    ] = None,
) -> None:
    """Ingest documents: each stored once (by content hash), extracted in one transaction."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    files, unreadable = find_documents(list(paths))
    if not files and unreadable and not Path(state.db).exists():
        # nothing to ingest, only paths that are missing or unreadable: each named, and no empty database left
        # behind at a path that may be a typo
        for path, problem in unreadable:
            err.print(f"error: {path}: {problem}", highlight=False, markup=False)
        out.print(IngestReport(failed=unreadable).summary(), highlight=False)
        raise typer.Exit(1)
    store = open_store(create=True)
    try:
        meta_rows = read_meta(meta) if meta else None
    except FactionmapError as exc:
        raise fail(exc) from None
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingesting", total=len(files))
        try:
            report = ingest_paths(
                store,
                paths,
                meta_rows,
                progress=lambda _p: bar.advance(task),
                reextract=reextract,
                engine=engine,
                workers=workers,
                address=address,
            )
        except FactionmapError as exc:
            raise fail(exc) from None
    notes = dict(report.notes)
    for path, facts in report.added:
        note = f"; {notes[path]}" if path in notes else ""
        out.print(f"added    {path} ({facts} facts{note})", highlight=False)
    for path, why in report.skipped:
        out.print(f"skipped  {path}: {why}", highlight=False)
    for path, problem in report.failed:
        err.print(f"error: {path}: {problem}", highlight=False, markup=False)
    out.print(report.summary(), highlight=False)
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(sorted(WRITERS))}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default stdout).")] = None,
) -> None:
    """Export every fact with its evidence."""
    if fmt not in WRITERS:
        raise fail(UnknownFormatError(fmt, sorted(WRITERS)))
    store = open_store()
    try:
        if output is None:
            export(store, fmt, sys.stdout)
        else:
            n = write_file(output, lambda fh: export(store, fmt, fh))
            err.print(f"wrote {n} facts to {output}", highlight=False)
    except FactionmapError as exc:
        raise fail(exc) from None


@app.command("eval")
def eval_cmd(
    gold_prefix: Annotated[str, typer.Argument(help="Gold prefix, e.g. ../shared/gold/isis-k")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="Also list false positives and misses.")] = False,
) -> None:
    """Score the stored facts of one document against its gold annotation."""
    try:
        gold = load_gold(gold_prefix)
    except FactionmapError as exc:
        raise fail(exc) from None
    store = open_store()
    try:
        result = score(store, gold)
    except FactionmapError as exc:
        raise fail(exc) from None
    if as_json:
        if not details:
            result = {k: v for k, v in result.items() if k not in ("false_positives", "missed")}
        out.print_json(json.dumps(result))
        return
    table = Table(title=f"{result['document']} against {gold_prefix}")
    for col in ("relation", "precision", "recall", "F1", "matched", "system", "gold"):
        table.add_column(col, justify="left" if col == "relation" else "right")
    for rel, r in result["per_relation"].items():
        table.add_row(
            rel,
            f"{r['precision']:.2f}",
            f"{r['recall']:.2f}",
            f"{r['f1']:.2f}",
            str(r["tp"]),
            str(r["system"]),
            str(r["gold"]),
        )
    out.print(table)
    if details:
        for t in result["false_positives"]:
            out.print(f"  false positive: {t}", highlight=False)
        for t in result["missed"]:
            out.print(f"  missed: {t}", highlight=False)
    da = result["date_accuracy"]
    ca = result["certainty_accuracy"]
    out.print(
        f"entity recall {result['entity_recall']:.2f} ({result['entities_found']}/{result['entities_gold']});"
        f" date accuracy {'n/a' if da is None else f'{da:.2f}'} over {result['dated_matches']} dated;"
        f" certainty accuracy {'n/a' if ca is None else f'{ca:.2f}'}",
        highlight=False,
    )
    out.print(
        f"triples: precision {result['precision']:.2f} recall {result['recall']:.2f} "
        f"F1 {result['f1']:.2f} ({result['tp']} matched, {result['system']} extracted, "
        f"{result['gold']} gold)",
        highlight=False,
    )


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Documents, entities by type, facts by relation and certainty."""
    s = open_store().stats()
    if as_json:
        out.print_json(json.dumps(s))
        return
    out.print(f"documents {s['documents']}, sentences {s['sentences']}, facts {s['facts']}", highlight=False)
    out.print("entities: " + ", ".join(f"{k} {v}" for k, v in s["entities"].items()), highlight=False)
    table = Table("relation", "facts")
    for k, v in s["relations"].items():
        table.add_row(k, str(v))
    out.print(table)
    out.print("certainty: " + ", ".join(f"{k} {v}" for k, v in s["certainty"].items()), highlight=False)


@app.command()
def why(
    entity: Annotated[str, typer.Argument(help="A name, alias, identifier (QDe.004) or id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """How ENTITY came together: each text's name for it and what joined it (a name or an identifier)."""
    try:
        data = why_of(open_store(), entity)
    except FactionmapError as exc:
        raise fail(exc) from None
    if as_json:
        out.print_json(json.dumps(data))
        return
    ent = data["entity"]
    out.print(
        f"{ent['name']} ({ent['type']}, id {ent['id']})" + (f" — {', '.join(data['ids'])}" if data["ids"] else ""),
        highlight=False,
    )
    table = Table("document", "its name", "joined by")
    for src in data["sources"]:
        table.add_row(src["doc"] or "analyst", src["name"], src["joined_by"] or "(first to name it)")
    out.print(table)
    if data["names_over_time"]:
        names = Table("name", "when", "document", title="names over time")
        for n in data["names_over_time"]:
            names.add_row(n["name"], n["text"], n["doc"] or "analyst")
        out.print(names)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (keep 127.0.0.1 unless you mean it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the web page: entities and the network, on this machine only by default."""
    from factionmap.web.app import run_server

    open_store()  # says so, in one line, when the database does not exist

    run_server(state.db, host, port, echo=out.print)


@app.command()
def demo(
    corpus: Annotated[Path | None, typer.Option(help="Folder of documents (default ../shared/corpus).")] = None,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Build the database and stop.")] = False,
) -> None:
    """Ingest the demo corpus, print its statistics, and serve it."""
    folder = corpus or _find_corpus()
    if folder is None or not folder.is_dir():
        err.print(
            "error: no corpus found: the demo reads ../shared/corpus beside the project; "
            "point it at a folder of .txt/.md/.html files with --corpus DIR",
            highlight=False,
        )
        raise typer.Exit(2)
    store = open_store(create=True)
    report = ingest_paths(store, [folder])
    out.print(f"{folder}: {report.summary()}", highlight=False)
    for path, problem in report.failed:
        err.print(f"error: {path}: {problem}", highlight=False, markup=False)
    stats(False)
    if not no_serve:
        serve(host, port)


@app.command()
def figure(
    kind: Annotated[str, typer.Argument(help="timeline or members")],
    entity: Annotated[str, typer.Argument(help="Entity name, alias or id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write: .svg or .png.")] = Path("figure.svg"),
) -> None:
    """Draw a figure for a report as SVG or PNG (by the output's suffix): a timeline or membership over time."""
    fmt = output.suffix.lower().lstrip(".")
    try:
        if fmt not in ("svg", "png"):
            raise FactionmapError(f"{output}: the figure's file name must end in .svg or .png")
        data = render(open_store(), kind, entity, fmt)
        write_file(output, lambda fh: fh.write(data), binary=True)
    except FactionmapError as exc:
        raise fail(exc) from None
    out.print(f"wrote {output}", highlight=False)


def _find_corpus() -> Path | None:
    """The demo's corpus: ../shared/corpus from here, named so (what the demo prints is the path a user would
    type, as `make demo` gives it), else the one beside the project."""
    beside = Path("..") / "shared" / "corpus"
    if beside.is_dir():
        return beside
    return DEFAULT_CORPUS.resolve() if DEFAULT_CORPUS.is_dir() else None


app.add_typer(cli_query.app, name="query")
app.add_typer(cli_curate.review_app, name="review")
for _command in (cli_curate.add, cli_curate.merge, cli_curate.split, cli_curate.grade, cli_train.train):
    app.command()(_command)


def main() -> None:
    """Entry point of the ``factionmap`` script: every error a user can cause ends in one line on stderr
    naming the problem and a non-zero exit, never a trace (FACTIONMAP_DEBUG=1 shows the trace of an
    unexpected error)."""
    try:
        code = app(standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        exit_code, message = getattr(exc, "exit_code", None), getattr(exc, "format_message", None)
        if isinstance(exit_code, int) and callable(message):  # the command line itself is wrong
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help is printed already
                sys.exit(2)
            ctx = getattr(exc, "ctx", None)
            where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            print(f"error: {' '.join(str(message()).split())}{where}", file=sys.stderr)
            sys.exit(exit_code)
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            # a read that waited its time out behind another process's exclusive lock
            print(f"error: {DatabaseLocked(state.db, state.lock_wait)}", file=sys.stderr)
            sys.exit(2)
        if os.environ.get("FACTIONMAP_DEBUG"):  # a bug, not a user error: one line still, the trace on request
            raise
        print(
            f"error: unexpected {type(exc).__name__}: {' '.join(str(exc).split())} (FACTIONMAP_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
