"""Cross-document resolution: exact partitions on invented texts, order independence, identifiers, types."""

import csv
import io
import json
from pathlib import Path

import pytest

from factionmap import curation, query
from factionmap.crossdoc import SourceNames, link, match_key
from factionmap.export import export
from factionmap.ingest import ingest_paths
from factionmap.model import norm
from factionmap.reader import find_documents
from factionmap.store import Store

from .conftest import SHARED, run_cli, shared_corpus

TEXTS = {
    "a.txt": "The Karsh Liberation Front (KLF) attacked Tamar in 2011. Abou Zaid el-Harrani leads the KLF.\n",
    "b.txt": "Abu Zaid al-Harrani, the leader of the Karsh Liberation Front, was arrested in Tamar in 2014.\n",
    "c.txt": "In 2015 the KLF clashed with the Velor Brigade.\n",
    "d.txt": "The Sabil Brigade (SB) was founded in 2009. The SB attacked Dovran in 2010.\n",
    "e.txt": "The Salt Battalion (SB) was founded in 2010. The SB joined the Iron Council in 2013.\n",
    "f.txt": "In 2012 the SB attacked Dovran.\n",
    "g.txt": "Harakat Zarin (QDe.901) was founded in 2005 in Dovran.\n",
    "h.txt": "The Zarin Movement (QDe.901) joined the Iron Council in 2011.\n",
    "i.txt": "Harakat Zarin (QDe.902) was founded in 2012.\n",
    "j.txt": "Zarin Dawa, a commander of the Iron Council, was killed in 2003.\n",
    "k.txt": "Zarin Dawa is an armed group founded in 2001 in Dovran.\n",
}


