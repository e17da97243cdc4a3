"""Reads of the looked-after record: a child's care history, episodes, duties, and work trays.

Selectors that take a child expect one already loaded through `hearth.access` (the child's page
loads it with `access_person`); selectors that find children start from
`hearth.access.selectors.visible_people`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from hearth.access.selectors import current_allocations, visible_people
from hearth.casework.models import Allocation
from hearth.lookedafter import duties as schedule
from hearth.lookedafter.careleavers import (
    CareSpan,
    birthday,
    care_leaver_status,
    eligible_from,
)
from hearth.lookedafter.codes import (
    ADOPTION_PLACEMENTS,
    SHORT_BREAK_STATUSES,
    CareLeaverStatus,
    HealthCheckKind,
    VisitSchedule,
)
from hearth.lookedafter.episodes import (
    Episode,
    LegalStatusFacts,
    PeriodFacts,
    PlacementFacts,
    derive_episodes,
)
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    Conviction,
    DeprivationOfLibertyOrder,
    HealthAssessment,
    HealthCheck,
    IROAllocation,
    LACReview,
    LeavingCareSupport,
    LegalStatus,
    MissingEpisode,
    PathwayPlan,
    PeriodOfCare,
    PermanenceOrder,
    PersonalEducationPlan,
    Placement,
    PreviousPermanenceOrder,
    SDQScore,
    StatutoryVisit,
    StayingPut,
    SubstanceMisuse,
    UASCStatus,
)
from hearth.lookedafter.services import care_spans
from hearth.organisation.models import Team, Worker
from hearth.people.models import Person
from hearth.timescales.rules import Status, add_months, due_date, status

# Personal education plans are for children of compulsory school age (5 to 16).
PEP_AGES = range(5, 16)
# SDQs are for children aged 4 to 16 looked after for at least 12 months.
SDQ_AGES = range(4, 17)
PATHWAY_STATUSES = frozenset(
    {CareLeaverStatus.ELIGIBLE, CareLeaverStatus.RELEVANT, CareLeaverStatus.FORMER_RELEVANT}
)


def period_list(*, child: Person) -> QuerySet[PeriodOfCare]:
    """The child's periods of care, newest first, with statuses and placements."""
    return (
        PeriodOfCare.objects.filter(child=child)
        .prefetch_related(
            Prefetch("legal_statuses", queryset=LegalStatus.objects.order_by("started_on", "id")),
            Prefetch("placements", queryset=Placement.objects.order_by("started_on", "id")),
        )
        .order_by("-started_on")
    )


def open_period(*, child: Person) -> PeriodOfCare | None:
    """The child's current period of care, or None when they are not looked after."""
    return period_list(child=child).filter(ended_on__isnull=True).first()


def current_placement(*, period: PeriodOfCare) -> Placement | None:
    return period.placements.filter(ended_on__isnull=True).first()


def current_legal_status(*, period: PeriodOfCare) -> LegalStatus | None:
    return period.legal_statuses.filter(ended_on__isnull=True).first()


def period_episodes(*, period: PeriodOfCare) -> list[Episode]:
    """The 903 episodes of one period of care, derived from its statuses and placements."""
    return derive_episodes(
        PeriodFacts(
            started_on=period.started_on,
            category_of_need=period.category_of_need,
            home_postcode=period.home_postcode,
            ended_on=period.ended_on,
            reason_ceased=period.reason_ceased,
        ),
        [
            LegalStatusFacts(code=s.code, started_on=s.started_on, ended_on=s.ended_on)
            for s in period.legal_statuses.all()
        ],
        [
            PlacementFacts(
                place=p.placement_type,
                started_on=p.started_on,
                ended_on=p.ended_on,
                provider=p.provider,
                postcode=p.postcode,
                urn=p.ofsted_urn,
                same_carer_as_previous=p.same_carer_as_previous,
                reason_for_change=p.reason_for_change,
            )
            for p in period.placements.all()
        ],
    )


def child_episodes(*, child: Person) -> list[Episode]:
    """Every 903 episode the child has had, oldest first."""
    episodes: list[Episode] = []
    for period in reversed(list(period_list(child=child))):
        episodes.extend(period_episodes(period=period))
    return episodes


