"""Cross-document resolution: which stored entity each of a document's entities denotes.

Each document's entities are kept as *sources* (what one text said of one entity: its name, type, every
name it used, the names it set apart and the identifiers it gave). Two sources from different texts are
*linked* when they share

- an identifier (a UN sanctions reference, a Wikidata id) — two different identifiers of one registry
  keep them apart whatever their names;
- or, being of one type, a name that is the main name of one of them, compared in a normalised form
  (case, accents, articles al-/el-, Abu/Abou, ou/u, double letters and the order "Surname, Given" folded);
- or an acronym both spell out alike (not "KDF" for two different fronts), its branch letter joined any way
  ("KF-K", "KF–K") and a place in its spelt-out name under any of its names (the Levant, al-Sham, Syria);
- or main names that are spelling variants of one another (rapidfuzz, word by word).

A person never links with an organisation; names a text set apart never link. A *weak* source (its main name
an acronym, a branch named by place and acronym, "Dovran branch of KSF", or a person's single name, "Ghali")
never links two entities: it joins the one entity it fits, and when it fits two it stays apart, with the weak
sources of its name, until a text decides (``settle``).

The stored entities are the connected groups of linked sources, so the same documents give the same entities
in any order, batch split or engine: a new source joins every entity it links to, and entities it bridges merge
(``Store.merge_entities``). An entity's name is the main name most of its sources give, so it does not depend
on which text came first either.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz import fuzz

from factionmap.components.mentions import acronym_letters, initials, is_acronym
from factionmap.lexicon import PROVINCE_WORDS, demonyms, place_synonyms
from factionmap.model import Entity, norm
from factionmap.store import Store

__all__ = ["SourceNames", "link", "main_name", "match_keys", "resolve_entities", "settle"]

# Arabic articles and connecting particles that transliterations write, drop or glue at will
_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "an", "ar", "az", "ul", "ud", "ur", "e", "i", "wa", "de"})
# one spelling for the words transliterations vary most (Abou/Abu, Abdul/Abd al/Abdel)
_FOLD = {
    "abou": "abu",
    "abdul": "abd",
    "abdel": "abd",
    "abdal": "abd",
    "abdoul": "abd",
    "bin": "ben",
    "ibn": "ben",
    "bint": "ben",
}
# a generational suffix, which one text writes and another leaves out
_SUFFIX = re.compile(r",?\s+(?:jr|sr)\.?\s*$", re.I)
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
    >>> match_key("Kamal Salvo Dorado, Jr.") == match_key("KAMAL SALVO DORADO")
    True
    """
    name = _SUFFIX.sub("", name)
    if name.count(",") == 1 and not is_acronym(name.split(",")[0].strip()):
        last, first = (p.strip() for p in name.split(","))
        if first and last and len(first.split()) <= 4 and len(last.split()) <= 3:
            name = f"{first} {last}"
    words = [w for w in norm(name).split(" ") if w and w not in _PARTICLES]
    return " ".join(fold_word(w) for w in words)


def _skeleton(key: str) -> str:
    """The consonants of a match key, word by word, without h, w and y (which transliterations add or drop:
    "Makhtab" and "Maktab"): where spelling variants meet to be compared."""
    return " ".join(re.sub(r"[aeiouhwy]", "", w) or w for w in key.split(" "))


def match_keys(name: str) -> set[str]:
    """Every key a name is found under: its ``norm``, its match key and its consonant skeleton (``~``), also
    with a place under one of its names and no "the" (where ``_variant`` compares it)."""
    key = match_key(name)
    keys = {norm(name), key} - {""}
    if key and " " in key or len(key) >= 6:
        keys.add("~" + _skeleton(key))
        keys.add("~" + _skeleton(" ".join(_folded_words(name))))
    return keys


_DASH = re.compile(r"\s*[\u2010-\u2015-]\s*")


def _acronym(name: str) -> bool:
    """An acronym however a text joins its branch letter: "KF-K", "KF–K" and "KF - K" alike."""
    return is_acronym(_DASH.sub("-", name.strip()))


def _one_place_name(name: str) -> str:
    """The name with each place written under one of its names ("... and the Levant", "... and al-Sham" and
    "... and Syria" alike), the lexicon's ``place_synonyms``."""
    table = place_synonyms()
    return re.sub(
        r"[A-Za-z]+", lambda m: table[w].capitalize() if (w := m.group(0).lower()) in table else m.group(0), name
    )


def _folded_words(name: str) -> list[str]:
    """The folded words of a name (``match_key``), each place under one of its names, without "the"."""
    return [w for w in match_key(_one_place_name(name)).split(" ") if w != "the"]


