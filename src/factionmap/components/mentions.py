"""Stage 2, mentions: names of organisations, people and places, learned from the text itself.

Capitalised spans (with the particles of Arabic, Persian and Urdu names: al-, ul-, e-, bin, ibn),
typed by organisation words, honorifics and role titles, place names (pycountry) and place words;
acronyms; possessive groups ("Sadiq Noor's group"). Definitions ("Name ('Translation', ACR)",
"a.k.a.", "also known as", "better known as", "formerly") and "not to be confused with" are
recorded on the mentions for the resolve stage.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache, lru_cache

from factionmap.components.timex import MONTH_NAMES, parse_base
from factionmap.lexicon import (
    COMPASS,
    STATE_ORGANS,
    countries,
    demonym_countries,
    demonyms,
    lower_words,
    near_place,
    places,
)
from factionmap.model import Candidate, Extraction, Mention

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Za-z\u00C0-\u024F0-9][\w\u00C0-\u024F]*(?:'(?!s\b)[\w\u00C0-\u024F]+)*"
    r"(?:-(?:'(?=[A-Z\u00C0-\u00DE]))?[\w\u00C0-\u024F]+(?:'(?!s\b)[\w\u00C0-\u024F]+)*)*|'s\b|[^\s\w]"
)
_PREFIXED = re.compile(r"^(?:wa-)?(?:al|el|ad|ash|as|at|an|ar|az|ul|ur|adh|ath|az|wal|wa)-'?[A-Z\u00C0-\u00DE]")
# an Arabic article or particle in a name, in any case and with or without its hyphen ("Al-Zarid", "el Vashti")
_ARTICLE_WORD = re.compile(r"^(?:al|el|ad|ash|as|at|an|ar|az|ul|ur|bin|ibn|bint)(?:-'?[A-Z\u00C0-\u00DE]|$)", re.I)
# a generational suffix after a person's name ("III", "Jr.")
_GENERATION = re.compile(r"^(?:II|III|IV|Jr\.?|Sr\.?)$")
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,5}(?:-[A-Z0-9]{1,3})?$")
_PARTICLES = {
    "of",
    "al",
    "el",
    "ul",
    "e",
    "i",
    "wa",
    "bin",
    "ibn",
    "bint",
    "de",
    "del",
    "da",
    "du",
    "la",
    "le",
    "van",
    "von",
    "y",
    "ud",
    "ur",
    "ben",
    "ag",
    "ould",
    "-",
}
_QUALIFIER = re.compile(
    r"^(?:[A-Z]|(?:al|el|ad|as|ash|at|an|ar)-[A-Z])[\w'-]*-(?:backed|sponsored|supported|funded|"
    r"financed|trained|armed|led|based|"
    r"affiliated|aligned|linked|allied|controlled|dominated|inspired|majority|populated|held|related|"
    r"associated|administered|owned|run|oriented|connected)$"
)
_SPLIT_ROLES = {
    "emir",
    "amir",
    "commander",
    "leader",
    "spokesman",
    "spokesperson",
    "chief",
    "founder",
    "wali",
    "deputy",
}
_IN_NAMES = {"qaeda", "qaida", "state"}
_VESSEL_PREFIXES = {"USS", "HMS", "HMAS", "HMCS", "INS", "MV", "RFA", "ARA", "FS"}
_GROUP_NOUNS = {
    "group",
    "faction",
    "network",
    "men",
    "fighters",
    "followers",
    "militia",
    "splinter",
    "branch",
    "wing",
    "outfit",
    "organization",
    "organisation",
    "movement",
    "forces",
    "loyalists",
    "unit",
    "office",
}
_COMPASS = re.compile(rf"^(?:{COMPASS})[ -]")
_NAME_POSSESSIVES = {
    "people",
    "peoples",
    "workers",
    "women",
    "martyrs",
    "farmers",
    "students",
    "mothers",
    "soldiers",
    "citizens",
    "nations",
}
_DESCRIBED = {
    "factions",
    "groups",
    "militants",
    "fighters",
    "tribes",
    "tribesmen",
    "communities",
    "refugees",
    "volunteers",
    "nationals",
    "jihadists",
    "insurgents",
    "migrants",
    "civilians",
    "muslims",
}
_MEMBERS_NOUNS = lower_words("people") | {"forces"}
_ABSTRACT = re.compile(r"[a-z](?:tion|sion|ment|ity|ance|ence|ism|ure|ogy|ics|ing)$")  # common nouns, not names
_NUMBER_WORD = re.compile(
    r"(?i)^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|hundreds|thousand|thousands|dozens?|several|scores?)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?$"
)
_CALENDAR = {*MONTH_NAMES, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PERSON_PARTS = {"bin", "ibn", "abu", "abd", "abdul", "abdal", "abdel", "umm", "bint", "ben", "ag", "ould"}
_LOWER_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint"})  # may open a name written in lower case
# the English nouns that end a group's name ("the Zarqa Front"), after which a person's name may follow
_GROUP_HEADS = frozenset({"front", "group", "army", "brigade", "brigades", "movement", "organization", "organisation"})
_NAME_WORDS = frozenset(_PARTICLES | _PERSON_PARTS | {"the", "and", "in", "for"})  # never acronyms in capitals


def is_cap(tok: str) -> bool:
    """A token that can be part of a name: capitalised, or an Arabic article before a capital."""
    return bool(tok) and (tok[0].isupper() or ("-" in tok and bool(_PREFIXED.match(tok))))


def is_acronym(text: str) -> bool:
    """KLF, LeZ, KF-K, ZuA: two or more capitals in a short word."""
    return bool(_ACRONYM.match(text)) and len(text) <= 9


_SKIP_INITIAL = {"of", "the", "and", "in", "for", "al", "el", "e", "i", "ul", "wa", "ad", "ash", "-"}


@lru_cache(maxsize=65536)
def initials(name: str) -> frozenset[str]:
    """Acronyms a name can have: with and without its particles (Lashkar-e-Taiba → LT, LET).

    >>> sorted(initials("Tehrik-e-Zarin Pakistan"))
    ['TEZP', 'TZP']
    """
    parts = [p for p in re.split(r"[\s\-]+", name) if p]
    full = "".join(p[0] for p in parts if p[0].isalpha()).upper()
    bare = "".join(p[0] for p in parts if p.lower() not in _SKIP_INITIAL and p[0].isalpha()).upper()
    return frozenset((full, bare))


def acronym_letters(acr: str) -> str:
    """The letters an acronym spells, upper-cased, without hyphens (KF-K → KFK)."""
    return re.sub(r"[^A-Za-z]", "", acr).upper()


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text) if w]


@lru_cache(maxsize=8192)
def classify(text: str) -> str | None:
    """The type a name's own words give it: ORG, PERSON, PLACE, UNK (undecided) or None (not a name).

    >>> classify("Tehrik-e Zarin Pakistan"), classify("Mullah Abdul Vashti"), classify("Dovran Province")
    ('ORG', 'PERSON', 'PLACE')
    """
    words = _words(text)
    if not words:
        return None
    if len(words) > 1 and all(w.isupper() for w in words if any(c.isalpha() for c in w)) and not is_acronym(text):
        # a headline or list name in capitals ("TAMER NIZAR EL ZARID"): its words read as written in a text, not
        # as acronyms
        kept = [w if is_acronym(w) and len(w) <= 3 and w.lower() not in _NAME_WORDS else w.title() for w in words]
        if kept == words:
            return "ORG"  # "ETA PM": acronyms only
        read = classify(" ".join(kept))
        if read == "UNK" and len(words) <= 7 and all(re.fullmatch(r"[A-Z][A-Z'’-]+", w) for w in words):
            return "PERSON"  # "TAMER RAFIQ HAMAD RAFIQ DORANI": a listed person's names, no group word
        return read
    low = [w.lower() for w in words]
    parts = [p for w in low for p in w.split("-")]
    orgwords = lower_words("orgwords")
    stop = _not_names()
    if len(words) == 1 and words[0].isupper() and low[0] in places():
        return "PLACE"  # "US", "UK": an abbreviation, not the pronoun
    if all(w in stop or w in _PARTICLES or w.rstrip("s") in stop for w in low):
        return None
    head = low[:-1] if len(low) > 1 and re.fullmatch(r"[ivx]{1,4}|\d{1,2}", low[-1]) else low  # "World War II"
    if (
        head[-1] in lower_words("eventwords") or (len(head) > 1 and " ".join(head[-2:]) in lower_words("eventwords"))
    ) and not ("of" in low and any(w in orgwords for w in low[: low.index("of")])):
        return None  # "the Dovran War", not "the Army of the Revolution": a group named after an event
    if low[0] in lower_words("honorifics"):
        return "PERSON"
    name = " ".join(low)
    if len(words) == 1 and "-" in low[0] and all(p in countries() for p in low[0].split("-")):
        return "PLACE"  # "the Bangladesh-Myanmar border": a frontier, not an actor
    if name in places() or (_COMPASS.match(name) and name.split(" ", 1)[-1].split("-")[-1] in places()):
        return "PLACE"
    if re.match(r"^(?:south|north|east|west|central|southeast|southwest|northeast|northwest)[ -]", name):
        rest = re.split(r"[ -]", name)[-1]
        if rest in {"asia", "africa", "europe", "america"}:
            return "PLACE"
    if len(words) > 1 and low[-1] in ("state", "region", "division", "territory") and " ".join(low[:-1]) in places():
        return "PLACE"
    org_hits = [p for p in parts if p in orgwords]
    if len(low) > 2 and " ".join(low[-2:]) in orgwords:
        return "ORG"  # "the Hawar Kilis Operations Room": a group word of two words
    if (
        "of" in low
        and low.index("of") > 1
        and low[low.index("of") - 1] in lower_words("placewords")
        and " ".join(low[low.index("of") + 1 :]) in places()
    ):
        return "PLACE"  # "Al-Qusayr District of Syria", "Dovran Province of Kenya"
    if low[-1] in lower_words("placewords") and len(words) > 1:
        if not [p for p in org_hits if p not in ("province", "agency", "region", "district")]:
            return "PLACE"
    if org_hits:
        return "ORG"
    if len(words) == 1:
        if is_acronym(words[0]) or (is_acronym(words[0].split("-")[0]) and "-" in words[0]):
            return "ORG"  # "KLF", "KLF-Central"
        if near_place(words[0]):
            return "PLACE"  # a spelling variant of a known place: "Baluchistan"
        return "UNK"
    if any(p in _PERSON_PARTS for p in parts):
        return "PERSON"
    if len(words) > 1 and _COMPASS.match(name + " ") and not org_hits:
        return "PLACE"  # "North Tarvistan", "South Dovran": a compass word heads a place name
    if any(is_acronym(w) for w in words[:2]):
        return "ORG"  # "KLF Central", "KF Dovran": a group's acronym heads the name, people have none
    if any(re.fullmatch(r"[A-Z][a-z]+-(?:i|e|ye|o)", w) for w in words[:-1]):
        return "PLACE"  # Persian ezafe compounds of place names: "Dasht-i Marwan", "Koh-e Zarin"
    given = words[:-1] if len(words) > 2 and _GENERATION.match(words[-1]) else words  # "Kamal Del Dorado III"
    if len(given) <= 4 and all(is_cap(w) or w.lower() in _PARTICLES for w in given):
        return "PERSON"
    if (
        len([w for w in words if not w.islower()]) <= 7  # the particles written apart not counted
        and len(words) <= 10
        and any(_ARTICLE_WORD.match(w) for w in words[1:])
        and all(is_cap(w) or w.lower() in _PARTICLES for w in words)
    ):
        # "Kamal Idris Kamal Ali Al-Zarid al-Dorani", "Tamer Nizar el Zarid Vashti": a long chain of names
        # holding an Arabic article
        return "PERSON"
    return "UNK"


@cache
def _not_names() -> frozenset[str]:
    return lower_words("stopcaps") | lower_words("notnames") | demonyms()


def _lowercase_words(text: str) -> Counter[str]:
    """How often each lower-case word occurs in ``text``."""
    return Counter(m.group() for m in re.finditer(r"\b[a-z][a-z]+\b", text))


# a capitalised word inside a sentence (after a lower-case word or a comma), and the capitalised word after it
_CAP_WORD = r"[A-Z\u00C0-\u00DE][\w\u00C0-\u024F]*(?:-[\w\u00C0-\u024F]+)*"  # a capitalised word, hyphened parts too
_INSIDE_CAPS = re.compile(rf"(?<=[a-z,;] )({_CAP_WORD})(?: ({_CAP_WORD}))?")


def written_as_names(text: str, lower: Counter[str] | None = None) -> frozenset[str]:
    """The words and pairs of words a text writes as names inside its sentences: a capitalised word found there
    more often than in lower case ("Hamas", though "the word 'hamas'" occurs), and two capitalised words side by
    side ("Human Rights", though "human" is common). A sentence that opens with one still opens with a name.
    ``lower`` is the text's lower-case word counts, when the caller has them (:func:`_lowercase_words`).

    >>> sorted(written_as_names("Zarqa met Human Rights staff, and Zarqa, not the zarqa, said so; Zarqa left."))
    ['Human', 'Human Rights', 'Zarqa']
    """
    lower = _lowercase_words(text) if lower is None else lower
    inside: Counter[str] = Counter()
    pairs: set[str] = set()
    for m in _INSIDE_CAPS.finditer(text):
        inside[m.group(1)] += 1
        if m.group(2):
            pairs.add(f"{m.group(1)} {m.group(2)}")
    return frozenset(pairs | {w for w, n in inside.items() if n > lower[w.lower()]})


_ALONE_CAPS = re.compile(rf"(?<=[a-z,;] )(?<! of )({_CAP_WORD})")


def written_alone(text: str, lower: Counter[str] | None = None) -> frozenset[str]:
    """The words a text writes as names inside its sentences other than right after "of": "Justice" in "the
    Department of Justice" is a department's name, "Hamas" in "Hamas said" a group's.

    >>> sorted(written_alone("They met officials of Justice, and Hamas said so; Hamas left."))
    ['Hamas']
    """
    lower = _lowercase_words(text) if lower is None else lower
    inside = Counter(m.group(1) for m in _ALONE_CAPS.finditer(text))
    return frozenset(w for w, n in inside.items() if n > lower[w.lower()])


def _drop_first(tok: str, vocab: frozenset[str], alone: bool = True) -> bool:
    """True when a sentence's first word is a common word, not the start of a name: "Reportedly", "Founded".
    A word in -ed is one only when no capitalised word follows it: "Armed Islamic Group", "United States" and
    "Mohammed Omar" keep theirs."""
    low = tok.lower()
    if low in _PERSON_PARTS or low in _LOWER_PARTICLES or low in lower_words("honorifics"):
        return False  # "Abu Tarik (ATG) is …" even where the text also glosses "abu" in lower case
    if low in lower_words("stopcaps"):
        return True
    if low in vocab and low not in lower_words("orgwords"):
        return True
    shaped = re.fullmatch(r"[A-Z][a-z]+(?:ly|ing)", tok) or (alone and re.fullmatch(r"[A-Z][a-z]+ed", tok))
    return bool(shaped) and low not in lower_words("orgwords")


# bodies whose names go on with "on" and their subject: "the Commission on Human Rights", "the Council on Foreign
# Relations", "the Conference on Disarmament"
_BODIES_ON = frozenset(
    {
        "commission",
        "committee",
        "council",
        "conference",
        "court",
        "tribunal",
        "panel",
        "board",
        "institute",
        "center",
        "centre",
        "forum",
        "group",
        "office",
    }
)
_CONNECTORS = _PARTICLES | {"the", "and", "in", "for", "on", "abu", "umm"}  # "Ataullah abu Ammar": a kunya in a name


def scan_sentence(
    text: str,
    start: int,
    end: int,
    vocab: frozenset[str],
    named: frozenset[str] = frozenset(),
    alone: frozenset[str] | None = None,
) -> list[Candidate]:
    """Find the name candidates of one sentence ``text[start:end]``; ``named`` holds the words and pairs the text
    writes as names inside its sentences (:func:`written_as_names`), ``alone`` those it writes so other than
    after "of" (:func:`written_alone`; ``named`` when not given)."""
    alone = named if alone is None else alone
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    # read once (is_cap, inlined: this is the hot loop): the scan below asks about each token several times
    caps = [w[0].isupper() or ("-" in w and _PREFIXED.match(w) is not None) for _a, _b, w in toks]
    orgwords = lower_words("orgwords")
    out: list[Candidate] = []
    i = 0
    n = len(toks)
    while i < n:
        if not caps[i] and not (
            toks[i][2] in _LOWER_PARTICLES and i + 1 < n and caps[i + 1] and toks[i + 1][0] - toks[i][1] == 1
        ):
            i += 1
            continue  # a name starts with a capital, or with a particle before one ("bin Laden", "al Qaeda")
        j = i
        saw_of = False
        while j + 1 < n:
            nxt = toks[j + 1][2]
            if nxt.lower() in _SPLIT_ROLES and not (
                nxt.lower() == "wali" and toks[j][2].lower() in lower_words("honorifics")
            ):
                break  # "TTP Emir Mullah X" is a group, a role and a person; "Qari Wali Zarif" is a name
            if _role_between(toks, caps, i, j + 1):
                break  # "Hamas President X", "PLO Chairman Y": a group, a role, then a person
            if (
                caps[j + 1]
                and toks[j][2].lower() in _GROUP_HEADS
                and nxt.lower() in _PERSON_PARTS
                and j + 2 < n
                and caps[j + 2]
            ):
                break  # "the Zarqa Front Abu Tamer al-Dorani": a group's name, then a person's
            if caps[j + 1] and toks[j + 1][0] - toks[j][1] <= 1 and nxt not in ("I",):
                j += 1
                continue
            if (
                nxt == "."
                and len(toks[j][2]) == 1
                and toks[j][2].isupper()
                and toks[j + 1][0] == toks[j][1]
                and j + 2 < n
                and caps[j + 2]
                and toks[j + 2][0] - toks[j + 1][1] == 1
            ):
                j += 2  # a middle initial: "Enaam M. Arnaout", "George W. Bush"
                continue
            if nxt in ("'s", "'") and toks[j][2].lower() in _NAME_POSSESSIVES and j + 2 < n and caps[j + 2]:
                j += 2  # "People's Revolutionary Army", "Workers' Party": the possessive belongs to the name
                continue
            # connectors: up to two lower-case particles, then a capital
            k = j + 1
            conn: list[str] = []
            while k < n and len(conn) < 2 and toks[k][2].lower() in _CONNECTORS and not caps[k]:
                conn.append(toks[k][2].lower())
                k += 1
            if k == j + 1 and nxt == "-" and j + 2 < n and caps[j + 2]:
                # spaced dash: "Islamic State - Khorasan Province"
                m = j + 2
                while m + 1 < n and caps[m + 1]:
                    m += 1
                if toks[m][2].lower() == "province":
                    j = m
                    continue
                break
            if not conn or k >= n or not caps[k]:
                break
            left_last = toks[j][2].lower().split("-")[-1]
            if conn[0] == "and":
                m = k
                while m + 1 < n and caps[m + 1] and toks[m + 1][0] - toks[m][1] <= 1:
                    m += 1
                p = j
                while p > i and caps[p - 1] and toks[p][0] - toks[p - 1][1] <= 1:
                    p -= 1
                if text[toks[p][0] : toks[m][1]].lower() in places():
                    j = m  # "Bosnia and Herzegovina", "Trinidad and Tobago": one country
                    continue
                right = toks[k][2].lower()
                right_end = k + 1 < n and caps[k + 1]
                if (
                    j == i
                    and len(conn) == 1
                    and (toks[i][2].lower() in vocab or _ABSTRACT.search(toks[i][2]))
                    and _ends_in_orgword(toks, k)
                ):
                    pass  # "the Immigration and Population Department": common words joined under one name
                elif not saw_of or right in orgwords or is_acronym(toks[k][2]) or right_end:
                    break
            elif conn[0] == "in":
                # "al-Zarqa in the Northern Peninsula" is a name; "the X Front in Syria" is a group in a place
                if left_last not in _IN_NAMES:
                    break
            elif conn[0] == "for":
                if left_last not in orgwords:
                    break
            elif conn[0] == "on":
                # "the Commission on Human Rights" is one name; "the Security Council on Syria" and "the Council on
                # Monday" are a body and what or when it met on
                right = text[toks[k][0] : toks[k][1]].lower()
                if left_last not in _BODIES_ON or right in _CALENDAR or right in places():
                    break
                m = k
                while m + 1 < n and caps[m + 1] and toks[m + 1][0] - toks[m][1] <= 1:
                    m += 1
                if m + 1 < n and toks[m + 1][2] in ("'s", "'"):
                    break  # "the Farouq Mosque on Brooklyn's Atlantic Avenue": where it stands
                if (
                    text[toks[k][0] : toks[m][1]].lower() in places()
                    or classify(text[toks[i][0] : toks[m][1]]) != "ORG"
                ):
                    break  # (and "the Commission on Terrorist Attacks" would read as an event: the body alone)
            elif conn[0] == "the":
                break
            elif conn[0] == "of" and toks[j][2].lower() in lower_words("roles"):
                break
            elif conn[0] == "of" and not saw_of and _person_of_group(toks, i, j, k):
                break  # "Kestrel of the Northern Shield Alliance": a person, then his group
            elif conn[0] == "of" and not saw_of and _unit_of_group(toks, i, j, k, conn, alone):
                break  # "the Southern Front of the Vale Army": a group's part, then the group
            if conn[0] in ("of", "in", "for"):
                saw_of = True
            j = k
        if j > i and j + 2 < n and toks[j + 1][2] == "," and toks[j + 2][2] in ("Jr", "Sr"):
            j += 2  # "Kamal Salvo Dorado, Jr.": the suffix belongs to the name, its period too
            if j + 1 < n and toks[j + 1][2] == "." and toks[j + 1][0] == toks[j][1]:
                j += 1
        span = toks[i : j + 1]
        out.extend(_make_candidates(text, span, toks, i, j, start, vocab, named))
        i = j + 1
    return out


def _role_between(toks: list[tuple[int, int, str]], caps: list[bool], i: int, k: int) -> bool:
    """True when a role title (one or two words of the roles lexicon) starts at token ``k``, after a run
    ``i..k-1`` that is not itself a title, and before a capitalised word that is not a group word."""
    roles = lower_words("roles")
    if all(t[2].lower() in roles for t in toks[i:k]) or toks[k - 1][2].lower() in lower_words("honorifics"):
        return False  # "Lieutenant General X", "Vice President Y": the title is still being read; "Qari Wali Z"
    for width in (2, 1):
        end = k + width
        if end >= len(toks) or not caps[end] or not all(caps[x] for x in range(k, end)):
            continue
        phrase = " ".join(t[2].lower() for t in toks[k:end])
        if phrase in roles and phrase not in _COURTESY and toks[end][2].lower() not in lower_words("orgwords"):
            return True
    return False


_COURTESY = {"mr", "mrs", "ms", "dr"}


def _ends_in_orgword(toks: list[tuple[int, int, str]], k: int) -> bool:
    """True when the capitalised run from ``k`` ends in an organisation word ("Population Department")."""
    m = k
    while m + 1 < len(toks) and is_cap(toks[m + 1][2]) and toks[m + 1][0] - toks[m][1] <= 1:
        m += 1
    return m > k and toks[m][2].lower() in lower_words("orgwords")


def _person_of_group(toks: list[tuple[int, int, str]], i: int, j: int, k: int) -> bool:
    """True when "A of B" joins a name with no group word to a group's name (B has one, or is an acronym)."""
    orgwords = lower_words("orgwords")
    left = [t[2].lower() for t in toks[i : j + 1]]
    if (
        any(w in orgwords or w.split("-")[-1] in orgwords for w in left)
        or classify(" ".join(t[2] for t in toks[i : j + 1])) != "PERSON"
    ):
        return False  # "Light of Truth Society" stays whole: only a person's name splits off
    right: list[str] = []
    m = k
    while m < len(toks) and (is_cap(toks[m][2]) or toks[m][2].lower() in _PARTICLES | {"'s", "'"}) and len(right) < 8:
        right.append(toks[m][2])
        m += 1
    if right and " ".join(right).lower() in places():
        return True  # "President Tamer Vashti of Kenya": a person, then his country
    return bool(right) and (is_acronym(right[0].split("-")[0]) or any(w.lower() in orgwords for w in right))