def write(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(TEXTS[name], encoding="utf-8")
    return [folder / n for n in names]


def partition(store: Store) -> set[tuple[str, str, frozenset[tuple[str, str]]]]:
    """Each entity as (name, type, its mentions as (document, surface)): the same whatever the row ids."""
    groups: dict[int, tuple[str, str, set[tuple[str, str]]]] = {}
    for eid, name, etype, doc, start, end, text in store.conn.execute(
        'SELECT e.id, e.name, e.type, d.name, m.start, m."end", d.text FROM mentions m'
        " JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.doc_id"
    ):
        groups.setdefault(eid, (name, etype, set()))[2].add((doc, text[start:end]))
    return {(name, etype, frozenset(ms)) for name, etype, ms in groups.values()}


def ingest(tmp_path: Path, name: str, files: list[Path], **engine: object) -> Store:
    store = Store(tmp_path / f"{name}.db")
    report = ingest_paths(store, files, **engine)
    assert report.ok, report.failed
    return store


def test_names_spelt_two_ways_and_an_acronym_join_across_texts(tmp_path):
    files = write(tmp_path / "docs", ["a.txt", "b.txt", "c.txt"])
    store = ingest(tmp_path, "one", files)
    assert partition(store) == {
        (
            "Karsh Liberation Front",
            "ORG",
            frozenset(
                {
                    ("a.txt", "Karsh Liberation Front"),
                    ("a.txt", "KLF"),
                    ("b.txt", "Karsh Liberation Front"),
                    ("c.txt", "KLF"),
                }
            ),
        ),
        (
            "Abou Zaid el-Harrani",
            "PERSON",
            frozenset({("a.txt", "Abou Zaid el-Harrani"), ("b.txt", "Abu Zaid al-Harrani")}),
        ),
        ("Tamar", "PLACE", frozenset({("b.txt", "Tamar")})),
        ("Velor Brigade", "ORG", frozenset({("c.txt", "Velor Brigade")})),
    }
    # what joined each text's mention of the group, for 'why'
    klf = store.conn.execute("SELECT id FROM entities WHERE name = 'Karsh Liberation Front'").fetchone()[0]
    assert [(s["doc"], s["name"], s["joined_by"]) for s in store.sources_of(klf)] == [
        ("a.txt", "Karsh Liberation Front", None),
        ("b.txt", "Karsh Liberation Front", "Karsh Liberation Front"),
        ("c.txt", "KLF", "KLF"),
    ]


def test_an_acronym_two_groups_share_joins_neither(tmp_path):
    store = ingest(tmp_path, "three", write(tmp_path / "docs", ["d.txt", "e.txt", "f.txt"]))
    assert partition(store) == {
        ("Sabil Brigade", "ORG", frozenset({("d.txt", "Sabil Brigade"), ("d.txt", "SB")})),
        ("Salt Battalion", "ORG", frozenset({("e.txt", "Salt Battalion"), ("e.txt", "SB")})),
        ("Iron Council", "ORG", frozenset({("e.txt", "Iron Council")})),
        ("SB", "ORG", frozenset({("f.txt", "SB")})),
    }
    # with one group of that acronym only, the bare acronym is that group's
    alone = ingest(tmp_path, "two", write(tmp_path / "docs", ["d.txt", "f.txt"]))
    assert partition(alone) == {
        ("Sabil Brigade", "ORG", frozenset({("d.txt", "Sabil Brigade"), ("d.txt", "SB"), ("f.txt", "SB")})),
    }
    # and a later text that makes it ambiguous takes it back off, its mentions with it
    later = ingest_paths(alone, write(tmp_path / "docs", ["e.txt"]))
    assert later.ok
    assert partition(alone) == partition(store)


def test_identifiers_join_different_names_and_keep_one_name_apart(tmp_path):
    store = ingest(tmp_path, "ids", write(tmp_path / "docs", ["g.txt", "h.txt", "i.txt"]))
    assert partition(store) == {
        ("Harakat Zarin", "ORG", frozenset({("g.txt", "Harakat Zarin"), ("h.txt", "Zarin Movement")})),
        ("Harakat Zarin", "ORG", frozenset({("i.txt", "Harakat Zarin")})),
        ("Dovran", "PLACE", frozenset({("g.txt", "Dovran")})),
        ("Iron Council", "ORG", frozenset({("h.txt", "Iron Council")})),
    }
    rows = store.conn.execute(
        "SELECT e.name, (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id),"
        " i.scheme, i.value FROM entity_ids i JOIN entities e ON e.id = i.entity_id"
        " ORDER BY i.value"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("Harakat Zarin", 2, "un", "QDe.901"), ("Harakat Zarin", 1, "un", "QDe.902")]


def test_a_person_never_merges_with_an_organisation(tmp_path):
    store = ingest(tmp_path, "types", write(tmp_path / "docs", ["j.txt", "k.txt"]))
    assert partition(store) == {
        ("Zarin Dawa", "PERSON", frozenset({("j.txt", "Zarin Dawa")})),
        ("Zarin Dawa", "ORG", frozenset({("k.txt", "Zarin Dawa")})),
        ("Iron Council", "ORG", frozenset({("j.txt", "Iron Council")})),
        ("Dovran", "PLACE", frozenset({("k.txt", "Dovran")})),
    }
    person = SourceNames("Zarin Dawa", "PERSON", frozenset({"Zarin Dawa"}))
    assert link(person, SourceNames("Zarin Dawa", "ORG", frozenset({"Zarin Dawa"}))) is None
    assert link(person, SourceNames("Zarin Dawa", "PERSON", frozenset({"Zarin Dawa"}))) == "Zarin Dawa"


def test_normalised_forms_of_names():
    assert match_key("Abou Mohammed el-Jawlani") == match_key("Abu Mohammed al-Jawlani") == "abu mohamed jawlani"
    assert match_key("AL-ZAWAHIRI, Ayman") == match_key("Ayman al-Zawahiri")
    assert match_key("ASBAT AL-ANSAR") == match_key("Asbat al-Ansar")
    a = SourceNames("Abu Mohammed al-Jawlani", "PERSON", frozenset({"Abu Mohammed al-Jawlani"}))
    assert link(a, SourceNames("Abu Muhammad al-Jawlani", "PERSON", frozenset({"Abu Muhammad al-Jawlani"})))
    assert link(a, SourceNames("Abu Mohammed al-Jaziri", "PERSON", frozenset({"Abu Mohammed al-Jaziri"}))) is None
    # a shorter form of a text's own main name does not join another entity of that shorter name
    aqi = SourceNames("Zarin Front in Dovran", "ORG", frozenset({"Zarin Front in Dovran", "Zarin Front"}))
    assert link(aqi, SourceNames("Zarin Front", "ORG", frozenset({"Zarin Front"}))) is None


def test_the_same_partition_in_any_order_and_with_two_workers(tmp_path):
    docs = write(tmp_path / "docs", sorted(TEXTS))
    shared, _ = find_documents([shared_corpus()])
    forward = ingest(tmp_path, "forward", [*docs, *shared])
    backward = ingest(tmp_path, "backward", list(reversed([*docs, *shared])))
    expected = partition(forward)
    assert len(expected) > 100
    assert partition(backward) == expected
    # two batches, the second given first, on two worker processes
    split = Store(tmp_path / "split.db")
    assert ingest_paths(split, shared[::2] + docs[1::2], workers=2).ok
    assert ingest_paths(split, shared[1::2] + docs[::2], workers=2).ok
    assert partition(split) == expected


def test_identifiers_are_shown_exported_and_explain_the_entity(tmp_path):
    TEXTS["l.txt"] = "In 2013 the Velor Brigade (Q4242) allied with the Sabil Brigade.\n"
    store = ingest(tmp_path, "why", write(tmp_path / "docs", ["d.txt", "g.txt", "h.txt", "l.txt"]))
    facts = {
        (f["subject"], f["relation"], f["object"], tuple(f["subject_ids"]), tuple(f["object_ids"]))
        for f in store.export_facts(with_ids=True)
    }
    assert facts == {
        ("Harakat Zarin", "founded_on", None, ("un:QDe.901",), ()),
        ("Harakat Zarin", "based_in", "Dovran", ("un:QDe.901",), ()),
        ("Harakat Zarin", "joined", "Iron Council", ("un:QDe.901",), ()),
        ("Sabil Brigade", "founded_on", None, (), ()),
        ("Velor Brigade", "allied_with", "Sabil Brigade", ("wikidata:Q4242",), ()),
    }
    # the profile and 'why' name the identifiers and what joined each text's name
    zarin = query.find_entity(store, "QDe.901")
    assert zarin["name"] == "Harakat Zarin" and query.find_entity(store, "un:qde.901") == zarin
    profile = store.entity(zarin["id"])
    assert profile["ids"] == ["un:QDe.901"]
    assert [(s["doc"], s["name"], s["joined_by"]) for s in profile["sources"]] == [
        ("g.txt", "Harakat Zarin", None),
        ("h.txt", "Zarin Movement", "un:QDe.901"),
    ]
    done = run_cli("why", "Zarin Movement", db=Path(store.path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"Harakat Zarin (ORG, id {zarin['id']}) — un:QDe.901"
    assert [[c.strip() for c in line.split("│")[1:4]] for line in done.stdout.splitlines() if line.count("│") == 4] == [
        ["g.txt", "Harakat Zarin", "(first to name it)"],
        ["h.txt", "Zarin Movement", "un:QDe.901"],
    ]
    # exports: CSV columns, and JSON-LD identifiers (a Wikidata id is also owl:sameAs its item)
    out = io.StringIO()
    export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(
        (r["subject"], r["relation"], r["subject_ids"], r["object_ids"]) for r in rows if r["subject_ids"]
    ) == [
        ("Harakat Zarin", "based_in", "un:QDe.901", ""),
        ("Harakat Zarin", "founded_on", "un:QDe.901", ""),
        ("Harakat Zarin", "joined", "un:QDe.901", ""),
        ("Velor Brigade", "allied_with", "wikidata:Q4242", ""),
    ]
    out = io.StringIO()
    export(store, "jsonld", out)
    nodes = {n["rdfs:label"]: n for n in json.loads(out.getvalue())["@graph"] if "rdfs:label" in n}
    assert nodes["Velor Brigade"]["owl:sameAs"] == [{"@id": "wd:Q4242"}]
    assert nodes["Harakat Zarin"]["schema:identifier"] == [
        {"@type": "schema:PropertyValue", "schema:propertyID": "un", "schema:value": "QDe.901"}
    ]
    assert "owl:sameAs" not in nodes["Harakat Zarin"] and "schema:identifier" not in nodes["Sabil Brigade"]


def test_a_database_from_before_sources_is_upgraded_and_resolves_against_its_entities(tmp_path):
    import sqlite3
    from datetime import UTC, datetime

    from factionmap.store import schema

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    schema.current_version(conn)
    for number, name, sql in [m for m in schema.MIGRATIONS if m[0] <= 3]:
        for statement in schema.statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, datetime.now(UTC).isoformat()))
    conn.execute(
        "INSERT INTO documents (id, name, sha256, encoding, text, ingested_at)"
        " VALUES (1, 'old.txt', 'x', 'utf-8', 'The Sabil Brigade fought.', '2026-01-01')"
    )
    conn.execute("INSERT INTO entities (id, key, name, type) VALUES (7, 'ORG:sabil brigade', 'Sabil Brigade', 'ORG')")
    conn.execute("INSERT INTO aliases VALUES (7, 'Sabil Brigade', 'sabil brigade'), (7, 'SB', 'sb')")
    conn.execute('INSERT INTO mentions (doc_id, entity_id, start, "end") VALUES (1, 7, 4, 17)')
    conn.commit()
    conn.close()
    store = Store(db)
    assert [(s["doc"], s["name"], sorted(s["names"]), s["joined_by"]) for s in store.sources_of(7)] == [
        ("old.txt", "Sabil Brigade", ["SB", "Sabil Brigade"], None)
    ]
    assert ingest_paths(store, write(tmp_path / "docs", ["d.txt"])).ok
    assert partition(store) == {
        ("Sabil Brigade", "ORG", frozenset({("old.txt", "Sabil Brigade"), ("d.txt", "Sabil Brigade"), ("d.txt", "SB")}))
    }


def test_a_text_that_joins_two_entities_merges_them_keeping_facts_reviews_and_ids(tmp_path):
    TEXTS["m.txt"] = "The Velor Movement attacked Tamar in 2011.\n"
    TEXTS["n.txt"] = "In 2013 the Karsh Liberation Front allied with the Sabil Brigade.\n"
    TEXTS["o.txt"] = "The Karsh Liberation Front, also known as the Velor Movement, was founded in 2009.\n"
    store = ingest(tmp_path, "merge", write(tmp_path / "docs", ["m.txt", "n.txt"]))
    velor, karsh = (query.find_entity(store, n)["id"] for n in ("Velor Movement", "Karsh Liberation Front"))
    ally = store.conn.execute("SELECT key FROM facts WHERE relation = 'allied_with'").fetchone()[0]
    curation.review(store, ally, "accepted", reviewer="ana")
    assert ingest_paths(store, write(tmp_path / "docs", ["o.txt"])).ok
    assert partition(store) == {
        (
            "Karsh Liberation Front",
            "ORG",
            frozenset(
                {
                    ("m.txt", "Velor Movement"),
                    ("n.txt", "Karsh Liberation Front"),
                    ("o.txt", "Karsh Liberation Front"),
                    ("o.txt", "Velor Movement"),
                }
            ),
        ),
        ("Sabil Brigade", "ORG", frozenset({("n.txt", "Sabil Brigade")})),
    }
    # the oldest id stays; the other redirects to it, as does its former key
    assert query.find_entity(store, velor)["id"] == query.find_entity(store, karsh)["id"] == min(velor, karsh)
    # the merged entity's key follows its main name; the key it had before redirects
    assert store.conn.execute("SELECT key FROM entities WHERE id = ?", (min(velor, karsh),)).fetchone()[0] == (
        f"ORG:{norm('Karsh Liberation Front')}"
    )
    assert store.redirect("ORG:velor movement") == min(velor, karsh)
    rows = store.conn.execute(
        "SELECT s.name, f.relation, o.name, f.status, f.key FROM facts f JOIN entities s"
        " ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id"
        " ORDER BY f.relation"
    ).fetchall()
    assert [tuple(r)[:4] for r in rows] == [
        ("Karsh Liberation Front", "allied_with", "Sabil Brigade", "accepted"),
        ("Karsh Liberation Front", "founded_on", None, "machine"),
    ]
    # the review follows its fact to the fact's new key
    assert [r[0] for r in store.conn.execute("SELECT fact_key FROM reviews")] == [rows[0]["key"]]


LISTED = {
    "p1.txt": "TAMER NIZAR EL ZARID VASHTI\nTamer Nizar el Zarid Vashti was listed on 4 May 2006 for his support to "
    "the Dovran Salvation Front.\n",
    "p2.txt": "The Dovran Salvation Front was funded by Tamer Nizar el Zarid Vashti and by Rafiq Hamad Rafiq "
    "al-'Umari in 2004. Its emir, Abu Kamal al-Dorani, listed as Kamal Idris Kamal Ali al Zarida al Dorani, fled "
    "to Kenya with Ruben Salvo Dorado, Jr. in 2005.\n",
    "p3.txt": "KAMAL IDRIS KAMAL ALI AL-ZARIDA AL-DORANI\nKamal Idris Kamal Ali Al-Zarida Al-Dorani was listed on 5 "
    "October 2014. He was deputy to Magomet Zarkovich Dalrkhmanov and to RUBEN SALVO DORADO.\n",
    "p4.txt": "In 2016 Kamal Idris Kamal Ali al-Zaridu al-Dorani met Magomet Zarkovich Dalrahmanov and Rafiq "
    "Hamad Rafiq al-'Umari in Kenya.\n",
}


def test_headline_and_listed_names_join_their_person_across_spellings(tmp_path):
    # capitals, articles written apart or joined, ", Jr." left out, one word of a long name spelt otherwise
    # ("al-Zaridu"), a last name transliterated two ways ("Dalrkhmanov"): one person each
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in LISTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = ingest(tmp_path, "listed", sorted(folder.glob("*.txt")))
    assert partition(store) == {
        (
            "Tamer Nizar el Zarid Vashti",
            "PERSON",
            frozenset(
                {
                    ("p1.txt", "TAMER NIZAR EL ZARID VASHTI"),
                    ("p1.txt", "Tamer Nizar el Zarid Vashti"),
                    ("p2.txt", "Tamer Nizar el Zarid Vashti"),
                }
            ),
        ),
        (
            "Dovran Salvation Front",
            "ORG",
            frozenset({("p1.txt", "Dovran Salvation Front"), ("p2.txt", "Dovran Salvation Front")}),
        ),
        (
            "Rafiq Hamad Rafiq al-'Umari",
            "PERSON",
            frozenset({("p2.txt", "Rafiq Hamad Rafiq al-'Umari"), ("p4.txt", "Rafiq Hamad Rafiq al-'Umari")}),
        ),
        ("Abu Kamal al-Dorani", "PERSON", frozenset({("p2.txt", "Abu Kamal al-Dorani")})),
        (
            "Kamal Idris Kamal Ali Al-Zarida Al-Dorani",
            "PERSON",
            frozenset(
                {
                    ("p2.txt", "Kamal Idris Kamal Ali al Zarida al Dorani"),
                    ("p3.txt", "KAMAL IDRIS KAMAL ALI AL-ZARIDA AL-DORANI"),
                    ("p3.txt", "Kamal Idris Kamal Ali Al-Zarida Al-Dorani"),
                    ("p4.txt", "Kamal Idris Kamal Ali al-Zaridu al-Dorani"),
                }
            ),
        ),
        ("Kenya", "PLACE", frozenset({("p2.txt", "Kenya"), ("p4.txt", "Kenya")})),
        (
            "Ruben Salvo Dorado, Jr.",
            "PERSON",
            frozenset({("p2.txt", "Ruben Salvo Dorado, Jr."), ("p3.txt", "RUBEN SALVO DORADO")}),
        ),
        (
            "Magomet Zarkovich Dalrahmanov",
            "PERSON",
            frozenset({("p3.txt", "Magomet Zarkovich Dalrkhmanov"), ("p4.txt", "Magomet Zarkovich Dalrahmanov")}),
        ),
    }
    # one slip in a name of four words or more joins; in a shorter name, or two slips, it does not
    long = SourceNames("Kamal Idris Kamal al-Zarida", "PERSON", frozenset({"Kamal Idris Kamal al-Zarida"}))
    assert link(long, SourceNames("Kamal Idris Kamal al-Zaridu", "PERSON", frozenset({"Kamal Idris Kamal al-Zaridu"})))
    assert (
        link(long, SourceNames("Kamal Idris Kemil al-Zaridu", "PERSON", frozenset({"Kamal Idris Kemil al-Zaridu"})))
        is None
    )
    short = SourceNames("Kamal al-Zarida", "PERSON", frozenset({"Kamal al-Zarida"}))
    assert link(short, SourceNames("Kamal al-Zaridu", "PERSON", frozenset({"Kamal al-Zaridu"}))) is None


def test_a_listed_person_is_designated_by_the_body_on_the_listing_date(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "listing.txt").write_text(
        "TAMER NIZAR EL ZARID VASHTI\nTamer Nizar el Zarid Vashti was listed on 4 May 2006 pursuant to paragraph 2 "
        "of resolution 1617 (2005) as being associated with the Zarqa Front (QDe.901). The Zarqa Front is led by "
        "Abu Kamal al-Dorani, listed as Kamal Idris Kamal Ali al-Dorani (QDi.902).\n",
        encoding="utf-8",
    )
    store = ingest(tmp_path, "listed", [folder / "listing.txt"])
    designations = {
        (f["subject"], f["object"], f["date"], f["evidence"][0]["text"][:40])
        for f in store.export_facts()
        if f["relation"] == "designated"
    }
    assert designations == {
        (
            "Tamer Nizar el Zarid Vashti",
            "United Nations Security Council",
            "2006-05-04",
            "Tamer Nizar el Zarid Vashti was listed o",
        ),
        ("Abu Kamal al-Dorani", "United Nations Security Council", None, "Abu Kamal al-Dorani, listed as Kamal Idr"),
    }
    # the profile lists the designation with its body and date; the timeline shows it dated
    tamer = query.find_entity(store, "Tamer Nizar el Zarid Vashti")
    profile = store.entity(tamer["id"])
    assert [(f["relation"], f["object"], f["date"], f["phrase"]) for f in profile["facts"]] == [
        ("designated", "United Nations Security Council", "2006-05-04", "was designated by")
    ]
    done = run_cli("query", "timeline", "Tamer Nizar el Zarid Vashti", "--json", db=Path(store.path))
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["relation"], r["object"], r["date"]) for r in rows["facts"]] == [
        ("designated", "United Nations Security Council", "2006-05-04")
    ]


