"""The performance figures: a registry of KPI definitions over the statutory record.

Each `Figure` is defined by two querysets over the statutory record for a `Period` (both dates
included): the **numerator** (the units counted: referrals, assessments, children on a plan...)
and, for percentages and averages, the **denominator**. A figure is computed with a few
aggregate queries (`compute`), never by looping over children in Python. The children behind a
figure are a separate, lazy query (`child_ids`), which a page narrows to what the viewer may see.
Many figures (the dashboard, a trend) are counted in one statement (`compute_many`): one round
trip, with each count planned as its own subquery.

Measures:

* `COUNT`: the numerator.
* `RATE`: the numerator per 10,000 children, the denominator being the council's child population
  (`ChildPopulation`) for the latest year not after the period's end.
* `PERCENTAGE`: the numerator as a percentage of the denominator (the numerator is always a subset
  of the denominator).
* `AVERAGE`: the numerator divided by the denominator (caseloads per worker).

"At the period end" means in force on the last day: started on or before it and not ended by it
(an end date after it, or none), as the DfE returns count "at 31 March".

The figures read the statutory record only (`hearth.frontdoor`, `hearth.casework`,
`hearth.lookedafter`, `hearth.organisation`), never the practice model. Due dates stored on the
record (assessment 45 WD, ICPC 15 WD, first core group 10 WD) are compared as stored; working-day
cut-offs for "visited within 10 working days" come from `hearth.timescales.calendar`.

Partial, and said so in docs/subsystems/performance.md: the looked-after visit figure takes the
usual reg 28 intervals (6 weeks, or 3 months for a placement intended to last to 18 after its
first year) and not the reg 28 variants; CIN plan reviews and CP visits use local intervals from
`settings.HEARTH_PERFORMANCE_TIMESCALES` (defaults below), not the council's practice model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from hearth.casework.codes import AssessmentOutcome, CategoryOfAbuse, ConferenceKind
from hearth.casework.models import (
    Allocation,
    Assessment,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    CINPlanReview,
    CoreGroup,
    Section47Enquiry,
    Visit,
)
from hearth.frontdoor.models import ContactChild, ContactDecision
from hearth.lookedafter.codes import SHORT_BREAK_STATUSES, Activity, LegalStatusCode
from hearth.lookedafter.models import (
    CareLeaverContact,
    LACReview,
    LeavingCareSupport,
    LegalStatus,
    MissingEpisode,
    PathwayPlan,
    PeriodOfCare,
    Placement,
    ReturnInterview,
    StatutoryVisit,
)
from hearth.organisation.models import EmploymentType, Worker
from hearth.performance.models import ChildPopulation
from hearth.timescales.calendar import add_working_days
from hearth.timescales.models import NonWorkingDay
from hearth.timescales.rules import add_months
from hearth.workforce import selectors as workforce
from hearth.workforce.models import Absence, AbsenceKind, TrainingRecord
from hearth.workforce.selectors import employed_on

PER_10000 = Decimal(10_000)
ONE_DECIMAL = Decimal("0.1")

# Local timescales a council may tighten in settings; the defaults are common local practice.
DEFAULT_TIMESCALES: dict[str, int] = {
    # Children on a child protection plan seen at least every 10 working days (domain.md 3.2).
    "cp_visit_working_days": 10,
    # ... and the looser "every 4 weeks" some councils report alongside it.
    "cp_visit_days": 28,
    # Child in need plans reviewed at least every 3 months.
    "cin_review_months": 3,
    # Care leavers' pathway plans reviewed at least every 6 months.
    "pathway_plan_months": 6,
    # Placed "far from home": outside the council's area and more than this many miles.
    "distance_miles": 20,
}

# Care leavers' ages for the education, employment or training figure (903 OC3 is 17 to 21).
CARE_LEAVER_MIN_AGE = 17
CARE_LEAVER_MAX_AGE = 21
EET_ACTIVITIES = (
    Activity.F1,
    Activity.P1,
    Activity.F2,
    Activity.P2,
    Activity.F4,
    Activity.P4,
    Activity.F5,
    Activity.P5,
)
RETURN_INTERVIEW_WITHIN = dt.timedelta(hours=72)
PLACEMENT_VISIT_WITHIN = dt.timedelta(days=7)
LAC_VISIT_WEEKS = dt.timedelta(weeks=6)
LONG_TERM_VISIT_MONTHS = 3
FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
PLACEMENTS_FOR_INSTABILITY = 3


def timescale(name: str) -> int:
    """A local timescale: the council's setting, or the default above."""
    configured: dict[str, int] = getattr(settings, "HEARTH_PERFORMANCE_TIMESCALES", {})
    return int(configured.get(name, DEFAULT_TIMESCALES[name]))


@dataclass(frozen=True)
class Period:
    """A reporting period, both days included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts")

    @property
    def label(self) -> str:
        return f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"

    @property
    def year_to_end(self) -> Period:
        """The 12 months ending on this period's last day."""
        return Period(start=add_months(self.end, -12) + dt.timedelta(days=1), end=self.end)


class Measure(StrEnum):
    COUNT = "count"
    RATE = "rate per 10,000 children"
    PERCENTAGE = "percentage"
    AVERAGE = "average"