_UNITS = frozenset(
    {"department", "division", "unit", "wing", "branch", "brigade", "battalion", "bureau", "office", "section"}
    | {"directorate", "committee", "front", "command", "cell", "squad", "regiment"}
)


def _unit_of_group(
    toks: list[tuple[int, int, str]], i: int, j: int, k: int, conn: list[str], named: frozenset[str]
) -> bool:
    """True when "A of B" names a part of a group and the group: A is two words or more ending in a word for a
    unit ("Refugee Affairs Department", "Southern Front"), B a group's name (a group word, an acronym, or after a
    bare "of" a word the text writes as a name elsewhere, ``named``: not only after "of", as "Justice" is).

    >>> t = [(0, 8, "Southern"), (9, 14, "Front"), (15, 17, "of"), (18, 21, "the"), (22, 26, "Vale"), (27, 31, "Army")]
    >>> _unit_of_group(t, 0, 1, 4, ["of", "the"], frozenset())
    True
    >>> t = [(0, 6, "Office"), (7, 9, "of"), (10, 19, "Strategic"), (20, 28, "Services")]
    >>> _unit_of_group(t, 0, 0, 2, ["of"], frozenset())
    False
    """
    stop = lower_words("stopcaps")
    if sum(1 for t in toks[i : j + 1] if t[2].lower() not in stop) < 2 or toks[j][2].lower() not in _UNITS:
        return False  # "the Office of Dorn" may be one name: a unit's own name comes first
    right: list[str] = []
    m = k
    while m < len(toks) and is_cap(toks[m][2]) and len(right) < 8 and (m == k or toks[m][0] - toks[m - 1][1] <= 1):
        right.append(toks[m][2])
        m += 1
    goes_on = m + 1 < len(toks) and toks[m][2].lower() in _CONNECTORS and is_cap(toks[m + 1][2])
    if not right or goes_on:
        return False  # "… of the Communist Party of Kampuchea": where the group's name ends is not clear here
    orgwords = lower_words("orgwords")
    if any(w.lower() in orgwords for w in right) or (len(right) == 1 and is_acronym(right[0])):
        return True
    # after a bare "of", a group the text names on its own, never a place: "the Popular Front of Dovran" is one name
    return (
        conn == ["of"]
        and len(right) == 1
        and right[0] in named
        and toks[j][2].lower() != "front"
        and classify(right[0]) not in ("PLACE", None)
    )


