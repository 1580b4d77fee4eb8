"""Stage 4, time: date expressions normalised to EDTF at the text's own granularity.

Handles days, months, years, decades, seasons, early/mid/late, "around", "by", "since", "until",
"as early as", "from X through Y", "between X and Y", "2013-2016", and relative expressions
("two years later", "days later", "that year", "the following month", "last year") resolved against the
paragraph's previous date or the document's publication date.

>>> [t.edtf for t in find_times("In the autumn of 2016 and by mid-2017, then on 6 March 2015.")]
['2016-23', '2017-38', '2015-03-06']
"""

from __future__ import annotations

import re

from factionmap.edtf import PART_CODE, SEASON_CODE, decade_part, widen_to_decade
from factionmap.model import Extraction, Mention, TimeExpr

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 2,
    "few": 2,
}

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
# "the end of 1934", "the beginning of 2013", "the middle of 1973": the late, early and mid part of the year
_PART_WORDS = {
    "end": "late",
    "close": "late",
    "latter half": "late",
    "second half": "late",
    "beginning": "early",
    "start": "early",
    "first half": "early",
    "middle": "mid",
}
_PART_OF = r"(?:end|close|latter\s+half|second\s+half|beginning|start|first\s+half|middle)"
_BASE = (
    rf"(?:{_DAY}\s+{_MON},?\s+{_YEAR}|{_MON}\s+{_DAY},\s*{_YEAR}|{_MON}\s+{_DAY}\s+{_YEAR}"
    rf"|(?:(?:the\s+)?(?:early|mid|late)[- ]?|(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?\s+"
    rf"|(?:the\s+)?{_PART_OF}\s+of\s+)?"
    rf"(?:{_MON},?\s+)?(?:(?:the\s+)?{_YEAR}s|{_YEAR}))(?![\d,]\d)"
)
_DATED = rf"(?:{_DAY}\s+{_MON},?\s+{_YEAR}|{_MON}\s+{_DAY},\s*{_YEAR}|{_MON},?\s+{_YEAR})"
# every alternative of the grammar holds a year (1800-2099), a month's name or one of these words
_MAYBE = re.compile(rf"1[89]\d\d|20\d\d|\b(?:years?|months?|weeks?|days?|currently|present|now)\b|\b(?-i:{_MON})", re.I)
_PATTERN = re.compile(
    rf"(?P<between>\bbetween\s+(?P<b1>{_BASE})\s+and\s+(?P<b2>{_BASE}))"
    # "between 28 March and 1 April 2004", "from May to July 2010": the first end borrows the last's year
    rf"|(?P<open>\b(?:between|from)\s+(?P<o1>{_DAY}\s+{_MON}|{_MON}\s+{_DAY}|{_MON})\s*(?:and|to|through|until|-)\s*"
    rf"(?P<o2>(?:{_DAY}\s+)?{_MON}(?:\s+{_DAY},)?\s+{_YEAR}))"
    # "March-April 2004", "the spring and summer of 2008": two months or seasons of one year
    rf"|(?P<pair>\b(?:the\s+)?(?P<p1>{_MON}|spring|summer|autumn|fall|winter)\s*(?:-|–|and|to)\s*(?:the\s+)?"
    rf"(?P<p2>{_MON}|spring|summer|autumn|fall|winter)(?:\s+of)?\s+(?P<py>{_YEAR})(?![\d,]\d))"
    rf"|(?P<fromto>\bfrom\s+(?P<f1>{_BASE})\s*(?:to|through|until|till|-)\s*(?P<f2>{_BASE}))"
    # "19 May 1925 – 15 April 1998", "December 1979 – February 1989": two dates that each name their month
    rf"|(?P<drange>(?<![\w-])(?P<r1>{_DATED})\s*[-–]\s*(?P<r2>{_DATED})(?![\d,]\d))"
    rf"|(?P<yrange>(?<![\d,])(?P<y1>{_YEAR})\s*-\s*(?P<y2>{_YEAR}|\d\d)(?![\d,]))"
    rf"|(?P<mod>\b(?P<word>since|until|till|through|by|on\s+or\s+before|as\s+early\s+as|as\s+late\s+as|around|about|circa|"
    rf"approximately|before|after|prior\s+to|in|on|of|during)\s+(?P<m1>{_BASE})(?!\s*-\s*\d))"
    rf"|(?P<base>(?<![\w-])(?P<x1>{_BASE})(?!\s*-\s*\d))"
    # "On 17 November", "in July,": a day or month without its year takes the year of the paragraph's last date
    rf"|(?P<noyear>\b(?P<nw>on|in|by|until|since|during)\s+(?P<nd>(?-i:{_DAY}\s+{_MON}|{_MON}\s+{_DAY}|{_MON}))"
    rf"(?![\w-])(?!\s*,?\s*(?:\d|of\s+\d))"
    rf"(?!\s*(?:-|–|and|or|to|through|until)\s*(?:the\s+)?(?:{_DAY}\s+)?(?-i:{_MON}|spring|summer|autumn|fall|winter)))"
    rf"|(?P<rel>\b(?:(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+"
    rf"(?P<unit>years?|months?|weeks?|days?)|(?P<units>days|weeks))\s+(?P<dir>later|earlier|after|afterwards|before|prior))"
    rf"|(?P<same>\b(?:(?:later|earlier)\s+)?(?:that|the\s+same|the\s+following|the\s+next|the\s+previous|"
    rf"the\s+preceding)\s+(?P<sunit>year|month))"
    rf"|(?P<pub>\b(?P<pword>last\s+year|this\s+year|next\s+year|currently|at\s+present|as\s+of\s+now))",
    re.I,
)


