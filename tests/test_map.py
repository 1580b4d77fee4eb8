"""The analyst's map in a real Chromium, on the shared corpus (10 real documents), on the three shared corpora
(412) and on invented texts: labels that never overlap, node size, the legend, focus, the year range, its
histogram and play, the URL round trip, the data tab against the API, search by alias and name variants, the
grouped view of coalitions."""

import csv
import io
import json
import math
import re
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from factionmap import query
from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .browser import DRAWN, LABEL_OVERLAPS, VISIBLE_EDGES, open_map, screen_point, serving, set_range, shot
from .conftest import HERE, shared_corpus


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo's database: the shared corpus of 10 documents."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    assert ingest_paths(Store(db), [shared_corpus()]).ok
    with serving(db) as base:
        yield base, Store(db)


def api(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def held_edges(store, date, relations=None):
    """The entity-to-entity facts that held at some time in ``date`` (the query layer's answer)."""
    return [
        f
        for f in query.asof(store, date)["facts"]
        if f["object_id"] is not None and (relations is None or f["relation"] in relations)
    ]


def neighbourhood(facts, centre, depth):
    """The keys of the facts within ``depth`` steps of ``centre`` (breadth first, as the map focuses)."""
    dist, frontier = {centre: 0}, [centre]
    for d in range(1, depth + 1):
        nxt = []
        for f in facts:
            for a, b in ((f["subject_id"], f["object_id"]), (f["object_id"], f["subject_id"])):
                if a in frontier and b not in dist:
                    dist[b] = d
                    nxt.append(b)
        frontier = nxt
    return sorted(
        f["key"]
        for f in facts
        if f["subject_id"] in dist
        and f["object_id"] in dist
        and min(dist[f["subject_id"]], dist[f["object_id"]]) < depth
    )


# the first label's height on screen, in pixels to a millionth (the font size is 12 / zoom in the graph's units)
LABEL_PX = "() => Math.round(parseFloat(window.fmMap.nodes('.labelled')[0].renderedStyle('font-size')) * 1e6) / 1e6"


def test_first_draw_labels_never_overlap_and_more_show_on_zoom(demo, browser):
    base, store = demo
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/")
    overlaps, labelled = page.evaluate(LABEL_OVERLAPS)
    assert overlaps == 0 and labelled >= 15
    # labels are the size of the page's text whatever the zoom, and the most important name (the largest: by
    # its facts over the whole time range, the default size) is labelled
    assert page.evaluate(LABEL_PX) == 12
    top = page.evaluate("""() => { const ns = window.fmMap.nodes().sort((a, b) => b.data('size') - a.data('size'));
        return [ns[0].id(), ns[0].hasClass('labelled')]; }""")
    assert top[1], top
    # every type drawn in the colour of its dot in the legend
    dots = dict(
        page.eval_on_selector_all(
            "#legend .types .item[data-type]",
            "is => is.map(i => [i.dataset.type, i.querySelector('.dot').style.background])",
        )
    )
    drawn = page.evaluate("() => window.fmMap.nodes().map(n => [n.data('type'), n.style('background-color')])")
    assert {t for t, _ in drawn} == {"ORG", "PERSON", "PLACE"} and len(set(dots.values())) == 3
    assert all(colour == dots[t].replace(" ", "") for t, colour in drawn)
    shot(page, "map-10-documents")
    page.evaluate(
        "() => { const cy = window.fmMap; cy.zoom({ level: cy.zoom() * 3, renderedPosition: "
        "{ x: cy.width() / 2, y: cy.height() / 2 } }); }"
    )
    page.wait_for_function("n => window.fmMap.nodes('.labelled').length > n", arg=labelled)
    page.wait_for_function(f"() => ({LABEL_PX})() === 12")
    overlaps, more = page.evaluate(LABEL_OVERLAPS)
    assert overlaps == 0 and more > labelled
    shot(page, "map-10-documents-zoomed")
    page.close()


def test_legend_names_node_types_relations_and_six_distinct_certainty_styles(tmp_path, browser):
    # an invented text with one fact at each level of certainty, all in 2015
    store = Store(tmp_path / "six.db")
    assert ingest_paths(store, [HERE / "corpus-certainty"]).ok
    levels = ["asserted", "reported", "claimed", "possible", "unclear", "denied"]
    assert sorted(f["certainty"] for f in store.export_facts()) == sorted(levels)
    with serving(tmp_path / "six.db") as base:
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        open_map(page, base + "/")
        types = page.eval_on_selector_all("#legend .types .item[data-type]", "is => is.map(i => i.textContent.trim())")
        assert types == ["group (organisation)", "person", "place"]
        relations = sorted({e["relation"] for e in api(base + "/api/graph")["edges"]})
        assert relations == ["allegiance_to", "funded_by", "joined"]
        assert page.eval_on_selector_all("#legend .relations .item", "is => is.map(i => i.dataset.relation)") == (
            relations
        )
        # each type's dot and each relation's line in the legend are the colours the map draws them in
        dots = dict(
            page.eval_on_selector_all(
                "#legend .types .item[data-type]",
                "is => is.map(i => [i.dataset.type, i.querySelector('.dot').style.background])",
            )
        )
        drawn_nodes = page.evaluate(
            "() => window.fmMap.nodes().map(n => [n.data('type'), n.style('background-color')])"
        )
        assert {t for t, _ in drawn_nodes} == {"ORG"}  # the demo's map checks all three types
        assert all(colour == dots[t].replace(" ", "") for t, colour in drawn_nodes)
        lines = dict(
            page.eval_on_selector_all(
                "#legend .relations .item",
                "is => is.map(i => [i.dataset.relation, i.querySelector('line').getAttribute('stroke')])",
            )
        )
        rgb = page.evaluate(  # each colour as the browser reads it
            "ls => Object.fromEntries(Object.entries(ls).map(([r, c]) => { const d = document.createElement('div');"
            " d.style.color = c; document.body.append(d); const v = getComputedStyle(d).color; d.remove();"
            " return [r, v]; }))",
            lines,
        )
        edge_colours = page.evaluate("() => window.fmMap.edges().map(e => [e.data('relation'), e.style('line-color')])")
        assert {r for r, _ in edge_colours} == set(relations)
        assert all(colour == rgb[r].replace(" ", "") for r, colour in edge_colours)
        assert len(set(rgb.values())) == 3  # three relations, three colours
        assert page.eval_on_selector_all("#legend .certainty .item", "is => is.map(i => i.dataset.certainty)") == (
            levels
        )
        swatches = page.eval_on_selector_all(
            "#legend .certainty line",
            "ls => ls.map(l => [l.getAttribute('stroke-dasharray'), l.getAttribute('stroke-opacity')])",
        )
        assert len(set(map(tuple, swatches))) == 6
        # every level is drawn, each in its own style: the legend's dash pattern
        assert page.text_content("#date") == "2015"
        styles = dict(
            page.evaluate("""() => window.fmMap.edges().map(e => [e.data('certainty'),
            [e.style('line-style'), e.style('line-dash-pattern'), e.style('opacity')]])""")
        )
        assert sorted(styles) == sorted(levels)
        assert len({json.dumps(v) for v in styles.values()}) == 6
        for (dash, opacity), level in zip(swatches, levels, strict=True):
            line_style, pattern, drawn_opacity = styles[level]
            assert (line_style == "solid") == (dash is None), level
            if dash is not None:
                assert pattern.replace("px", "").split() == dash.split(), level
            assert float(drawn_opacity) == float(opacity), level
        shot(page, "map-legend-six-certainties")
        page.close()


def test_search_by_a_dashed_alias_focuses_the_map_at_depths_one_to_three(demo, browser):
    base, store = demo
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?all=1")
    page.click("#search")
    page.keyboard.type("isis-k")  # an ASCII hyphen; the article writes ISIS–K, with an en dash
    page.wait_for_function("() => document.getElementById('results').dataset.query === 'isis-k'")
    isk = query.find_entity(store, "ISIS–K")
    shown = page.eval_on_selector_all("#results li", "ls => ls.map(l => [Number(l.dataset.id), l.textContent])")
    assert shown[0] == [isk["id"], f"{isk['name']} · ISIS–K ORG"]
    for typed in ("ISIS—K", "isis k", "ＩＳＩＳ-Ｋ"):  # an em dash, a space, full-width letters
        page.fill("#search", typed)
        page.wait_for_function("q => document.getElementById('results').dataset.query === q", arg=typed)
        assert page.get_attribute("#results li", "data-id") == str(isk["id"]), typed
    page.keyboard.press("Enter")
    page.wait_for_function("i => document.getElementById('network').dataset.focus === i", arg=str(isk["id"]))
    page.wait_for_function(DRAWN)
    year = page.text_content("#date")
    facts = held_edges(store, year)
    for depth in (1, 2, 3):
        if depth > 1:
            page.select_option("#depth", str(depth))
            page.wait_for_function(DRAWN)
        drawn = sorted(page.evaluate(VISIBLE_EDGES))
        assert drawn == neighbourhood(facts, isk["id"], depth), depth
        assert f"focus={isk['id']}" in page.url and (depth == 1 or f"depth={depth}" in page.url)
        shot(page, f"map-focus-depth-{depth}")
    assert len(neighbourhood(facts, isk["id"], 1)) < len(neighbourhood(facts, isk["id"], 3))
    page.click("#show-all")
    page.wait_for_function("() => document.getElementById('network').dataset.focus === ''")
    page.wait_for_function(DRAWN)
    assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(f["key"] for f in facts)
    assert "focus=" not in page.url
    page.close()


def view(page):
    """What the page shows: range, focus, relation boxes ticked, tab, and the edges drawn."""
    page.wait_for_function(DRAWN)
    return {
        "range": page.get_attribute("#network", "data-range"),
        "focus": page.get_attribute("#network", "data-focus"),
        "relations": page.eval_on_selector_all("#relations input:checked", "is => is.map(i => i.value)"),
        "tab": page.get_attribute("body", "data-tab"),
        "from": page.input_value("#from"),
        "to": page.input_value("#to"),
        "edges": sorted(page.evaluate(VISIBLE_EDGES)),
    }


def test_the_url_holds_the_view_and_back_and_forward_restore_it(demo, browser):
    base, store = demo
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/")
    start = view(page)
    set_range(page, 2014, 2017)
    ranged = view(page)
    page.uncheck("#relations input[value='based_in']")
    page.wait_for_function(DRAWN)
    filtered = view(page)
    isk = query.find_entity(store, "ISIS–K")["id"]
    page.evaluate("i => { window.fmMap.getElementById(i).emit('tap'); }", str(isk))
    page.wait_for_function("i => document.getElementById('network').dataset.focus === i", arg=str(isk))
    focused = view(page)
    page.click("#tab-data")
    page.wait_for_function("() => document.body.dataset.tab === 'data'")
    assert (
        page.url
        == f"{base}/?from=2014&to=2017&focus={isk}&rel="
        + "%2C".join(r for r in start["relations"] if r != "based_in")
        + "&tab=data"
    )
    assert focused["edges"] == neighbourhood(
        held_edges(store, "2014/2017", set(start["relations"]) - {"based_in"}), isk, 1
    )
    # a copied link reopens the same view
    other = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(other, page.url)
    assert view(other) == {**focused, "tab": "data"}
    assert other.is_visible("#datatable") and not other.is_visible("#network")
    other.close()
    for expected in (focused, filtered, ranged, start):
        page.go_back()
        page.wait_for_function(
            "r => (document.getElementById('network').dataset.range || '') === r", arg=expected["range"] or ""
        )
        page.wait_for_function("f => document.getElementById('network').dataset.focus === f", arg=expected["focus"])
        page.wait_for_function("t => document.body.dataset.tab === t || t === 'map'", arg=expected["tab"])
        assert view(page)["edges"] == expected["edges"]
        assert view(page)["relations"] == expected["relations"]
    page.go_forward()
    page.wait_for_function("() => document.getElementById('network').dataset.range === '2014/2017'")
    assert view(page)["edges"] == ranged["edges"]
    page.close()


def test_the_data_tab_lists_exactly_the_facts_drawn_and_downloads_them(demo, browser, tmp_path):
    base, store = demo
    page = browser.new_page(viewport={"width": 1400, "height": 950}, accept_downloads=True)
    open_map(page, base + "/?from=2015&to=2016&tab=data&all=1")
    page.wait_for_selector("#datatable tbody tr")
    facts = held_edges(store, "2015/2016")
    rows = page.eval_on_selector_all("#datatable tbody tr", "trs => trs.map(t => t.dataset.key)")
    assert sorted(rows) == sorted(f["key"] for f in facts) == sorted(page.evaluate(VISIBLE_EDGES))
    evidence = api(base + "/api/evidence")
    cells = page.eval_on_selector_all(
        "#datatable tbody tr",
        """trs => trs.map(t => [t.dataset.key,
        [...t.cells].map(c => c.firstChild ? c.firstChild.textContent : ''),
        t.querySelector('a').getAttribute('href')])""",
    )
    by_key = {f["key"]: f for f in facts}
    edges = {e["key"]: e for e in api(base + "/api/graph")["edges"]}
    for key, (subject, relation, obj, date, certainty, confidence, doc, sentence), href in cells:
        f, ev, edge = by_key[key], evidence[key], edges[key]
        assert (subject, obj, certainty, doc, sentence) == (
            f["subject"],
            f["object"],
            f["certainty"],
            ev["doc"],
            ev["text"],
        )
        # the relation read in words and the date in words when the API gives them, else the raw values
        assert relation == edge.get("phrase", f["relation"])
        assert date == (
            edge.get("when_text")
            or edge.get("date")
            or " – ".join(v for v in (edge.get("start"), edge.get("end")) if v)
        )
        assert confidence == f"{f['confidence']:.2f}"
        assert href == f"/document/{ev['doc_id']}#{ev['start']}-{ev['end']}"
        assert store.doc_text(ev["doc_id"])[ev["start"] : ev["end"]] == sentence
    # sorted by a column, filtered by relation and confidence
    page.click("#datatable th[data-col='confidence']")
    shown = page.eval_on_selector_all("#datatable tbody td.confidence", "ts => ts.map(t => Number(t.textContent))")
    assert shown == sorted(shown) and len(shown) == len(facts)
    relation = sorted({f["relation"] for f in facts})[0]
    page.select_option("#df-relation", relation)
    kept = page.eval_on_selector_all("#datatable tbody tr", "trs => trs.map(t => t.dataset.key)")
    assert sorted(kept) == sorted(f["key"] for f in facts if f["relation"] == relation)
    assert page.text_content("#rowcount") == f"{len(kept)} facts"
    shot(page, "map-data-tab")
    with page.expect_download() as info:
        page.click("#csv")
    data = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename == "factionmap-facts-2015-2016.csv"
    table = list(csv.DictReader(io.StringIO(data)))
    assert [r["key"] for r in table] == kept
    for r in table:
        f, ev = by_key[r["key"]], evidence[r["key"]]
        assert (r["subject"], r["relation"], r["object"], r["certainty"], r["document"], r["sentence"]) == (
            f["subject"],
            f["relation"],
            f["object"],
            f["certainty"],
            ev["doc"],
            ev["text"],
        )
        assert (int(r["start"]), int(r["end"])) == (ev["start"], ev["end"])
    page.close()


def test_coalitions_are_grouped_with_their_components_on_request(demo, browser):
    base, store = demo
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?from=2014&to=2016&all=1")
    plain = sorted(page.evaluate(VISIBLE_EDGES))
    page.check("#group")
    page.wait_for_function(DRAWN)
    assert "group=1" in page.url
    boxes = dict(
        page.evaluate(
            "() => window.fmMap.nodes('.coalition').map(g => "
            "[Number(g.id().slice(1)), g.children().map(c => Number(c.id()))])"
        )
    )
    facts = held_edges(store, "2014/2016")
    types = {e["id"]: e["type"] for e in api(base + "/api/graph")["nodes"]}
    parts: dict[int, set[int]] = {}
    for f in facts:
        if (
            f["relation"] in ("component_of", "joined")
            and types[f["subject_id"]] == types[f["object_id"]] == "ORG"
            and f["subject_id"] != f["object_id"]
        ):
            parts.setdefault(f["object_id"], set()).add(f["subject_id"])
    heads = {c for c, m in parts.items() if len(m) >= 2}
    assert set(boxes) == heads and heads
    placed = [n for children in boxes.values() for n in children]
    assert len(placed) == len(set(placed))  # a group sits in one box
    for coalition, children in boxes.items():
        assert coalition in children
        assert all(c == coalition or c in parts[coalition] for c in children), coalition
    assert {m for c in heads for m in parts[c] if m not in heads} <= set(placed)
    assert sorted(page.evaluate(VISIBLE_EDGES)) == plain  # grouping draws the same facts
    assert page.evaluate(LABEL_OVERLAPS)[0] == 0
    assert page.evaluate(STRAYS) == []
    assert page.evaluate(CROSSINGS) == []
    shot(page, "map-coalitions-grouped")
    page.uncheck("#group")
    page.wait_for_function(DRAWN)
    assert page.evaluate("() => window.fmMap.nodes('.coalition').length") == 0
    assert sorted(page.evaluate(VISIBLE_EDGES)) == plain
    page.close()


def test_hover_lights_a_neighbourhood_play_steps_the_range_and_a_profile_opens_its_focus(demo, browser):
    base, store = demo
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?from=2014&to=2015&all=1")
    hub = page.evaluate("() => window.fmMap.nodes().sort((a, b) => b.degree() - a.degree())[0].id()")
    # the real pointer on the hub: it and its neighbours (names and facts) stay lit, everything else fades
    page.mouse.move(*screen_point(page, f"() => window.fmMap.getElementById('{hub}').renderedPosition()"), steps=4)
    page.wait_for_function("() => window.fmMap.elements('.faded').length > 0")
    lit = page.evaluate("h => window.fmMap.elements().not('.faded').map(e => e.id()).sort()", hub)
    neighbourhood_ids = page.evaluate("h => window.fmMap.getElementById(h).closedNeighborhood().map(e => e.id())", hub)
    assert lit == sorted(neighbourhood_ids)
    assert len(lit) > 1 and len(lit) < page.evaluate("() => window.fmMap.elements().length")
    # the pointer leaves it for an empty corner of the map: nothing is faded
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + box["height"] - 3, steps=4)
    page.wait_for_function("() => window.fmMap.elements('.faded').length === 0")
    # play moves the range, its width kept, a year at a time; each step draws what the API says held
    page.click("#play")
    page.wait_for_function("() => document.getElementById('network').dataset.range === '2015/2016'")
    page.click("#play")
    page.wait_for_function(DRAWN)
    if page.get_attribute("#network", "data-range") == "2015/2016":
        assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(f["key"] for f in held_edges(store, "2015/2016"))
    # a profile's "Show on the map" opens the map focused on it
    isk = query.find_entity(store, "ISIS–K")["id"]
    page.goto(f"{base}/entity/{isk}")
    page.wait_for_selector("body[data-ready='1']")
    page.click("#onmap")
    page.wait_for_selector("body[data-ready='1']", timeout=60000)
    page.wait_for_function("i => document.getElementById('network').dataset.focus === i", arg=str(isk))
    page.wait_for_function(DRAWN)
    year = page.text_content("#date")
    assert sorted(page.evaluate(VISIBLE_EDGES)) == neighbourhood(held_edges(store, year), isk, 1)
    assert page.text_content("#focus-name") == "Islamic State – Khorasan Province"
    page.close()