def _other_place_names(name: str) -> set[str]:
    """The name with a place written under each of its other names ("... and the Levant" as "... and Syria"
    and "... and Sham"); none when it names no such place."""
    table = place_synonyms()
    out: set[str] = set()
    for m in re.finditer(r"[A-Za-z]+", name):
        place = table.get(m.group(0).lower())
        if place is None:
            continue
        for other, same in table.items():
            if same == place and other != m.group(0).lower():
                out.add(name[: m.start()] + other.capitalize() + name[m.end() :])
    return out


def _acronym_keys(names: Iterable[str]) -> frozenset[str]:
    """The forms a source's acronyms are compared in: each acronym as written (``norm``) and, when one of the
    source's full names spells it out, the acronyms that name gives with a place under another of its names:
    "KSTL-D" spelt out "Karsh State of Tamar and the Levant – Dovran" is also "KSTS-D", as a text that writes
    "al-Sham" or "Syria" abbreviates it."""
    acronyms = [_DASH.sub("-", n.strip()) for n in names if _acronym(n)]
    keys = {norm(a) for a in acronyms}
    fulls = [n for n in names if not _acronym(n)]
    for acr in acronyms:
        letters = acronym_letters(acr)
        for full in fulls:
            if letters not in initials(full):
                continue
            for other in {i for variant in _other_place_names(full) for i in initials(variant)}:
                if len(other) == len(letters) and other != letters:
                    spelt = iter(other)
                    keys.add(norm("".join(next(spelt) if c.isalpha() else c for c in acr)))
    return frozenset(keys)


# "Dovran branch of KSF", "Dovran Province of the KSF": a branch named by its place and its parent's acronym
_BRANCH_OF = re.compile(r"^(?:the\s+)?(?P<place>.+?)\s+(?:branch|province)\s+of\s+(?:the\s+)?(?P<parent>\S+)$", re.I)
_PROVINCE = re.compile(rf"\b(?:province|{PROVINCE_WORDS})\b", re.I)
_SPACED_DASH = re.compile(r"\s+[\u2010-\u2015-]\s+")


def _branch_of(name: str) -> str | None:
    """The key of a name that says it is a branch of a group by place and acronym ("Dovran branch of KSF":
    "%ksf dovran"), else None."""
    m = _BRANCH_OF.match(name.strip())
    if m is None or not is_acronym(m.group("parent")) or _acronym(m.group("place")):
        return None
    return f"%{norm(m.group('parent'))} {match_key(m.group('place'))}"


def _branch_keys(names: Iterable[str], acronyms: Iterable[str]) -> frozenset[str]:
    """The branch keys (``_branch_of``) a source spells out: an acronym of a parent's and a place's letter
    ("KSF-D") with a name that gives a place of that letter after a dash ("Karsh Salvation Front – Dovran
    Province") or with a province word ("Wilayat Dovran", "Dovran Province")."""
    places: set[str] = set()
    for n in names:
        if _acronym(n):
            continue
        parts = _SPACED_DASH.split(n.strip())
        if len(parts) >= 2:
            tail = parts[-1]
        elif _PROVINCE.search(n) and len(n.split()) == 2:
            tail = n
        else:
            continue
        place = _PROVINCE.sub("", tail).strip()
        if place and not _acronym(place):
            places.add(place)
    keys: set[str] = set()
    for acr in acronyms:
        parent, _, letter = acr.rpartition(" ")
        if not parent or " " in parent or len(letter) > 2:
            continue
        for place in places:
            words = norm(place).split()
            if "".join(w[0] for w in words) == letter or len(letter) == 1 and words[0][0] == letter:
                keys.add(f"%{parent} {match_key(place)}")
    return frozenset(keys)


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

    @cached_property
    def weak(self) -> bool:
        """A main name too weak to join entities: an acronym, a branch named by its parent's acronym ("Dovran
        branch of KSF"), or a person's single name."""
        return (
            _acronym(self.name)
            or _branch_of(self.name) is not None
            or (self.type == "PERSON" and " " not in match_key(self.name))
        )

    @cached_property
    def keys(self) -> set[str]:
        """Match keys of every name (``norm`` and folded forms; not the skeletons)."""
        return {k for n in self.names | {self.name} for k in (norm(n), match_key(n)) if k}

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """Keys of the acronyms among its names, and of those its full names spell otherwise (``_acronym_keys``)."""
        return _acronym_keys(self.names | {self.name})

    @cached_property
    def branches(self) -> frozenset[str]:
        """Branch keys its names give: said in words ("Dovran branch of KSF") and spelt out (``_branch_keys``)."""
        named = {k for n in self.names | {self.name} if (k := _branch_of(n)) is not None}
        return frozenset(named) | _branch_keys(self.names | {self.name}, self.acronyms)

    @cached_property
    def main_keys(self) -> set[str]:
        """Keys of the main name."""
        return {k for k in (norm(self.name), match_key(self.name)) if k}

    def lookup(self) -> set[str]:
        """Every key under which a source that may link to this one is indexed."""
        keys = set(self.keys) | self.acronyms | self.branches
        for n in self.names | {self.name}:
            keys |= match_keys(n)
        if self.type == "PERSON":
            keys |= _person_keys(self.name)
        return keys

    @classmethod
    def of(cls, ent: Entity, part: object = None) -> SourceNames:
        """The source an extracted entity makes."""
        return cls(
            ent.name, ent.type, frozenset(ent.aliases | {ent.name}), frozenset(ent.distinct), frozenset(ent.ids), part
        )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SourceNames:
        """The source a stored row holds."""
        return cls(
            row["name"],
            row["type"],
            frozenset(json.loads(row["names"])),
            frozenset(json.loads(row["apart"])),
            frozenset(json.loads(row["ids"])),
        )