def parse_base(text: str) -> str | None:
    """One date phrase without modifiers → EDTF, or None.

    >>> parse_base("26 January 2015"), parse_base("early 2015"), parse_base("the 1990s"), parse_base("the late 1970s")
    ('2015-01-26', '2015-37', '199X', '[1977..1979]')
    """
    t = re.sub(r"\s+", " ", text.strip().lower()).replace(",", "")
    t = re.sub(r"^the ", "", t)
    part_of = re.match(rf"({_PART_OF}) of (?:the )?", t)
    if part_of:  # "the end of 1934" is late 1934
        t = f"{_PART_WORDS[part_of.group(1)]} {t[part_of.end() :]}"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.? (\d{4})", t)
    if m and m.group(2) in MONTHS:
        return f"{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})", t)
    if m and m.group(1) in MONTHS:
        return f"{m.group(3)}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    m = re.fullmatch(
        r"(?:(early|mid|late)[- ]?|(spring|summer|autumn|fall|winter) (?:of )?)?(?:([a-z]+)\.? )?"
        r"(?:the )?(\d{4})(s?)",
        t,
    )
    if not m:
        return None
    part, season, month, year, decade = m.groups()
    if decade and part and not month and year.endswith("0"):  # "the early 1990s": one of 1990-1993
        return decade_part(year[:3] + "X", part)
    if decade:
        return year[:3] + "X"
    if month:
        if month not in MONTHS:
            return None
        return f"{year}-{MONTHS[month]:02d}"
    if season:
        return f"{year}-{SEASON_CODE[season]}"
    if part:
        return f"{year}-{PART_CODE[part]}"
    return year


def _shift(anchor: str, n: int, unit: str, sign: int) -> str:
    year = int(anchor[:4])
    month = int(anchor[5:7]) if len(anchor) >= 7 and anchor[5:7].isdigit() and int(anchor[5:7]) <= 12 else None
    if unit.startswith("year"):
        return f"{year + sign * n:04d}" + (f"-{month:02d}" if month and n == 0 else "")
    if unit.startswith("month") and month:
        total = year * 12 + (month - 1) + sign * n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit.startswith(("day", "week")) and month:
        return anchor[:7] if sign > 0 and n < 4 else f"{year:04d}"
    return f"{year:04d}"


