"""Every engine stores the same rows: in-process, two local workers, and Ray tasks on a local Ray."""

import pytest

from factionmap.errors import FactionmapError
from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .conftest import CORPUS, HERE, shared_corpus

pytestmark = pytest.mark.slow


def build(tmp_path, name, **engine):
    store = Store(tmp_path / f"{name}.db")
    report = ingest_paths(store, [CORPUS, HERE / "corpus-time", shared_corpus()], **engine)
    assert report.ok, report.failed
    return store, report


def test_same_facts_with_every_engine(tmp_path):
    inline, r1 = build(tmp_path, "inline")
    workers, r2 = build(tmp_path, "workers", workers=2)
    ray_store, r3 = build(tmp_path, "ray", engine="ray")
    assert len(r1.added) == len(r2.added) == len(r3.added) == 15
    expected = inline.content_rows()
    assert sum(len(v) for v in expected.values()) > 1000
    assert workers.content_rows() == expected
    assert ray_store.content_rows() == expected


def test_unknown_engine_is_a_clear_error(tmp_path):
    store = Store(tmp_path / "x.db")
    with pytest.raises(FactionmapError, match="unknown engine 'spark': choose one of local, ray"):
        ingest_paths(store, [CORPUS], engine="spark")


def test_the_learned_extractor_gives_the_same_facts_in_every_engine(tmp_path, monkeypatch):
    """Each worker process (and Ray worker) loads the shipped model once and finds what one process finds."""
    monkeypatch.setenv("FACTIONMAP_EXTRACTOR", "model")
    stores = {}
    for name, engine in (("inline", {}), ("workers", {"workers": 2}), ("ray", {"engine": "ray"})):
        store = Store(tmp_path / f"{name}.db")
        report = ingest_paths(store, [CORPUS, shared_corpus()], **engine)
        assert report.ok, report.failed
        stores[name] = store
    expected = stores["inline"].content_rows()
    by_model = (
        stores["inline"].conn.execute("SELECT COUNT(*) FROM facts WHERE component = 'model:relations'").fetchone()[0]
    )
    assert by_model > 100  # the model ran, not only the rules
    assert stores["workers"].content_rows() == expected
    assert stores["ray"].content_rows() == expected