def test_names_over_time_are_stored_shown_in_why_and_the_profile_and_exported(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The Zarqa Front (formerly the Dovran Brigade) attacked Kenya in 2015.\n", encoding="utf-8"
    )
    (folder / "b.txt").write_text("In 2017 the Zarqa Front was renamed Harakat Zarqa.\n", encoding="utf-8")
    store = ingest(tmp_path, "names", [folder / "a.txt", folder / "b.txt"])
    zarqa = query.find_entity(store, "Harakat Zarqa")
    assert query.find_entity(store, "Dovran Brigade") == zarqa
    expected = [
        ("Dovran Brigade", "former", None, None, "former name", "a.txt"),
        ("Zarqa Front", "current", None, None, "later name", "a.txt"),
        ("Zarqa Front", "former", None, "2017", "former name, until 2017", "b.txt"),
        ("Harakat Zarqa", "current", "2017", None, "since 2017", "b.txt"),
    ]
    rows = store.entity(zarqa["id"])["names_over_time"]
    assert [(r["name"], r["status"], r["since"], r["until"], r["text"], r["doc"]) for r in rows] == expected
    done = run_cli("why", "Harakat Zarqa", db=Path(store.path))
    assert done.returncode == 0, done.stderr
    table = done.stdout.split("names over time")[1]
    assert [[c.strip() for c in line.split("│")[1:4]] for line in table.splitlines() if line.count("│") == 4] == [
        [name, text, doc] for name, _s, _a, _b, text, doc in expected
    ]
    out = io.StringIO()
    export(store, "jsonld", out)
    nodes = {n["rdfs:label"]: n for n in json.loads(out.getvalue())["@graph"] if "rdfs:label" in n}
    assert nodes[zarqa["name"]]["fm:namesOverTime"] == [
        {"wdt:P1448": "Dovran Brigade", "fm:status": "former"},
        {"wdt:P1448": "Zarqa Front", "fm:status": "current"},
        {"wdt:P1448": "Zarqa Front", "fm:status": "former", "pq:P582": {"@value": "2017", "@type": "edtf"}},
        {"wdt:P1448": "Harakat Zarqa", "fm:status": "current", "pq:P580": {"@value": "2017", "@type": "edtf"}},
    ]