def _make_candidates(
    text: str,
    span: list[tuple[int, int, str]],
    toks: list[tuple[int, int, str]],
    i: int,
    j: int,
    sent_start: int,
    vocab: frozenset[str],
    named: frozenset[str] = frozenset(),
) -> list[Candidate]:
    # trim leading stop words and sentence-initial common words (not those the text writes as names inside its
    # sentences: "Hamas", "Human Rights Watch"), trailing particles
    while span and (
        (span[0][2].lower() in lower_words("stopcaps") and not span[0][2].isupper())
        or (
            span[0][0] == sent_start
            and _drop_first(span[0][2], vocab, len(span) == 1)
            and not (
                span[0][2].lower() not in lower_words("stopcaps")
                and (span[0][2] in named or (len(span) > 1 and f"{span[0][2]} {span[1][2]}" in named))
            )
        )
    ):
        span = span[1:]
        i += 1
    while span and (span[-1][2].lower() in _PARTICLES | {"the", "and", "in", "for", "on"} or span[-1][2] == "-"):
        span = span[:-1]
    while len(span) > 1 and span[0][2].lower() in _CALENDAR:  # "On 26 July Montoneros guerrillas"
        span = span[1:]
        i += 1
    while span and _NUMBER_WORD.match(span[0][2]):  # "Seventy-three Gazan men", "Hundreds of …"
        span = span[1:]
        i += 1
    if len(span) == 1 and re.fullmatch(r"[A-Z]{2,}s", span[0][2]):
        return []  # "IEDs", "RPGs", "NGOs": plural abbreviations of common nouns, not names
    inside: list[Candidate] = []  # the names inside the adjectives before the name: "the Dubai-based X"
    while len(span) > 1 and _QUALIFIER.match(span[0][2]):  # "Iranian-backed X", "Uyghur-led X"
        inside += _adjective(text, span[:1])
        span = span[1:]
        i += 1
    qualified = [k for k in range(1, len(span) - 1) if _QUALIFIER.match(span[k][2])]
    if qualified:  # "Saudi Arabia-based X": the words up to the qualifier describe X
        inside += _adjective(text, span[: qualified[-1] + 1])
        i += qualified[-1] + 1
        span = span[qualified[-1] + 1 :]
    if span and _QUALIFIER.match(span[-1][2]):
        # "Kharan-affiliated terrorist P", "the Saudi Arabian-led intervention": an adjective; but the group,
        # person or place it is made of is named ("Al-Zarqa-related cells": Al-Zarqa)
        return inside + _adjective(text, span)
    if not span:
        return inside
    return inside + _named(text, span, toks, i, j, sent_start, vocab, named)


