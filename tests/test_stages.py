"""Stage contracts: each stage of the pipeline reads and writes only the ``Extraction`` fields it declares.

Every stage runs twice on a small text that exercises it: once as the pipeline runs it, and once with every
field it does not declare replaced by a value that fails on any use. The second run must not fail and must
write the same; the first must leave every undeclared field as it found it; and each field a stage declares
it reads is one it cannot do without.
"""

from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any, NoReturn

import pytest

from factionmap import pipeline
from factionmap.learn.linear import shipped
from factionmap.model import Extraction
from factionmap.reader import normalise

TEXT = (
    "The Tehrik-e Sabr Pakistan (TSP, 'Patience Movement') is a splinter group of the Tehrik-e Qamar Pakistan "
    "(TQP). It was founded in 2011 by Mullah Zarif Gul (deceased), who was killed in a drone strike in mid-2013. "
    "The TSP (not to be confused with the Sabr Charity Trust) reportedly received funding from the Sabr Charity "
    "Trust and claimed 2,500 fighters in 2014.\n"
    "Last year the Karvan Front may have pledged allegiance to the Crescent State (QDe.901). The Karvan Front was "
    "listed on "
    "6 July 2015 pursuant to paragraphs 3 and 5 of resolution 2253 (2015). The TQP was disbanded in 2017."
)
FIELDS = [f.name for f in fields(Extraction)]


class Poison:
    """A field's stand-in that fails on any use: reading it is the error the test looks for."""

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)

    def _fail(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise AssertionError(f"the stage used the undeclared field {object.__getattribute__(self, '_name')!r}")

    __getattr__ = __setattr__ = __iter__ = __len__ = __getitem__ = __setitem__ = __contains__ = _fail
    __bool__ = __eq__ = __lt__ = __gt__ = __add__ = __radd__ = __str__ = __index__ = __hash__ = _fail
    __fspath__ = __reversed__ = __mul__ = __format__ = _fail


def stage_inputs(stages: tuple[pipeline.Stage, ...]) -> list[tuple[pipeline.Stage, Extraction]]:
    """Each stage with the extraction it receives in the pipeline."""
    ext = Extraction(text=TEXT, analysis=normalise(TEXT), published="2016-01-01")
    seen = []
    for stage in stages:
        seen.append((stage, copy.deepcopy(ext)))
        ext = stage.run(ext)
    return seen


def learned_stages() -> tuple[pipeline.Stage, ...]:
    """The full pipeline with the shipped model (the suite otherwise runs the rule stages alone)."""
    model = shipped()
    from factionmap.components import learned

    return tuple(
        pipeline.Stage(s.name, lambda e: learned.learned(e, model), s.reads, s.writes) if s.name == "learned" else s
        for s in pipeline.STAGES
    )


CASES = [
    *stage_inputs(pipeline.RULE_STAGES),
    *[(s, e) for s, e in stage_inputs(learned_stages()) if s.name == "learned"],
]


@pytest.mark.parametrize("stage, given", CASES, ids=[s.name for s, _ in CASES])
def test_a_stage_changes_only_what_it_declares_it_writes(stage, given):
    before = copy.deepcopy(given)
    after = stage.run(copy.deepcopy(given))
    changed = sorted(f for f in FIELDS if getattr(after, f) != getattr(before, f))
    assert set(changed) <= set(stage.writes), f"{stage.name} changed {changed}, declares {stage.writes}"
    assert changed, f"{stage.name} changed nothing on the test text: give it something to do"


@pytest.mark.parametrize("stage, given", CASES, ids=[s.name for s, _ in CASES])
def test_a_stage_reads_only_what_it_declares(stage, given):
    expected = stage.run(copy.deepcopy(given))
    poisoned = copy.deepcopy(given)
    for f in FIELDS:
        if f not in stage.reads and f not in stage.writes:
            setattr(poisoned, f, Poison(f))
    got = stage.run(poisoned)
    for f in stage.writes:
        assert getattr(got, f) == getattr(expected, f), f"{stage.name} wrote {f} differently without the rest"


@pytest.mark.parametrize("stage, given", CASES, ids=[s.name for s, _ in CASES])
def test_a_stage_needs_every_field_it_declares_it_reads(stage, given):
    for f in set(stage.reads) - set(stage.writes):
        poisoned = copy.deepcopy(given)
        setattr(poisoned, f, Poison(f))
        with pytest.raises((AssertionError, TypeError)):  # a regular expression over a Poison is a TypeError
            stage.run(poisoned)


def test_every_declared_field_exists_and_the_order_holds():
    for stage in pipeline.STAGES:
        assert set(stage.reads) | set(stage.writes) <= set(FIELDS), stage.name
    pipeline.check_order(pipeline.STAGES)
    pipeline.check_order(pipeline.RULE_STAGES)
    bad = (pipeline.Stage("time", lambda e: e, reads=("sentences",), writes=("times",)),)
    with pytest.raises(ValueError, match="stage 'time' reads sentences, which no earlier stage writes"):
        pipeline.check_order(bad)


def test_the_poison_fails_on_use():
    p = Poison("facts")
    with pytest.raises(AssertionError, match="undeclared field 'facts'"):
        len(p)
    with pytest.raises(AssertionError, match="undeclared field 'facts'"):
        [x for x in p]  # noqa: C416
    with pytest.raises(AssertionError, match="undeclared field 'facts'"):
        p.append(1)