def care_leaver_status_on(*, child: Person, on: dt.date) -> CareLeaverStatus | None:
    """The child's care-leaver status on `on`, derived from their care history."""
    if child.date_of_birth is None:
        return None
    support = LeavingCareSupport.objects.filter(child=child).order_by("-started_on").first()
    return care_leaver_status(
        date_of_birth=child.date_of_birth,
        spans=care_spans(child),
        on=on,
        date_of_death=child.date_of_death,
        support_to_25=bool(support and support.support_to_25),
        special_guardianship_after_care=PermanenceOrder.objects.filter(
            child=child, kind="sgo"
        ).exists()
        and PeriodOfCare.objects.filter(child=child, reason_ceased__in=SGO_RECS).exists(),
    )


SGO_RECS = ("E45", "E46", "E47", "E48")


@dataclass
class _DutyFacts:
    """What the duties read about one child, loaded for many children at once.

    Filled by `_duty_facts` in a fixed number of queries however many children, so a work tray
    or a team view costs the same for 2 children as for 200. Periods come newest first, each
    with its legal statuses and placements oldest first (as `period_list` gives them).
    """

    child: Person
    periods: list[PeriodOfCare] = field(default_factory=list)
    periods_with_iro: set[int] = field(default_factory=set)
    reviews: dict[int, list[dt.date]] = field(default_factory=dict)  # by period
    visits: dict[int, list[dt.date]] = field(default_factory=dict)  # by placement
    peps: dict[int, list[dt.date]] = field(default_factory=dict)  # by period
    health_assessments: list[dt.date] = field(default_factory=list)
    sdqs: list[dt.date] = field(default_factory=list)
    dental_checks: list[dt.date] = field(default_factory=list)
    missing_without_interview: list[MissingEpisode] = field(default_factory=list)
    contact_ages: set[int] = field(default_factory=set)
    support_to_25: bool = False
    has_sgo: bool = False
    pathway_plans: list[dt.date] = field(default_factory=list)


def _duty_facts(children: Sequence[Person]) -> dict[int, _DutyFacts]:  # noqa: PLR0912 (one pass per table)
    """The facts behind every child's duties, by child id, in 15 queries whatever the number."""
    facts = {child.pk: _DutyFacts(child) for child in children}
    if not facts:
        return facts
    ids = list(facts)
    in_open_period = {"period__child_id__in": ids, "period__ended_on__isnull": True}
    periods = (
        PeriodOfCare.objects.filter(child_id__in=ids)
        .prefetch_related(
            Prefetch("legal_statuses", queryset=LegalStatus.objects.order_by("started_on", "id")),
            Prefetch("placements", queryset=Placement.objects.order_by("started_on", "id")),
        )
        .order_by("child_id", "-started_on", "-id")
    )
    for period in periods:
        facts[period.child_id].periods.append(period)
    by_period = {p.pk: facts[p.child_id] for f in facts.values() for p in f.periods}
    for period_id in IROAllocation.objects.filter(**in_open_period).values_list(
        "period_id", flat=True
    ):
        by_period[period_id].periods_with_iro.add(period_id)
    for period_id, held_on in (
        LACReview.objects.filter(**in_open_period)
        .order_by("held_on", "id")
        .values_list("period_id", "held_on")
    ):
        by_period[period_id].reviews.setdefault(period_id, []).append(held_on)
    for period_id, completed_on in (
        PersonalEducationPlan.objects.filter(**in_open_period)
        .order_by("completed_on", "id")
        .values_list("period_id", "completed_on")
    ):
        by_period[period_id].peps.setdefault(period_id, []).append(completed_on)
    for child_id, placement_id, visited_on in (
        StatutoryVisit.objects.filter(
            placement__period__child_id__in=ids,
            placement__period__ended_on__isnull=True,
            placement__ended_on__isnull=True,
        )
        .order_by("visited_on", "id")
        .values_list("placement__period__child_id", "placement_id", "visited_on")
    ):
        facts[child_id].visits.setdefault(placement_id, []).append(visited_on)
    for child_id, completed_on in HealthAssessment.objects.filter(child_id__in=ids).values_list(
        "child_id", "completed_on"
    ):
        facts[child_id].health_assessments.append(completed_on)
    for child_id, completed_on in SDQScore.objects.filter(child_id__in=ids).values_list(
        "child_id", "completed_on"
    ):
        facts[child_id].sdqs.append(completed_on)
    for child_id, checked_on in HealthCheck.objects.filter(
        child_id__in=ids, kind=HealthCheckKind.DENTAL
    ).values_list("child_id", "checked_on"):
        facts[child_id].dental_checks.append(checked_on)
    for episode in MissingEpisode.objects.filter(
        child_id__in=ids, ended_at__isnull=False, return_interview__isnull=True
    ).order_by("ended_at", "id"):
        facts[episode.child_id].missing_without_interview.append(episode)
    for child_id, age in CareLeaverContact.objects.filter(child_id__in=ids).values_list(
        "child_id", "birthday_age"
    ):
        facts[child_id].contact_ages.add(age)
    latest_support: set[int] = set()
    for child_id, support_to_25 in (
        LeavingCareSupport.objects.filter(child_id__in=ids)
        .order_by("child_id", "-started_on", "-id")
        .values_list("child_id", "support_to_25")
    ):
        if child_id not in latest_support:
            latest_support.add(child_id)
            facts[child_id].support_to_25 = support_to_25
    for child_id in (
        PermanenceOrder.objects.filter(child_id__in=ids, kind="sgo")
        .values_list("child_id", flat=True)
        .distinct()
    ):
        facts[child_id].has_sgo = True
    for child_id, completed_on in (
        PathwayPlan.objects.filter(child_id__in=ids)
        .order_by("completed_on", "id")
        .values_list("child_id", "completed_on")
    ):
        facts[child_id].pathway_plans.append(completed_on)
    return facts


