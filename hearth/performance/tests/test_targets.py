"""Targets and RAG status, the services that set them, and monthly trends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.casework.tests.factories import WorkerFactory
from hearth.organisation.models import Role
from hearth.performance.figures import REGISTRY, Period, compute
from hearth.performance.models import ChildPopulation, Direction
from hearth.performance.services import child_population_set, target_set
from hearth.performance.targets import (
    Rag,
    month_periods,
    monthly_trend,
    rag_for,
    targets_in_force,
)
from hearth.performance.tests.factories import PERIOD, History, build_history

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def analyst():
    return WorkerFactory.create(role=Role.PERFORMANCE_ANALYST)


JANUARY = D(2026, 1, 1)


def _target(analyst, key, value, direction, tolerance, *, effective_from=JANUARY):
    return target_set(
        actor=analyst,
        figure=key,
        value=Decimal(value),
        direction=direction,
        amber_tolerance=Decimal(tolerance),
        effective_from=effective_from,
        reason="Improvement plan",
    )


def test_rag_against_targets(analyst) -> None:
    build_history()
    # Assessments in time: 66.7%.
    _target(analyst, "assessments-in-time", "85", Direction.HIGHER, "20")
    assert rag_for(compute(REGISTRY["assessments-in-time"], PERIOD))[1] is Rag.AMBER
    _target(
        analyst, "assessments-in-time", "60", Direction.HIGHER, "5", effective_from=D(2026, 6, 1)
    )
    target, status = rag_for(compute(REGISTRY["assessments-in-time"], PERIOD))
    assert (target.value if target else None, status) == (Decimal("60.0"), Rag.GREEN)
    # Before 1 June the earlier target is in force.
    april = Period(D(2026, 4, 1), D(2026, 5, 31))
    assert rag_for(compute(REGISTRY["assessments-in-time"], april))[0].value == Decimal("85.0")  # type: ignore[union-attr]
    # Re-referrals 25.0%, lower is better: 20 +/- 2 is red.
    _target(analyst, "re-referrals", "20", Direction.LOWER, "2")
    assert rag_for(compute(REGISTRY["re-referrals"], PERIOD))[1] is Rag.RED
    # No target: no status.
    assert rag_for(compute(REGISTRY["referrals"], PERIOD)) == (None, None)


def test_only_analysts_and_administrators_set_targets(analyst) -> None:
    worker = WorkerFactory.create(role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        _target(worker, "referrals", "10", Direction.LOWER, "1")
    with pytest.raises(ValidationError) as error:
        _target(analyst, "no-such-figure", "10", Direction.LOWER, "1")
    assert "figure" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        target_set(
            actor=analyst,
            figure="referrals",
            value=Decimal(1),
            direction="sideways",
            amber_tolerance=Decimal(0),
            effective_from=D(2026, 1, 1),
            reason="x",
        )
    assert "direction" in error.value.message_dict


def test_the_population_is_a_row_an_administrator_changes(analyst) -> None:
    assert ChildPopulation.objects.get(year=2024).count == 100_000
    child_population_set(
        actor=analyst, year=2024, count=101_500, source="ONS mid-2024", reason="New estimate"
    )
    assert ChildPopulation.objects.get(year=2024).count == 101_500
    with pytest.raises(ValidationError):
        child_population_set(actor=analyst, year=2025, count=0, source="", reason="x")
    with pytest.raises(ValidationError):
        child_population_set(actor=analyst, year=2025, count=5, source="", reason=" ")


def test_month_periods_run_oldest_first_and_stop_at_the_last_day() -> None:
    months = month_periods(D(2026, 10, 15))
    assert len(months) == 12
    assert (months[0].start, months[0].end) == (D(2025, 11, 1), D(2025, 11, 30))
    assert (months[-1].start, months[-1].end) == (D(2026, 10, 1), D(2026, 10, 15))
    assert months[3].end == D(2026, 2, 28)


def test_monthly_trend(history_built: History) -> None:
    trend = monthly_trend(REGISTRY["referrals"], D(2026, 10, 31))
    by_month = {r.period.start.month: r.numerator for r in trend}
    # January (G), April (F), May (A), June (C), July (D); March's NFA referral for C too.
    assert by_month == {11: 0, 12: 0, 1: 1, 2: 0, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 0, 9: 0, 10: 0}
    plans = monthly_trend(REGISTRY["cp-plans"], D(2026, 10, 31))
    # E's first plan ran 15 Sep 2025 to 1 Mar 2026; A's from 1 July; E's second from 28 August.
    assert [r.numerator for r in plans] == [1, 1, 1, 1, 0, 0, 0, 0, 1, 2, 2, 2]


@pytest.fixture
def history_built() -> History:
    return build_history()


def test_targets_in_force_on_a_day_in_one_query(analyst, django_assert_num_queries) -> None:
    _target(analyst, "assessments-in-time", "85", Direction.HIGHER, "20")
    _target(
        analyst, "assessments-in-time", "60", Direction.HIGHER, "5", effective_from=D(2026, 6, 1)
    )
    _target(analyst, "re-referrals", "20", Direction.LOWER, "2", effective_from=D(2027, 1, 1))
    with django_assert_num_queries(1):
        may = targets_in_force(D(2026, 5, 31))
    assert {key: t.value for key, t in may.items()} == {"assessments-in-time": Decimal("85.0")}
    later = targets_in_force(D(2027, 1, 1))
    assert {key: t.value for key, t in later.items()} == {
        "assessments-in-time": Decimal("60.0"),
        "re-referrals": Decimal("20.0"),
    }
