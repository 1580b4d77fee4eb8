"""The web app: exact HTTP responses from the real server, and a real Chromium driving the pages."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from factionmap import query
from factionmap.ingest import ingest_paths
from factionmap.store import Store
from factionmap.web.app import CSP

from .browser import DRAWN, TOKEN, VISIBLE_EDGES, screen_point, serving, set_range, shot
from .conftest import HERE

pytestmark = pytest.mark.slow

WEB_CORPUS = HERE / "corpus-web"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "web.db"
    assert ingest_paths(Store(db), [WEB_CORPUS]).ok
    with serving(db) as base:
        yield base, Store(db)


# The rule extractor is sure of every fact (confidence 1.0): these facts get lower confidences, set directly
GRADES = {"rival_of": (0.3, "model:relations"), "joined": (0.55, "model:relations"), "leader_of": (0.8, None)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The web corpus in its own database (no other test reviews its facts), with graded confidences."""
    db = tmp_path_factory.mktemp("graded") / "graded.db"
    store = Store(db)
    assert ingest_paths(store, [WEB_CORPUS]).ok
    with store.transaction() as conn:
        for relation, (confidence, producer) in GRADES.items():
            conn.execute(
                "UPDATE facts SET confidence = ?, component = COALESCE(?, component) WHERE relation = ?",
                (confidence, producer, relation),
            )
    with serving(db) as base:
        yield base, store


def call(url, method="GET", body=None, headers=None):
    req = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read())


def test_api_answers_exactly_and_errors_have_one_shape(server):
    base, store = server
    status, headers, stats = call(base + "/api/stats")
    assert status == 200
    assert stats["documents"] == 3
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert call(base + "/api/entities/99999") == (
        404,
        call(base + "/api/entities/99999")[1],
        {"error": {"status": 404, "message": "no entity with id 99999"}},
    )
    assert call(base + "/api/documents/424242")[2] == {
        "error": {"status": 404, "message": "no document with id 424242"}
    }
    assert call(base + "/api/asof?date=2014-06&around=Nowhere")[0] == 404
    assert call(base + "/api/asof?date=soon")[2]["error"]["status"] == 400
    api = call(base + "/api/asof?date=2014-06&around=RCF")[2]
    assert api == json.loads(json.dumps(query.asof(store, "2014-06", around="RCF"), default=str))
    assert call(base + "/static/vendor/leaflet.js")[2]["error"]["message"].startswith(
        "third-party asset 'leaflet.js' is not installed: run `make install`"
    )
    with urllib.request.urlopen(base + "/static/vendor/cytoscape.min.js") as r:  # from npm, not from git
        assert r.headers["content-type"].startswith("text/javascript") and b"cytoscape" in r.read(4096)
    for name, umd in [
        ("layout-base", b'root["layoutBase"]'),
        ("cose-base", b'root["coseBase"]'),
        ("cytoscape-fcose", b'root["cytoscapeFcose"]'),
    ]:  # the grouped map's layout, from npm too
        with urllib.request.urlopen(f"{base}/static/vendor/{name}.js") as r:
            assert r.headers["content-type"].startswith("text/javascript") and umd in r.read(4096)
    paths = call(base + "/openapi.json")[2]["paths"]
    assert {"/api/asof", "/api/entities/{entity_id}", "/api/facts/{key}/review"} <= set(paths)


def test_the_days_each_fact_holds_give_exactly_asofs_facts_for_any_date_or_range(server):
    base, store = server
    holds = call(base + "/api/holds")[2]["holds"]
    # an end the text gives, an end a rule infers (a death, a split), an open end
    by_name = {
        (f["subject"], f["relation"], f["object"]): f["key"]
        for f in call(base + "/api/asof?date=1900/2100")[2]["facts"]
    }
    assert holds[by_name[("Mullah Karim Zahid", "leader_of", "Red Crescent Front")]] == ["2011-01-01", "2015-06-01"]
    assert holds[by_name[("Blue Valley Brigade", "joined", "Red Crescent Front")]] == ["2012-03-01", "2014-01-01"]
    assert holds[by_name[("Qari Nasir Akbar", "leader_of", "Red Crescent Front")]] == ["2015-07-01", None]
    assert holds[by_name[("Ember Front", "based_in", "Kestrel Province")]] == ["2014-03-01", "2014-03-31"]
    assert len(holds) == 11
    dates = [str(y) for y in range(2008, 2019)] + ["2014-06", "2015-06-15", "2010/2014", "2015/2016", "1990/2023"]
    for date in dates:
        answer = call(f"{base}/api/asof?date={date}")[2]
        lo, hi = answer["from"], answer["to"]
        met = sorted(k for k, (a, b) in holds.items() if (a is None or a <= hi) and (b is None or b >= lo))
        assert met == sorted(f["key"] for f in answer["facts"] if f["object_id"] is not None), date


