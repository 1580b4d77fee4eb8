"""The subset of EDTF (ISO 8601-2) that factionmap writes, with day bounds for range queries.

Forms: ``2015``, ``2015-02``, ``2015-02-09``; seasons ``2016-21`` (spring) … ``2016-24`` (winter);
early/mid/late as the EDTF level-2 quadrimesters ``2015-37`` / ``2015-38`` / ``2015-39``;
decades ``199X``; a part of a decade as the EDTF level-2 set of its years (``[1990..1993]``, one of them:
"the early 1990s"); a ``~`` (approximate), ``?`` (uncertain) or ``%`` suffix; intervals ``A/B``,
``../B`` and ``A/..``.

>>> bounds("2015-21")
('2015-03-01', '2015-05-31')
>>> bounds("2013/2016")
('2013-01-01', '2016-12-31')
>>> to_gold("2015-37")
'2015-early'
>>> decade_part("199X", "early"), bounds("[1990..1993]"), to_gold("[1997..1999]")
('[1990..1993]', ('1990-01-01', '1993-12-31'), '199X-late')
"""

from __future__ import annotations

import calendar
import re

from factionmap.errors import DateError

_POINT = re.compile(r"^(\d{4}|\d{3}X)(?:-(\d{2}))?(?:-(\d{2}))?([~?%])?$")
# sub-year groupings: season codes 21-24, quadrimesters 37-39 (early / mid / late)
SUBYEAR = {
    21: (3, 5),
    22: (6, 8),
    23: (9, 11),
    24: (12, 14),
    37: (1, 4),
    38: (5, 8),
    39: (9, 12),
}
SEASON_CODE = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
PART_CODE = {"early": 37, "mid": 38, "late": 39}
_GOLD_WORD = {21: "spring", 22: "summer", 23: "autumn", 24: "winter", 37: "early", 38: "mid", 39: "late"}
# the years of a decade its early, mid and late part stand for
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_SET = re.compile(r"^\[(\d{4})\.\.(\d{4})\]$")


def decade_part(decade: str, part: str) -> str:
    """The years of the ``part`` ("early", "mid" or "late") of a ``decade`` (``199X``), as an EDTF set."""
    first, last = DECADE_PARTS[part]
    base = int(decade[:3]) * 10
    return f"[{base + first}..{base + last}]"


def widen_to_decade(value: str) -> str:
    """A part of a decade widened to its decade, keeping a qualifier: ``[1990..1993]~`` → ``199X~``; any other
    date unchanged.

    >>> widen_to_decade("[1977..1979]"), widen_to_decade("[1990..1993]~"), widen_to_decade("2015")
    ('197X', '199X~', '2015')
    """
    m = re.fullmatch(r"\[(\d{3})\d\.\.\d{4}\]([~?%]?)", value)
    return f"{m.group(1)}X{m.group(2)}" if m else value


def _point_bounds(text: str) -> tuple[str, str]:
    m = _POINT.match(text)
    if not m:
        raise DateError(f"not an EDTF date factionmap writes: {text!r}")
    year_s, mm, dd, _q = m.groups()
    if "X" in year_s:
        lo_y, hi_y = int(year_s.replace("X", "0")), int(year_s.replace("X", "9"))
        return f"{lo_y:04d}-01-01", f"{hi_y:04d}-12-31"
    year = int(year_s)
    if mm is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(mm)
    if month in SUBYEAR:
        if dd is not None:
            raise DateError(f"a season or part of a year takes no day: {text!r}")
        first, last = SUBYEAR[month]
        last_year = year + (1 if last > 12 else 0)
        last = last - 12 if last > 12 else last
        end_day = calendar.monthrange(last_year, last)[1]
        return f"{year:04d}-{first:02d}-01", f"{last_year:04d}-{last:02d}-{end_day:02d}"
    if not 1 <= month <= 12:
        raise DateError(f"month out of range in {text!r}")
    days = calendar.monthrange(year, month)[1]
    if dd is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{days:02d}"
    day = int(dd)
    if not 1 <= day <= days:
        raise DateError(f"day out of range in {text!r}")
    return f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}-{day:02d}"


def bounds(text: str | None) -> tuple[str | None, str | None]:
    """Earliest and latest day (ISO) an EDTF date or interval can stand for; open ends are None."""
    if not text:
        return None, None
    one_of = _SET.match(text)
    if one_of:
        if int(one_of.group(1)) > int(one_of.group(2)):
            raise DateError(f"a set of years runs backwards: {text!r}")
        return f"{one_of.group(1)}-01-01", f"{one_of.group(2)}-12-31"
    if "/" in text:
        left, right = text.split("/", 1)
        lo = None if left in ("..", "") else _point_bounds(left)[0]
        hi = None if right in ("..", "") else _point_bounds(right)[1]
        return lo, hi
    return _point_bounds(text)


def is_valid(text: str) -> bool:
    """True when ``text`` is an EDTF date or interval of the forms factionmap writes."""
    try:
        bounds(text)
    except DateError:
        return False
    return True


def year_of(text: str | None) -> int | None:
    """The first year an EDTF value names (the start of an interval), or None."""
    if not text:
        return None
    m = re.search(r"\d{4}", text)
    return int(m.group()) if m else None


def to_gold(text: str) -> str:
    """Write an EDTF point in the gold files' notation (``2015-37`` → ``2015-early``)."""
    m = _POINT.match(text)
    if m and m.group(2) and int(m.group(2)) in _GOLD_WORD:
        return f"{m.group(1)}-{_GOLD_WORD[int(m.group(2))]}"
    one_of = _SET.match(text)
    if one_of:
        for part in DECADE_PARTS:
            if decade_part(one_of.group(1)[:3] + "X", part) == text:
                return f"{one_of.group(1)[:3]}X-{part}"
    return text.rstrip("~?%")


def from_gold(text: str) -> str:
    """Read the gold notation (``2016-autumn``, ``2015-07-early``) as EDTF."""
    t = text.strip()
    m = re.match(r"^(\d{3}X)-(early|mid|late)$", t)
    if m:
        return decade_part(m.group(1), m.group(2))
    m = re.match(r"^(\d{4})-(\d{2})-(early|mid|late)$", t)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = re.match(r"^(\d{4})-([a-z]+)$", t)
    if m:
        word = m.group(2)
        code = SEASON_CODE.get(word) or PART_CODE.get(word)
        if code:
            return f"{m.group(1)}-{code}"
    return t


def same_date(gold: str, system: str) -> bool:
    """The scoring rule: same year, and the same month or qualifier where the gold has one.

    >>> same_date("199X-early", "[1990..1993]"), same_date("199X", "[1997..1999]"), same_date("1998", "[1997..1999]")
    (True, True, False)
    """
    if _SET.match(from_gold(gold)):  # a part of a decade: the same part
        return from_gold(system) == from_gold(gold)
    g = from_gold(gold).split("/")[0].rstrip("~?%")
    s = widen_to_decade(from_gold(system))  # a part of a decade is as right as its decade: "199X" yes, "1998" no
    s = s.split("/")[0] if not s.startswith("..") else s.split("/")[-1]
    s = s.rstrip("~?%")
    if g[:4] != s[:4]:
        return False
    g_parts, s_parts = g.split("-"), s.split("-")
    if len(g_parts) >= 2:
        return len(s_parts) >= 2 and g_parts[1] == s_parts[1]
    return True