def find_times(
    text: str,
    start: int = 0,
    end: int | None = None,
    anchor: str | None = None,
    published: str | None = None,
    carried: str | None = None,
) -> list[TimeExpr]:
    """Every date expression in ``text[start:end]``; relative ones resolved against ``anchor``."""
    out: list[TimeExpr] = []
    stop = len(text) if end is None else end
    if not _MAYBE.search(text, start, stop):
        return out  # no year and no relative word: nothing the grammar could match
    for m in _PATTERN.finditer(text, start, stop):
        g = m.groupdict()
        expr: TimeExpr | None = None
        if g["open"] or g["pair"]:
            if g["open"]:  # the first end borrows the year of the last
                hi = parse_base(g["o2"])
                lo = parse_base(f"{g['o1']} {hi[:4]}") if hi else None
            else:
                lo, hi = parse_base(f"{g['p1']} {g['py']}"), parse_base(f"{g['p2']} {g['py']}")
            if lo and hi and lo[:4] == hi[:4]:
                expr = TimeExpr(m.start(), m.end(), lo, "span", hi)
        elif g["between"] or g["fromto"] or g["drange"]:
            a, b = (g["b1"], g["b2"]) if g["between"] else (g["f1"], g["f2"]) if g["fromto"] else (g["r1"], g["r2"])
            lo, hi = parse_base(a), parse_base(b)
            if lo and hi and g["drange"] and lo[:4] > hi[:4]:  # "March 2016 - July 2014": two dates, no span
                out.append(TimeExpr(m.start("r1"), m.end("r1"), lo, "point"))
                expr = TimeExpr(m.start("r2"), m.end("r2"), hi, "point")
            elif lo and hi:
                expr = TimeExpr(m.start(), m.end(), lo, "span", hi)
        elif g["yrange"]:
            y2 = g["y2"] if len(g["y2"]) == 4 else g["y1"][:2] + g["y2"]
            if int(y2) > int(g["y1"]):
                expr = TimeExpr(m.start(), m.end(), g["y1"], "span", y2)
        elif g["mod"]:
            value = parse_base(g["m1"])
            word = re.sub(r"\s+", " ", g["word"].lower())
            if value:
                s = m.start("m1") if word in ("in", "on", "of", "during") else m.start()
                if word == "since":
                    expr = TimeExpr(s, m.end(), value, "start")
                elif word in ("until", "till") and re.search(
                    r"(?:\bnot|n't)\s+(?:\w+\s+)?$", text[max(0, m.start() - 20) : m.start()]
                ):
                    expr = TimeExpr(m.start("m1"), m.end(), value, "point")  # "it was not until 2014 that …"
                elif word in ("until", "till", "through"):
                    expr = TimeExpr(s, m.end(), value, "end")
                elif word in ("around", "about", "circa", "approximately"):
                    expr = TimeExpr(s, m.end(), value + "~", "point")
                elif word in ("before", "prior to"):
                    expr = TimeExpr(s, m.end(), value, "before")
                elif word == "after":
                    expr = TimeExpr(s, m.end(), value, "after")
                elif word in ("by", "on or before"):
                    expr = TimeExpr(s, m.end(), value, "by")
                else:
                    expr = TimeExpr(s, m.end(), value, "point")
        elif g["base"]:
            value = parse_base(g["x1"])
            if value:
                expr = TimeExpr(m.start(), m.end(), value, "point")
        elif g["noyear"] and (borrowed := (anchor or carried or "")[:4]).isdigit():
            value = parse_base(f"{g['nd']} {borrowed}")
            word = g["nw"].lower()
            if value:
                role = {"since": "start", "until": "end", "by": "by"}.get(word, "point")
                expr = TimeExpr(m.start("nd") if role == "point" else m.start(), m.end(), value, role)
        elif g["rel"] and anchor:
            # "Days later", "weeks earlier": a few of them
            n = 2 if g["n"] is None else int(g["n"]) if g["n"].isdigit() else NUMBERS.get(g["n"].lower(), 1)
            sign = 1 if g["dir"].lower() in ("later", "after", "afterwards") else -1
            unit = (g["unit"] or g["units"]).lower()
            expr = TimeExpr(m.start(), m.end(), _shift(anchor, n, unit, sign), "relative")
        elif g["same"] and anchor:
            unit = g["sunit"].lower()
            phrase = g["same"].lower()
            step = (
                1
                if "following" in phrase or "next" in phrase
                else -1
                if ("previous" in phrase or "preceding" in phrase)
                else 0
            )
            if unit == "year":
                expr = TimeExpr(m.start(), m.end(), f"{int(anchor[:4]) + step:04d}", "relative")
            elif len(anchor) >= 7 and int(anchor[5:7]) <= 12:
                expr = TimeExpr(
                    m.start(),
                    m.end(),
                    _shift(anchor[:7], abs(step), "month", step or 1) if step else anchor[:7],
                    "relative",
                )
        elif g["pub"] and published:
            word = re.sub(r"\s+", " ", g["pword"].lower())
            year = int(published[:4])
            value = {"last year": f"{year - 1}", "next year": f"{year + 1}", "this year": f"{year}"}.get(
                word, published[:10]
            )
            expr = TimeExpr(m.start(), m.end(), value, "relative")
        if expr is not None:
            if "[" in expr.edtf + (expr.end_edtf or "") and not (expr.role == "point" and expr.edtf.endswith("]")):
                # a part of a decade is one of its years: a plain date, never a bound nor approximate ("around
                # the early 1990s", "since the late 1970s" keep their decade)
                expr.edtf = widen_to_decade(expr.edtf)
                expr.end_edtf = widen_to_decade(expr.end_edtf) if expr.end_edtf else None
            out.append(expr)
            anchor = _anchor(expr) or anchor
    return out