# words a spelt-out name has or leaves out whatever the group: connectives, and the province a branch's name adds
_FILLER = frozenset({"the", "and", "for", "province"} | {match_key(w) for w in PROVINCE_WORDS.split("|")})


def _expansion_words(names: Iterable[str]) -> set[str]:
    """The words the full names spell out (three letters or more, folded, each place under one name), without
    connectives, province words or an acronym written among them ("ISAK Dovran")."""
    out: set[str] = set()
    for n in names:
        if _acronym(n):
            continue
        inner = set() if n.isupper() else {norm(t) for t in re.split(r"[\s\u2010-\u2015-]+", n) if is_acronym(t)}
        for w in _folded_words(n):
            if len(w) >= 3 and w not in _FILLER and w not in inner:
                out.add(w)
    return out


def _same_expansion(a: SourceNames, b: SourceNames) -> bool:
    """Two texts spell a shared acronym out alike: their full names share half their words (connectives and a
    branch's province word aside). "KDF" for the Karzan Dalmir Front and for the Kolvek Dalsol Front are two
    groups; "Tehrik-e Zarin Pakistan" and "Tehreek-i-Zarin Pakistan" spell out one, as do "Karsh State –
    Dovran Province" and "Karsh State of Tamar and the Levant – Dovran"."""
    x, y = _expansion_words(a.names | {a.name}), _expansion_words(b.names | {b.name})
    return bool(x and y) and len(x & y) / len(x | y) >= 0.5


def _alike(x: str, y: str) -> bool:
    """Two folded words that are spellings of one: the same first and last letter and a rapidfuzz ratio of 88,
    or the same consonants (at least three) and a ratio of 70 ("mohamed", "muhamad"); never "Colombia" and
    "Colombo", nor "Baghdad" and "Baghdadi"."""
    if x == y:
        return True
    if x[0] != y[0] or x[-1] != y[-1] or x in demonyms() or y in demonyms() or x.isdigit() or y.isdigit():
        return False
    ratio = fuzz.ratio(x, y)
    return ratio >= _FUZZY or ratio >= 70 and _skeleton(x) == _skeleton(y) and len(_skeleton(x)) >= 3


def _variant(a: str, b: str) -> bool:
    """Two main names that are spelling variants: the same number of words, each pair alike, no demonym or
    number differing ("Iraqi X" is not "Syrian X"); a place under any of its names, with or without "the"
    ("... of Tamar and the Levant", "... of Tamar and Syria")."""
    ka, kb = _folded_words(a), _folded_words(b)
    if len(ka) != len(kb) or min(len("".join(ka)), len("".join(kb))) < 8:
        return False
    differ = [(x, y) for x, y in zip(ka, kb, strict=True) if not _alike(x, y)]
    if len(ka) >= 4 and len(differ) == 1:
        # a name of four words or more with one word spelt otherwise ("al-Dorani", "al-Doruni"): one slip
        x, y = differ[0]
        return x[0] == y[0] and not x.isdigit() and not y.isdigit() and fuzz.ratio(x, y) >= 75
    return not differ and fuzz.ratio(" ".join(ka), " ".join(kb)) >= 80