def _open_period_of(facts: _DutyFacts) -> PeriodOfCare | None:
    return next((p for p in facts.periods if p.ended_on is None), None)


def _open_placement(period: PeriodOfCare) -> Placement | None:
    return next((p for p in period.placements.all() if p.ended_on is None), None)


def _open_legal_status(period: PeriodOfCare) -> LegalStatus | None:
    return next((s for s in period.legal_statuses.all() if s.ended_on is None), None)


def _spans(facts: _DutyFacts) -> list[CareSpan]:
    """The child's periods of care as spans, as `services.care_spans` gives them."""
    spans: list[CareSpan] = []
    for period in facts.periods:
        codes = {legal.code for legal in period.legal_statuses.all()}
        spans.append(
            CareSpan(
                started_on=period.started_on,
                ended_on=period.ended_on,
                is_short_break=bool(codes) and codes <= SHORT_BREAK_STATUSES,
            )
        )
    return spans


def _leaver_status_on(facts: _DutyFacts, on: dt.date) -> CareLeaverStatus | None:
    """`care_leaver_status_on` from facts already loaded."""
    child = facts.child
    if child.date_of_birth is None:
        return None
    return care_leaver_status(
        date_of_birth=child.date_of_birth,
        spans=_spans(facts),
        on=on,
        date_of_death=child.date_of_death,
        support_to_25=facts.support_to_25,
        special_guardianship_after_care=facts.has_sgo
        and any(p.reason_ceased in SGO_RECS for p in facts.periods),
    )


def _duty(key: str, name: str, due: dt.date, today: dt.date, last: dt.date | None) -> schedule.Duty:
    return schedule.Duty(
        key=key, name=name, due=due, status=status(due, today=today), last_done=last
    )


