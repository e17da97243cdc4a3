"""Reads of the casework record: caseloads, allocation history, children not seen, chronology.

Every selector that shows children takes the worker who is looking and builds on
`hearth.access.selectors.visible_people`, so a child the worker cannot see never appears.
`previous_referral_within_12_months` is the exception: services call it for a child they have
already checked, to derive the stored re-referral flag.

The chronology reads the statutory record only (these tables and the front door's), never the
practice engine's step data, so it is the same whichever practice model a council runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access.selectors import visible_people
from hearth.casework.models import (
    Addendum,
    Allocation,
    Assessment,
    CaseNote,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    CINPlanReview,
    CoreGroup,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from hearth.frontdoor.models import Contact, ContactDecision, MashEnquiry
from hearth.lookedafter.models import StatutoryVisit
from hearth.organisation.models import Team, TeamMembership, Worker
from hearth.people.models import Person
from hearth.timescales.calendar import add_working_days
from hearth.timescales.rules import Timescale, Unit, add_months, due_date, status

RE_REFERRAL_MONTHS = 12


def previous_referral_within_12_months(
    *, child: Person, referral_date: dt.date
) -> CINEpisode | None:
    """The child's latest earlier referral dated within the 12 months before `referral_date`.

    "Within 12 months" is inclusive: a referral on 15 March 2026 is a re-referral when the
    previous one was on or after 15 March 2025. A referral on the same day is the same referral
    recorded twice, not a previous one.
    """
    return (
        CINEpisode.objects.filter(
            child=child,
            referral_date__gte=add_months(referral_date, -RE_REFERRAL_MONTHS),
            referral_date__lt=referral_date,
        )
        .order_by("-referral_date")
        .first()
    )


def caseload(viewer: Worker, worker: Worker) -> QuerySet[Allocation]:
    """`worker`'s open allocations (their caseload), as far as `viewer` may see the children."""
    return (
        Allocation.objects.filter(
            worker=worker, ended_on__isnull=True, child__in=visible_people(viewer)
        )
        .select_related("child", "team")
        .order_by("child__family_name", "child__given_name")
    )


def allocation_history(viewer: Worker, child_id: int) -> QuerySet[Allocation]:
    """Every allocation of a child, oldest first; empty if `viewer` cannot see the child."""
    return (
        Allocation.objects.filter(child__in=visible_people(viewer).filter(pk=child_id))
        .select_related("team", "worker")
        .order_by("started_on", "pk")
    )


def children_not_seen_within(
    viewer: Worker,
    *,
    days: int,
    today: dt.date | None = None,
    worker: Worker | None = None,
) -> QuerySet[Person]:
    """Allocated children not seen on any visit in the last `days` days, longest unseen first.

    "Seen" means a visit recorded with the child seen. A child never seen comes first. Limit to
    one worker's caseload with `worker`. Each child carries `last_seen_at` (None if never seen).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    today = today or timezone.localdate()
    cutoff = dt.datetime.combine(
        today - dt.timedelta(days=days), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    allocations = Allocation.objects.filter(child_id=OuterRef("pk"), ended_on__isnull=True)
    if worker is not None:
        allocations = allocations.filter(worker=worker)
    seen_since = Visit.objects.filter(
        child_id=OuterRef("pk"), child_seen=True, occurred_at__gte=cutoff
    )
    return (
        visible_people(viewer)
        .filter(Exists(allocations))
        .filter(~Exists(seen_since))
        .annotate(last_seen_at=Max("visits__occurred_at", filter=Q(visits__child_seen=True)))
        # Never seen first, then the longest unseen.
        .order_by(F("last_seen_at").asc(nulls_first=True), "family_name", "given_name")
    )


# --- Chronology -------------------------------------------------------------------------------


class ChronologyKind(StrEnum):
    """The kinds of significant event a child's chronology shows."""

    ALLOCATION_START = "allocation_start"
    ALLOCATION_END = "allocation_end"
    CONTACT = "contact"
    MASH_RATING = "mash_rating"
    CONTACT_DECISION = "contact_decision"
    REFERRAL = "referral"
    CASE_CLOSURE = "case_closure"
    ASSESSMENT_START = "assessment_start"
    ASSESSMENT_COMPLETE = "assessment_complete"
    STRATEGY_DISCUSSION = "strategy_discussion"
    S47_START = "s47_start"
    S47_OUTCOME = "s47_outcome"
    ICPC = "icpc"
    RCPC = "rcpc"
    CP_PLAN_START = "cp_plan_start"
    CP_PLAN_END = "cp_plan_end"
    CORE_GROUP = "core_group"
    CIN_PLAN_START = "cin_plan_start"
    CIN_PLAN_REVIEW = "cin_plan_review"
    CIN_PLAN_END = "cin_plan_end"
    VISIT = "visit"
    CASE_NOTE = "case_note"
    ADDENDUM = "addendum"