def _fuller(a: str, b: str) -> bool:
    """One person's name written in full and shorter: "Aslan Byutukaev" within "Aslan Avgazarovich Byutukaev"
    (first and last name kept), "Mohammad Tahir Hammid" beginning "Mohammad Tahir Hammid Hussein" (three
    names at least)."""
    ka, kb = sorted((match_key(a).split(" "), match_key(b).split(" ")), key=len)
    if len(ka) < 2 or len(ka) == len(kb):
        return False
    if len(ka) >= 3 and kb[: len(ka)] == ka:
        return True
    if ka[0] != kb[0] or ka[-1] != kb[-1]:
        return False
    rest = iter(kb)
    return all(any(w == x for x in rest) for w in ka)


def _person_keys(name: str) -> set[str]:
    """Where a person's fuller or shorter name, or a variant of it, is found: first and last name, the first
    three names, and the first two of three."""
    words = match_key(name).split(" ")
    if len(words) < 2:
        return set()
    keys = {f"@{words[0]} {words[-1]}"}
    if len(words) >= 3:
        keys.add("^" + " ".join(words[:3]))
    if len(words) == 3:
        keys.add("&" + " ".join(words[:2]))  # a last name spelt otherwise ("Zarkovich", "Zarkhovich")
    return keys


def _shortening(key: str, src: SourceNames) -> bool:
    """A name a source gives besides its main name that is made of fewer, or more, of the main name's own
    words: a text's short form ("Al-Qaida" for "Al-Qaida in Iraq") or a branch it folded in ("Al-Qaida in
    Iraq" for "Al-Qaida"). Either names another entity elsewhere as often as this one."""
    if key in src.main_keys:
        return False
    words, main = set(key.split(" ")), set(match_key(src.name).split(" "))
    return words < main or main < words


def link(a: SourceNames, b: SourceNames) -> str | None:
    """What links two sources: the identifier or name that joins them, or None. Symmetric.

    >>> p = SourceNames("Ayman al-Zawahiri", "PERSON", frozenset({"Ayman al-Zawahiri"}))
    >>> link(p, SourceNames("Aiman al-Zawahiri", "PERSON", frozenset({"Aiman al-Zawahiri", "Zawahiri"})))
    'Aiman al-Zawahiri'
    >>> link(p, SourceNames("Ayman al-Zawahiri", "ORG", frozenset({"Ayman al-Zawahiri"}))) is None
    True
    """
    if a.part is not None and a.part == b.part or a.weak and b.weak:
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
    acronyms = a.acronyms & b.acronyms
    spelt_out = bool(acronyms) and (_same_expansion(a, b) or _acronym(a.name) or _acronym(b.name))
    for n in sorted(names_a | names_b):
        if _acronym(n):
            if spelt_out and norm(n) in acronyms:
                return n
            continue
        k = match_key(n)
        if k not in keys_a or k not in keys_b:
            continue
        if not ({norm(n), k} & (a.main_keys | b.main_keys)):
            continue  # a name neither text calls the entity by: not enough on its own
        if _shortening(k, a) or _shortening(k, b):
            continue  # "Al-Qaida" as a text's short form of "Al-Qaida in Iraq" names another group elsewhere
        return n
    if spelt_out:
        return min(acronyms)  # an acronym both spell out with one name of a place: each wrote it otherwise
    named = {n for n in names_a | names_b if _branch_of(n) in a.branches & b.branches}
    if named:
        return min(named)  # "Dovran branch of KSF" for the KSF-D that spells out Dovran: a weak source's link
    if not _acronym(a.name) and not _acronym(b.name) and _variant(a.name, b.name):
        return b.name
    if a.type == "PERSON" and not a.weak and not b.weak and _fuller(a.name, b.name):
        return b.name
    return None


def main_name(names: Iterable[tuple[str, int]], etype: str, former: Iterable[str] = ()) -> str:
    """The name most sources call the entity by, given as (main name, how many sources give it), unless a text
    says the entity was renamed from it (``former``); then a full name before an acronym, mixed case before
    capitals, a person's fullest name or a group's shortest, the first alphabetically — the same whatever order
    the sources came in. A branch named by its parent's acronym ("Dovran branch of KSF") counts as an acronym.

    >>> main_name([("Zarqa Front", 2), ("Harakat Zarqa", 1)], "ORG", former={"Zarqa Front"})
    'Harakat Zarqa'
    """
    old = {match_key(x) or norm(x) for x in former}
    votes: Counter[str] = Counter()
    spellings: dict[str, list[tuple[str, int]]] = {}
    for name, count in names:
        k = match_key(name) or norm(name)
        votes[k] += count
        spellings.setdefault(k, []).append((name, count))

    def rank(k: str) -> tuple[bool, int, int, int, int, str]:
        sample = [x for x, _n in spellings[k]]
        full = not all(_acronym(x) or _branch_of(x) is not None for x in sample)
        mixed = any(not x.isupper() for x in sample)
        words = len(k.split(" "))
        return (k in old, -votes[k], -full, -mixed, -words if etype == "PERSON" else words, k)

    best = min(votes, key=rank)
    return min(spellings[best], key=lambda xn: (xn[0].isupper(), -xn[1], _plain(xn[0]), xn[0]))[0]


