"""factionmap: time-aware knowledge graphs of armed-group networks, every fact with its evidence.

The library API is ``factionmap.api`` (open a knowledge base, ingest, ask, review, export; see
docs/python-api.md)::

    from factionmap import api

    kb = api.open_kb("factionmap.db")
    report = api.ingest(kb, ["article.txt"])
    for fact in api.asof(kb, "2016")["facts"]:
        print(fact["subject"], fact["relation"], fact["object"])
"""

# (no ``from __future__ import annotations`` here: it would bind the name ``annotations`` in the package, hiding
# the submodule factionmap.annotations from ``from factionmap import annotations``)
import importlib
from typing import TYPE_CHECKING, Any

from factionmap.errors import FactionmapError, InputError

if TYPE_CHECKING:
    from factionmap.ingest import IngestReport, ingest_paths
    from factionmap.pipeline import extract_text
    from factionmap.store import Store

__all__ = ["FactionmapError", "InputError", "IngestReport", "Store", "extract_text", "ingest_paths"]
__version__ = "0.1.0"

# Names imported on first use (PEP 562), each with its module: importing any part of the package (the command
# line, for every command) runs this file, and must not load the extraction stages and their model with it.
_LAZY = {
    "IngestReport": "factionmap.ingest",
    "ingest_paths": "factionmap.ingest",
    "extract_text": "factionmap.pipeline",
    "Store": "factionmap.store",
}


if not TYPE_CHECKING:  # mypy knows these names from the imports above, and keeps flagging misspelt ones

    def __getattr__(name: str) -> Any:
        """The package's names that live in heavier modules, imported when first asked for.

        >>> from factionmap import Store
        >>> Store.__module__
        'factionmap.store'
        """
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # found directly from now on
        return value

    def __dir__() -> list[str]:
        """The module's names, those not imported yet included."""
        return sorted(set(globals()) | set(__all__))