def _adjective(text: str, run: list[tuple[int, int, str]]) -> list[Candidate]:
    """The name inside an adjective ending ``run`` ("Al-Zarqa-related", "the Saudi Arabia-based"), if it is one.

    >>> run = [(4, 10, "Dovran"), (11, 26, "Province-based")]
    >>> [(c.text, c.type) for c in _adjective("the Dovran Province-based cell", run)]
    [('Dovran Province', 'PLACE')]
    """
    dash = run[-1][2].rfind("-")
    cut = run[-1][0] + dash
    adjective_of = text[run[0][0] : cut]
    etype = classify(adjective_of)
    if etype is None or adjective_of.lower() in demonyms() or adjective_of.lower() in lower_words("stopcaps"):
        return []
    where = run[-1][2][dash + 1 :].lower() in _PLACE_QUALIFIERS
    return [Candidate(run[0][0], cut, adjective_of, etype, hint="PLACE" if where else "ORG", in_adjective=True)]


_PLACE_QUALIFIERS = frozenset({"based", "majority", "populated", "held", "administered"})  # "Dubai-based": a place


def _named(
    text: str,
    span: list[tuple[int, int, str]],
    toks: list[tuple[int, int, str]],
    i: int,
    j: int,
    sent_start: int,
    vocab: frozenset[str],
    named: frozenset[str],
) -> list[Candidate]:
    """The candidates of a run of capitalised words once its opening words and adjectives are cut off."""
    if len(span) > 2 and span[0][2].lower() in lower_words("eventwords") and span[1][2] == "of":
        # "the Battle of Dovran", "the Siege of Tarvistan": an event, named after the place (or group) it was in
        at = 3 if span[2][2] == "the" else 2
        inner = text[span[at][0] : span[-1][1]] if at < len(span) else ""
        if classify(inner) in ("PLACE", "ORG", "UNK"):
            return _make_candidates(text, span[at:], toks, i + at, j, sent_start, vocab, named)
        return []
    role = None
    roles = lower_words("roles")
    named_group = span[-1][2].lower() in lower_words("orgwords")  # "the Sultan Murad Bloc": a title in a group's name
    while len(span) > 1 and span[0][2].lower() in roles and not named_group:
        role = span[0][2]
        span = span[1:]
        i += 1
    if len(span) == 1 and span[0][2].lower() in roles:
        return []
    if len(span) > 1 and span[0][2].lower() in demonyms():
        rest = classify(text[span[1][0] : span[-1][1]])
        if rest == "PERSON" or (rest == "UNK" and len(span) > 2) or rest == "PLACE":
            span = span[1:]
            i += 1
    s, e = span[0][0], span[-1][1]
    if re.match(r"\.\d", text[e : e + 2]):
        return []  # a reference code such as "QDe.132", not a name
    surface = text[s:e]
    etype = classify(surface)
    if etype is None:
        return []
    if len(span) == 2 and span[0][2].lower() in demonyms() and classify(span[1][2]) == "UNK":
        after_tok = toks[j + 1][2].lower() if j + 1 < len(toks) else ""
        if after_tok in _DESCRIBED:
            return []  # "Kenyan Somali factions", "Kenyan Muslim fighters": a description, not a name
        etype = "ORG"
    if role and etype in ("UNK", "PERSON"):
        etype = "PERSON"
    if all(t[2].lower() in lower_words("weapons") for t in span):
        return []  # "TOW missiles", "BGM-71 TOW anti-tank missiles": a weapon, not a group
    if len(span) > 1 and span[0][2] in _VESSEL_PREFIXES:
        return []  # "the warship USS Dorn": a ship, not a group
    if etype == "UNK" and j + 1 < len(toks) and toks[j + 1][2].lower() in ("tribe", "clan", "tribesmen", "sub-tribe"):
        return []  # "from the Dorn tribe": a tribe the text describes, not a named group
    cand = Candidate(s, e, surface, etype, role=role)
    k = i - 1
    while k > 0 and _QUALIFIER.match(toks[k][2]):  # "in Sunni-majority X": the preposition is the cue
        k -= 1
    prev = toks[k][2].lower() if k >= 0 else ""
    after = j + 1
    nxt = toks[after][2] if after < len(toks) else ""
    if nxt == "'s":
        # "X's group", "X's new breakaway group": up to two lower-case words before the group noun
        for k in range(after + 1, min(after + 4, len(toks))):
            word = toks[k][2]
            if word.lower() in _MEMBERS_NOUNS and (etype == "ORG" or is_acronym(surface)):
                break  # "the KF's remaining fighters" are the KF itself, not a group of their own
            if word.lower() in _GROUP_NOUNS:
                end_tok = k
                if (
                    (etype == "ORG" or is_acronym(surface))
                    and k + 2 < len(toks)
                    and toks[k + 1][2] == "in"
                    and is_cap(toks[k + 2][2])
                ):
                    # "KF's faction in Dovran Province": a group's part named by where it is
                    end_tok = k + 2
                    while (
                        end_tok + 1 < len(toks)
                        and is_cap(toks[end_tok + 1][2])
                        and toks[end_tok + 1][0] - toks[end_tok][1] <= 1
                    ):
                        end_tok += 1
                group = Candidate(s, toks[end_tok][1], text[s : toks[end_tok][1]], "ORG")
                if k > after + 1:  # "X's new breakaway group" is X's group
                    group.canonical = f"{surface}'s {word}" + text[toks[k][1] : toks[end_tok][1]]
                return [cand, group]
            if not word.islower():
                break
    if (
        nxt in ("faction", "wing", "branch")
        and after + 2 < len(toks)
        and toks[after + 1][2] == "of"
        and (
            is_cap(toks[after + 2][2])
            or (toks[after + 2][2] == "the" and after + 3 < len(toks) and is_cap(toks[after + 3][2]))
        )
    ):
        # "the Vashti faction of the KF": a part of a group, named by both
        end_tok = after + 2 if is_cap(toks[after + 2][2]) else after + 3
        while end_tok + 1 < len(toks) and is_cap(toks[end_tok + 1][2]) and toks[end_tok + 1][0] - toks[end_tok][1] <= 1:
            end_tok += 1
        whole = text[toks[end_tok][0] if end_tok == after + 2 else toks[after + 3][0] : toks[end_tok][1]]
        if classify(whole) == "ORG":
            return [Candidate(s, toks[end_tok][1], text[s : toks[end_tok][1]], "ORG")]
    if (
        (etype in ("PERSON", "UNK") or (etype == "PLACE" and prev == "the"))
        and nxt in ("group", "faction", "network", "militia", "brigade", "battalion", "regiment", "unit")
        and after < len(toks)
        and surface.lower() not in demonyms()
        and not (after + 1 < len(toks) and is_cap(toks[after + 1][2]))
    ):
        # (not "Kashmiri group Jaish-e-Noor", "the Dorn faction Saut al-Haq": the noun describes the next name)
        g = toks[after]  # "the Omar Ghazi group", "the Sarban Valley group": a group named after a person or place
        return [Candidate(s, g[1], text[s : g[1]], "ORG")]
    if (
        len(span) == 1
        and not is_acronym(surface)
        and etype in ("UNK", "PLACE")
        and nxt in ("group", "faction", "militia", "organisation", "organization", "outfit")
        and after + 1 < len(toks)
        and is_cap(toks[after + 1][2])
    ):
        return []  # "Kashmiri group Jaish-e-Noor": an adjective, the name follows
    if etype == "UNK":
        if prev == "the" or (
            nxt.lower()
            in _GROUP_NOUNS
            | {
                "militants",
                "insurgents",
                "rebels",
                "members",
                "commanders",
                "leadership",
                "leaders",
                "guerrillas",
                "gunmen",
                "cadres",
                "operatives",
                "militiamen",
            }
        ):
            cand.hint = "ORG"
        elif prev in ("in", "across", "near", "throughout", "into", "of", "from", "to", "at"):
            cand.hint = "PLACE"
        elif prev in ("mr", "mrs", "leader", "commander", "emir", "spokesman", "founder", "chief"):
            cand.hint = "PERSON"
        elif prev in ("joined", "join", "joining", "rejoined"):
            cand.hint = "ORG"  # "he joined Al-Zarmoutan": one joins a group
        elif nxt in roles and after + 1 < len(toks) and is_cap(toks[after + 1][2]):
            cand.hint = "ORG"  # "Dorn leader Ali Bar", "Dorn spokesman Ali Bar": a group, its role, a person
    return [cand]


