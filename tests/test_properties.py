"""Property-based tests: for any text the pipeline never crashes and everything it stores is sound."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factionmap import edtf
from factionmap.ingest import ingest_paths
from factionmap.pipeline import extract_text
from factionmap.reader import normalise
from factionmap.store import Store

WORDS = [
    "The",
    "Front",
    "Harakat",
    "al-Nur",
    "Mullah",
    "Karim",
    "joined",
    "split from",
    "in",
    "2015",
    "early",
    "mid-2013",
    "(",
    ")",
    "FNX",
    "Province",
    "led by",
    "clashed with",
    "reportedly",
    ",",
    ".",
    "and",
    "1,200 fighters",
    "between",
    "2013 and 2016",
    "not to be confused with",
    "'s",
    "\u2013",
    "\u201c",
    "It",
    "was founded in",
    "May",
    "the group",
    "killed",
    "Sheikh",
    "Jaysh",
    "\n",
    "emir of",
    "100%",
]
fragments = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)
texts = st.one_of(st.text(max_size=400), fragments)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_extracts_without_crashing_and_every_span_and_date_is_sound(text):
    ext = extract_text(text)
    assert len(normalise(text)) == len(text)
    for f in ext.facts:
        a, b = f.evidence
        assert 0 <= a < b <= len(text)
        assert 0 <= f.subject < len(ext.entities)
        assert f.object is None or 0 <= f.object < len(ext.entities)
        for d in (f.date, f.start, f.end):
            assert d is None or edtf.is_valid(d), d
    for m in ext.mentions:
        assert 0 <= m.start < m.end <= len(text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(fragments.filter(lambda t: t.strip()))
def test_reingesting_any_document_is_a_no_op(text):
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.txt"
        doc.write_text(text, encoding="utf-8")
        store = Store(Path(tmp) / "p.db")
        first = ingest_paths(store, [doc])
        rows = store.content_rows()
        second = ingest_paths(store, [doc])
        assert store.content_rows() == rows
        assert second.added == []
        if first.added:
            texts = {r[0]: r[1] for r in store.conn.execute("SELECT id, text FROM documents")}
            for doc_id, a, b in store.conn.execute('SELECT doc_id, start, "end" FROM evidence'):
                assert 0 <= a < b <= len(texts[doc_id])
        store.close()
