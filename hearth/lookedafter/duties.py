"""Statutory duties to a looked-after child and a care leaver, and when each is next due.

National timescales (domain.md 3.3, 3.4; SI 2010/959 unless stated). Each is the statutory outer
limit; a council's practice model may set tighter local ones.

* Care plan (reg 4): 10 working days from the first placement (the period's start).
* Placement plan (reg 9): 5 working days from each placement's start.
* IRO appointed: 5 working days from becoming looked after (good practice; before the first
  review in law).
* First review (reg 33(1)): 20 working days from becoming looked after; the second (reg 33(2))
  3 months after the first as held; later ones 6 months after the previous one as held.
* Visits (reg 28): within 1 week of any placement starting, then, by the placement's visit
  schedule (`codes.VisitSchedule`):
  - standard (reg 28(2)): at most 6 weeks apart in the placement's first year; after it, at most
    3 months apart if the placement is intended to last until 18, else 6 weeks;
  - long-term foster placement where the child agreed to less frequent visits: as standard in the
    first year, then at most 6 months apart;
  - placed with a parent before the assessment is complete (reg 28(3)): weekly until the first
    review, then at most 6 weeks apart;
  - connected person temporarily approved, or an interim care order and living with a parent
    (reg 28(4)): weekly until the first review, then at most 4 weeks apart;
  - care order, living with a parent (reg 28(5)): within a week, then at most 6 weeks apart;
  - a series of short breaks (reg 48): at intervals agreed with the IRO and the parents, so no
    national due date is shown.
* Initial health assessment: 20 working days from becoming looked after (in time for the first
  review); reviews 6 months after the last under 5, 12 months from 5 (age at the last one).
* Personal education plan: started within 10 working days of becoming looked after, then
  reviewed each school term: after a PEP in one term, the next is due by the end of the
  following term.
* SDQ: yearly, for a child aged 4 to 16 looked after for at least 12 months.
* Dental check: 12 months after the last one in this period of care, or after becoming looked
  after (the 903 OC2 `TEETH_CHECK` measure: a check in the last 12 months).
* Contact around each birthday from 17 to 21 (903 OC3): the window opens 3 months before the
  birthday and closes 1 month after it, which is when the contact is due.
* Placed for adoption (an A3 to A6 placement; SI 2005/389 reg 36(3), (4)): reviews within 4
  weeks of the placement, then 3 months, then 6-monthly; visits within a week, then weekly until
  the first review, then as that review decides.
* Return home interview: offered within 72 hours of the child's return.
* Pathway plan: within 3 months of becoming an eligible child (the needs assessment deadline of
  reg 42(1)), then reviewed within 6 months of the last plan.

"Within" is inclusive, working days count from day 0 (hearth.timescales), and a repeating duty
restarts from the ACTUAL date of the last one, not the date it was due (domain.md section 4).

Partial: a council's own school term dates are not held. Terms follow the usual English pattern
and cover the whole year, holidays included: autumn from 1 September to 31 December, spring from
1 January to Easter Day, summer from Easter Monday to 31 August. A PEP held in a holiday counts
for the term the holiday closes. The reg 28(3A) wording for the long-term variant is still to be
verified (domain.md 11). Of the adoption schedule (SI 2005/389 reg 36), only reviews and visits
once placed for adoption are scheduled; reviews while authorised to place but not yet placed
(reg 36(1)) follow the looked-after review schedule, and visits after the first review once
placed have no national interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hearth.lookedafter.codes import VisitSchedule
from hearth.timescales.rules import Status, Timescale, Unit, add_months, due_date, due_datetime

WORKING_DAYS = Unit.WORKING_DAYS
CARE_PLAN = Timescale(10, WORKING_DAYS)
PLACEMENT_PLAN = Timescale(5, WORKING_DAYS)
IRO_APPOINTMENT = Timescale(5, WORKING_DAYS)
FIRST_REVIEW = Timescale(20, WORKING_DAYS)
SECOND_REVIEW = Timescale(3, Unit.CALENDAR_MONTHS)
LATER_REVIEW = Timescale(6, Unit.CALENDAR_MONTHS)
FIRST_VISIT = Timescale(1, Unit.WEEKS)
VISIT_INTERVAL = Timescale(6, Unit.WEEKS)
VISIT_INTERVAL_UNTIL_18 = Timescale(3, Unit.CALENDAR_MONTHS)
VISIT_INTERVAL_LONG_TERM_AGREED = Timescale(6, Unit.CALENDAR_MONTHS)
VISIT_WEEKLY = Timescale(1, Unit.WEEKS)
ADOPTION_FIRST_REVIEW = Timescale(4, Unit.WEEKS)
VISIT_INTERVAL_CONNECTED_PERSON = Timescale(4, Unit.WEEKS)
INITIAL_HEALTH_ASSESSMENT = Timescale(20, WORKING_DAYS)
HEALTH_REVIEW_UNDER_5 = Timescale(6, Unit.CALENDAR_MONTHS)
HEALTH_REVIEW_FROM_5 = Timescale(12, Unit.CALENDAR_MONTHS)
PEP_START = Timescale(10, WORKING_DAYS)
SDQ_INTERVAL = Timescale(12, Unit.CALENDAR_MONTHS)
RETURN_INTERVIEW = Timescale(72, Unit.HOURS)
DENTAL_CHECK_INTERVAL = Timescale(12, Unit.CALENDAR_MONTHS)
BIRTHDAY_CONTACT_OPENS_MONTHS_BEFORE = 3
BIRTHDAY_CONTACT_DUE = Timescale(1, Unit.CALENDAR_MONTHS)
BIRTHDAY_CONTACT_AGES = range(17, 22)
# A birthday contact never made is shown as overdue for a year after it was due.
MISSED_CONTACT_SHOWN_MONTHS = 12
# Rule 1007: no OC3 contact for a 17th or 18th birthday spent looked after.
STILL_LOOKED_AFTER_AGE = 18
PATHWAY_PLAN_FIRST = Timescale(3, Unit.CALENDAR_MONTHS)
PATHWAY_PLAN_REVIEW = Timescale(6, Unit.CALENDAR_MONTHS)

HEALTH_REVIEW_AGE = 5


@dataclass(frozen=True)
class Duty:
    """One duty for the work tray: what is due, by when, and where it stands today."""

    key: str
    name: str
    due: dt.date
    status: Status
    last_done: dt.date | None = None
    due_at: dt.datetime | None = None

    @property
    def is_overdue(self) -> bool:
        return self.status is Status.OVERDUE


def next_review_due(period_start: dt.date, reviews_held: Sequence[dt.date]) -> dt.date:
    """The next LAC review: 20 WD from becoming looked after, then 3 months, then 6-monthly."""
    if not reviews_held:
        return due_date(FIRST_REVIEW, period_start)
    last = max(reviews_held)
    interval = SECOND_REVIEW if len(reviews_held) == 1 else LATER_REVIEW
    return due_date(interval, last)


def next_adoption_review_due(placed_on: dt.date, reviews_held: Sequence[dt.date]) -> dt.date:
    """Reviews once placed for adoption (SI 2005/389 reg 36(3)).

    The first within 4 weeks of the placement, the second within 3 months of the first, then at
    most 6 months apart; only reviews held since the placement count.
    """
    made = [day for day in reviews_held if day >= placed_on]
    if not made:
        return due_date(ADOPTION_FIRST_REVIEW, placed_on)
    interval = SECOND_REVIEW if len(made) == 1 else LATER_REVIEW
    return due_date(interval, max(made))


def next_adoption_visit_due(
    placed_on: dt.date, *, visits: Sequence[dt.date], first_review_on: dt.date | None
) -> dt.date | None:
    """Visits once placed for adoption (SI 2005/389 reg 36(4)).

    Within a week of the placement, then weekly until the first review since it. After that the
    review decides how often, so there is no national due date (None).
    """
    if first_review_on is not None:
        return None
    made = [day for day in visits if day >= placed_on]
    return due_date(FIRST_VISIT if not made else VISIT_WEEKLY, max(made) if made else placed_on)


def next_visit_due(
    placement_start: dt.date,
    *,
    intended_until_18: bool,
    visits: Sequence[dt.date],
    schedule: str = VisitSchedule.STANDARD,
    first_review_on: dt.date | None = None,
) -> dt.date | None:
    """The next statutory visit in the current placement (reg 28), or None for short breaks.

    Only visits on or after the placement's start count: a new placement restarts the clock, and
    the first visit is due within a week whatever the schedule. After that the interval follows
    the placement's `schedule` (see the module docstring). "Until the first review" means until
    the first LAC review held since the placement started (`first_review_on`, as the caller
    finds it); the interval after it is counted from the last actual visit.
    """
    if schedule == VisitSchedule.SHORT_BREAKS:
        return None
    made = [day for day in visits if day >= placement_start]
    if not made:
        return due_date(FIRST_VISIT, placement_start)
    last = max(made)
    return due_date(
        _visit_interval(placement_start, last, schedule, intended_until_18, first_review_on), last
    )


def _visit_interval(
    placement_start: dt.date,
    last: dt.date,
    schedule: str,
    intended_until_18: bool,
    first_review_on: dt.date | None,
) -> Timescale:
    """The longest allowed gap after the visit on `last`, by the placement's schedule."""
    weekly_until_review = schedule in {
        VisitSchedule.PARENT_BEFORE_ASSESSMENT,
        VisitSchedule.CONNECTED_PERSON,
    }
    if weekly_until_review and first_review_on is None:
        interval = VISIT_WEEKLY
    elif schedule == VisitSchedule.CONNECTED_PERSON:
        interval = VISIT_INTERVAL_CONNECTED_PERSON
    elif last < due_date(Timescale(12, Unit.CALENDAR_MONTHS), placement_start):
        interval = VISIT_INTERVAL  # every schedule is at most 6-weekly in the first year
    elif schedule == VisitSchedule.LONG_TERM_AGREED:
        interval = VISIT_INTERVAL_LONG_TERM_AGREED
    elif schedule == VisitSchedule.STANDARD and intended_until_18:
        interval = VISIT_INTERVAL_UNTIL_18
    else:
        interval = VISIT_INTERVAL
    return interval