class Area(StrEnum):
    """The part of the child's journey a figure is about (the dashboard's sections)."""

    FRONT_DOOR = "Contacts and referrals"
    ASSESSMENT = "Assessment and child in need"
    PROTECTION = "Child protection"
    LOOKED_AFTER = "Children looked after"
    CARE_LEAVERS = "Care leavers"
    WORKFORCE = "Workforce"


class Side(StrEnum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


Units = Callable[[Period], QuerySet[Any]]


@dataclass(frozen=True)
class Figure:
    """A KPI definition.

    `child_path` leads from a unit (a row of the numerator or denominator) to the child's id;
    None when the units are workers. `breakdown_field` splits the numerator (for instance, by
    category of abuse) and `breakdown_labels` names its values.
    """

    key: str
    title: str
    definition: str
    area: Area
    measure: Measure
    numerator: Units
    denominator: Units | None = None
    child_path: str | None = "child_id"
    denominator_child_path: str | None = None
    breakdown_field: str | None = None
    breakdown_labels: dict[str, str] = field(default_factory=dict)
    numerator_label: str = "Counted"
    denominator_label: str = "Out of"
    # A total over the numerator's units in place of counting them (days lost to sickness).
    numerator_total: Callable[[Period], int] | None = None

    @property
    def is_rate(self) -> bool:
        return self.measure == Measure.RATE

    @property
    def unit_suffix(self) -> str:
        return "%" if self.measure == Measure.PERCENTAGE else ""

    def path_for(self, side: Side) -> str | None:
        """The path to the child's id on that side; None (or "") when its units are not children."""
        if side == Side.DENOMINATOR and self.denominator_child_path is not None:
            return self.denominator_child_path
        return self.child_path


@dataclass(frozen=True)
class BreakdownRow:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class Result:
    """A figure's value for a period. `value` is None when there is nothing to divide by."""

    figure: Figure
    period: Period
    numerator: int
    denominator: int | None
    value: Decimal | None
    breakdown: tuple[BreakdownRow, ...] = ()

    @property
    def display_value(self) -> str:
        if self.value is None:
            return "No data"
        if self.figure.measure == Measure.COUNT:
            return f"{self.value:,.0f}"
        return f"{self.value:,.1f}{self.figure.unit_suffix}"


# --- Helpers ------------------------------------------------------------------------------------


def in_force_on(day: dt.date, start: str = "started_on", end: str = "ended_on") -> Q:
    """Started on or before `day` and not ended by it (no end date, or one after it)."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


def between(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


class SubqueryCount(Subquery):
    """The number of rows a correlated subquery returns, as an integer column."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def _ratio(numerator: int, denominator: int, scale: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    value = Decimal(numerator) * scale / Decimal(denominator)
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def child_population(on: dt.date) -> ChildPopulation | None:
    """The population row for the latest year not after `on` (else the earliest there is)."""
    row = ChildPopulation.objects.filter(year__lte=on.year).order_by("-year").first()
    return row or ChildPopulation.objects.order_by("year").first()


# --- Front door ---------------------------------------------------------------------------------


def received_in(period: Period, field_name: str = "contact__received_at") -> Q:
    """Received on a day of the period (local time), as a range the timestamp's index can use.

    The same as `received_at__date` between the days, without casting every row to a date.
    """
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(period.start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return Q(**{f"{field_name}__gte": first, f"{field_name}__lt": after})


def contacts(period: Period) -> QuerySet[ContactChild]:
    """Each child named in a contact received in the period (Annex A List 1 counts per child)."""
    return ContactChild.objects.filter(received_in(period))


def contact_decisions(period: Period) -> QuerySet[ContactDecision]:
    return ContactDecision.objects.filter(received_in(period))


def contact_decisions_in_time(period: Period) -> QuerySet[ContactDecision]:
    return contact_decisions(period).filter(decided_at__date__lte=F("contact__decision_due_on"))


def referrals(period: Period) -> QuerySet[CINEpisode]:
    return CINEpisode.objects.filter(between("referral_date", period))


def referrals_nfa(period: Period) -> QuerySet[CINEpisode]:
    return referrals(period).filter(referral_nfa=True)


def re_referrals(period: Period) -> QuerySet[CINEpisode]:
    return referrals(period).filter(is_re_referral=True)


# --- Assessment and child in need ---------------------------------------------------------------


def assessments_completed(period: Period) -> QuerySet[Assessment]:
    return Assessment.objects.filter(between("authorisation_date", period))


def assessments_in_time(period: Period) -> QuerySet[Assessment]:
    return assessments_completed(period).filter(authorisation_date__lte=F("due_date"))


def assessments_nfa(period: Period) -> QuerySet[Assessment]:
    return assessments_completed(period).filter(outcome=AssessmentOutcome.NO_FURTHER_ACTION)


def cin_plans_due_review(period: Period) -> QuerySet[CINPlan]:
    """CIN plans open at the period end that have run long enough to need a review."""
    since = add_months(period.end, -timescale("cin_review_months"))
    return CINPlan.objects.filter(
        in_force_on(period.end, "start_date", "end_date"), start_date__lte=since
    )


def cin_plans_reviewed(period: Period) -> QuerySet[CINPlan]:
    since = add_months(period.end, -timescale("cin_review_months"))
    reviewed = CINPlanReview.objects.filter(
        cin_plan=OuterRef("pk"), held_on__gte=since, held_on__lte=period.end
    )
    return cin_plans_due_review(period).filter(Exists(reviewed))


# --- Child protection ---------------------------------------------------------------------------


def section47s(period: Period) -> QuerySet[Section47Enquiry]:
    return Section47Enquiry.objects.filter(between("actual_start_date", period))


def icpcs(period: Period) -> QuerySet[ChildProtectionConference]:
    """Initial conferences held in the period after a section 47 enquiry."""
    return ChildProtectionConference.objects.filter(
        between("held_on", period), kind=ConferenceKind.INITIAL, section47__isnull=False
    )


def icpcs_in_time(period: Period) -> QuerySet[ChildProtectionConference]:
    return icpcs(period).filter(held_on__lte=F("section47__icpc_target_date"))


def cp_plans_at_end(period: Period) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(in_force_on(period.end, "start_date", "end_date"))


def cp_plans_started(period: Period) -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.filter(between("start_date", period))


def cp_plans_second_or_subsequent(period: Period) -> QuerySet[ChildProtectionPlan]:
    return cp_plans_started(period).filter(number_of_previous_plans__gte=1)


def _seen_since(since: dt.date, until: dt.date) -> Exists:
    return Exists(
        Visit.objects.filter(
            child_id=OuterRef("episode__child_id"),
            child_seen=True,
            occurred_at__date__gte=since,
            occurred_at__date__lte=until,
        )
    )


def cp_plans_visit_due_10wd(period: Period) -> QuerySet[ChildProtectionPlan]:
    """Plans at the period end that started at least 10 working days before it."""
    since = add_working_days(period.end, -timescale("cp_visit_working_days"))
    return cp_plans_at_end(period).filter(start_date__lte=since)


def cp_plans_visited_10wd(period: Period) -> QuerySet[ChildProtectionPlan]:
    since = add_working_days(period.end, -timescale("cp_visit_working_days"))
    return cp_plans_visit_due_10wd(period).filter(_seen_since(since, period.end))


def cp_plans_visit_due_4w(period: Period) -> QuerySet[ChildProtectionPlan]:
    since = period.end - dt.timedelta(days=timescale("cp_visit_days"))
    return cp_plans_at_end(period).filter(start_date__lte=since)


def cp_plans_visited_4w(period: Period) -> QuerySet[ChildProtectionPlan]:
    since = period.end - dt.timedelta(days=timescale("cp_visit_days"))
    return cp_plans_visit_due_4w(period).filter(_seen_since(since, period.end))


def first_core_groups_due(period: Period) -> QuerySet[ChildProtectionPlan]:
    """Plans whose first core group fell due in the period (10 working days after the ICPC)."""
    return ChildProtectionPlan.objects.filter(between("first_core_group_due_on", period))


def first_core_groups_in_time(period: Period) -> QuerySet[ChildProtectionPlan]:
    held = CoreGroup.objects.filter(
        cp_plan=OuterRef("pk"), held_on__lte=OuterRef("first_core_group_due_on")
    )
    return first_core_groups_due(period).filter(Exists(held))


# --- Looked after -------------------------------------------------------------------------------


def _not_short_breaks() -> Q:
    # Children on an agreed series of short breaks (V3/V4) are left out of the looked-after
    # counts, as the DfE's own figures do; each break is its own period of care.
    return ~Q(
        Exists(
            LegalStatus.objects.filter(period=OuterRef("pk"), code__in=list(SHORT_BREAK_STATUSES))
        )
    )


def _status_at(day: dt.date) -> Subquery:
    """The legal status in force on `day` (the later-recorded one when two start together)."""
    return Subquery(
        LegalStatus.objects.filter(period=OuterRef("pk"), started_on__lte=day)
        .order_by("-started_on", "-id")
        .values("code")[:1]
    )


def _placement_at(day: dt.date) -> QuerySet[Placement]:
    return Placement.objects.filter(in_force_on(day), period=OuterRef("pk"))


def looked_after_at_end(period: Period) -> QuerySet[PeriodOfCare]:
    """Periods of care in force on the period's last day (short breaks left out)."""
    return (
        PeriodOfCare.objects.filter(in_force_on(period.end))
        .filter(_not_short_breaks())
        .annotate(status_at_end=_status_at(period.end))
    )


def started_care(period: Period) -> QuerySet[PeriodOfCare]:
    return PeriodOfCare.objects.filter(between("started_on", period)).filter(_not_short_breaks())


def placed_far_from_home(period: Period) -> QuerySet[PeriodOfCare]:
    far = _placement_at(period.end).filter(
        is_in_area=False, distance_miles__gt=timescale("distance_miles")
    )
    return looked_after_at_end(period).filter(Exists(far))


def placed_with_parents(period: Period) -> QuerySet[PeriodOfCare]:
    with_parents = _placement_at(period.end).filter(placement_type="P1")
    return looked_after_at_end(period).filter(Exists(with_parents))


def three_or_more_placements(period: Period) -> QuerySet[PeriodOfCare]:
    """Looked after at the end, with 3 or more placements in the 12 months to it.

    A move that kept the same carers (their house move, a change of provider) is not a new
    placement, so it is not counted.
    """
    year = period.year_to_end
    placements = Placement.objects.filter(
        period__child_id=OuterRef("child_id"),
        started_on__lte=year.end,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year.start))
    counted = placements.filter(
        Q(same_carer_as_previous=False) | Q(started_on__lt=year.start)
    ).values("pk")
    return (
        looked_after_at_end(period)
        .annotate(placements_in_year=SubqueryCount(counted))
        .filter(placements_in_year__gte=PLACEMENTS_FOR_INSTABILITY)
    )


def _last_visit(day: dt.date) -> Subquery:
    return Subquery(
        StatutoryVisit.objects.filter(placement__period=OuterRef("pk"), visited_on__lte=day)
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )


def visits_due(period: Period) -> QuerySet[PeriodOfCare]:
    """Looked after at the end, in a placement that began at least a week before (a visit due)."""
    placement_start = Subquery(_placement_at(period.end).values("started_on")[:1])
    return (
        looked_after_at_end(period)
        .annotate(placement_start=placement_start)
        .filter(placement_start__lte=period.end - PLACEMENT_VISIT_WITHIN)
    )


def visits_in_time(period: Period) -> QuerySet[PeriodOfCare]:
    """Visited since the placement began, and within 6 weeks (3 months in a long-term placement).

    Reg 28(2): after the placement's first year, a placement intended to last until the child is
    18 needs a visit every 3 months; otherwise every 6 weeks.
    """
    long_term = Exists(
        _placement_at(period.end).filter(
            intended_until_18=True, started_on__lte=add_months(period.end, -12)
        )
    )
    return (
        visits_due(period)
        .annotate(last_visit=_last_visit(period.end))
        .filter(last_visit__gte=F("placement_start"))
        .filter(
            Q(last_visit__gte=period.end - LAC_VISIT_WEEKS)
            | (Q(long_term) & Q(last_visit__gte=add_months(period.end, -LONG_TERM_VISIT_MONTHS)))
        )
    )


def reviews_due(period: Period) -> QuerySet[PeriodOfCare]:
    """Looked after at the end for long enough that the first review (20 WD) has fallen due."""
    since = add_working_days(period.end, -FIRST_REVIEW_WORKING_DAYS)
    return looked_after_at_end(period).filter(started_on__lte=since)


def reviews_in_time(period: Period) -> QuerySet[PeriodOfCare]:
    """No review overdue at the end: the latest within 3 months if it was the first, else 6."""
    held = LACReview.objects.filter(period=OuterRef("pk"), held_on__lte=period.end)
    latest = Subquery(held.order_by("-held_on").values("held_on")[:1])
    return (
        reviews_due(period)
        .annotate(reviews_held=SubqueryCount(held.values("pk")), last_review=latest)
        .filter(
            Q(reviews_held=1, last_review__gte=add_months(period.end, -SECOND_REVIEW_MONTHS))
            | Q(
                reviews_held__gte=2,
                last_review__gte=add_months(period.end, -LATER_REVIEW_MONTHS),
            )
        )
    )


def children_returned(period: Period) -> QuerySet[MissingEpisode]:
    """Missing or away episodes that ended (the child returned or was found) in the period."""
    return MissingEpisode.objects.filter(
        ended_at__date__gte=period.start, ended_at__date__lte=period.end
    )


def return_interviews_in_time(period: Period) -> QuerySet[MissingEpisode]:
    offered = ReturnInterview.objects.filter(
        episode=OuterRef("pk"), offered_at__lte=OuterRef("ended_at") + RETURN_INTERVIEW_WITHIN
    )
    return children_returned(period).filter(Exists(offered))


# --- Care leavers -------------------------------------------------------------------------------


def care_leavers(period: Period) -> QuerySet[LeavingCareSupport]:
    """Young people with leaving-care support (a personal adviser) at the period end."""
    return LeavingCareSupport.objects.filter(in_force_on(period.end))


def care_leavers_with_current_pathway_plan(period: Period) -> QuerySet[LeavingCareSupport]:
    since = add_months(period.end, -timescale("pathway_plan_months"))
    plans = PathwayPlan.objects.filter(
        child_id=OuterRef("child_id"), completed_on__gte=since, completed_on__lte=period.end
    )
    return care_leavers(period).filter(Exists(plans))


def care_leavers_17_to_21(period: Period) -> QuerySet[LeavingCareSupport]:
    youngest_born = add_months(period.end, -12 * CARE_LEAVER_MIN_AGE)
    oldest_born = add_months(period.end, -12 * (CARE_LEAVER_MAX_AGE + 1)) + dt.timedelta(days=1)
    return care_leavers(period).filter(
        child__date_of_birth__lte=youngest_born, child__date_of_birth__gte=oldest_born
    )


def care_leavers_in_eet(period: Period) -> QuerySet[LeavingCareSupport]:
    """Whose latest contact around a birthday (903 OC3) found them in education or work."""
    latest_activity = Subquery(
        CareLeaverContact.objects.filter(
            child_id=OuterRef("child_id"), contacted_on__lte=period.end
        )
        .order_by("-contacted_on", "-id")
        .values("activity")[:1]
    )
    return (
        care_leavers_17_to_21(period)
        .annotate(latest_activity=latest_activity)
        .filter(latest_activity__in=[a.value for a in EET_ACTIVITIES])
    )


# --- Workforce ----------------------------------------------------------------------------------


def allocations_at_end(period: Period) -> QuerySet[Allocation]:
    """Children allocated at the period end to a named worker employed on that day.

    An allocation left open to a worker who has left is not a caseload anyone carries.
    """
    employed = Worker.objects.filter(employed_on(period.end))
    return Allocation.objects.filter(in_force_on(period.end), worker__in=employed)


def workers_with_caseloads(period: Period) -> QuerySet[Worker]:
    """Workers employed at the period end who hold at least one allocation then."""
    held = Allocation.objects.filter(in_force_on(period.end), worker=OuterRef("pk"))
    return Worker.objects.filter(employed_on(period.end)).filter(Exists(held))


def social_workers_employed(period: Period) -> QuerySet[Worker]:
    """Registered social workers (social workers, team managers, IROs) employed on the last day."""
    return workforce.social_workers_employed(period.end)


def agency_social_workers(period: Period) -> QuerySet[Worker]:
    return social_workers_employed(period).filter(employment_type=EmploymentType.AGENCY)


def practitioners(period: Period) -> QuerySet[Worker]:
    """Practitioners employed on the period's last day (hearth.workforce.selectors)."""
    return workforce.practitioners_employed(period.end)


def sickness_absences(period: Period) -> QuerySet[Absence]:
    """Sickness absences overlapping the period, of practitioners employed at its end."""
    return Absence.objects.filter(
        kind=AbsenceKind.SICKNESS,
        starts_on__lte=period.end,
        ends_on__gte=period.start,
        worker__in=practitioners(period),
    )


def sickness_days_lost(period: Period) -> int:
    """Working days inside the period covered by those absences, in one query.

    Each absence is cut to the period and expanded to its days in the database; weekends and the
    council's non-working days (`hearth.timescales`) are not working days lost.
    """
    absences = sickness_absences(period).order_by().values("starts_on", "ends_on")
    inner, params = absences.query.sql_with_params()
    sql = (
        "SELECT count(*) FROM (" + inner + ") AS absence "  # noqa: S608 - Django-built SQL
        "CROSS JOIN LATERAL generate_series(greatest(absence.starts_on, %s::date), "
        "least(absence.ends_on, %s::date), interval '1 day') AS lost(day) "
        "WHERE extract(isodow FROM lost.day) < 6 AND NOT EXISTS ("
        f"SELECT 1 FROM {NonWorkingDay._meta.db_table} AS closed "
        "WHERE closed.day = lost.day::date)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, period.start, period.end])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def practitioners_trained(period: Period) -> QuerySet[Worker]:
    """Practitioners at the period end who had completed training in the practice model by then."""
    trained = TrainingRecord.objects.filter(
        worker=OuterRef("pk"), course__is_practice_model=True, completed_on__lte=period.end
    )
    return practitioners(period).filter(Exists(trained))


# --- The registry -------------------------------------------------------------------------------

CATEGORY_LABELS = {str(c.value): str(c.label) for c in CategoryOfAbuse}
LEGAL_STATUS_LABELS = {str(c.value): str(c.label) for c in LegalStatusCode}

FIGURES: tuple[Figure, ...] = (
    Figure(
        key="contacts",
        title="Contacts",
        definition="Children named in contacts received in the period, per 10,000 children "
        "(a contact about three siblings counts three times, as Annex A List 1 does).",
        area=Area.FRONT_DOOR,
        measure=Measure.RATE,
        numerator=contacts,
        numerator_label="Children in contacts",
    ),
    Figure(
        key="contact-decisions-in-time",
        title="Contact decisions within 1 working day",
        definition="Of the decisions on children in contacts received in the period, the "
        "percentage made by the contact's 1 working day due date.",
        area=Area.FRONT_DOOR,
        measure=Measure.PERCENTAGE,
        numerator=contact_decisions_in_time,
        denominator=contact_decisions,
        numerator_label="Decided in time",
        denominator_label="Decisions",
    ),
    Figure(
        key="referrals",
        title="Referrals",
        definition="Referrals to children's social care (CIN episodes) with a referral date in "
        "the period, per 10,000 children.",
        area=Area.FRONT_DOOR,
        measure=Measure.RATE,
        numerator=referrals,
        numerator_label="Referrals",
    ),
    Figure(
        key="referrals-nfa",
        title="Referrals ending in no further action",
        definition="Of the referrals in the period, the percentage recorded as no further "
        "action (CIN census ReferralNFA).",
        area=Area.FRONT_DOOR,
        measure=Measure.PERCENTAGE,
        numerator=referrals_nfa,
        denominator=referrals,
        numerator_label="No further action",
        denominator_label="Referrals",
    ),
    Figure(
        key="re-referrals",
        title="Re-referrals within 12 months",
        definition="Of the referrals in the period, the percentage for a child with a previous "
        "referral in the 12 months before it.",
        area=Area.FRONT_DOOR,
        measure=Measure.PERCENTAGE,
        numerator=re_referrals,
        denominator=referrals,
        numerator_label="Re-referrals",
        denominator_label="Referrals",
    ),
    Figure(
        key="assessments-in-time",
        title="Assessments completed within 45 working days",
        definition="Of the child and family assessments authorised in the period, the percentage "
        "authorised by their due date (45 working days from the referral).",
        area=Area.ASSESSMENT,
        measure=Measure.PERCENTAGE,
        numerator=assessments_in_time,
        denominator=assessments_completed,
        child_path="episode__child_id",
        numerator_label="Within 45 working days",
        denominator_label="Assessments completed",
    ),
    Figure(
        key="assessments-nfa",
        title="Assessments ending in no further action",
        definition="Of the assessments authorised in the period, the percentage whose outcome "
        "was no further action.",
        area=Area.ASSESSMENT,
        measure=Measure.PERCENTAGE,
        numerator=assessments_nfa,
        denominator=assessments_completed,
        child_path="episode__child_id",
        numerator_label="No further action",
        denominator_label="Assessments completed",
    ),
    Figure(
        key="cin-reviews-in-time",
        title="Child in need plans reviewed in time",
        definition="Of the CIN plans open at the period end that began at least the review "
        "interval before it (3 months unless the council sets another), the percentage "
        "reviewed within that interval.",
        area=Area.ASSESSMENT,
        measure=Measure.PERCENTAGE,
        numerator=cin_plans_reviewed,
        denominator=cin_plans_due_review,
        child_path="episode__child_id",
        numerator_label="Reviewed in time",
        denominator_label="CIN plans due a review",
    ),
    Figure(
        key="section47s",
        title="Section 47 enquiries",
        definition="Section 47 enquiries started in the period, per 10,000 children.",
        area=Area.PROTECTION,
        measure=Measure.RATE,
        numerator=section47s,
        child_path="episode__child_id",
        numerator_label="Enquiries started",
    ),
    Figure(
        key="icpcs-in-time",
        title="Initial conferences within 15 working days",
        definition="Of the initial child protection conferences held in the period, the "
        "percentage held within 15 working days of the strategy discussion that started the "
        "section 47 enquiry.",
        area=Area.PROTECTION,
        measure=Measure.PERCENTAGE,
        numerator=icpcs_in_time,
        denominator=icpcs,
        child_path="episode__child_id",
        numerator_label="Within 15 working days",
        denominator_label="Initial conferences",
    ),
    Figure(
        key="cp-plans",
        title="Children on child protection plans",
        definition="Child protection plans in force on the period's last day, per 10,000 "
        "children, by latest category of abuse.",
        area=Area.PROTECTION,
        measure=Measure.RATE,
        numerator=cp_plans_at_end,
        child_path="episode__child_id",
        breakdown_field="latest_category",
        breakdown_labels=CATEGORY_LABELS,
        numerator_label="Children on a plan",
    ),
    Figure(
        key="cp-plans-repeat",
        title="Second or subsequent child protection plans",
        definition="Of the child protection plans that started in the period, the percentage "
        "for a child who had been on a plan before.",
        area=Area.PROTECTION,
        measure=Measure.PERCENTAGE,
        numerator=cp_plans_second_or_subsequent,
        denominator=cp_plans_started,
        child_path="episode__child_id",
        numerator_label="Second or subsequent",
        denominator_label="Plans started",
    ),
    Figure(
        key="cp-visits-10wd",
        title="Children on plans seen within 10 working days",
        definition="Of the children on a plan at the period end whose plan started at least 10 "
        "working days before it, the percentage seen on a visit in the last 10 working days.",
        area=Area.PROTECTION,
        measure=Measure.PERCENTAGE,
        numerator=cp_plans_visited_10wd,
        denominator=cp_plans_visit_due_10wd,
        child_path="episode__child_id",
        numerator_label="Seen in time",
        denominator_label="Children due a visit",
    ),
    Figure(
        key="cp-visits-4w",
        title="Children on plans seen within 4 weeks",
        definition="Of the children on a plan at the period end whose plan started at least 4 "
        "weeks before it, the percentage seen on a visit in the last 4 weeks.",
        area=Area.PROTECTION,
        measure=Measure.PERCENTAGE,
        numerator=cp_plans_visited_4w,
        denominator=cp_plans_visit_due_4w,
        child_path="episode__child_id",
        numerator_label="Seen in time",
        denominator_label="Children due a visit",
    ),
    Figure(
        key="core-groups-in-time",
        title="First core groups within 10 working days",
        definition="Of the plans whose first core group fell due in the period, the percentage "
        "where it met within 10 working days of the initial conference.",
        area=Area.PROTECTION,
        measure=Measure.PERCENTAGE,
        numerator=first_core_groups_in_time,
        denominator=first_core_groups_due,
        child_path="episode__child_id",
        numerator_label="Met in time",
        denominator_label="First core groups due",
    ),
    Figure(
        key="looked-after",
        title="Children looked after",
        definition="Children looked after on the period's last day (short breaks left out), per "
        "10,000 children, by legal status on that day.",
        area=Area.LOOKED_AFTER,
        measure=Measure.RATE,
        numerator=looked_after_at_end,
        breakdown_field="status_at_end",
        breakdown_labels=LEGAL_STATUS_LABELS,
        numerator_label="Children looked after",
    ),
    Figure(
        key="started-care",
        title="Children who started to be looked after",
        definition="Periods of care that began in the period (short breaks left out).",
        area=Area.LOOKED_AFTER,
        measure=Measure.COUNT,
        numerator=started_care,
        numerator_label="Started care",
    ),
    Figure(
        key="placed-far-from-home",
        title="Placed outside the area and more than 20 miles from home",
        definition="Of the children looked after at the period end, the percentage whose "
        "placement that day is outside the council's area and more than 20 miles from home.",
        area=Area.LOOKED_AFTER,
        measure=Measure.PERCENTAGE,
        numerator=placed_far_from_home,
        denominator=looked_after_at_end,
        numerator_label="Placed far from home",
        denominator_label="Children looked after",
    ),
    Figure(
        key="placed-with-parents",
        title="Placed with parents (P1)",
        definition="Of the children looked after at the period end, the percentage placed with "
        "parents or others with parental responsibility (placement type P1) that day.",
        area=Area.LOOKED_AFTER,
        measure=Measure.PERCENTAGE,
        numerator=placed_with_parents,
        denominator=looked_after_at_end,
        numerator_label="Placed with parents",
        denominator_label="Children looked after",
    ),
    Figure(
        key="three-placements",
        title="Three or more placements in the year",
        definition="Of the children looked after at the period end, the percentage with three "
        "or more placements in the 12 months to it (a change that kept the same carers is not "
        "a new placement).",
        area=Area.LOOKED_AFTER,
        measure=Measure.PERCENTAGE,
        numerator=three_or_more_placements,
        denominator=looked_after_at_end,
        numerator_label="Three or more placements",
        denominator_label="Children looked after",
    ),
    Figure(
        key="lac-visits-in-time",
        title="Statutory visits in time",
        definition="Of the children looked after at the period end whose placement began at "
        "least a week before, the percentage visited since it began and within 6 weeks (3 "
        "months in a placement meant to last to 18, after its first year).",
        area=Area.LOOKED_AFTER,
        measure=Measure.PERCENTAGE,
        numerator=visits_in_time,
        denominator=visits_due,
        numerator_label="Visited in time",
        denominator_label="Children due a visit",
    ),
    Figure(
        key="lac-reviews-in-time",
        title="Reviews in time",
        definition="Of the children looked after at the period end for at least 20 working days, "
        "the percentage with no review overdue: reviewed within 3 months of the end if they "
        "have had one review, within 6 months if more.",
        area=Area.LOOKED_AFTER,
        measure=Measure.PERCENTAGE,
        numerator=reviews_in_time,
        denominator=reviews_due,
        numerator_label="Reviewed in time",
        denominator_label="Children due a review",
    ),
    Figure(
        key="return-interviews",
        title="Return home interviews offered within 72 hours",
        definition="Of the missing or away episodes that ended in the period, the percentage "
        "where a return home interview was offered within 72 hours of the child's return.",
        area=Area.LOOKED_AFTER,
        measure=Measure.PERCENTAGE,
        numerator=return_interviews_in_time,
        denominator=children_returned,
        numerator_label="Offered in time",
        denominator_label="Episodes ended",
    ),
    Figure(
        key="pathway-plans",
        title="Care leavers with an up-to-date pathway plan",
        definition="Of the young people with leaving-care support at the period end, the "
        "percentage whose pathway plan was prepared or reviewed in the 6 months to it.",
        area=Area.CARE_LEAVERS,
        measure=Measure.PERCENTAGE,
        numerator=care_leavers_with_current_pathway_plan,
        denominator=care_leavers,
        numerator_label="Plan up to date",
        denominator_label="Care leavers",
    ),
    Figure(
        key="care-leavers-eet",
        title="Care leavers in education, employment or training",
        definition="Of the care leavers aged 17 to 21 with leaving-care support at the period "
        "end, the percentage whose latest contact around a birthday (903 OC3) found them in "
        "education, employment or training.",
        area=Area.CARE_LEAVERS,
        measure=Measure.PERCENTAGE,
        numerator=care_leavers_in_eet,
        denominator=care_leavers_17_to_21,
        numerator_label="In education, employment or training",
        denominator_label="Care leavers 17 to 21",
    ),
    Figure(
        key="caseloads",
        title="Average caseload",
        definition="Children allocated at the period end to a named worker employed on that "
        "day, divided by the number of those workers holding at least one.",
        area=Area.WORKFORCE,
        measure=Measure.AVERAGE,
        numerator=allocations_at_end,
        denominator=workers_with_caseloads,
        denominator_child_path="",
        numerator_label="Children allocated",
        denominator_label="Workers with a caseload",
    ),
    Figure(
        key="agency-social-workers",
        title="Agency social workers",
        definition="Of the registered social workers (social workers, team managers and IROs) "
        "employed on the period's last day, the percentage employed through an agency.",
        area=Area.WORKFORCE,
        measure=Measure.PERCENTAGE,
        numerator=agency_social_workers,
        denominator=social_workers_employed,
        child_path=None,
        numerator_label="Agency",
        denominator_label="Social workers",
    ),
    Figure(
        key="staff-absence",
        title="Working days lost to sickness per practitioner",
        definition="Working days in the period on which practitioners employed at its end were "
        "off sick, divided by the number of those practitioners (headcount, not FTE).",
        area=Area.WORKFORCE,
        measure=Measure.AVERAGE,
        numerator=sickness_absences,
        numerator_total=sickness_days_lost,
        denominator=practitioners,
        child_path=None,
        numerator_label="Working days lost",
        denominator_label="Practitioners",
    ),
    Figure(
        key="practice-model-trained",
        title="Practitioners trained in the practice model",
        definition="Of the practitioners employed on the period's last day, the percentage who "
        "had completed a course marked as training in the council's practice model by then.",
        area=Area.WORKFORCE,
        measure=Measure.PERCENTAGE,
        numerator=practitioners_trained,
        denominator=practitioners,
        child_path=None,
        numerator_label="Trained",
        denominator_label="Practitioners",
    ),
)

REGISTRY: dict[str, Figure] = {figure.key: figure for figure in FIGURES}


def figure_get(key: str) -> Figure:
    """The figure with this key; KeyError when there is none."""
    return REGISTRY[key]


def compute(figure: Figure, period: Period) -> Result:
    """The figure for the period: one count for the numerator, one for the denominator.

    A breakdown adds one grouped count. Rates divide by the child population (no query on the
    record); percentages and averages by the denominator's count.
    """
    return compute_many([(figure, period)])[0]


def _count_sql(units: QuerySet[Any]) -> tuple[str, list[Any]]:
    sql, params = units.order_by().values("pk").query.sql_with_params()
    # The SQL is built by Django from the registry's querysets; the values stay parameters.
    return f"(SELECT count(*) FROM ({sql}) AS units)", list(params)  # noqa: S608


def _counts(sides: Sequence[QuerySet[Any]]) -> list[int]:
    """The number of rows of each queryset, all in one statement (one round trip, one plan each)."""
    if not sides:
        return []
    parts, params = [], []
    for units in sides:
        sql, more = _count_sql(units)
        parts.append(sql)
        params.extend(more)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return [int(value) for value in row]


def compute_many(
    wanted: Sequence[tuple[Figure, Period]], *, breakdowns: bool = True
) -> list[Result]:
    """Each (figure, period) computed, with every count in one statement.

    The same results as `compute` for each, in the order asked. Figures that total their units
    (days lost) add one query each; breakdowns one grouped query each (skipped with
    `breakdowns=False`, as trends do); the child population one query per year used.
    """
    sides: list[QuerySet[Any]] = []
    for figure, period in wanted:
        if figure.numerator_total is None:
            sides.append(figure.numerator(period))
        if figure.measure in {Measure.PERCENTAGE, Measure.AVERAGE}:
            assert figure.denominator is not None  # noqa: S101 - registry invariant
            sides.append(figure.denominator(period))
    counted = iter(_counts(sides))
    populations: dict[int, ChildPopulation | None] = {}
    results = []
    for figure, period in wanted:
        numerator = (
            figure.numerator_total(period) if figure.numerator_total is not None else next(counted)
        )
        denominator: int | None = None
        value: Decimal | None
        if figure.measure == Measure.RATE:
            if period.end.year not in populations:
                populations[period.end.year] = child_population(period.end)
            population = populations[period.end.year]
            denominator = population.count if population else None
            value = _ratio(numerator, denominator, PER_10000) if denominator else None
        elif figure.measure == Measure.COUNT:
            value = Decimal(numerator)
        else:
            denominator = next(counted)
            scale = Decimal(100) if figure.measure == Measure.PERCENTAGE else Decimal(1)
            value = _ratio(numerator, denominator, scale)
        breakdown = _breakdown(figure, period) if breakdowns and figure.breakdown_field else ()
        results.append(
            Result(
                figure=figure,
                period=period,
                numerator=numerator,
                denominator=denominator,
                value=value,
                breakdown=breakdown,
            )
        )
    return results


def _breakdown(figure: Figure, period: Period) -> tuple[BreakdownRow, ...]:
    """The numerator counted by its breakdown field, in one grouped query."""
    assert figure.breakdown_field is not None  # noqa: S101 - only called for such figures
    rows = (
        figure.numerator(period)
        .order_by()
        .values(figure.breakdown_field)
        .annotate(rows=Count("pk"))
        .order_by(figure.breakdown_field)
    )
    return tuple(
        BreakdownRow(
            code=str(row[figure.breakdown_field] or ""),
            label=figure.breakdown_labels.get(str(row[figure.breakdown_field] or ""), "Not known"),
            count=int(row["rows"]),
        )
        for row in rows
    )


def compute_all(period: Period) -> list[Result]:
    """Every figure in the registry for the period, in registry order (see `compute_many`)."""
    return compute_many([(figure, period) for figure in FIGURES])


def child_ids(
    figure: Figure, period: Period, *, side: Side = Side.NUMERATOR, part: str | None = None
) -> QuerySet[Any]:
    """The ids of the children behind one side of a figure, as a lazy query (no rows fetched).

    `part` narrows the numerator to one breakdown value. Figures about workers have no children:
    the answer is then empty. Callers narrow this to what the viewer may see
    (`visible_people(worker).filter(id__in=child_ids(...))`).
    """
    units: QuerySet[Any]
    if side == Side.DENOMINATOR:
        if figure.denominator is None:
            return ContactChild.objects.none().values_list("child_id", flat=True)
        units = figure.denominator(period)
    else:
        units = figure.numerator(period)
        if part is not None and figure.breakdown_field:
            units = units.filter(**{figure.breakdown_field: part})
    path = figure.path_for(side)
    if not path:
        return ContactChild.objects.none().values_list("child_id", flat=True)
    return units.order_by().values_list(path, flat=True).distinct()