def _looked_after_duties(
    facts: _DutyFacts, period: PeriodOfCare, today: dt.date
) -> list[schedule.Duty]:
    child = facts.child
    found: list[schedule.Duty] = []
    start = period.started_on
    if period.care_plan_on is None:
        found.append(
            _duty("care_plan", "Care plan", due_date(schedule.CARE_PLAN, start), today, None)
        )
    placement = _open_placement(period)
    if placement is not None and placement.placement_plan_on is None:
        found.append(
            _duty(
                "placement_plan",
                "Placement plan",
                due_date(schedule.PLACEMENT_PLAN, placement.started_on),
                today,
                None,
            )
        )
    if period.pk not in facts.periods_with_iro:
        found.append(
            _duty(
                "iro",
                "IRO appointed",
                due_date(schedule.IRO_APPOINTMENT, start),
                today,
                None,
            )
        )
    reviews = facts.reviews.get(period.pk, [])
    placed_for_adoption = placement is not None and placement.placement_type in ADOPTION_PLACEMENTS
    found.append(
        _duty(
            "review",
            "First review" if not reviews else "Next review",
            schedule.next_adoption_review_due(placement.started_on, reviews)
            if placement is not None and placed_for_adoption
            else schedule.next_review_due(start, reviews),
            today,
            max(reviews) if reviews else None,
        )
    )
    if placement is not None and placed_for_adoption:
        visits = facts.visits.get(placement.pk, [])
        adoption_visit_due = schedule.next_adoption_visit_due(
            placement.started_on,
            visits=visits,
            first_review_on=min((r for r in reviews if r >= placement.started_on), default=None),
        )
        if adoption_visit_due is not None:
            found.append(
                _duty(
                    "visit",
                    "Visit (placed for adoption)",
                    adoption_visit_due,
                    today,
                    max(visits) if visits else None,
                )
            )
    elif placement is not None:
        visits = facts.visits.get(placement.pk, [])
        # Reg 28(3), (4): weekly until the first review after this placement started.
        first_review_on = min((r for r in reviews if r >= placement.started_on), default=None)
        legal = _open_legal_status(period)
        visit_schedule = (
            VisitSchedule.SHORT_BREAKS
            if legal is not None and legal.code in SHORT_BREAK_STATUSES
            else placement.visit_schedule
        )
        visit_due = schedule.next_visit_due(
            placement.started_on,
            intended_until_18=placement.intended_until_18,
            visits=visits,
            schedule=visit_schedule,
            first_review_on=first_review_on,
        )
        if visit_due is not None:
            found.append(
                _duty("visit", "Statutory visit", visit_due, today, max(visits) if visits else None)
            )
    assessments = [day for day in facts.health_assessments if day >= start]
    found.append(
        _duty(
            "health_assessment",
            "Review health assessment" if assessments else "Initial health assessment",
            schedule.next_health_assessment_due(
                start, date_of_birth=child.date_of_birth, assessments=assessments
            ),
            today,
            max(assessments) if assessments else None,
        )
    )
    age = child.age_on(today)
    if age is not None and age in PEP_AGES:
        peps = facts.peps.get(period.pk, [])
        found.append(
            _duty(
                "pep",
                "Personal education plan review" if peps else "Personal education plan",
                schedule.next_pep_due(start, peps),
                today,
                max(peps) if peps else None,
            )
        )
    if age is not None and age in SDQ_AGES and add_months(start, 12) <= today:
        last_sdq = max((day for day in facts.sdqs if day >= start), default=None)
        due = due_date(schedule.SDQ_INTERVAL, last_sdq) if last_sdq else add_months(start, 12)
        found.append(_duty("sdq", "Strengths and difficulties questionnaire", due, today, last_sdq))
    last_dental = max((day for day in facts.dental_checks if day >= start), default=None)
    found.append(
        _duty(
            "dental",
            "Dental check",
            schedule.next_dental_check_due(start, [last_dental] if last_dental else []),
            today,
            last_dental,
        )
    )
    return found


def _return_interview_duties(facts: _DutyFacts, today: dt.date) -> list[schedule.Duty]:
    found: list[schedule.Duty] = []
    for episode in facts.missing_without_interview:
        assert episode.ended_at is not None  # filtered when loaded
        due_at = schedule.return_interview_due(episode.ended_at)
        due = timezone.localdate(due_at)
        found.append(
            schedule.Duty(
                key=f"return_interview_{episode.pk}",
                name="Return home interview offered",
                due=due,
                status=status(due, today=today),
                due_at=due_at,
            )
        )
    return found


