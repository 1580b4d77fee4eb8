"""Features of a mention (for its type) and of an ordered pair of mentions (for their relation).

Features are strings; a model weighs them. They use only the words of the text around the
mentions, the mentions' shapes and types, and the project's field vocabulary (trigger and hedge
tables, organisation and place words) — never a name.

>>> text = "The Foo Front joined the Bar Movement in 2004."
>>> sorted(f for f in pair_features(text, (0, 46), (4, 13, "ORG"), (25, 37, "ORG"), True) if f.startswith("bw="))
['bw=joined', 'bw=joined|f', 'bw=the', 'bw=the|f']

A short wording between the two names is also one feature whole, with the two types and the direction (the
lexical pattern of Mintz et al. 2009): what "joined the" says of two organisations, not of its words one by one.

>>> [f for f in pair_features(text, (0, 46), (4, 13, "ORG"), (25, 37, "ORG"), True) if f.startswith("pat=")]
['pat=joined_the|ORG>ORG|f']
>>> [f for f in pair_features(text, (0, 46), (25, 37, "ORG"), (4, 13, "ORG"), False) if f.startswith("pat=")]
['pat=joined_the|ORG>ORG|r']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from factionmap.lexicon import lower_words, places, table, word_classes

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:['’\-][A-Za-z\u00C0-\u024F0-9]+)*|[^\sA-Za-z\u00C0-\u024F0-9]")
_DIGITS = re.compile(r"\d")
MAX_BETWEEN = 14
MAX_PATTERN = 5  # the longest wording between two names that is also read whole

Span = tuple[int, int, str]  # start, end, type


def words(text: str, start: int, end: int) -> list[str]:
    """The lower-cased words and punctuation of ``text[start:end]``, digits folded to 0.

    >>> words("In 2014, the ISIS-K", 0, 19)
    ['in', '0000', ',', 'the', 'isis-k']
    """
    return [_DIGITS.sub("0", w.lower()) for w in _WORD.findall(text, start, end)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: 'joined', 'joining', 'joins' → 'join'; 'allies' → 'ally'.

    >>> [stem(w) for w in ("joined", "joining", "joins", "allies", "led", "pledged")]
    ['join', 'join', 'join', 'ally', 'led', 'pledg']
    """
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word


@cache
def _trigger_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for row in table("triggers"):
        rel, left, _right, _value, pattern = row[:5]
        out.append((f"{rel}:{left}", re.compile(pattern, re.I)))
    return tuple(out)


@cache
def _hedges() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern, re.I)) for name, pattern in table("hedges"))


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9+"


class SentenceView:
    """One sentence read once: its words with offsets and where the trigger table matches in it.

    Names never generalise, so each span of ``names`` (start, end, type) reads as one word naming its
    type: the words around a pair say "@org , led by @person", whatever the names are.

    >>> text = "The Foo Front, led by Ali Bar, joined the Baz Army."
    >>> SentenceView(text, (0, len(text)), [(4, 13, "ORG"), (22, 29, "PERSON")]).between(13, 42)
    [',', 'led', 'by', '@person', ',', 'joined', 'the']
    """

    def __init__(self, text: str, sent: tuple[int, int], names: list[Span] | None = None) -> None:
        self.sent = sent
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        spans = sorted(n for n in names or () if n[0] >= sent[0] and n[1] <= sent[1])
        k = 0
        for m in _WORD.finditer(text, sent[0], sent[1]):
            while k < len(spans) and spans[k][1] <= m.start():
                k += 1
            if k < len(spans) and spans[k][0] <= m.start():
                start, end, kind = spans[k]
                if self.ends and self.ends[-1] == end:
                    continue  # the rest of a name already read as its type
                self.starts.append(m.start())
                self.ends.append(end)
                self.words.append("@" + kind.lower())
                continue
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(_DIGITS.sub("0", m.group().lower()))
        self.triggers = [
            (m.start(), m.end(), name)
            for name, pattern in _trigger_patterns()
            for m in pattern.finditer(text, sent[0], sent[1])
        ]

    def between(self, a: int, b: int) -> list[str]:
        """The words inside ``[a, b)``."""
        i = bisect_left(self.starts, a)
        j = bisect_left(self.starts, b)
        while j > i and self.ends[j - 1] > b:
            j -= 1
        return self.words[i:j]


