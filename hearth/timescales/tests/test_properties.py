"""Hypothesis properties of working-day arithmetic over the seeded calendar."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.timescales.calendar import WorkingDayCalendar, current_calendar
from hearth.timescales.rules import add_months
from hearth.timescales.seed import england_bank_holidays

pytestmark = pytest.mark.django_db

days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2034, 6, 30))
counts = st.integers(min_value=0, max_value=300)


@pytest.fixture
def calendar() -> WorkingDayCalendar:
    # Loaded once per test from the seeded table; the properties then run without the database.
    return current_calendar()


def test_the_table_matches_the_holidays_package(calendar):
    expected = {h.day for h in england_bank_holidays(2015, 2035)}
    assert calendar.non_working == frozenset(expected)


def test_add_working_days_lands_on_a_working_day(calendar):
    @settings(max_examples=300, deadline=None)
    @given(start=days, n=st.integers(min_value=1, max_value=300))
    def check(start, n):
        assert calendar.is_working_day(calendar.add_working_days(start, n))

    check()


def test_add_working_days_is_monotonic(calendar):
    @settings(max_examples=300, deadline=None)
    @given(start=days, n=counts)
    def check(start, n):
        assert calendar.add_working_days(start, n) < calendar.add_working_days(start, n + 1)

    check()


def test_working_days_between_inverts_add_working_days(calendar):
    @settings(max_examples=300, deadline=None)
    @given(start=days, n=st.integers(min_value=-300, max_value=300))
    def check(start, n):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n

    check()


def test_working_days_between_matches_counting_one_by_one(calendar):
    @settings(max_examples=200, deadline=None)
    @given(start=days, length=st.integers(min_value=0, max_value=120))
    def check(start, length):
        end = start + dt.timedelta(days=length)
        by_hand = sum(
            1
            for offset in range(1, length + 1)
            if calendar.is_working_day(start + dt.timedelta(days=offset))
        )
        assert calendar.working_days_between(start, end) == by_hand
        assert calendar.working_days_between(end, start) == -sum(
            1 for offset in range(length) if calendar.is_working_day(start + dt.timedelta(offset))
        )

    check()


def test_next_working_day_is_the_first_working_day_on_or_after(calendar):
    @settings(max_examples=200, deadline=None)
    @given(day=days)
    def check(day):
        found = calendar.next_working_day(day)
        assert calendar.is_working_day(found)
        assert all(
            not calendar.is_working_day(day + dt.timedelta(days=offset))
            for offset in range((found - day).days)
        )
        # The first working day after day 0 is one working day on from the day before.
        assert found == calendar.add_working_days(day - dt.timedelta(days=1), 1)

    check()


@given(start=st.dates(), months=st.integers(min_value=-240, max_value=240))
def test_add_months_lands_in_the_right_month_and_clamps(start, months):
    try:
        result = add_months(start, months)
    except ValueError:
        # Only past the ends of the representable calendar (year 1 to 9999).
        index = start.year * 12 + start.month - 1 + months
        assert not 12 <= index < 10000 * 12
        return
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (
        result.day < start.day and (result + dt.timedelta(1)).day == 1
    )