def _birthday_contact_duties(facts: _DutyFacts, today: dt.date) -> list[schedule.Duty]:
    """Contact around each birthday from 17 to 21 (903 OC3) not yet recorded.

    Shown from the start of a birthday's contact window, for a care leaver up to that birthday;
    not for the 17th or 18th birthday of a young person still looked after that day (rule 1007).
    A contact never recorded stays overdue for 12 months after it was due, then is no longer
    shown (it can no longer be put right for the return).
    """
    born = facts.child.date_of_birth
    if born is None:
        return []
    first_opens, _ = schedule.birthday_contact_window(
        birthday(born, schedule.BIRTHDAY_CONTACT_AGES[0])
    )
    _, last_due = schedule.birthday_contact_window(
        birthday(born, schedule.BIRTHDAY_CONTACT_AGES[-1])
    )
    if first_opens > today or add_months(last_due, schedule.MISSED_CONTACT_SHOWN_MONTHS) < today:
        return []
    spans = _spans(facts)
    found: list[schedule.Duty] = []
    for age in schedule.BIRTHDAY_CONTACT_AGES:
        day = birthday(born, age)
        opens, due = schedule.birthday_contact_window(day)
        if age in facts.contact_ages or opens > today:
            continue
        if add_months(due, schedule.MISSED_CONTACT_SHOWN_MONTHS) < today:
            continue  # too long ago to be returned now
        looked_after = any(
            span.started_on <= day and (span.ended_on is None or span.ended_on > day)
            for span in spans
        )
        if age <= schedule.STILL_LOOKED_AFTER_AGE and looked_after:
            continue
        # The day before: support to 21 ends on the 21st birthday, yet OC3 asks about it.
        if _leaver_status_on(facts, day - dt.timedelta(days=1)) is None:
            continue
        found.append(
            _duty(
                f"birthday_contact_{age}",
                f"Contact around the {schedule.ordinal(age)} birthday",
                due,
                today,
                None,
            )
        )
    return found


def _care_leaver_duties(facts: _DutyFacts, today: dt.date) -> list[schedule.Duty]:
    found = _birthday_contact_duties(facts, today)
    leaver_status = _leaver_status_on(facts, today)
    born = facts.child.date_of_birth
    if leaver_status not in PATHWAY_STATUSES or born is None:
        return found
    became_eligible = eligible_from(date_of_birth=born, spans=_spans(facts))
    if became_eligible is None:
        return found
    plans = facts.pathway_plans
    return [
        *found,
        _duty(
            "pathway_plan",
            "Pathway plan review" if plans else "Pathway plan",
            schedule.next_pathway_plan_due(became_eligible, plans),
            today,
            max(plans) if plans else None,
        ),
    ]


def _duties_from(facts: _DutyFacts, today: dt.date) -> list[schedule.Duty]:
    found: list[schedule.Duty] = []
    period = _open_period_of(facts)
    if period is not None:
        found.extend(_looked_after_duties(facts, period, today))
    found.extend(_return_interview_duties(facts, today))
    found.extend(_care_leaver_duties(facts, today))
    return sorted(found, key=lambda duty: (duty.due, duty.name))


def duties_for_children(
    children: Iterable[Person], today: dt.date
) -> dict[int, list[schedule.Duty]]:
    """Every open statutory duty to each of these children on `today`, by child id.

    Exactly what `duties_for_child` gives for each child, in a fixed number of queries however
    many children there are (for work trays and team views). The children must already be
    loaded through `hearth.access`; every child given has an entry, empty when nothing is owed.
    """
    return {
        child_id: _duties_from(facts, today)
        for child_id, facts in _duty_facts(list(children)).items()
    }


def duties_for_child(child: Person, today: dt.date) -> list[schedule.Duty]:
    """Every open statutory duty to the child on `today`, soonest due first.

    While the child is looked after: care plan, placement plan, IRO, reviews, visits (none for a
    series of short breaks), health assessments, dental checks, PEP and SDQ. Always: return home
    interviews not yet offered after a missing episode. For a care leaver: contact around each
    birthday from 17 to 21; for an eligible, relevant or former relevant young person, the
    pathway plan. Each
    duty has its due date and its status today (IN_TIME, DUE or OVERDUE).
    """
    return duties_for_children([child], today)[child.pk]


