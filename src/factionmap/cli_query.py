"""``factionmap query …``: thin commands over ``factionmap.query``; table, --json or --csv output."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from factionmap import api as q
from factionmap import wording
from factionmap.cli_common import open_store, run_or_exit

app = typer.Typer(
    no_args_is_help=True,
    help="Ask the knowledge base: the network as of a date, lineage, "
    "leaders, members, funding, paths, contradictions, search.",
)
out = Console()
JSON = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CSV = Annotated[bool, typer.Option("--csv", help="Print CSV.")]
GRADE = Annotated[str | None, typer.Option("--grade", help="Only sources graded at least this well, e.g. B2.")]
COLUMNS = [
    "subject",
    "relation",
    "object",
    "value",
    "date",
    "start",
    "end",
    "holds_from",
    "holds_until",
    "certainty",
    "confidence",
    "status",
]


def _emit(
    data: Any, rows: list[dict[str, Any]], as_json: bool, as_csv: bool, title: str, columns: list[str] | None = None
) -> None:
    columns = columns or [c for c in COLUMNS if any(c in r for r in rows)]
    if as_json:
        out.print_json(json.dumps(data, default=str))
    elif as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns + ["evidence"])
        for r in rows:
            ev = r.get("evidence") or []
            w.writerow([r.get(c) for c in columns] + [ev[0]["text"] if ev else ""])
    else:
        if not rows:
            out.print(Text(f"{title}: nothing to show"))
            return
        table = Table(title=Text(title))
        shown = _compact(columns)
        if any(r.get("ended_by") for r in rows):
            shown.append("ended by")
        for c in shown:
            table.add_column(c)
        for r in rows:
            table.add_row(*[Text(_cell(r, c)) for c in shown])  # Text: "[unclear]" is words, not markup
        out.print(table)


def _compact(columns: list[str]) -> list[str]:
    """Table columns: dates folded into 'when' and 'holds', empty status columns left out."""
    shown = []
    for c in columns:
        if c in ("date", "start", "end"):
            c = "when"
        elif c in ("holds_from", "holds_until"):
            c = "holds"
        elif c == "status":
            continue
        if c not in shown:
            shown.append(c)
    return shown


def _cell(r: dict[str, Any], c: str) -> str:
    """A table cell in words: dates as a person reads them, relations as phrases from the subject."""
    if c == "when":
        return wording.when_text(r)
    if c == "holds":
        return wording.holds_text(r.get("holds_from"), r.get("holds_until"))
    if c == "ended by":
        ended = r.get("ended_by")
        return f"{ended['rule']}: {ended['text']}" if ended else ""
    if c == "relation" and r.get("relation"):
        return wording.phrase(r["relation"], has_object=r.get("object") is not None)
    if c == "object" and r.get("object") is None and r.get("value") is not None:
        return str(r["value"])
    if c == "confidence" and isinstance(r.get(c), float):
        return f"{r[c]:.2f}"
    v = r.get(c)
    return "" if v is None else str(v)


MIN_CONFIDENCE = Annotated[
    float,
    typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Only facts the extractor is at least this confident of (0-1)."
    ),
]


def _grade(text: str | None, min_confidence: float = 0.0) -> q.Grade | None:
    grade = run_or_exit(lambda: q.Grade.parse(text)) if text else None
    if min_confidence > 0:
        return replace(grade or q.Grade(), confidence=min_confidence)
    return grade


@app.command()
def asof(
    date: Annotated[str, typer.Argument(help="A day, month or year: 2016-06-01, 2016-06, 2016.")],
    around: Annotated[str | None, typer.Option(help="Only the neighbourhood of this entity.")] = None,
    depth: Annotated[int, typer.Option(help="Steps out from --around.")] = 1,
    undated: Annotated[bool, typer.Option("--undated", help="Also list undated facts.")] = False,
    known_by: Annotated[
        str | None,
        typer.Option("--known-by", help="Only what documents published by this date state (a day, month or year)."),
    ] = None,
    grade: GRADE = None,
    min_confidence: MIN_CONFIDENCE = 0.0,
    as_json: JSON = False,
    as_csv: CSV = False,
) -> None:
    """The network as it stood on DATE: components, alliances, rivalries, allegiances, leaderships."""
    s = open_store()
    data = run_or_exit(
        lambda: q.asof(
            s, date, around, depth, include_undated=undated, grade=_grade(grade, min_confidence), known_by=known_by
        )
    )
    title = f"as of {wording.date_text(date)}" + (f" around {data['around']['name']}" if data["around"] else "")
    if known_by:
        title += f", as known by {wording.date_text(known_by)}"
    _emit(data, data["facts"], as_json, as_csv, title)


@app.command()
def timeline(
    entity: str, grade: GRADE = None, min_confidence: MIN_CONFIDENCE = 0.0, as_json: JSON = False, as_csv: CSV = False
) -> None:
    """Every dated fact about ENTITY, in order, with its evidence."""
    s = open_store()
    data = run_or_exit(lambda: q.timeline(s, entity, _grade(grade, min_confidence)))
    if as_json or as_csv:
        _emit(data, data["facts"], as_json, as_csv, "")
        return
    table = Table(title=f"timeline of {data['entity']['name']}")
    for c in ("when", "fact", "certainty", "evidence", "document"):
        table.add_column(c)
    rows: list[tuple[str, int, tuple[str, ...]]] = []
    for k, f in enumerate(data["facts"]):
        ev = f["evidence"][0] if f["evidence"] else {"text": "", "doc": ""}
        cells: tuple[str, ...] = (wording.when_text(f), wording.sentence(f), f["certainty"], ev["text"], ev["doc"])
        rows.append((f["earliest"] or f["latest"] or "", k, cells))
    for g in data.get("ends", []):  # the group's own end, among its facts by date
        said = f"{g['entity']} {g['phrase']}" + (
            f" {g['into_name']}" if g["kind"] == "absorbed" and g["into_name"] else ""
        )
        rows.append(
            (g["earliest"] or g["latest"] or "", len(rows), (g["when_text"], said, g["certainty"], g["text"], g["doc"]))
        )
    for _key, _k, cells in sorted(rows, key=lambda r: (r[0], r[1])):
        table.add_row(*(Text(x) for x in cells))
    out.print(table)


@app.command()
def lineage(entity: str, as_json: JSON = False) -> None:
    """Predecessors, components, mergers and splinters of ENTITY, as a tree with dates."""
    s = open_store()
    data = run_or_exit(lambda: q.lineage(s, entity))
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    tree = Tree(Text(data["entity"]["name"]))

    def add(node: Tree, items: list[dict[str, Any]]) -> None:
        for item in items:
            label = f"{item['kind']}: {item['entity']['name']}"
            if item["date"]:
                label += f" ({wording.date_text(item['date'])})"
            label += f" [{item['certainty']}]"
            add(node.add(Text(label), highlight=False), item.get("children", []))

    add(tree, data["lineage"])
    out.print(tree)


@app.command()
def leaders(entity: str, as_json: JSON = False, as_csv: CSV = False) -> None:
    """Leadership succession of ENTITY with roles and intervals."""
    s = open_store()
    data = run_or_exit(lambda: q.leaders(s, entity))
    _emit(
        data,
        data["leaders"],
        as_json,
        as_csv,
        f"leaders of {data['entity']['name']}",
        ["subject", "value", "date", "holds_from", "holds_until", "certainty"],
    )


@app.command()
def members(entity: str, as_json: JSON = False, as_csv: CSV = False) -> None:
    """Membership figures of ENTITY over time, with date, certainty and source."""
    s = open_store()
    data = run_or_exit(lambda: q.members(s, entity))
    _emit(
        data,
        data["members"],
        as_json,
        as_csv,
        f"membership of {data['entity']['name']}",
        ["value", "value_high", "date", "start", "end", "certainty"],
    )


@app.command()
def funding(entity: str, as_json: JSON = False, as_csv: CSV = False) -> None:
    """Money in and out of ENTITY, with shares where known."""
    s = open_store()
    data = run_or_exit(lambda: q.funding(s, entity))
    rows = [{**f, "direction": "in"} for f in data["in"]] + [{**f, "direction": "out"} for f in data["out"]]
    _emit(
        data,
        rows,
        as_json,
        as_csv,
        f"funding of {data['entity']['name']}",
        ["direction", "subject", "object", "value", "date", "certainty"],
    )


@app.command()
def path(
    a: str,
    b: str,
    asof: Annotated[str | None, typer.Option("--asof", help="Only facts holding then.")] = None,
    as_json: JSON = False,
) -> None:
    """The shortest relation paths between A and B."""
    s = open_store()
    data = run_or_exit(lambda: q.path(s, a, b, asof))
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    if not data["paths"]:
        out.print(f"no path between {data['from']['name']} and {data['to']['name']}", highlight=False)
    for i, p in enumerate(data["paths"], 1):
        steps = " ; ".join(f"{wording.sentence(f)} [{f['certainty']}]" for f in p)
        out.print(f"{i}. {steps}", highlight=False, markup=False)


@app.command()
def contradictions(as_json: JSON = False) -> None:
    """Facts that cannot all be true: dates, denials, incompatible relations, membership figures, descents."""
    s = open_store()
    data = run_or_exit(lambda: q.contradictions(s))
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    for item in data:
        out.print(Text(item["kind"], style="bold"))
        for f in item["facts"]:
            when = wording.when_text(f)
            out.print(
                f"  {wording.sentence(f)}{f' ({when})' if when else ''} [{f['certainty']}]",
                highlight=False,
                markup=False,
            )
            for ev in f["evidence"]:
                out.print(f"    {ev['doc']}: {ev['text']}", highlight=False, markup=False)
        for st in item.get("statements", []):
            out.print(f"  {item['about'][0]}: {st['said']}", highlight=False, markup=False)
            out.print(f"    {st['doc']}: {st['text']}", highlight=False, markup=False)
    if not data:
        out.print("no contradictions found")


@app.command()
def search(text: str, as_json: JSON = False) -> None:
    """Full-text search over documents and entity names, best first."""
    s = open_store()
    data = run_or_exit(lambda: q.search(s, text))
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    for e in data["entities"]:
        out.print(f"entity   {e['name']} ({e['type']}, id {e['id']})", highlight=False)
    for d in data["documents"]:
        out.print(f"document {d['name']}: {d['snippet']}", highlight=False, markup=False)