def _anchor(t: TimeExpr) -> str | None:
    """The date ``t`` sets for what follows it to count from, if any: none from a relative date, a decade or a
    part of one."""
    if t.role == "relative" or "X" in t.edtf or "[" in t.edtf:
        return None
    return t.end_edtf or t.edtf.rstrip("~?")


def timex(ext: Extraction) -> Extraction:
    """Find the dates of every paragraph, carrying the anchor from one sentence to the next; a day or month
    without its year takes the year of the last date before it, in its paragraph or an earlier one.

    >>> from factionmap.pipeline import extract_rules
    >>> ext = extract_rules("The front formed in 2015.\\n\\nOn 17 November, it split. In 2016 it ended.")
    >>> [t.edtf for t in ext.times]
    ['2015', '2015-11-17', '2016']
    """
    anchor: str | None = None
    last: str | None = None
    para = -1
    for s in ext.sentences:
        if s.paragraph != para:
            para, anchor = s.paragraph, None
        found = find_times(ext.analysis, s.start, s.end, anchor, ext.published, carried=last)
        for t in found:
            if (set_by := _anchor(t)) is not None:
                anchor = last = set_by
        ext.times.extend(found)
    return ext


_PARTICIPLE = re.compile(r"^\s*(?:Founded|Established|Formed|Created|Born|Set up|Launched|Organi[sz]ed)\b")


_UNDATED_REMARK = re.compile(r"\s*\((?:deceased|died|killed|dead|d\.|†)", re.I)


# a date that belongs to another event of the sentence: "after his death in 1998", "killed by Israel in 1984",
# "the 2019 Harvel bombings", "the 1994 kidnappings" (words of deaths and attacks are a killing's own)
_DEATH_WORDS = (
    "death|deaths|killing|killings|assassination|assassinations|murder|murders|killed|assassinated|murdered|"
    "executed|execution|died|bombing|bombings|attack|attacks|strike|airstrike|massacre"
)
_OTHER_EVENT_WORDS = (
    "invasion|kidnapping|kidnappings|abduction|release|arrest|capture|election|elections|siege|uprising|coup|"
    "resignation|detention|imprisonment|arrested|released|captured|kidnapped|abducted|invaded|elected|detained|"
    "imprisoned"
)
_EVENT_BEFORE = re.compile(
    rf"\b(?P<w>{_DEATH_WORDS}|{_OTHER_EVENT_WORDS})\s+(?:(?!and\b|but\b|was\b|were\b|which\b|who\b)[\w'-]+\s+){{0,3}}?"
    r"(?:in|on|during|around)\s+$",
    re.I,
)
_EVENT_AFTER = re.compile(rf"\s*(?:[A-Z][\w'.-]*\s+){{0,4}}(?P<w>(?i:{_DEATH_WORDS}|{_OTHER_EVENT_WORDS}))\b")
_DEATH = re.compile(rf"(?:{_DEATH_WORDS})", re.I)
# "a day after the group was established", "two years before": the sentence's date is of the other event
_OFFSET = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|\d+)\s+(?:days?|weeks?|months?|"
    r"years?|decades?)\s+(?:after|before|prior\s+to)\b",
    re.I,
)


def _offset_of_other(text: str, t: TimeExpr, trigger_start: int, end: int) -> bool:
    """True when the fact is told inside "a day after …" next to the date: the date is of the other event."""
    m = _OFFSET.search(text, t.start, min(end, t.end + 40))
    if m is None:
        return False
    stop = re.compile(r"[,;]|\.\s").search(text, m.end(), end)
    return m.end() <= trigger_start < (stop.start() if stop else end)


