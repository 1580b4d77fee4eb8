"""factionmap: time-aware knowledge graphs of armed-group networks, every fact with its evidence.

The public API::

    from factionmap import Store, ingest_paths, extract_text

    store = Store("factionmap.db")
    report = ingest_paths(store, ["article.txt"])
    for fact in store.export_facts():
        print(fact["subject"], fact["relation"], fact["object"])
"""

from factionmap.errors import FactionmapError, InputError
from factionmap.ingest import IngestReport, ingest_paths
from factionmap.pipeline import extract_text
from factionmap.store import Store

__all__ = ["FactionmapError", "InputError", "IngestReport", "Store", "extract_text", "ingest_paths"]
__version__ = "0.1.0"
