"""HTML input: an HTML rendering of a real article gives exactly the facts of its plain text, and no tag,
entity or link ever reaches a name, a piece of evidence or the stored text."""

import html
import re

from factionmap.ingest import ingest_paths
from factionmap.store import Store

from .conftest import HERE, shared_corpus


def facts(store: Store) -> list[tuple]:
    return sorted(
        (
            f["subject"],
            f["relation"],
            f["object"] or "",
            str(f["value"]),
            f["date"] or "",
            f["certainty"],
            tuple(e["text"] for e in f["evidence"]),
        )
        for f in store.export_facts()
    )


def as_wiki_page(text: str, names: list[tuple[int, int]]) -> str:
    """``text`` as an encyclopedia page would serve it: every name the extractor found wrapped in a link,
    each line a paragraph, entities for the typography, and a navigation block and a script around it."""
    out, at = [], 0
    for start, end in names:
        if start < at:
            continue
        name = text[start:end]
        out += [
            html.escape(text[at:start], quote=False),
            f'<a href="/wiki/{html.escape(name.replace(" ", "_"))}" title="{html.escape(name)}">'
            f"{html.escape(name, quote=False)}</a>",
        ]
        at = end
    out.append(html.escape(text[at:], quote=False))
    body = "".join(out).replace("\u2013", "&ndash;").replace("\u2019", "&rsquo;")
    paragraphs = "\n".join(f"<p>{line}</p>" for line in body.split("\n") if line.strip())
    return (
        "<!DOCTYPE html><html><head><title>Article</title><style>p { margin: 0 }</style></head><body>"
        '<nav id="menu"><ul><li><a href="/">Main page</a></li>'
        "<li>In 2015 the Kestrel Front joined the Salt Brigade.</li></ul></nav>"
        f"<div id=\"content\">{paragraphs}</div><script>var page = '<b>x</b>';</script></body></html>"
    )


def test_an_html_page_of_a_corpus_article_gives_the_facts_of_its_plain_text(tmp_path):
    article = shared_corpus() / "isis-k.txt"
    plain = Store(tmp_path / "plain.db")
    assert ingest_paths(plain, [article]).ok
    names = sorted({(s, e) for s, e in plain.conn.execute('SELECT start, "end" FROM mentions')})
    page = as_wiki_page(article.read_text(encoding="utf-8"), names)
    assert page.count("<a href=") > 100
    saved = tmp_path / "isis-k.html"
    saved.write_text(page, encoding="utf-8")
    artifacts = HERE.parent / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "isis-k.html").write_text(page, encoding="utf-8")  # the saved page, for a look
    rendered = Store(tmp_path / "html.db")
    assert ingest_paths(rendered, [saved]).ok
    assert facts(rendered) == facts(plain)
    assert len(facts(plain)) > 200
    # nothing of the markup reaches the names, the evidence or the text the document view shows
    markup = re.compile(r"</?[a-z]+[ >]|&[a-z]+;|&#\d+;|href=")
    for (name,) in rendered.conn.execute("SELECT alias FROM aliases"):
        assert not markup.search(name), name
    for f in rendered.export_facts():
        for ev in f["evidence"]:
            assert not markup.search(ev["text"]), ev["text"]
    text = rendered.conn.execute("SELECT text FROM documents").fetchone()[0]
    assert not markup.search(text)
    assert "Main page" not in text and "Kestrel Front" not in text and "var page" not in text
    assert rendered.conn.execute("SELECT title FROM documents").fetchone()[0] == "Article"


PAGE = """<!DOCTYPE html><html><head><title>Karvan notes</title><script>var x = "<b>no</b>";</script></head>
<body><nav id="menu"><ul><li><a href="/">Home</a></li><li>In 2015 the Hollow Front joined the Salt Brigade.</li></ul>
</nav><div id="content"><p>In March 2014, the <a href="/wiki/Hawk_Battalion" title="Hawk Battalion">Hawk Battalion</a>
joined the <a href="/wiki/Karvan_Front">Karvan&nbsp;Front</a>.</p>
<p>The <a href="/wiki/Karvan_Front">Karvan Front</a> &ndash; a coalition &amp; its allies &ndash; clashed with the
<b>Iron Party</b> in 2016.</p></div></body></html>
"""


def test_the_pages_of_an_html_document_show_its_text_and_evidence_never_its_markup(tmp_path, browser):
    from factionmap import query

    from .browser import serving

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "karvan.html").write_text(PAGE, encoding="utf-8")
    store = Store(tmp_path / "html.db")
    assert ingest_paths(store, [tmp_path / "docs"]).ok
    assert sorted((f["subject"], f["relation"], f["object"]) for f in store.export_facts()) == [
        ("Hawk Battalion", "joined", "Karvan Front"),
        ("Karvan Front", "rival_of", "Iron Party"),
    ]
    # the page's &nbsp; inside a name is a plain space there, as in the plain text of the page
    names = [n for (n,) in store.conn.execute("SELECT alias FROM aliases")]
    assert "Karvan Front" in names and all(" ".join(n.split()) == n for n in names), names
    doc = store.document("karvan.html")
    markup = re.compile(r"</?[a-z]+[ >]|&[a-z]+;|&#\d+;|href=|wiki/")
    with serving(tmp_path / "html.db") as base:
        page = browser.new_page()
        page.goto(f"{base}/document/{doc['id']}")
        page.wait_for_selector("body[data-ready='1']")
        shown = page.text_content("#text")
        assert shown == doc["text"] and not markup.search(shown)
        assert "Home" not in shown and "Hollow Front" not in shown and "var x" not in shown
        assert page.text_content("#name") == "Karvan notes"
        # each fact's evidence is marked in the text as the sentence reads
        evidence = page.eval_on_selector_all("#text .evidence", "es => es.map(e => e.textContent)")
        assert "".join(evidence).replace("\u00a0", " ").replace("\n", " ") == (
            "In March 2014, the Hawk Battalion joined the Karvan Front."
            "The Karvan Front – a coalition & its allies – clashed with the Iron Party in 2016."
        )
        # and a profile quotes it so
        page.goto(f"{base}/entity/{query.find_entity(store, 'Hawk Battalion')['id']}")
        page.wait_for_selector("body[data-ready='1']")
        quotes = page.eval_on_selector_all("#facts .quote", "qs => qs.map(q => q.firstChild.textContent)")
        assert [" ".join(q.split()) for q in quotes] == ["In March 2014, the Hawk Battalion joined the Karvan Front."]
        assert not any(markup.search(q) for q in quotes)
        page.close()