# the single events whose date the sentence's other events must not lend: a death, a founding (a state may
# well begin at another event: "after the death of X in 2016, Y led the group")
_EVENTS = frozenset({"killed", "founded", "founded_on"})
# "the newly established X": its founding precedes the sentence's date
_NEWLY = re.compile(r"\b(?:newly|recently|freshly|just)[\s-]+$", re.I)


_KILLING_OF_BEFORE = re.compile(r"\b(?:assassination|killing|murder|execution|death)\s+of\s+(?:[\w'-]+\s+){0,4}$", re.I)
_KILLING_OF_AFTER = re.compile(r"\b(?:assassination|killing|murder|execution|death)s?\b", re.I)
_SHARED_DEATHS = re.compile(r"(?:assassinations|killings|murders|deaths|executions)", re.I)


# a coordinated clause of its own: ", and Y is …", "; Y was …", ", but Y …" (what lies across it is another
# statement, with its own dates)
_CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s|;\s", re.I)


# a date that opens its sentence ("In 1973 a coup …, and Y was established") dates every clause of it
_FRONTED = re.compile(
    r"\s*(?:(?:In|On|By|During|From|Since|Around|Until|Between|At|Throughout|Over|Early|Late)"
    r"(?:\s+(?:early|late|mid|the|end|beginning|start|middle|of|spring|summer|autumn|fall|winter)){0,3}\s+)?"
)


def _across_clauses(text: str, t: TimeExpr, ta: int, tb: int, lo: int) -> bool:
    """True when a clause boundary (", and", "; ", ", but") lies between the date ``t`` and the trigger,
    and the date does not open the sentence (which starts at ``lo``).

    >>> text = "X was listed in 2004, and Y is one of Z's founders."
    >>> _across_clauses(text, TimeExpr(16, 20, "2004"), 42, 50, 0)
    True
    >>> _across_clauses("In 1973 a coup took place, and Y was founded.", TimeExpr(3, 7, "1973"), 37, 44, 0)
    False
    >>> _across_clauses("Y, one of Z's founders in 2004, and others", TimeExpr(26, 30, "2004"), 14, 22, 0)
    False
    """
    if t.end <= ta and _FRONTED.fullmatch(text, lo, t.start):
        return False
    start, end = (t.end, ta) if t.end <= ta else (tb, t.start)
    return start < end and _CLAUSE_JOIN.search(text, start, end) is not None


def _other_event(text: str, t: TimeExpr, rel: str, lo: int) -> bool:
    """True when the date ``t`` dates another event of its sentence than a fact of relation ``rel``."""
    own = ("killed",)
    for m in (_EVENT_BEFORE.search(text, max(lo, t.start - 60), t.start), _EVENT_AFTER.match(text, t.end)):
        if m is None:
            continue
        if rel in own and _DEATH.fullmatch(m.group("w")):
            continue  # "killed in an airstrike in 2015": the killing's own date
        return True
    return False


# a life's dates in brackets right after the name: "X (19 May 1925 – 15 April 1998)", "X (born Y; 1925–1998)"
_LIFE_OPEN = re.compile(r"\s*\((?:[^();]{0,60};\s*)?|;\s*")  # after the name, or after "(born Y" inside
_LIFE_CLOSE = re.compile(r"\s*\)")


def lives(text: str, times: list[TimeExpr], names: list[Mention], people: set[int]) -> dict[tuple[int, int], set[int]]:
    """The spans of ``times`` that bracket a life right after a name of one of the ``people`` (entity ids),
    with the entities whose life each is: they date a death, and nothing else of their sentence.

    >>> from factionmap.pipeline import extract_text
    >>> ext = extract_text("Ali Bar (3 May 1920 - 5 June 1990) led the Vale Front from 1950 to 1960.")
    >>> people = {k for k, e in enumerate(ext.entities) if e.type == "PERSON"}
    >>> {ext.analysis[a:b]: sorted(ext.entities[e].name for e in who) for (a, b), who in lives(
    ...     ext.analysis, ext.times, ext.mentions, people).items()}
    {'3 May 1920 - 5 June 1990': ['Ali Bar']}
    """
    out: dict[tuple[int, int], set[int]] = {}
    for t in times:
        if t.role != "span" or len(t.edtf) < 7 or len(t.end_edtf or "") < 7 or not _LIFE_CLOSE.match(text, t.end):
            continue  # a life is given to the month or day: "Prime Minister (1944–1963)" is a term of office
        for m in names:
            if m.entity in people and m.end <= t.start <= m.end + 80 and _LIFE_OPEN.fullmatch(text, m.end, t.start):
                out.setdefault((t.start, t.end), set()).add(m.entity)
    return out


