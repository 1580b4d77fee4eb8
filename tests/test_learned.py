"""The learned extractor: training is deterministic and learns, the shipped model matches the annotations,
an analyst's review reaches the training set, and the annotation checker catches what it must."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factionmap import annotations as ann
from factionmap.curation import review
from factionmap.ingest import ingest_paths
from factionmap.learn import linear
from factionmap.learn.examples import doc_examples
from factionmap.learn.reviews import review_docs
from factionmap.learn.train import Corpus, load_corpus, train
from factionmap.lexicon import word_classes
from factionmap.pipeline import extract, extract_rules
from factionmap.reader import normalise
from factionmap.store import Store

GROUPS = [
    "Red Hand Brigade",
    "Northern Valley Front",
    "Silver Crescent Army",
    "Eastern Shield Movement",
    "Azure Lion Battalion",
    "Coastal Defence Front",
    "Iron Gate Militia",
    "Golden Dawn Legion",
]
PEOPLE = ["Karim Zadeh", "Omar Talbi", "Idris Kamara", "Yusuf Benali", "Samir Haddad", "Tariq Nassar"]
PLACES = ["Kenya", "Peru", "Nepal", "Chad"]


def _slug(name: str) -> str:
    return name.lower().replace(" ", "_")


def invented_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Six invented documents, each a few statements of joining, leading and bases, annotated."""
    shared, root = tmp_path / "shared", tmp_path / "annotations"
    (shared / "docs").mkdir(parents=True)
    (root / "docs").mkdir(parents=True)
    for k in range(6):
        a, b, c = GROUPS[k % 8], GROUPS[(k + 3) % 8], GROUPS[(k + 5) % 8]
        p, q = PEOPLE[k % 6], PEOPLE[(k + 2) % 6]
        place = PLACES[k % 4]
        text = (
            f"The {a} joined the {b} in {2001 + k}. {p} became the leader of the {a}. "
            f"The {c} is based in {place}. {q} was a member of the {c}. "
            f"In {2010 + k}, the {c} joined the {a}.\n"
        )
        (shared / "docs" / f"d{k}.txt").write_text(text, encoding="utf-8")
        ents = [
            {"id": _slug(n), "name": n, "type": t, "aliases": []}
            for n, t in ((a, "ORG"), (b, "ORG"), (c, "ORG"), (p, "PERSON"), (q, "PERSON"), (place, "PLACE"))
        ]
        facts = [
            {
                "s": _slug(a),
                "r": "joined",
                "o": _slug(b),
                "date": str(2001 + k),
                "certainty": "asserted",
                "evidence": f"The {a} joined the {b} in {2001 + k}.",
            },
            {
                "s": _slug(p),
                "r": "leader_of",
                "o": _slug(a),
                "value": "leader",
                "certainty": "asserted",
                "evidence": f"{p} became the leader of the {a}.",
            },
            {
                "s": _slug(c),
                "r": "based_in",
                "o": _slug(place),
                "certainty": "asserted",
                "evidence": f"The {c} is based in {place}.",
            },
            {
                "s": _slug(q),
                "r": "member_of",
                "o": _slug(c),
                "certainty": "asserted",
                "evidence": f"{q} was a member of the {c}.",
            },
            {
                "s": _slug(c),
                "r": "joined",
                "o": _slug(a),
                "date": str(2010 + k),
                "certainty": "asserted",
                "evidence": f"In {2010 + k}, the {c} joined the {a}.",
            },
        ]
        (root / "docs" / f"d{k}.entities.json").write_text(json.dumps(ents), encoding="utf-8")
        (root / "docs" / f"d{k}.facts.jsonl").write_text("".join(json.dumps(f) + "\n" for f in facts), encoding="utf-8")
    (root / "splits.json").write_text(json.dumps({"validation": ["docs/d5.txt"]}), encoding="utf-8")
    ann.build(ann.all_prefixes(root), shared, root, manifest=True)
    return shared, root


