"""Cross-document resolution: which stored entity each of a document's entities denotes.

Each document's entities are kept as *sources* (what one text said of one entity: its name, type, every
name it used, the names it set apart and the identifiers it gave). Two sources from different texts are
*linked* when they share

- an identifier (a UN sanctions reference, a Wikidata id) — two different identifiers of one registry
  keep them apart whatever their names;
- or, being of one type, a name that is the main name of one of them, compared in a normalised form
  (case, accents, articles al-/el-, Abu/Abou, ou/u, double letters and the order "Surname, Given" folded);
- or an acronym both spell out alike (not "KDF" for two different fronts);
- or main names that are spelling variants of one another (rapidfuzz, word by word).

A person never links with an organisation; names a text set apart never link; a one-word person name
("Ghali") never links on its own. The stored entities are the connected groups of linked sources, so the
same documents give the same entities in any order, batch split or engine: a new source joins every entity
it links to, and entities it bridges merge (``Store.merge_entities``). An entity's name is the main name
most of its sources give, so it does not depend on which text came first either.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from factionmap.components.mentions import is_acronym
from factionmap.lexicon import demonyms
from factionmap.model import Entity, norm
from factionmap.store import Store

__all__ = ["SourceNames", "link", "match_keys", "resolve_entities", "main_name"]

# Arabic articles and connecting particles that transliterations write, drop or glue at will
_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "an", "ar", "az", "ul", "ud", "ur", "e", "i", "wa", "de"})
# one spelling for the words transliterations vary most (Abou/Abu, Abdul/Abd al/Abdel)
_FOLD = {"abou": "abu", "abdul": "abd", "abdel": "abd", "abdal": "abd", "abdoul": "abd", "bin": "ben",
         "ibn": "ben", "bint": "ben"}
_FUZZY = 88  # rapidfuzz ratio (0–100) two spelling variants of a word reach at least


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One spelling of a transliterated word: ou → u, ee → i, an inner y → i, double letters single, a final
    h after a vowel dropped.

    >>> [fold_word(w) for w in ("mohammed", "mouhamad", "hussein", "qaida")]
    ['mohamed', 'muhamad', 'husein', 'qaida']
    """
    w = _FOLD.get(word, word)
    w = w.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    w = re.sub(r"(.)\1+", r"\1", w)
    w = w[:1] + w[1:].replace("y", "i")
    if len(w) > 3 and w.endswith("h") and w[-2] in "aeiou":
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """The form names are compared in: ``norm`` with the articles dropped, each word folded and "Surname,
    Given Names" put in reading order.

    >>> match_key("AL-ZAWAHIRI, Ayman") == match_key("Ayman al-Zawahiri")
    True
    >>> match_key("Abou Mohammed el-Jawlani") == match_key("Abu Muhammed al-Jawlani")
    False
    >>> match_key("Abou Mohammed el-Jawlani") == match_key("Abu Mohammed al-Jawlani")
    True
    """
    if name.count(",") == 1 and not is_acronym(name.split(",")[0].strip()):
        last, first = (p.strip() for p in name.split(","))
        if first and last and len(first.split()) <= 4 and len(last.split()) <= 3:
            name = f"{first} {last}"
    words = [w for w in norm(name).split(" ") if w and w not in _PARTICLES]
    return " ".join(fold_word(w) for w in words)


def _skeleton(key: str) -> str:
    """The consonants of a match key, word by word: where spelling variants meet to be compared."""
    return " ".join(re.sub(r"[aeiouy]", "", w) or w for w in key.split(" "))


def match_keys(name: str) -> set[str]:
    """Every key a name is found under: its ``norm``, its match key and its consonant skeleton (``~``)."""
    key = match_key(name)
    keys = {norm(name), key} - {""}
    if key and " " in key or len(key) >= 6:
        keys.add("~" + _skeleton(key))
    return keys


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class SourceNames:
    """What one text said of one entity, as resolution compares it."""

    name: str
    type: str
    names: frozenset[str]
    apart: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    part: object = None  # the extraction it came from: sources of one extraction are never linked

    @property
    def keys(self) -> set[str]:
        """Match keys of every name (``norm`` and folded forms; not the skeletons)."""
        return {k for n in self.names | {self.name} for k in (norm(n), match_key(n)) if k}

    @property
    def main_keys(self) -> set[str]:
        """Keys of the main name."""
        return {k for k in (norm(self.name), match_key(self.name)) if k}

    def lookup(self) -> set[str]:
        """Every key under which a source that may link to this one is indexed."""
        keys = set(self.keys)
        for n in self.names | {self.name}:
            keys |= match_keys(n)
        return keys

    @classmethod
    def of(cls, ent: Entity, part: object = None) -> SourceNames:
        """The source an extracted entity makes."""
        return cls(ent.name, ent.type, frozenset(ent.aliases | {ent.name}), frozenset(ent.distinct),
                   frozenset(ent.ids), part)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SourceNames:
        """The source a stored row holds."""
        return cls(row["name"], row["type"], frozenset(row["names"]), frozenset(row["apart"]), frozenset(row["ids"]),
                   row.get("part"))


def _expansion_words(names: Iterable[str]) -> set[str]:
    return {w for n in names if not is_acronym(n) for w in match_key(n).split(" ") if len(w) >= 3}


