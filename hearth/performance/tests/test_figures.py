"""Each figure against hand-computed values on a known history (see tests/factories.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.performance.figures import (
    FIGURES,
    REGISTRY,
    Period,
    Side,
    child_ids,
    compute,
    compute_all,
)
from hearth.performance.models import ChildPopulation
from hearth.performance.tests.factories import EXPECTED, PERIOD, History, build_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history() -> History:
    return build_history()


def test_every_figure_matches_the_hand_computed_value(history: History) -> None:
    actual = {r.figure.key: (r.numerator, r.denominator, r.value) for r in compute_all(PERIOD)}
    assert actual == EXPECTED


def test_every_registered_figure_has_an_expected_value() -> None:
    assert set(REGISTRY) == set(EXPECTED)
    assert len(REGISTRY) == len(FIGURES)


def test_breakdowns_by_category_and_legal_status(history: History) -> None:
    plans = compute(REGISTRY["cp-plans"], PERIOD)
    assert [(row.code, row.label, row.count) for row in plans.breakdown] == [
        ("EMO", "Emotional abuse", 1),
        ("NEG", "Neglect", 1),
    ]
    looked_after = compute(REGISTRY["looked-after"], PERIOD)
    assert [(row.code, row.count) for row in looked_after.breakdown] == [
        ("C1", 1),
        ("C2", 1),
        ("V2", 1),
    ]


def test_children_behind_a_figure(history: History) -> None:
    c = history.children
    figure = REGISTRY["cp-visits-10wd"]
    assert set(child_ids(figure, PERIOD)) == {c["A"].pk}
    assert set(child_ids(figure, PERIOD, side=Side.DENOMINATOR)) == {c["A"].pk, c["E"].pk}
    by_status = REGISTRY["looked-after"]
    assert set(child_ids(by_status, PERIOD, part="C1")) == {c["L2"].pk}
    assert set(child_ids(REGISTRY["contacts"], PERIOD)) == {c["A"].pk, c["B"].pk}
    # Rates have no children behind their denominator; workforce figures have none at all.
    assert list(child_ids(REGISTRY["contacts"], PERIOD, side=Side.DENOMINATOR)) == []
    assert list(child_ids(REGISTRY["agency-social-workers"], PERIOD)) == []
    assert list(child_ids(REGISTRY["caseloads"], PERIOD, side=Side.DENOMINATOR)) == []
    assert set(child_ids(REGISTRY["caseloads"], PERIOD)) == {
        c["A"].pk,
        c["E"].pk,
        c["F"].pk,
        c["L1"].pk,
    }


def test_child_ids_is_lazy(history: History, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        child_ids(REGISTRY["referrals"], PERIOD)


def test_each_figure_takes_a_few_queries_whatever_the_history(
    history: History, django_assert_max_num_queries
) -> None:
    # Set-based: a count for each side, a breakdown and the population, never one per child.
    with django_assert_max_num_queries(3 * len(FIGURES) + 10):
        compute_all(PERIOD)


def test_rates_use_the_population_for_the_year(history: History) -> None:
    ChildPopulation.objects.create(year=2026, count=50_000)
    result = compute(REGISTRY["referrals"], PERIOD)
    assert (result.denominator, str(result.value)) == (50_000, "0.8")
    earlier = compute(REGISTRY["referrals"], Period(dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    assert earlier.denominator == 100_000


def test_nothing_to_divide_by_gives_no_value(history: History) -> None:
    quiet = Period(dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    result = compute(REGISTRY["assessments-in-time"], quiet)
    assert (result.numerator, result.denominator, result.value) == (0, 0, None)
    assert result.display_value == "No data"