_DEF_OPEN = re.compile(r"[\"”’]?\s*\(")  # a quoted name's closing quote before its parenthesis
_AKA = re.compile(
    r",?\s*(?:also\s+known\s+as|also\s+called|a\.k\.a\.?|aka|alias|better\s+known\s+as|"
    r"formerly(?:\s+known\s+as)?|known\s+as|previously\s+known\s+as|or\s+simply)\s+",
    re.I,
)
_NOT = re.compile(
    r"\b(?:not\s+to\s+be\s+confused\s+with|not\s+connected\s+to|distinct\s+from|"
    r"unrelated\s+to|not\s+related\s+to|different\s+from)\s+(?:the\s+)?",
    re.I,
)
_NAME_CUES = re.compile(r"\b(?:known|also|a\.?k\.?a|aka|formerly|called|or|lit|literally|meaning|transl)\b", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\ba\.k\.a\.?|\baka\b|\balso\b|\band\b)\s*", re.I)
_LANG = re.compile(
    r"^(?:lit\.|literally|meaning|arabic|pashto|persian|dari|urdu|english|tamil|"
    r"sinhala|tagalog|filipino|french|the|transl\.?)\s*[:.]?\s*",
    re.I,
)


_WHERE = re.compile(r"\b(?:located|based|situated|headquartered)\s+(?:in|at)\b", re.I)
_SLASH = re.compile(r"[ \t]*/[ \t]*")


def _spellings(name: str) -> set[str]:
    """The acronyms a name spells: the initials of all its words (articles joined by a hyphen too), or of
    those that are not particles.

    >>> sorted(_spellings("Harakat al-Zarqa"))
    ['HAZ', 'HZ']
    """
    parts = [p for p in re.split(r"[\s-]+", name) if p and p[0].isalpha()]
    return {
        "".join(p[0] for p in parts).upper(),
        "".join(p[0] for p in parts if p.lower() not in _CONNECTORS).upper(),
    }


def definitions(text: str, cands: list[Candidate]) -> None:
    """Attach to each candidate the names a following parenthesis or "also known as" gives it."""
    by_start = {c.start: c for c in cands}
    for c in cands:
        if c.type == "PLACE":
            continue
        line_start = text.rfind("\n", 0, c.start) + 1
        if "|" in text[line_start : c.start]:
            continue  # a table cell: a parenthesis there is a note, not a definition
        pos = c.end
        m = _DEF_OPEN.match(text, pos)
        if m:
            close = text.find(")", m.end())
            if close != -1 and close - m.end() < 160:
                _add_aliases(text, c, m.end(), close)
                continue
        slash = _SLASH.match(text, pos)
        other = by_start.get(slash.end()) if slash else None
        if other is not None and is_acronym(other.text) and acronym_letters(other.text) in _spellings(c.text):
            _add_aliases(text, c, other.start, other.end)  # "Harakat al-Zarqa / HAZ": a name and its acronym
            continue
        m = _AKA.match(text, pos)
        at = -1 if m is None else m.end() + 4 if text.startswith("the ", m.end()) else m.end()
        if m and at != m.end() and at in by_start and not _NAME_STOPS.match(text, by_start[at].end):
            at = -1  # "X, formerly the Y's ally": no name of X's
        if m and by_start.get(at) is not None and by_start[at].type != "PLACE":
            # "X alias Y of the Z Front": the name the text gives, no further; "X also known as the Y of Z and
            # the W (YZW)": the whole name the scan found, not cut at "and"
            named = by_start[at]
            _add_aliases(text, c, named.start, named.end)
        elif m:
            stop = re.search(r"[,;.)(]|\s(?:is|was|were|are|has|had|and)\s", text[m.end() : m.end() + 120])
            end = m.end() + (stop.start() if stop else min(120, len(text) - m.end()))
            _add_aliases(text, c, m.end(), end)