_KIND_ORDER = {kind: index for index, kind in enumerate(ChronologyKind)}


@dataclass(frozen=True)
class ChronologyEntry:
    """One significant event in a child's life as the statutory record holds it."""

    on: dt.date
    kind: ChronologyKind
    summary: str
    # The record it comes from ("casework.visit", 42), for a link to it.
    record: str
    record_id: int
    # The time of day, where the record has one (contacts, visits, notes).
    at: dt.datetime | None = None


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not recorded"}[value]


_Builder = Callable[[int], Iterable[ChronologyEntry]]


def _entry(
    on: dt.date, kind: ChronologyKind, summary: str, obj: object, at: dt.datetime | None = None
) -> ChronologyEntry:
    meta = obj._meta  # type: ignore[attr-defined]
    return ChronologyEntry(
        on=on,
        kind=kind,
        summary=summary,
        record=meta.label_lower,
        record_id=obj.pk,  # type: ignore[attr-defined]
        at=at,
    )


def _allocations(child_id: int) -> Iterable[ChronologyEntry]:
    for allocation in Allocation.objects.filter(child_id=child_id).select_related("team", "worker"):
        who = f" ({allocation.worker})" if allocation.worker else ""
        yield _entry(
            allocation.started_on,
            ChronologyKind.ALLOCATION_START,
            f"Allocated to {allocation.team}{who}",
            allocation,
        )
        if allocation.ended_on:
            yield _entry(
                allocation.ended_on,
                ChronologyKind.ALLOCATION_END,
                f"Allocation to {allocation.team}{who} ended",
                allocation,
            )


def _front_door(child_id: int) -> Iterable[ChronologyEntry]:
    for contact in Contact.objects.filter(subjects__child_id=child_id):
        local = timezone.localtime(contact.received_at)
        yield _entry(
            local.date(),
            ChronologyKind.CONTACT,
            f"Contact from {contact.get_source_display()}: {contact.reason}",
            contact,
            at=contact.received_at,
        )
    for enquiry in MashEnquiry.objects.filter(
        contact__subjects__child_id=child_id, rated_at__isnull=False
    ):
        assert enquiry.rated_at is not None  # filtered above
        yield _entry(
            timezone.localdate(enquiry.rated_at),
            ChronologyKind.MASH_RATING,
            f"MASH rated {enquiry.get_rag_rating_display().lower()}",
            enquiry,
            at=enquiry.rated_at,
        )
    for decision in ContactDecision.objects.filter(child_id=child_id):
        yield _entry(
            timezone.localdate(decision.decided_at),
            ChronologyKind.CONTACT_DECISION,
            f"Front door decision: {decision.get_outcome_display()}",
            decision,
            at=decision.decided_at,
        )