def test_the_checker_passes_the_invented_corpus_and_names_each_problem(tmp_path):
    shared, root = invented_corpus(tmp_path)
    assert ann.check_all(ann.all_prefixes(root), shared, root) == []
    prefix = root / "docs" / "d0"
    facts = Path(f"{prefix}.facts.jsonl")
    lines = facts.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[0]) | {"evidence": "The Red Hand Brigade joined in 2001.", "date": "2001-13"}
    wrong_type = json.loads(lines[2]) | {"r": "leader_of"}
    facts.write_text("\n".join([json.dumps(bad), json.dumps(wrong_type), *lines[1:]]) + "\n", encoding="utf-8")
    ents = json.loads(Path(f"{prefix}.entities.json").read_text(encoding="utf-8"))
    ents[1]["aliases"] = ["Red Hand Brigade"]  # the name of another entity
    Path(f"{prefix}.entities.json").write_text(json.dumps(ents), encoding="utf-8")
    assert ann.problems(prefix, shared, root) == [
        "d0.entities.json: 'Red Hand Brigade' is a name of both 'red_hand_brigade' and 'eastern_shield_movement'",
        "d0.facts.jsonl: line 1: date '2001-13' is not a date of SCHEMA.md (2015, 2015-02, 2015-02-09, "
        "2015-early, 199X)",
        "d0.facts.jsonl: line 1: evidence is not an exact substring of the document: "
        "'The Red Hand Brigade joined in 2001.'",
        "d0.facts.jsonl: line 2: leader_of: subject 'coastal_defence_front' is ORG, expected PERSON",
        "d0.facts.jsonl: line 2: leader_of: object 'kenya' is PLACE, expected ORG",
        "d0.mentions.json: out of date or edited (10 spans, 10 expected): run 'python -m factionmap.annotations build'",
    ]


