import pytest

from factionmap.errors import InputError
from factionmap.reader import read_bytes


def test_typography_is_normalised_without_moving_offsets():
    text = "The Foo\u2013Bar Front\u2019s \u201cleader\u201d\u00a0spoke."
    src = read_bytes(text.encode(), "a.txt")
    assert src.analysis == 'The Foo-Bar Front\'s "leader" spoke.'
    assert len(src.analysis) == len(src.text) == len(text)
    assert src.encoding == "utf-8"


def test_other_encodings_are_detected_and_named():
    text = "La Fédération armée du Sud a été fondée en 2004 à Genève, selon les rapports publiés."
    src = read_bytes(text.encode("cp1252"), "fr.txt")
    assert src.text == text
    assert src.encoding.lower().replace("_", "-") in {"cp1252", "windows-1252", "latin-1", "iso-8859-1"}


def test_empty_binary_and_undecodable_files_raise_one_line_errors():
    with pytest.raises(InputError) as e:
        read_bytes(b"  \n\n", "empty.txt")
    assert str(e.value) == "empty.txt: empty file: nothing to ingest"
    with pytest.raises(InputError) as e:
        read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image.txt")
    assert str(e.value) == "image.txt: binary file (NUL bytes): not a text document"
    with pytest.raises(InputError) as e:
        read_bytes(bytes(range(0x80, 0x100)) * 4 + b"\x01\x02\x03\x04" * 200, "noise.txt")
    assert str(e.value).startswith("noise.txt: ")
    assert "\n" not in str(e.value)


def test_front_matter_gives_metadata_and_keeps_offsets():
    raw = "---\ntitle: A profile\npublished: 2018-03-01\n---\nThe Foo Front was founded in 2001.\n"
    src = read_bytes(raw.encode(), "a.md")
    assert src.meta == {"title": "A profile", "published": "2018-03-01"}
    start = src.text.index("The Foo Front")
    assert src.analysis[start : start + 13] == "The Foo Front"
    assert src.analysis[:start].strip() == ""


def test_malformed_front_matter_names_the_line():
    with pytest.raises(InputError) as e:
        read_bytes(b"---\ntitle: [unclosed\n---\nText here.\n", "bad.md")
    assert str(e.value).startswith("bad.md: malformed YAML front matter at line")


def test_html_is_read_as_the_text_a_browser_shows():
    raw = (
        "<html><head><title>A &amp; B</title><style>p {}</style></head><body><nav><a href='/'>Home</a></nav>"
        '<p>Foo &amp; <a href="/wiki/Bar">Bar</a>\'s   Front\n joined</p><script>var x = 1;</script>'
        '<div role="navigation"><div>Menu</div></div><p>Baz&nbsp;&#8211;&nbsp;Qux</p></body></html>'
    )
    src = read_bytes(raw.encode(), "a.html")
    assert src.text == "Foo & Bar's Front joined\n\nBaz\u00a0\u2013\u00a0Qux\n"
    assert src.analysis == "Foo & Bar's Front joined\n\nBaz - Qux\n"
    assert src.meta == {"title": "A & B"}
