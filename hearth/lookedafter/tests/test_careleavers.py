"""Care-leaver status derived from care histories worked by hand (domain.md section 5)."""

import datetime as dt

from hearth.lookedafter.careleavers import (
    CareSpan,
    birthday,
    care_leaver_status,
    eligible_from,
    time_looked_after_since_14,
)
from hearth.lookedafter.codes import CareLeaverStatus

D = dt.date
# 14th birthday 1 June 2023, 16th 1 June 2025, 18th 1 June 2027.
DOB = D(2009, 6, 1)


def status(spans, on, **kwargs):
    return care_leaver_status(date_of_birth=DOB, spans=spans, on=on, **kwargs)


def test_birthdays_of_a_leap_day_child_fall_on_28_february_in_other_years():
    assert birthday(D(2008, 2, 29), 16) == D(2024, 2, 29)
    assert birthday(D(2008, 2, 29), 18) == D(2026, 2, 28)


def test_under_16_has_no_care_leaver_status():
    assert status([CareSpan(D(2024, 1, 1))], D(2025, 5, 31)) is None


def test_looked_after_at_17_for_13_weeks_since_14_is_eligible():
    assert status([CareSpan(D(2025, 3, 1))], D(2026, 11, 22)) is CareLeaverStatus.ELIGIBLE


def test_thirteen_weeks_are_completed_on_the_91st_day_in_care():
    spans = [CareSpan(D(2026, 10, 1))]
    # 1 October + 90 days is 30 December: the 91st day in care.
    assert status(spans, D(2026, 12, 29)) is None
    assert status(spans, D(2026, 12, 30)) is CareLeaverStatus.ELIGIBLE
    assert time_looked_after_since_14(date_of_birth=DOB, spans=spans, on=D(2026, 12, 30)) == (
        dt.timedelta(days=91)
    )
    assert eligible_from(date_of_birth=DOB, spans=spans) == D(2026, 12, 30)


def test_time_before_14_does_not_count():
    # In care from 1 January 2023; only the days from the 14th birthday (1 June 2023) count.
    spans = [CareSpan(D(2023, 1, 1), D(2023, 8, 1))]
    assert time_looked_after_since_14(date_of_birth=DOB, spans=spans, on=D(2026, 1, 1)) == (
        dt.timedelta(days=61)
    )


def test_left_care_at_16_after_13_weeks_is_relevant_then_former_relevant_at_18():
    spans = [CareSpan(D(2025, 3, 1), D(2026, 1, 1))]
    assert status(spans, D(2026, 11, 22)) is CareLeaverStatus.RELEVANT
    assert status(spans, D(2027, 6, 1)) is CareLeaverStatus.FORMER_RELEVANT


def test_thirteen_weeks_made_up_of_several_periods_that_end_after_16():
    # 61 days from age 14 in 2023, then 31 days at 16: 92 days, the last ending after 16.
    spans = [CareSpan(D(2023, 6, 1), D(2023, 8, 1)), CareSpan(D(2025, 7, 1), D(2025, 8, 1))]
    assert status(spans, D(2026, 1, 10)) is CareLeaverStatus.RELEVANT
    assert eligible_from(date_of_birth=DOB, spans=spans) == D(2025, 7, 30)


def test_thirteen_weeks_all_before_16_give_no_status():
    spans = [CareSpan(D(2023, 6, 1), D(2024, 6, 1))]
    assert status(spans, D(2026, 1, 10)) is None
    assert eligible_from(date_of_birth=DOB, spans=spans) is None


def test_looked_after_after_16_for_under_13_weeks_then_left_is_qualifying():
    spans = [CareSpan(D(2025, 9, 1), D(2025, 10, 1))]
    assert status(spans, D(2026, 11, 22)) is CareLeaverStatus.QUALIFYING
    assert status(spans, D(2030, 5, 31)) is CareLeaverStatus.QUALIFYING
    # Qualifying lasts to 21 (1 June 2030), to 25 in education or training.
    assert status(spans, D(2030, 6, 1)) is None
    assert status(spans, D(2030, 6, 1), support_to_25=True) is CareLeaverStatus.QUALIFYING


def test_still_looked_after_for_under_13_weeks_has_no_status_yet():
    assert status([CareSpan(D(2026, 10, 1))], D(2026, 11, 22)) is None


def test_former_relevant_ends_at_21_unless_supported_to_25():
    spans = [CareSpan(D(2020, 1, 1), D(2027, 6, 1))]
    assert status(spans, D(2027, 6, 1)) is CareLeaverStatus.FORMER_RELEVANT
    assert status(spans, D(2030, 5, 31)) is CareLeaverStatus.FORMER_RELEVANT
    assert status(spans, D(2030, 6, 1)) is None
    assert status(spans, D(2034, 5, 31), support_to_25=True) is CareLeaverStatus.FORMER_RELEVANT
    assert status(spans, D(2034, 6, 1), support_to_25=True) is None


def test_short_breaks_do_not_count_towards_13_weeks():
    breaks = [CareSpan(D(2025, 7, 1), D(2025, 12, 1), is_short_break=True)]
    assert status(breaks, D(2026, 1, 10)) is CareLeaverStatus.QUALIFYING
    assert eligible_from(date_of_birth=DOB, spans=breaks) is None


def test_detained_at_16_after_13_weeks_since_14_is_relevant():
    spans = [CareSpan(D(2024, 1, 1), D(2025, 1, 1))]
    assert status(spans, D(2026, 1, 10)) is None
    assert status(spans, D(2026, 1, 10), detained_or_in_hospital_at_16=True) is (
        CareLeaverStatus.RELEVANT
    )


def test_special_guardianship_after_care_is_qualifying():
    spans = [CareSpan(D(2020, 1, 1), D(2022, 1, 1))]
    assert status(spans, D(2026, 1, 10)) is None
    assert status(spans, D(2026, 1, 10), special_guardianship_after_care=True) is (
        CareLeaverStatus.QUALIFYING
    )


def test_no_status_after_death():
    spans = [CareSpan(D(2025, 3, 1))]
    assert status(spans, D(2026, 11, 22), date_of_death=D(2026, 11, 1)) is None


def test_became_eligible_on_the_16th_birthday_when_13_weeks_were_done_before():
    # 1 March 2025 + 90 days is 30 May 2025, before the 16th birthday on 1 June 2025.
    assert eligible_from(date_of_birth=DOB, spans=[CareSpan(D(2025, 3, 1))]) == D(2025, 6, 1)
