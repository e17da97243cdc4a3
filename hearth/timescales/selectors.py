"""Reads of the non-working-day table for the calendar pages.

The calendar holds no personal data, so these reads are open to every signed-in worker and do
not go through `hearth.access`.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from hearth.timescales.models import NonWorkingDay


def non_working_day_list(*, year: int) -> QuerySet[NonWorkingDay]:
    """The non-working days in a calendar year, in date order, with who added each."""
    return NonWorkingDay.objects.filter(day__year=year).select_related("created_by").order_by("day")


def non_working_day_get(*, day: dt.date) -> NonWorkingDay | None:
    """The non-working day on a date, if there is one."""
    return NonWorkingDay.objects.filter(day=day).first()


def calendar_years() -> tuple[int, int] | None:
    """The first and last years the table covers, or None when it is empty."""
    days = NonWorkingDay.objects.order_by("day").values_list("day", flat=True)
    first, last = days.first(), days.last()
    if first is None or last is None:
        return None
    return first.year, last.year