def test_training_is_deterministic_and_the_model_states_what_it_learned(tmp_path):
    shared, root = invented_corpus(tmp_path)
    corpus = load_corpus(root, shared, "train", with_gold=False)
    assert [d.doc for d in corpus.annotated] == [f"docs/d{k}.txt" for k in range(5)]
    spec = train(corpus, seed=0, log=lambda s: None)
    again = train(load_corpus(root, shared, "train", with_gold=False), seed=0, log=lambda s: None)
    assert json.dumps(spec, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert sorted(spec["relations"]) == ["based_in", "joined", "leader_of", "member_of"]
    assert spec["record"]["annotations_sha256"] == ann.annotations_hash(root)
    linear.write(spec, tmp_path / "m.json.gz")
    linear.write(again, tmp_path / "m2.json.gz")
    assert (tmp_path / "m.json.gz").read_bytes() == (tmp_path / "m2.json.gz").read_bytes()
    extractor = linear.read(tmp_path / "m.json.gz")
    extractor.modes = {r: "model" for r in spec["relations"]}  # the model alone, no rule
    text = (
        "The Jade Tiger Army joined the Coastal Defence Front in 2019. Omar Talbi was a member of the Jade Tiger Army."
    )
    ext = extract(text, normalise(text), extractor=extractor)
    found = [
        (
            ext.entities[f.subject].name,
            f.relation,
            ext.entities[f.object].name if f.object is not None else None,
            f.date,
            f.component,
        )
        for f in ext.facts
    ]
    assert found == [
        ("Jade Tiger Army", "joined", "Coastal Defence Front", "2019", "model:relations"),
        ("Omar Talbi", "member_of", "Jade Tiger Army", None, "model:relations"),
    ]
    assert all(0.5 < f.confidence <= 1.0 for f in ext.facts)


def test_the_shipped_model_was_trained_on_the_annotations_in_the_repository():
    model = linear.shipped()
    assert model is not None, "no model in the package: run 'make train'"
    assert model.record["annotations_sha256"] == ann.annotations_hash(), (
        "the annotations changed since the shipped model was trained: run 'make train'"
    )
    assert linear.shipped_path().stat().st_size <= 50_000_000
    validation = set(json.loads((ann.ANNOTATIONS / "splits.json").read_text(encoding="utf-8"))["validation"])
    assert not validation & set(model.record["documents"]), "a validation document was trained on"


def test_a_review_becomes_a_training_example(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text(
        "The Red Hand Brigade joined the Northern Valley Front in 2011. "
        "Karim Zadeh was a member of the Silver Crescent Army.\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "kb.db")
    assert ingest_paths(store, [doc]).ok
    facts = {f["relation"]: f for f in store.export_facts()}
    assert sorted(facts) == ["joined", "member_of"]
    review(store, facts["joined"]["id"], "accepted", reviewer="ana")
    review(store, facts["member_of"]["id"], "rejected", reviewer="ana")
    [reviewed] = review_docs(store)
    assert reviewed.doc == "review/d.txt" and reviewed.partial
    assert [(f["s"], f["r"], f["o"]) for f in reviewed.facts] == [
        ("red_hand_brigade", "joined", "northern_valley_front")
    ]
    assert [(f["s"], f["r"], f["o"]) for f in reviewed.rejected] == [
        ("karim_zadeh", "member_of", "silver_crescent_army")
    ]
    examples = doc_examples(reviewed, extract_rules(reviewed.text), with_types=False)
    # only the two reviewed statements teach anything, and each only about its own relation
    taught = [
        (labels, sorted(set(_all()) - skip)) for labels, skip in zip(examples.pair_y, examples.pair_skip, strict=True)
    ]
    assert taught == [({"joined"}, ["joined"]), (set(), ["member_of"])]
    spec = train(Corpus([], [], reviews=[reviewed]), log=lambda s: None)
    assert spec["record"]["examples"]["reviewed_pairs"] == 2
    assert spec["record"]["documents"] == ["review/d.txt"]


def _all() -> list[str]:
    from factionmap.learn.examples import PAIR_RELATIONS

    return list(PAIR_RELATIONS)


@pytest.mark.parametrize("bad", ["[", '{"id": 1}'])
def test_a_broken_annotation_is_a_clear_error(tmp_path, bad):
    shared, root = invented_corpus(tmp_path)
    Path(f"{root / 'docs' / 'd0'}.entities.json").write_text(bad, encoding="utf-8")
    from factionmap.errors import GoldError

    with pytest.raises(GoldError, match="cannot read the annotations|d0.entities.json"):
        load_corpus(root, shared)


JADE_TIGER = (
    "The Jade Tiger Army is a militant organisation based in Kenya. Omar Talbi headed the Jade Tiger Army "
    "until 2012. In 2015 the Jade Tiger Army received weapons and money from the Crescent State. The Jade "
    "Tiger Army and the Coastal Defence Front fought a bloody war in 2016. Samir Haddad, a veteran fighter "
    "of the Coastal Defence Front, defected to the Jade Tiger Army in 2017.\n"
)


def test_the_shipped_pipeline_states_exactly_these_facts(monkeypatch):
    """The facts the shipped model and the rules state together on an invented text, with who stated each and
    how sure it is (re-pinned when the model is retrained: the record test above says when)."""
    monkeypatch.setenv("FACTIONMAP_EXTRACTOR", "model")
    ext = extract(JADE_TIGER, normalise(JADE_TIGER))
    found = [
        (
            ext.entities[f.subject].name,
            f.relation,
            ext.entities[f.object].name if f.object is not None else None,
            f.date,
            f.certainty,
            f.component,
            round(f.confidence, 2),
        )
        for f in ext.facts
    ]
    assert found == [
        ("Jade Tiger Army", "based_in", "Kenya", None, "asserted", "rule:triggers", 0.77),
        ("Omar Talbi", "leader_of", "Jade Tiger Army", None, "asserted", "rule:triggers", 0.87),
        ("Jade Tiger Army", "funded_by", "Crescent State", "2015", "asserted", "model:relations", 0.51),
        ("Jade Tiger Army", "rival_of", "Coastal Defence Front", "2016", "asserted", "rule:triggers", 0.51),
        ("Samir Haddad", "member_of", "Coastal Defence Front", "2017", "asserted", "rule:patterns", 0.78),
        ("Samir Haddad", "joined", "Jade Tiger Army", "2017", "asserted", "rule:triggers", 0.62),
    ]
    assert [(e.name, e.type) for e in ext.entities] == [
        ("Jade Tiger Army", "ORG"),
        ("Kenya", "PLACE"),
        ("Omar Talbi", "PERSON"),
        ("Crescent State", "ORG"),
        ("Coastal Defence Front", "ORG"),
        ("Samir Haddad", "PERSON"),
    ]
    rules_only = extract(JADE_TIGER, normalise(JADE_TIGER), rules_only=True)
    assert all(f.confidence == 1.0 and f.component.startswith("rule:") for f in rules_only.facts)


def test_a_title_before_a_name_is_left_out_of_the_name_and_kept_as_an_alias(monkeypatch):
    monkeypatch.setenv("FACTIONMAP_EXTRACTOR", "model")
    text = (
        "Federal Prosecutor Karim Zadeh founded the Jade Tiger Army in 2010. "
        "The Shah of Dovran backed the Jade Tiger Army."
    )
    ext = extract(text, normalise(text))
    assert [(e.name, sorted(e.aliases)) for e in ext.entities] == [
        ("Karim Zadeh", ["Federal Prosecutor Karim Zadeh", "Karim Zadeh"]),
        ("Jade Tiger Army", []),
        ("Shah of Dovran", []),  # "of" links the words: the Shah is not Dovran
    ]
    assert [(ext.entities[f.subject].name, f.relation) for f in ext.facts][:1] == [("Karim Zadeh", "founded")]


def test_the_train_command_writes_a_model_and_says_what_is_wrong(tmp_path):
    from .conftest import run_cli

    shared, root = invented_corpus(tmp_path)
    out = tmp_path / "model.json.gz"
    r = run_cli("train", "--annotations", str(root), "--shared", str(shared), "--no-gold", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "5 documents" in r.stdout and f"wrote {out}" in r.stdout
    model = linear.read(out)
    assert model.record["documents"] == [f"docs/d{k}.txt" for k in range(5)]
    assert set(model.modes) == {"based_in", "joined", "leader_of", "member_of"}  # chosen on the validation doc
    missing = run_cli("train", "--annotations", str(tmp_path / "nowhere"), "--shared", str(shared))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"error: {tmp_path / 'nowhere'}: no annotated corpus there"
    nodb = run_cli(
        "train", "--annotations", str(root), "--shared", str(shared), "--with-reviews", str(tmp_path / "x.db")
    )
    assert nodb.returncode == 2 and nodb.stderr.strip() == f"error: {tmp_path / 'x.db'}: no such database"


def test_a_leadership_the_model_states_takes_its_role_from_the_words_between_the_names(monkeypatch):
    monkeypatch.setenv("FACTIONMAP_EXTRACTOR", "model")
    text = (
        "The Jade Tiger Army was formed in 2010 in Kenya. "
        "Jade Tiger Army intelligence chief Omar Talbi was arrested in 2014."
    )
    ext = extract(text, normalise(text))
    assert [
        (ext.entities[f.subject].name, f.relation, f.value, ext.entities[f.object].name, f.component)
        for f in ext.facts
        if f.relation == "leader_of"
    ] == [("Omar Talbi", "leader_of", "chief", "Jade Tiger Army", "model:relations")]


def test_a_proposal_mostly_outside_the_annotated_name_denotes_no_annotated_entity():
    """The type model learns that "Kharan's network" is no name of Kharan: the annotated name covers less than half
    of the proposal."""
    from factionmap.learn.examples import align

    text = "In 2010, Kharan's network attacked Helmand. Later, Omar Vell led Kharan."
    ents = {
        "e1": {"id": "e1", "name": "Kharan", "type": "ORG", "aliases": []},
        "e2": {"id": "e2", "name": "Omar Vell", "type": "PERSON", "aliases": []},
        "e3": {"id": "e3", "name": "Helmand", "type": "PLACE", "aliases": []},
    }
    ext = extract_rules(text)
    ad = ann.AnnotatedDoc("x.txt", text, ents, [], ann.find_mentions(text, ents))
    assert [(m.text, g) for m, g in zip(ext.mentions, align(ext, ad), strict=True)] == [
        ("Kharan's network", None),
        ("Helmand", "e3"),
        ("Omar Vell", "e2"),
    ]


def test_a_model_that_never_learned_adjectives_leaves_the_names_inside_them_alone():
    """A name inside an adjective ("the Dovran-based X") is paired only by a model trained to read it."""
    text = "The Dovran-based Kharan Front attacked."
    relations = {"based_in": {"bias": 8.0, "threshold": 0.5, "weights": {}}}  # states every pair it reads

    def stated(adjectives: bool) -> list[tuple[str, str, str]]:
        spec = {"relations": relations, "modes": {"based_in": "model"}, "adjectives": adjectives}
        ext = extract(text, normalise(text), extractor=linear.Extractor(spec))
        names = [e.name for e in ext.entities]
        return [(names[f.subject], f.relation, names[f.object]) for f in ext.facts if f.object is not None]

    assert stated(False) == []
    assert stated(True) == [("Kharan Front", "based_in", "Dovran")]


def test_a_model_that_learned_word_classes_types_an_unseen_name_by_its_class():
    """A type model that learned the words' classes types a town it never saw as the towns of its class; a model
    trained before the classes existed types it as it always did."""
    text = "The Kharan Front moved its fighters to Quetta."
    towns = "wc=" + word_classes()["peshawar"][0]  # a class the model learned from other towns
    types = {
        "classes": ["NONE", "ORG", "PERSON", "PLACE"],
        "bias": [0.0, 0.0, 3.0, 0.0],
        "weights": {"orgword": [0.0, 6.0, 0.0, 0.0], towns: [0.0, 0.0, 0.0, 6.0]},
    }

    def typed(classes: bool) -> list[tuple[str, str]]:
        spec = {"relations": {}, "types": types, "word_classes": classes}
        ext = extract(text, normalise(text), extractor=linear.Extractor(spec))
        return [(e.name, e.type) for e in ext.entities]

    assert typed(True) == [("Kharan Front", "ORG"), ("Quetta", "PLACE")]
    assert typed(False) == [("Kharan Front", "ORG"), ("Quetta", "PERSON")]


def test_the_source_a_text_cites_is_no_party_to_what_it_reports(monkeypatch):
    monkeypatch.setenv("FACTIONMAP_EXTRACTOR", "model")
    text = (
        "According to Sam Dorn of the Vale Institute, the Salt Front is led by Ali Bar. According to the Jade "
        "Army's deputy leader, Omar Talbi, the Salt Front fought the Jade Army in 2016."
    )
    ext = extract(text, normalise(text))
    assert [
        (ext.entities[f.subject].name, f.relation, ext.entities[f.object].name, f.certainty, f.component)
        for f in ext.facts
    ] == [
        ("Sam Dorn", "member_of", "Vale Institute", "reported", "model:relations"),
        ("Ali Bar", "leader_of", "Salt Front", "reported", "rule:triggers"),  # not of the Vale Institute
        ("Omar Talbi", "leader_of", "Jade Army", "reported", "rule:patterns"),  # the source's name is its own
        ("Salt Front", "rival_of", "Jade Army", "reported", "rule:triggers"),
    ]


def test_a_rules_fact_is_as_sure_as_halfway_between_the_rules_precision_and_the_models_view_of_its_pair():
    """A relation model that gives every pair one probability, 1 / (1 + e²) = 0.1192 (a bias and no weights), and
    a rule precision of 0.6: the rule's fact is (0.6 + 0.1192) / 2 sure; the model, under its threshold, adds none."""
    text = "The Jade Tiger Army is a militant organisation based in Kenya.\n"
    spec = {
        "relations": {"based_in": {"bias": -2.0, "threshold": 0.9, "weights": {}}},
        "rule_confidence": {"based_in": 0.6},
        "stand_ins": 3,
    }
    ext = extract(text, normalise(text), extractor=linear.Extractor(spec))
    found = [
        (ext.entities[f.subject].name, f.relation, ext.entities[f.object].name, f.component, f.confidence)
        for f in ext.facts
        if f.object is not None
    ]
    assert found == [("Jade Tiger Army", "based_in", "Kenya", "rule:triggers", 0.3596)]


def test_what_the_model_states_of_one_name_of_a_list_it_states_of_every_name_of_the_list():
    """A relation model that states only the pair with one word between the names ("nb=1"): "recruited" links the
    Salt Front to Ali Bar alone, and the list gives Sam Dorn and Omar Vale the same fact, as sure, from the same
    words. Dovran, of another type, is no name of the list."""
    text = "The Salt Front recruited Ali Bar, Sam Dorn and Omar Vale in Dovran.\n"
    spec = {
        "relations": {"member_of": {"bias": -8.0, "threshold": 0.5, "weights": {"nb=1": 16.0}}},
        "modes": {"member_of": "model"},
        "stand_ins": 3,
    }
    ext = extract(text, normalise(text), extractor=linear.Extractor(spec))
    found = [
        (
            ext.entities[f.subject].name,
            f.relation,
            ext.entities[f.object].name,
            text[f.trigger[0] : f.trigger[1]],
            f.component,
            f.confidence,
        )
        for f in ext.facts
        if f.object is not None
    ]
    assert found == [
        ("Ali Bar", "member_of", "Salt Front", " recruited ", "model:relations", 0.9997),
        ("Sam Dorn", "member_of", "Salt Front", " recruited ", "model:relations", 0.9997),
        ("Omar Vale", "member_of", "Salt Front", " recruited ", "model:relations", 0.9997),
    ]
