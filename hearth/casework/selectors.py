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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
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
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.timescales.rules import add_months

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