# pairs of coalition boxes that meet, from Cytoscape's own bounding boxes (title included)
BOX_OVERLAPS = """() => { const bs = window.fmMap.nodes('.coalition').map(g => g.boundingBox({ includeLabels: true,
    includeOverlays: false }));
  let c = 0; for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
    const a = bs[i], b = bs[j]; if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) c++; }
  return [c, bs.length]; }"""
# names drawn inside a box they are not members of
STRAYS = """() => window.fmMap.nodes(':childless').filter(n => !n.hasClass('coalition')).filter(n =>
    window.fmMap.nodes('.coalition').some(g => { if (n.parent().same(g)) return false;
      const b = g.boundingBox({ includeLabels: false, includeOverlays: false }), p = n.position();
      return b.x1 < p.x && p.x < b.x2 && b.y1 < p.y && p.y < b.y2; })).map(n => n.data('name'))"""
# facts drawn across a coalition's box that neither of their ends belongs to: the segment between the two ends'
# centres (as Cytoscape places them) meeting the box (Liang–Barsky clipping)
CROSSINGS = """() => { const cy = window.fmMap;
  const boxes = cy.nodes('.coalition').map(g => [g, g.boundingBox({ includeLabels: false, includeOverlays: false })]);
  const meets = (p, q, b) => { let t0 = 0, t1 = 1; const dx = q.x - p.x, dy = q.y - p.y;
    for (const [k, d] of [[-dx, p.x - b.x1], [dx, b.x2 - p.x], [-dy, p.y - b.y1], [dy, b.y2 - p.y]]) {
      if (k === 0) { if (d < 0) return false; continue; }
      const r = d / k; if (k < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
      else { if (r < t0) return false; if (r < t1) t1 = r; } }
    return true; };
  const out = [];
  cy.edges().forEach(e => { for (const [g, b] of boxes) {
    if (e.source().parent().same(g) || e.target().parent().same(g)) continue;
    if (meets(e.source().position(), e.target().position(), b))
      out.push([e.source().data('name'), e.data('relation'), e.target().data('name'), g.data('label')]); } });
  return out; }"""
