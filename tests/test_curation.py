"""Analysts' decisions: recorded with who and when, kept across re-extraction, exported with status."""

import json

import pytest

from factionmap import curation, query
from factionmap.errors import FactionmapError
from factionmap.ingest import ingest_paths

from .conftest import TIME_CORPUS, run_cli


def fact_of(store, relation, subject):
    return store.conn.execute(
        "SELECT f.* FROM facts f JOIN entities s ON s.id = f.subject_id WHERE f.relation = ? AND s.name = ?",
        (relation, subject),
    ).fetchone()


def test_review_decisions_are_recorded_and_survive_reextraction(kb, tmp_path):
    joined = fact_of(kb, "joined", "Blue Valley Brigade")
    curation.review(kb, joined["key"][:10], "accepted", reviewer="ana")
    founded = fact_of(kb, "founded", "Mullah Karim Zahid")
    curation.review(kb, str(founded["id"]), "rejected", reviewer="ana")
    rival = fact_of(kb, "rival_of", "Red Crescent Front")
    curation.review(kb, rival["key"], "edited", {"date": "2016-05", "certainty": "reported"}, reviewer="ben")
    rows = kb.conn.execute("SELECT fact_key, decision, changes, reviewer FROM reviews ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [
        (joined["key"], "accepted", None, "ana"),
        (founded["key"], "rejected", None, "ana"),
        (rival["key"], "edited", '{"date": "2016-05", "certainty": "reported"}', "ben"),
    ]
    assert all(r[0] for r in kb.conn.execute("SELECT at FROM reviews"))

    report = ingest_paths(kb, [TIME_CORPUS], reextract=True)
    assert len(report.added) == 2 and report.ok
    assert fact_of(kb, "joined", "Blue Valley Brigade")["status"] == "accepted"
    assert fact_of(kb, "founded", "Mullah Karim Zahid")["status"] == "rejected"
    edited = fact_of(kb, "rival_of", "Red Crescent Front")
    assert (edited["status"], edited["date"], edited["certainty"], edited["earliest"]) == (
        "edited",
        "2016-05",
        "reported",
        "2016-05-01",
    )
    assert edited["key"] == rival["key"]
    exported = {(f["relation"], f["subject"]): f["status"] for f in kb.export_facts()}
    assert exported[("joined", "Blue Valley Brigade")] == "accepted"
    assert exported[("membership", "Red Crescent Front")] == "machine"


def test_bad_edits_are_refused_with_the_fix(kb):
    rival = fact_of(kb, "rival_of", "Red Crescent Front")
    with pytest.raises(FactionmapError, match="is not an EDTF date"):
        curation.review(kb, rival["key"], "edited", {"date": "May 2016"})
    with pytest.raises(FactionmapError, match="unknown certainty 'sure'"):
        curation.review(kb, rival["key"], "edited", {"certainty": "sure"})
    with pytest.raises(FactionmapError, match="no fact 'ffffffffff'"):
        curation.review(kb, "ffffffffff", "accepted")


def test_analyst_facts_need_a_quotation_from_a_source(kb, tmp_path):
    r = curation.add_fact(
        kb,
        "Grey Wolves Front",
        "supported_by",
        "Amber Charity Trust",
        "grey-wolves.txt",
        "The Grey Wolves Front is allied with the Amber Charity Trust.",
        date="2017",
        reviewer="ana",
    )
    row = kb.conn.execute("SELECT status, component, date FROM facts WHERE key = ?", (r["key"],)).fetchone()
    assert tuple(row) == ("analyst", "analyst", "2017")
    ev = query.evidence(kb, r["id"])
    assert ev[0]["text"] == "The Grey Wolves Front is allied with the Amber Charity Trust."
    with pytest.raises(FactionmapError, match="does not occur in 'grey-wolves.txt'"):
        curation.add_fact(kb, "Grey Wolves Front", "joined", "Red Crescent Front", "grey-wolves.txt", "made up")
    csv_file = tmp_path / "facts.csv"
    csv_file.write_text(
        "subject,relation,object,doc,quote,date,certainty\n"
        "Grey Wolves Front,rival_of,Blue Valley Brigade,red-crescent.txt,"
        '"In 2014, the Blue Valley Brigade broke away from the Red Crescent Front.",2014,possible\n'
    )
    assert curation.import_csv(kb, csv_file, "ana") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,relation,object,doc,quote,date\nA,befriended,B,red-crescent.txt,In 2011,2011\n")
    with pytest.raises(FactionmapError) as e:
        curation.import_csv(kb, bad)
    assert str(e.value).startswith(f"{bad}: line 2: unknown relation 'befriended'")


def test_an_analyst_fact_may_name_an_entity_the_texts_never_did(kb):
    r = curation.add_fact(
        kb,
        "Dovran Relief Fund",
        "funded_by",
        "Amber Charity Trust",
        "grey-wolves.txt",
        "The Grey Wolves Front is allied with the Amber Charity Trust.",
        reviewer="ana",
    )
    row = kb.conn.execute(
        "SELECT s.key, s.name, s.type, f.relation, o.name FROM facts f JOIN entities s"
        " ON s.id = f.subject_id JOIN entities o ON o.id = f.object_id WHERE f.key = ?",
        (r["key"],),
    ).fetchone()
    assert tuple(row) == ("ORG:dovran relief fund", "Dovran Relief Fund", "ORG", "funded_by", "Amber Charity Trust")
    assert query.find_entity(kb, "dovran relief fund")["id"] == query.find_entity(kb, "Dovran Relief Fund")["id"]


def test_merge_and_split_fix_resolution(kb):
    before = len(query.timeline(kb, "Grand Emirate")["facts"])
    curation.merge(kb, "Red Crescent Front", "Grand Emirate", reviewer="ana")
    assert query.find_entity(kb, "Grand Emirate")["name"] == "Red Crescent Front"
    assert before == 1
    result = curation.split(kb, "Red Crescent Front", "Grand Emirate", reviewer="ana")
    assert result["new"]["name"] == "Grand Emirate"
    assert query.find_entity(kb, "Grand Emirate")["id"] == result["new"]["id"]
    allegiance = fact_of(kb, "allegiance_to", "Red Crescent Front")
    assert allegiance is not None
    log = [r[0] for r in kb.conn.execute("SELECT action FROM curation_log ORDER BY id")]
    assert log == ["merge", "split"]


def test_review_cli(tmp_path):
    db = tmp_path / "c.db"
    run_cli("ingest", str(TIME_CORPUS), db=db)
    listing = json.loads(run_cli("review", "list", "--relation", "joined", "--json", db=db).stdout)
    assert [(r["subject"], r["object"], r["evidence"]) for r in listing] == [
        (
            "Blue Valley Brigade",
            "Red Crescent Front",
            "In March 2012, the Blue Valley Brigade joined the Red Crescent Front.",
        )
    ]
    r = run_cli("review", "accept", listing[0]["key"][:12], "--by", "ana", db=db)
    assert r.stdout.strip() == f"accepted {listing[0]['key'][:10]} by ana"
    r = run_cli("review", "edit", listing[0]["key"][:12], "--date", "2012-04", "--by", "ana", db=db)
    assert r.returncode == 0
    assert json.loads(run_cli("review", "list", "--status", "edited", "--json", db=db).stdout)[0]["date"] == "2012-04"
    r = run_cli("grade", "grey-wolves.txt", "--reliability", "Z", db=db)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: reliability 'Z': one of A, B, C, D, E, F"
