"""``factionmap review …``, ``add``, ``import``, ``merge``, ``split``, ``grade``: thin curation commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from factionmap import api
from factionmap.cli_common import open_store, run_or_exit

review_app = typer.Typer(no_args_is_help=True, help="Review machine facts: list, accept, reject, edit.")
out = Console()
BY = Annotated[str | None, typer.Option("--by", help="Reviewer name (default $FACTIONMAP_REVIEWER or $USER).")]


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="machine, accepted, rejected, edited, analyst")] = "machine",
    relation: Annotated[str | None, typer.Option(help="Only this relation.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only facts evidenced in this document.")] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The review queue."""
    rows = api.review_queue(open_store(), status, relation, doc, limit)
    if as_json:
        out.print_json(json.dumps(rows))
        return
    table = Table("key", "fact", "date", "certainty", "evidence")
    for r in rows:
        table.add_row(
            r["key"][:10],
            f"{r['subject']} {r['relation']} {r['object'] or r['value'] or ''}",
            r["date"] or "",
            r["certainty"],
            r["evidence"] or "",
        )
    out.print(table)


@review_app.command()
def accept(fact: str, by: BY = None) -> None:
    """Accept a fact (by id or key prefix)."""
    r = run_or_exit(lambda: api.review(open_store(), fact, "accepted", reviewer=by))
    out.print(f"accepted {r['key'][:10]} by {r['reviewer']}", highlight=False)


@review_app.command()
def reject(fact: str, by: BY = None) -> None:
    """Reject a fact (by id or key prefix)."""
    r = run_or_exit(lambda: api.review(open_store(), fact, "rejected", reviewer=by))
    out.print(f"rejected {r['key'][:10]} by {r['reviewer']}", highlight=False)


@review_app.command()
def edit(
    fact: str,
    relation: Annotated[str | None, typer.Option(help="Corrected relation.")] = None,
    obj: Annotated[str | None, typer.Option("--object", help="Corrected object (entity name).")] = None,
    value: Annotated[str | None, typer.Option(help="Corrected value.")] = None,
    date: Annotated[str | None, typer.Option(help="Corrected EDTF date.")] = None,
    start: Annotated[str | None, typer.Option(help="Corrected EDTF start.")] = None,
    end: Annotated[str | None, typer.Option(help="Corrected EDTF end.")] = None,
    certainty: Annotated[str | None, typer.Option(help="Corrected certainty.")] = None,
    by: BY = None,
) -> None:
    """Correct a fact; the correction is re-applied whenever the fact is extracted again."""
    changes = {
        k: v
        for k, v in {
            "relation": relation,
            "object": obj,
            "value": value,
            "date": date,
            "start": start,
            "end": end,
            "certainty": certainty,
        }.items()
        if v is not None
    }
    if not changes:
        typer.echo("error: give at least one of --relation --object --value --date --start --end --certainty", err=True)
        raise typer.Exit(2)
    r = run_or_exit(lambda: api.review(open_store(), fact, "edited", changes, reviewer=by))
    out.print(f"edited {r['key'][:10]} by {r['reviewer']}: {json.dumps(changes)}", highlight=False)


def add(
    subject: str,
    relation: str,
    obj: Annotated[str | None, typer.Option("--object", help="Object entity.")] = None,
    doc: Annotated[str, typer.Option(help="The source document (as ingested).")] = "",
    quote: Annotated[str, typer.Option(help="The exact sentence that states the fact.")] = "",
    date: Annotated[str | None, typer.Option(help="EDTF date.")] = None,
    start: Annotated[str | None, typer.Option(help="EDTF start.")] = None,
    end: Annotated[str | None, typer.Option(help="EDTF end.")] = None,
    certainty: Annotated[str, typer.Option(help="asserted, reported, claimed, possible, unclear, denied")] = "asserted",
    value: Annotated[str | None, typer.Option(help="Number or role.")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Import many facts from a CSV instead.")] = None,
    by: BY = None,
) -> None:
    """Add an analyst's own fact, sourced by a quotation from an ingested document."""
    if csv_file is not None:
        n = run_or_exit(lambda: api.import_csv(open_store(), csv_file, by))
        out.print(f"imported {n} facts from {csv_file}", highlight=False)
        return
    r = run_or_exit(
        lambda: api.add_fact(open_store(), subject, relation, obj, doc, quote, date, start, end, certainty, value, by)
    )
    out.print(f"added {r['key'][:10]}", highlight=False)


def merge(keep: str, other: str, by: BY = None) -> None:
    """Merge entity OTHER into KEEP (wrong resolution: two names of one group)."""
    r = run_or_exit(lambda: api.merge(open_store(), keep, other, by))
    out.print(f"merged {r['merged']['name']} into {r['kept']['name']}", highlight=False)


def split(entity: str, alias: str, by: BY = None) -> None:
    """Split the name ALIAS off ENTITY into an entity of its own (wrong resolution: two groups as one)."""
    r = run_or_exit(lambda: api.split(open_store(), entity, alias, by))
    out.print(f"split {r['new']['name']} (id {r['new']['id']}) off {r['entity']['name']}", highlight=False)


def grade(
    doc: str,
    reliability: Annotated[str | None, typer.Option(help="Source reliability A-F.")] = None,
    credibility: Annotated[str | None, typer.Option(help="Information credibility 1-6.")] = None,
) -> None:
    """Grade a source on the Admiralty scale."""
    r = run_or_exit(lambda: api.grade(open_store(), doc, reliability, credibility))
    out.print(f"{r['name']}: {r['reliability'] or '?'}{r['credibility'] or '?'}", highlight=False)
