"""Honest time: relations end by documented rules, report time apart from event time, dates and relations
in words, certainty visible, contradictions by general rules — each on small invented texts."""

import sqlite3
from pathlib import Path

import pytest

from factionmap import query, wording
from factionmap.ingest import ingest_paths
from factionmap.store import Store, published_by
from factionmap.store.schema import MIGRATIONS, statements

from .conftest import HERE, TIME_CORPUS, run_cli, shared_corpus

ENDS_CORPUS = HERE / "corpus-ends"


@pytest.fixture
def ends(tmp_path: Path) -> Store:
    """The invented corpus of deaths, successions, leavings, mergers and turned alliances."""
    store = Store(tmp_path / "ends.db")
    assert ingest_paths(store, [ENDS_CORPUS]).ok
    return store


def spans(store: Store, relation: str, subject: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """(holds from, holds until, the rule that ended it, the ending fact's words) of a subject's facts."""
    facts = [
        f for f in query.timeline(store, subject)["facts"] if f["subject"] == subject and f["relation"] == relation
    ]
    placed = {
        f["id"]: f for day in {f["earliest"] for f in facts} for f in query.asof(store, day, around=subject)["facts"]
    }
    return [
        (
            placed[f["id"]]["holds_from"],
            placed[f["id"]]["holds_until"],
            (placed[f["id"]]["ended_by"] or {}).get("rule"),
            (placed[f["id"]]["ended_by"] or {}).get("text"),
        )
        for f in facts
    ]


def test_dates_in_words():
    cases = {
        "2015-37": "early 2015",
        "2015-38": "mid 2015",
        "2015-39": "late 2015",
        "2016-23": "autumn 2016",
        "2016-21": "spring 2016",
        "2014~": "c. 2014",
        "2014?": "2014?",
        "199X": "1990s",
        "19XX": "1900s",
        "2013/2016": "2013–2016",
        "../2016-05": "by May 2016",
        "2014/..": "since 2014",
        "2015-02-09": "9 February 2015",
        "2015-02": "February 2015",
        "2015": "2015",
        "": "",
    }
    assert {k: wording.date_text(k) for k in cases} == cases
    assert wording.when_text({"date": None, "start": "2013", "end": "2016-37"}) == "2013–early 2016"
    assert wording.when_text({"date": None, "start": "2014", "end": None}) == "since 2014"
    assert wording.when_text({"date": None, "start": None, "end": "2014-24"}) == "until winter 2014"
    assert wording.holds_text("2015-02-09", "2015-02-09") == "9 February 2015"
    assert wording.holds_text("2011-01-01", None) == "since 1 January 2011"
    assert wording.holds_text("2011-01-01", "2015-06-01") == "1 January 2011 – 1 June 2015"


def test_relations_read_both_ways():
    assert [
        (r, wording.phrase(r), wording.phrase(r, backward=True))
        for r in ("killed", "splinter_of", "leader_of", "allegiance_to", "merged_into", "successor_of")
    ] == [
        ("killed", "was killed by", "killed"),
        ("splinter_of", "split from", "had as a splinter"),
        ("leader_of", "led", "was led by"),
        ("allegiance_to", "pledged allegiance to", "received allegiance from"),
        ("merged_into", "merged into", "absorbed"),
        ("successor_of", "succeeded", "was succeeded by"),
    ]
    assert wording.phrase("killed", has_object=False) == "died or was killed"
    assert wording.phrase("some_new_relation") == "some new relation"
    assert (
        wording.sentence({"subject": "A", "relation": "leader_of", "object": "B", "value": "emir"}) == "A was emir of B"
    )
    assert (
        wording.sentence({"subject": "B", "relation": "membership", "object": None, "value": 1000, "value_high": 1100})
        == "B had 1,000–1,100 members"
    )


def test_death_ends_a_role_even_one_stated_in_the_sentence_of_the_death(ends, kb):
    assert spans(ends, "leader_of", "Qari Sabir") == [
        ("2016-02-09", "2016-02-09", "death", "Qari Sabir died or was killed (9 February 2016)")
    ]
    assert spans(kb, "leader_of", "Mullah Karim Zahid") == [
        ("2011-01-01", "2015-06-01", "death", "Mullah Karim Zahid died or was killed (June 2015)")
    ]


def test_a_successor_in_the_same_role_ends_a_leadership(ends):
    assert spans(ends, "leader_of", "Abu Talib") == [
        ("2012-01-01", "2014-01-01", "successor", "Abu Layth was emir of Stone Brigade (2014)")
    ]
    assert spans(ends, "leader_of", "Abu Layth") == [("2014-01-01", None, None, None)]


def test_splitting_off_ends_a_joining(kb):
    assert spans(kb, "joined", "Blue Valley Brigade") == [
        ("2012-03-01", "2014-01-01", "left", "Blue Valley Brigade split from Red Crescent Front (2014)")
    ]


def test_joining_a_rival_ends_a_joining(ends):
    assert spans(ends, "joined", "Falcon Battalion") == [
        ("2012-01-01", "2015-01-01", "joined a rival", "Falcon Battalion joined Dawn Army (2015)"),
        ("2015-01-01", None, None, None),
    ]


def test_a_merger_ends_the_groups_ties_and_the_leaderships_of_it(ends):
    assert spans(ends, "joined", "Green Arrow Brigade") == [
        ("2012-01-01", "2014-03-01", "merged", "Green Arrow Brigade merged into United Karvan Front (March 2014)")
    ]
    assert spans(ends, "merged_into", "Green Arrow Brigade") == [("2014-03-01", None, None, None)]
    assert spans(ends, "leader_of", "Haji Rauf") == [
        ("2011-01-01", "2014-03-01", "group merged", "Green Arrow Brigade merged into United Karvan Front (March 2014)")
    ]


def test_a_groups_end_is_read_from_general_wording_with_its_date_and_certainty(ends):
    assert [(g["entity"], g["kind"], g["into_name"], g["date"], g["certainty"]) for g in ends.group_events()] == [
        ("Copper Legion", "dissolved", None, "2015", "asserted"),  # "ceased to exist in 2015"
        ("Ashen Brigade", "dissolved", None, "2016-23", "asserted"),  # "was disbanded"
        ("Wolf Battalion", "fractured", None, "2017-03", "asserted"),  # "had fractured into two factions"
        ("Mullah Varid's group", "absorbed", "Ember Front", "2017-22", "asserted"),  # "absorption of his group into"
        ("Thorn Army", "defeated", None, "2018", "asserted"),  # "the destruction of"; a lost battle is no end
        ("Lantern Group", "absorbed", "Ember Front", "2019", "asserted"),  # "was absorbed into"
    ]  # "the Salt Army disbanded its youth wing" ends nothing of the Salt Army
    (ashen,) = ends.entity(query.find_entity(ends, "Ashen Brigade")["id"])["lifecycle"]
    assert (ashen["ended_text"], ashen["text"]) == (
        "dissolved autumn 2016",
        "In the autumn of 2016, the Ashen Brigade was disbanded.",
    )


def test_the_timeline_tells_a_groups_end_among_its_facts(ends, tmp_path):
    absorbed = query.timeline(ends, "Lantern Group")["ends"]
    assert [(g["kind"], g["into_name"], g["when_text"], g["text"]) for g in absorbed] == [
        ("absorbed", "Ember Front", "2019", "In 2019, the Lantern Group was absorbed into the Ember Front.")
    ]
    db = tmp_path / "ends-cli.db"
    assert run_cli("ingest", str(ENDS_CORPUS), db=db).returncode == 0
    shown = run_cli("query", "timeline", "Ashen Brigade", db=db)
    assert shown.returncode == 0, shown.stderr
    rows = [line for line in shown.stdout.splitlines() if line.startswith("│")]
    assert [[c.strip() for c in row.split("│")[1:3]] for row in rows] == [
        ["2010", "Abu Dirar was emir of Ashen Brigade"],
        ["2011", "Ashen Brigade joined Cedar Front"],
        ["2012", "Ashen Brigade was allied with Marsh Battalion"],
        ["autumn 2016", "Ashen Brigade was dissolved"],
    ]


def test_a_dissolved_group_s_ties_and_the_roles_in_it_end(ends):
    disbanded = "Ashen Brigade was dissolved (autumn 2016)"
    assert spans(ends, "joined", "Ashen Brigade") == [("2011-01-01", "2016-09-01", "dissolved", disbanded)]
    assert spans(ends, "allied_with", "Ashen Brigade") == [("2012-01-01", "2016-09-01", "dissolved", disbanded)]
    assert spans(ends, "leader_of", "Abu Dirar") == [("2010-01-01", "2016-09-01", "group dissolved", disbanded)]
    assert spans(ends, "joined", "Copper Legion") == [
        ("2012-01-01", "2015-01-01", "dissolved", "Copper Legion was dissolved (2015)")
    ]
    assert spans(ends, "joined", "Wolf Battalion") == [
        ("2013-01-01", "2017-03-01", "dissolved", "Wolf Battalion fractured (March 2017)")
    ]
    assert spans(ends, "allied_with", "Thorn Army") == [
        ("2013-01-01", "2018-01-01", "dissolved", "Thorn Army was defeated (2018)")
    ]
    assert spans(ends, "joined", "Salt Army") == [("2014-01-01", None, None, None)]


def test_an_absorbed_group_s_ties_end_and_its_absorption_holds_on(ends):
    absorbed = "Lantern Group was absorbed into Ember Front (2019)"
    assert spans(ends, "joined", "Lantern Group") == [("2015-01-01", "2019-01-01", "dissolved", absorbed)]
    # "was absorbed into the Ember Front" is a merger too: it lives on inside it
    assert spans(ends, "merged_into", "Lantern Group") == [("2019-01-01", None, None, None)]
    varid = "Mullah Varid's group was absorbed into Ember Front (summer 2017)"
    assert spans(ends, "joined", "Mullah Varid's group") == [("2016-01-01", "2017-06-01", "dissolved", varid)]


def test_a_groups_end_counts_only_once_it_is_known(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("---\npublished: 2014-05-01\n---\nIn 2013, the Reed Brigade joined the Vale Front.\n")
    (docs / "b.txt").write_text("---\npublished: 2018-01-10\n---\nThe Reed Brigade was dissolved in 2015.\n")
    (docs / "c.txt").write_text("It is unclear whether the Moss Front was dissolved in 2015.\n")
    store = Store(tmp_path / "k.db")
    assert ingest_paths(store, [docs]).ok

    def held(**kw: str) -> list[tuple[str, str, str]]:
        return sorted((f["subject"], f["relation"], f["object"]) for f in query.asof(store, "2016", **kw)["facts"])

    assert held() == []
    assert held(known_by="2017") == [("Reed Brigade", "joined", "Vale Front")]
    assert [(g["entity"], g["certainty"]) for g in store.group_events()] == [
        ("Reed Brigade", "asserted"),
        ("Moss Front", "unclear"),
    ]


def test_a_rivalry_ends_an_alliance_between_the_same_two(ends):
    assert spans(ends, "allied_with", "North Shield Front") == [
        ("2013-01-01", "2016-01-01", "new connection", "North Shield Front was a rival of Crimson Brigade (2016)")
    ]
    assert spans(ends, "rival_of", "North Shield Front") == [("2016-01-01", None, None, None)]


def test_an_explicit_end_always_wins(ends):
    # Qari Hamid became leader of the Sabil Front in 2013, but the text says Omar Zahir led it until 2018
    assert spans(ends, "leader_of", "Mullah Omar Zahir") == [("2010-01-01", "2018-12-31", None, None)]
    rows = query.leaders(ends, "Sabil Front")["leaders"]
    assert [(r["subject"], r["when_text"], r["holds_text"]) for r in rows] == [
        ("Mullah Omar Zahir", "2010–2018", "1 January 2010 – 31 December 2018"),
        ("Qari Hamid", "2013", "since 1 January 2013"),
    ]


def test_the_leaders_table_shows_the_end_and_what_ended_it(tmp_path):
    db = tmp_path / "e.db"
    assert run_cli("ingest", str(ENDS_CORPUS), db=db).returncode == 0
    r = run_cli("query", "leaders", "Stone Brigade", db=db)
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert "1 January 2012 – 1 January 2014" in text and "successor: Abu Layth was emir of Stone Brigade (2014)" in text
    assert "2016-02-09" not in text and "9 February 2016" in text


def test_known_by_answers_from_documents_published_by_then(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "---\npublished: 2015-06-01\n---\nIn 2012, Abu Talib became the emir of the Stone Brigade.\n"
    )
    (docs / "b.txt").write_text("---\npublished: 2017-03-02\n---\nAbu Talib was killed in March 2015.\n")
    (docs / "c.txt").write_text("The Stone Brigade clashed with the Dawn Army in 2014.\n")
    store = Store(tmp_path / "k.db")
    assert ingest_paths(store, [docs]).ok

    def seen(**kw: str) -> list[tuple[str, str, str]]:
        return sorted((f["subject"], f["relation"], f["object"]) for f in query.asof(store, "2016", **kw)["facts"])

    assert seen() == [("Stone Brigade", "rival_of", "Dawn Army")]
    assert seen(known_by="2016") == [("Abu Talib", "leader_of", "Stone Brigade")]  # the death was not yet known
    assert seen(known_by="2017-03") == []  # b.txt is out by the end of March 2017; c.txt is of unknown date
    talib = query.leaders(store, "Stone Brigade")["leaders"][0]
    assert talib["first_published"] == "2015-06-01"
    assert [(e["doc"], e["published_by"]) for e in talib["evidence"]] == [("a.txt", "2015-06-01")]
    rival = query.asof(store, "2016")["facts"][0]
    assert rival["first_published"] is None
    r = run_cli("query", "asof", "2016", "--known-by", "2016", db=tmp_path / "k.db")
    assert "as known by 2016" in r.stdout and "Abu Talib" in r.stdout
    r = run_cli("query", "asof", "2016", "--known-by", "someday", db=tmp_path / "k.db")
    assert (r.returncode, r.stderr.strip()) == (
        2,
        "error: known-by date 'someday': give a day, month or year, e.g. 2016-06",
    )


def test_publication_dates_read_and_migrated(tmp_path):
    assert [
        published_by(v)
        for v in ("2016", "2016-02", "2016-02-10", "2016-02-10T08:00:00Z", "10 Feb 2016", "2016-13", None)
    ] == ["2016-12-31", "2016-02-29", "2016-02-10", "2016-02-10", None, None, None]
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for number, name, sql in MIGRATIONS[:3]:
        for statement in statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (number, name))
    for i, published in enumerate(("2016-05", "2016-05-03T10:00", "2016", "May 2016", None)):
        conn.execute(
            "INSERT INTO documents (name, sha256, published, encoding, text, ingested_at)"
            " VALUES (?, ?, ?, 'utf-8', 'x', 'then')",
            (f"d{i}", f"h{i}", published),
        )
    conn.commit()
    conn.close()
    store = Store(path)
    assert [r[0] for r in store.conn.execute("SELECT published_by FROM documents ORDER BY id")] == [
        "2016-05-31",
        "2016-05-03",
        "2016-12-31",
        None,
        None,
    ]


def test_a_tie_said_not_to_hold_is_set_against_its_claim(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Hezb-e Vell ('Party of Vell') Tamer (HVT) is an armed group founded by Abu Tamer. In early July 2015, "
        "a statement said the HVT backed the Salt Brigade. Days later, a spokesman said that the movement did "
        "not support the Salt Brigade.\nFrom 2015 to mid 2016, Hezb-e Vell formed ties with the Salt Brigade.\n"
        "Abu Dirar was never a member of the Reed Army. Abu Dirar was a member of the Reed Army in 2014.\n"
    )
    store = Store(tmp_path / "d.db")
    assert ingest_paths(store, [docs]).ok
    found = [
        (c["kind"], c["about"], sorted((f["subject"], f["relation"], f["object"], f["certainty"]) for f in c["facts"]))
        for c in query.contradictions(store)
    ]
    assert found == [
        (
            "a claim and its denial",
            ["Salt Brigade", "Hezb-e Vell Tamer"],  # "Hezb-e Vell" is a name of the HVT (see test_extract)
            [
                ("Hezb-e Vell Tamer", "allied_with", "Salt Brigade", "asserted"),
                ("Salt Brigade", "supported_by", "Hezb-e Vell Tamer", "asserted"),
                ("Salt Brigade", "supported_by", "Hezb-e Vell Tamer", "denied"),
            ],
        ),
        (
            "a claim and its denial",
            ["Abu Dirar", "Reed Army"],
            [("Abu Dirar", "member_of", "Reed Army", "asserted"), ("Abu Dirar", "member_of", "Reed Army", "denied")],
        ),
    ]


def test_certainty_is_never_read_as_markup_and_dates_are_words(tmp_path):
    doc = tmp_path / "u.txt"
    doc.write_text("It is unclear whether the Ash Brigade merged into the Vale Front in the autumn of 2016.\n")
    db = tmp_path / "u.db"
    assert run_cli("ingest", str(doc), db=db).returncode == 0
    r = run_cli("query", "lineage", "Vale Front", db=db)
    assert r.stdout.splitlines() == ["Vale Front", "└── merged in: Ash Brigade (autumn 2016) [unclear]"]
    r = run_cli("query", "asof", "2016-10", db=db)
    assert "[unclear]" not in r.stdout and "unclear" in r.stdout and "autumn 2016" in r.stdout
    assert "2016-23" not in r.stdout
    r = run_cli("query", "contradictions", db=db)
    assert r.stdout.strip() == "no contradictions found"


def test_contradictions_by_general_rules(tmp_path):
    doc = tmp_path / "c.txt"
    doc.write_text(
        "In January 2015, the Reed Brigade merged into the Lantern Front. "
        "The Reed Brigade joined the Lantern Front on 6 March 2015.\n"
        "Abu Karim was killed in May 2012. Abu Karim was killed in August 2014.\n"
        "The Lantern Front had 1,400 members by January 2015. It claimed 1,140 members in October 2015.\n"
        "In 2015, the Lantern Front claimed 900 members. Reports put its strength at 1,300 members in 2015.\n"
        "In June 2016, Abu Hamza became the emir of the Lantern Front. "
        "In June 2016, Abu Musa became the emir of the Lantern Front.\n"
        "The Lantern Front denied that it was allied with the Tower Front. "
        "The Tower Front was allied with the Lantern Front.\n"
    )
    store = Store(tmp_path / "c.db")
    assert ingest_paths(store, [doc]).ok
    found = sorted(
        (c["kind"], sorted(wording.sentence(f) + f" ({wording.when_text(f)}) [{f['certainty']}]" for f in c["facts"]))
        for c in query.contradictions(store)
    )
    assert found == [
        (
            "a claim and its denial",
            [
                "Lantern Front was allied with Tower Front () [denied]",
                "Tower Front was allied with Lantern Front () [asserted]",
            ],
        ),
        (
            "a person killed twice",
            [
                "Abu Karim died or was killed (August 2014) [asserted]",
                "Abu Karim died or was killed (May 2012) [asserted]",
            ],
        ),
        (
            "different dates for the same event",
            [
                "Reed Brigade joined Lantern Front (6 March 2015) [asserted]",
                "Reed Brigade merged into Lantern Front (January 2015) [asserted]",
            ],
        ),
        (
            "membership figures that disagree",
            ["Lantern Front had 1,300 members (2015) [reported]", "Lantern Front had 900 members (2015) [claimed]"],
        ),
        (
            "two holders of a single-holder role at once",
            [
                "Abu Hamza was emir of Lantern Front (June 2016) [asserted]",
                "Abu Musa was emir of Lantern Front (June 2016) [asserted]",
            ],
        ),
    ]
    assert all(f["evidence"] for c in query.contradictions(store) for f in c["facts"])


def test_two_sentences_giving_one_person_different_descents_disagree(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text(
        "Karim Dost led the Reed Brigade from 2012. Karim Dost was a Varzai Pashtun from the hills.\n"
        'A fighter said: "My commander is Karim Dost, from the Tarkan tribe of the north."\n'
        "Abu Saif was a Pashtun. Abu Saif, of the Tarkan tribe, joined the Reed Brigade in 2013.\n"
        "Yusuf Ali, a Merka clansman, led the Lantern Front. His father belonged to the Dara clan. "
        "Yusuf Ali, from the Omar sub-clan, was killed in 2015.\n"
        "Musa Kan was an Afghan Pashtun. Musa Kan, a Tajik from the valley, joined the Lantern Front.\n"
    )
    store = Store(tmp_path / "d.db")
    assert ingest_paths(store, [doc]).ok
    found = [
        (c["kind"], c["about"], c["facts"], [(s["said"], s["text"]) for s in c["statements"]])
        for c in query.contradictions(store)
    ]
    assert found == [
        (
            "different descents given for one person",
            ["Karim Dost"],
            [],
            [
                ("a Varzai Pashtun", "Karim Dost was a Varzai Pashtun from the hills."),
                (
                    "from the Tarkan tribe",
                    'A fighter said: "My commander is Karim Dost, from the Tarkan tribe of the north."',
                ),
            ],
        ),
        (
            "different descents given for one person",
            ["Musa Kan"],
            [],
            [
                ("an Afghan Pashtun", "Musa Kan was an Afghan Pashtun."),
                ("a Tajik", "Musa Kan, a Tajik from the valley, joined the Lantern Front."),
            ],
        ),
    ]
    r = run_cli("query", "contradictions", db=tmp_path / "d.db")
    assert r.returncode == 0
    assert "different descents given for one person" in r.stdout.splitlines()
    assert "  Karim Dost: from the Tarkan tribe" in r.stdout.splitlines()


def test_the_isis_k_article_states_two_dates_for_a_move_a_denied_tie_and_no_false_disagreement(tmp_path):
    store = Store(tmp_path / "isk.db")
    assert ingest_paths(store, [shared_corpus() / "isis-k.txt"]).ok
    found = [
        (c["kind"], sorted((f["subject"], f["relation"], f["date"] or f["start"], f["certainty"]) for f in c["facts"]))
        for c in query.contradictions(store)
    ]
    assert found == [
        (
            "different dates for the same event",
            [
                ("Muslim Dost's Group", "joined", "2015-03-06", "asserted"),
                ("Muslim Dost's Group", "merged_into", "2015-01", "asserted"),
            ],
        ),
        (
            "a claim and its denial",  # "formed ties"; "Days later" (early July 2015) "did not support ISIS–K"
            [
                ("Hezb-e Islami Gulbuddin", "allied_with", "2015", "asserted"),
                ("Islamic State – Khorasan Province", "supported_by", "2015-07", "denied"),
            ],
        ),
        ("different descents given for one person", []),  # "an Alizai Pashtun"; "from the Orakzai tribe"
    ]
    descents = [c for c in query.contradictions(store) if c["statements"]]
    assert [(c["about"], [(s["said"], s["text"][:40]) for s in c["statements"]]) for c in descents] == [
        (
            ["Mullah Abdul Khadim"],
            [
                ("an Alizai Pashtun", "Khadim was an Alizai Pashtun from Helman"),
                ("from the Orakzai tribe", "One ISIS–K member, formerly of Khilafat "),
            ],
        )
    ]
    # the IMU "had fractured" by February 2017; Bakhtwar's group was absorbed into the TKP in autumn 2016
    around = {f["subject"] for f in query.asof(store, "2019-06", around="ISIS-K")["facts"]}
    assert {"Islamic Movement of Uzbekistan", "Mullah Bakhtwar's group"} & around == set()
    ends = {(g["entity"], g["kind"], g["date"]) for g in store.group_events()}
    assert ends == {
        ("Islamic Movement of Uzbekistan", "fractured", "2017-02"),
        ("Mullah Bakhtwar's group", "absorbed", "2016-23"),
    }
    rows = query.leaders(store, "ISIS-K")["leaders"]
    khadim = next(r for r in rows if r["subject"] == "Mullah Abdul Khadim")
    assert (khadim["holds_from"], khadim["holds_until"], khadim["ended_by"]["rule"]) == (
        "2015-02-09",
        "2015-02-09",
        "death",
    )


def _violations(store: Store, month: str) -> list[str]:
    """States held in ``month`` after the death of their person or the merger of their group, when the
    state began before that end (a state stated later restates it; an explicit end is the text's own)."""
    held = query.asof(store, month)
    lo = held["from"]
    out = []
    for f in held["facts"]:
        if (
            f["relation"] not in ("leader_of", "member_of", "component_of", "joined")
            or f["end"]
            or f["certainty"] == "denied"
            or not f["earliest"]
        ):
            continue
        ends = store.conn.execute(
            "SELECT latest FROM facts WHERE certainty != 'denied' AND status != 'rejected' AND latest IS NOT NULL AND"
            " ((relation = 'killed' AND subject_id = ? AND ?) OR (relation = 'merged_into' AND subject_id = ?))"
            " AND latest >= ? AND latest < ? UNION ALL SELECT latest FROM group_events WHERE certainty != 'denied'"
            " AND entity_id = ? AND latest >= ? AND latest < ?",  # or the group's end: dissolved, absorbed, …
            (f["subject_id"], f["subject_type"] == "PERSON", f["object_id"], f["earliest"], lo)
            + (f["object_id"], f["earliest"], lo),
        ).fetchall()
        if ends:
            out.append(f"{month}: {f['subject']} {f['relation']} {f['object']} ({f['key']})")
    return out


@pytest.mark.slow
def test_no_state_outlives_a_death_a_merger_or_its_groups_end_in_any_month(tmp_path):
    store = Store(tmp_path / "walk.db")
    assert ingest_paths(store, [shared_corpus(), ENDS_CORPUS, TIME_CORPUS]).ok
    assert _walk(store) == []


@pytest.mark.slow
def test_no_state_outlives_its_end_in_any_month_of_the_three_shared_corpora(three_corpora):
    assert _walk(three_corpora) == []


def _walk(store: Store) -> list[str]:
    """Every violation (``_violations``) in every month from the first death or merger to the last date."""
    first = store.conn.execute(
        "SELECT MIN(earliest) FROM facts WHERE relation IN ('killed', 'merged_into') AND certainty != 'denied'"
    ).fetchone()[0]
    last = store.conn.execute("SELECT MAX(COALESCE(latest, earliest)) FROM facts").fetchone()[0]
    bad: list[str] = []
    months = 0
    for year in range(int(first[:4]), int(last[:4]) + 2):
        for m in range(1, 13):
            bad += _violations(store, f"{year}-{m:02d}")
            months += 1
    assert months > 500
    return bad


def test_an_ending_fact_with_an_open_date_still_ends(ends):
    from factionmap.curation import add_fact

    # an analyst records Abu Layth's death as "from 2017 on" (a start, no end): his emirate ends then
    add_fact(
        ends,
        "Abu Layth",
        "killed",
        None,
        "stone-brigade.txt",
        "Abu Layth became the emir of the Stone Brigade",
        start="2017",
        subject_type="PERSON",
    )
    assert spans(ends, "leader_of", "Abu Layth") == [
        ("2014-01-01", "2017-01-01", "death", "Abu Layth died or was killed (since 2017)")
    ]