@dataclass(frozen=True)
class ChildDuty:
    """A duty in a work tray, with the child it is owed to."""

    child: Person
    duty: schedule.Duty


def _tray_children(worker_or_team: Worker | Team, viewer: Worker | None = None) -> QuerySet[Person]:
    """Children in a worker's or a team's tray, with anything the looked-after duties cover.

    A team's tray is the children allocated to it today, limited to what `viewer` may see when
    given. A worker's is the children allocated to them today and the young people they are
    personal adviser to, limited to what they may see.
    """
    relevant = (
        Q(periods_of_care__ended_on__isnull=True)
        | Q(leaving_care__ended_on__isnull=True, leaving_care__isnull=False)
        | Q(
            missing_episodes__ended_at__isnull=False,
            missing_episodes__return_interview__isnull=True,
        )
    )
    if isinstance(worker_or_team, Team):
        allocated = current_allocations([worker_or_team.pk]).values_list("child_id", flat=True)
        people = visible_people(viewer) if viewer is not None else Person.objects.all()
        return people.filter(pk__in=allocated).filter(relevant).distinct()
    worker = worker_or_team
    today = timezone.localdate()
    allocated_ids = (
        Allocation.objects.filter(worker=worker, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("child_id", flat=True)
    )
    advised = LeavingCareSupport.objects.filter(
        personal_adviser=worker, ended_on__isnull=True
    ).values_list("child_id", flat=True)
    return (
        visible_people(worker)
        .filter(Q(pk__in=allocated_ids) | Q(pk__in=advised))
        .filter(relevant)
        .distinct()
    )


def overdue_duties(worker_or_team: Worker | Team, today: dt.date) -> list[ChildDuty]:
    """Every overdue looked-after or care-leaver duty in a worker's or a team's tray."""
    children = list(_tray_children(worker_or_team).order_by("family_name", "given_name"))
    duties = duties_for_children(children, today)
    found = [
        ChildDuty(child=child, duty=duty)
        for child in children
        for duty in duties[child.pk]
        if duty.status is Status.OVERDUE
    ]
    return sorted(found, key=lambda item: (item.duty.due, item.child.family_name))


def tray_duties(
    worker_or_team: Worker | Team, today: dt.date, *, viewer: Worker | None = None
) -> list[ChildDuty]:
    """Every overdue or due-soon looked-after or care-leaver duty in a worker's or team's tray.

    For the work tray and the team view: overdue first, then due, each soonest first. A team's
    tray shows only the children `viewer` (the manager looking) may see, when given. The number
    of queries does not grow with the number of children (`duties_for_children`).
    """
    children = list(_tray_children(worker_or_team, viewer).order_by("family_name", "given_name"))
    duties = duties_for_children(children, today)
    found = [
        ChildDuty(child=child, duty=duty)
        for child in children
        for duty in duties[child.pk]
        if duty.status in {Status.OVERDUE, Status.DUE}
    ]
    return sorted(
        found,
        key=lambda item: (item.duty.status is not Status.OVERDUE, item.duty.due),
    )


@dataclass
class LookedAfterRecord:
    """Everything the child's "Looked after" page shows."""

    child: Person
    periods: list[PeriodOfCare]
    current: PeriodOfCare | None
    episodes: list[Episode]
    episode_error: str
    duties: list[schedule.Duty]
    reviews: list[LACReview]
    visits: list[StatutoryVisit]
    health_assessments: list[HealthAssessment]
    missing: list[MissingEpisode]
    leaver_status: CareLeaverStatus | None
    support: LeavingCareSupport | None
    pathway_plans: list[PathwayPlan]
    contacts: list[CareLeaverContact]
    adoption_decisions: list[AdoptionDecision]
    adoption_matches: list[AdoptionMatch]
    permanence_orders: list[PermanenceOrder]
    next_birthdays: list[tuple[int, dt.date]] = field(default_factory=list)
    sdq_scores: list[SDQScore] = field(default_factory=list)
    health_checks: list[HealthCheck] = field(default_factory=list)
    convictions: list[Conviction] = field(default_factory=list)
    substance_misuse: list[SubstanceMisuse] = field(default_factory=list)
    uasc: UASCStatus | None = None
    dolos: list[DeprivationOfLibertyOrder] = field(default_factory=list)
    staying_put: list[StayingPut] = field(default_factory=list)
    previous_permanence: list[PreviousPermanenceOrder] = field(default_factory=list)
    decision_in_force: AdoptionDecision | None = None
    match_to_place: AdoptionMatch | None = None
    open_dolo: DeprivationOfLibertyOrder | None = None
    open_staying_put: StayingPut | None = None
    latest_period: PeriodOfCare | None = None


def looked_after_record(*, child: Person, today: dt.date) -> LookedAfterRecord:
    """The child's looked-after record for their page (the child was loaded through access)."""
    periods = list(period_list(child=child))
    current = next((p for p in periods if p.ended_on is None), None)
    episode_error = ""
    try:
        episodes = child_episodes(child=child)
    except ValueError as error:
        episodes, episode_error = [], str(error)
    decisions = list(AdoptionDecision.objects.filter(child=child).order_by("decided_on", "id"))
    matches = list(AdoptionMatch.objects.filter(decision__child=child).order_by("matched_on", "id"))
    in_force = next((d for d in decisions if d.ceased_on is None), None)
    dolos = list(DeprivationOfLibertyOrder.objects.filter(child=child).order_by("-started_on"))
    staying_put = list(StayingPut.objects.filter(child=child).order_by("-started_on"))
    birthdays: list[tuple[int, dt.date]] = []
    if child.date_of_birth is not None:
        birthdays = [(age, birthday(child.date_of_birth, age)) for age in range(17, 22)]
    return LookedAfterRecord(
        child=child,
        periods=periods,
        current=current,
        episodes=episodes,
        episode_error=episode_error,
        duties=duties_for_child(child, today),
        reviews=list(
            LACReview.objects.filter(period__child=child)
            .order_by("-held_on")
            .select_related("chaired_by")
        ),
        visits=list(
            StatutoryVisit.objects.filter(placement__period__child=child)
            .select_related("placement", "visited_by")
            .order_by("-visited_on")
        ),
        health_assessments=list(
            HealthAssessment.objects.filter(child=child).order_by("-completed_on")
        ),
        missing=list(
            MissingEpisode.objects.filter(child=child)
            .select_related("return_interview")
            .order_by("-started_at")
        ),
        leaver_status=care_leaver_status_on(child=child, on=today),
        support=LeavingCareSupport.objects.filter(child=child, ended_on__isnull=True)
        .select_related("personal_adviser")
        .first(),
        pathway_plans=list(PathwayPlan.objects.filter(child=child).order_by("-completed_on")),
        contacts=list(CareLeaverContact.objects.filter(child=child).order_by("birthday_age")),
        adoption_decisions=decisions,
        adoption_matches=matches,
        permanence_orders=list(PermanenceOrder.objects.filter(child=child).order_by("made_on")),
        next_birthdays=birthdays,
        sdq_scores=list(SDQScore.objects.filter(child=child).order_by("-completed_on")),
        health_checks=list(HealthCheck.objects.filter(child=child).order_by("-checked_on")),
        convictions=list(Conviction.objects.filter(child=child).order_by("-convicted_on")),
        substance_misuse=list(
            SubstanceMisuse.objects.filter(child=child).order_by("-identified_on")
        ),
        uasc=UASCStatus.objects.filter(child=child).first(),
        dolos=dolos,
        staying_put=staying_put,
        previous_permanence=list(
            PreviousPermanenceOrder.objects.filter(period__child=child)
            .select_related("period")
            .order_by("-period__started_on")
        ),
        decision_in_force=in_force,
        match_to_place=next(
            (
                m
                for m in reversed(matches)
                if m.placed_on is None and in_force is not None and m.decision_id == in_force.pk
            ),
            None,
        ),
        open_dolo=next((d for d in dolos if d.ended_on is None), None),
        open_staying_put=next((a for a in staying_put if a.ended_on is None), None),
        latest_period=periods[0] if periods else None,
    )