def attach_dates(ext: Extraction) -> Extraction:
    """Give every fact the date its sentence states nearest to its trigger (same clause first), leaving out the
    dates of the sentence's other events ("after his death in 1998", "a day after it was founded", "the
    newly founded X"); a killing is dated nearest to its victim ("the assassinations of A in 1991 and B in
    1993")."""
    times = sorted(ext.times, key=lambda t: t.start)
    text = ext.analysis
    spans: dict[int, list[tuple[int, int]]] = {}  # entity → its mentions
    for m in ext.mentions:
        spans.setdefault(m.entity, []).append((m.start, m.end))
    life = lives(text, times, ext.mentions, {k for k, e in enumerate(ext.entities) if e.type == "PERSON"})
    for f in ext.facts:
        a, b = f.evidence
        inside = [t for t in times if a <= t.start and t.end <= b]
        if not inside:
            continue
        ta, tb = f.trigger
        if f.relation == "killed":  # "Pol Pot (born Saloth Sâr; 19 May 1925 – 15 April 1998)": the life's end
            own_life = next((t for t in inside if f.subject in life.get((t.start, t.end), ())), None)
            if own_life is not None:
                f.date = own_life.end_edtf
                continue
        inside = [t for t in inside if (t.start, t.end) not in life]  # a life does not date what its person did
        if not inside:
            continue
        if _UNDATED_REMARK.match(text, ta, tb):
            continue  # "X (deceased) signed a decree in 1998": the sentence's date is not his death's
        if f.relation in ("founded", "founded_on") and _NEWLY.search(text, max(a, ta - 12), ta):
            continue
        inside = [
            t
            for t in inside
            if f.relation not in _EVENTS
            or not (
                _other_event(text, t, f.relation, a)
                or _offset_of_other(text, t, ta, b)
                or _across_clauses(text, t, ta, tb, a)
            )
        ]
        if not inside:
            continue
        if f.relation == "killed" and (
            any(ta <= t.start and t.end <= tb for t in inside) or _SHARED_DEATHS.fullmatch(text, ta, tb)
        ):  # a trigger that spans other dates, or one noun for many deaths: the victim's own date is nearest him
            victim = [(x, y) for x, y in spans.get(f.subject, ()) if a <= x and y <= b and (x >= tb or y <= ta)]
            if victim and all(m[0] >= tb for m in victim):  # "the assassinations of A in 1991 and B in 1993"
                ta, tb = min(victim)
        if f.relation == "killed":
            # "the assassination of A … on 21 May 1991, the assassination of B … on 1 May 1993": B's own phrase
            # (from "the assassination of B" to the next killing) holds B's date
            for x, y in spans.get(f.subject, ()):
                if a <= x and y <= b and _KILLING_OF_BEFORE.search(text, max(a, x - 50), x):
                    nxt = _KILLING_OF_AFTER.search(text, y, b)
                    own = [t for t in inside if y <= t.start and t.end <= (nxt.start() if nxt else b)]
                    if own:
                        inside = own
                    break

        def distance(t: TimeExpr, ta: int = ta, tb: int = tb, a: int = a) -> tuple[int, int, int]:
            lo, hi = (t.end, ta) if t.end <= ta else (tb, t.start) if t.start >= tb else (0, 0)
            crosses = 1 if re.search(r"[;:]|\.\s", text[lo:hi]) else 0
            comma = 1 if "," in text[lo:hi] and _PARTICIPLE.match(text[a : t.start]) else 0
            return crosses, comma, max(0, hi - lo)

        best = min(inside, key=distance)
        if distance(best)[1] or (best.start >= tb and re.search(r":\s", text[tb : best.start])):
            continue  # a date of another clause ("Founded in 1998 by X, the group is based in…"; "since its
            # formation: in May 2019 it …" — what follows a colon elaborates, its dates are its own)
        if best.role in ("before", "after"):
            continue
        if best.role == "span":
            f.start, f.end = best.edtf, best.end_edtf
        elif best.role == "start":
            f.start = best.edtf
        elif best.role == "end":
            f.end = best.edtf
        else:
            f.date = best.edtf
    return ext