TWO_COALITIONS = """\
The Qorvan Hill Brigade joined the Tessaly Coast Alliance in March 2015.
The Marrow Ridge Front joined the Tessaly Coast Alliance in April 2015.
The Ostrel Valley Battalion joined the Tessaly Coast Alliance in May 2015.
The Pellin Lake Brigade joined the Vashtar Union in March 2015.
The Dunmere Front joined the Vashtar Union in April 2015.
The Kestrin Guard joined the Vashtar Union in June 2015.
In 2016 the Qorvan Hill Brigade fought the Pellin Lake Brigade.
In 2016 the Marrow Ridge Front fought the Dunmere Front.
The Ostrel Valley Battalion allied with the Kestrin Guard in 2016.
The Tessaly Coast Alliance fought the Vashtar Union in 2016.
"""


@contextmanager
def grouped_view(tmp_path: Path, browser: Any, text: str) -> Iterator[Callable[[], Any]]:
    """Serve a database of ``text`` and give a function that opens a new page on its grouped view of 2015–2016."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "coalitions.txt").write_text(text)
    db = tmp_path / "coalitions.db"
    assert ingest_paths(Store(db), [tmp_path / "texts"]).ok
    with serving(db) as base:

        def open_page() -> Any:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            open_map(page, base + "/?from=2015&to=2016&group=1")
            return page

        yield open_page


def test_two_coalitions_boxes_never_overlap_and_hold_only_their_members(tmp_path, browser):
    with grouped_view(tmp_path, browser, TWO_COALITIONS) as open_page:
        page = open_page()
        boxes = page.evaluate(
            "() => window.fmMap.nodes('.coalition').map(g => [g.data('label'), g.children().map(c => c.data('name'))"
            ".sort()])"
        )
        assert sorted(boxes) == [
            [
                "Tessaly Coast Alliance",
                sorted(
                    ["Tessaly Coast Alliance", "Qorvan Hill Brigade", "Marrow Ridge Front", "Ostrel Valley Battalion"]
                ),
            ],
            ["Vashtar Union", sorted(["Vashtar Union", "Pellin Lake Brigade", "Dunmere Front", "Kestrin Guard"])],
        ]
        assert page.evaluate(BOX_OVERLAPS) == [0, 2]
        assert page.evaluate(STRAYS) == []
        assert page.evaluate(CROSSINGS) == []
        assert page.evaluate(LABEL_OVERLAPS)[0] == 0
        shot(page, "map-two-coalitions")
        # zoomed out, the labels keep their size on screen: the boxes are arranged again and still never meet
        page.evaluate(
            "() => { const cy = window.fmMap; cy.zoom({ level: cy.zoom() / 2, renderedPosition: "
            "{ x: cy.width() / 2, y: cy.height() / 2 } }); }"
        )
        page.wait_for_function("() => document.getElementById('network').dataset.zoom === String(window.fmMap.zoom())")
        assert page.evaluate(BOX_OVERLAPS) == [0, 2]
        # without grouping every name is back where the layout put it
        page.uncheck("#group")
        page.wait_for_function(DRAWN)
        assert page.evaluate("() => window.fmMap.nodes('.coalition').length") == 0
        assert page.evaluate(
            "() => window.fmMap.nodes().every(n => { const p = n.position(), d = state.nodeDefs.get(n.id()).position;"
            " return p.x === d.x && p.y === d.y; })"
        )
        page.close()


# six invented coalitions of three components each; two pairs of them linked by a fight, the others apart
COALITIONS = [
    "Amberfell Alliance",
    "Brisca Union",
    "Corran League",
    "Delmar Union",
    "Essary League",
    "Fenwold Alliance",
]
PARTS = [
    ["Halwick Brigade", "Istren Front", "Jorvale Guard"],
    ["Kelmar Battalion", "Lusk Hill Front", "Mornay Guard"],
    ["Norrow Brigade", "Ospel Front", "Pardee Battalion"],
    ["Quillon Guard", "Rasket Brigade", "Sorrel Front"],
    ["Tamsin Battalion", "Ulvar Guard", "Verrin Brigade"],
    ["Wexley Front", "Yarrow Battalion", "Zennor Guard"],
]
MONTHS = ["March", "April", "May"]
SIX_COALITIONS = "\n".join(
    [
        f"The {p} joined the {c} in {m} 2015."
        for c, ps in zip(COALITIONS, PARTS, strict=True)
        for p, m in zip(ps, MONTHS, strict=True)
    ]
    + [
        "In 2016 the Halwick Brigade fought the Kelmar Battalion.",
        "In 2016 the Norrow Brigade fought the Quillon Guard.",
    ]
)
ZOOM_SETTLED = "() => document.getElementById('network').dataset.zoom === String(window.fmMap.zoom())"
# fCoSE's picture of the coalitions' members (name -> position, in screen pixels from its centre)
PICTURE = """() => [...state.groupLayouts.values()].map(l => [...l.pos].map(([id, p]) =>
    [state.nodeDefs.get(id).data.name, p.x, p.y]).sort())"""
# each box as Cytoscape draws it (title included), its name and where its members are
BOXES = """() => window.fmMap.nodes('.coalition').map(g => { const b = g.boundingBox({ includeLabels: true,
    includeOverlays: false }); return [g.data('label'), [b.x1, b.y1, b.x2, b.y2],
    g.children().map(c => [c.data('name'), c.position('x'), c.position('y')])]; })"""


def test_grouped_view_lays_out_six_coalitions_in_two_dimensions_each_member_in_its_box(tmp_path, browser):
    with grouped_view(tmp_path, browser, SIX_COALITIONS) as open_page:
        page = open_page()
        page.wait_for_function(ZOOM_SETTLED)  # the view fitted to the boxes, and the boxes arranged for that zoom
        assert page.evaluate("() => typeof cytoscapeFcose") == "function"  # the vendor script, served by the app
        boxes = page.evaluate(BOXES)
        assert sorted((name, sorted(m[0] for m in members)) for name, _, members in boxes) == sorted(
            (c, sorted([c, *ps])) for c, ps in zip(COALITIONS, PARTS, strict=True)
        )
        assert page.evaluate(BOX_OVERLAPS) == [0, 6]
        assert page.evaluate(STRAYS) == []
        assert page.evaluate(CROSSINGS) == []
        assert page.evaluate(LABEL_OVERLAPS)[0] == 0
        for name, (x1, y1, x2, y2), members in boxes:  # every component lies inside its coalition's box
            assert all(x1 < x < x2 and y1 < y < y2 for _, x, y in members), name
        # the boxes spread over the map's width and height: not one column, not one row
        left, top = min(b[1][0] for b in boxes), min(b[1][1] for b in boxes)
        right, bottom = max(b[1][2] for b in boxes), max(b[1][3] for b in boxes)
        assert 0.5 < (right - left) / (bottom - top) < 4
        beside = sum(1 for _, a, _ in boxes for _, b, _ in boxes if a[2] < b[0])  # pairs side by side
        above = sum(1 for _, a, _ in boxes for _, b, _ in boxes if a[3] < b[1])  # pairs one above the other
        assert beside >= 3 and above >= 3
        shot(page, "map-six-coalitions-grouped")
        picture = page.evaluate(PICTURE)
        assert len(picture) == 1 and len(picture[0]) == 24  # one set of boxes, its 24 names
        page.close()
        # the layout is seeded: the same network gives the same picture in another browser (nothing kept)
        again = open_page()
        assert again.evaluate(PICTURE) == picture
        again.wait_for_function(ZOOM_SETTLED)
        assert again.evaluate(BOXES) == boxes  # and the same map around it
        again.close()


# a network larger than a small frame holds: eight invented coalitions of six components each (56 names), and
# the coalitions' fights with one another
HUBS = ["Arvel", "Bostra", "Cindel", "Dorran", "Eskar", "Fallow", "Gristan", "Hollin"]
SPOKES = ["Quarry", "Ridge", "Marsh", "Ford", "Harbour", "Orchard"]
MANY = "\n".join(
    [f"The {s} {h} Brigade joined the {h} Alliance in March 2015." for h in HUBS for s in SPOKES]
    + [f"In 2016 the {a} Alliance fought the {b} Alliance." for a, b in zip(HUBS, HUBS[1:], strict=False)]
)
# names drawn (coalition boxes aside), circles that meet, and whether every name and box lies in the frame
DRAWN_NAMES = (
    "() => window.fmMap.nodes(':childless').filter(n => !n.hasClass('coalition')).map(n => n.data('name')).sort()"
)
CIRCLES_MEETING = """() => { const ns = window.fmMap.nodes(':childless').not('.coalition').toArray();
  let c = 0; for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
    const a = ns[i].position(), b = ns[j].position();
    if (Math.hypot(a.x - b.x, a.y - b.y) < (ns[i].data('size') + ns[j].data('size')) / 2) c++; }
  return c; }"""
OUTSIDE_FRAME = """() => { const cy = window.fmMap, w = cy.width(), h = cy.height();
  return cy.nodes().filter(n => { const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
    return b.x1 < 0 || b.y1 < 0 || b.x2 > w || b.y2 > h; }).map(n => n.data('label')); }"""


def served_text(root: Path, name: str, text: str) -> Iterator[tuple[str, Store]]:
    """One invented text ingested into ``root/NAME.db`` and served: the server's address and the store."""
    (root / "texts").mkdir()
    (root / "texts" / f"{name}.txt").write_text(text)
    db = root / f"{name}.db"
    assert ingest_paths(Store(db), [root / "texts"]).ok
    with serving(db) as base:
        yield base, Store(db)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A database of MANY (56 names), served."""
    yield from served_text(tmp_path_factory.mktemp("many"), "many", MANY)


def test_a_network_larger_than_the_frame_draws_its_most_important_names_and_show_all_draws_every_one(many, browser):
    base, store = many
    facts = held_edges(store, "2015/2016")
    names = {i for f in facts for i in (f["subject_id"], f["object_id"])}
    assert len(names) == 56
    page = browser.new_page(viewport={"width": 800, "height": 600})
    open_map(page, base + "/?from=2015&to=2016")
    cap = page.evaluate("() => capacity()")
    assert 20 <= cap < 56
    drawn = page.evaluate(DRAWN_NAMES)
    # the note counts exactly the names drawn, of all the names the range holds
    assert page.is_visible("#shown-note")
    assert page.get_attribute("#shown-note", "data-drawn") == str(len(drawn))
    assert page.get_attribute("#shown-note", "data-total") == "56"
    assert " ".join(page.text_content("#shown-note").split()) == f"showing {len(drawn)} of 56 names — show all"
    assert len(drawn) == cap
    # the most important (most connected) first: every coalition, then components linked to them
    assert {f"{h} Alliance" for h in HUBS} <= set(drawn)
    visible = sorted(page.evaluate(VISIBLE_EDGES))
    kept = {n["id"] for n in api(base + "/api/graph")["nodes"] if n["name"] in drawn}
    assert visible == sorted(f["key"] for f in facts if f["subject_id"] in kept and f["object_id"] in kept)
    # readable: no circles meeting, no labels meeting, everything in the frame
    assert page.evaluate(CIRCLES_MEETING) == 0
    assert page.evaluate(LABEL_OVERLAPS)[0] == 0
    assert page.evaluate(OUTSIDE_FRAME) == []
    positions = page.evaluate("() => window.fmMap.nodes().map(n => [n.id(), n.position('x'), n.position('y')])")
    shot(page, "map-most-important-names")
    # show all: every name of the range, the view fitted to them, kept in the URL
    page.click("#shown-toggle")
    page.wait_for_function("() => window.fmMap.nodes().length === 56")
    page.wait_for_function(DRAWN)
    assert "all=1" in page.url
    assert page.get_attribute("#shown-note", "data-drawn") == "56"
    assert " ".join(page.text_content("#shown-note").split()) == (
        f"showing all 56 names — show the {cap} most important"
    )
    assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(f["key"] for f in facts)
    assert page.evaluate(LABEL_OVERLAPS)[0] == 0
    assert page.evaluate(OUTSIDE_FRAME) == []
    page.go_back()
    page.wait_for_function("n => window.fmMap.nodes().length === n", arg=len(drawn))
    assert page.evaluate(DRAWN_NAMES) == drawn
    page.close()
    # the same state, the same picture, in another page
    again = browser.new_page(viewport={"width": 800, "height": 600})
    open_map(again, base + "/?from=2015&to=2016")
    assert (
        again.evaluate("() => window.fmMap.nodes().map(n => [n.id(), n.position('x'), n.position('y')])") == positions
    )
    again.close()


@pytest.mark.parametrize("every", [False, True])
def test_the_grouped_view_fits_the_frame_boxes_apart_and_inside_it(many, browser, every):
    base, store = many
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    open_map(page, base + "/?from=2015&to=2016&group=1" + ("&all=1" if every else ""))
    page.wait_for_function(ZOOM_SETTLED)
    boxes = page.evaluate(BOXES)
    drawn = page.evaluate(DRAWN_NAMES)
    assert len(drawn) == (56 if every else page.evaluate("() => capacity()"))
    assert len(boxes) == (8 if every else len([b for b in boxes if len(b[2]) >= 3]))
    assert page.evaluate(BOX_OVERLAPS) == [0, len(boxes)]
    assert page.evaluate(STRAYS) == []
    assert page.evaluate(CROSSINGS) == []
    assert page.evaluate(LABEL_OVERLAPS)[0] == 0
    # every box, and every name, lies in the frame after the fit
    assert page.evaluate(OUTSIDE_FRAME) == []
    for name, (x1, y1, x2, y2), members in boxes:
        assert all(x1 < x < x2 and y1 < y < y2 for _, x, y in members), name
    shot(page, "map-grouped-fitted" + ("-all" if every else ""))
    page.close()


OLD_HUBS = ["Arvel", "Bostra", "Cindel", "Dorran", "Eskar"]
NEW_HUBS = ["Fallow", "Gristan", "Hollin", "Istra", "Jorvan"]
# two eras: five alliances and their brigades from 2012, five more from 2019, when each old one fights a new one
ERAS = "\n".join(
    [f"The {s} {h} Brigade joined the {h} Alliance in March 2012." for h in OLD_HUBS for s in SPOKES]
    + [f"The {s} {h} Brigade joined the {h} Alliance in March 2019." for h in NEW_HUBS for s in SPOKES]
    + [f"In 2019 the {a} Alliance fought the {b} Alliance." for a, b in zip(OLD_HUBS, NEW_HUBS, strict=True)]
)
RENDERED = """() => Object.fromEntries(window.fmMap.nodes(':childless').not('.coalition').map(n =>
  [n.data('name'), [n.renderedPosition('x'), n.renderedPosition('y')]]))"""


@pytest.fixture(scope="module")
def eras(tmp_path_factory):
    """A database of ERAS (35 names in 2012, 70 in 2019), served."""
    yield from served_text(tmp_path_factory.mktemp("eras"), "eras", ERAS)


def note_of(page):
    return int(page.get_attribute("#shown-note", "data-drawn")), " ".join(page.text_content("#shown-note").split())


def test_the_slider_moves_no_name_in_the_shortened_view(eras, browser):
    base, store = eras
    held = {y: {i for f in held_edges(store, y) for i in (f["subject_id"], f["object_id"])} for y in ("2012", "2019")}
    assert (len(held["2012"]), len(held["2019"])) == (35, 70)
    page = browser.new_page(viewport={"width": 700, "height": 500})
    open_map(page, base + "/?from=2012&to=2012")
    assert page.evaluate("() => capacity()") < 35
    first = page.evaluate(RENDERED)
    # the shortened view, its note counting exactly the names drawn; readable at first draw
    assert page.is_visible("#shown-note")
    assert note_of(page) == (len(first), f"showing {len(first)} of 35 names — show all")
    assert page.evaluate(CIRCLES_MEETING) == 0
    assert page.evaluate(LABEL_OVERLAPS)[0] == 0
    assert page.evaluate(OUTSIDE_FRAME) == []
    seen = [first]
    for start, end, total in ((2019, 2019, 70), (2012, 2019, 70), (2012, 2012, 35)):
        set_range(page, start, end)
        now = page.evaluate(RENDERED)
        assert note_of(page) == (len(now), f"showing {len(now)} of {total} names — show all")
        assert page.evaluate(CIRCLES_MEETING) == 0
        assert page.evaluate(LABEL_OVERLAPS)[0] == 0
        assert page.evaluate(OUTSIDE_FRAME) == []
        # every name drawn at an earlier step as well is exactly where it was drawn then
        for before in seen:
            common = set(before) & set(now)
            assert common
            assert {n: now[n] for n in common} == {n: before[n] for n in common}
        seen.append(now)
    # the slider drew other names at 2019 than at 2012, and back at 2012 the same picture
    assert set(seen[1]) != set(seen[0])
    assert seen[3] == seen[0]
    page.close()
    # the same state, the same picture, in another page (whatever came before)
    again = browser.new_page(viewport={"width": 700, "height": 500})
    open_map(again, base + "/?from=2019&to=2019")
    assert again.evaluate(RENDERED) == seen[1]
    again.close()


# ---- two invented documents: the slider's years, the histogram, play, node size, the data tab, search -------

NORTH = """\
In March 2012, the Hawk Battalion joined the Karvan Front.
In April 2013, the Red Hand Brigade was reportedly funded by the Sarif Charity Trust.
In 2013, the Sévéra Valley Front joined the Karvan Front.
In May 2013, the Azure Movement claimed that it had joined the Crescent State.
"""
SOUTH = """\
In June 2016, the Dalil Network may have pledged allegiance to the Crescent State.
In 2016, the Kel’tar Brigade joined the Crescent State.
The Iron Party denied that it joined the Karvan Front in August 2016.
In 2016, the Hawk Battalion clashed with the Kel’tar Brigade.
"""
# the rule extractor is sure of every fact: these get lower confidences, set directly
LEDGER_CONFIDENCE = {"joined": 0.55, "rival_of": 0.3}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """NORTH and SOUTH, two documents of eight facts (2012, 2013 and 2016; every certainty but unclear), served."""
    root = tmp_path_factory.mktemp("ledger")
    (root / "texts").mkdir()
    (root / "texts" / "north.txt").write_text(NORTH, encoding="utf-8")
    (root / "texts" / "south.txt").write_text(SOUTH, encoding="utf-8")
    store = Store(root / "ledger.db")
    assert ingest_paths(store, [root / "texts"]).ok
    with store.transaction() as conn:
        for relation, confidence in LEDGER_CONFIDENCE.items():
            conn.execute("UPDATE facts SET confidence = ? WHERE relation = ?", (confidence, relation))
    assert len(list(store.export_facts())) == 8
    with serving(root / "ledger.db") as base:
        yield base, store


def edge_years(base):
    """The year of each of the map's facts, from the API: its date's, else its start's, else its end's (a date
    such as 199X names no year)."""
    years = {}
    for e in api(base + "/api/graph")["edges"]:
        found = [
            m.group(1) for v in (e.get("date"), e.get("start"), e.get("end")) if (m := re.match(r"(\d{4})", v or ""))
        ]
        years[e["key"]] = int(found[0]) if found else None
    return years


HISTOGRAM = """() => [...document.querySelectorAll('#histogram rect.bar')].map(r => [Number(r.dataset.year),
    Number(r.dataset.count), Number(r.getAttribute('height')) > 0, r.classList.contains('in'),
    r.querySelector('title').textContent])"""


def test_the_slider_spans_the_years_of_the_data_with_a_histogram_of_its_dated_facts(ledger, browser):
    base, store = ledger
    years = edge_years(base)
    assert sorted(years.values()) == [2012, 2013, 2013, 2013, 2016, 2016, 2016, 2016]
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/")
    for slider in ("#from", "#to"):  # from the first year a fact is dated to the last, not a year more
        assert (page.get_attribute(slider, "min"), page.get_attribute(slider, "max")) == ("2012", "2016")
    # the last year at first, its facts drawn
    assert page.text_content("#date") == "2016"
    assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(f["key"] for f in held_edges(store, "2016"))
    # one bar a year, each counting the facts dated in it, drawn only when it has some; the range's bars marked
    counts = {2012: 1, 2013: 3, 2014: 0, 2015: 0, 2016: 4}
    assert page.evaluate(HISTOGRAM) == [[y, c, c > 0, y == 2016, f"{y}: {c} dated facts"] for y, c in counts.items()]
    set_range(page, 2012, 2013)
    assert [bar[3] for bar in page.evaluate(HISTOGRAM)] == [True, True, False, False, False]
    assert page.text_content("#date") == "2012–2013"
    assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(f["key"] for f in held_edges(store, "2012/2013"))
    shot(page, "map-histogram")
    page.close()


# a hundred invented facts from 2010 to 2019, and one dated two centuries earlier
TENS = ["Arvel", "Bostra", "Cindel", "Dorran", "Eskar", "Fallow", "Gristan", "Hollin", "Istra", "Jorvan"]
UNITS = ["Quarry", "Ridge", "Marsh", "Ford", "Harbour", "Orchard", "Meadow", "Cliff", "Valley", "Forest"]
CENTURY = "\n".join(
    [f"The {u} {t} Brigade joined the {t} Alliance in March {2010 + i}." for i, t in enumerate(TENS) for u in UNITS]
    + ["In 1813 the Arvel Alliance fought the Bostra Alliance."]
)


@pytest.fixture(scope="module")
def century(tmp_path_factory):
    """A database of CENTURY, served."""
    yield from served_text(tmp_path_factory.mktemp("century"), "century", CENTURY)


def test_a_stray_early_date_is_gathered_into_the_sliders_first_year_not_stretched_over_centuries(century, browser):
    base, store = century
    years = sorted(y for y in edge_years(base).values() if y is not None)
    assert (years[0], years[1], years[-1], len(years)) == (1813, 2010, 2019, 101)
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?from=2010&to=2010&all=1")
    assert (page.get_attribute("#from", "min"), page.get_attribute("#from", "max")) == ("2010", "2019")
    bars = page.evaluate(HISTOGRAM)
    assert [b[0] for b in bars] == list(range(2010, 2020))
    # the first bar counts the stray fact with the first year's, and says so
    assert bars[0][1:] == [11, True, True, "1813–2010: 11 dated facts"]
    assert [b[1] for b in bars[1:]] == [10] * 9
    # and the first year draws it: the range begins with the earliest fact
    drawn = sorted(page.evaluate(VISIBLE_EDGES))
    assert drawn == sorted(f["key"] for f in held_edges(store, "1813/2010"))
    assert any(f["date"] == "1813" and f["key"] in drawn for f in held_edges(store, "1813/2010"))
    page.close()


# each step of play: the range, and the facts drawn, read together once the step is on the screen
PLAY_STEP = """prev => { const n = document.getElementById('network');
  if (n.dataset.range === prev || n.dataset.drawn !== n.dataset.pending) return null;
  return [n.dataset.range, window.fmMap.edges(':visible').map(e => e.id()).sort(),
    document.getElementById('from').value, document.getElementById('to').value]; }"""


def test_play_steps_the_range_a_year_at_a_time_its_width_kept_and_starts_again_after_the_last_year(ledger, browser):
    base, store = ledger
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?from=2012&to=2013&all=1")
    assert page.text_content("#play") == "▶"
    page.click("#play")
    assert page.text_content("#play") == "❚❚"
    seen, prev = [], "2012/2013"
    for _ in range(5):
        rng, edges, lo, hi = page.wait_for_function(PLAY_STEP, arg=prev, timeout=10000).json_value()
        seen.append(rng)
        assert (lo, hi) == tuple(rng.split("/")), rng  # the sliders show the range
        assert edges == sorted(f["key"] for f in held_edges(store, rng)), rng
        prev = rng
    assert seen == ["2013/2014", "2014/2015", "2015/2016", "2012/2013", "2013/2014"]
    page.click("#play")  # pause
    assert page.text_content("#play") == "▶"
    page.close()


def test_node_size_follows_connections_or_pagerank_as_the_user_picks(ledger, browser):
    import networkx as nx

    base, store = ledger
    graph = api(base + "/api/graph")
    degree = {n["id"]: 0 for n in graph["nodes"]}
    for e in graph["edges"]:
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    top = max(degree.values())
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?from=2012&to=2016&all=1")
    sizes = "() => Object.fromEntries(window.fmMap.nodes().map(n => [n.id(), n.width()]))"
    # by connections (the default): 10 px, plus 40 times the square root of log2(1 + facts) over that of the
    # most connected
    assert page.input_value("#sizeby") == "connections"
    assert page.text_content("#legend .sizenote") == "size: connections"
    drawn = page.evaluate(sizes)
    assert len(drawn) == len(degree)
    for i, w in drawn.items():
        assert w == pytest.approx(10 + 40 * math.sqrt(math.log2(1 + degree[int(i)]) / math.log2(1 + top))), i
    # by PageRank (facts as links from subject to object, damping 0.85): the receivers of many links are largest
    page.select_option("#sizeby", "pagerank")
    page.wait_for_function(DRAWN)
    assert "size=pagerank" in page.url
    assert page.text_content("#legend .sizenote") == "size: centrality (PageRank)"
    g = nx.MultiDiGraph()
    g.add_nodes_from(degree)
    g.add_edges_from((e["source"], e["target"]) for e in graph["edges"])
    rank = nx.pagerank(g, alpha=0.85, tol=1e-10)
    best = max(rank.values())
    ranked = page.evaluate(sizes)
    for i, w in ranked.items():
        assert w == pytest.approx(10 + 40 * math.sqrt(rank[int(i)] / best), abs=0.5), i
    # the two fronts each have three facts; the State's links come from names that are linked to themselves
    ids = {n["name"]: str(n["id"]) for n in graph["nodes"]}
    assert drawn[ids["Karvan Front"]] == drawn[ids["Crescent State"]] == max(drawn.values())
    assert ranked[ids["Crescent State"]] == max(ranked.values()) > ranked[ids["Karvan Front"]]
    # the choice is kept in the URL: a copied link opens the same sizes
    other = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(other, page.url)
    assert other.input_value("#sizeby") == "pagerank" and other.evaluate(sizes) == ranked
    other.close()
    page.close()


def table(page):
    """The data tab's rows as shown: key, then each cell's own text."""
    return page.eval_on_selector_all(
        "#datatable tbody tr",
        "trs => trs.map(t => [t.dataset.key, ...[...t.cells].map(c => c.firstChild ? c.firstChild.textContent : '')])",
    )


def test_the_data_tab_sorts_and_filters_by_relation_certainty_confidence_date_and_document(ledger, browser):
    base, store = ledger
    page = browser.new_page(viewport={"width": 1400, "height": 950}, accept_downloads=True)
    open_map(page, base + "/?from=2012&to=2016&tab=data&all=1")
    page.wait_for_selector("#datatable tbody tr")
    facts = {f["key"]: f for f in held_edges(store, "2012/2016")}
    evidence = api(base + "/api/evidence")
    edges = {e["key"]: e for e in api(base + "/api/graph")["edges"]}
    assert len(facts) == 8 and sorted(r[0] for r in table(page)) == sorted(facts)
    when = {k: e.get("date") or e.get("start") or e.get("end") or "" for k, e in edges.items()}
    # sorted by date at first, earliest first; a click on a heading sorts by it, a second click the other way
    assert [r[0] for r in table(page)] == sorted(facts, key=lambda k: (when[k], k))
    assert page.get_attribute("#datatable th[data-col='date']", "data-sorted") == "asc"
    page.click("#datatable th[data-col='date']")
    assert page.get_attribute("#datatable th[data-col='date']", "data-sorted") == "desc"
    latest = [r[0] for r in table(page)]
    assert [when[k] for k in latest] == sorted((when[k] for k in facts), reverse=True)
    page.click("#datatable th[data-col='confidence']")
    assert [r[6] for r in table(page)] == ["0.30"] + ["0.55"] * 5 + ["1.00"] * 2
    page.click("#datatable th[data-col='confidence']")
    assert [r[6] for r in table(page)] == ["1.00"] * 2 + ["0.55"] * 5 + ["0.30"]
    page.click("#datatable th[data-col='subject']")
    assert [r[1] for r in table(page)] == sorted(facts[k]["subject"] for k in facts)

    def shown():
        keys = [r[0] for r in table(page)]
        assert page.text_content("#rowcount") == f"{len(keys)} facts"
        return sorted(keys)

    def only(test):
        return sorted(k for k, f in facts.items() if test(f, evidence[k]))

    # each filter, through its own control, keeps exactly the facts it names
    page.select_option("#df-relation", "joined")
    assert shown() == only(lambda f, ev: f["relation"] == "joined") and len(shown()) == 5
    page.select_option("#df-relation", "")
    page.select_option("#df-certainty", "denied")
    assert shown() == only(lambda f, ev: f["certainty"] == "denied") and len(shown()) == 1
    page.select_option("#df-certainty", "")
    page.fill("#df-confidence", "0.5")
    assert shown() == only(lambda f, ev: f["confidence"] >= 0.5) and len(shown()) == 7
    page.fill("#df-confidence", "0.6")
    assert shown() == only(lambda f, ev: f["confidence"] >= 0.6) and len(shown()) == 2
    page.fill("#df-confidence", "0")
    page.fill("#df-date", "2013")
    assert shown() == only(lambda f, ev: (f["date"] or "").startswith("2013")) and len(shown()) == 3
    page.fill("#df-date", "")
    page.select_option("#df-doc", "south.txt")
    assert shown() == only(lambda f, ev: ev["doc"] == "south.txt") and len(shown()) == 4
    # filters combine, and the CSV holds exactly the rows shown, in their order
    page.fill("#df-confidence", "0.5")
    kept = [r[0] for r in table(page)]
    assert sorted(kept) == only(lambda f, ev: ev["doc"] == "south.txt" and f["confidence"] >= 0.5)
    assert len(kept) == 3
    with page.expect_download() as info:
        page.click("#csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [r["key"] for r in rows] == kept
    assert [(r["relation"], r["document"], r["sentence"]) for r in rows] == [
        (facts[k]["relation"], "south.txt", evidence[k]["text"]) for k in kept
    ]
    # a row's link opens the document at its sentence, marked
    key = kept[0]
    page.click(f"#datatable tr[data-key='{key}'] a")
    page.wait_for_url(f"**/document/{evidence[key]['doc_id']}#*")
    page.wait_for_selector("body[data-ready='1']")
    marked = page.eval_on_selector_all(".doctext .target", "ts => ts.map(t => t.textContent).join('')")
    assert marked == evidence[key]["text"]
    page.close()


def test_search_ignores_case_accents_and_quote_variants_as_you_type_and_a_click_focuses(ledger, browser):
    base, store = ledger
    fed = query.find_entity(store, "Sévéra Valley Front")
    kel = query.find_entity(store, "Kel’tar Brigade")
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/?from=2012&to=2016&all=1")

    def results(typed):
        page.fill("#search", typed)
        page.wait_for_function("q => document.getElementById('results').dataset.query === q", arg=typed)
        return page.eval_on_selector_all("#results li", "ls => ls.map(l => [Number(l.dataset.id), l.textContent])")

    page.click("#search")
    page.keyboard.type("seve")  # typeahead: the first letters are enough
    page.wait_for_function("() => document.getElementById('results').dataset.query === 'seve'")
    assert page.eval_on_selector_all("#results li", "ls => ls.map(l => Number(l.dataset.id))") == [fed["id"]]
    for typed in ("severa valley front", "SEVERA", "Sévéra", "SÉVÉRA VALLEY", "valley front", "se\u0301ve\u0301ra"):
        assert results(typed) == [[fed["id"], "Sévéra Valley Front ORG"]], typed
    for typed in ("kel'tar", "KEL’TAR", "Kel‘tar brigade", "kel`tar", "keltar", "Kel\u02bctar"):
        assert results(typed) == [[kel["id"], "Kel’tar Brigade ORG"]], typed
    assert results("nowhere at all") == []
    # a click on a result focuses the map on it
    results("kel'tar")
    page.click(f"#results li[data-id='{kel['id']}']")
    page.wait_for_function("i => document.getElementById('network').dataset.focus === i", arg=str(kel["id"]))
    page.wait_for_function(DRAWN)
    assert page.text_content("#focus-name") == "Kel’tar Brigade"
    assert sorted(page.evaluate(VISIBLE_EDGES)) == neighbourhood(held_edges(store, "2012/2016"), kel["id"], 1)
    assert len(page.evaluate(VISIBLE_EDGES)) == 2
    page.close()


def test_the_url_holds_certainty_confidence_document_and_size_and_back_restores_each(ledger, browser):
    base, store = ledger
    evidence = api(base + "/api/evidence")
    south = store.document("south.txt")["id"]
    facts = held_edges(store, "2012/2016")

    def expected(certainties, minimum, doc):
        return sorted(
            f["key"]
            for f in facts
            if f["certainty"] in certainties and f["confidence"] >= minimum and evidence[f["key"]]["doc_id"] == doc
        )

    state = "() => [...document.querySelectorAll('#certainties input:checked')].map(i => i.value)"
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    # a copied link with every filter opens that view: the controls set, exactly those facts drawn
    open_map(
        page, f"{base}/?from=2012&to=2016&cert=asserted,possible,denied&minconf=0.5&doc={south}&size=pagerank&all=1"
    )
    assert page.evaluate(state) == ["asserted", "possible", "denied"]
    assert (page.input_value("#minconf"), page.text_content("#minconf-value")) == ("0.5", "0.50")
    assert page.input_value("#docfilter") == str(south)
    assert page.input_value("#sizeby") == "pagerank"
    drawn = sorted(page.evaluate(VISIBLE_EDGES))
    assert drawn == expected({"asserted", "possible", "denied"}, 0.5, south) and len(drawn) == 3
    # a change of filter is a step of history: the URL says it, back and forward restore each view
    page.uncheck("#certainties input[value='denied']")
    page.wait_for_function(DRAWN)
    assert "cert=asserted%2Cpossible&" in page.url
    assert sorted(page.evaluate(VISIBLE_EDGES)) == expected({"asserted", "possible"}, 0.5, south)
    page.select_option("#docfilter", "")
    page.wait_for_function(DRAWN)
    assert "doc=" not in page.url
    page.go_back()
    page.wait_for_function("d => document.getElementById('docfilter').value === d", arg=str(south))
    page.wait_for_function(DRAWN)
    assert sorted(page.evaluate(VISIBLE_EDGES)) == expected({"asserted", "possible"}, 0.5, south)
    page.go_back()
    page.wait_for_function("() => document.querySelector(\"#certainties input[value='denied']\").checked")
    page.wait_for_function(DRAWN)
    assert page.evaluate(state) == ["asserted", "possible", "denied"]
    assert sorted(page.evaluate(VISIBLE_EDGES)) == drawn
    page.go_forward()
    page.wait_for_function("() => !document.querySelector(\"#certainties input[value='denied']\").checked")
    page.wait_for_function(DRAWN)
    assert sorted(page.evaluate(VISIBLE_EDGES)) == expected({"asserted", "possible"}, 0.5, south)
    page.close()


# ---- the three shared corpora together (412 documents) ---------------------------------------------------


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """The three shared corpora in one database, served."""
    shared = shared_corpus().parent
    folders = [shared / "corpus", shared / "corpus-wiki", shared / "corpus-un"]
    assert all(f.is_dir() for f in folders), folders
    db = tmp_path_factory.mktemp("corpora") / "corpora.db"
    assert ingest_paths(Store(db), folders).ok
    with serving(db) as base:
        yield base, Store(db)


def test_the_map_of_412_documents_is_readable_at_first_draw_and_in_the_grouped_view(corpora, browser):
    base, store = corpora
    assert store.stats()["documents"] == 412
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    open_map(page, base + "/")
    # the most important names, spread over the frame: no labels meeting, no circles meeting, all in the frame
    overlaps, labelled = page.evaluate(LABEL_OVERLAPS)
    assert overlaps == 0 and labelled >= 20
    assert page.evaluate(CIRCLES_MEETING) == 0
    assert page.evaluate(OUTSIDE_FRAME) == []
    drawn = page.evaluate(DRAWN_NAMES)
    total = int(page.get_attribute("#shown-note", "data-total"))
    assert total > len(drawn) == page.evaluate("() => capacity()")
    assert " ".join(page.text_content("#shown-note").split()) == f"showing {len(drawn)} of {total} names — show all"
    shot(page, "map-412-documents")
    # the slider spans the years of the dated facts, a stray one in a hundred gathered into the first year
    years = sorted(y for y in edge_years(base).values() if y is not None)
    lo, hi = years[len(years) // 100], years[-1]
    assert (page.get_attribute("#from", "min"), page.get_attribute("#from", "max")) == (str(lo), str(hi))
    assert sum(b[1] for b in page.evaluate(HISTOGRAM)) == len(years)
    # every year, every name, coalitions grouped: boxes apart, each holding only its members, no fact drawn
    # across a box neither of its ends is in, everything in the frame
    open_map(page, f"{base}/?from={lo}&to={hi}&group=1&all=1")
    page.wait_for_function(ZOOM_SETTLED)
    meeting, boxes = page.evaluate(BOX_OVERLAPS)
    assert meeting == 0 and boxes >= 3
    assert page.evaluate(STRAYS) == []
    assert page.evaluate(CROSSINGS) == []
    assert page.evaluate(OUTSIDE_FRAME) == []
    assert page.evaluate(LABEL_OVERLAPS)[0] == 0
    shot(page, "map-412-documents-coalitions")
    page.close()


UNDATED = (
    "The Reed Brigade formed an alliance with the Lantern Front in 2014. The Lantern Front fought the Reed Brigade "
    "in 2016.\nThe Tower Front is a rival of the Lantern Front. The Salt Brigade is allied with the Tower Front.\n"
)


@pytest.fixture(scope="module")
def undated(tmp_path_factory):
    """A database of two dated and two undated ties, served."""
    yield from served_text(tmp_path_factory.mktemp("undated"), "undated", UNDATED)


def test_undated_facts_are_drawn_in_every_year_on_request_and_the_url_keeps_it(undated, browser):
    base, store = undated
    edges = [(e["key"], any(k in e for k in ("date", "start", "end"))) for e in store.graph()["edges"]]
    dated = sorted(k for k, d in edges if d)
    loose = sorted(k for k, d in edges if not d)
    assert len(dated) == 2 and len(loose) == 2
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    open_map(page, base + "/?from=2014&to=2016")
    assert sorted(page.evaluate(VISIBLE_EDGES)) == dated
    assert page.text_content("label.undated").split() == ["Undated", "facts", "too", "(2)"]
    assert not page.is_checked("#undated")
    page.check("#undated")
    page.wait_for_function(DRAWN)
    assert sorted(page.evaluate(VISIBLE_EDGES)) == sorted(dated + loose)
    assert page.url == base + "/?from=2014&to=2016&undated=1"
    set_range(page, 2015)  # the alliance holds in 2015 (the 2016 rivalry ends it), the undated ties in any year
    in_2015 = sorted([f["key"] for f in held_edges(store, "2015")] + loose)
    assert len(in_2015) == 3 and sorted(page.evaluate(VISIBLE_EDGES)) == in_2015
    # a copied link reopens the same view; back leaves the undated ones out again
    other = browser.new_page(viewport={"width": 1000, "height": 700})
    open_map(other, page.url)
    assert other.is_checked("#undated") and sorted(other.evaluate(VISIBLE_EDGES)) == in_2015
    other.close()
    page.go_back()
    page.go_back()
    page.wait_for_function("() => !document.getElementById('undated').checked")
    page.wait_for_function(DRAWN)
    assert page.url == base + "/?from=2014&to=2016"
    assert sorted(page.evaluate(VISIBLE_EDGES)) == dated
    page.close()
