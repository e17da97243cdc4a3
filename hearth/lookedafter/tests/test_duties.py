"""Every looked-after deadline against dates worked out by hand, bank holidays included.

2026 calendar: Good Friday 3 April, Easter Monday 6 April, Christmas Day Friday 25 December,
Boxing Day Saturday 26 December (substitute Monday 28 December), New Year's Day Friday 1 January
2027. British Summer Time ends at 02:00 on Sunday 25 October 2026.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.lookedafter import duties
from hearth.timescales.rules import due_date

pytestmark = pytest.mark.django_db

D = dt.date
LONDON = ZoneInfo("Europe/London")


def test_first_review_20_working_days_across_christmas():
    # Tue 1 Dec 2026: 17 working days to Thu 24 Dec, skip 25 and 28 Dec, then 29, 30, 31 Dec.
    assert duties.next_review_due(D(2026, 12, 1), []) == D(2026, 12, 31)


def test_first_review_20_working_days_across_easter():
    # Fri 20 Mar 2026: 9 working days to Thu 2 Apr, skip Good Friday and Easter Monday, 11 more.
    assert duties.next_review_due(D(2026, 3, 20), []) == D(2026, 4, 21)


def test_second_review_3_months_after_the_first_as_held():
    assert duties.next_review_due(D(2026, 12, 1), [D(2026, 12, 29)]) == D(2027, 3, 29)


def test_later_reviews_6_months_after_the_previous_as_held_clamped_to_month_end():
    held = [D(2026, 1, 20), D(2026, 4, 15), D(2026, 8, 31)]
    assert duties.next_review_due(D(2026, 1, 5), held) == D(2027, 2, 28)


def test_care_plan_10_working_days_from_the_first_placement():
    assert due_date(duties.CARE_PLAN, D(2026, 12, 1)) == D(2026, 12, 15)
    # Thu 17 Dec 2026: 18, 21, 22, 23, 24, 29, 30, 31 Dec, (1 Jan is a holiday), 4, 5 Jan.
    assert due_date(duties.CARE_PLAN, D(2026, 12, 17)) == D(2027, 1, 5)


def test_placement_plan_5_working_days_from_the_placement():
    # Wed 23 Dec 2026: 24 Dec, 29, 30, 31 Dec, 4 Jan.
    assert due_date(duties.PLACEMENT_PLAN, D(2026, 12, 23)) == D(2027, 1, 4)


def test_iro_appointed_within_5_working_days():
    # Tue 22 Dec 2026: 23, 24, 29, 30, 31 Dec.
    assert due_date(duties.IRO_APPOINTMENT, D(2026, 12, 22)) == D(2026, 12, 31)


def test_first_visit_within_a_week_of_any_placement():
    assert duties.next_visit_due(D(2026, 12, 1), intended_until_18=False, visits=[]) == D(
        2026, 12, 8
    )


def test_visits_before_the_placement_started_do_not_count():
    visits = [D(2026, 11, 20)]
    assert duties.next_visit_due(D(2026, 12, 1), intended_until_18=True, visits=visits) == D(
        2026, 12, 8
    )


def test_visits_6_weeks_apart_in_the_first_year_from_the_actual_visit():
    visits = [D(2026, 12, 3), D(2026, 12, 5)]
    assert duties.next_visit_due(D(2026, 12, 1), intended_until_18=True, visits=visits) == D(
        2027, 1, 16
    )


def test_after_the_first_year_3_months_when_the_placement_lasts_to_18():
    visits = [D(2026, 12, 10)]
    assert duties.next_visit_due(D(2025, 12, 1), intended_until_18=True, visits=visits) == D(
        2027, 3, 10
    )


def test_after_the_first_year_6_weeks_when_it_is_not_meant_to_last_to_18():
    visits = [D(2026, 12, 10)]
    assert duties.next_visit_due(D(2025, 12, 1), intended_until_18=False, visits=visits) == D(
        2027, 1, 21
    )


def test_a_visit_just_inside_the_first_year_still_sets_6_weeks():
    visits = [D(2026, 11, 30)]
    assert duties.next_visit_due(D(2025, 12, 1), intended_until_18=True, visits=visits) == D(
        2027, 1, 11
    )


def test_initial_health_assessment_20_working_days():
    assert duties.next_health_assessment_due(
        D(2026, 12, 1), date_of_birth=D(2020, 1, 1), assessments=[]
    ) == D(2026, 12, 31)


def test_health_review_every_6_months_under_5_and_yearly_from_5():
    assert duties.next_health_assessment_due(
        D(2026, 12, 1), date_of_birth=D(2023, 1, 10), assessments=[D(2026, 12, 30)]
    ) == D(2027, 6, 30)
    assert duties.next_health_assessment_due(
        D(2026, 12, 1), date_of_birth=D(2020, 1, 10), assessments=[D(2026, 12, 30)]
    ) == D(2027, 12, 30)
    # Aged 4 on the day of the last assessment: 6 months, though 5 by the next one.
    assert duties.next_health_assessment_due(
        D(2026, 12, 1), date_of_birth=D(2022, 1, 10), assessments=[D(2026, 12, 30)]
    ) == D(2027, 6, 30)


def test_health_assessments_before_this_period_of_care_do_not_count():
    assert duties.next_health_assessment_due(
        D(2026, 12, 1), date_of_birth=D(2015, 1, 1), assessments=[D(2026, 6, 1)]
    ) == D(2026, 12, 31)


def test_pep_started_within_10_working_days_then_reviewed_each_term():
    # 10 WD from Thu 17 Dec 2026 skip 25 and 28 Dec and 1 Jan: Tue 5 Jan 2027.
    assert duties.next_pep_due(D(2026, 12, 17), []) == D(2027, 1, 5)
    # A PEP in the spring term 2027 (Easter Day is 28 March) is followed by one in the summer
    # term, which runs to 31 August.
    assert duties.next_pep_due(D(2026, 12, 17), [D(2027, 1, 4)]) == D(2027, 8, 31)


def test_pep_after_an_autumn_pep_is_due_by_the_end_of_the_spring_term():
    assert duties.next_pep_due(D(2026, 9, 1), [D(2026, 11, 20)]) == D(2027, 3, 28)


def test_pep_terms_turn_at_easter_and_holidays_belong_to_the_term_before():
    start = D(2026, 9, 1)
    assert duties.next_pep_due(start, [D(2027, 3, 28)]) == D(2027, 8, 31)  # Easter Day: spring
    assert duties.next_pep_due(start, [D(2027, 3, 29)]) == D(2027, 12, 31)  # Easter Monday
    assert duties.next_pep_due(start, [D(2027, 8, 15)]) == D(2027, 12, 31)  # summer holiday
    # Easter 2026 is 5 April: a PEP on 1 April 2026 is in the spring term.
    assert duties.next_pep_due(D(2026, 1, 1), [D(2026, 4, 1)]) == D(2026, 8, 31)


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),
        (2008, D(2008, 3, 23)),
    ],
)
def test_easter_day(year, day):
    assert duties.easter_day(year) == day


def test_every_visit_schedule_wants_the_first_visit_within_a_week():
    for schedule in [
        "standard",
        "long_term_agreed",
        "parent_before_assessment",
        "connected_person",
        "care_order_with_parent",
    ]:
        assert duties.next_visit_due(
            D(2026, 12, 1), intended_until_18=False, visits=[], schedule=schedule
        ) == D(2026, 12, 8)


def test_placed_with_parent_before_assessment_weekly_until_the_first_review_then_6_weekly():
    due = duties.next_visit_due(
        D(2026, 12, 1),
        intended_until_18=False,
        visits=[D(2026, 12, 7)],
        schedule="parent_before_assessment",
    )
    assert due == D(2026, 12, 14)
    after_review = duties.next_visit_due(
        D(2026, 12, 1),
        intended_until_18=False,
        visits=[D(2026, 12, 7), D(2026, 12, 21)],
        schedule="parent_before_assessment",
        first_review_on=D(2026, 12, 18),
    )
    assert after_review == D(2027, 2, 1)


def test_connected_person_weekly_until_the_first_review_then_4_weekly():
    visits = [D(2026, 12, 7), D(2026, 12, 14)]
    assert duties.next_visit_due(
        D(2026, 12, 1), intended_until_18=False, visits=visits, schedule="connected_person"
    ) == D(2026, 12, 21)
    assert duties.next_visit_due(
        D(2026, 12, 1),
        intended_until_18=False,
        visits=visits,
        schedule="connected_person",
        first_review_on=D(2026, 12, 22),
    ) == D(2027, 1, 11)


def test_care_order_with_parent_stays_6_weekly_after_the_first_year():
    assert duties.next_visit_due(
        D(2025, 12, 1),
        intended_until_18=True,
        visits=[D(2026, 12, 10)],
        schedule="care_order_with_parent",
    ) == D(2027, 1, 21)


def test_long_term_placement_agreed_6_monthly_after_the_first_year_only():
    assert duties.next_visit_due(
        D(2025, 12, 1),
        intended_until_18=True,
        visits=[D(2026, 12, 10)],
        schedule="long_term_agreed",
    ) == D(2027, 6, 10)
    assert duties.next_visit_due(
        D(2025, 12, 1),
        intended_until_18=True,
        visits=[D(2026, 11, 20)],
        schedule="long_term_agreed",
    ) == D(2027, 1, 1)


def test_short_breaks_have_no_national_visit_due_date():
    assert (
        duties.next_visit_due(
            D(2026, 12, 1), intended_until_18=False, visits=[], schedule="short_breaks"
        )
        is None
    )


def test_return_interview_72_hours_after_return():
    returned = dt.datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)
    assert duties.return_interview_due(returned) == dt.datetime(2026, 11, 23, 18, 0, tzinfo=LONDON)


def test_return_interview_72_hours_across_the_end_of_summer_time():
    # 72 elapsed hours from 22:00 BST on 24 October is 21:00 GMT on 27 October.
    returned = dt.datetime(2026, 10, 24, 22, 0, tzinfo=LONDON)
    due = duties.return_interview_due(returned)
    assert due == dt.datetime(2026, 10, 27, 21, 0, tzinfo=LONDON)
    assert due.astimezone(dt.UTC) - returned.astimezone(dt.UTC) == dt.timedelta(hours=72)


def test_pathway_plan_3_months_from_becoming_eligible_then_6_monthly():
    assert duties.next_pathway_plan_due(D(2026, 12, 30), []) == D(2027, 3, 30)
    assert duties.next_pathway_plan_due(D(2026, 12, 30), [D(2027, 2, 1), D(2027, 8, 31)]) == D(
        2028, 2, 29
    )


def test_reviews_once_placed_for_adoption_4_weeks_3_months_then_6_months():
    placed = D(2026, 11, 2)
    assert duties.next_adoption_review_due(placed, []) == D(2026, 11, 30)
    # A review before the placement does not count.
    assert duties.next_adoption_review_due(placed, [D(2026, 10, 1)]) == D(2026, 11, 30)
    assert duties.next_adoption_review_due(placed, [D(2026, 10, 1), D(2026, 11, 27)]) == D(
        2027, 2, 27
    )
    assert duties.next_adoption_review_due(placed, [D(2026, 11, 27), D(2027, 2, 26)]) == D(
        2027, 8, 26
    )


def test_visits_once_placed_for_adoption_weekly_until_the_first_review():
    placed = D(2026, 11, 2)
    assert duties.next_adoption_visit_due(placed, visits=[], first_review_on=None) == D(2026, 11, 9)
    assert duties.next_adoption_visit_due(
        placed, visits=[D(2026, 10, 30), D(2026, 11, 6)], first_review_on=None
    ) == D(2026, 11, 13)
    assert (
        duties.next_adoption_visit_due(placed, visits=[D(2026, 11, 6)], first_review_on=placed)
        is None
    )