def _episodes(child_id: int) -> Iterable[ChronologyEntry]:
    for episode in CINEpisode.objects.filter(child_id=child_id):
        flags = []
        if episode.is_re_referral:
            flags.append("re-referral within 12 months")
        if episode.referral_nfa:
            flags.append("no further action")
        extra = f" ({'; '.join(flags)})" if flags else ""
        yield _entry(
            episode.referral_date,
            ChronologyKind.REFERRAL,
            f"Referral from {episode.get_referral_source_display()}{extra}",
            episode,
        )
        if episode.closure_date:
            yield _entry(
                episode.closure_date,
                ChronologyKind.CASE_CLOSURE,
                f"Case closed: {episode.get_reason_for_closure_display()}",
                episode,
            )


def _assessments(child_id: int) -> Iterable[ChronologyEntry]:
    for assessment in Assessment.objects.filter(episode__child_id=child_id):
        yield _entry(
            assessment.actual_start_date,
            ChronologyKind.ASSESSMENT_START,
            f"Assessment started (due {assessment.due_date:%d %B %Y})",
            assessment,
        )
        if assessment.authorisation_date:
            yield _entry(
                assessment.authorisation_date,
                ChronologyKind.ASSESSMENT_COMPLETE,
                f"Assessment authorised: {assessment.get_outcome_display()}",
                assessment,
            )


def _child_protection(child_id: int) -> Iterable[ChronologyEntry]:
    for discussion in StrategyDiscussion.objects.filter(episode__child_id=child_id):
        decided = "s47 enquiry to start" if discussion.s47_required else "no s47 enquiry"
        yield _entry(
            discussion.held_on,
            ChronologyKind.STRATEGY_DISCUSSION,
            f"Strategy discussion: {decided}",
            discussion,
        )
    for enquiry in Section47Enquiry.objects.filter(episode__child_id=child_id):
        yield _entry(
            enquiry.actual_start_date,
            ChronologyKind.S47_START,
            f"Section 47 enquiry started (ICPC due {enquiry.icpc_target_date:%d %B %Y})",
            enquiry,
        )
        if enquiry.completed_on:
            outcome = "conference needed" if enquiry.icpc_required else "no conference needed"
            yield _entry(
                enquiry.completed_on,
                ChronologyKind.S47_OUTCOME,
                f"Section 47 enquiry concluded: {outcome}",
                enquiry,
            )
    for conference in ChildProtectionConference.objects.filter(episode__child_id=child_id):
        kind = ChronologyKind.ICPC if conference.kind == "initial" else ChronologyKind.RCPC
        yield _entry(
            conference.held_on,
            kind,
            f"{conference.get_kind_display()}: {conference.get_outcome_display().lower()}",
            conference,
        )
    for plan in ChildProtectionPlan.objects.filter(episode__child_id=child_id):
        yield _entry(
            plan.start_date,
            ChronologyKind.CP_PLAN_START,
            f"Child protection plan started: {plan.get_initial_category_display().lower()}",
            plan,
        )
        if plan.end_date:
            yield _entry(
                plan.end_date,
                ChronologyKind.CP_PLAN_END,
                f"Child protection plan ended: {plan.get_end_reason_display().lower()}",
                plan,
            )
    for group in CoreGroup.objects.filter(cp_plan__episode__child_id=child_id):
        yield _entry(group.held_on, ChronologyKind.CORE_GROUP, "Core group meeting", group)


def _cin_plans(child_id: int) -> Iterable[ChronologyEntry]:
    for plan in CINPlan.objects.filter(episode__child_id=child_id):
        yield _entry(
            plan.start_date, ChronologyKind.CIN_PLAN_START, "Child in need plan started", plan
        )
        if plan.end_date:
            yield _entry(
                plan.end_date, ChronologyKind.CIN_PLAN_END, "Child in need plan ended", plan
            )
    for review in CINPlanReview.objects.filter(cin_plan__episode__child_id=child_id):
        yield _entry(
            review.held_on, ChronologyKind.CIN_PLAN_REVIEW, "Child in need plan review", review
        )


