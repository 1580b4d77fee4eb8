"""Read a document file: decode it, take its front matter, and mask markup.

Every document keeps two texts of the same length: ``text``, the decoded file that evidence
spans slice, and ``analysis``, the same characters with markup, front matter and typography
normalised one character for one character, so an offset in one is the same offset in the other.
An HTML page's ``text`` is the text a browser shows of it (``html_text``), not its source: tags,
entities and links never reach names, evidence or the document view.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from factionmap.errors import InputError

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 512 * 1024 * 1024

# one character for one character, so offsets never move
_TYPO = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\t": " ",
    }
)


@dataclass
class Source:
    """A decoded document ready for the pipeline."""

    name: str
    text: str
    analysis: str | None  # None: plain text too big to hold twice, normalised piece by piece when extracted
    sha256: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
    path: str | None = None


# Above this many characters a document is extracted in pieces (pipeline.extract_chunks).
HUGE_CHARS = 4_000_000


_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d+)\]")


def normalise(text: str) -> str:
    """Normalise dashes, quotes and spaces, one character for one character; blank out reference
    markers copied from encyclopedias ("formed in 1998[4] [5] by …")."""
    text = text.translate(_TYPO)
    if "[" in text:
        text = _CITATION.sub(lambda m: " " * len(m.group()), text)
    return text


def _blank(m: re.Match[str]) -> str:
    """Replace a match by spaces, keeping its newlines, so offsets stay put."""
    return "".join("\n" if c == "\n" else " " for c in m.group())


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str, path: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter from a Markdown/text document; the rest keeps its offsets."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    import yaml  # loaded for the first document with front matter, not by every command

    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(path, f"malformed YAML front matter{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError(path, "front matter is not a mapping of keys to values")
    meta = {str(k).lower(): str(v) for k, v in data.items() if v is not None}
    return meta, _FRONT.sub(_blank, text, count=1)


_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
# elements whose content is never part of the article's text: code, styling, and the page's navigation
_HTML_SKIP = frozenset(
    {
        "script",
        "style",
        "head",
        "noscript",
        "template",
        "nav",
        "svg",
        "math",
        "iframe",
        "object",
        "button",
        "select",
        "textarea",
    }
)
# elements that end a paragraph (two newlines) or a line (one)
_HTML_PARAGRAPH = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "dl",
        "pre",
        "figure",
        "header",
        "footer",
        "main",
        "aside",
        "hr",
        "address",
    }
)
_HTML_LINE = frozenset({"br", "div", "li", "tr", "dt", "dd", "figcaption", "caption", "td", "th", "summary"})
_HTML_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"}
)


class _HtmlText(HTMLParser):
    """The text a browser would show of an HTML page, as plain text: tags gone, entities decoded, inline
    elements (links, emphasis) joined to the words around them, block elements ending lines and paragraphs,
    scripts, styles and navigation blocks left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # the open element whose content is left out, once per nesting level

    def _skipped(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        role = next((v for k, v in attrs if k == "role"), None)
        return tag in _HTML_SKIP or role in ("navigation", "banner", "contentinfo", "search")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1] and tag not in _HTML_VOID:
                self.skip.append(tag)
            return
        if self._skipped(tag, attrs) and tag not in _HTML_VOID:
            self.skip.append(tag)
            return
        self._block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        self._block(tag)

    def _block(self, tag: str) -> None:
        if tag in _HTML_PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _HTML_LINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(_HTML_SPACE.sub(" ", data))

    def text(self) -> str:
        """The collected text: spaces around line ends trimmed, at most one empty line in a row."""
        out = "".join(self.parts)
        out = re.sub(r" *\n *", "\n", out)
        out = re.sub(r"\n{3,}", "\n\n", out)
        return re.sub(r" {2,}", " ", out).strip("\n ") + "\n"


_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def html_text(page: str) -> str:
    """The readable text of an HTML page (what a browser shows, as plain text): tags, entities and
    links never leak into it, and its offsets are those of the text a reader sees."""
    parser = _HtmlText()
    parser.feed(page)
    parser.close()
    return parser.text()


_MD_MARKS = re.compile(r"^(#{1,6}\s|>\s?|[-*+]\s|\d+\.\s)|\*\*|__|`|!\[|\]\([^)\s]*\)|\[(?=[^\]]*\]\()", re.M)


