"""Stage 3, resolve: one entity per referent within a document.

Definitions and acronyms join names; an undefined acronym joins the name whose initials it
spells; a short name ("Zarif", "Dovran") joins the one full name it ends or begins; spelling
variants join through a guarded fuzzy match. Names a text sets apart ("not to be confused with")
and names that differ by a qualifier (Iranian X / Pakistani X) never join.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from factionmap.components.mentions import acronym_letters, classify, initials, is_acronym
from factionmap.lexicon import PROVINCE_WORDS, countries, demonyms, lower_words, places
from factionmap.model import Candidate, Entity, Extraction, Mention, norm

_PROVINCE_FIRST = re.compile(rf"(?:{PROVINCE_WORDS})\s+(?:of\s+)?(\S.*)$", re.I)


class _Union:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x


def _bare_tokens(name: str) -> list[str]:
    """Name tokens without honorifics, role words and the Arabic article (al-Zarqani → zarqani)."""
    toks = [t for t in norm(name).split(" ") if t]
    drop = (lower_words("honorifics") | lower_words("roles")) - {"wali"}  # Wali is also a given name
    toks = [t for t in toks if t not in drop and t not in ("al", "el", "ad", "ash", "as")]
    return toks


_COMPASS_WORD = re.compile(r"^(?:north|south|east|west|central|upper|lower|greater)")


def _fuzzy_same(a: str, b: str) -> bool:
    """Spelling variants of one name: same token count, every differing token close, no qualifier."""
    ta, tb = norm(a).split(" "), norm(b).split(" ")
    if len(ta) != len(tb) or len(norm(a)) < 8:
        return False
    diff = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if not diff or len(diff) > 2:
        return False
    for x, y in diff:
        if x in demonyms() or y in demonyms() or x[0] != y[0]:
            return False
        if _COMPASS_WORD.match(x) or _COMPASS_WORD.match(y):
            return False  # "northern" and "northeastern Kenya" are two regions, not one spelling
        close = SequenceMatcher(None, x, y)  # the quick ratios bound the ratio from above: cheap refusals first
        if close.real_quick_ratio() < 0.72 or close.quick_ratio() < 0.72 or close.ratio() < 0.72:
            return False
    whole = SequenceMatcher(None, norm(a), norm(b))
    return whole.real_quick_ratio() >= 0.85 and whole.quick_ratio() >= 0.85 and whole.ratio() >= 0.85


def _misspelt_group(a: str, b: str, types: set[str]) -> bool:
    """ "Khliafat Afghan" for "Khilafat Afghan": a group word misspelt makes the name look like a person's."""
    if types != {"ORG", "PERSON"}:
        return False
    orgwords = lower_words("orgwords")
    ta, tb = norm(a).split(" "), norm(b).split(" ")
    return len(ta) == len(tb) and any(
        x != y and (x in orgwords) != (y in orgwords) for x, y in zip(ta, tb, strict=True)
    )


