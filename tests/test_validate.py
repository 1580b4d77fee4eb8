"""The validation figures' bootstrap intervals: exact on cases whose answer is known."""

import pytest

from factionmap.learn.validate import Totals, difference_interval, interval


def totals(docs: list[tuple[int, int, int]]) -> Totals:
    t = Totals()
    for tp, system, gold in docs:
        t.add(
            {
                "tp": tp,
                "system": system,
                "gold": gold,
                "per_relation": {},
                "date_accuracy": None,
                "certainty_accuracy": None,
            }
        )
    return t


def test_documents_that_all_score_alike_leave_no_interval():
    t = totals([(3, 5, 7)] * 6)
    assert t.overall()[2] == 0.5
    assert interval(t) == (0.5, 0.5)


def test_a_pipeline_against_itself_gains_nothing_and_other_documents_are_refused():
    a = totals([(8, 10, 12), (3, 9, 6), (5, 6, 9), (1, 4, 5)])
    assert difference_interval(a, a) == (0.0, 0.0)
    lo, hi = interval(a)
    assert lo < a.overall()[2] < hi
    with pytest.raises(ValueError, match="the same documents"):
        difference_interval(a, totals([(1, 1, 1)]))


def test_a_pipeline_better_on_every_document_gains_on_every_draw():
    base = totals([(2, 10, 10), (1, 5, 8), (0, 3, 4)])
    better = totals([(6, 10, 10), (4, 6, 8), (2, 3, 4)])
    lo, hi = difference_interval(base, better)
    assert 0 < lo <= hi
    assert interval(totals([])) == (0.0, 0.0)
