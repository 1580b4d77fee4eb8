import csv
import io
import json

import networkx as nx

from .conftest import CORPUS, run_cli


def test_ingest_reports_added_skipped_and_failed(tmp_path, corpus_dir):
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (corpus_dir / "notes.pdf").write_bytes(b"%PDF-1.4")
    db = tmp_path / "x.db"
    r = run_cli("ingest", str(corpus_dir), str(corpus_dir / "notes.pdf"), db=db)
    assert r.returncode == 1
    errors = r.stderr.strip().splitlines()
    assert f"error: {corpus_dir / 'notes.pdf'}: unsupported file type '.pdf': use .txt, .md or .html" in errors
    assert f"error: {corpus_dir / 'empty.txt'}: empty file: nothing to ingest" in errors
    assert f"error: {corpus_dir / 'blob.txt'}: binary file (NUL bytes): not a text document" in errors
    assert len(errors) == 3
    assert r.stdout.strip().splitlines()[-1].startswith("3 added (")
    assert r.stdout.strip().splitlines()[-1].endswith(", 0 skipped, 3 failed")
    again = run_cli("ingest", str(corpus_dir / "badr.html"), db=db)
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1] == "0 added (0 facts), 1 skipped, 0 failed"


def test_export_jsonl_has_the_exchange_shape(tmp_path):
    db = tmp_path / "x.db"
    assert run_cli("ingest", str(CORPUS / "northern-front.txt"), db=db).returncode == 0
    r = run_cli("export", "--format", "jsonl", db=db)
    assert r.returncode == 0
    facts = [json.loads(line) for line in r.stdout.splitlines()]
    joined = [f for f in facts if f["relation"] == "joined"]
    text = (CORPUS / "northern-front.txt").read_text(encoding="utf-8")
    at = text.index("On 6 May 2016")
    assert joined == [
        {
            "subject": "Sabil Brigade",
            "subject_type": "ORG",
            "subject_aliases": [],
            "relation": "joined",
            "object": "Northern Valley Front",
            "object_type": "ORG",
            "object_aliases": ["NVF"],
            "value": None,
            "value_high": None,
            "date": "2016-05-06",
            "start": None,
            "end": None,
            "certainty": "asserted",
            "status": "machine",
            "evidence": [
                {
                    "doc": "northern-front.txt",
                    "start": at,
                    "end": at + 48,
                    "text": "On 6 May 2016, the Sabil Brigade joined the NVF.",
                }
            ],
            "produced_by": "rule:triggers",
            "confidence": 1.0,
            "id": joined[0]["id"],
        }
    ]
    for f in facts:
        for ev in f["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]


def test_export_csv_and_graphml_read_back(tmp_path):
    db = tmp_path / "x.db"
    run_cli("ingest", str(CORPUS), db=db)
    r = run_cli("export", "--format", "csv", db=db)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {
        "subject": "Sabil Brigade",
        "relation": "joined",
        "object": "Northern Valley Front",
        "date": "2016-05-06",
    }.items() <= [x for x in rows if x["relation"] == "joined"][0].items()
    out = tmp_path / "g.graphml"
    r = run_cli("export", "--format", "graphml", "-o", str(out), db=db)
    assert r.returncode == 0
    g = nx.read_graphml(out, force_multigraph=True)
    edges = [(u, v, d["relation"], d["date"]) for u, v, d in g.edges(data=True) if d["relation"] == "joined"]
    assert edges == [("Sabil Brigade", "Northern Valley Front", "joined", "2016-05-06")]
    assert g.nodes["Northern Valley Front"]["type"] == "ORG"
    assert len(rows) == len(json.loads("[" + ",".join(run_cli("export", db=db).stdout.splitlines()) + "]"))


def test_unknown_format_is_a_clear_error(tmp_path):
    r = run_cli("export", "--format", "xlsx", db=tmp_path / "x.db")
    assert r.returncode == 2
    assert r.stderr.strip() == (
        "error: unknown format 'xlsx': choose one of csv, csv-edges, csv-nodes, cypher, gexf, graphml, jsonl, jsonld"
    )


def test_stats_counts(tmp_path):
    db = tmp_path / "x.db"
    run_cli("ingest", str(CORPUS), db=db)
    s = json.loads(run_cli("stats", "--json", db=db).stdout)
    assert s["documents"] == 3
    assert s["entities"]["PERSON"] == 3
    assert s["relations"]["joined"] == 1


def test_eval_scores_against_an_invented_gold(tmp_path):
    gold = tmp_path / "northern-front"
    (tmp_path / "northern-front.entities.json").write_text(
        json.dumps(
            [
                {"id": "nvf", "name": "Northern Valley Front", "type": "ORG", "aliases": ["NVF"]},
                {"id": "sabil", "name": "Sabil Brigade", "type": "ORG", "aliases": []},
                {"id": "cs", "name": "Crescent State", "type": "ORG", "aliases": []},
                {"id": "badr", "name": "Harakat al-Badr", "type": "ORG", "aliases": []},
                {"id": "tahir", "name": "Idris Tahir", "type": "PERSON", "aliases": ["Mawlavi Idris Tahir"]},
            ]
        )
    )
    (tmp_path / "northern-front.facts.jsonl").write_text(
        "\n".join(
            json.dumps(f)
            for f in [
                {"s": "sabil", "r": "joined", "o": "nvf", "date": "2016-05-06", "certainty": "asserted"},
                {"s": "nvf", "r": "allegiance_to", "o": "cs", "date": "2014-early", "certainty": "asserted"},
                {"s": "badr", "r": "rival_of", "o": "nvf", "date": "2016-autumn", "certainty": "asserted"},
                {"s": "tahir", "r": "founded", "o": "nvf", "date": "2009-03", "certainty": "asserted"},
                {"s": "nvf", "r": "membership", "value": 1200, "date": "2015", "certainty": "reported"},
                {"s": "nvf", "r": "ceasefire_with", "o": "badr", "certainty": "asserted"},
            ]
        )
        + "\n"
    )
    db = tmp_path / "x.db"
    run_cli("ingest", str(CORPUS / "northern-front.txt"), db=db)
    r = run_cli("eval", str(gold), "--json", db=db)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["tp"] == 5
    assert result["gold"] == 6
    assert result["recall"] == round(5 / 6, 4)
    assert result["per_relation"]["ceasefire_with"] == {
        "tp": 0,
        "system": 0,
        "gold": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert result["date_accuracy"] == 1.0
    assert result["certainty_accuracy"] == 1.0
    assert result["entity_recall"] == 1.0
    text = run_cli("eval", str(gold), db=db).stdout
    assert "entity recall 1.00 (5/5)" in text


def test_eval_with_a_malformed_gold_names_the_line(tmp_path):
    (tmp_path / "g.entities.json").write_text('[{"id": "a", "name": "A"}]')
    (tmp_path / "g.facts.jsonl").write_text('{"s": "a", "r": "joined", "o": "a"}\n{not json}\n')
    r = run_cli("eval", str(tmp_path / "g"), db=tmp_path / "x.db")
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: {tmp_path / 'g.facts.jsonl'}: line 2: not valid JSON")


def test_query_min_confidence_leaves_out_the_facts_below_it(tmp_path):
    import sqlite3

    db = tmp_path / "x.db"
    assert run_cli("ingest", str(CORPUS / "northern-front.txt"), db=db).returncode == 0
    with sqlite3.connect(db) as conn:
        changed = conn.execute(
            "UPDATE facts SET confidence = 0.3, component = 'model:relations' WHERE relation = 'joined'"
        ).rowcount
    assert changed == 1

    def joined(*extra: str) -> list[tuple[str, str, str, float]]:
        r = run_cli("query", "asof", "2017", "--json", *extra, db=db)
        assert r.returncode == 0, r.stderr
        return [
            (f["subject"], f["relation"], f["object"], f["confidence"])
            for f in json.loads(r.stdout)["facts"]
            if f["relation"] == "joined"
        ]

    assert joined() == [("Sabil Brigade", "joined", "Northern Valley Front", 0.3)]
    assert joined("--min-confidence", "0.3") == [("Sabil Brigade", "joined", "Northern Valley Front", 0.3)]
    assert joined("--min-confidence", "0.31") == []
    bad = run_cli("query", "asof", "2017", "--min-confidence", "2", db=db)
    assert bad.returncode == 2 and "Invalid value for '--min-confidence'" in bad.stderr