def resolve(ext: Extraction) -> Extraction:
    """Group the mention candidates into entities and point every mention at its entity."""
    cands: list[Candidate] = list(ext.candidates)
    text = ext.text
    uf = _Union()
    names: list[str] = []  # surface form of each node (original typography)
    types: list[set[str]] = []
    by_norm: dict[str, int] = {}
    node_of: list[int] = []  # candidate index → node
    extra: list[tuple[int, int, str, int]] = []  # definition spans → node

    def node(surface: str, etype: str) -> int:
        # a name reads with plain spaces: a no-break space (an HTML page's &nbsp;), a thin space or a line end
        # inside it is one space (the evidence keeps the text's own characters)
        surface = re.sub(r"\s+", " ", surface)
        key = norm(surface)
        if key in by_norm:
            n = by_norm[key]
            if names[n].isupper() and not surface.isupper():
                names[n] = surface  # a headline's capitals give way to the name as the text writes it
            if etype != "UNK":
                types[n].add(etype)
            return n
        n = uf.add()
        names.append(surface)
        types.append({etype} if etype != "UNK" else set())
        by_norm[key] = n
        return n

    for c in cands:
        n = node(c.canonical or text[c.start : c.end], c.type)
        node_of.append(n)
        for a, b, _alias in c.defines:
            # a translation that holds a group word names a group, whatever the name it translates looks like
            grouped = not is_acronym(text[a:b]) and classify(text[a:b]) == "ORG"
            d = node(text[a:b], "ORG" if grouped or c.type == "UNK" else c.type)
            if c.type == "UNK":
                types[n].add("ORG")
            extra.append((a, b, text[a:b], d))
            if not _apart(ext, text[c.start : c.end], text[a:b]):
                _join(uf, n, d)

    # "It is also known as X" → the group the text was speaking of
    for k, c in enumerate(cands):
        if c.topic_alias:
            prev = [
                j
                for j in range(k)
                if cands[j].type == "ORG" and c.start - cands[j].end < 400 and node_of[j] != node_of[k]
            ]
            if prev:
                types[node_of[k]].add("ORG")
                _join(uf, node_of[k], node_of[prev[0]])

    # undefined acronyms → the name whose initials they spell (one candidate only)
    by_initials: dict[str, list[int]] = {}
    for j in range(len(names)):
        if not is_acronym(names[j]) and "PERSON" not in types[j]:
            for ini in initials(names[j]):
                by_initials.setdefault(ini, []).append(j)
    for i, name in enumerate(names):
        if not is_acronym(name) or _has_expansion(uf, names, i):
            continue
        letters = acronym_letters(name)
        hits = {uf.find(j) for j in by_initials.get(letters, ()) if len(letters) >= 2}
        if len(hits) == 1:
            _join(uf, i, hits.pop())

    # "the Abu Tarik group" → the group already named "Abu Tarik" (never a person of that name)
    for i, name in enumerate(names):
        if name.endswith(" group"):
            base = by_norm.get(norm(name[:-6]))
            if base is not None and "ORG" in types[base]:
                _join(uf, i, base)

    # "Dovran Province" → "Islamic Caliphate – Dovran Province": the tail after a dash of a group's name
    for i, name in enumerate(names):
        if "ORG" in types[i] and "–" in name:
            tail = by_norm.get(norm(name.split("–")[-1]))
            if tail is not None and "ORG" in types[tail] and uf.find(tail) != uf.find(i):
                _join(uf, i, tail)

    # "Wilayat Dovran" → "Islamic Caliphate – Dovran Province" (or "Dovran Province", a group): the same name
    # with "province" said in Arabic or Persian
    province_of = {norm(n.split("–")[-1]): j for j, n in enumerate(names) if "ORG" in types[j] and "–" in n}
    for i, name in enumerate(names):
        m = _PROVINCE_FIRST.match(name)
        if m and "PERSON" not in types[i]:
            key = norm(f"{m.group(1)} Province")
            same = by_norm.get(key)
            same = same if same is not None and "ORG" in types[same] else province_of.get(key)
            if same is not None and uf.find(same) != uf.find(i):
                _join(uf, i, same)

    bare = [_bare_tokens(n) for n in names]
    # "Mullah Abdul Zarif" → "Abdul Zarif Hotak": a person's name that begins another person's full name
    people_by_first: dict[str, list[int]] = {}
    for j in range(len(names)):
        if "PERSON" in types[j] and "ORG" not in types[j] and bare[j]:
            people_by_first.setdefault(bare[j][0], []).append(j)
    for group in people_by_first.values():
        for i in group:
            if len(bare[i]) < 2:
                continue
            longer = {
                uf.find(j)
                for j in group
                if j != i
                and len(bare[j]) >= len(bare[i])
                and bare[j][: len(bare[i])] == bare[i]
                and uf.find(j) != uf.find(i)
            }
            if len(longer) == 1:
                _join(uf, i, longer.pop())

    # short names → the one full name they end (people) or begin (places: "X Province")
    person_tail: dict[tuple[str, ...], set[int]] = {}
    person_token: dict[str, set[int]] = {}
    place_head: dict[tuple[str, ...], set[int]] = {}
    placewords = lower_words("placewords")
    orgwords = lower_words("orgwords")
    for j, toks in enumerate(bare):
        if len(toks) < 2 and not (toks and "PERSON" in types[j] and len(names[j].split()) > 1):
            continue  # a one-word name, unless a title makes it a person's full name ("Mullah Tamer")
        if "PERSON" in types[j] and not any(t in orgwords for t in toks):
            # (a name holding a group word, "the Zarqa Group in the Land of X", is no person's full name)
            for k in (1, 2):
                if len(toks) > k:
                    person_tail.setdefault(tuple(toks[-k:]), set()).add(j)
            for t in toks:
                person_token.setdefault(t, set()).add(j)
        if "PLACE" in types[j] and toks[-1] in placewords:
            for k in (1, 2):
                if len(toks) > k:
                    place_head.setdefault(tuple(toks[:k]), set()).add(j)
    for i, name in enumerate(names):
        toks = bare[i]
        if not toks or len(toks) > 2 or is_acronym(name):
            continue
        cand_people = set(person_tail.get(tuple(toks), set()))
        if len(toks) == 1:
            cand_people |= person_token.get(toks[0], set())
        people = {
            uf.find(j)
            for j in cand_people
            if j != i and (len(bare[j]) > len(toks) or len(names[j].split()) > len(names[i].split()))
        }
        places_ = {uf.find(j) for j in place_head.get(tuple(toks), set()) if j != i and len(bare[j]) > len(toks)}
        if "ORG" in types[i] and not people:
            continue
        if "PLACE" in types[i] and norm(name) in places():
            people = set()  # "Syria" never shortens a person's name, whatever a name ends with
        if (
            people
            and "ORG" in types[i]
            and any(is_acronym(names[k]) for k in range(len(names)) if uf.find(k) == uf.find(i))
        ):
            continue  # "Ghulam (HZG)" names a group: its leader "Ghulam Zarifi" stays a person
        if len(people) == 1 and not places_:
            _join(uf, i, people.pop())
        elif len(places_) == 1 and not people and norm(name) not in countries():
            _join(uf, i, places_.pop())  # "Kunar" is "Kunar Province"; a country is never short for a longer place

    # spelling variants: compare only names of the same length in tokens and the same initial
    buckets: dict[tuple[int, str], list[int]] = {}
    for i, name in enumerate(names):
        key = norm(name)
        if len(key) >= 8:
            buckets.setdefault((key.count(" "), key[0]), []).append(i)
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if uf.find(i) == uf.find(j):
                    continue
                if (
                    types[i]
                    and types[j]
                    and not types[i] & types[j]
                    and not _misspelt_group(names[i], names[j], types[i] | types[j])
                ):
                    continue
                if abs(len(names[i]) - len(names[j])) > 4:
                    continue
                if _fuzzy_same(names[i], names[j]) and not _apart(ext, names[i], names[j]):
                    _join(uf, i, j)

    # a one-letter slip in a single-word group name ("Talban" for "Taliban"): never a plural, never short
    words: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        key = norm(name)
        if " " not in key and len(key) >= 6 and not types[i] & {"PERSON", "PLACE"}:
            words.setdefault(key[:2], []).append(i)
    for members in words.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                short, long = sorted((norm(names[i]), norm(names[j])), key=len)
                if (
                    uf.find(i) == uf.find(j)
                    or len(long) - len(short) != 1
                    or long[:-1] == short
                    or long[-1] != short[-1]
                ):
                    continue
                if (
                    "ORG" in types[i] | types[j]
                    and any(long[:k] + long[k + 1 :] == short for k in range(1, len(long) - 1))
                    and not _apart(ext, short, long)
                ):
                    _join(uf, i, j)

    # build entities from the groups
    groups: dict[int, list[int]] = {}
    for i in range(len(names)):
        groups.setdefault(uf.find(i), []).append(i)
    entity_of: dict[int, int] = {}
    hints_of: dict[int, dict[str, int]] = {}
    for c, n in zip(cands, node_of, strict=True):
        if c.hint:
            hints_of.setdefault(n, {})[c.hint] = hints_of.get(n, {}).get(c.hint, 0) + 1
    for root, members in sorted(groups.items(), key=lambda kv: min(kv[1])):
        kinds: dict[str, int] = {}
        for i in members:
            for t in types[i]:
                kinds[t] = kinds.get(t, 0) + 1
        etype = max(sorted(kinds), key=lambda t: kinds[t]) if kinds else _hinted(hints_of, members)
        if etype is None:
            continue
        full = [names[i] for i in members if not is_acronym(names[i])]
        if not full:
            canonical = names[members[0]]
        elif etype == "PERSON":
            canonical = max(full, key=lambda s: (len(s.split()), len(s), not s.isupper()))  # not a headline's capitals
        else:
            canonical = full[0]  # the name the text introduces first, not its translation
        ent = Entity(canonical, etype, {names[i] for i in members} - {canonical})
        entity_of[root] = len(ext.entities)
        ext.entities.append(ent)
    for c, n in zip(cands, node_of, strict=True):
        e = entity_of.get(uf.find(n), -1)
        for a, b, when, date in c.renamed if e >= 0 else ():
            before, after = (
                (text[a:b], text[c.start : c.end]) if when == "former" else (text[c.start : c.end], text[a:b])
            )
            _period(ext.entities[e], before, "former", None, date)
            _period(ext.entities[e], after, "current", date, None)
    for ent in ext.entities:
        _current_name(ent)
    for one, other in ext.distinctions:
        ea, eb = (
            entity_of.get(uf.find(by_norm[norm(text[one.start : one.end])])),
            entity_of.get(uf.find(by_norm[norm(text[other.start : other.end])])),
        )
        if ea is not None and eb is not None and ea != eb:
            ext.entities[ea].distinct.add(ext.entities[eb].name)
            ext.entities[eb].distinct.add(ext.entities[ea].name)

    ext.mentions = []
    for c, n in zip(cands, node_of, strict=True):
        e = entity_of.get(uf.find(n), -1)
        if e >= 0 and c.canonical:
            # "Kenya's security forces" resolved as "Kenya's forces": the text's own words stay one of its names
            surface = re.sub(r"\s+", " ", text[c.start : c.end])
            if norm(surface) != norm(ext.entities[e].name) and "(" not in surface:  # not a name cut by a gloss
                ext.entities[e].aliases.add(surface)
        if e >= 0:
            ext.mentions.append(
                Mention(
                    c.start,
                    c.end,
                    text[c.start : c.end],
                    ext.entities[e].type,
                    e,
                    head="adjective" if c.in_adjective else c.role or "",
                )
            )
    for a, b, surface, n in extra:
        e = entity_of.get(uf.find(n), -1)
        if e >= 0:
            ext.mentions.append(Mention(a, b, surface, ext.entities[e].type, e, head="alias"))
    ext.mentions.sort(key=lambda m: (m.start, -m.end))
    return ext


