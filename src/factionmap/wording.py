"""Words for readers: EDTF dates as a person says them, and relations as phrases in both directions.

The JSON answers and the exports keep EDTF; tables, pages and figures show these words.

>>> date_text("2015-37"), date_text("2016-23"), date_text("2014~"), date_text("199X"), date_text("[1990..1993]")
('early 2015', 'autumn 2016', 'c. 2014', '1990s', 'early 1990s')
>>> date_text("2013/2016"), date_text("../2016-05"), date_text("2015-02-09")
('2013–2016', 'by May 2016', '9 February 2015')
>>> phrase("killed"), phrase("killed", backward=True)
('was killed by', 'killed')
"""

from __future__ import annotations

import re
from typing import Any

from factionmap.edtf import to_gold

_POINT = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}))?(?:-(\d{2}))?([~?%])?$")
_SUBYEAR = {21: "spring", 22: "summer", 23: "autumn", 24: "winter", 37: "early", 38: "mid", 39: "late"}

# (subject → object, object → subject): "A <forward> B" and "B <backward> A" say the same fact.
PHRASES: dict[str, tuple[str, str]] = {
    "component_of": ("was part of", "had as a component"),
    "joined": ("joined", "was joined by"),
    "merged_into": ("merged into", "absorbed"),
    "splinter_of": ("split from", "had as a splinter"),
    "allegiance_to": ("pledged allegiance to", "received allegiance from"),
    "allied_with": ("was allied with", "was allied with"),
    "rival_of": ("was a rival of", "was a rival of"),
    "ceasefire_with": ("agreed a ceasefire with", "agreed a ceasefire with"),
    "funded_by": ("was funded by", "funded"),
    "supported_by": ("was supported by", "supported"),
    "leader_of": ("led", "was led by"),
    "founded": ("founded", "was founded by"),
    "member_of": ("was a member of", "had as a member"),
    "killed": ("was killed by", "killed"),
    "successor_of": ("succeeded", "was succeeded by"),
    "based_in": ("was based in", "hosted"),
    "designated": ("was designated by", "designated"),
}
# relations with no second entity: what the subject did or had
ATTRIBUTES: dict[str, str] = {
    "killed": "died or was killed",
    "founded_on": "was founded",
    "membership": "had members",
}

# a group's end (factionmap.model.LIFECYCLE), said of the group: "Reed Brigade was dissolved (autumn 2016)"
EVENTS: dict[str, str] = {
    "dissolved": "was dissolved",
    "defeated": "was defeated",
    "fractured": "fractured",
    "absorbed": "was absorbed into",
}


def event_phrase(kind: str) -> str:
    """A group's end in words: ``event_phrase("absorbed")`` is "was absorbed into".

    >>> event_phrase("dissolved"), event_phrase("fractured")
    ('was dissolved', 'fractured')
    """
    return EVENTS.get(kind, kind.replace("_", " "))


def event_text(kind: str, into: str | None = None, when: str = "") -> str:
    """A group's end as a profile says it: "dissolved autumn 2016", "absorbed into Ember Front 2019".

    >>> event_text("dissolved", when="autumn 2016"), event_text("absorbed", "Ember Front", "2019")
    ('dissolved autumn 2016', 'absorbed into Ember Front 2019')
    """
    words = f"{kind} into {into}" if kind == "absorbed" and into else kind
    return f"{words} {when}".strip()


_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _month(m: int) -> str:
    return _MONTHS[m]


