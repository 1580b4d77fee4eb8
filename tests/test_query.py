"""Time-aware queries on an invented two-document corpus, with exact answers."""

import pytest

from factionmap import query
from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .conftest import TIME_CORPUS, run_cli


def held(store, date, around="RCF"):
    return sorted(
        (f["subject"], f["relation"], f["object"] or f["value"], f["certainty"])
        for f in query.asof(store, date, around=around)["facts"]
    )


def test_a_joining_holds_until_the_splinter_that_ends_it(kb):
    assert held(kb, "2013-06") == [
        ("Blue Valley Brigade", "joined", "Red Crescent Front", "asserted"),
        ("Mullah Karim Zahid", "leader_of", "Red Crescent Front", "asserted"),
        ("Red Crescent Front", "allegiance_to", "Grand Emirate", "asserted"),
    ]
    in_2014 = held(kb, "2014-06")
    assert ("Blue Valley Brigade", "joined", "Red Crescent Front", "asserted") not in in_2014
    assert ("Blue Valley Brigade", "splinter_of", "Red Crescent Front", "asserted") in in_2014
    joined = next(f for f in query.asof(kb, "2013", around="RCF")["facts"] if f["relation"] == "joined")
    assert (joined["holds_from"], joined["holds_until"]) == ("2012-03-01", "2014-01-01")


def test_a_year_only_event_holds_over_that_year_and_a_rivalry_holds_on(kb):
    assert ("Red Crescent Front", "rival_of", "Grey Wolves Front", "asserted") in held(kb, "2016-06")
    assert ("Grey Wolves Front", "rival_of", "Red Crescent Front", "denied") in held(kb, "2016-06")
    # a rivalry is a connection: it holds until another kind forms between the two; a denial does not
    assert [f for f in held(kb, "2019-01") if f[1] == "rival_of"] == [
        ("Red Crescent Front", "rival_of", "Grey Wolves Front", "asserted")
    ]
    assert ("Mullah Karim Zahid", "founded", "Red Crescent Front", "asserted") in held(kb, "2010-06")
    assert ("Mullah Karim Zahid", "founded", "Red Crescent Front", "asserted") not in held(kb, "2011-01")


def test_an_uncertain_date_stays_visible_as_such(kb):
    f = next(f for f in query.asof(kb, "2013-06", around="RCF")["facts"] if f["relation"] == "allegiance_to")
    assert f["date"] == "2013-38"
    assert f["uncertain_date"] is True
    assert f["holds_from"] == "2013-05-01"
    assert held(kb, "2013-03") == [
        ("Blue Valley Brigade", "joined", "Red Crescent Front", "asserted"),
        ("Mullah Karim Zahid", "leader_of", "Red Crescent Front", "asserted"),
    ]


def test_leadership_ends_at_death_and_succession(kb):
    rows = query.leaders(kb, "red crescent front")["leaders"]
    assert [(r["subject"], r["value"], r["holds_from"], r["holds_until"]) for r in rows] == [
        ("Mullah Karim Zahid", "emir", "2011-01-01", "2015-06-01"),
        ("Qari Nasir Akbar", "emir", "2015-07-01", None),
    ]
    assert rows[0]["evidence"][0]["text"] == "In 2011, Mullah Karim Zahid became the emir of the Red Crescent Front."


def test_members_funding_timeline_and_lineage(kb):
    assert [(m["value"], m["date"], m["certainty"]) for m in query.members(kb, "RCF")["members"]] == [
        (1200, "2014", "claimed"),
        (900, "2014", "reported"),
    ]
    money = query.funding(kb, "RCF")
    assert [(f["object"], f["value"]) for f in money["in"]] == [("Amber Charity Trust", 60)]
    assert query.funding(kb, "Amber Charity Trust")["out"][0]["subject"] == "Red Crescent Front"
    events = [(f["date"], f["relation"]) for f in query.timeline(kb, "RCF")["facts"]]
    assert events == [
        ("2010", "founded_on"),
        ("2010", "founded"),
        ("2011", "leader_of"),
        ("2012-03", "joined"),
        ("2013-38", "allegiance_to"),
        ("2014", "splinter_of"),
        ("2014", "membership"),
        ("2014", "membership"),
        ("2015-07", "leader_of"),
        ("2016", "rival_of"),
        ("2016", "rival_of"),
    ]
    tree = query.lineage(kb, "RCF")["lineage"]
    assert [(n["kind"], n["entity"]["name"], n["date"]) for n in tree] == [
        ("joined by", "Blue Valley Brigade", "2012-03"),
        ("splinter", "Blue Valley Brigade", "2014"),
    ]


