"""Which names stand as a verb's subject and object: the nearest names of fitting type, widened over
coordinated lists, passing over asides, locations and objects of prepositions."""

from __future__ import annotations

import re

from factionmap.components.relations.document import PREP_BEFORE, Doc
from factionmap.lexicon import COMPASS, countries, people_nouns, role_nouns
from factionmap.model import Mention

COORD = re.compile(
    r"^\s*(?:,\s*(?:and|or|primarily|mainly|mostly|especially|particularly|notably|chiefly|largely|"
    r"including)?|and|or|&|as well as|'s)\s*(?:the\s+|elements of\s+|parts of\s+)?$",
    re.I,
)
_GROUPS_INCLUDING = re.compile(
    r"\s*(?:(?:a number of|several|many|various|other|some|multiple)\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:groups|organi[sz]ations|factions|movements|militias|provinces|districts|regions|"
    r"areas|countries|cities|states)\s*,?\s*(?:including|such as|"
    r"like|among them)\s+",
    re.I,
)
_PERSON_AND = re.compile(r"\s*,?\s*and\s+(?:[\w-]+\s+){0,3}")  # "and former Soviet paratrooper Y"
_PAREN = re.compile(r"\s*\([^()]{0,140}\)")
ROLE_BETWEEN = re.compile(
    r"^(?:'s|\s+and\s+(?:its|their))?\s+(?:(?:former|then|new|current|first|second|deputy|top|senior|overall|supreme|military|"
    r"founding|late|self-proclaimed|acting|chief|principal|official)\s+)*(?P<role>"
    + role_nouns()
    + r")(?:\s+and\s+(?:founder|co-founder|"
    r"leader|emir))?\s*,?\s*(?:named\s+|called\s+)?$",
    re.I,
)
_MEMBERS_OF = re.compile(
    r"(?:'s\s+(?:\w+\s+){0,2}?|\s+)(?:fighters|members|militants|forces|cadres|units|commanders|"
    r"leaders|leadership|men|troops)\b"
)
UNITS = (
    r"groups|organi[sz]ations|factions|militias|movements|cells?|units?|offices?|branches|affiliates|"
    rf"{people_nouns()}"
)
_EVENT_OF = re.compile(
    r"\b(?:killing|murder|assassination|attacks?|bombings?|death|arrest|kidnapping|abduction|"
    r"execution|capture|massacres?|killings)\s+(?:of|on|against|in)\b"
)
# "… comprises 1,000 full-time X members": a count of people, not X
_COUNT_BEFORE = re.compile(r"(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s+(?:[a-z-]+\s+)*$")
_COUNTED_PEOPLE = re.compile(rf"\s+(?:{people_nouns()})\b")
_UNITS_WHERE = re.compile(
    rf"\b(?:{UNITS})\s+(?:[a-z]+ing|based|located|active|stationed|present|affiliated|aligned|"
    rf"allied|linked|loyal|close)\b"
)
_APPOSITION_TO = re.compile(r"['\"’]?\s*,\s*['\"’]?\s*(?:a|an|the)\s+[a-z][^,;]{0,150},[^,;()]{0,120}$")
_LOCATED_AT = re.compile(r"\b(?:in|at|near|across|throughout|inside|within|into)\s+(?:the\s+)?$")
_ASIDE = re.compile(r"\([^()]*\)")
_NAME_CUE = re.compile(
    r"\b(?:known|called|a\.k\.a|aka|formerly|also|translat\w*|meaning|short for|abbreviated|"
    r"English|Arabic|Urdu|Pashto|Persian|Dari|French|Spanish)\b"
)


def _in_aside(text: str, m: Mention, b: int) -> bool:
    """True when ``m`` sits in a parenthetical remark that closes before ``b``: in "X (backed by A and B)
    launched …" A and B are an aside, not the verb's subject; a name that opens the parenthesis ("The
    Army (Jaysh Z) is …") is another name of the subject, and stays."""
    if ")" not in text[m.end : b]:
        return False
    depth = 0
    for ch in text[m.end : b]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                opened = text.rfind("(", max(0, m.start - 200), m.start)
                lead = text[opened : m.start] if opened != -1 else ""
                return bool(re.search(r"[a-z]{2}", lead)) and not _NAME_CUE.search(lead)
            depth -= 1
    return False


