"""factionmap: time-aware knowledge graphs of armed-group networks, every fact with its evidence.

The library API is ``factionmap.api`` (open a knowledge base, ingest, ask, review, export; see
docs/python-api.md)::

    from factionmap import api

    kb = api.open_kb("factionmap.db")
    report = api.ingest(kb, ["article.txt"])
    for fact in api.asof(kb, "2016")["facts"]:
        print(fact["subject"], fact["relation"], fact["object"])
"""

from factionmap.errors import FactionmapError, InputError
from factionmap.ingest import IngestReport, ingest_paths
from factionmap.pipeline import extract_text
from factionmap.store import Store

__all__ = ["FactionmapError", "InputError", "IngestReport", "Store", "extract_text", "ingest_paths"]
__version__ = "0.1.0"
