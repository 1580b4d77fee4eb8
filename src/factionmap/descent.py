"""What the texts say of a person's descent — a tribe, a clan, a people — read right after a mention.

Texts of the field often place a person by descent: "Karim Dost was a Varzai Pashtun from the hills",
"Abu Saif, from the Tarkan tribe of the north", "Yusuf Ali, a Merka clansman". Two such statements about
one person that name different tribes (or clans, or peoples) cannot both be true: either the text disagrees
with itself, or two people of one name were taken for one (``query.contradictions`` shows both sentences).

Only what follows the mention is read, joined to it by an apposition (", ", ", who was ") or a copula
(" was ", " is "), so a statement about someone else in the sentence ("his father belonged to …") is not
taken for the person's own.

>>> read("Karim Dost was a Varzai Pashtun from the hills.", 10)
Descent(said='a Varzai Pashtun', tribe='Varzai', level='tribe', people='Pashtun')
>>> read("Abu Saif, from the Tarkan tribe of the north, was killed.", 8)
Descent(said='from the Tarkan tribe', tribe='Tarkan', level='tribe', people=None)
>>> read("Abu Saif, a Merka sub-clan elder", 8) is None
True
>>> disagree(read("Karim Dost was a Varzai Pashtun.", 10), read("Karim Dost, from the Tarkan tribe.", 10))
True
>>> disagree(read("Karim Dost was a Pashtun.", 10), read("Karim Dost, from the Tarkan tribe.", 10))
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factionmap import lexicon
from factionmap.model import norm

_NAME = r"(?:[A-Z][\w'’-]*\s+){%s}"  # capitalised words, each followed by a space
_KIN = r"tribe|clan|sub-tribe|sub-clan|subtribe|subclan|confederacy|confederation"


@dataclass(frozen=True)
class Descent:
    """One statement of descent: its words, the tribe or clan it names (and at which level), the people."""

    said: str
    tribe: str | None
    level: str | None
    people: str | None


@cache
def _pattern() -> re.Pattern[str]:
    peoples = "|".join(sorted(map(re.escape, lexicon.words("peoples")), key=len, reverse=True))
    return re.compile(
        r"(?:,\s+(?:who\s+(?:was|is)\s+)?|\s+(?:was|is)\s+)"
        r"(?P<said>"
        r"(?:(?:an?\s+)?(?:member|native|son|scion)\s+of\s+|from\s+|of\s+|belonging\s+to\s+|born\s+into\s+)?"
        rf"the\s+(?P<tribe>{_NAME % '1,3'})(?P<kin>{_KIN})\b"
        rf"|an?\s+(?P<tribe2>{_NAME % '0,2'})(?P<people>{peoples})\b(?![\w-])"
        rf"|an?\s+(?P<tribe3>{_NAME % '1,3'})(?:tribesman|clansman)\b"
        r")"
    )


def read(text: str, end: int) -> Descent | None:
    """The descent stated right after a mention ending at ``end``, or None."""
    m = _pattern().match(text, end)
    if m is None:
        return None
    if m.group("kin"):
        tribe, kin = m.group("tribe").strip(), m.group("kin").lower()
        return Descent(m.group("said"), tribe, "sub" if kin.startswith("sub") else "tribe", None)
    if m.group("people"):
        tribe = m.group("tribe2").strip() or None
        if tribe and (tribe.lower() in lexicon.demonyms() or tribe.lower() in lexicon.places()):
            tribe = None  # "an Afghan Pashtun": a nationality, not a tribe
        return Descent(m.group("said"), tribe, "tribe" if tribe else None, m.group("people"))
    return Descent(m.group("said"), m.group("tribe3").strip(), "tribe", None)


def disagree(a: Descent | None, b: Descent | None) -> bool:
    """True when two statements name different tribes at the same level, or different peoples."""
    if a is None or b is None:
        return False
    if a.tribe and b.tribe and a.level == b.level and norm(a.tribe) != norm(b.tribe):
        return True
    return bool(a.people and b.people and norm(a.people) != norm(b.people))


def possible(text: str) -> bool:
    """A cheap test: can ``text`` hold a statement of descent at all?"""
    low = text.lower()
    return any(w in low for w in ("tribe", "clan", "confedera")) or any(p.lower() in low for p in _peoples())


@cache
def _peoples() -> frozenset[str]:
    return lexicon.words("peoples")