def _period(ent: Entity, name: str, status: str, since: str | None, until: str | None) -> None:
    """Record a name's period on an entity: a name once said to be former stays former; dates add up."""
    if name != ent.name and name not in ent.aliases:
        return
    old = ent.periods.get(name)
    if old is not None:
        status = "former" if "former" in (status, old[0]) else status
        since, until = since or old[1], until or old[2]
    ent.periods[name] = (status, since, until)


def _current_name(ent: Entity) -> None:
    """A group the text says was renamed goes by its latest name; the older ones stay as aliases.

    >>> e = Entity("Salt Council", "ORG", {"Iron Council"})
    >>> e.periods = {"Salt Council": ("former", None, "2019"), "Iron Council": ("current", "2019", None)}
    >>> _current_name(e); e.name, sorted(e.aliases)
    ('Iron Council', ['Salt Council'])
    """
    if ent.periods.get(ent.name, ("",))[0] != "former":
        return
    current = [
        (since or "", name)
        for name, (status, since, _until) in ent.periods.items()
        if status == "current" and name in ent.aliases and not is_acronym(name)
    ]
    if current:
        name = max(current)[1]
        ent.aliases = (ent.aliases - {name}) | {ent.name}
        ent.name = name


def _hinted(hints_of: dict[int, dict[str, int]], members: list[int]) -> str | None:
    """The type the contexts of a name group's mentions hint at most ("the X", "in X"), if any."""
    hints: dict[str, int] = {}
    for n in members:
        for hint, k in hints_of.get(n, {}).items():
            hints[hint] = hints.get(hint, 0) + k
    if not hints:
        return None
    return max(sorted(hints), key=lambda h: hints[h])


def _has_expansion(uf: _Union, names: list[str], i: int) -> bool:
    root = uf.find(i)
    return any(uf.find(j) == root and not is_acronym(names[j]) for j in range(len(names)))


def _join(uf: _Union, a: int, b: int) -> None:
    ra, rb = uf.find(a), uf.find(b)
    if ra != rb:
        uf.parent[max(ra, rb)] = min(ra, rb)


def _apart(ext: Extraction, a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    for x, y in ext.distinctions:
        pair = {norm(ext.text[x.start : x.end]), norm(ext.text[y.start : y.end])}
        if pair == {na, nb}:
            return True
    return False