def _age_on(date_of_birth: dt.date, day: dt.date) -> int:
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


def next_health_assessment_due(
    period_start: dt.date, *, date_of_birth: dt.date | None, assessments: Sequence[dt.date]
) -> dt.date:
    """The initial health assessment (20 WD), then reviews: 6-monthly under 5, yearly from 5.

    Only assessments since the period of care started count. The interval follows the child's
    age on the day of the last assessment.
    """
    made = [day for day in assessments if day >= period_start]
    if not made:
        return due_date(INITIAL_HEALTH_ASSESSMENT, period_start)
    last = max(made)
    under_5 = date_of_birth is not None and _age_on(date_of_birth, last) < HEALTH_REVIEW_AGE
    return due_date(HEALTH_REVIEW_UNDER_5 if under_5 else HEALTH_REVIEW_FROM_5, last)


@dataclass(frozen=True)
class SchoolTerm:
    """One school term, holidays after it included (see the module docstring)."""

    name: str
    starts_on: dt.date
    ends_on: dt.date


AUTUMN_START_MONTH = 9


def easter_day(year: int) -> dt.date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    offset = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * offset + 114, 31)
    return dt.date(year, month, day + 1)


def school_term(day: dt.date) -> SchoolTerm:
    """The school term `day` falls in: autumn, spring (to Easter Day) or summer."""
    spring_ends = easter_day(day.year)
    if day.month >= AUTUMN_START_MONTH:
        return SchoolTerm("autumn", dt.date(day.year, 9, 1), dt.date(day.year, 12, 31))
    if day <= spring_ends:
        return SchoolTerm("spring", dt.date(day.year, 1, 1), spring_ends)
    return SchoolTerm("summer", spring_ends + dt.timedelta(days=1), dt.date(day.year, 8, 31))