# a name the group had before ("X (formerly Y)", "X, formerly known as Y") or took after ("X, later known as Y"),
# or the verb of a change of name ("X was renamed Y", "X changed its name to Y"): the cue between the two names
_WHEN_TEXT = r"(?:(?:early|mid|late)[- ]?)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?\d{4}"
_FORMER = re.compile(
    r"\s*(?:\(|,)\s*(?:formerly|previously|originally)(?:\s+(?:known\s+as|called|named))?\s+(?:the\s+)?"
)
_LATER = re.compile(r"\s*(?:\(|,)\s*(?:later|subsequently)(?:\s+(?:known\s+as|called|named|renamed))?\s+(?:the\s+)?")
_RENAMED = re.compile(
    r"(?:,?\s+(?:(?:was|were|has\s+been|had\s+been|is|got)\s+)?renamed(?:\s+itself)?"
    r"|,?\s+(?:changed|change|changes)\s+(?:its|their)\s+name"
    r"|,?\s+(?:took|adopted|assumed)\s+the\s+name)"
    rf"(?:\s+(?:in|on)\s+(?P<when>{_WHEN_TEXT}),?)?(?:\s+(?:as|to))?\s+(?:the\s+)?"
)
_APPOS_END = re.compile(r"\s*(?:[,;.)]|$)")
_NAME_STOPS = re.compile(r"\s*(?:[,;.()]|$)")
_WHEN_AFTER = re.compile(rf"\s+(?:in|on)\s+(?P<when>{_WHEN_TEXT})\b")
_WHEN_BEFORE = re.compile(rf"\b(?:In|On|in|on)\s+(?P<when>{_WHEN_TEXT})\b")


def renamings(text: str, cands: list[Candidate], sentences: list[tuple[int, int]]) -> None:
    """Attach to each group the names the text says it had before or took after, with the date of a change of
    name the sentence gives ("In 2017 the X Front was renamed Y", "X changed its name to Y in 2017"), and make
    them names of one entity."""
    by_start = {c.start: c for c in cands}
    for c in cands:
        if c.type in ("PLACE", "PERSON"):
            continue
        for cue, when in ((_FORMER, "former"), (_LATER, "later"), (_RENAMED, "later")):
            m = cue.match(text, c.end)
            other = by_start.get(m.end()) if m else None
            if m is None or other is None or other.type in ("PLACE", "PERSON") or other is c:
                continue
            if cue is not _RENAMED and not _APPOS_END.match(text, other.end):
                continue  # "X, formerly the Y's ally": the apposition goes on, it does not name X
            date = None
            if cue is _RENAMED:
                sent_start = max((a for a, _b in sentences if a <= c.start), default=0)
                after = _WHEN_AFTER.match(text, other.end)
                before = list(_WHEN_BEFORE.finditer(text, sent_start, c.start))
                said = (
                    m.group("when") or (after and after.group("when")) or (before[-1].group("when") if before else None)
                )
                date = parse_base(said) if said else None
            c.renamed.append((other.start, other.end, when, date))
            if all((a, b) != (other.start, other.end) for a, b, _n in c.defines):
                c.defines.append((other.start, other.end, text[other.start : other.end]))
            break


_GLOSS_BETWEEN = re.compile(r"\s*\([^()]{1,80}\)\s*$")
_GLOSS_REACH = 120
_ACRONYM_AFTER = re.compile(r"\s*\(\s*(?P<acr>[A-Z][A-Za-z]{1,9})\s*\)")


