"""Stage 6, certainty: hedge and attribution cues in the clause that states a fact.

The strongest cue wins: denied, unclear, possible, claimed, reported; none means asserted.

>>> from factionmap.model import Extraction, Fact
>>> text = "Reports indicated that A joined B."
>>> ext = Extraction(text, text, facts=[Fact(0, "joined", 1, (0, len(text)), (25, 31))])
>>> certainty(ext).facts[0].certainty
'reported'
"""

from __future__ import annotations

import re
from functools import cache

from factionmap.lexicon import table
from factionmap.model import Extraction

_CLAUSE_BREAK = re.compile(
    r";|\.\s|,\s+(?:but|while|whereas|although|though|and then|before|after)\b|"
    r"\b(?:but|whereas|although)\b",
    re.I,
)


_LATER_DENIAL = re.compile(
    r"\b(?:later|subsequently|afterwards|but)\s+(?:\w+\s+){0,4}?(?:denied|rejected|refuted)\s+"
    r"(?:the|this|that|these|such|any)\s+(?:\w+\s+)?(?:agreement|claims?|reports?|deal|ceasefire|"
    r"truce|allegations?|pledge|merger|alliance|links?|ties)\b",
    re.I,
)


@cache
def cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The hedge table, compiled once, strongest first."""
    return tuple((name, re.compile(pattern, re.I)) for name, pattern in table("hedges"))


def clause(text: str, sent: tuple[int, int], trigger: tuple[int, int]) -> tuple[int, int]:
    """The clause of ``text`` around ``trigger`` within its sentence."""
    a, b = sent
    start = a
    for m in _CLAUSE_BREAK.finditer(text, a, trigger[0]):
        start = m.end()
    end = b
    brk = _CLAUSE_BREAK.search(text, trigger[1], b)
    if brk:
        end = brk.start()
    return start, end


# "a claimed membership of 245", "its reported support": the cue qualifies one noun phrase only
_ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|their|his|her|with)\s+(?:\w+\s+)?$", re.I)


def certainty_of(text: str, trigger: tuple[int, int] | None = None) -> str:
    """The certainty the cues in ``text`` give, or ``asserted``.

    With ``trigger`` (offsets into ``text``), a cue used as an adjective ("a claimed membership") only
    counts for a fact stated inside that noun phrase.
    """
    for name, pattern in cues():
        for m in pattern.finditer(text):
            if (
                trigger is not None
                and _ATTRIBUTIVE.search(text, max(0, m.start() - 20), m.start())
                and (trigger[1] < m.start() - 5 or trigger[0] > m.end() + 40)
            ):
                continue
            if trigger is not None and name in ("denied", "claimed") and m.start() >= trigger[1]:
                continue  # "the KF leader P denied the allegations": what P denies or claims comes after the verb
            return name
    return "asserted"


def certainty(ext: Extraction) -> Extraction:
    """Set each fact's certainty from the cues of its clause (a fact already denied stays so)."""
    for f in ext.facts:
        if f.certainty == "denied":
            continue  # the relations stage read a negated tie ("did not support"): denied whatever the cues say
        a, b = clause(ext.analysis, f.evidence, f.trigger)
        f.certainty = certainty_of(ext.analysis[a:b], (f.trigger[0] - a, f.trigger[1] - a))
        if f.certainty != "denied" and _LATER_DENIAL.search(ext.analysis, b, f.evidence[1]):
            f.certainty = "denied"
    return ext