def next_school_term(term: SchoolTerm) -> SchoolTerm:
    """The term after `term`."""
    return school_term(term.ends_on + dt.timedelta(days=1))


def next_pep_due(period_start: dt.date, peps: Sequence[dt.date]) -> dt.date:
    """The PEP: started within 10 WD of becoming looked after, then reviewed each school term.

    A PEP in one term meets that term's review; the next is due by the end of the next term.
    """
    made = [day for day in peps if day >= period_start]
    if not made:
        return due_date(PEP_START, period_start)
    return next_school_term(school_term(max(made))).ends_on


def next_dental_check_due(period_start: dt.date, checks: Sequence[dt.date]) -> dt.date:
    """A dental check within 12 months of the last one in this period, or of entering care."""
    made = [day for day in checks if day >= period_start]
    return due_date(DENTAL_CHECK_INTERVAL, max(made) if made else period_start)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 17th, 21st."""
    if number % 100 in {11, 12, 13}:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def birthday_contact_window(day: dt.date) -> tuple[dt.date, dt.date]:
    """When contact around the birthday `day` counts for OC3: (window opens, due by)."""
    return (
        add_months(day, -BIRTHDAY_CONTACT_OPENS_MONTHS_BEFORE),
        due_date(BIRTHDAY_CONTACT_DUE, day),
    )


def next_pathway_plan_due(eligible_from: dt.date, plans: Sequence[dt.date]) -> dt.date:
    """The first pathway plan within 3 months of becoming eligible, then reviews within 6."""
    if not plans:
        return due_date(PATHWAY_PLAN_FIRST, eligible_from)
    return due_date(PATHWAY_PLAN_REVIEW, max(plans))


def return_interview_due(returned_at: dt.datetime) -> dt.datetime:
    """The return home interview must be offered within 72 hours of the child's return."""
    return due_datetime(RETURN_INTERVIEW, returned_at)