def glossed_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join a name a gloss interrupts: "Hezb-e Tamer ('Party of Tamer') Vell (HTV)" names one group, Hezb-e
    Tamer Vell, when the acronym after the rest spells the whole; its first part ("Hezb-e Tamer"), the gloss
    and the acronym are its names."""
    out: list[Candidate] = []
    skip: set[int] = set()
    ordered = sorted(cands, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    for k, c in enumerate(ordered):
        if id(c) in skip:
            continue
        rest = None
        if c.type in ("ORG", "UNK") and c.defines:
            # the names that start within a gloss's reach after this one (a gloss is at most 80 characters)
            for j in range(bisect_left(starts, c.end, k + 1), bisect_right(starts, c.end + _GLOSS_REACH)):
                r = ordered[j]
                if _GLOSS_BETWEEN.match(text, c.end, r.start) and r.type in ("ORG", "UNK"):
                    rest = r
                    break
        acr = _ACRONYM_AFTER.match(text, rest.end) if rest is not None else None
        if (
            rest is not None
            and acr is not None
            and acr.group("acr").upper() in initials(f"{c.text} {rest.text}")
            and acr.group("acr").upper() not in initials(rest.text)
        ):
            whole = Candidate(
                c.start,
                rest.end,
                text[c.start : rest.end],
                "ORG",
                role=c.role,
                hint=c.hint,
                defines=[(c.start, c.end, c.text), *c.defines, *rest.defines],
                canonical=f"{c.text} {rest.text}",
            )
            skip.add(id(rest))
            out.append(whole)
            continue
        out.append(c)
    return out


_TOPIC_AKA = re.compile(
    r"\b(?:It|The group|The organi[sz]ation|The movement|The network)\s+(?:is|was|has been|"
    r"had been)\s+(?:also\s+|formerly\s+|sometimes\s+|commonly\s+|widely\s+)?(?:known|"
    r"referred to|called)\s+as\s+(?:the\s+)?"
)


def topic_aliases(text: str, cands: list[Candidate]) -> None:
    """Mark names given by "It is also known as X": resolve joins them to the preceding group."""
    by_start = {c.start: c for c in cands}
    for m in _TOPIC_AKA.finditer(text):
        c = by_start.get(m.end())
        if c is not None and c.type in ("ORG", "UNK"):
            c.topic_alias = True


_CLAUSE_OPEN = re.compile(
    r"\s*(?:as|which|who|whom|whose|when|where|while|see|e\.g\.|i\.e\.|including|then|now|"
    r"until|since|after|before|with|without|for|from|in|on|at|by|led|based|a|an)\b"
)


_IS_A_GROUP = re.compile(
    r"(?:\s*\([^()]{0,120}\))?(?:\s*,[^.;]{0,160}?,)?\s+(?:is|was|are|were|has been|had been)\s+"
    r"(?:a|an|the|one of the)\s+(?:(?!of\b)[\w-]+\s+){0,5}?(?:group|organi[sz]ation|movement|militia|faction|party|"
    r"network|alliance|front|insurgency|coalition|army|brigade|outfit|guerrilla|terrorist group)s?\b"
)


# "'Saut-al Dorn,' a splinter group of …": an apposition that calls the name a group
_APPOS_GROUP = re.compile(
    r"\s*['\"]?\s*,\s*['\"]?\s*(?:a|an)\s+(?:(?!of\b|who\b|which\b)[\w-]+\s+){0,3}?(?:group|organi[sz]ation|movement|"
    r"militia|faction|party|network|alliance|front|outfit|offshoot|splinter)s?\b"
)


# "the Sahelian group Tamer ibn Vell": a common noun for a group right before the name
_GROUP_NOUN_NAMING = re.compile(r"\b(?:the|a|an)\s+(?:[\w-]+\s+)?(?:group|organi[sz]ation|outfit)\s+$", re.I)
_NAME_ENDS = re.compile(r"\s*(?:[,;.(]|(?:led|headed|based|founded|operating|which|that)\b)")


def predicate_types(text: str, cands: list[Candidate]) -> None:
    """A name the sentence says "is a … group", or an apposition calls "a … group", names a group,
    whatever its words suggest ("Abu Tarik")."""
    for c in cands:
        named_as_group = _GROUP_NOUN_NAMING.search(text, max(0, c.start - 60), c.start) and _NAME_ENDS.match(
            text, c.end
        )
        if (
            c.type in ("PERSON", "UNK")
            and not c.role
            and (_IS_A_GROUP.match(text, c.end) or _APPOS_GROUP.match(text, c.end) or named_as_group)
        ):
            c.type = "ORG"
            c.hint = None


def _add_aliases(text: str, c: Candidate, a: int, b: int) -> None:
    inner = text[a:b]
    if re.search(r"\b(?:1[89]|20)\d\d\b", inner) and not re.search(r"[A-Z]{2}", inner):
        return
    unquoted = re.sub(r"['\"‘“][^'\"’”]*['\"’”]", "", inner)
    if re.search(r"\band\b|&", unquoted) and not _NAME_CUES.search(unquoted):
        return  # "the Quartet (the United States, Russia and the UN)": its members, not its names
    items = [p.strip() for p in inner.split(",")]
    if (
        len(items) >= 3
        and unquoted == inner
        and not _NAME_CUES.search(inner)
        and not any(is_acronym(p) or (_LANG.match(p) and not p.lower().startswith("the ")) for p in items)
    ):
        return  # "the Group of Five (Tamer, Vell, Dorn, Amin)": a list of its members
    if _CLAUSE_OPEN.match(inner):
        return  # "(as he did with the Salt Brigade …)": a remark, not a name
    pos = a
    for piece in _SPLIT.split(inner):
        idx = text.find(piece, pos, b) if piece else -1
        if idx == -1:
            continue
        pos = idx + len(piece)
        raw = piece
        lead = _LANG.match(raw)
        while lead and lead.end() > 0:
            raw = raw[lead.end() :]
            idx += lead.end()
            lead = _LANG.match(raw)
        stripped = raw.strip(" '\"")
        if not stripped:
            continue
        idx += raw.find(stripped)
        if not (is_acronym(stripped) or (stripped[0].isupper() and len(stripped) > 2)):
            continue
        if re.search(r"\d", stripped) or len(stripped) > 80:
            continue
        if stripped.lower() in demonyms() or stripped.lower() in countries():
            continue  # "Wail Dorn (Saudi Arabian)", "Harakat al-Nur (Pakistan)": a nationality, not a name
        if len([w for w in stripped.split() if w.islower() and w not in _PARTICLES and w not in ("the", "and")]) > 2:
            continue  # "Y by offering autonomy as a solution" is a clause, not a name
        if _WHERE.search(stripped):
            continue  # "(branch located in Dovran, Kenya)": where it is, not what it is called
        c.defines.append((idx, idx + len(stripped), stripped))


def distinctions(
    text: str,
    cands: list[Candidate],
    sentences: list[tuple[int, int]] | None = None,
) -> list[tuple[Candidate, Candidate]]:
    """Pairs a text sets apart: "X (not to be confused with Y)", "X, …, is not to be confused with Y"."""
    pairs = []
    ordered = sorted(cands, key=lambda c: c.start)
    for m in _NOT.finditer(text):
        right = [c for c in ordered if c.start >= m.end() and c.start - m.end() < 5]
        if not right:
            continue
        if re.search(r"\b(?:is|are|was|were|be)\s*$", text[max(0, m.start() - 12) : m.start()]):
            sent_start = max((a for a, b in sentences or [] if a <= m.start()), default=0)
            left = [c for c in ordered if sent_start <= c.start < m.start()][:1]
        else:
            left = [c for c in ordered if c.end <= m.start() and m.start() - c.end < 80][-1:]
        if left:
            pairs.append((left[0], right[0]))
    return pairs


_STATE_ACTOR = re.compile(rf"\b(?P<adj>[A-Z][a-z]+)\s+(?P<noun>{STATE_ORGANS}|opposition)\b")
# "the Ba'athist government of Iraq", "the Taliban regime of Afghanistan": a named government
_LEADERS_GOVERNMENT = re.compile(r"\bthe\s+(?P<who>[A-Z][a-z]+)\s+(?:government|administration|regime)\b")
_GOVERNMENT_OF = re.compile(
    r"\b(?P<adj>[A-Z][\w’'-]+)\s+(?:government|regime)\s+of\s+"
    r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_DONORS = re.compile(
    r"\b(?:(?P<adj1>[A-Z][a-z]+(?:\s+Arabian)?)\s+)?(?P<noun>private\s+(?:(?P<adj2>[A-Z][a-z]+)\s+)?"
    r"(?P<what>donors|financiers|backers|benefactors|sponsors))(?:\s+(?:in|from)\s+"
    r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"
)
_REGION_OF = re.compile(rf"\b(?:{COMPASS})\s+(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
# a military unit named by its number: "the 11th Infantry Division", "US 7th Army", "First Proletarian Brigade"
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth"
_UNIT = r"(?:Division|Brigade|Battalion|Regiment|Army|Corps|Legion|Squadron|Fleet|Commando|Militia)s?\b"
_UNIT_WORDS = re.compile(rf"\b{_UNIT}")
_NUMBERED_UNIT = re.compile(
    rf"\b(?:(?P<adj>[A-Z][A-Za-z.]*[A-Za-z.])\s+)?(?P<n>{_ORDINAL})\s+(?:[A-Z][a-z]+\s+){{0,3}}{_UNIT}"
)
# a group named after a date: "the 2 June Movement", "the March 14 Alliance", "the 26th of July Movement"
_DATE_NAMED = re.compile(
    r"\b(?P<before>[A-Za-z]+)\s+(?P<name>(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[A-Z][a-z]+)|(?P<m2>[A-Z][a-z]+)\s+"
    r"\d{1,2}(?:st|nd|rd|th)?)\s+(?:[A-Z][a-z]+\s+){0,2}(?P<head>[A-Z][a-z]+))\b"
)
_NOT_BEFORE_A_NAME = frozenset({"on", "in", "by", "from", "since", "until", "till", "before", "after", "of", "to"})


def _of_a_state(word: str) -> bool:
    """An adjective of a state: "Afghan", "British", or a country's name without its plural s ("Philippine")."""
    low = word.lower()
    return low in demonyms() or (low + "s") in countries()


def _descriptive(text: str, start: int, end: int) -> list[Candidate]:
    """Descriptive names: "the Afghan government", "Iraqi forces", "northern Afghanistan"."""
    out = []
    sentence = text[start:end]
    donors = any(w in sentence for w in ("donor", "financier", "backer", "benefactor", "sponsor"))
    digits = any(c.isdigit() for c in sentence)
    units = _UNIT_WORDS.search(sentence) is not None
    government = any(w in sentence for w in ("government", "regime", "administration"))
    for m in _STATE_ACTOR.finditer(text, start, end):
        if _of_a_state(m.group("adj")):
            out.append(Candidate(m.start(), m.end(), m.group(), "ORG"))
    for m in _LEADERS_GOVERNMENT.finditer(text, start, end) if government else ():
        # "the Karzai government", "the Assad regime": a government named after its leader
        if m.group("who").lower() not in demonyms() and classify(m.group("who")) == "UNK":
            out.append(Candidate(m.start("who"), m.end(), text[m.start("who") : m.end()], "ORG"))
    for m in _GOVERNMENT_OF.finditer(text, start, end) if government else ():
        if m.group("place").lower() in countries() and m.group("adj").lower() not in _not_names():
            out.append(Candidate(m.start(), m.end(), m.group(), "ORG"))
    for m in _DONORS.finditer(text, start, end) if donors else ():
        # "private Saudi donors", "Saudi Arabian private donors", "private donors in Saudi Arabia": one
        # network of donors, named after their country (never the state itself)
        adj = m.group("adj1") or m.group("adj2")
        country = demonym_countries().get(adj.lower()) if adj else m.group("place")
        if not country or (m.group("place") and m.group("place").lower() not in countries()):
            continue
        if m.group("place"):  # the place stays a mention of its own: the donors are based there
            out.append(
                Candidate(
                    m.start("noun"),
                    m.end("noun"),
                    m.group("noun"),
                    "ORG",
                    canonical=f"private {m.group('what')} in {country}",
                )
            )
        else:
            out.append(
                Candidate(m.start(), m.end(), m.group(), "ORG", canonical=f"private {m.group('what')} in {country}")
            )
    for m in _REGION_OF.finditer(text, start, end):
        if m.group("place").lower() in places():
            out.append(Candidate(m.start(), m.end(), m.group(), "PLACE"))
    for m in _NUMBERED_UNIT.finditer(text, start, end) if units else ():
        adj = m.group("adj")
        state = adj and (_of_a_state(adj) or is_acronym(adj.replace(".", "")))  # "US 7th Army"
        at = m.start() if state else m.start("n")
        out.append(Candidate(at, m.end(), text[at : m.end()], "ORG"))
    for m in _DATE_NAMED.finditer(text, start, end) if digits else ():
        month = (m.group("m1") or m.group("m2")).lower()
        if (
            month in MONTH_NAMES
            and m.group("head").lower() in lower_words("orgwords")
            and m.group("before").lower() not in _NOT_BEFORE_A_NAME
        ):
            out.append(Candidate(m.start("name"), m.end("name"), m.group("name"), "ORG"))
    return out


