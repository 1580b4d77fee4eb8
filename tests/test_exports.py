"""Every export format read back with an independent reader."""

import csv
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import rdflib
from antlr4 import CommonTokenStream, InputStream
from antlr4.error.ErrorListener import ErrorListener
from antlr4_cypher import CypherLexer, CypherParser
from lxml import etree

from factionmap.export import export
from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .conftest import CORPUS, HERE

GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("exports") / "kb.db")
    assert ingest_paths(store, [CORPUS, HERE / "corpus-time"]).ok
    # the rule pipeline gives every fact confidence 1.0; one fact gets a model's confidence, to follow into each format
    tuned = store.conn.execute(
        "UPDATE facts SET confidence = 0.42, component = 'model:relations' WHERE relation = 'joined'"
        " AND subject_id IN (SELECT id FROM entities WHERE name = 'Blue Valley Brigade')"
    )
    assert tuned.rowcount == 1
    store.conn.commit()
    return store


def tuned_key(store) -> str:
    """The key of the one fact the fixture gave confidence 0.42 from model:relations."""
    return store.conn.execute("SELECT key FROM facts WHERE component = 'model:relations'").fetchone()[0]


def stored_provenance(store) -> dict[str, tuple[float, str]]:
    """Each fact's (confidence, producer) as stored, by key."""
    return {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT key, confidence, component FROM facts")}


def dump(store, fmt) -> str:
    buf = io.StringIO()
    export(store, fmt, buf)
    return buf.getvalue()


GEXF_XSD = etree.XMLSchema(etree.parse(str(HERE / "schemas" / "gexf-1.3.xsd")))
WEB = HERE.parent / "web"
TIMES = ("start", "timestamp", "intervals", "timestamps")  # 'end' goes with 'start'; these four exclude each other


def gexf_problems(text: str) -> list[str]:
    """What keeps a document from being GEXF 1.3: the schema's errors, then the rules XSD 1.0 cannot state."""
    root = etree.fromstring(text.encode())
    if not GEXF_XSD.validate(root):
        return [f"line {e.line}: {e.message}" for e in GEXF_XSD.error_log]
    problems = []
    for el in root.iter(*(f"{GEXF}{n}" for n in ("graph", "node", "edge", "attvalue", "spell"))):
        kinds = {t for t in TIMES if t in el.attrib} | ({"start"} if "end" in el.attrib else set())
        if len(kinds) > 1:
            problems.append(f"line {el.sourceline}: <{etree.QName(el).localname}> mixes {sorted(kinds)}")
    for cls in ("node", "edge"):
        declared = {a.get("id") for a in root.iterfind(f"{GEXF}graph/{GEXF}attributes[@class='{cls}']/{GEXF}attribute")}
        problems += [
            f"line {v.sourceline}: {cls} value for undeclared attribute {v.get('for')!r}"
            for v in root.iterfind(f".//{GEXF}{cls}/{GEXF}attvalues/{GEXF}attvalue")
            if v.get("for") not in declared
        ]
    nodes = {n.get("id") for n in root.iter(f"{GEXF}node")}
    problems += [
        f"line {e.sourceline}: edge between unknown nodes {e.get('source')!r}, {e.get('target')!r}"
        for e in root.iter(f"{GEXF}edge")
        if not {e.get("source"), e.get("target")} <= nodes
    ]
    return problems


def test_gexf_is_dynamic_1_3_and_reads_back(kb):
    text = dump(kb, "gexf")
    assert gexf_problems(text) == []
    graph = ET.fromstring(text).find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    # networkx reads GEXF 1.2; the 1.3 elements used here are the same, so only the namespace is renamed
    g = nx.read_gexf(
        io.BytesIO(
            text.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
            .replace('version="1.3"', 'version="1.2"')
            .encode()
        )
    )
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    joined = [
        (labels[u], labels[v], d.get("start"), d.get("end"))
        for u, v, d in g.edges(data=True)
        if d["relation"] == "joined" and labels[u] == "Blue Valley Brigade"
    ]
    assert joined == [("Blue Valley Brigade", "Red Crescent Front", "2012-03-01", "2014-01-01")]
    rcf = next(d for d in g.nodes.values() if d["label"] == "Red Crescent Front")
    assert rcf["founded_on"] == "2010"


READ_WITH_GRAPHOLOGY = """
const {MultiGraph} = require('graphology');
const gexf = require('graphology-gexf');
const g = gexf.parse(MultiGraph, require('fs').readFileSync(0, 'utf8'));
const edges = [];
g.forEachEdge((e, a, s, t, sa, ta) => edges.push([sa.label, ta.label, a.relation, a.date || null, a.certainty,
                                                   a.confidence, a.produced_by]));
console.log(JSON.stringify({nodes: g.order, edges, meta: g.getAttributes()}));
"""


def test_gexf_reads_in_gephi_lites_parser(kb):
    """graphology-gexf is the GEXF reader of Gephi Lite (Gephi's web edition); node runs it on the export."""
    assert (WEB / "node_modules" / "graphology-gexf").is_dir(), "run `make install` (npm ci in web/) first"
    text = dump(kb, "gexf")
    run = subprocess.run(
        ["node", "-e", READ_WITH_GRAPHOLOGY], input=text, cwd=WEB, capture_output=True, text=True, check=True
    )
    read = json.loads(run.stdout)
    root = ET.fromstring(text)
    assert read["nodes"] == len(root.findall(f".//{GEXF}node"))
    assert len(read["edges"]) == len(root.findall(f".//{GEXF}edge"))
    # it reads no dynamics (start/end), so the fact's own date, certainty and provenance are what it carries
    assert [
        "Blue Valley Brigade",
        "Red Crescent Front",
        "joined",
        "2012-03",
        "asserted",
        0.42,
        "model:relations",
    ] in read["edges"]
    assert ["Sabil Brigade", "Northern Valley Front", "joined", "2016-05-06", "asserted", 1, "rule:triggers"] in read[
        "edges"
    ]
    assert read["meta"]["creator"] == "factionmap"


def test_a_gexf_that_breaks_the_grammar_is_caught():
    bad = (
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph mode="live"><nodes>'
        '<node label="x"/></nodes><edges/></graph></gexf>'
    )
    assert gexf_problems(bad) == [
        "line 1: Element '{http://gexf.net/1.3}graph', attribute 'mode': [facet 'enumeration'] The value 'live' "
        "is not an element of the set {'static', 'dynamic', 'slice'}.",
        "line 1: Element '{http://gexf.net/1.3}node': The attribute 'id' is required but missing.",
    ]
    mixed = (
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a" start="2001" '
        'timestamp="2003"><attvalues><attvalue for="size" value="3"/></attvalues></node></nodes>'
        '<edges><edge source="a" target="b"/></edges></graph></gexf>'
    )
    assert gexf_problems(mixed) == [
        "line 1: <node> mixes ['start', 'timestamp']",
        "line 1: node value for undeclared attribute 'size'",
        "line 1: edge between unknown nodes 'a', 'b'",
    ]


def test_jsonld_parses_with_rdflib_and_uses_wikidata_properties(kb):
    g = rdflib.Graph().parse(data=dump(kb, "jsonld"), format="json-ld")
    WDT = rdflib.Namespace("http://www.wikidata.org/prop/direct/")
    RDFS = rdflib.RDFS
    by_label = {str(o): s for s, o in g.subject_objects(RDFS.label)}
    rcf = by_label["Red Crescent Front"]
    assert [str(o) for o in g.objects(rcf, WDT.P571)] == ["2010"]
    assert sorted(float(o) for o in g.objects(rcf, WDT.P2124)) == [900.0, 1200.0]
    assert list(g.objects(rcf, WDT.P112)) == [by_label["Mullah Karim Zahid"]]
    statements = list(g.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/factionmap/ns#Statement")))
    assert len(statements) == kb.stats()["facts"]
    quotes = [str(q) for q in g.objects(None, WDT.P1683)]
    assert "In March 2012, the Blue Valley Brigade joined the Red Crescent Front." in quotes
    assert len(quotes) == kb.conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0]
    crescent_url = [str(u) for u in g.objects(None, WDT.P854)]
    assert "https://example.org/crescent" in crescent_url


class _Errors(ErrorListener):
    def __init__(self) -> None:
        self.errors: list[str] = []

    def syntaxError(self, recognizer, symbol, line, column, msg, e):  # noqa: N802 - ANTLR's name
        self.errors.append(f"{line}:{column} {msg}")


def parse_cypher(statement: str) -> list[str]:
    errors = _Errors()
    lexer = CypherLexer(InputStream(statement))
    lexer.removeErrorListeners()
    lexer.addErrorListener(errors)
    parser = CypherParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(errors)
    parser.script()
    return errors.errors


def test_cypher_script_parses_and_carries_every_edge(kb):
    lines = [x for x in dump(kb, "cypher").splitlines() if x and not x.startswith("//")]
    for line in lines[1:]:  # the first line is a schema command outside the openCypher grammar
        assert parse_cypher(line) == [], line
    assert parse_cypher("MERGE (n:Entity {id: 1} SET;") != []
    edges = [x for x in lines if x.startswith("MATCH (a:Entity")]
    with_object = kb.conn.execute("SELECT COUNT(*) FROM facts WHERE object_id IS NOT NULL").fetchone()[0]
    assert len(edges) == with_object
    joined = [x for x in edges if ":JOINED {" in x]
    assert len(joined) == 2
    assert any(
        'r.evidence = "In March 2012, the Blue Valley Brigade joined the Red Crescent Front."' in x for x in joined
    )
    node = next(x for x in lines if 'n.name = "Red Crescent Front"' in x)
    assert re.search(r'n\.aliases = \["RCF"\]', node)


def test_gephi_csv_tables(kb):
    nodes = list(csv.DictReader(io.StringIO(dump(kb, "csv-nodes"))))
    edges = list(csv.DictReader(io.StringIO(dump(kb, "csv-edges"))))
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    rcf = next(n for n in nodes if n["Id"] == "Red Crescent Front")
    assert (rcf["type"], rcf["aliases"], rcf["membership"]) == ("ORG", "RCF", "1200 @ 2014; 900 @ 2014")
    rival = [e for e in edges if e["Label"] == "rival_of"]
    assert {e["Type"] for e in rival} == {"Undirected"}


def test_csv_carries_confidence_and_producer(kb):
    text = dump(kb, "csv")
    assert text.splitlines()[0] == (
        "id,subject,subject_type,relation,object,object_type,value,value_high,date,start,"
        "end,certainty,status,confidence,produced_by,doc,evidence_start,evidence_end,"
        "evidence,subject_ids,object_ids"
    )
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    tuned = rows[tuned_key(kb)]
    assert (tuned["subject"], tuned["relation"], tuned["object"]) == (
        "Blue Valley Brigade",
        "joined",
        "Red Crescent Front",
    )
    assert (tuned["status"], tuned["confidence"], tuned["produced_by"], tuned["doc"]) == (
        "machine",
        "0.42",
        "model:relations",
        "red-crescent.txt",
    )
    stored = stored_provenance(kb)
    assert {k: (float(r["confidence"]), r["produced_by"]) for k, r in rows.items()} == stored
    assert {v for k, v in stored.items() if k != tuned_key(kb)} == {(1.0, "rule:triggers"), (1.0, "rule:patterns")}


def test_gephi_edge_table_carries_confidence_and_producer(kb):
    nodes = dump(kb, "csv-nodes")
    assert nodes.splitlines()[0] == "Id,Label,type,aliases,founded_on,membership,ids"
    text = dump(kb, "csv-edges")
    assert text.splitlines()[0] == (
        "Source,Target,Type,Id,Label,date,start,end,certainty,status,confidence,produced_by,doc,evidence"
    )
    edges = {e["Id"]: e for e in csv.DictReader(io.StringIO(text))}
    tuned = edges[tuned_key(kb)]
    assert [tuned[c] for c in ("Source", "Target", "Label", "certainty", "status", "confidence", "produced_by")] == [
        "Blue Valley Brigade",
        "Red Crescent Front",
        "joined",
        "asserted",
        "machine",
        "0.42",
        "model:relations",
    ]
    stored = stored_provenance(kb)
    assert {k: (float(e["confidence"]), e["produced_by"]) for k, e in edges.items()} == {k: stored[k] for k in edges}


def test_graphml_edges_carry_confidence_and_producer(kb):
    text = dump(kb, "graphml")
    keys = {
        k.get("attr.name"): k.get("attr.type")
        for k in etree.fromstring(text.encode()).iter("{http://graphml.graphdrawing.org/xmlns}key")
        if k.get("for") == "edge"
    }
    assert (keys["confidence"], keys["produced_by"]) == ("double", "string")
    g = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    edges = {k: d for _u, _v, k, d in g.edges(keys=True, data=True)}
    tuned = edges[tuned_key(kb)]
    assert (tuned["relation"], tuned["confidence"], tuned["produced_by"]) == ("joined", 0.42, "model:relations")
    assert type(tuned["confidence"]) is float
    stored = stored_provenance(kb)
    assert {k: (d["confidence"], d["produced_by"]) for k, d in edges.items()} == {k: stored[k] for k in edges}


def test_gexf_edges_carry_confidence_and_producer(kb):
    text = dump(kb, "gexf")
    assert gexf_problems(text) == []
    root = etree.fromstring(text.encode())
    declared = {
        a.get("id"): (a.get("title"), a.get("type"))
        for a in root.iterfind(f"{GEXF}graph/{GEXF}attributes[@class='edge']/{GEXF}attribute")
    }
    assert (declared["confidence"], declared["produced_by"]) == (("confidence", "double"), ("produced_by", "string"))
    edge = root.find(f".//{GEXF}edge[@id='{tuned_key(kb)}']")
    values = {v.get("for"): v.get("value") for v in edge.iter(f"{GEXF}attvalue")}
    assert (values["confidence"], values["produced_by"]) == ("0.42", "model:relations")
    g = nx.read_gexf(
        io.BytesIO(
            text.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
            .replace('version="1.3"', 'version="1.2"')
            .encode()
        )
    )
    edges = {d["fact"]: d for _u, _v, d in g.edges(data=True)}
    assert (edges[tuned_key(kb)]["confidence"], edges[tuned_key(kb)]["produced_by"]) == (0.42, "model:relations")
    stored = stored_provenance(kb)
    assert {k: (d["confidence"], d["produced_by"]) for k, d in edges.items()} == {k: stored[k] for k in edges}


def test_jsonld_statements_carry_confidence_and_producer(kb):
    text = dump(kb, "jsonld")
    doc = json.loads(text)
    statements = {n["@id"]: n for n in doc["@graph"] if n.get("@type") == "fm:Statement"}
    tuned = statements[f"urn:factionmap:fact:{tuned_key(kb)}"]
    assert (tuned["fm:certainty"], tuned["fm:confidence"], tuned["fm:producedBy"]) == (
        "asserted",
        0.42,
        "model:relations",
    )
    assert doc["@context"]["fm"] == "https://w3id.org/factionmap/ns#"
    g = rdflib.Graph().parse(data=text, format="json-ld")
    FM = rdflib.Namespace("https://w3id.org/factionmap/ns#")
    confidence = g.value(rdflib.URIRef(tuned["@id"]), FM.confidence)
    assert (confidence.toPython(), confidence.datatype) == (0.42, rdflib.XSD.double)
    assert str(g.value(rdflib.URIRef(tuned["@id"]), FM.producedBy)) == "model:relations"
    stored = stored_provenance(kb)
    read = {
        str(st).removeprefix("urn:factionmap:fact:"): (
            g.value(st, FM.confidence).toPython(),
            str(g.value(st, FM.producedBy)),
        )
        for st in g.subjects(rdflib.RDF.type, FM.Statement)
    }
    assert read == stored


def test_cypher_relationships_carry_confidence_and_producer(kb):
    lines = dump(kb, "cypher").splitlines()
    tuned = [x for x in lines if f'{{key: "{tuned_key(kb)}"}}' in x]
    assert len(tuned) == 1 and parse_cypher(tuned[0]) == []
    assert ":JOINED {key: " in tuned[0]
    assert 'r.certainty = "asserted", r.confidence = 0.42, r.produced_by = "model:relations", ' in tuned[0]
    edges = [x for x in lines if x.startswith("MATCH (a:Entity")]
    stored = stored_provenance(kb)
    read = {}
    for x in edges:
        m = re.search(r'\{key: "([0-9a-f]+)"\}.* r\.confidence = ([0-9.]+), r\.produced_by = "([^"]+)"', x)
        read[m[1]] = (float(m[2]), m[3])
    assert len(read) == len(edges)
    assert read == {k: stored[k] for k in read}