def _visits_and_notes(child_id: int) -> Iterable[ChronologyEntry]:
    for visit in Visit.objects.filter(child_id=child_id):
        seen = (
            f"seen {_yes_no(visit.child_seen)}, alone {_yes_no(visit.seen_alone)}, "
            f"bedroom {_yes_no(visit.bedroom_seen)}"
        )
        yield _entry(
            timezone.localdate(visit.occurred_at),
            ChronologyKind.VISIT,
            f"{visit.get_kind_display()} ({seen})",
            visit,
            at=visit.occurred_at,
        )
    # Drafts are not yet the child's record; only finalised notes are events in it.
    for note in CaseNote.objects.filter(child_id=child_id, finalised_at__isnull=False):
        yield _entry(
            timezone.localdate(note.occurred_at),
            ChronologyKind.CASE_NOTE,
            note.title,
            note,
            at=note.occurred_at,
        )
    for addendum in Addendum.objects.filter(note__child_id=child_id).select_related("note"):
        yield _entry(
            timezone.localdate(addendum.written_at),
            ChronologyKind.ADDENDUM,
            f"Addendum to “{addendum.note.title}”",
            addendum,
            at=addendum.written_at,
        )


_BUILDERS: tuple[_Builder, ...] = (
    _allocations,
    _front_door,
    _episodes,
    _assessments,
    _child_protection,
    _cin_plans,
    _visits_and_notes,
)


