"""Statutory timescales: how long, in what unit, and whether work was done in time.

Rules from domain.md section 4:

* Working days: the trigger day is day 0 and the deadline is the Nth working day after it.
* "Within" and "not more than": the deadline is the trigger plus the period, inclusive, so work done
  on the due date is in time.
* Calendar months: add the months and clamp to the end of the month (31 August + 6 months is the
  last day of February).
* Intervals (visits, reviews) restart from the ACTUAL date of the last event, not the planned one.

Timescales themselves (20 working days for a first LAC review, 72 hours for a return interview) live
in practice-model data; this module only does the arithmetic.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from hearth.timescales.calendar import add_working_days, working_days_between

HOURS_PER_DAY = 24
DAYS_PER_WEEK = 7
MONTHS_PER_YEAR = 12


class Unit(StrEnum):
    """The unit a statutory timescale is counted in."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_MONTHS = "calendar_months"
    WEEKS = "weeks"
    HOURS = "hours"

    @property
    def singular(self) -> str:
        """The unit's name for an amount of one, e.g. "working day"."""
        return _SINGULAR[self]

    @property
    def plural(self) -> str:
        """The unit's name for other amounts, e.g. "working days"."""
        return _SINGULAR[self] + "s"


_SINGULAR = {
    Unit.WORKING_DAYS: "working day",
    Unit.CALENDAR_DAYS: "day",
    Unit.CALENDAR_MONTHS: "month",
    Unit.WEEKS: "week",
    Unit.HOURS: "hour",
}

# Words people write in practice models and local procedures, mapped to units.
_UNIT_WORDS = {
    "working day": Unit.WORKING_DAYS,
    "working days": Unit.WORKING_DAYS,
    "wd": Unit.WORKING_DAYS,
    "day": Unit.CALENDAR_DAYS,
    "days": Unit.CALENDAR_DAYS,
    "calendar day": Unit.CALENDAR_DAYS,
    "calendar days": Unit.CALENDAR_DAYS,
    "month": Unit.CALENDAR_MONTHS,
    "months": Unit.CALENDAR_MONTHS,
    "calendar month": Unit.CALENDAR_MONTHS,
    "calendar months": Unit.CALENDAR_MONTHS,
    "week": Unit.WEEKS,
    "weeks": Unit.WEEKS,
    "hour": Unit.HOURS,
    "hours": Unit.HOURS,
}
_TIMESCALE_TEXT = re.compile(r"^\s*(\d+)\s*([a-z ]+?)\s*$")


@dataclass(frozen=True)
class Timescale:
    """An amount of time in one unit, such as 20 working days or 6 months."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("A timescale cannot be negative.")
        # Accept the plain string value too ("working_days"), as YAML and JSON give it.
        object.__setattr__(self, "unit", Unit(self.unit))

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.singular if self.amount == 1 else self.unit.plural}"

    @classmethod
    def parse(cls, text: str) -> Timescale:
        """Read "20 working days", "3 months", "1 week" or "72 hours" into a timescale.

        Raises ValueError, naming the text, for anything else.
        """
        match = _TIMESCALE_TEXT.match(text.lower())
        if match is None or match.group(2) not in _UNIT_WORDS:
            raise ValueError(
                f"{text!r} is not a timescale; write it like '20 working days', '3 months', "
                "'1 week' or '72 hours'."
            )
        return cls(int(match.group(1)), _UNIT_WORDS[match.group(2)])


class Status(StrEnum):
    """Where a piece of work stands against its due date, for work trays and performance."""

    IN_TIME = "in_time"
    DUE = "due"
    OVERDUE = "overdue"
    COMPLETED_IN_TIME = "completed_in_time"
    COMPLETED_LATE = "completed_late"

    @property
    def label(self) -> str:
        """The words shown to workers, e.g. "Completed late"."""
        return self.value.replace("_", " ").capitalize()

    @property
    def is_completed(self) -> bool:
        """Whether the work has been done (in time or late)."""
        return self in {Status.COMPLETED_IN_TIME, Status.COMPLETED_LATE}


def add_months(start: dt.date, months: int) -> dt.date:
    """`start` plus calendar months, clamped to the end of a shorter month.

    31 August + 6 months is 28 February (29 in a leap year); 30 November + 3 months likewise.
    Negative `months` count back.
    """
    index = start.year * MONTHS_PER_YEAR + (start.month - 1) + months
    year, month_zero = divmod(index, MONTHS_PER_YEAR)
    month = month_zero + 1
    last_day = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def due_date(timescale: Timescale, start: dt.date) -> dt.date:
    """The last day on which work is in time: "within N" means `start` plus the period, inclusive.

    For hours counted from a date with no time of day, the deadline falls on the day the period
    ends (72 hours from 1 March is due on 4 March); use `due_datetime` when the time is known.
    """
    match timescale.unit:
        case Unit.WORKING_DAYS:
            return add_working_days(start, timescale.amount)
        case Unit.CALENDAR_DAYS:
            return start + dt.timedelta(days=timescale.amount)
        case Unit.WEEKS:
            return start + dt.timedelta(days=DAYS_PER_WEEK * timescale.amount)
        case Unit.CALENDAR_MONTHS:
            return add_months(start, timescale.amount)
        case Unit.HOURS:
            whole_days = -(-timescale.amount // HOURS_PER_DAY)  # round up to a whole day
            return start + dt.timedelta(days=whole_days)


def due_datetime(timescale: Timescale, start: dt.datetime) -> dt.datetime:
    """The deadline as a moment in time, for timescales in hours (a 72-hour return interview).

    `start` must be timezone-aware. Hours are elapsed time, so a deadline across the change to or
    from British Summer Time is still exactly N hours later. Other units keep `start`'s time of
    day on the due date.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("The start of a timescale in hours needs a time zone.")
    if timescale.unit is Unit.HOURS:
        # Add in UTC so the clock change does not stretch or shrink the period.
        utc = start.astimezone(dt.UTC) + dt.timedelta(hours=timescale.amount)
        return utc.astimezone(start.tzinfo)
    local_start = start.date()
    return dt.datetime.combine(due_date(timescale, local_start), start.timetz())


def status(
    due: dt.date,
    *,
    today: dt.date,
    completed_on: dt.date | None = None,
    due_soon_days: int = 5,
) -> Status:
    """Where work with this due date stands today.

    Done on or before the due date is COMPLETED_IN_TIME, after it COMPLETED_LATE. Not yet done:
    OVERDUE once the due date has passed, DUE when the due date is within `due_soon_days` working
    days (including today), otherwise IN_TIME.
    """
    if completed_on is not None:
        return Status.COMPLETED_IN_TIME if completed_on <= due else Status.COMPLETED_LATE
    if today > due:
        return Status.OVERDUE
    if due == today or working_days_between(today, due) <= due_soon_days:
        return Status.DUE
    return Status.IN_TIME


def next_due_after(timescale: Timescale, last_actual: dt.date) -> dt.date:
    """The next due date of a repeating duty, counted from the ACTUAL date of the last event.

    A visit due every 6 weeks that happened early (or late) sets the next clock from the day it
    really happened, not the day it was planned (domain.md section 4).
    """
    return due_date(timescale, last_actual)
