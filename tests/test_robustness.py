"""Bad input gets a clear one-line error and the rest of the batch is still ingested."""

import shutil

import pytest

from factionmap.crossdoc import resolve_entities
from factionmap.errors import InputError
from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .conftest import CORPUS, run_cli, shared_corpus


def test_other_encodings_are_detected_and_reported(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = (
        "La Brigade du Sud (BDS) a été fondée en 2004. Le Front Populaire de Libération est basé à Genève. "
        "Selon les rapports, la Brigade du Sud compte environ 1 200 combattants et reçoit des fonds étrangers."
    )
    (folder / "fr.txt").write_bytes(text.encode("cp1252"))
    r = run_cli("ingest", str(folder), db=tmp_path / "x.db")
    assert r.returncode == 0
    line = r.stdout.splitlines()[0]
    assert line.startswith(f"added    {folder / 'fr.txt'} (")
    assert line.endswith("; decoded as cp1250)") or line.endswith("; decoded as cp1252)")
    stored = Store(tmp_path / "x.db").document("fr.txt")
    assert stored["text"] == text
    assert stored["encoding"] in ("cp1250", "cp1252")


@pytest.mark.slow
def test_nested_and_broken_html_and_a_large_file(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    nested = "<div>" * 20000 + "The Kestrel Front is based in Ostrava Province." + "</div>" * 20000
    (folder / "nested.html").write_text(nested, encoding="utf-8")
    (folder / "broken.html").write_text(
        "<p>The Kestrel Front <b>clashed with <i>the Salt Brigade in 2015.<p<script>alert(1)", encoding="utf-8"
    )
    para = (shared_corpus() / "isis-k.txt").read_text(encoding="utf-8")
    (folder / "large.txt").write_text(para * 60, encoding="utf-8")  # about 3 MB
    store = Store(tmp_path / "x.db")
    report = ingest_paths(store, [folder])
    assert report.ok, report.failed
    assert sorted(p.rsplit("/", 1)[-1] for p, _ in report.added) == ["broken.html", "large.txt", "nested.html"]
    facts = {(f["subject"], f["relation"], f["object"]) for f in store.export_facts()}
    assert ("Kestrel Front", "based_in", "Ostrava Province") in facts
    assert ("Kestrel Front", "rival_of", "Salt Brigade") in facts
    texts = {r["name"]: r["text"] for r in store.conn.execute("SELECT name, text FROM documents")}
    for f in store.export_facts():
        for ev in f["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]
            assert "<script>" not in ev["text"]


def test_a_file_that_vanishes_mid_batch_is_reported_and_the_rest_go_in(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(CORPUS, folder)
    victim = folder / "northern-front.txt"
    store = Store(tmp_path / "x.db")

    def remove_next(path: str) -> None:
        if path.endswith("badr.html") and victim.exists():
            victim.unlink()

    report = ingest_paths(store, [folder], progress=remove_next)
    assert report.failed == [(str(victim), "file not found (it was moved or deleted during the run)")]
    assert [p.rsplit("/", 1)[-1] for p, _ in report.added] == ["badr.html", "crescent-state.md"]
    assert report.summary().endswith(
        "2 added (" + report.summary().split("(")[1].split(")")[0] + "), 0 skipped, 1 failed"
    )


@pytest.mark.slow
def test_every_real_document_ingests_without_error(tmp_path):
    shared = shared_corpus().parent
    store = Store(tmp_path / "all.db")
    report = ingest_paths(store, [shared / "corpus", shared / "corpus-un", shared / "corpus-wiki"], workers=2)
    assert report.failed == []
    assert len(report.added) >= 400
    docs = {r["id"]: r["text"] for r in store.conn.execute("SELECT id, text FROM documents")}
    bad = [
        (e[0], e[1], e[2])
        for e in store.conn.execute('SELECT doc_id, start, "end" FROM evidence')
        if not (0 <= e[1] < e[2] <= len(docs[e[0]]))
    ]
    assert bad == []


def test_a_huge_document_is_extracted_piece_by_piece_into_one_whole_document(tmp_path):
    from factionmap.pipeline import extract, extract_chunks
    from factionmap.reader import read_bytes

    text = (CORPUS / "northern-front.txt").read_text(encoding="utf-8") * 6
    source = read_bytes(text.encode(), "long.txt")
    pieces = list(extract_chunks(source.text, source.analysis, size=300))
    assert len(pieces) > 3
    whole = extract(source.text, source.analysis)
    assert sum(len(p.sentences) for p in pieces) == len(whole.sentences)
    store = Store(tmp_path / "x.db")
    doc_id, n = store.add_document_chunks(source, iter(pieces), resolve_entities)
    assert n == sum(len(p.facts) for p in pieces) > 0
    rows = store.conn.execute(
        'SELECT idx, start, "end" FROM sentences WHERE doc_id = ? ORDER BY idx', (doc_id,)
    ).fetchall()
    assert [r[0] for r in rows] == list(range(len(whole.sentences)))
    assert [(r[1], r[2]) for r in rows] == [(s.start, s.end) for s in whole.sentences]
    for f in store.export_facts():
        for ev in f["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    joined = [f for f in store.export_facts() if f["relation"] == "joined"]
    assert [(f["subject"], f["object"], len(f["evidence"])) for f in joined] == [
        ("Sabil Brigade", "Northern Valley Front", 6)
    ]


def test_a_huge_plain_text_is_held_once_and_normalised_piece_by_piece(monkeypatch):
    from factionmap import reader
    from factionmap.pipeline import extract_chunks

    text = (CORPUS / "northern-front.txt").read_text(encoding="utf-8").replace("-", "\u2013") * 6
    held = reader.read_bytes(text.encode(), "long.txt")
    monkeypatch.setattr(reader, "HUGE_CHARS", 1000)
    lazy = reader.read_bytes(text.encode(), "long.txt")
    assert held.analysis is not None and lazy.analysis is None  # no second copy of the text
    assert lazy.sha256 == held.sha256 and lazy.text == held.text

    def triples(pieces):
        out = []
        for p in pieces:
            names = [e.name for e in p.entities]
            out += [
                (names[f.subject], f.relation, f.object is not None and names[f.object], f.evidence) for f in p.facts
            ]
        return out

    assert triples(extract_chunks(lazy.text, None, size=300)) == triples(
        extract_chunks(held.text, held.analysis, size=300)
    )
    with pytest.raises(InputError, match="blank.txt: empty file: nothing to ingest"):
        reader.read_bytes(b" \n" * 2000, "blank.txt")