def chronology(
    viewer: Worker,
    child_id: int,
    *,
    kinds: Iterable[ChronologyKind | str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ChronologyEntry]:
    """A child's chronology: every significant event in the statutory record, oldest first.

    Filter by `kinds` and by date (`start` and `end` inclusive). Empty if `viewer` cannot see the
    child. Draft case notes are left out: they are not yet part of the record.
    """
    if not visible_people(viewer).filter(pk=child_id).exists():
        return []
    wanted = None if kinds is None else {ChronologyKind(kind) for kind in kinds}
    entries = [
        entry
        for build in _BUILDERS
        for entry in build(child_id)
        if (wanted is None or entry.kind in wanted)
        and (start is None or entry.on >= start)
        and (end is None or entry.on <= end)
    ]
    # Within a day: events with a time of day in time order, then the day's dated events in
    # the order of the journey (a referral follows the contact decision that led to it).
    return sorted(
        entries,
        key=lambda entry: (
            entry.on,
            entry.at is None,
            entry.at or dt.datetime.min.replace(tzinfo=dt.UTC),
            _KIND_ORDER[entry.kind],
            entry.record_id,
        ),
    )


# --- The five core principles -----------------------------------------------------------------
#
# For every open case (a child with an open CIN episode that is not a no-further-action referral)
# a manager sees five questions, each in time, due or overdue (docs/subsystems/journey.md):
#
# * allocated: the child has a named allocated worker; until then it is due 1 working day after
#   the referral;
# * child seen: the child was seen on a visit within the standard (10 working days while on a
#   child protection plan, 20 otherwise), counted from the last time they were seen, or from the
#   referral if they have not been seen since;
# * assessed: the assessment is authorised; until then it is due on its stored date (45 working
#   days from the referral);
# * planned: a child who needs a plan has one. A CIN plan is needed 10 working days after an
#   assessment concluding "child in need"; a CP plan by the ICPC target date once a s47 enquiry
#   concluded that a conference is needed. Not yet needed otherwise;
# * reviewed: the plan's next review is not past: the next review conference of a CP plan (stored
#   on the latest conference), or 3 calendar months after the last review (or the start) of a
#   CIN plan. Not yet needed without a plan.

ALLOCATION_WORKING_DAYS = 1
SEEN_WORKING_DAYS_ON_CP_PLAN = 10
SEEN_WORKING_DAYS = 20
CIN_PLAN_WORKING_DAYS = 10
CIN_REVIEW_MONTHS = 3
# "Due" means due within this many working days (as the practice models' work trays use).
DUE_SOON_WORKING_DAYS = 5


class Principle(StrEnum):
    """The five core principles of every open case."""

    ALLOCATED = "allocated"
    CHILD_SEEN = "child_seen"
    ASSESSED = "assessed"
    PLANNED = "planned"
    REVIEWED = "reviewed"

    @property
    def label(self) -> str:
        """The words shown to managers."""
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class PrincipleState:
    """Where one principle stands for one child today.

    `state` is "in_time", "due" or "overdue" (a `hearth.timescales.rules.Status` value), or None
    when the principle does not apply yet (no plan needed, nothing to review). `due_on` is the
    date that decides it, where there is one; `detail` says why in words.
    """

    principle: Principle
    state: str | None
    due_on: dt.date | None
    detail: str


def _against(due: dt.date, today: dt.date) -> str:
    return str(status(due, today=today, due_soon_days=DUE_SOON_WORKING_DAYS).value)


def open_episode_of(child_id: int) -> CINEpisode | None:
    """The child's open CIN episode (not a no-further-action referral), if any.

    For selectors given a child already loaded through the access layer.
    """
    return (
        CINEpisode.objects.filter(child_id=child_id, closure_date__isnull=True, referral_nfa=False)
        .order_by("-referral_date")
        .first()
    )


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


@dataclass
class _CaseFacts:
    """What the five principles read about one open episode, loaded for many children at once
    (so the team view costs the same handful of queries for 5 children or 500)."""

    episode: CINEpisode
    worker_name: str | None = None
    last_seen: dt.datetime | None = None
    # A looked-after child's statutory visit with the child seen counts as the child being seen.
    statutory_visit_seen_on: dt.date | None = None
    cp_plan: ChildProtectionPlan | None = None
    cin_plan: CINPlan | None = None
    cin_last_review: dt.date | None = None
    latest_assessment: Assessment | None = None
    latest_authorised: Assessment | None = None
    icpc_needed: Section47Enquiry | None = None
    next_conference_due: dt.date | None = None


def _case_facts(child_ids: Sequence[int]) -> dict[int, _CaseFacts]:  # noqa: PLR0912 (one pass per table)
    """The facts behind the five principles for each child with an open episode, set-based."""
    facts: dict[int, _CaseFacts] = {}
    episodes = CINEpisode.objects.filter(
        child_id__in=child_ids, closure_date__isnull=True, referral_nfa=False
    ).order_by("child_id", "-referral_date", "-pk")
    for episode in episodes:
        facts.setdefault(episode.child_id, _CaseFacts(episode))
    if not facts:
        return facts
    by_episode = {f.episode.pk: f for f in facts.values()}
    allocations = (
        Allocation.objects.filter(child_id__in=facts, ended_on__isnull=True, worker__isnull=False)
        .select_related("worker")
        .order_by("pk")
    )
    for allocation in allocations:
        found = facts[allocation.child_id]
        if found.worker_name is None:
            found.worker_name = str(allocation.worker)
    seen = (
        Visit.objects.filter(child_id__in=facts, child_seen=True)
        .values("child_id")
        .annotate(last=Max("occurred_at"))
    )
    for row in seen:
        facts[row["child_id"]].last_seen = row["last"]
    statutory_seen = (
        StatutoryVisit.objects.filter(placement__period__child_id__in=facts, seen=True)
        .values("placement__period__child_id")
        .annotate(last=Max("visited_on"))
    )
    for row in statutory_seen:
        facts[row["placement__period__child_id"]].statutory_visit_seen_on = row["last"]
    for plan in ChildProtectionPlan.objects.filter(
        episode_id__in=by_episode, end_date__isnull=True
    ).order_by("pk"):
        found = by_episode[plan.episode_id]
        found.cp_plan = found.cp_plan or plan
    for cin_plan in (
        CINPlan.objects.filter(episode_id__in=by_episode, end_date__isnull=True)
        .annotate(last_review=Max("reviews__held_on"))
        .order_by("pk")
    ):
        found = by_episode[cin_plan.episode_id]
        if found.cin_plan is None:
            found.cin_plan = cin_plan
            found.cin_last_review = getattr(cin_plan, "last_review", None)
    for assessment in Assessment.objects.filter(episode_id__in=by_episode).order_by(
        "-actual_start_date", "-pk"
    ):
        found = by_episode[assessment.episode_id]
        found.latest_assessment = found.latest_assessment or assessment
        if assessment.authorisation_date is not None and (
            found.latest_authorised is None
            or assessment.authorisation_date > found.latest_authorised.authorisation_date  # type: ignore[operator]
        ):
            found.latest_authorised = assessment
    for enquiry in Section47Enquiry.objects.filter(
        episode_id__in=by_episode, icpc_required=True, initial_conference__isnull=True
    ).order_by("-actual_start_date", "-pk"):
        found = by_episode[enquiry.episode_id]
        found.icpc_needed = found.icpc_needed or enquiry
    plans = {f.cp_plan.pk: f for f in facts.values() if f.cp_plan is not None}
    initial = {f.cp_plan.initial_conference_id: f for f in facts.values() if f.cp_plan is not None}
    conferences = ChildProtectionConference.objects.filter(
        Q(cp_plan_id__in=plans) | Q(pk__in=initial)
    ).order_by("-held_on", "-pk")
    decided: set[int] = set()
    for conference in conferences:
        found_for = plans.get(conference.cp_plan_id or 0) or initial.get(conference.pk)
        if found_for is None or found_for.episode.pk in decided:
            continue
        decided.add(found_for.episode.pk)
        found_for.next_conference_due = conference.next_review_due_on
    return facts


def _allocated(facts: _CaseFacts, today: dt.date) -> PrincipleState:
    if facts.worker_name is not None:
        return PrincipleState(
            Principle.ALLOCATED, "in_time", None, f"Allocated to {facts.worker_name}"
        )
    due = add_working_days(facts.episode.referral_date, ALLOCATION_WORKING_DAYS)
    return PrincipleState(Principle.ALLOCATED, _against(due, today), due, "No allocated worker")


def _seen(facts: _CaseFacts, today: dt.date) -> PrincipleState:
    episode = facts.episode
    standard = SEEN_WORKING_DAYS_ON_CP_PLAN if facts.cp_plan else SEEN_WORKING_DAYS
    seen_on = [
        day
        for day in (
            timezone.localdate(facts.last_seen) if facts.last_seen else None,
            facts.statutory_visit_seen_on,
        )
        if day is not None
    ]
    last_on = max(seen_on, default=None)
    start = max(last_on, episode.referral_date) if last_on else episode.referral_date
    due = add_working_days(start, standard)
    detail = f"Last seen {_day(last_on)}" if last_on else "Not seen since the referral"
    return PrincipleState(
        Principle.CHILD_SEEN, _against(due, today), due, f"{detail}; every {standard} working days"
    )


def _assessed(facts: _CaseFacts, today: dt.date) -> PrincipleState:
    latest = facts.latest_assessment
    if latest is not None and latest.authorisation_date is not None:
        late = " (late)" if latest.authorisation_date > latest.due_date else ""
        return PrincipleState(
            Principle.ASSESSED,
            "in_time",
            latest.due_date,
            f"Authorised {_day(latest.authorisation_date)}{late}",
        )
    due = (
        latest.due_date
        if latest
        else due_date(Timescale(45, Unit.WORKING_DAYS), facts.episode.referral_date)
    )
    detail = "Assessment in progress" if latest else "Assessment not started"
    return PrincipleState(Principle.ASSESSED, _against(due, today), due, detail)


def _planned(facts: _CaseFacts, today: dt.date) -> PrincipleState:
    if facts.cp_plan is not None:
        return PrincipleState(Principle.PLANNED, "in_time", None, "Child protection plan")
    if facts.cin_plan is not None:
        return PrincipleState(Principle.PLANNED, "in_time", None, "Child in need plan")
    enquiry = facts.icpc_needed
    if enquiry is not None:
        due = enquiry.icpc_target_date
        return PrincipleState(
            Principle.PLANNED, _against(due, today), due, "Initial conference needed"
        )
    assessed = facts.latest_authorised
    if assessed is not None and assessed.outcome == "cin" and assessed.authorisation_date:
        due = add_working_days(assessed.authorisation_date, CIN_PLAN_WORKING_DAYS)
        return PrincipleState(
            Principle.PLANNED, _against(due, today), due, "Child in need plan needed"
        )
    return PrincipleState(Principle.PLANNED, None, None, "No plan needed yet")


def _reviewed(facts: _CaseFacts, today: dt.date) -> PrincipleState:
    if facts.cp_plan is not None and facts.next_conference_due is not None:
        due = facts.next_conference_due
        return PrincipleState(
            Principle.REVIEWED, _against(due, today), due, "Next review conference"
        )
    if facts.cin_plan is not None:
        since = facts.cin_last_review or facts.cin_plan.start_date
        due = add_months(since, CIN_REVIEW_MONTHS)
        return PrincipleState(
            Principle.REVIEWED, _against(due, today), due, "Next child in need review"
        )
    return PrincipleState(Principle.REVIEWED, None, None, "No plan to review")


def five_principles_many(
    viewer: Worker, child_ids: Sequence[int], *, today: dt.date | None = None
) -> dict[int, list[PrincipleState]]:
    """The five core principles for each of these children that has an open case and that
    `viewer` may see, by child id, in a fixed number of queries however many children."""
    visible = list(visible_people(viewer).filter(pk__in=child_ids).values_list("pk", flat=True))
    today = today or timezone.localdate()
    checks = (_allocated, _seen, _assessed, _planned, _reviewed)
    return {
        child_id: [check(facts, today) for check in checks]
        for child_id, facts in _case_facts(visible).items()
    }


def five_principles(
    viewer: Worker, child_id: int, *, today: dt.date | None = None
) -> list[PrincipleState]:
    """The five core principles for a child's open case, in order; empty without an open case
    (or when `viewer` cannot see the child)."""
    return five_principles_many(viewer, [child_id], today=today).get(child_id, [])


# --- Teams ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerLoad:
    """One team member's caseload and overdue work, as their manager sees it."""

    worker: Worker
    is_manager: bool
    caseload: int
    overdue: int


def team_workers(viewer: Worker, team: Team, *, today: dt.date | None = None) -> list[WorkerLoad]:
    """Each current member of `team`: their open allocations in the team (children `viewer`
    may see) and their open practice steps past the due date."""
    # Practice imports this app's models; its step table is read here for the overdue counts.
    from hearth.practice.models import StepStatus  # noqa: PLC0415
    from hearth.practice.selectors import visible_steps  # noqa: PLC0415

    today = today or timezone.localdate()
    members = (
        TeamMembership.objects.filter(team=team, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("worker")
        .order_by("worker__last_name", "worker__first_name")
    )
    visible = visible_people(viewer)
    # Two grouped counts for the whole team, not two queries per member.
    caseloads = dict(
        Allocation.objects.filter(team=team, ended_on__isnull=True, child__in=visible)
        .values("worker_id")
        .annotate(n=Count("id"))
        .values_list("worker_id", "n")
    )
    overdue = dict(
        visible_steps(viewer)
        .filter(status=StepStatus.OPEN, due_on__lt=today)
        .filter(assigned_worker_id__in=members.values("worker_id"))
        .order_by()
        .values("assigned_worker_id")
        .annotate(n=Count("id"))
        .values_list("assigned_worker_id", "n")
    )
    return [
        WorkerLoad(
            worker=member.worker,
            is_manager=member.is_manager,
            caseload=caseloads.get(member.worker_id, 0),
            overdue=overdue.get(member.worker_id, 0),
        )
        for member in members
    ]


def team_open_cases(viewer: Worker, team: Team) -> QuerySet[Allocation]:
    """The team's current allocations of children with an open case, as `viewer` may see."""
    open_episode = CINEpisode.objects.filter(
        child_id=OuterRef("child_id"), closure_date__isnull=True, referral_nfa=False
    )
    return (
        Allocation.objects.filter(team=team, ended_on__isnull=True)
        .filter(child__in=visible_people(viewer))
        .filter(Exists(open_episode))
        .select_related("child", "worker")
        .order_by("child__family_name", "child__given_name")
    )


def managed_teams(worker: Worker) -> QuerySet[Team]:
    """The teams `worker` manages today."""
    today = timezone.localdate()
    return (
        Team.objects.filter(
            memberships__worker=worker,
            memberships__is_manager=True,
            memberships__started_on__lte=today,
        )
        .filter(Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=today))
        .distinct()
    )


def team_members(team: Team) -> QuerySet[Worker]:
    """Current members of a team (for choosing whom to allocate to)."""
    today = timezone.localdate()
    return (
        Worker.objects.filter(memberships__team=team, memberships__started_on__lte=today)
        .filter(Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=today))
        .distinct()
        .order_by("last_name", "first_name")
    )