def point_text(value: str) -> str:
    """One EDTF point in words: ``2016-23`` → "autumn 2016", ``2015~`` → "c. 2015"; unknown forms unchanged."""
    part = re.fullmatch(r"(\d{3})X-(early|mid|late)", to_gold(value)) if value.startswith("[") else None
    if part:  # "[1990..1993]": one of the early years of the decade
        return f"{part.group(2)} {part.group(1)}0s"
    m = _POINT.match(value)
    if not m:
        return value
    year, mm, dd, q = m.groups()
    if year.endswith("XX"):
        text = f"{year[:2]}00s"
    elif year.endswith("X"):
        text = f"{year[:3]}0s"
    elif mm is None:
        text = year
    elif int(mm) in _SUBYEAR:
        text = f"{_SUBYEAR[int(mm)]} {year}"
    elif 1 <= int(mm) <= 12 and dd is None:
        text = f"{_month(int(mm))} {year}"
    elif 1 <= int(mm) <= 12:
        text = f"{int(dd or 0)} {_month(int(mm))} {year}"
    else:
        return value
    if q == "~":
        return f"c. {text}"
    if q == "?":
        return f"{text}?"
    if q == "%":
        return f"c. {text}?"
    return text


def date_text(value: str | None) -> str:
    """An EDTF date or interval in words ("2013–2016", "by May 2016", "since 2014"); "" for none."""
    if not value:
        return ""
    if "/" in value:
        left, right = value.split("/", 1)
        if left in ("", "..") and right in ("", ".."):
            return ""
        if left in ("", ".."):
            return f"by {point_text(right)}"
        if right in ("", ".."):
            return f"since {point_text(left)}"
        return f"{point_text(left)}–{point_text(right)}"
    return point_text(value)


def when_text(fact: dict[str, Any]) -> str:
    """A fact's own date in words: its ``date``, or its ``start``/``end`` span; "" when undated."""
    if fact.get("date"):
        return date_text(fact["date"])
    start, end = fact.get("start"), fact.get("end")
    if start and end:
        return f"{point_text(start)}–{point_text(end)}"
    if start:
        return f"since {point_text(start)}"
    if end:
        return f"until {point_text(end)}"
    return ""


def name_period_text(status: str, since: str | None, until: str | None) -> str:
    """A name's period in words: "former name, until March 2019", "since 2017", "former name".

    >>> name_period_text("former", None, "2019-03"), name_period_text("current", "2017", None)
    ('former name, until March 2019', 'since 2017')
    """
    when = when_text({"start": since, "end": until})
    if status == "former":
        return "former name" + (f", {when}" if when else "")
    return when or "later name"


def day_text(iso: str | None) -> str:
    """An ISO day (``2015-02-09``) as "9 February 2015"; "" for none."""
    return point_text(iso) if iso else ""


def holds_text(start: str | None, until: str | None) -> str:
    """The span over which a fact holds, in words: "9 February 2015 – 3 May 2016", "since …", "until …"."""
    if start is None and until is None:
        return ""
    if until is None:
        return f"since {day_text(start)}"
    if start is None:
        return f"until {day_text(until)}"
    if start == until:
        return day_text(start)
    return f"{day_text(start)} – {day_text(until)}"


def phrase(relation: str, backward: bool = False, has_object: bool = True) -> str:
    """The relation as words read from the subject (or, ``backward``, from the object).

    A relation the table does not know is shown as its name with spaces.
    """
    if not has_object and relation in ATTRIBUTES:
        return ATTRIBUTES[relation]
    pair = PHRASES.get(relation)
    if pair is None:
        return relation.replace("_", " ")
    return pair[1] if backward else pair[0]


def sentence(fact: dict[str, Any]) -> str:
    """A fact as one short sentence from its subject: "Mullah Abdul Khadim was killed by United States"."""
    other = fact.get("object")
    if other is None and fact.get("value") is not None:
        value = fact["value"]
        if fact.get("relation") == "membership":
            high = fact.get("value_high")
            return (
                f"{fact['subject']} had {value:,}{f'–{high:,}' if high else ''} members"
                if isinstance(value, int | float)
                else f"{fact['subject']} had {value} members"
            )
    words = phrase(fact["relation"], has_object=other is not None)
    if fact.get("relation") == "leader_of" and fact.get("value") and other is not None:
        words = f"was {fact['value']} of"
    return f"{fact['subject']} {words} {other or ''}".strip()
