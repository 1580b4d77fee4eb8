"""The library API: open a knowledge base, ingest, ask, review, export.

These are the functions the ``factionmap`` command and the web app call; docs/python-api.md shows them at
work. Every function takes the knowledge base (a :class:`Store`) first and raises a
:class:`FactionmapError` (one line, meant for a person) on bad input.

>>> import tempfile, os
>>> kb = open_kb(os.path.join(tempfile.mkdtemp(), "kb.db"))
>>> ingest_text(kb, "The Foo Front was founded in 2001. The Foo Front joined the Bar Movement in 2004.",
...             "foo.txt").summary()
'1 added (2 facts), 0 skipped, 0 failed'
>>> [(f["subject"], f["object"], f["date"]) for f in asof(kb, "2005")["facts"]]
[('Foo Front', 'Bar Movement', '2004')]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from factionmap.curation import add_fact, grade, import_csv, merge, review, review_queue, reviewer_name, split
from factionmap.errors import FactionmapError, InputError
from factionmap.evaluate import load_gold, score
from factionmap.export import WRITERS, export
from factionmap.figures import FIGURES, render
from factionmap.ingest import IngestReport, ingest_paths, ingest_text, read_meta
from factionmap.layout import map_layout
from factionmap.query import (
    AmbiguousName,
    Grade,
    UnknownEntity,
    all_facts,
    asof,
    contradictions,
    document,
    evidence,
    find_entity,
    funding,
    has_fact,
    holding_intervals,
    leaders,
    lineage,
    members,
    path,
    search,
    timeline,
    why,
)
from factionmap.store import Store

if TYPE_CHECKING:
    from factionmap.model import Extraction

__all__ = [
    "FIGURES",
    "WRITERS",
    "AmbiguousName",
    "FactionmapError",
    "Grade",
    "IngestReport",
    "InputError",
    "Store",
    "UnknownEntity",
    "add_fact",
    "all_facts",
    "asof",
    "contradictions",
    "document",
    "evidence",
    "export",
    "export_text",
    "extract_text",
    "find_entity",
    "funding",
    "grade",
    "has_fact",
    "holding_intervals",
    "import_csv",
    "ingest",
    "ingest_paths",
    "ingest_text",
    "leaders",
    "lineage",
    "load_gold",
    "map_layout",
    "members",
    "merge",
    "open_kb",
    "path",
    "read_meta",
    "render",
    "review",
    "review_queue",
    "reviewer_name",
    "score",
    "search",
    "split",
    "stats",
    "timeline",
    "why",
]

ingest = ingest_paths  # the short name: ingest(kb, ["reports/"])


def open_kb(path: str | Path, timeout: float = 60.0) -> Store:
    """Open the knowledge base in the SQLite file at ``path``, creating it (or bringing an older one up to the
    current schema) as needed. While another process holds its write lock, a write waits up to ``timeout``
    seconds, then raises :class:`DatabaseLocked` (nothing written)."""
    return Store(path, timeout=timeout)


def extract_text(text: str, published: str | None = None) -> Extraction:
    """Extract from plain text (typography normalised, offsets kept), storing nothing; ``published`` (an ISO
    date) anchors relative dates. The extraction stages and their model load on the first call, not with this
    module, which every command imports."""
    from factionmap.pipeline import extract_text as extract

    return extract(text, published)


def stats(store: Store) -> dict[str, Any]:
    """Documents, sentences and facts; entities by type, facts by relation and by certainty."""
    return store.stats()


def export_text(store: Store, fmt: str) -> str:
    """The whole knowledge base in one export format (see ``WRITERS``), as a string."""
    import io

    buf = io.StringIO()
    export(store, fmt, buf)
    return buf.getvalue()