def test_paths_and_contradictions(kb):
    p = query.path(kb, "Blue Valley Brigade", "Dovran Province")["paths"]
    assert [[(f["subject"], f["relation"], f["object"]) for f in steps] for steps in p][0] == [
        ("Blue Valley Brigade", "joined", "Red Crescent Front"),
        ("Red Crescent Front", "rival_of", "Grey Wolves Front"),
        ("Grey Wolves Front", "based_in", "Dovran Province"),
    ]
    assert query.path(kb, "Blue Valley Brigade", "Dovran Province", date="2013-01")["paths"] == []
    kinds = {c["kind"]: c["facts"] for c in query.contradictions(kb)}
    assert sorted(kinds) == ["a claim and its denial", "membership figures that disagree"]
    assert sorted(f["certainty"] for f in kinds["a claim and its denial"]) == ["asserted", "denied"]
    assert sorted(f["value"] for f in kinds["membership figures that disagree"]) == [900, 1200]


def test_names_resolve_by_alias_case_and_accents_and_ambiguity_is_reported(kb, tmp_path):
    assert query.find_entity(kb, "rcf")["name"] == "Red Crescent Front"
    assert query.find_entity(kb, "RED CRESCENT FRONT")["name"] == "Red Crescent Front"
    with pytest.raises(query.UnknownEntity):
        query.find_entity(kb, "Nonexistent Front")
    kb.conn.execute("INSERT INTO entities (key, name, type) VALUES ('ORG:rcf other', 'Rural Council Forces', 'ORG')")
    other = kb.conn.execute("SELECT id FROM entities WHERE name = 'Rural Council Forces'").fetchone()[0]
    kb.conn.execute("INSERT INTO aliases (entity_id, alias, norm) VALUES (?, 'RCF', 'rcf')", (other,))
    with pytest.raises(query.AmbiguousName) as e:
        query.find_entity(kb, "RCF")
    assert [c["name"] for c in e.value.candidates] == ["Red Crescent Front", "Rural Council Forces"]


def test_full_text_search_ranks_documents_and_names(kb):
    found = query.search(kb, "Dovran")
    assert [d["name"] for d in found["documents"]] == ["grey-wolves.txt"]
    assert [e["name"] for e in found["entities"]] == ["Dovran Province"]
    # several words: the phrase first; both documents hold "Front" and "Grey", only one the name
    found = query.search(kb, "grey wolves front")
    assert [d["name"] for d in found["documents"]] == ["grey-wolves.txt", "red-crescent.txt"]
    assert [e["name"] for e in found["entities"]] == ["Grey Wolves Front"]
    found = query.search(kb, "Front Grey")  # no document holds the phrase: every word anywhere
    assert sorted(d["name"] for d in found["documents"]) == ["grey-wolves.txt", "red-crescent.txt"]
    assert [e["name"] for e in found["entities"]] == ["Grey Wolves Front"]


def test_grade_filter(kb):
    from factionmap.curation import grade

    grade(kb, "grey-wolves.txt", "E", "5")
    grade(kb, "red-crescent.txt", "B", "2")
    both = query.asof(kb, "2016-06", around="Grey Wolves Front")["facts"]
    good = query.asof(kb, "2016-06", around="Grey Wolves Front", grade=query.Grade.parse("B2"))["facts"]
    assert len(both) == 2
    assert [f["certainty"] for f in good] == ["asserted"]


