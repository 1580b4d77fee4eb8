"""Every export format read back with an independent reader."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import networkx as nx
import pytest
import rdflib
from antlr4 import CommonTokenStream, InputStream
from antlr4.error.ErrorListener import ErrorListener
from antlr4_cypher import CypherLexer, CypherParser

from factionmap.export import export
from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .conftest import CORPUS, HERE

GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("exports") / "kb.db")
    assert ingest_paths(store, [CORPUS, HERE / "corpus-time"]).ok
    return store


def dump(store, fmt) -> str:
    buf = io.StringIO()
    export(store, fmt, buf)
    return buf.getvalue()


# The GEXF 1.3 grammar (gexf.rnc and dynamics.rnc of the GEXF 1.3 specification), as rules:
ALLOWED = {
    "gexf": {"version", "variant"}, "meta": {"lastmodifieddate"}, "creator": set(), "description": set(),
    "keywords": set(),
    "graph": {"defaultedgetype", "idtype", "timeformat", "start", "end", "timestamp", "mode", "timerepresentation",
              "timezone"},
    "attributes": {"class"}, "attribute": {"id", "title", "type"}, "default": set(), "options": set(),
    "nodes": {"count"}, "edges": {"count"},
    "node": {"id", "label", "pid", "start", "end", "intervals", "timestamp", "timestamps"},
    "edge": {"id", "type", "label", "source", "target", "weight", "kind", "start", "end", "intervals", "timestamp",
             "timestamps"},
    "attvalues": set(), "attvalue": {"for", "value", "start", "end", "timestamp"},
    "spells": set(), "spell": {"start", "end", "timestamp"},
}
CHILDREN = {"gexf": ["meta", "graph"], "meta": ["creator", "keywords", "description"],
            "graph": ["attributes", "nodes", "edges"], "attributes": ["attribute"], "nodes": ["node"],
            "edges": ["edge"], "node": ["attvalues", "spells", "nodes", "edges", "parents"],
            "edge": ["attvalues", "spells"], "attvalues": ["attvalue"], "attribute": ["default", "options"]}
REQUIRED = {"gexf": {"version"}, "attributes": {"class"}, "attribute": {"id", "title", "type"}, "node": {"id"},
            "edge": {"source", "target"}, "attvalue": {"for", "value"}}
ENUMS = {("graph", "defaultedgetype"): {"directed", "undirected", "mutual"},
         ("graph", "mode"): {"static", "dynamic", "slice"},
         ("graph", "timeformat"): {"integer", "double", "date", "dateTime"},
         ("edge", "type"): {"directed", "undirected", "mutual"}, ("attributes", "class"): {"node", "edge"},
         ("attribute", "type"): {"integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI"}}


def gexf_problems(root: ET.Element) -> list[str]:
    problems = []
    if root.tag != f"{GEXF}gexf" or root.get("version") != "1.3":
        problems.append("root is not <gexf version='1.3'> in the 1.3 namespace")

    def visit(el: ET.Element) -> None:
        name = el.tag.replace(GEXF, "")
        if not el.tag.startswith(GEXF):
            problems.append(f"element {el.tag} is outside the GEXF namespace")
            return
        extra = set(el.attrib) - ALLOWED.get(name, set())
        if extra:
            problems.append(f"<{name}> has attributes the grammar does not allow: {sorted(extra)}")
        missing = REQUIRED.get(name, set()) - set(el.attrib)
        if missing:
            problems.append(f"<{name}> lacks {sorted(missing)}")
        for (ename, attr), allowed in ENUMS.items():
            if ename == name and attr in el.attrib and el.get(attr) not in allowed:
                problems.append(f"<{name} {attr}={el.get(attr)!r}> is not one of {sorted(allowed)}")
        for attr in ("start", "end"):
            if attr in el.attrib:
                date.fromisoformat(el.get(attr))  # xsd:date under timeformat="date"
        order = CHILDREN.get(name, [])
        seen = [c.tag.replace(GEXF, "") for c in el]
        if any(c not in order for c in seen):
            problems.append(f"<{name}> has children the grammar does not allow: {seen}")
        elif [order.index(c) for c in seen] != sorted(order.index(c) for c in seen):
            problems.append(f"<{name}> children are out of order: {seen}")
        for c in el:
            visit(c)

    visit(root)
    ids = {a.get("id") for a in root.iter(f"{GEXF}attribute")}
    nodes = {n.get("id") for n in root.iter(f"{GEXF}node")}
    problems += [f"attvalue for unknown attribute {v.get('for')}" for v in root.iter(f"{GEXF}attvalue")
                 if v.get("for") not in ids]
    problems += [f"edge to unknown node {e.get('target')}" for e in root.iter(f"{GEXF}edge")
                 if e.get("source") not in nodes or e.get("target") not in nodes]
    return problems


def test_gexf_is_dynamic_1_3_and_reads_back(kb):
    text = dump(kb, "gexf")
    root = ET.fromstring(text)
    assert gexf_problems(root) == []
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    # networkx reads GEXF 1.2; the 1.3 elements used here are the same, so only the namespace is renamed
    g = nx.read_gexf(io.BytesIO(text.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
                                .replace('version="1.3"', 'version="1.2"').encode()))
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    joined = [(labels[u], labels[v], d.get("start"), d.get("end")) for u, v, d in g.edges(data=True)
              if d["relation"] == "joined" and labels[u] == "Blue Valley Brigade"]
    assert joined == [("Blue Valley Brigade", "Red Crescent Front", "2012-03-01", "2014-01-01")]
    rcf = next(d for d in g.nodes.values() if d["label"] == "Red Crescent Front")
    assert rcf["founded_on"] == "2010"


def test_a_gexf_that_breaks_the_grammar_is_caught():
    bad = ET.fromstring('<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph mode="live"><nodes>'
                        '<node label="x"/></nodes><edges/></graph></gexf>')
    assert gexf_problems(bad) == ["<graph mode='live'> is not one of ['dynamic', 'slice', 'static']",
                                  "<node> lacks ['id']"]


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
    assert any('r.evidence = "In March 2012, the Blue Valley Brigade joined the Red Crescent Front."' in x
               for x in joined)
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