def test_the_maps_whole_network_answers_follow_every_write_to_the_database(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("The Qorvan Hill Brigade joined the Tessaly Coast Alliance in March 2015.\n")
    db = tmp_path / "kb.db"
    assert ingest_paths(Store(db), [texts]).ok
    with serving(db) as base:
        first = call(base + "/api/holds")[2]["holds"]
        assert list(first.values()) == [["2015-03-01", None]]
        assert call(base + "/api/holds")[2]["holds"] == first  # asked again, the same answer
        assert len(call(base + "/api/graph")[2]["edges"]) == 1
        # another process writes: both answers include what it wrote
        (texts / "b.txt").write_text("The Marrow Ridge Front joined the Vashtar Union in 2012.\n")
        assert ingest_paths(Store(db), [texts]).ok
        assert sorted(map(tuple, call(base + "/api/holds")[2]["holds"].values())) == [
            ("2012-01-01", None),
            ("2015-03-01", None),
        ]
        assert len(call(base + "/api/graph")[2]["edges"]) == 2


def test_a_large_network_comes_laid_out_and_the_map_draws_it_where_the_server_put_it(tmp_path, browser):
    db = tmp_path / "web.db"
    assert ingest_paths(Store(db), [WEB_CORPUS]).ok
    with serving(db) as base:
        assert "positions" not in call(base + "/api/graph")[2]  # a small network: the page lays it out
    with serving(db, laid_out=5) as base:  # over 5 entities counts as large here
        graph = call(base + "/api/graph")[2]
        assert sorted(graph["positions"]) == sorted(str(n["id"]) for n in graph["nodes"])
        assert graph["positions"] == call(base + "/api/graph")[2]["positions"]  # the same network, the same picture
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.goto(base + "/?from=2008&to=2018")
        page.wait_for_selector("body[data-ready='1']")
        page.wait_for_function(DRAWN)
        drawn = page.evaluate("() => window.fmMap.nodes().map(n => [n.id(), [n.position('x'), n.position('y')]])")
        assert len(drawn) >= 10
        assert all(graph["positions"][i] == xy for i, xy in drawn)
        page.close()


def test_writes_need_the_token(server):
    base, store = server
    key = store.conn.execute(
        "SELECT f.key FROM facts f JOIN entities s ON s.id = f.subject_id "
        "WHERE s.name = 'Red Crescent Front' AND f.relation = 'allegiance_to'"
    ).fetchone()[0]
    url = f"{base}/api/facts/{key}/review"
    assert call(url, "POST", {"decision": "accepted"}) == (
        401,
        call(url, "POST", {"decision": "accepted"})[1],
        {"error": {"status": 401, "message": "this action needs the write token printed when the server started"}},
    )
    assert call(url, "POST", {"decision": "accepted"}, {"Authorization": "Bearer wrong"})[0] == 401
    status, _h, body = call(
        url, "POST", {"decision": "rejected", "reviewer": "web"}, {"Authorization": f"Bearer {TOKEN}"}
    )
    assert (status, body["status"], body["reviewer"]) == (200, "rejected", "web")
    assert store.conn.execute("SELECT status FROM facts WHERE key = ?", (key,)).fetchone()[0] == "rejected"
    assert (
        call(f"{base}/api/facts/nope/review", "POST", {"decision": "accepted"}, {"Authorization": f"Bearer {TOKEN}"})[0]
        == 404
    )


def test_every_write_answers_401_before_looking_at_the_body(server):
    base, _store = server
    needs = {"error": {"status": 401, "message": "this action needs the write token printed when the server started"}}
    raw = urllib.request.Request(
        f"{base}/api/facts/anything/review",
        method="POST",
        data=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(raw, timeout=10)
    assert (e.value.code, json.loads(e.value.read())) == (401, needs)
    for body in ({}, {"decision": 5}, [1, 2]):
        assert call(f"{base}/api/facts/anything/review", "POST", body)[::2] == (401, needs)
    # any method that writes, on any path, even one that does not exist
    for method in ("PUT", "PATCH", "DELETE"):
        assert call(f"{base}/api/facts/anything/review", method, {"decision": "accepted"})[::2] == (401, needs)
    assert call(f"{base}/api/nowhere", "POST", {})[::2] == (401, needs)
    # with the token, the body is then checked
    status, _h, body = call(
        f"{base}/api/facts/anything/review", "POST", {"decision": 5}, {"Authorization": f"Bearer {TOKEN}"}
    )
    assert (status, body) == (
        422,
        {"error": {"status": 422, "message": "body field decision: input should be a valid string"}},
    )
    raw.add_header("Authorization", f"Bearer {TOKEN}")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(raw, timeout=10)
    assert (e.value.code, json.loads(e.value.read())) == (
        422,
        {"error": {"status": 422, "message": "the request body is not valid JSON"}},
    )
    status, _h, body = call(f"{base}/api/review?limit=many")
    wrong = "query parameter limit: input should be a valid integer, unable to parse string as an integer"
    assert (status, body) == (422, {"error": {"status": 422, "message": wrong}})


def test_a_large_document_is_read_a_page_at_a_time_and_a_span_link_opens_its_page(tmp_path, browser):
    filler = "Nothing of note happened in the valley that year, according to the villagers.\n"
    text = filler * 3000 + "In 2015, the Kestrel Front clashed with the Salt Brigade.\n" + filler * 1000
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "long.txt").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "long.db")
    assert ingest_paths(store, [tmp_path / "docs"]).ok
    fact = next(f for f in store.export_facts() if f["relation"] == "rival_of")
    ev = fact["evidence"][0]
    doc_id = store.document("long.txt")["id"]
    with serving(tmp_path / "long.db") as base:
        status, _h, part = call(f"{base}/api/documents/{doc_id}?start=100&size=50")
        assert (status, part["text"], part["start"], part["end"], part["length"]) == (
            200,
            text[100:150],
            100,
            150,
            len(text),
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/document/{doc_id}#{ev['start']}-{ev['end']}")
        page.wait_for_selector("body[data-ready='1']")
        start, end = (int(page.get_attribute("#text", a)) for a in ("data-start", "data-end"))
        assert start <= ev["start"] < ev["end"] <= end and end - start == 100000  # one page of the text only
        assert page.eval_on_selector("#text", "t => t.textContent") == text[start:end]
        marked = page.eval_on_selector_all("#text .target", "ts => ts.map(t => t.textContent).join('')")
        assert marked == "In 2015, the Kestrel Front clashed with the Salt Brigade."
        box = page.locator("#text .target").first.bounding_box()
        assert 0 < box["y"] < 900  # scrolled into view
        assert page.text_content("#where") == f"characters {start:,}–{end:,} of {len(text):,}"
        page.click("#next")
        page.wait_for_function("e => document.getElementById('text').dataset.start === e", arg=str(end))
        assert page.eval_on_selector("#text", "t => t.textContent") == text[end : end + 100000]
        shot(page, "document-paged")
        page.close()


def test_api_docs_are_served_by_the_app_and_work_offline(server, browser):
    base, _store = server
    page = browser.new_page()
    hosts, problems = set(), []
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    # anything the content-security policy refuses is recorded
    page.add_init_script(
        "window.violations = []; document.addEventListener('securitypolicyviolation', "
        "e => window.violations.push([e.violatedDirective, e.blockedURI]));"
    )
    response = page.goto(base + "/docs")
    # the page is served under the app's own policy: scripts and styles from the app only, nothing inline
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate("window.violations") == []
    spec = call(base + "/openapi.json")[2]
    shown = page.eval_on_selector_all(".endpoint", "es => es.map(e => [e.dataset.method, e.dataset.path])")
    assert shown == [[m.upper(), p] for p, ms in spec["paths"].items() for m in ms]
    assert ["GET", "/api/asof"] in shown and ["POST", "/api/facts/{key}/review"] in shown
    asof = page.locator(".endpoint[data-path='/api/asof'] table.params tr td:first-child").all_text_contents()
    assert asof == ["date", "around", "depth", "undated", "min_confidence", "known_by"]
    assert hosts == {base.split("/")[2]} and problems == []
    shot(page, "api-docs")
    page.close()


# ---- the real browser -------------------------------------------------------------------------------


def test_slider_draws_exactly_the_facts_that_held_and_a_click_opens_the_profile(server, browser):
    base, store = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    for year in (2012, 2014, 2016):
        set_range(page, year)
        month = str(year)
        drawn = sorted(page.evaluate(VISIBLE_EDGES))
        held = sorted(f["key"] for f in query.asof(store, month)["facts"] if f["object_id"] is not None)
        assert drawn == held, month
        assert drawn, month
        # nodes without a fact that held are hidden, and the layout does not move with the slider
        shown_nodes = set(page.evaluate("() => window.fmMap.nodes(':visible').map(n => Number(n.id()))"))
        held_nodes = {
            i
            for f in query.asof(store, month)["facts"]
            if f["object_id"] is not None
            for i in (f["subject_id"], f["object_id"])
        }
        assert shown_nodes == held_nodes, month
        positions = dict(page.evaluate("() => window.fmMap.nodes().map(n => [n.id(), n.position()])"))
        if year == 2012:
            seen = positions
        assert all(seen[i] == p for i, p in positions.items() if i in seen), month
        seen = {**seen, **positions}
        shot(page, f"map-{year}")
    # hovering an edge shows its evidence sentence: the edge whose midpoint lies farthest from every node and
    # every other edge's midpoint, so that nothing drawn on top of it takes the pointer
    drawn = page.evaluate(VISIBLE_EDGES)
    page.wait_for_function("() => window.fmMap.edges(':visible').some(e => Number.isFinite(e.renderedMidpoint().x))")
    clear = page.evaluate("""() => { const es = window.fmMap.edges(':visible'), ns = window.fmMap.nodes(':visible');
        let best = null, gap = -1;
        es.forEach(e => { const m = e.renderedMidpoint(); let d = Infinity;
          if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) return;
          ns.forEach(n => { const p = n.renderedPosition(); d = Math.min(d, Math.hypot(m.x - p.x, m.y - p.y)); });
          es.forEach(o => { if (o !== e) { const q = o.renderedMidpoint();
            if (Number.isFinite(q.x)) d = Math.min(d, Math.hypot(m.x - q.x, m.y - q.y)); } });
          if (d > gap) { gap = d; best = e; } });
        return best.id(); }""")
    page.mouse.move(*screen_point(page, f"() => window.fmMap.getElementById('{clear}').renderedMidpoint()"), steps=5)
    # where edges cross, the one under the pointer may be another drawn edge: its own evidence must show
    page.wait_for_function(
        "ks => ks.includes(document.getElementById('evidence').dataset.key) "
        "&& document.querySelector('#evidence .quote') !== null",
        arg=drawn,
    )
    key = page.evaluate("() => document.getElementById('evidence').dataset.key")
    assert page.evaluate("k => window.fmMap.getElementById(k).hasClass('hover')", key)
    sentence = page.text_content("#evidence .quote")
    fact_id = store.conn.execute("SELECT id FROM facts WHERE key = ?", (key,)).fetchone()[0]
    assert query.evidence(store, fact_id)[0]["text"] in sentence
    # a real click on a drawn node opens its profile: the node farthest from every other one, so that no
    # neighbour drawn on top of it takes the click
    target = page.evaluate("""() => { const ns = window.fmMap.nodes(':visible'); let best = null, gap = -1;
        ns.forEach(n => { const p = n.renderedPosition(); let d = Infinity;
          ns.forEach(o => { if (o !== n) { const q = o.renderedPosition();
            d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y)); } });
          if (d > gap) { gap = d; best = n; } });
        return best.id(); }""")
    page.mouse.click(*screen_point(page, f"() => window.fmMap.getElementById('{target}').renderedPosition()"))
    # the click focuses the map on that entity (kept in the URL); the focus bar opens its profile
    page.wait_for_function("t => document.getElementById('network').dataset.focus === t", arg=target)
    page.wait_for_function(DRAWN)
    assert f"focus={target}" in page.url
    assert page.text_content("#focus-name") == store.entity(int(target))["name"]
    page.click("#focus-profile")
    page.wait_for_url(f"**/entity/{target}")
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    assert page.text_content("#name") == store.entity(int(target))["name"]
    # a profile renders the document text it quotes as text
    ember = query.find_entity(store, "Ember Front")["id"]
    page.goto(f"{base}/entity/{ember}")
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    assert page.text_content("#name") == "Ember Front"
    quotes = page.eval_on_selector_all("#facts .quote", "qs => qs.map(q => q.firstChild.textContent)")
    assert '<img src=x onerror="window.pwned = 2"> In 2016, the Ember Front clashed with the Salt Brigade.' in quotes
    assert page.evaluate("window.pwned") is None
    shot(page, "profile")
    page.close()


def test_profile_shows_evidence_and_the_document_link_marks_the_span(server, browser):
    base, store = server
    rcf = query.find_entity(store, "RCF")["id"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/entity/{rcf}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content("#name") == "Red Crescent Front"
    quotes = page.eval_on_selector_all("#facts .quote", "qs => qs.map(q => q.firstChild.textContent)")
    assert "In March 2012, the Blue Valley Brigade joined the Red Crescent Front." in quotes
    leaders = page.eval_on_selector_all("#leaders tr td:first-child", "ts => ts.map(t => t.textContent)")
    assert leaders == ["Mullah Karim Zahid", "Qari Nasir Akbar"]
    assert page.locator("#members rect.bar").count() == 2
    assert page.eval_on_selector_all("#members text.value", "ts => ts.map(t => t.textContent)") == ["1,200", "900"]
    shot(page, "entity")
    link = page.locator("#facts .quote a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("body[data-ready='1']")
    start, end = map(int, href.split("#")[1].split("-"))
    marked = page.eval_on_selector_all(".doctext .target", "ts => ts.map(t => t.textContent).join('')")
    doc = store.document(int(href.split("/")[2].split("#")[0]))
    assert marked == doc["text"][start:end]
    shot(page, "document")
    page.close()


def test_document_text_with_script_is_shown_as_text_and_never_runs(server, browser):
    base, store = server
    doc = store.document("hostile.txt")
    page = browser.new_page()
    page.goto(f"{base}/document/{doc['id']}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"
    text = page.text_content("#text")
    assert '<script>window.pwned = 1; document.title = "pwned";</script>' in text
    assert '<img src=x onerror="window.pwned = 2">' in text
    assert page.locator("#text script, #text img").count() == 0
    page.goto(f"{base}/entity/{query.find_entity(store, 'Ember Front')['id']}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate("window.pwned") is None
    page.close()


def test_review_page_accepts_with_the_token_and_the_database_changes(server, browser):
    base, store = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/review")
    page.wait_for_selector("body[data-ready='1']")
    first = page.locator("#queue tr[data-key]").first
    key = first.get_attribute("data-key")
    first.locator("button.accept").click()
    page.wait_for_function("() => document.getElementById('status').textContent.length > 0")
    assert page.text_content("#status") == "this action needs the write token printed when the server started"
    assert store.conn.execute("SELECT status FROM facts WHERE key = ?", (key,)).fetchone()[0] == "machine"
    page.fill("#token", TOKEN)
    first.locator("button.accept").click()
    page.wait_for_function("k => document.querySelector(`tr[data-key='${k}']`).dataset.status === 'accepted'", arg=key)
    assert store.conn.execute("SELECT status FROM facts WHERE key = ?", (key,)).fetchone()[0] == "accepted"
    page.keyboard.press("j")
    second = page.locator("#queue tr[data-key]").nth(1).get_attribute("data-key")
    page.keyboard.press("r")
    page.wait_for_function(
        "k => document.querySelector(`tr[data-key='${k}']`).dataset.status === 'rejected'", arg=second
    )
    assert store.conn.execute("SELECT status FROM facts WHERE key = ?", (second,)).fetchone()[0] == "rejected"
    shot(page, "review")
    page.close()


def test_nodes_sized_by_membership_and_edges_filtered_by_document(server, browser):
    base, store = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready='1']")
    set_range(page, 2014)
    page.select_option("#sizeby", "members")
    rcf = query.find_entity(store, "RCF")["id"]
    ember = query.find_entity(store, "Ember Front")["id"]
    r_rcf = page.evaluate(f"() => window.fmMap.getElementById('{rcf}').width()")
    r_ember = page.evaluate(f"() => window.fmMap.getElementById('{ember}').width()")
    plain = page.evaluate("() => Math.min(...window.fmMap.nodes().map(n => n.width()))")
    assert r_rcf > r_ember > plain == 10  # 900 members (latest figure) against 800, against none
    hostile = store.document("hostile.txt")["id"]
    page.select_option("#docfilter", str(hostile))
    page.wait_for_function(DRAWN)
    drawn = sorted(page.evaluate(VISIBLE_EDGES))
    expected = sorted(
        f["key"]
        for f in query.asof(store, "2014")["facts"]
        if f["object_id"] is not None and hostile in {e["doc_id"] for e in query.evidence(store, f["id"])}
    )
    assert drawn == expected and drawn
    page.close()


def test_figures_download_from_the_pages(server, browser):
    base, store = server
    rcf = query.find_entity(store, "RCF")["id"]
    with urllib.request.urlopen(f"{base}/api/figures/members/{rcf}.svg") as r:
        assert r.headers["content-type"] == "image/svg+xml"
        assert r.read().startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    with urllib.request.urlopen(f"{base}/api/figures/members/{rcf}.png") as r:
        assert r.headers["content-type"] == "image/png"
        png = r.read()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 2 * 640  # width from the IHDR chunk: the SVG's, scaled 2x
    assert call(f"{base}/api/figures/pie/{rcf}.svg")[0] == 404
    assert (
        call(f"{base}/api/figures/members/{rcf}.gif")[2]["error"]["message"]
        == "unknown figure format 'gif': svg or png"
    )
    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready='1']")
    for kind, magic in (("svg", b"<svg"), ("png", b"\x89PNG")):
        with page.expect_download() as info:
            page.click(f"#save-{kind}")
        path = info.value.path()
        data = Path(path).read_bytes()
        assert data.startswith(magic), kind
        if kind == "svg":  # every edge drawn at the slider's date, and no other
            assert data.count(b"<line ") == len(page.evaluate(VISIBLE_EDGES)) > 0
        assert info.value.suggested_filename == f"factionmap-{page.text_content('#date')}.{kind}"
    page.close()


# ---- confidence -------------------------------------------------------------------------------------


def test_graph_edges_carry_confidence_and_the_review_queue_comes_least_confident_first(graded):
    base, store = graded
    edges = call(base + "/api/graph")[2]["edges"]
    assert sorted((e["relation"], e["confidence"], e["produced_by"]) for e in edges) == [
        ("allegiance_to", 1.0, "rule:triggers"),
        ("allied_with", 1.0, "rule:triggers"),
        ("based_in", 1.0, "rule:triggers"),
        ("based_in", 1.0, "rule:triggers"),
        ("founded", 1.0, "rule:triggers"),
        ("funded_by", 1.0, "rule:triggers"),
        ("joined", 0.55, "model:relations"),
        ("joined", 0.55, "model:relations"),
        ("leader_of", 0.8, "rule:triggers"),
        ("leader_of", 0.8, "rule:triggers"),
        ("rival_of", 0.3, "model:relations"),
        ("rival_of", 0.3, "model:relations"),
        ("rival_of", 0.3, "model:relations"),
        ("splinter_of", 1.0, "rule:triggers"),
    ]
    rows = call(base + "/api/review?status=machine&limit=200")[2]
    assert [(r["subject"], r["relation"], r["object"], r["confidence"], r["produced_by"]) for r in rows[:7]] == [
        ("Grey Wolves Front", "rival_of", "Red Crescent Front", 0.3, "model:relations"),
        ("Ember Front", "rival_of", "Salt Brigade", 0.3, "model:relations"),
        ("Red Crescent Front", "rival_of", "Grey Wolves Front", 0.3, "model:relations"),
        ("Ember Front", "joined", "Iron Council", 0.55, "model:relations"),
        ("Blue Valley Brigade", "joined", "Red Crescent Front", 0.55, "model:relations"),
        ("Mullah Karim Zahid", "leader_of", "Red Crescent Front", 0.8, "rule:triggers"),
        ("Qari Nasir Akbar", "leader_of", "Red Crescent Front", 0.8, "rule:triggers"),
    ]
    assert [r["confidence"] for r in rows] == [0.3] * 3 + [0.55] * 2 + [0.8] * 2 + [1.0] * 12
    assert {r["produced_by"] for r in rows[7:]} == {"rule:triggers", "rule:patterns"}
    rcf = query.find_entity(store, "RCF")["id"]
    facts = call(f"{base}/api/entities/{rcf}")[2]["facts"]
    assert {(f["relation"], f["confidence"], f["produced_by"]) for f in facts if f["relation"] == "rival_of"} == {
        ("rival_of", 0.3, "model:relations")
    }


def set_min_confidence(page, value: str) -> None:
    """Move the minimum-confidence control, as a user would, and wait until that state is on the screen."""
    page.evaluate(
        "v => { const c = document.getElementById('minconf'); c.value = v; c.dispatchEvent(new Event('input')); }",
        value,
    )
    page.wait_for_function(DRAWN)


def test_minimum_confidence_hides_exactly_the_edges_below_it_and_pages_show_confidence(graded, browser):
    base, store = graded

    def api_keys(month, minimum):
        facts = call(f"{base}/api/asof?date={month}&min_confidence={minimum}")[2]["facts"]
        return sorted(f["key"] for f in facts if f["object_id"] is not None)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    assert page.input_value("#minconf") == "0" and page.text_content("#minconf-value") == "0.00"
    set_range(page, 2016)
    # 2016 holds three rivalries (0.3), a joining (0.55), a leader (0.8) and an allegiance (1.0)
    for value, count in (("0", 6), ("0.3", 6), ("0.35", 3), ("0.6", 2), ("0.85", 1), ("1", 1)):
        set_min_confidence(page, value)
        assert page.input_value("#minconf") == value
        assert page.text_content("#minconf-value") == f"{float(value):.2f}"
        drawn = sorted(page.evaluate(VISIBLE_EDGES))
        assert drawn == api_keys("2016", value), value
        assert len(drawn) == page.evaluate("() => Number(document.getElementById('network').dataset.edges)") == count
        shot(page, f"map-confidence-{value}")
    # the threshold holds while the slider moves, like the other filters
    set_min_confidence(page, "0.6")
    set_range(page, 2014)
    drawn = sorted(page.evaluate(VISIBLE_EDGES))
    assert drawn == api_keys("2014", "0.6") and len(drawn) == 4
    # the evidence of an edge shows its confidence and what produced it
    set_min_confidence(page, "0")
    set_range(page, 2016)
    rival = store.conn.execute(
        "SELECT f.key FROM facts f JOIN entities s ON s.id = f.subject_id "
        "WHERE s.name = 'Ember Front' AND f.relation = 'rival_of'"
    ).fetchone()[0]
    page.evaluate("k => { window.fmMap.getElementById(k).emit('mouseover'); }", rival)
    page.wait_for_function("k => document.getElementById('evidence').dataset.key === k", arg=rival)
    assert page.text_content("#evidence .confidence") == " confidence 0.30 · model:relations"
    page.close()
    # the review queue shows each row's confidence and producer, in the server's order
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/review")
    page.wait_for_selector("body[data-ready='1']")
    assert "least confident first" in page.text_content(".help")
    rows = call(base + "/api/review?status=machine&limit=200")[2]
    assert page.eval_on_selector_all("#queue tr[data-key]", "trs => trs.map(t => t.dataset.key)") == [
        r["key"] for r in rows
    ]
    first = page.locator("#queue tr[data-key]").first
    assert (first.locator(".confidence").text_content(), first.locator(".produced-by").text_content()) == (
        "0.30",
        "model:relations",
    )
    assert page.eval_on_selector_all("#queue td.confidence", "ts => ts.map(t => t.textContent)") == (
        ["0.30"] * 3 + ["0.55"] * 2 + ["0.80"] * 2 + ["1.00"] * 12
    )
    shot(page, "review-confidence")
    page.close()
    # a profile shows each relation's confidence
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/entity/{query.find_entity(store, 'Ember Front')['id']}")
    page.wait_for_selector("body[data-ready='1']")
    shown = page.eval_on_selector_all(
        "#facts tr[data-key]",
        "trs => trs.map(t => [t.firstChild.textContent, t.querySelector('.confidence').textContent])",
    )
    assert sorted(shown) == [
        ["had members", "1.00"],
        ["joined", "0.55"],
        ["was a rival of", "0.30"],
        ["was based in", "1.00"],
    ]
    page.close()


def test_the_maps_facts_carry_their_phrase_date_in_words_and_certainty(server):
    base, _store = server
    facts = call(base + "/api/asof?date=2013-06&around=RCF")[2]["facts"]
    assert sorted((f["subject"], f["phrase"], f["object"], f["when_text"], f["certainty"]) for f in facts) == [
        ("Blue Valley Brigade", "joined", "Red Crescent Front", "March 2012", "asserted"),
        ("Mullah Karim Zahid", "led", "Red Crescent Front", "2011", "asserted"),
        ("Red Crescent Front", "pledged allegiance to", "Grand Emirate", "mid 2013", "asserted"),
    ]
    assert {f["date"] for f in facts} == {"2012-03", "2011", "2013-38"}  # the EDTF stays in the JSON
    edges = call(base + "/api/graph")[2]["edges"]
    allegiance = next(e for e in edges if e["relation"] == "allegiance_to")
    assert (allegiance["phrase"], allegiance["when_text"], allegiance["date"]) == (
        "pledged allegiance to",
        "mid 2013",
        "2013-38",
    )


def test_every_relation_reads_correctly_from_both_sides_on_the_profiles(server, browser):
    import re

    base, store = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def relations(name: str) -> list[tuple[str, str, str]]:
        page.goto(f"{base}/entity/{query.find_entity(store, name)['id']}")
        page.wait_for_selector("body[data-ready='1']")
        body = page.text_content("body")
        assert not re.search(r"\b\d{4}-(?:2[1-4]|3[7-9])\b", body), body  # no season or part-of-year code
        return page.eval_on_selector_all(
            "#facts tr[data-key]",
            "rs => rs.map(r => [...r.cells].slice(0, 4).map(c => c.textContent)).map(c => [c[0], c[1], c[2]])",
        )

    rcf = relations("Red Crescent Front")
    assert ["had as a splinter", "Blue Valley Brigade", "2014"] in rcf
    assert ["was joined by", "Blue Valley Brigade", "March 2012"] in rcf
    assert ["was led by", "Mullah Karim Zahid", "2011"] in rcf
    assert ["pledged allegiance to", "Grand Emirate", "mid 2013"] in rcf
    assert ["was funded by", "Amber Charity Trust", ""] in rcf
    leaders = page.eval_on_selector_all("#leaders tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
    assert leaders[1] == [
        "Mullah Karim Zahid",
        "emir",
        "2011",
        "1 January 2011 – 1 June 2015",
        "Mullah Karim Zahid died or was killed (June 2015)",
        "asserted",
    ]
    lineage = page.eval_on_selector_all("#lineage li", "ls => ls.map(l => l.textContent)")
    assert lineage == [
        "joined by: Blue Valley Brigade (March 2012) asserted",
        "splinter: Blue Valley Brigade (2014) asserted",
    ]
    assert ["split from", "Red Crescent Front", "2014"] in relations("Blue Valley Brigade")
    assert ["joined", "Red Crescent Front", "March 2012"] in relations("Blue Valley Brigade")
    assert ["received allegiance from", "Red Crescent Front", "mid 2013"] in relations("Grand Emirate")
    assert ["funded", "Red Crescent Front", ""] in relations("Amber Charity Trust")
    zahid = relations("Mullah Karim Zahid")
    assert ["led", "Red Crescent Front", "2011"] in zahid and ["founded", "Red Crescent Front", "2010"] in zahid
    assert ["died or was killed", "", "June 2015"] in zahid
    # the corpus has no publication dates: its documents are of unknown date, never of today
    page.goto(f"{base}/document/{store.document('red-crescent.txt')['id']}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content("#meta") == "red-crescent.txt · publication date unknown"
    page.close()


def test_profile_lists_identifiers_and_each_texts_name(tmp_path, browser):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "g.txt").write_text("Harakat Zarin (QDe.901) was founded in 2005 in Dovran.\n", encoding="utf-8")
    (docs / "h.txt").write_text("The Zarin Movement (QDe.901) joined the Iron Council in 2011.\n", encoding="utf-8")
    db = tmp_path / "ids.db"
    store = Store(db)
    assert ingest_paths(store, [docs]).ok
    zarin = query.find_entity(store, "Zarin Movement")["id"]
    with serving(db) as base:
        with urllib.request.urlopen(f"{base}/api/entities/{zarin}") as r:
            profile = json.loads(r.read())
        assert (profile["ids"], [(s["doc"], s["name"], s["joined_by"]) for s in profile["sources"]]) == (
            ["un:QDe.901"],
            [("g.txt", "Harakat Zarin", None), ("h.txt", "Zarin Movement", "un:QDe.901")],
        )
        page = browser.new_page()
        page.goto(f"{base}/entity/{zarin}")
        page.wait_for_selector("body[data-ready='1']")
        assert page.eval_on_selector_all("#ids li", "ls => ls.map(l => l.textContent)") == [
            "UN sanctions list: QDe.901"
        ]
        assert page.eval_on_selector_all("#sources li", "ls => ls.map(l => l.textContent)") == [
            "g.txt: “Harakat Zarin” — the first text to name it",
            "h.txt: “Zarin Movement” — joined by “un:QDe.901”",
        ]
        assert page.get_attribute("#sources li a", "href") == f"/document/{store.document('g.txt')['id']}"
        page.close()


def test_profile_lists_names_over_time_and_hides_the_heading_without_them(tmp_path, browser):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "In 2017 the Zarqa Front was renamed Harakat Zarqa. It attacked Kenya.\n", encoding="utf-8"
    )
    db = tmp_path / "renamed.db"
    store = Store(db)
    assert ingest_paths(store, [docs]).ok
    zarqa = query.find_entity(store, "Harakat Zarqa")["id"]
    kenya = query.find_entity(store, "Kenya")["id"]
    with serving(db) as base:
        with urllib.request.urlopen(f"{base}/api/entities/{zarqa}") as r:
            profile = json.loads(r.read())
        assert [(n["name"], n["status"], n["since"], n["until"]) for n in profile["names_over_time"]] == [
            ("Zarqa Front", "former", None, "2017"),
            ("Harakat Zarqa", "current", "2017", None),
        ]
        page = browser.new_page()
        page.goto(f"{base}/entity/{zarqa}")
        page.wait_for_selector("body[data-ready='1']")
        assert page.is_visible("#periods-head")
        assert page.eval_on_selector_all("#periods li", "ls => ls.map(l => l.textContent)") == [
            "“Zarqa Front” — former name, until 2017 (a.txt)",
            "“Harakat Zarqa” — since 2017 (a.txt)",
        ]
        page.goto(f"{base}/entity/{kenya}")
        page.wait_for_selector("body[data-ready='1']")
        assert not page.is_visible("#periods-head")
        assert page.eval_on_selector_all("#periods li", "ls => ls.map(l => l.textContent)") == []


def test_profile_shows_a_groups_end(tmp_path, browser):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "g.txt").write_text(
        "In 2011, the Ashen Brigade joined the Cedar Front. In the autumn of 2016, the Ashen Brigade was disbanded.\n"
        "In 2015, the Lantern Group joined the Cedar Front. It is unclear whether the Lantern Group was absorbed"
        " into the Ember Front in 2019.\n",
        encoding="utf-8",
    )
    db = tmp_path / "end.db"
    store = Store(db)
    assert ingest_paths(store, [docs]).ok
    with serving(db) as base:
        page = browser.new_page()
        for name, meta in (
            ("Ashen Brigade", "ORG · dissolved autumn 2016"),
            ("Lantern Group", "ORG · absorbed into Ember Front 2019 (unclear)"),
            ("Cedar Front", "ORG"),
        ):
            page.goto(f"{base}/entity/{query.find_entity(store, name)['id']}")
            page.wait_for_selector("body[data-ready='1']")
            assert page.text_content("#meta") == meta
        page.close()


def test_a_20_mb_document_opens_at_a_span_in_its_middle_a_page_at_a_time(tmp_path, browser):
    from factionmap.crossdoc import resolve_entities
    from factionmap.model import Extraction
    from factionmap.reader import read_bytes

    # 20 MB of text stored as it is (extracting it would take minutes; the smaller document above has a real
    # fact's evidence span): a sentence in the middle, opened by its span as an evidence link opens it
    filler = "Nothing of note happened in the valley that year, according to the villagers who spoke.\n"
    half = filler * (10_000_000 // len(filler) + 1)
    sentence = "In 2015, the Kestrel Front clashed with the Salt Brigade."
    text = half + sentence + "\n" + half
    assert len(text.encode()) > 20_000_000
    store = Store(tmp_path / "big.db")
    doc_id = store.add_document(
        read_bytes(text.encode(), "big.txt"), Extraction(text="", analysis=""), resolve_entities
    )
    at = len(half)
    with serving(tmp_path / "big.db") as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/document/{doc_id}#{at}-{at + len(sentence)}")
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        # one page of 100,000 characters holding the span, never the whole text
        start, end = (int(page.get_attribute("#text", a)) for a in ("data-start", "data-end"))
        assert (start, end) == (at // 100000 * 100000, at // 100000 * 100000 + 100000)
        assert page.evaluate("() => document.getElementById('text').textContent.length") == 100000
        assert page.eval_on_selector("#text", "t => t.textContent") == text[start:end]
        assert page.eval_on_selector_all("#text .target", "ts => ts.map(t => t.textContent).join('')") == sentence
        box = page.locator("#text .target").first.bounding_box()
        assert 0 < box["y"] < 900  # scrolled into view
        assert page.text_content("#where") == f"characters {start:,}–{end:,} of {len(text):,}"
        # the next page replaces this one
        page.click("#next")
        page.wait_for_function("e => document.getElementById('text').dataset.start === e", arg=str(end))
        assert page.eval_on_selector("#text", "t => t.textContent") == text[end : end + 100000]
        shot(page, "document-20mb")
        page.close()