def test_a_renamed_group_goes_by_its_new_name_though_more_texts_use_the_old(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The Zarqa Front attacked Kenya in 2015.\n", encoding="utf-8")
    (folder / "b.txt").write_text("The Zarqa Front fought in Kenya in 2016.\n", encoding="utf-8")
    (folder / "c.txt").write_text("In 2017 the Zarqa Front was renamed Harakat Zarqa.\n", encoding="utf-8")
    for order in ("abc", "cba"):
        store = ingest(tmp_path, f"renamed-{order}", [folder / f"{x}.txt" for x in order])
        zarqa = query.find_entity(store, "Zarqa Front")
        assert zarqa["name"] == "Harakat Zarqa"
        assert query.find_entity(store, "Harakat Zarqa") == zarqa


BRANCH = {
    # a branch named after its parent and its province, abbreviated with the parent's acronym and the province's
    # letter; the second text translates the parent's place ("the Levant" where the first text's acronym read
    # "Syria"/"al-Sham") and leaves "Province" out
    "q1.txt": "The Velor State – Karsh Province (VSTS–K) is a branch of the Velor State active in Karsh. In 2016 the "
    "VSTS–K attacked Tamar.\n",
    "q2.txt": "The Velor State of Tamar and the Levant - Karsh (VSTL-K) was founded in 2015. In 2018 VSTL-K attacked "
    "Dovran.\n",
    # a look-alike: the same acronym spelt out as another group
    "q3.txt": "The Velor Salvation Tigers Syndicate – Karsh (VSTS-K) attacked Dovran in 2017.\n",
    # the bare acronym, which fits both groups: it joins neither
    "q4.txt": "In 2019 the VSTS-K attacked Karsh.\n",
    # the parent under its short name, which one text gives with its acronym (quoted), and under its full name
    "q5.txt": 'In 2014 Rafiq Hamad swore allegiance to the "Velor State" (VSTL) and its caliph.\n',
    "q6.txt": "The Velor State of Tamar and the Levant (VSTL) was founded in 2013 in Dovran.\n",
    # a branch named by its place and its parent's acronym: the one group that spells out both, if only one does
    "q7.txt": "In February 2015 the Zarqa Battalion became part of the Karsh branch of VSTS. The Dovran branch of VSTS "
    "was founded in 2016.\n",
    # the parent's full name with its place under another name
    "q8.txt": "In 2016 the Velor State of Tamar and Syria attacked Dovran.\n",
}


def test_a_branch_abbreviated_from_a_translated_parent_name_is_one_entity_and_a_look_alike_stays_apart(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in BRANCH.items():
        (folder / name).write_text(text, encoding="utf-8")
    files = sorted(folder.glob("*.txt"))
    store = ingest(tmp_path, "branch", files)
    expected = {
        (
            "Velor State – Karsh Province",
            "ORG",
            frozenset(
                {
                    ("q1.txt", "Velor State – Karsh Province"),
                    ("q1.txt", "VSTS–K"),
                    ("q2.txt", "Velor State of Tamar and the Levant - Karsh"),
                    ("q2.txt", "VSTL-K"),
                }
            ),
        ),
        (
            "Velor State",
            "ORG",
            frozenset(
                {
                    ("q1.txt", "Velor State"),
                    ("q5.txt", "Velor State"),
                    ("q5.txt", "VSTL"),
                    ("q6.txt", "Velor State of Tamar and the Levant"),
                    ("q6.txt", "VSTL"),
                    ("q7.txt", "VSTS"),
                    ("q8.txt", "Velor State of Tamar and Syria"),
                }
            ),
        ),
        (
            "Velor Salvation Tigers Syndicate – Karsh",
            "ORG",
            frozenset({("q3.txt", "Velor Salvation Tigers Syndicate – Karsh"), ("q3.txt", "VSTS-K")}),
        ),
        ("VSTS-K", "ORG", frozenset({("q4.txt", "VSTS-K")})),
        # the branch named by place and acronym fits both groups that spell "VSTS-K" out with Karsh: neither
        ("Karsh branch of VSTS", "ORG", frozenset({("q7.txt", "Karsh branch of VSTS")})),
        ("Dovran branch of VSTS", "ORG", frozenset({("q7.txt", "Dovran branch of VSTS")})),
        ("Zarqa Battalion", "ORG", frozenset({("q7.txt", "Zarqa Battalion")})),
        ("Karsh", "PLACE", frozenset({("q1.txt", "Karsh")})),
        ("Rafiq Hamad", "PERSON", frozenset({("q5.txt", "Rafiq Hamad")})),
        ("Dovran", "PLACE", frozenset({("q6.txt", "Dovran")})),
    }
    assert partition(store) == expected
    # what joined the second text's name: the acronym the first text writes, which the second spells out
    branch = query.find_entity(store, "VSTL-K")
    assert [(s["doc"], s["name"], s["joined_by"]) for s in store.sources_of(branch["id"])] == [
        ("q1.txt", "Velor State – Karsh Province", None),
        ("q2.txt", "Velor State of Tamar and the Levant - Karsh", "VSTS–K"),
    ]
    # the same entities in the other order
    assert partition(ingest(tmp_path, "reversed", files[::-1])) == expected
    # without the look-alike, the branch named by place and acronym is the one group's
    alone = ingest(tmp_path, "alone", [f for f in files if f.name not in ("q3.txt", "q4.txt")])
    assert {
        (name, etype, mentions)
        for name, etype, mentions in partition(alone)
        if any(doc in ("q1.txt", "q2.txt") for doc, _surface in mentions)
    } == {
        (
            "Velor State – Karsh Province",
            "ORG",
            frozenset(
                {
                    ("q1.txt", "Velor State – Karsh Province"),
                    ("q1.txt", "VSTS–K"),
                    ("q2.txt", "Velor State of Tamar and the Levant - Karsh"),
                    ("q2.txt", "VSTL-K"),
                    ("q7.txt", "Karsh branch of VSTS"),
                }
            ),
        ),
        (
            "Velor State",
            "ORG",
            frozenset(
                {
                    ("q1.txt", "Velor State"),
                    ("q5.txt", "Velor State"),
                    ("q5.txt", "VSTL"),
                    ("q6.txt", "Velor State of Tamar and the Levant"),
                    ("q6.txt", "VSTL"),
                    ("q7.txt", "VSTS"),
                    ("q8.txt", "Velor State of Tamar and Syria"),
                }
            ),
        ),
        ("Karsh", "PLACE", frozenset({("q1.txt", "Karsh")})),
    }
    # pairwise: the acronym spelt out with the place under another name joins; the look-alike's does not
    q1 = SourceNames("Velor State – Karsh Province", "ORG", frozenset({"Velor State – Karsh Province", "VSTS–K"}))
    q2 = SourceNames(
        "Velor State of Tamar and the Levant - Karsh",
        "ORG",
        frozenset({"Velor State of Tamar and the Levant - Karsh", "VSTL - K"}),
    )
    q3 = SourceNames(
        "Velor Salvation Tigers Syndicate – Karsh",
        "ORG",
        frozenset({"Velor Salvation Tigers Syndicate – Karsh", "VSTS-K"}),
    )
    assert q2.acronyms == {"vstl k", "vsts k"} and q1.acronyms == {"vsts k"}
    assert link(q1, q2) == "VSTS–K"
    assert link(q1, q3) is None and link(q2, q3) is None
    # one acronym that two names spell out, with a place's other name or not, stays two groups
    other = SourceNames("Velor State of Tamar and Syria", "ORG", frozenset({"Velor State of Tamar and Syria", "VSTS"}))
    assert (
        link(
            other, SourceNames("Velor Sons of Tamar Society", "ORG", frozenset({"Velor Sons of Tamar Society", "VSTS"}))
        )
        is None
    )


@pytest.mark.slow
def test_the_three_shared_corpora_give_one_isis_k_part_of_one_islamic_state(tmp_path, monkeypatch, three_corpora):
    store = three_corpora  # ingested with the model, as `factionmap ingest` extracts
    monkeypatch.setenv("FACTIONMAP_EXTRACTOR", "model")  # and so are the orders below
    assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 412
    tree = query.lineage(store, "ISIS-K")
    branch = tree["entity"]["id"]
    # the article's names and the UN summaries' names of the branch are one entity
    for name in (
        "ISIS–K",
        "Islamic State – Khorasan Province",
        "Khorasan branch of ISIS",
        "ISIL-K",
        "Islamic State in Iraq and the Levant - Khorasan",
    ):
        assert query.find_entity(store, name)["id"] == branch, name
    assert {s["doc"] for s in store.sources_of(branch)} == {
        "isis-k.txt",
        "QDe.161.txt",
        "QDi.431.txt",
        "QDi.434.txt",
        "QDi.435.txt",
    }
    # it is part of one group, which every text's name of the Islamic State denotes
    parents = {n["entity"]["id"] for n in tree["lineage"] if n["kind"] == "part of"}
    assert len(parents) == 1
    for name in (
        "Islamic State",
        "ISIS",
        "ISIL",
        "Islamic State of Iraq and the Levant",
        "Islamic State in Iraq and Syria",
    ):
        assert query.find_entity(store, name)["id"] in parents, name
    # and no chained merge: Al-Qaida, Al-Qaida in Iraq and the Islamic State stay three; Khorasan stays a place
    assert len({query.find_entity(store, n)["id"] for n in ("Al-Qaida", "Al-Qaida in Iraq", "ISIL")}) == 3
    assert query.find_entity(store, "Khorasan")["type"] == "PLACE"
    # no rivalry or alliance between two names of one group
    assert (
        store.conn.execute(
            "SELECT COUNT(*) FROM facts WHERE subject_id = object_id AND relation IN ('rival_of', 'allied_with')"
        ).fetchone()[0]
        == 0
    )
    # the same entities whatever the order, and on two worker processes (the order test, on all three)
    files, _ = find_documents([shared_corpus(), SHARED / "corpus-wiki", SHARED / "corpus-un"])
    expected = partition(store)
    backward = Store(tmp_path / "backward.db")
    assert ingest_paths(backward, files[::-1]).ok
    assert partition(backward) == expected
    two = Store(tmp_path / "two.db")
    assert ingest_paths(two, files[1::2], workers=2).ok
    assert ingest_paths(two, files[::2], workers=2).ok
    assert partition(two) == expected