def pair_features(
    text: str,
    sent: tuple[int, int],
    s: Span,
    o: Span,
    s_first: bool,
    between_mentions: int = 0,
    view: SentenceView | None = None,
) -> list[str]:
    """Features of subject ``s`` and object ``o`` (mention spans) in the sentence ``sent``."""
    view = view or SentenceView(text, sent)
    a, b = (s, o) if s_first else (o, s)
    between = view.between(a[1], b[0])
    before = view.between(max(sent[0], a[0] - 60), a[0])[-3:]
    after = view.between(b[1], min(sent[1], b[1] + 60))[:3]
    d = "f" if s_first else "r"
    tt = f"{s[2]}>{o[2]}"
    feats = [
        f"dir={d}",
        f"tt={tt}",
        f"tt={tt}|{d}",
        f"nb={_bucket(len(between))}",
        f"nm={_bucket(between_mentions)}",
        f"nb={_bucket(len(between))}|{d}",
    ]
    long = len(between) > MAX_BETWEEN
    kept = between[:9] + between[-5:] if long else between
    if long:
        feats.append("long")
    for w in kept:
        feats.append(f"bw={w}")
        feats.append(f"bw={w}|{d}")
        st = stem(w)
        if st != w:
            feats.append(f"bs={st}|{d}")
    for w1, w2 in zip(kept, kept[1:], strict=False):
        feats.append(f"bb={w1}_{w2}|{d}")
    if between:
        feats += [f"bf={between[0]}|{d}", f"bl={between[-1]}|{d}"]
        if len(between) > 1:
            feats.append(f"bf2={between[0]}_{between[1]}|{d}")
        if len(between) <= MAX_PATTERN:  # a short wording whole: ", led by", ", a member of the"
            feats.append(f"pat={'_'.join(between)}|{tt}|{d}")
    else:
        feats.append(f"adjacent|{d}")
    feats += [f"pre{i}={w}" for i, w in enumerate(reversed(before))]
    feats += [f"post{i}={w}|{d}" for i, w in enumerate(after)]
    if after:
        feats.append(f"post0={after[0]}")
    for side, span in (("s", s), ("o", o)):
        for w in sorted(set(words(text, span[0], span[1])) & lower_words("orgwords")):
            feats.append(f"{side}word={w}")  # "Front", "Army", "Council": what kind of body, never which
    for name in sorted({name for start, end, name in view.triggers if start >= a[1] and end <= b[0]}):
        feats.append(f"trig={name}|{d}")
        feats.append(f"trig={name}|{d}|{tt}")
    return feats


def mention_features(text: str, sent: tuple[int, int], m: Span, classes: bool = True) -> list[str]:
    """Features of one mention for its type: its words, shape, vocabulary and context; with ``classes``, also the
    class of each word and of its neighbours (``lexicon.word_classes``: "wc=" for a name's own words).

    >>> text = "Fighters left Quetta and Peshawar."
    >>> [f for f in mention_features(text, (0, 34), (14, 20, "PLACE")) if f.startswith("wc=")] == [
    ...     f for f in mention_features(text, (0, 34), (25, 33, "PLACE")) if f.startswith("wc=")]
    True
    >>> [f for f in mention_features(text, (0, 34), (14, 20, "PLACE"), classes=False) if f.startswith("wc")]
    []
    """
    start, end, rule_type = m
    surface = text[start:end]
    toks = words(text, start, end)
    before = words(text, max(sent[0], start - 50), start)[-2:]
    after = words(text, end, min(sent[1], end + 50))[:2]
    feats = [f"rule={rule_type}", f"n={min(len(toks), 5)}"]
    for w in toks:
        feats.append(f"w={w}")
    if toks:
        feats += [f"first={toks[0]}", f"last={toks[-1]}", f"suf3={toks[-1][-3:]}"]
    shape = "".join("A" if c.isupper() else "a" if c.islower() else "0" if c.isdigit() else c for c in surface[:12])
    feats.append("shape=" + re.sub(r"(.)\1+", r"\1\1", shape))
    if surface.isupper():
        feats.append("allcaps")
    low = surface.lower()
    if low in places():
        feats.append("place-name")
    orgwords, placewords = lower_words("orgwords"), lower_words("placewords")
    for w in toks:
        if w in orgwords:
            feats.append("orgword")
        if w in placewords:
            feats.append("placeword")
        if w in lower_words("honorifics"):
            feats.append("honorific")
        if w in lower_words("roles"):
            feats.append("roleword")
    feats += [f"pre{i}={w}" for i, w in enumerate(reversed(before))]
    feats += [f"post{i}={w}" for i, w in enumerate(after)]
    if classes:
        # each word's class (GloVe clusters): what the type model learned of "Karachi" holds for "Quetta", of a
        # first name for another first name, though neither was in the annotations
        table_ = word_classes()
        for tag, ws in (("wc", toks), ("wcpre", before[-1:]), ("wcpost", after[:1])):
            for w in ws:
                fine, coarse = table_.get(w, ("unk", "unk"))
                feats += [f"{tag}={fine}", f"{tag}k={coarse}"]
    return feats


def hedge_features(text: str) -> list[str]:
    """The hedge cues of a clause, by name (for the certainty of a learned fact)."""
    return [f"hedge={name}" for name, pattern in _hedges() if pattern.search(text)]