def _same_expansion(a: SourceNames, b: SourceNames) -> bool:
    """Two texts spell a shared acronym out alike: their full names share half their words. "KDF" for the
    Karzan Dalmir Front and for the Kolvek Dalsol Front are two groups; "Tehrik-e Zarin Pakistan" and
    "Tehreek-i-Zarin Pakistan" spell out one."""
    x, y = _expansion_words(a.names | {a.name}), _expansion_words(b.names | {b.name})
    return bool(x and y) and len(x & y) / len(x | y) >= 0.5


def _variant(a: str, b: str) -> bool:
    """Two main names that are spelling variants: the same number of words, each pair alike (the same
    initial, rapidfuzz ratio at least 88), no demonym or number differing ("Iraqi X" is not "Syrian X")."""
    ka, kb = match_key(a).split(" "), match_key(b).split(" ")
    if len(ka) != len(kb) or len("".join(ka)) < 8:
        return False
    for x, y in zip(ka, kb, strict=True):
        if x == y:
            continue
        if x[0] != y[0] or x in demonyms() or y in demonyms() or x.isdigit() or y.isdigit():
            return False
        if fuzz.ratio(x, y) < _FUZZY:
            return False
    return fuzz.ratio(" ".join(ka), " ".join(kb)) >= 90


def link(a: SourceNames, b: SourceNames) -> str | None:
    """What links two sources: the identifier or name that joins them, or None. Symmetric.

    >>> p = SourceNames("Ayman al-Zawahiri", "PERSON", frozenset({"Ayman al-Zawahiri"}))
    >>> link(p, SourceNames("Aiman al-Zawahiri", "PERSON", frozenset({"Aiman al-Zawahiri", "Zawahiri"})))
    'Aiman al-Zawahiri'
    >>> link(p, SourceNames("Ayman al-Zawahiri", "ORG", frozenset({"Ayman al-Zawahiri"}))) is None
    True
    """
    if a.part is not None and a.part == b.part:
        return None
    if a.type != b.type:
        return None
    shared_ids = a.ids & b.ids
    if shared_ids:
        return min(shared_ids)
    schemes_a, schemes_b = {i.split(":")[0] for i in a.ids}, {i.split(":")[0] for i in b.ids}
    if schemes_a & schemes_b:
        return None  # two identifiers of one registry: two entities
    keys_a, keys_b = a.keys, b.keys
    apart_a = {k for n in a.apart for k in (norm(n), match_key(n))}
    apart_b = {k for n in b.apart for k in (norm(n), match_key(n))}
    if apart_a & keys_b or apart_b & keys_a:
        return None
    names_a = a.names | {a.name}
    names_b = b.names | {b.name}
    for n in sorted(names_a | names_b):
        k = match_key(n)
        if k not in keys_a or k not in keys_b:
            continue
        if is_acronym(n):
            if _same_expansion(a, b) or is_acronym(a.name) or is_acronym(b.name):
                return n
            continue
        if not ({norm(n), k} & (a.main_keys | b.main_keys)):
            continue  # a name neither text calls the entity by: not enough on its own
        if a.type == "PERSON" and " " not in k:
            continue  # "Ghali" alone names too many people
        return n
    if not is_acronym(a.name) and not is_acronym(b.name) and _variant(a.name, b.name):
        return b.name
    return None


def main_name(names: Iterable[str], etype: str) -> str:
    """The name most sources (given by their main names) call the entity by (then: a full name before an
    acronym, mixed case before capitals, a person's fullest name or a group's shortest, alphabetical) — the same
    whatever order they came in."""
    votes: Counter[str] = Counter()
    spellings: dict[str, list[str]] = {}
    for name in names:
        k = match_key(name) or norm(name)
        votes[k] += 1
        spellings.setdefault(k, []).append(name)

    def rank(k: str) -> tuple[int, int, int, int, str]:
        sample = spellings[k]
        full = not all(is_acronym(x) for x in sample)
        mixed = any(not x.isupper() for x in sample)
        words = len(k.split(" "))
        return (-votes[k], -full, -mixed, -words if etype == "PERSON" else words, k)

    best = min(votes, key=rank)
    forms = spellings[best]
    return min(forms, key=lambda x: (x.isupper(), -forms.count(x), _plain(x), x))


def resolve_entities(store: Store, doc_id: int, entities: list[Entity]) -> list[tuple[int, str]]:
    """The stored entity (id, key) each of a document's entities denotes, created or merged as needed;
    every entity is recorded as a source of it, with what joined it."""
    part = object()
    written: list[int] = []  # source row ids of this extraction
    for ent in entities:
        src = SourceNames.of(ent, part)
        linked: dict[int, str] = {}
        for row in store.sources_matching(src.lookup(), src.ids):
            if row["id"] in written or row["entity_id"] in linked:
                continue
            why = link(src, SourceNames.from_row(row))
            if why is not None and row["entity_id"] not in linked:
                linked[row["entity_id"]] = why
        if not linked:
            eid, _key = store.new_entity(ent.name, ent.type)
            joined_by = None
        else:
            targets = sorted(linked)
            eid = store.merge_entities(targets) if len(targets) > 1 else targets[0]
            joined_by = linked[targets[0]]
        written.append(store.add_source(eid, doc_id, src.name, src.type, sorted(src.names), sorted(src.apart),
                                        sorted(src.ids), sorted(src.lookup()), joined_by))
        store.rename_entity(eid, main_name(store.source_names_of(eid), ent.type))
    final = store.entities_of_sources(written)
    return [final[s] for s in written]