def sibling_group(viewer: Worker, child: Person) -> list[Person]:
    """The child and the children recorded with them, for recording once for a family.

    The children named with `child` in any contact, and the people related to `child` who have
    a CIN episode of their own; only those `viewer` may see. `child` comes first.
    """
    with_contacts = Person.objects.filter(contact_subjects__contact__subjects__child=child).values(
        "pk"
    )
    related = Person.objects.filter(
        Q(relationships_out__other=child) | Q(relationships_in__person=child),
        cin_episodes__isnull=False,
    ).values("pk")
    others = (
        visible_people(viewer)
        .filter(Q(pk__in=with_contacts) | Q(pk__in=related))
        .exclude(pk=child.pk)
        .distinct()
        .order_by("date_of_birth", "given_name")
    )
    return [child, *others]


# --- One child's record, for a child already loaded through `hearth.access.access` -------------


def cin_episodes_of(child: Person) -> QuerySet[CINEpisode]:
    """The child's CIN episodes, newest referral first (the child was loaded with access)."""
    return CINEpisode.objects.filter(child=child).order_by("-referral_date", "-pk")


def case_notes_of(child: Person) -> QuerySet[CaseNote]:
    """The child's case notes, drafts included, newest first (the child was loaded with access)."""
    return CaseNote.objects.filter(child=child).order_by("-occurred_at", "-pk")


def visits_of(child: Person) -> QuerySet[Visit]:
    """The child's visits, newest first (the child was loaded with access)."""
    return Visit.objects.filter(child=child).order_by("-occurred_at", "-pk")


def case_note_get(viewer: Worker, note_id: int) -> CaseNote | None:
    """A case note whose child `viewer` may see, or None (missing and hidden alike)."""
    return (
        CaseNote.objects.filter(pk=note_id, child__in=visible_people(viewer))
        .select_related("finalised_by", "recorded_by", "child")
        .first()
    )


def note_copies(viewer: Worker, note: CaseNote) -> QuerySet[CaseNote]:
    """The siblings' copies of a note written once for several children, as `viewer` may see."""
    if note.group_id is None:
        return CaseNote.objects.none()
    return (
        CaseNote.objects.filter(group_id=note.group_id, child__in=visible_people(viewer))
        .exclude(pk=note.pk)
        .select_related("child")
    )