def _home(store: Store, src: SourceNames, rows: list[dict[str, Any]], current: int | None) -> tuple[int | None, str]:
    """Where a weak source belongs: the one entity of strong sources it links to; linking to none or to several
    (an acronym two groups share), the group of weak sources of its type and name that hold no strong source
    (None: a new entity). Returns (entity or None, what joined it)."""
    strong: dict[int, str] = {}
    for row in rows:
        if not row["weak"] and row["entity_id"] not in strong:
            why = link(src, SourceNames.from_row(row))
            if why is not None:
                strong[row["entity_id"]] = why
    if len(strong) == 1:
        return next(iter(strong.items()))
    key = match_key(src.name) or norm(src.name)
    group = {
        row["entity_id"]
        for row in rows
        if row["weak"]
        and row["type"] == src.type
        and (match_key(row["name"]) or norm(row["name"])) == key
        and not set(json.loads(row["ids"])) ^ src.ids
    }
    if current is not None:
        group.add(current)
    group = {e for e in group if e not in strong and not store.has_strong_source(e)}
    if not group:
        return None, ""
    return min(group), src.name


def resolve_entities(store: Store, doc_id: int, entities: list[Entity]) -> list[tuple[int, str]]:
    """The stored entity (id, key) each of a document's entities denotes, created or merged as needed;
    every entity is recorded as a source of it, with what joined it.

    A weak source (an acronym, a person's single name) never joins two entities: it goes where ``settle``
    would put it, and ``settle`` moves it when later texts change that."""
    part = object()
    written: list[int] = []  # source row ids of this extraction
    for ent in entities:
        src = SourceNames.of(ent, part)
        # this extraction's own sources are the newest: a group whose oldest is one of them holds only them
        rows = [r for r in store.sources_matching(src.lookup(), src.ids) if r["id"] not in written]
        joined_by: str | None
        if src.weak:
            home, why = _home(store, src, rows, None)
            eid = home if home is not None else store.new_entity(ent.name, ent.type)[0]
            joined_by = why or None
        else:
            linked: dict[int, str] = {}
            for row in rows:
                if row["weak"] or row["entity_id"] in linked:
                    continue
                reason = link(src, SourceNames.from_row(row))
                if reason is not None:
                    linked[row["entity_id"]] = reason
            if not linked:
                eid, _key = store.new_entity(ent.name, ent.type)
                joined_by = None
            else:
                targets = sorted(linked)
                eid = store.merge_entities(targets) if len(targets) > 1 else targets[0]
                joined_by = linked[targets[0]]
        written.append(
            store.add_source(
                eid,
                doc_id,
                src.name,
                src.type,
                sorted(src.names),
                sorted(src.apart),
                sorted(src.ids),
                sorted(src.lookup()),
                joined_by,
                src.weak,
                ent.periods,
            )
        )
        store.rename_entity(eid, main_name(store.source_names_of(eid), ent.type, store.former_names_of(eid)))
    final = store.entities_of_sources(written)
    return [final[s] for s in written]


def _elsewhere(group: dict[str, Any], source: dict[str, Any]) -> bool:
    """True when a group of alike sources holds one from another text than ``source`` (or, for an analyst's
    source, any other source)."""
    doc = source["doc_id"]
    if doc is None:
        return bool(group["n"] > 1 or group["id"] != source["id"])
    return bool(group["no_doc"] or group["min_doc"] != doc or group["max_doc"] != doc)


def settle(store: Store) -> int:
    """Put every weak source where the texts stored now place it (see ``_home``), moving its mentions and facts;
    after it, the entities are the same whatever order the texts came in. Return how many moved."""
    moved = 0
    for row in store.weak_sources():
        src = SourceNames.from_row(row)
        rows = [r for r in store.sources_matching(src.lookup(), src.ids) if _elsewhere(r, row)]
        home, why = _home(store, src, rows, row["entity_id"])
        if home == row["entity_id"]:
            continue
        old = int(row["entity_id"])
        new = store.move_source(row["id"], home, why or None)
        for eid in (old, new):
            names = store.source_names_of(eid)
            if names:
                store.rename_entity(eid, main_name(names, row["type"], store.former_names_of(eid)))
        moved += 1
    return moved