def mask_markdown(text: str) -> str:
    """Blank Markdown markup (headings, emphasis, link targets) keeping offsets."""
    return _MD_MARKS.sub(_blank, text)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as text, naming the encoding used; raise InputError for binary or unknown data."""
    if not data.strip():
        raise InputError(path, "empty file: nothing to ingest")
    head = data[:65536]
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, enc in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    if b"\x00" in head:
        raise InputError(path, "binary file (NUL bytes): not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    results = from_bytes(data[: 4 * 1024 * 1024])
    best = results.best()
    if best is not None:
        # Windows-1252 is by far the most common legacy encoding; prefer it when it reads as well
        western = next((r for r in results if r.encoding == "cp1252"), None)
        if western is not None and western.chaos <= best.chaos + 0.05 and western.coherence >= best.coherence - 0.1:
            best = western
    if best is None or best.encoding is None:
        raise InputError(
            path,
            f"cannot decode: not UTF-8 (invalid byte at offset {utf8_error.start}) and no other text "
            "encoding fits; convert the file to UTF-8",
        )
    text = data.decode(best.encoding, errors="strict")
    if _controls(text) > 0.01:
        raise InputError(path, f"binary file: decodes as {best.encoding} only to control characters")
    return text, best.encoding


def _controls(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(1, len(sample))


def read_bytes(data: bytes, name: str, path: str | None = None, meta: dict[str, str] | None = None) -> Source:
    """Build a Source from raw bytes; ``name`` decides the markup by its suffix."""
    where = path or name
    if len(data) > MAX_BYTES:
        raise InputError(where, f"file of {len(data)} bytes is over the {MAX_BYTES} byte limit")
    text, encoding = decode(data, where)
    if _controls(text) > 0.01:
        raise InputError(where, "binary file: too many control characters for a text document")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    suffix = Path(name).suffix.lower()
    found_meta: dict[str, str] = {}
    if suffix in (".html", ".htm"):
        # an HTML page is stored as the text a reader sees: evidence, names and the document view never
        # show markup (the hash stays that of the file, so the same page is still recognised)
        title = _HTML_TITLE.search(text)
        if title and title.group(1).strip():
            found_meta["title"] = re.sub(r"\s+", " ", html.unescape(title.group(1))).strip()
        text = html_text(text)
    found_meta, analysis = front_matter(text, where) if suffix in (".md", ".markdown", ".txt") else (found_meta, text)
    if suffix in (".md", ".markdown"):
        analysis = mask_markdown(analysis)
    if analysis is text and len(text) > HUGE_CHARS:
        # plain text with no front matter: the analysis text is the document normalised character for
        # character, so a huge one is normalised piece by piece rather than held a second time
        if not text.strip():
            raise InputError(where, "no text left once markup is removed: nothing to ingest")
        return Source(
            name=name,
            text=text,
            analysis=None,
            sha256=hashlib.sha256(data).hexdigest(),
            encoding=encoding,
            meta={**found_meta, **(meta or {})},
            path=path,
        )
    analysis = normalise(analysis)
    if not analysis.strip():
        raise InputError(where, "no text left once markup is removed: nothing to ingest")
    merged = {**found_meta, **(meta or {})}
    sha = hashlib.sha256(data).hexdigest()
    return Source(name=name, text=text, analysis=analysis, sha256=sha, encoding=encoding, meta=merged, path=path)


def read_file(path: str | Path, meta: dict[str, str] | None = None) -> Source:
    """Read one document file from disk."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(p), "file not found (it may have been moved or deleted)") from None
    except IsADirectoryError:
        raise InputError(str(p), "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(str(p), f"cannot read: {exc.strerror}") from None
    return read_bytes(data, p.name, str(p), meta)


FOLDER_DOCS = re.compile(r"^(?:README|SOURCES|LICEN[CS]E|CHANGELOG|CONTRIBUTING|COPYING)(?:\.[\w.]+)?$", re.I)


def find_documents(
    paths: list[str | Path],
    passed_over: list[tuple[str, str]] | None = None,
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand files and folders (recursively) into document files; also return what cannot be read.

    Inside folders, the folder's own documentation (README, SOURCES, LICENSE…) is passed over and
    listed in ``passed_over``; a file named on its own is always taken.
    """
    found: list[Path] = []
    passed: list[tuple[str, str]] = []
    if passed_over is None:
        passed_over = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    if FOLDER_DOCS.match(f.name):
                        passed_over.append(
                            (
                                str(f),
                                "the folder's own documentation (README, SOURCES, LICENSE…), "
                                "not a source document; name the file to ingest it",
                            )
                        )
                        continue
                    found.append(f)
        elif p.is_file():
            if p.suffix.lower() in SUFFIXES:
                found.append(p)
            else:
                passed.append((str(p), f"unsupported file type {p.suffix or '(none)'!r}: use .txt, .md or .html"))
        else:
            passed.append((str(p), "no such file or folder"))
    return found, passed