def test_query_cli_outputs(tmp_path):
    db = tmp_path / "q.db"
    run_cli("ingest", str(TIME_CORPUS), db=db)
    r = run_cli("query", "leaders", "RCF", "--csv", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[:3] == [
        "subject,value,date,holds_from,holds_until,certainty,evidence",
        "Mullah Karim Zahid,emir,2011,2011-01-01,2015-06-01,asserted,"
        '"In 2011, Mullah Karim Zahid became the emir of the Red Crescent Front."',
        "Qari Nasir Akbar,emir,2015-07,2015-07-01,,asserted,"
        '"In July 2015, Qari Nasir Akbar became the emir of the Red Crescent Front."',
    ]
    r = run_cli("query", "asof", "2013-06", "--around", "Nowhere Front", db=db)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: no entity named 'Nowhere Front': try 'factionmap query search Nowhere Front'"
    r = run_cli("query", "path", "Blue Valley Brigade", "Dovran Province", db=db)
    assert r.stdout.splitlines()[0] == (
        "1. Blue Valley Brigade joined Red Crescent Front [asserted] ; Red Crescent Front was a rival of Grey Wolves "
        "Front [asserted] ; Grey Wolves Front was based in Dovran Province [asserted]"
    )


def test_figures_are_svg_with_every_fact(tmp_path):
    import xml.etree.ElementTree as ET

    db = tmp_path / "f.db"
    run_cli("ingest", str(TIME_CORPUS), db=db)
    out = tmp_path / "t.svg"
    r = run_cli("figure", "timeline", "RCF", "-o", str(out), db=db)
    assert r.returncode == 0, r.stderr
    svg = ET.parse(out).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.tag == f"{ns}svg"
    assert len(svg.findall(f"{ns}circle")) == 11
    assert "Blue Valley Brigade joined Red Crescent Front" in [t.text for t in svg.iter(f"{ns}text")]
    r = run_cli("figure", "members", "RCF", "-o", str(tmp_path / "m.svg"), db=db)
    chart = ET.parse(tmp_path / "m.svg").getroot()
    assert len(chart.findall(f"{ns}rect")) == 2
    assert [t.text for t in chart.iter(f"{ns}text")][1:] == [
        "1,200",
        "0",
        "2014",
        "1,200 (claimed)",
        "2014",
        "900 (reported)",
    ]
    # the same figure as PNG: twice the SVG's size, with the bars drawn in their colour
    from PIL import Image

    r = run_cli("figure", "members", "RCF", "-o", str(tmp_path / "m.png"), db=db)
    assert (r.returncode, r.stdout.strip()) == (0, f"wrote {tmp_path / 'm.png'}")
    with Image.open(tmp_path / "m.png") as img:
        assert img.format == "PNG" and img.size == (1280, 560)
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
    assert max(colours)[1] == (255, 255, 255)  # white background
    assert any(c == (0x1E, 0x88, 0xE5) for _n, c in colours)  # a full bar
    r = run_cli("figure", "members", "RCF", "-o", str(tmp_path / "m.gif"), db=db)
    assert r.stderr.strip() == f"error: {tmp_path / 'm.gif'}: the figure's file name must end in .svg or .png"
    r = run_cli("figure", "members", "Blue Valley Brigade", "-o", str(tmp_path / "x.svg"), db=db)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: 'Blue Valley Brigade' has no membership figures to draw"


def test_a_merger_holds_after_its_date_and_ends_the_merged_groups_ties(tmp_path):
    store = Store(tmp_path / "m.db")
    doc = tmp_path / "merger.txt"
    doc.write_text(
        "In 2012, the Green Arrow Brigade joined the Sabil Front. "
        "In March 2014, the Green Arrow Brigade merged into the United Karvan Front.\n"
    )
    assert ingest_paths(store, [doc]).ok
    assert held(store, "2013", around="Green Arrow Brigade") == [
        ("Green Arrow Brigade", "joined", "Sabil Front", "asserted")
    ]
    assert held(store, "2016-06", around="Green Arrow Brigade") == [
        ("Green Arrow Brigade", "merged_into", "United Karvan Front", "asserted")
    ]
    merged = query.asof(store, "2016-06", around="United Karvan Front")["facts"][0]
    assert (merged["holds_from"], merged["holds_until"]) == ("2014-03-01", None)


def test_a_part_of_a_decade_holds_over_its_years_and_is_uncertain(tmp_path):
    doc = tmp_path / "dorn.txt"
    doc.write_text("The Dorn Front was founded in the early 1990s by Ali Bar.\n", encoding="utf-8")
    store = Store(tmp_path / "d.db")
    assert ingest_paths(store, [doc]).ok
    facts = [f for f in query.asof(store, "1992", around="Dorn Front")["facts"] if f["relation"] == "founded"]
    assert [(f["subject"], f["date"], f["uncertain_date"], f["holds_from"]) for f in facts] == [
        ("Ali Bar", "[1990..1993]", True, "1990-01-01")
    ]
    assert [f for f in query.asof(store, "1995", around="Dorn Front")["facts"] if f["relation"] == "founded"] == []
