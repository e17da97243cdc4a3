"""Working-day arithmetic against hand-checked dates (domain.md section 4)."""

import datetime as dt

import pytest

from hearth.timescales import calendar
from hearth.timescales.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)
from hearth.timescales.models import NonWorkingDay, NonWorkingDayKind

pytestmark = pytest.mark.django_db


def test_45_working_days_from_tue_1_dec_2026_is_fri_5_feb_2027():
    # By hand. December 2026 after Tue 1: Wed 2-Fri 4 (3), 7-11 (5, total 8), 14-18 (13),
    # 21-24 (17; 25 Dec Christmas is a Friday, not counted), Mon 28 Dec is Boxing Day observed
    # (26 Dec is a Saturday), 29-31 (20). January 2027: Fri 1 New Year's Day skipped,
    # 4-8 (25), 11-15 (30), 18-22 (35), 25-29 (40). February: Mon 1-Fri 5 (45).
    assert add_working_days(dt.date(2026, 12, 1), 45) == dt.date(2027, 2, 5)


def test_15_working_days_from_tue_2_jul_2024_is_tue_23_jul_2024():
    # No bank holidays in July 2024. Wed 3-Fri 5 (3), 8-12 (8), 15-19 (13), Mon 22 (14),
    # Tue 23 (15).
    assert add_working_days(dt.date(2024, 7, 2), 15) == dt.date(2024, 7, 23)


def test_special_days_are_not_working_days():
    for day in [
        dt.date(2020, 5, 8),  # VE Day 75: early May holiday moved from Mon 4 May
        dt.date(2022, 6, 2),  # Spring holiday moved for the Platinum Jubilee
        dt.date(2022, 6, 3),  # Platinum Jubilee
        dt.date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
        dt.date(2023, 5, 8),  # Coronation of King Charles III
        dt.date(2022, 12, 27),  # substitute for Christmas Day (Sunday 25 Dec 2022)
        dt.date(2023, 1, 2),  # substitute for New Year's Day (Sunday 1 Jan 2023)
        dt.date(2026, 12, 28),  # substitute for Boxing Day (Saturday 26 Dec 2026)
    ]:
        assert not is_working_day(day), day
    # The days the special ones displaced are ordinary working days.
    assert is_working_day(dt.date(2020, 5, 4))
    assert is_working_day(dt.date(2022, 5, 30))


def test_one_working_day_from_a_friday_is_the_monday():
    # Fri 10 Jul 2026: Sat 11 and Sun 12 are skipped.
    assert add_working_days(dt.date(2026, 7, 10), 1) == dt.date(2026, 7, 13)


def test_next_working_day():
    assert next_working_day(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)  # a Monday
    # Fri 25 Dec 2026 Christmas, Sat, Sun, Mon 28 Boxing Day observed: Tue 29.
    assert next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 29)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(dt.date(2024, 7, 2), dt.date(2024, 7, 23)) == 15
    assert working_days_between(dt.date(2026, 12, 1), dt.date(2027, 2, 5)) == 45
    assert working_days_between(dt.date(2024, 7, 2), dt.date(2024, 7, 2)) == 0


def test_reads_are_cached_and_a_service_change_is_seen_at_once():
    day = dt.date(2026, 12, 24)
    assert is_working_day(day)
    # A write that bypasses the services is not seen until the calendar is told...
    NonWorkingDay.objects.create(
        day=day, name="Closure", kind=NonWorkingDayKind.COUNCIL_CLOSURE, source="test"
    )
    assert is_working_day(day)
    # ...as the services (and the factory) do.
    calendar.note_table_changed()
    assert not is_working_day(day)


def test_a_change_in_a_finished_transaction_drops_the_cached_copy():
    loaded = calendar.current_calendar()
    # Pretend this thread changed the table in a transaction that has since ended: the copy
    # loaded before is dropped, whether that transaction committed or rolled back.
    calendar._changed_in.block = object()
    assert calendar.current_calendar() is not loaded
    assert calendar._changed_in.block is None
    assert calendar.current_calendar() is calendar.current_calendar()


def test_years_outside_the_table_skip_weekends_only():
    # 25 Dec 2040 is a Tuesday; the table is seeded to 2035, so it counts as a working day
    # until `hearth calendar sync --to 2040` is run.
    assert is_working_day(dt.date(2040, 12, 25))
    assert add_working_days(dt.date(2040, 12, 21), 1) == dt.date(2040, 12, 24)
