"""Timescale rules against hand-checked dates (domain.md sections 3 and 4)."""

import datetime as dt
import zoneinfo

import pytest

from hearth.timescales.rules import (
    Status,
    Timescale,
    Unit,
    add_months,
    due_date,
    due_datetime,
    next_due_after,
    status,
)

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_45_working_days_for_an_assessment():
    # Referral Tue 1 Dec 2026; see test_calendar for the day-by-day count.
    assert due_date(Timescale(45, Unit.WORKING_DAYS), dt.date(2026, 12, 1)) == dt.date(2027, 2, 5)


def test_15_working_days_to_icpc():
    # Strategy discussion Tue 2 Jul 2024; no bank holidays in July 2024.
    assert due_date(Timescale(15, Unit.WORKING_DAYS), dt.date(2024, 7, 2)) == dt.date(2024, 7, 23)


def test_across_easter_2025():
    # Thu 17 Apr 2025 + 5 WD. Fri 18 Good Friday, Sat, Sun, Mon 21 Easter Monday are skipped:
    # Tue 22 (1), Wed 23 (2), Thu 24 (3), Fri 25 (4), Mon 28 (5).
    assert due_date(Timescale(5, Unit.WORKING_DAYS), dt.date(2025, 4, 17)) == dt.date(2025, 4, 28)


def test_across_easter_2026():
    # Child became looked after Wed 1 Apr 2026; first LAC review within 20 WD (reg 33(1)).
    # Thu 2 (1), Fri 3 Good Friday skipped, Mon 6 Easter Monday skipped, Tue 7-Fri 10 (5),
    # 13-17 (10), 20-24 (15), Mon 27-Fri 1 May (20).
    assert due_date(Timescale(20, Unit.WORKING_DAYS), dt.date(2026, 4, 1)) == dt.date(2026, 5, 1)


def test_across_the_2022_jubilee():
    # Wed 1 Jun 2022 + 3 WD. Thu 2 (Spring holiday, moved) and Fri 3 (Platinum Jubilee) are
    # bank holidays, then the weekend: Mon 6 (1), Tue 7 (2), Wed 8 (3). Mon 30 May 2022 was a
    # normal working day because the Spring holiday moved.
    assert due_date(Timescale(3, Unit.WORKING_DAYS), dt.date(2022, 6, 1)) == dt.date(2022, 6, 8)
    assert due_date(Timescale(1, Unit.WORKING_DAYS), dt.date(2022, 5, 27)) == dt.date(2022, 5, 30)


def test_first_lac_review_20_working_days():
    # Looked after from Mon 23 Nov 2026 (no bank holidays until Christmas):
    # 24-27 Nov (4), 30 Nov-4 Dec (9), 7-11 (14), 14-18 (19), Mon 21 Dec (20).
    assert due_date(Timescale(20, Unit.WORKING_DAYS), dt.date(2026, 11, 23)) == dt.date(
        2026, 12, 21
    )
    # From Wed 9 Dec 2026: 10-11 (2), 14-18 (7), 21-24 (11), 25 and 28 Dec skipped,
    # 29-31 (14), 1 Jan skipped, Mon 4-Thu 7 Jan 2027 (18), Fri 8 (19), Mon 11 Jan (20).
    assert due_date(Timescale(20, Unit.WORKING_DAYS), dt.date(2026, 12, 9)) == dt.date(2027, 1, 11)


def test_calendar_months_clamp_to_month_end():
    # 30 Nov + 3 months: February has no 30th, so the last day of February.
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)  # 2028 is a leap year
    # 31 Aug + 6 months (domain.md example).
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    # No clamp needed, and across a year end, and backwards.
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)
    assert add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 12) == dt.date(2027, 1, 31)


def test_first_rcpc_within_3_months():
    # ICPC Mon 30 Nov 2026: the first review conference is due by Sun 28 Feb 2027 (calendar
    # months are not moved off weekends; practice sets the meeting on a working day before it).
    assert due_date(Timescale(3, Unit.CALENDAR_MONTHS), dt.date(2026, 11, 30)) == dt.date(
        2027, 2, 28
    )


def test_within_one_week_is_7_calendar_days():
    # Placement starts Fri 18 Dec 2026; visit within 1 week (reg 28(2)(a)) is due Fri 25 Dec:
    # calendar days do not skip bank holidays.
    start = dt.date(2026, 12, 18)
    assert due_date(Timescale(1, Unit.WEEKS), start) == dt.date(2026, 12, 25)
    assert due_date(Timescale(7, Unit.CALENDAR_DAYS), start) == dt.date(2026, 12, 25)
    # Care proceedings within 26 weeks: 182 days.
    assert due_date(Timescale(26, Unit.WEEKS), dt.date(2026, 1, 5)) == dt.date(2026, 7, 6)