def _actors_only(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """Drop places named as locations ("operating in Kenya and Somalia and allied with X"): a country
    after "in" is where something happens, not who acts."""
    out: list[Mention] = []
    located: Mention | None = None
    for m in ms:
        if m.type == "PLACE":
            pre = doc.text[max(0, m.start - 12) : m.start]
            if _LOCATED_AT.search(pre) or (located is not None and _coordinated(doc.text[located.end : m.start])):
                located = m
                continue
        located = None
        out.append(m)
    return out


def left_group(
    doc: Doc, ms: list[Mention], pos: int, types: frozenset[str] | None = None, max_gap: int = 160
) -> list[Mention]:
    """The subject group before ``pos``: the nearest names of fitting type and the list they close.

    A list joined only by commas ("After leaving X, Y joined") is no list; a group that is the object
    of a preposition ("pleased by A and B") is passed over for an earlier one.
    """
    before = [m for m in ms if m.end <= pos and (types is None or m.type in types) and not _in_aside(doc.text, m, pos)]
    if types is None or "PLACE" in types:
        before = _actors_only(doc, before)
    for k in range(len(before) - 1, -1, -1):
        if pos - before[k].end > 320:
            break
        if _APPOSITION_TO.match(doc.text, before[k].end, pos):
            # "X's group, a faction led by a former Y commander, emerged …": the subject is X's group, not Y
            before = before[: k + 1]
            break
    while before:
        group = [before[-1]]
        for m in reversed(before[:-1]):
            between = doc.text[m.end : group[0].start]
            if re.match(r"\s*['\"]?\s*\)", between) or (
                m.type == "PLACE" and re.search(r"\bin\s+(?:the\s+)?$", doc.text[max(0, m.start - 8) : m.start])
            ):
                continue  # a translation in a parenthesis, a place in a list: "A ('…') in Iran, B ('…'), and C"
            if _coordinated(between) or between.strip() == "(" or group[0].head == "alias":
                group.insert(0, m)
            else:
                break
        joined = [doc.text[a.end : b.start] for a, b in zip(group, group[1:], strict=False)]
        if (
            len(group) > 1
            and not any(re.search(r"\b(?:and|or)\b|&", j) for j in joined)
            and not all(j.strip() in ("(", "") or ")" in j for j in joined)
        ):
            group = group[-1:]
        start = group[0].start
        if (
            len(before) > len(group)
            and PREP_BEFORE.search(doc.text[max(0, start - 12) : start])
            and not _MEMBERS_OF.match(doc.text, group[-1].end)
        ):  # "many of the KF's fighters escaped"
            if len(group) > 1 and group[-1].type != group[0].type:
                group = group[-1:]  # "the formation of the KF and Ilyas Dorn supplied …": a new subject
                break
            before = before[: len(before) - len(group)]
            continue
        break
    if (
        not before
        or ";" in doc.text[before[-1].end : pos]
        or (pos - before[-1].end > max_gap and len(_ASIDE.sub("", doc.text[before[-1].end : pos])) > max_gap)
    ):  # an aside in brackets adds no distance
        return []
    return [m for m in group if m.head != "alias"] or group[-1:]


def head_person(doc: Doc, ms: list[Mention], m: Mention) -> Mention:
    """In "KF Emir Mullah Tamer Vashti" the head of the phrase is the person, not the group."""
    nxt = next((x for x in ms if x.start >= m.end), None)
    if m.type == "ORG" and nxt is not None and nxt.type == "PERSON" and ROLE_BETWEEN.match(doc.text[m.end : nxt.start]):
        return nxt
    return m


_IN_PLACE_TAIL = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}(?=\s*(?:,|and\b|or\b))")


def _coordinated(between: str) -> bool:
    """True when the text between two mentions joins them in a list ("A, B and C", "A (x) and B",
    "A ('…') in Iran, B")."""
    return bool(COORD.match(_IN_PLACE_TAIL.sub("", _PAREN.sub("", between), count=1)))


def right_group(doc: Doc, ms: list[Mention], pos: int, max_gap: int = 45) -> list[Mention]:
    after = [m for m in ms if m.start >= pos]
    if not after:
        return []
    gap = doc.text[pos : after[0].start]
    lead = _GROUPS_INCLUDING.match(gap)
    if lead:  # "with a number of Central Asian groups including A, B and C"
        gap = gap[lead.end() :]
    if (
        len(gap) > max_gap
        or re.search(r"[;:.]|\b(?:and|but|while|which|who|after|when)\b", gap)
        or _UNITS_WHERE.search(gap)
        or _EVENT_OF.search(gap)
        or (_COUNT_BEFORE.search(gap) and _COUNTED_PEOPLE.match(doc.text, after[0].end))
    ):
        return []  # "… with other groups operating in Kenya": the place is where those groups are
    if (
        len(after) > 1
        and after[0].type == after[1].type == "ORG"
        and re.fullmatch(r"['’]s\s+(?:[a-z-]+\s+){0,2}", doc.text[after[0].end : after[1].start])
    ):
        after = after[1:]  # "a cadre of the KF's Dorn Shura": the part the possessive names
    group = [after[0]]
    skipped: Mention | None = None
    for m in after[1:]:
        if m.start < group[-1].end:
            continue  # a name inside the last one: "KF" and "Dovran Province" in "KF's faction in Dovran Province"
        if (
            (m.type == "PLACE" or (m.entity >= 0 and doc.ext.entities[m.entity].name.lower() in countries()))
            and group[0].type != "PLACE"
            and (
                re.fullmatch(r"\s+in\s+(?:the\s+)?", doc.text[group[-1].end : m.start])
                or (skipped is not None and _coordinated(doc.text[skipped.end : m.start]))
            )
        ):
            skipped = m  # "the Dovran Forces in the Hill Areas, and the Iron Council", "X in Iraq and Syria"
            continue
        between = doc.text[group[-1].end : m.start]
        if (
            m.head == "alias"
            or re.fullmatch(r"\s*\(\s*", between)
            or (re.match(r"\s*\(", between) and ")" not in between)
        ):
            continue  # an alias, or a name inside a parenthesis: "Zabul (… with Kenya), North Tarvistan"
        if (
            _coordinated(between)
            or (m.type == group[-1].type == "PLACE" and re.fullmatch(r"'s\s+|[-–]|\s+in\s+(?:the\s+)?", between))
            or (m.type == group[-1].type == "PERSON" and _PERSON_AND.fullmatch(between))
        ):
            group.append(m)
        else:
            break
    return group


def country_level(name: str) -> bool:
    """A country, or a compass part of one ("northern Kenya")."""
    low = name.lower()
    return low in countries() or (_COMPASS_PART.match(low) is not None and low.split(" ", 1)[1] in countries())


_COMPASS_PART = re.compile(rf"(?:{COMPASS})\s")
