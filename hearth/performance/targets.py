"""Targets, RAG status and monthly trends for the performance figures.

A figure's target is the council's `Target` for it in force on the period's last day (the one
with the latest `effective_from` not after it). RAG status:

* green: the target is met (at or above it when higher is better; at or below when lower is);
* amber: missed, but by no more than the target's amber tolerance;
* red: missed by more.

A figure with no value (nothing to divide by) or no target has no status.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hearth.performance.figures import Figure, Period, Result, compute_many
from hearth.performance.models import Direction, Target

TREND_MONTHS = 12


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "On target", "amber": "Near target", "red": "Off target"}[self.value]


def target_in_force(figure_key: str, on: dt.date) -> Target | None:
    """The target for the figure in force on `on`, if any."""
    return (
        Target.objects.filter(figure=figure_key, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )


def targets_in_force(on: dt.date) -> dict[str, Target]:
    """The target in force on `on` for every figure that has one, in one query."""
    in_force = (
        Target.objects.filter(effective_from__lte=on)
        .order_by("figure", "-effective_from")
        .distinct("figure")
    )
    return {target.figure: target for target in in_force}


def rag_status(value: Decimal, target: Target) -> Rag:
    """Green, amber or red for `value` against `target` (see the module docstring)."""
    shortfall = (
        target.value - value if target.direction == Direction.HIGHER else value - target.value
    )
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= target.amber_tolerance:
        return Rag.AMBER
    return Rag.RED


def rag_for(
    result: Result, targets: dict[str, Target] | None = None
) -> tuple[Target | None, Rag | None]:
    """The target in force at the result's period end, and the result's status against it.

    `targets` (from `targets_in_force` for the same day) saves a query per figure.
    """
    target = (
        targets.get(result.figure.key)
        if targets is not None
        else target_in_force(result.figure.key, result.period.end)
    )
    if target is None or result.value is None:
        return target, None
    return target, rag_status(result.value, target)


def month_periods(last_day: dt.date, months: int = TREND_MONTHS) -> list[Period]:
    """Calendar months, oldest first, ending with the month of `last_day` (cut at `last_day`)."""
    periods: list[Period] = []
    year, month = last_day.year, last_day.month
    for _ in range(months):
        start = dt.date(year, month, 1)
        month_end = dt.date(year, month, calendar.monthrange(year, month)[1])
        periods.append(Period(start=start, end=min(month_end, last_day)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(periods))


def monthly_trend(figure: Figure, last_day: dt.date, months: int = TREND_MONTHS) -> list[Result]:
    """The figure computed for each of the last `months` calendar months, oldest first.

    Counts and rates are of what happened in each month; "at the period end" figures are as at
    each month's last day.
    """
    periods = month_periods(last_day, months)
    return compute_many([(figure, period) for period in periods], breakdowns=False)
