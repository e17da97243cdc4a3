"""Reads of the looked-after record: a child's care history, episodes, duties, and work trays.

Selectors that take a child expect one already loaded through `hearth.access` (the child's page
loads it with `access_person`); selectors that find children start from
`hearth.access.selectors.visible_people`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from hearth.access.selectors import current_allocations, visible_people
from hearth.casework.models import Allocation
from hearth.lookedafter import duties as schedule
from hearth.lookedafter.careleavers import (
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
    LACReview,
    LeavingCareSupport,
    LegalStatus,
    MissingEpisode,
    PathwayPlan,
    PeriodOfCare,
    PermanenceOrder,
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


def _duty(key: str, name: str, due: dt.date, today: dt.date, last: dt.date | None) -> schedule.Duty:
    return schedule.Duty(
        key=key, name=name, due=due, status=status(due, today=today), last_done=last
    )


def _looked_after_duties(
    child: Person, period: PeriodOfCare, today: dt.date
) -> list[schedule.Duty]:
    found: list[schedule.Duty] = []
    start = period.started_on
    if period.care_plan_on is None:
        found.append(
            _duty("care_plan", "Care plan", due_date(schedule.CARE_PLAN, start), today, None)
        )
    placement = current_placement(period=period)
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
    if not period.iros.exists():
        found.append(
            _duty(
                "iro",
                "IRO appointed",
                due_date(schedule.IRO_APPOINTMENT, start),
                today,
                None,
            )
        )
    reviews = list(period.reviews.values_list("held_on", flat=True))
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
        visits = list(
            StatutoryVisit.objects.filter(placement=placement).values_list("visited_on", flat=True)
        )
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
        visits = list(
            StatutoryVisit.objects.filter(placement=placement).values_list("visited_on", flat=True)
        )
        # Reg 28(3), (4): weekly until the first review after this placement started.
        first_review_on = min((r for r in reviews if r >= placement.started_on), default=None)
        legal = current_legal_status(period=period)
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
    assessments = [
        day
        for day in HealthAssessment.objects.filter(child=child).values_list(
            "completed_on", flat=True
        )
        if day >= start
    ]
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
        peps = list(period.peps.values_list("completed_on", flat=True))
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
        last_sdq = (
            SDQScore.objects.filter(child=child, completed_on__gte=start)
            .order_by("-completed_on")
            .values_list("completed_on", flat=True)
            .first()
        )
        due = due_date(schedule.SDQ_INTERVAL, last_sdq) if last_sdq else add_months(start, 12)
        found.append(_duty("sdq", "Strengths and difficulties questionnaire", due, today, last_sdq))
    last_dental = (
        HealthCheck.objects.filter(child=child, kind=HealthCheckKind.DENTAL, checked_on__gte=start)
        .order_by("-checked_on")
        .values_list("checked_on", flat=True)
        .first()
    )
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


def _return_interview_duties(child: Person, today: dt.date) -> list[schedule.Duty]:
    found: list[schedule.Duty] = []
    for episode in MissingEpisode.objects.filter(
        child=child, ended_at__isnull=False, return_interview__isnull=True
    ).order_by("ended_at"):
        assert episode.ended_at is not None  # filtered above
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


def _birthday_contact_duties(child: Person, today: dt.date) -> list[schedule.Duty]:
    """Contact around each birthday from 17 to 21 (903 OC3) not yet recorded.

    Shown from the start of a birthday's contact window, for a care leaver up to that birthday;
    not for the 17th or 18th birthday of a young person still looked after that day (rule 1007).
    A contact never recorded stays overdue for 12 months after it was due, then is no longer
    shown (it can no longer be put right for the return).
    """
    born = child.date_of_birth
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
    recorded = set(
        CareLeaverContact.objects.filter(child=child).values_list("birthday_age", flat=True)
    )
    spans = care_spans(child)
    found: list[schedule.Duty] = []
    for age in schedule.BIRTHDAY_CONTACT_AGES:
        day = birthday(born, age)
        opens, due = schedule.birthday_contact_window(day)
        if age in recorded or opens > today:
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
        if care_leaver_status_on(child=child, on=day - dt.timedelta(days=1)) is None:
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


def _care_leaver_duties(child: Person, today: dt.date) -> list[schedule.Duty]:
    found = _birthday_contact_duties(child, today)
    leaver_status = care_leaver_status_on(child=child, on=today)
    if leaver_status not in PATHWAY_STATUSES or child.date_of_birth is None:
        return found
    became_eligible = eligible_from(date_of_birth=child.date_of_birth, spans=care_spans(child))
    if became_eligible is None:
        return found
    plans = list(PathwayPlan.objects.filter(child=child).values_list("completed_on", flat=True))
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


def duties_for_child(child: Person, today: dt.date) -> list[schedule.Duty]:
    """Every open statutory duty to the child on `today`, soonest due first.

    While the child is looked after: care plan, placement plan, IRO, reviews, visits (none for a
    series of short breaks), health assessments, dental checks, PEP and SDQ. Always: return home
    interviews not yet offered after a missing episode. For a care leaver: contact around each
    birthday from 17 to 21; for an eligible, relevant or former relevant young person, the
    pathway plan. Each
    duty has its due date and its status today (IN_TIME, DUE or OVERDUE).
    """
    found: list[schedule.Duty] = []
    period = open_period(child=child)
    if period is not None:
        found.extend(_looked_after_duties(child, period, today))
    found.extend(_return_interview_duties(child, today))
    found.extend(_care_leaver_duties(child, today))
    return sorted(found, key=lambda duty: (duty.due, duty.name))


@dataclass(frozen=True)
class ChildDuty:
    """A duty in a work tray, with the child it is owed to."""

    child: Person
    duty: schedule.Duty


def _tray_children(worker_or_team: Worker | Team) -> QuerySet[Person]:
    """Children in a worker's or a team's tray, with anything the looked-after duties cover.

    A team's tray is the children allocated to it today. A worker's is the children allocated to
    them today and the young people they are personal adviser to, limited to what they may see.
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
        return Person.objects.filter(pk__in=allocated).filter(relevant).distinct()
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
    found = [
        ChildDuty(child=child, duty=duty)
        for child in _tray_children(worker_or_team).order_by("family_name", "given_name")
        for duty in duties_for_child(child, today)
        if duty.status is Status.OVERDUE
    ]
    return sorted(found, key=lambda item: (item.duty.due, item.child.family_name))


def tray_duties(worker_or_team: Worker | Team, today: dt.date) -> list[ChildDuty]:
    """Every overdue or due-soon looked-after or care-leaver duty in a worker's or team's tray.

    For the work tray and the team view: overdue first, then due, each soonest first.
    """
    found = [
        ChildDuty(child=child, duty=duty)
        for child in _tray_children(worker_or_team).order_by("family_name", "given_name")
        for duty in duties_for_child(child, today)
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