_LIST_SEP = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$")


def _list_hints(text: str, cands: list[Candidate]) -> None:
    """An undecided name listed beside organisations is an organisation ("Sabiqun, Harakat Ansar Dovran"),
    beside places a place."""
    outer: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if not outer or c.start >= outer[-1].end:
            outer.append(c)  # names inside a longer one ("TTP" in "TTP's faction in X") are not list items
    for a, b in zip(outer, outer[1:], strict=False):
        if not _LIST_SEP.match(text[a.end : b.start]) or b.start - a.end > 50:
            continue
        for x, y in ((a, b), (b, a)):
            # an undecided name listed beside a group is a group, beside a place a place ("Tarkan and Y");
            # a hyphenated Arabic-style name ("Ahrar-ul-Zarb") is never taken for a place that way
            kind = y.type if y.type != "UNK" else y.hint
            if x.type == "UNK" and not x.hint and kind in ("ORG", "PLACE") and (kind == "ORG" or "-" not in x.text):
                x.hint = kind
                break


_PLURAL_PLACE = re.compile(
    r"\s+(?:Districts|Provinces|Regions|Valleys|Governorates|districts|provinces|regions|"
    r"valleys|governorates|villages|towns|cities)\b"
)


def _plural_place_heads(text: str, cands: list[Candidate]) -> None:
    """ "Zarin and Tolak Districts", "Marwan and Dasht districts": each name is a place of its own."""
    ordered = sorted(cands, key=lambda c: c.start)
    for k, c in enumerate(ordered):
        head = re.search(r"\s+(?:Districts|Provinces|Regions|Valleys|Governorates)$", c.text)
        tail = _PLURAL_PLACE.match(text, c.end)
        if not head and not tail:
            continue
        if head:  # the plural head belongs to the list, not to the last name
            c.end -= len(head.group())
            c.text = text[c.start : c.end]
        if c.type in ("UNK", "PLACE") or head:
            c.type, c.hint = "PLACE", None
        prev = ordered[k - 1] if k else None
        if (
            prev is not None
            and re.fullmatch(r"\s*(?:,\s*)?(?:and|or|,)\s*", text[prev.end : c.start])
            and prev.type in ("UNK", "PLACE", "PERSON")
            and " " not in prev.text.strip()
        ):
            prev.type, prev.hint = "PLACE", None


def _split_country_pairs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "the Kenya-Tarvistan region": a pair of countries is two places; "the Kenya–Tarvistan border"
    stays one, a frontier."""
    out: list[Candidate] = []
    for c in cands:
        parts = re.split(r"[-–]", c.text)
        if (
            c.type == "PLACE"
            and len(parts) == 2
            and " " not in c.text
            and not re.match(r"\s+(?:border|frontier|boundary)\b", text[c.end : c.end + 14])
            and all(p.lower() in countries() for p in parts)
        ):
            cut = c.start + len(parts[0])
            out.append(Candidate(c.start, cut, parts[0], "PLACE"))
            out.append(Candidate(cut + 1, c.end, parts[1], "PLACE"))
        else:
            out.append(c)
    return out


def _province_groups(cands: list[Candidate]) -> None:
    """ "the Islamic Caliphate – Dovran Province (ICDP) … Dovran Province also developed …": where a
    group's name ends in "– X Province", a bare "X Province" names the group, not the place."""
    tails = {c.text.split("–")[-1].strip() for c in cands if c.type == "ORG" and "–" in c.text}
    tails |= {re.split(r"\s+-\s+", c.text)[-1].strip() for c in cands if c.type == "ORG" and " - " in c.text}
    if not tails:
        return
    for c in cands:
        if c.type == "PLACE" and c.text in tails and " " in c.text:
            c.type, c.hint = "ORG", None


_OPEN_BEFORE = re.compile(r"\(\s*$")
_WORD_BEFORE = re.compile(
    r"(?P<w>[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F-]*(?:(?<=[\w-]{2})['’](?!s\b)[\w\u00C0-\u024F-]+)*)"
    r"(?:(?:['’]s?)?\s+|(?<=\b[ldLD])['’])$"
)
# the small words a spelled-out name may hold: English, and French ("Mouvement pour l'Unification et le Jihad")
_NAME_JOINERS = {
    "and",
    "of",
    "for",
    "the",
    "in",
    "&",
    "pour",
    "et",
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "en",
    "l",
    "d",
    "al",
    "el",
}


def _spelled_out(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "People Against Tyranny and Hunger (PATH)": a name that the acronym after it spells out across "and",
    "of" (or French "pour", "et", "l'") is one name, though the scan cut it at the lower-case words."""
    drop: set[int] = set()
    added: list[Candidate] = []
    for acr in cands:
        if not is_acronym(acr.text) or not _OPEN_BEFORE.search(text, max(0, acr.start - 3), acr.start):
            continue
        letters = acronym_letters(acr.text)
        paren = text.rfind("(", 0, acr.start)
        end = paren
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = paren
        taken: list[str] = []
        while len(taken) < 2 * len(letters) + 2:
            w = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if not w or not (w.group("w")[0].isupper() or w.group("w").lower().split("-")[0] in _NAME_JOINERS):
                break
            start, taken = w.start("w"), [w.group("w"), *taken]
            caps = "".join(x[0] for x in taken if x[0].isupper()).upper()
            every = "".join(x[0] for x in taken).upper()
            # "Ansar al-Hadid in Dovran (AAH-D)": the article and the word it is joined to each give a letter
            parts = "".join(
                p[0] for x in taken for p in x.split("-") if p and p.lower() not in _NAME_JOINERS - {"al", "el"}
            ).upper()
            if taken[0][0].isupper() and len(taken) > 1 and letters in (caps, every, parts):
                inside = [d for d in cands if start <= d.start and d.end <= end]
                if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
                    break  # the scan found this very name
                drop.update(id(d) for d in inside)
                added.append(Candidate(start, end, text[start:end], "ORG"))
                break
    if not added:
        return cands
    return sorted([c for c in cands if id(c) not in drop] + added, key=lambda c: c.start)


def mentions(ext: Extraction) -> Extraction:
    """Find name candidates in every sentence; keep definitions and distinctions for resolve."""
    lower = _lowercase_words(ext.analysis)
    vocab = frozenset(lower)
    named = written_as_names(ext.analysis, lower)
    alone = written_alone(ext.analysis, lower)
    cands: list[Candidate] = []
    for s in ext.sentences:
        found = scan_sentence(ext.analysis, s.start, s.end, vocab, named, alone)
        extra = _descriptive(ext.analysis, s.start, s.end)
        if extra:
            covered = [(c.start, c.end) for c in extra]
            found = [c for c in found if not any(a <= c.start and c.end <= b for a, b in covered)] + extra
            found.sort(key=lambda c: c.start)
        cands.extend(found)
    cands = _split_country_pairs(ext.analysis, cands)
    cands = _spelled_out(ext.analysis, cands)
    _plural_place_heads(ext.analysis, cands)
    _list_hints(ext.analysis, cands)
    definitions(ext.analysis, cands)
    cands = glossed_names(ext.analysis, cands)
    renamings(ext.analysis, cands, [(x.start, x.end) for x in ext.sentences])
    topic_aliases(ext.analysis, cands)
    predicate_types(ext.analysis, cands)
    _province_groups(cands)
    ext.candidates = cands
    ext.distinctions = distinctions(ext.analysis, cands, [(x.start, x.end) for x in ext.sentences])
    ext.mentions = [Mention(c.start, c.end, c.text, c.type) for c in cands]
    return ext