def test_72_hours_for_a_return_home_interview():
    # Found at 21:30 on Fri 27 Mar 2026. The clocks go forward at 01:00 GMT on Sun 29 Mar, so
    # 72 elapsed hours later is 22:30 BST on Mon 30 Mar (local clock shows one hour more).
    found = dt.datetime(2026, 3, 27, 21, 30, tzinfo=LONDON)
    due = due_datetime(Timescale(72, Unit.HOURS), found)
    assert due == dt.datetime(2026, 3, 30, 22, 30, tzinfo=LONDON)
    # Subtracting two times in the same zone gives wall-clock time, so compare in UTC.
    assert due.astimezone(dt.UTC) - found.astimezone(dt.UTC) == dt.timedelta(hours=72)
    # With only a date, 72 hours from 1 Mar is due on 4 Mar.
    assert due_date(Timescale(72, Unit.HOURS), dt.date(2026, 3, 1)) == dt.date(2026, 3, 4)
    assert due_date(Timescale(24, Unit.HOURS), dt.date(2026, 3, 1)) == dt.date(2026, 3, 2)
    assert due_date(Timescale(25, Unit.HOURS), dt.date(2026, 3, 1)) == dt.date(2026, 3, 3)


def test_due_datetime_keeps_the_time_for_day_units():
    start = dt.datetime(2026, 12, 1, 9, 15, tzinfo=LONDON)
    assert due_datetime(Timescale(45, Unit.WORKING_DAYS), start) == dt.datetime(
        2027, 2, 5, 9, 15, tzinfo=LONDON
    )


def test_due_datetime_needs_a_time_zone():
    with pytest.raises(ValueError, match="time zone"):
        due_datetime(Timescale(72, Unit.HOURS), dt.datetime(2026, 3, 1, 9, 0))  # noqa: DTZ001


def test_intervals_restart_from_the_last_actual_date():
    # Visits every 6 weeks (reg 28(2)(b)). Planned for Mon 4 Jan 2027 but done early on
    # Mon 28 Dec 2026 (a bank holiday visit still counts): next due 6 weeks after the actual
    # visit, Mon 8 Feb 2027, not 6 weeks after the planned date (Mon 15 Feb).
    six_weeks = Timescale(6, Unit.WEEKS)
    assert next_due_after(six_weeks, dt.date(2026, 12, 28)) == dt.date(2027, 2, 8)
    # Done late on Fri 15 Jan 2027: next due Fri 26 Feb 2027.
    assert next_due_after(six_weeks, dt.date(2027, 1, 15)) == dt.date(2027, 2, 26)
    # LAC reviews not more than 6 months apart, from the actual date of the last review.
    assert next_due_after(Timescale(6, Unit.CALENDAR_MONTHS), dt.date(2026, 8, 31)) == dt.date(
        2027, 2, 28
    )


def test_status():
    due = dt.date(2026, 12, 4)  # Friday
    # Done on the due date is in time ("within" is inclusive).
    assert status(due, today=dt.date(2026, 12, 10), completed_on=due) == Status.COMPLETED_IN_TIME
    assert (
        status(due, today=dt.date(2026, 12, 10), completed_on=dt.date(2026, 12, 5))
        == Status.COMPLETED_LATE
    )
    assert status(due, today=dt.date(2026, 12, 5)) == Status.OVERDUE
    assert status(due, today=due) == Status.DUE
    # Fri 27 Nov: Mon 30-Fri 4 Dec is 5 working days, so due soon.
    assert status(due, today=dt.date(2026, 11, 27)) == Status.DUE
    # Thu 26 Nov: 6 working days away.
    assert status(due, today=dt.date(2026, 11, 26)) == Status.IN_TIME
    assert status(due, today=dt.date(2026, 11, 26), due_soon_days=6) == Status.DUE
    assert Status.COMPLETED_LATE.label == "Completed late"
    assert Status.COMPLETED_LATE.is_completed
    assert not Status.OVERDUE.is_completed


def test_timescale_text():
    assert Timescale.parse("20 working days") == Timescale(20, Unit.WORKING_DAYS)
    assert Timescale.parse("3 Months") == Timescale(3, Unit.CALENDAR_MONTHS)
    assert Timescale.parse("1 week") == Timescale(1, Unit.WEEKS)
    assert Timescale.parse("72 hours") == Timescale(72, Unit.HOURS)
    assert str(Timescale(1, Unit.WEEKS)) == "1 week"
    assert str(Timescale(20, Unit.WORKING_DAYS)) == "20 working days"
    assert Timescale(5, "working_days") == Timescale(5, Unit.WORKING_DAYS)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not a timescale"):
        Timescale.parse("soon")
    with pytest.raises(ValueError, match="negative"):
        Timescale(-1, Unit.CALENDAR_DAYS)
