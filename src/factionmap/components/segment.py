"""Stage 1, segment: paragraphs (line breaks) and sentences, as offsets into the document."""

from __future__ import annotations

import re

from factionmap.model import Extraction, Sentence

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "sgt",
    "prof",
    "jr",
    "sr",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
    "a.k.a",
    "aka",
    "approx",
    "est",
    "inc",
    "ltd",
    "co",
    "corp",
    "u.s",
    "u.k",
    "u.n",
    "fig",
    "al",
    "etc",
}
_END = re.compile(r"[.!?]+[\"')\]]*(?:\[\d+\])*(?=\s+[\"'(\[]?[A-Z0-9])")
_PARA = re.compile(r"[^\n]+")


def _is_boundary(text: str, dot: int) -> bool:
    """Decide whether the punctuation at ``dot`` ends a sentence."""
    if text[dot] != ".":
        return True
    m = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    word = m.group(1).lower() if m else ""
    if word in _ABBREV:
        return False
    if len(word) == 1 and word.isalpha() and not (dot >= 2 and text[dot - 2] in "-\u2010\u2011\u2013"):
        return False  # an initial: "J. Smith" (but "… joined ISIS-K. It …" ends a sentence)
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S, a.k.a
        return False
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding white space.

    >>> t = "Al-Foo formed in 2001. It split from the U.S. Front in 2003."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Al-Foo formed in 2001.', 'It split from the U.S. Front in 2003.']
    """
    end = len(text) if end is None else end
    spans = []
    cur = start
    for m in _END.finditer(text, start, end):
        if not _is_boundary(text, m.start()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def segment(ext: Extraction) -> Extraction:
    """Split the analysis text into paragraphs (one a line) and sentences."""
    text = ext.analysis
    for para, m in enumerate(_PARA.finditer(text)):
        if not m.group().strip():
            continue
        for a, b in split_sentences(text, m.start(), m.end()):
            ext.sentences.append(Sentence(a, b, para))
    return ext
