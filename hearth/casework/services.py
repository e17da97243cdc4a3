"""Writes to the casework record: allocation, the CIN episode and everything in it, visits, notes.

Each service takes the acting worker and a `reason`, runs in one transaction and sets the
pghistory context. Due dates are worked out here with hearth.timescales and stored on the record:

* assessment: 45 working days from the referral date;
* initial child protection conference: 15 working days from the strategy discussion at which the
  s47 enquiry was initiated (however many discussions there were);
* first core group: 10 working days from the ICPC;
* review conferences: the first within 3 calendar months of the ICPC, then not more than 6 months
  after each review.

Rules from the CIN census are checked before writing, with field-level messages (rule numbers in
comments); the database constraints on the models are the backstop. Visits and case notes are
written once for a sibling group and filed to each child as the child's own record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.casework.codes import (
    NO_FACTORS,
    AssessmentFactor,
    AssessmentOutcome,
    CaseNoteKind,
    CategoryOfAbuse,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    PrimaryNeedCode,
    ReasonForClosure,
    VisitKind,
)
from hearth.casework.models import (
    Addendum,
    Allocation,
    Assessment,
    CaseNote,
    CaseNoteGroup,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    CINPlanReview,
    CoreGroup,
    Section47Enquiry,
    SocialWorkerChangeReason,
    StrategyDiscussion,
    Visit,
)
from hearth.casework.selectors import previous_referral_within_12_months
from hearth.frontdoor.access import require_visible
from hearth.frontdoor.codes import OUTCOMES_OPENING_REFERRAL, Agency, ReferralSource
from hearth.frontdoor.models import ContactDecision
from hearth.organisation.models import Team, TeamMembership, Worker
from hearth.people.models import Person
from hearth.timescales.rules import Timescale, Unit, due_date

# National timescales (domain.md 3.1, 3.2). Councils may set tighter local ones in their practice
# models; the statutory record keeps the national outer limit.
ASSESSMENT_TIMESCALE = Timescale(45, Unit.WORKING_DAYS)
ICPC_TIMESCALE = Timescale(15, Unit.WORKING_DAYS)
FIRST_CORE_GROUP_TIMESCALE = Timescale(10, Unit.WORKING_DAYS)
FIRST_REVIEW_TIMESCALE = Timescale(3, Unit.CALENDAR_MONTHS)
LATER_REVIEW_TIMESCALE = Timescale(6, Unit.CALENDAR_MONTHS)


def _history(actor: Worker, reason: str) -> pghistory.context:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is being changed."})
    return pghistory.context(user=actor.pk, reason=reason.strip())


def _require_aware(name: str, moment: dt.datetime) -> None:
    if timezone.is_naive(moment):
        raise ValidationError({name: "Give the time with its time zone."})


def _not_in_future(name: str, day: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({name: "The date must not be in the future."})


def _code(name: str, value: str, choices: Sequence[str], message: str) -> None:
    if value not in choices:
        raise ValidationError({name: message})


# --- Allocation -------------------------------------------------------------------------------


@transaction.atomic
def allocation_start(
    *,
    actor: Worker,
    child: Person,
    team: Team,
    worker: Worker | None,
    started_on: dt.date,
    reason: str,
    sw_reason: str = "",
) -> Allocation:
    """Allocate a child to a team (and a worker in it), ending any open allocation that day.

    A transfer between teams is an end and a start, so the allocation history (and the 903
    SWEpisodes built on it) keeps every period. The ended allocation's end date is `started_on`:
    consecutive periods meet on the same day, as 903 episodes do.

    `sw_reason` is the DfE code for why a new social worker takes the child (903 `SW_REASON`,
    `SocialWorkerChangeReason`). It is recorded only when the named worker changes: the same
    worker moving with the child to another team continues their social worker episode. A first
    named worker (none before, or only a team) is first contact or re-referral (`FCONTA`) unless
    another reason is given. The allocation page requires a reason for every change of worker;
    this service refuses a code that is not the DfE's, and records a blank reason from callers
    that give none for a change (see docs/subsystems/returns.md).
    """
    require_visible(actor, [child])
    sw_reason = sw_reason.strip().upper()
    if sw_reason and sw_reason not in SocialWorkerChangeReason.values:
        raise ValidationError({"sw_reason": "Choose why the social worker is changing."})
    if worker is not None:
        member = TeamMembership.objects.filter(worker=worker, team=team, started_on__lte=started_on)
        if not member.exclude(ended_on__lt=started_on).exists():
            raise ValidationError(
                {"worker": "The worker is not a member of that team on that date."}
            )
    with _history(actor, reason):
        current = Allocation.objects.select_for_update().filter(child=child, ended_on__isnull=True)
        previous_worker: int | None = None
        for allocation in current:
            if started_on < allocation.started_on:
                raise ValidationError(
                    {"started_on": "The new allocation cannot start before the current one."}
                )
            if allocation.team_id == team.pk and allocation.worker_id == (worker and worker.pk):
                raise ValidationError({"worker": "The child is already allocated to this worker."})
            previous_worker = allocation.worker_id
            allocation.ended_on = started_on
            allocation.save(update_fields=["ended_on"])
        if worker is None or worker.pk == previous_worker:
            # No new social worker: no social worker episode starts, so no reason for one.
            sw_reason = ""
        elif previous_worker is None and not sw_reason:
            sw_reason = SocialWorkerChangeReason.FCONTA
        return Allocation.objects.create(
            child=child,
            team=team,
            worker=worker,
            started_on=started_on,
            reason=reason.strip()[:200],
            sw_reason=sw_reason,
        )


@transaction.atomic
def allocation_end(
    *, actor: Worker, allocation: Allocation, ended_on: dt.date, reason: str
) -> Allocation:
    """End an allocation (the case closes, or the child moves away) without a new one."""
    require_visible(actor, [allocation.child])
    if allocation.ended_on is not None:
        raise ValidationError({"ended_on": "This allocation has already ended."})
    if ended_on < allocation.started_on:
        raise ValidationError({"ended_on": "The allocation cannot end before it started."})
    with _history(actor, reason):
        allocation.ended_on = ended_on
        allocation.save(update_fields=["ended_on"])
    return allocation


# --- CIN episode ------------------------------------------------------------------------------


def _require_active_episode(episode: CINEpisode, field: str = "episode") -> None:
    if episode.closure_date is not None:
        raise ValidationError({field: "The CIN episode is closed."})
    # Referrals with no further action carry no activity (8831, 8832, 4000).
    if episode.referral_nfa:
        raise ValidationError({field: "The referral was marked no further action."})


@transaction.atomic
def cin_episode_open(
    *,
    actor: Worker,
    child: Person,
    referral_date: dt.date,
    referral_source: str,
    reason: str,
    primary_need_code: str = "",
    referral_nfa: bool = False,
    contact_decision: ContactDecision | None = None,
    source_step: str = "",
) -> CINEpisode:
    """Record a referral to children's social care: the start of a CIN episode.

    The episode is flagged a re-referral when the child had another referral in the 12 months
    before this one. `contact_decision` links the front door decision that led here.
    """
    require_visible(actor, [child])
    _not_in_future("referral_date", referral_date)
    _code("referral_source", referral_source, ReferralSource.values, "Choose the referral source.")
    if primary_need_code:
        _code(
            "primary_need_code",
            primary_need_code,
            PrimaryNeedCode.values,
            "Choose a category of need.",
        )
    if contact_decision is not None:
        if contact_decision.child_id != child.pk:
            raise ValidationError({"contact_decision": "That decision is about another child."})
        if contact_decision.outcome not in OUTCOMES_OPENING_REFERRAL:
            raise ValidationError({"contact_decision": "That decision was not to refer."})
        if referral_date < timezone.localdate(contact_decision.contact.received_at):
            raise ValidationError(
                {"referral_date": "The referral cannot be dated before the contact."}
            )
    if not referral_nfa:
        open_episode = CINEpisode.objects.filter(
            child=child, closure_date__isnull=True, referral_nfa=False
        ).first()
        if open_episode is not None:
            raise ValidationError(
                {
                    "referral_date": (
                        f"The child already has an open CIN episode, referred on "
                        f"{open_episode.referral_date:%d %B %Y}. Close it first (rule 8815)."
                    )
                }
            )
    previous = previous_referral_within_12_months(child=child, referral_date=referral_date)
    with _history(actor, reason):
        return CINEpisode.objects.create(
            child=child,
            referral_date=referral_date,
            referral_source=referral_source,
            primary_need_code=primary_need_code,
            referral_nfa=referral_nfa,
            is_re_referral=previous is not None,
            contact_decision=contact_decision,
            recorded_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def cin_episode_primary_need_set(
    *, actor: Worker, episode: CINEpisode, primary_need_code: str, reason: str
) -> CINEpisode:
    """Set (or correct) the episode's category of need (CIN census `PrimaryNeedCode`)."""
    require_visible(actor, [episode.child])
    _code(
        "primary_need_code", primary_need_code, PrimaryNeedCode.values, "Choose a category of need."
    )
    with _history(actor, reason):
        episode.primary_need_code = primary_need_code
        episode.save(update_fields=["primary_need_code"])
    return episode


@transaction.atomic
def cin_episode_close(
    *,
    actor: Worker,
    episode: CINEpisode,
    closure_date: dt.date,
    reason_for_closure: str,
    reason: str,
) -> CINEpisode:
    """Close a CIN episode. Everything in it must be finished first (rules 8867, 8868, 4004)."""
    require_visible(actor, [episode.child])
    _not_in_future("closure_date", closure_date)
    _code(
        "reason_for_closure",
        reason_for_closure,
        ReasonForClosure.values,
        "Choose the reason for closure.",
    )
    if episode.closure_date is not None:
        raise ValidationError({"closure_date": "The episode is already closed."})
    if closure_date < episode.referral_date:
        raise ValidationError({"closure_date": "The episode cannot close before the referral."})
    still_open = [
        label
        for label, is_open in (
            ("an assessment", episode.assessments.filter(authorisation_date__isnull=True)),
            ("a section 47 enquiry", episode.section47s.filter(completed_on__isnull=True)),
            ("a child in need plan", episode.cin_plans.filter(end_date__isnull=True)),
            ("a child protection plan", episode.cp_plans.filter(end_date__isnull=True)),
        )
        if is_open.exists()
    ]
    if still_open:
        raise ValidationError(
            {"closure_date": f"Finish {' and '.join(still_open)} before closing the episode."}
        )
    with _history(actor, reason):
        episode.closure_date = closure_date
        episode.reason_for_closure = reason_for_closure
        episode.save(update_fields=["closure_date", "reason_for_closure"])
    return episode


# --- Assessment -------------------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *,
    actor: Worker,
    episode: CINEpisode,
    actual_start_date: dt.date,
    reason: str,
    source_step: str = "",
) -> Assessment:
    """Start a child and family assessment, due 45 working days from the referral date."""
    require_visible(actor, [episode.child])
    _require_active_episode(episode)
    _not_in_future("actual_start_date", actual_start_date)
    if actual_start_date < episode.referral_date:
        raise ValidationError(
            {"actual_start_date": "The assessment cannot start before the referral (rule 1103)."}
        )
    if episode.assessments.filter(authorisation_date__isnull=True).exists():
        raise ValidationError(
            {"actual_start_date": "An assessment is already open in this episode (rule 8896)."}
        )
    with _history(actor, reason):
        return Assessment.objects.create(
            episode=episode,
            actual_start_date=actual_start_date,
            due_date=due_date(ASSESSMENT_TIMESCALE, episode.referral_date),
            recorded_by=actor,
            source_step=source_step,
        )


# Outcomes that mean the referral led to further action, so a category of need is required (8610).
_NEEDS_CATEGORY = frozenset(
    {
        AssessmentOutcome.CHILD_IN_NEED,
        AssessmentOutcome.STRATEGY_DISCUSSION,
        AssessmentOutcome.LOOKED_AFTER,
    }
)


@transaction.atomic
def assessment_complete(
    *,
    actor: Worker,
    assessment: Assessment,
    authorisation_date: dt.date,
    factors: Sequence[str],
    outcome: str,
    reason: str,
    primary_need_code: str = "",
) -> Assessment:
    """A manager (`actor`) authorises the assessment: its end date, factors and outcome."""
    episode = assessment.episode
    require_visible(actor, [episode.child])
    if assessment.authorisation_date is not None:
        raise ValidationError({"authorisation_date": "The assessment is already authorised."})
    _not_in_future("authorisation_date", authorisation_date)
    if authorisation_date < assessment.actual_start_date:
        raise ValidationError(
            {"authorisation_date": "Authorisation cannot come before the start (rule 8608)."}
        )
    _code("outcome", outcome, AssessmentOutcome.values, "Choose the outcome of the assessment.")
    chosen = list(factors)
    if not chosen:
        raise ValidationError({"factors": "Choose the factors identified, or 21 for none."})
    wrong = [code for code in chosen if code not in AssessmentFactor.values]
    if wrong:
        raise ValidationError({"factors": f"Not an assessment factor: {', '.join(wrong)}."})
    if len(set(chosen)) != len(chosen):
        raise ValidationError({"factors": "Choose each factor only once (rule 8898)."})
    if NO_FACTORS in chosen and len(chosen) > 1:
        raise ValidationError(
            {"factors": "21 (no factors identified) cannot be combined with others (rule 8869)."}
        )
    if primary_need_code:
        _code(
            "primary_need_code",
            primary_need_code,
            PrimaryNeedCode.values,
            "Choose a category of need.",
        )
    elif outcome in _NEEDS_CATEGORY and not episode.primary_need_code:
        raise ValidationError(
            {"primary_need_code": "Choose the child's category of need (rule 8610)."}
        )
    with _history(actor, reason):
        assessment.authorisation_date = authorisation_date
        assessment.factors = chosen
        assessment.outcome = outcome
        assessment.authorised_by = actor
        assessment.authorised_at = timezone.now()
        assessment.save(
            update_fields=[
                "authorisation_date",
                "factors",
                "outcome",
                "authorised_by",
                "authorised_at",
            ]
        )
        if primary_need_code and primary_need_code != episode.primary_need_code:
            episode.primary_need_code = primary_need_code
            episode.save(update_fields=["primary_need_code"])
    return assessment


# --- Strategy discussion and section 47 -------------------------------------------------------


@transaction.atomic
def strategy_discussion_record(
    *,
    actor: Worker,
    episode: CINEpisode,
    held_on: dt.date,
    agencies: Sequence[str],
    s47_required: bool,
    reason: str,
    rationale: str = "",
    source_step: str = "",
) -> StrategyDiscussion:
    """Record a strategy discussion and whether it decided the s47 threshold was met."""
    require_visible(actor, [episode.child])
    _require_active_episode(episode)
    _not_in_future("held_on", held_on)
    if held_on < episode.referral_date:
        raise ValidationError({"held_on": "The discussion cannot be before the referral."})
    chosen = list(agencies)
    if not chosen:
        raise ValidationError({"agencies": "Choose the agencies that took part."})
    if any(code not in Agency.values for code in chosen) or len(set(chosen)) != len(chosen):
        raise ValidationError({"agencies": "Choose each agency from the list, once."})
    with _history(actor, reason):
        return StrategyDiscussion.objects.create(
            episode=episode,
            held_on=held_on,
            agencies=chosen,
            s47_required=s47_required,
            rationale=rationale.strip(),
            recorded_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def section47_start(
    *,
    actor: Worker,
    strategy_discussion: StrategyDiscussion,
    actual_start_date: dt.date,
    reason: str,
    source_step: str = "",
) -> Section47Enquiry:
    """Start the s47 enquiry a strategy discussion initiated; the ICPC is due 15 WD after it."""
    episode = strategy_discussion.episode
    require_visible(actor, [episode.child])
    _require_active_episode(episode)
    _not_in_future("actual_start_date", actual_start_date)
    if not strategy_discussion.s47_required:
        raise ValidationError(
            {"strategy_discussion": "That strategy discussion did not decide on a s47 enquiry."}
        )
    if Section47Enquiry.objects.filter(strategy_discussion=strategy_discussion).exists():
        raise ValidationError(
            {"strategy_discussion": "That discussion has already initiated a s47 enquiry."}
        )
    if actual_start_date < strategy_discussion.held_on:
        raise ValidationError(
            {"actual_start_date": "The enquiry cannot start before the strategy discussion."}
        )
    if episode.section47s.filter(completed_on__isnull=True).exists():
        raise ValidationError(
            {"actual_start_date": "A s47 enquiry is already open in this episode (rule 8890)."}
        )
    with _history(actor, reason):
        return Section47Enquiry.objects.create(
            episode=episode,
            strategy_discussion=strategy_discussion,
            actual_start_date=actual_start_date,
            icpc_target_date=due_date(ICPC_TIMESCALE, strategy_discussion.held_on),
            recorded_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def section47_complete(
    *,
    actor: Worker,
    enquiry: Section47Enquiry,
    completed_on: dt.date,
    icpc_required: bool,
    reason: str,
    rationale: str = "",
) -> Section47Enquiry:
    """Record the outcome of a s47 enquiry: an ICPC is needed, or not (`ICPCnotRequired`)."""
    require_visible(actor, [enquiry.episode.child])
    _not_in_future("completed_on", completed_on)
    if enquiry.completed_on is not None:
        raise ValidationError({"completed_on": "The enquiry's outcome is already recorded."})
    if completed_on < enquiry.actual_start_date:
        raise ValidationError({"completed_on": "The enquiry cannot end before it started."})
    with _history(actor, reason):
        enquiry.completed_on = completed_on
        enquiry.icpc_required = icpc_required
        enquiry.outcome_rationale = rationale.strip()
        enquiry.save(update_fields=["completed_on", "icpc_required", "outcome_rationale"])
    return enquiry


# --- Conferences, plans, core groups ----------------------------------------------------------


@transaction.atomic
def icpc_record(
    *,
    actor: Worker,
    episode: CINEpisode,
    held_on: dt.date,
    outcome: str,
    reason: str,
    section47: Section47Enquiry | None = None,
    source_step: str = "",
) -> ChildProtectionConference:
    """Record an initial child protection conference (`DateOfInitialCPC`).

    With a plan, the first review is due within 3 calendar months. `section47` is the enquiry
    that led to it; it must have concluded that a conference was needed.
    """
    require_visible(actor, [episode.child])
    _require_active_episode(episode)
    _not_in_future("held_on", held_on)
    _code("outcome", outcome, ConferenceOutcome.values, "Choose the conference's decision.")
    if held_on < episode.referral_date:
        raise ValidationError({"held_on": "The conference cannot be before the referral."})
    if section47 is not None:
        if section47.episode_id != episode.pk:
            raise ValidationError({"section47": "That enquiry belongs to another episode."})
        if section47.icpc_required is not True:
            raise ValidationError(
                {"section47": "Record the s47 outcome (conference needed) before the conference."}
            )
        if held_on < section47.actual_start_date:
            raise ValidationError({"held_on": "The conference cannot be before the s47 started."})
        if ChildProtectionConference.objects.filter(section47=section47).exists():
            raise ValidationError({"section47": "That enquiry already has its conference."})
    with _history(actor, reason):
        return ChildProtectionConference.objects.create(
            episode=episode,
            kind=ConferenceKind.INITIAL,
            held_on=held_on,
            outcome=outcome,
            section47=section47,
            next_review_due_on=(
                due_date(FIRST_REVIEW_TIMESCALE, held_on)
                if outcome == ConferenceOutcome.PLAN
                else None
            ),
            recorded_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def cp_plan_start(
    *,
    actor: Worker,
    conference: ChildProtectionConference,
    initial_category: str,
    reason: str,
    source_step: str = "",
) -> ChildProtectionPlan:
    """Start the child protection plan an ICPC decided on, on the day of the conference (2885).

    Stores `NumberOfPreviousCPP` (the child's earlier plans) and the first core group's due date,
    10 working days after the conference.
    """
    episode = conference.episode
    child = episode.child
    require_visible(actor, [child])
    _require_active_episode(episode)
    _code(
        "initial_category",
        initial_category,
        CategoryOfAbuse.values,
        "Choose the category of abuse.",
    )
    if conference.kind != ConferenceKind.INITIAL or conference.outcome != ConferenceOutcome.PLAN:
        raise ValidationError(
            {"conference": "Only an initial conference that decided on a plan starts one."}
        )
    if ChildProtectionPlan.objects.filter(initial_conference=conference).exists():
        raise ValidationError({"conference": "That conference's plan is already recorded."})
    if ChildProtectionPlan.objects.filter(episode__child=child, end_date__isnull=True).exists():
        raise ValidationError({"conference": "The child is already on a plan (rule 8935)."})
    if episode.cin_plans.filter(end_date__isnull=True).exists():
        raise ValidationError(
            {"conference": "End the child in need plan first: they cannot run together (4001)."}
        )
    previous = ChildProtectionPlan.objects.filter(
        episode__child=child, start_date__lt=conference.held_on
    ).count()
    with _history(actor, reason):
        return ChildProtectionPlan.objects.create(
            episode=episode,
            initial_conference=conference,
            start_date=conference.held_on,
            initial_category=initial_category,
            latest_category=initial_category,
            number_of_previous_plans=previous,
            first_core_group_due_on=due_date(FIRST_CORE_GROUP_TIMESCALE, conference.held_on),
            recorded_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def rcpc_record(
    *,
    actor: Worker,
    cp_plan: ChildProtectionPlan,
    held_on: dt.date,
    outcome: str,
    reason: str,
    latest_category: str = "",
    source_step: str = "",
) -> ChildProtectionConference:
    """Record a review child protection conference (`CPPreviewDate`).

    When the plan continues, the next review is due not more than 6 months later, counted from
    the day this review was actually held. A changed category becomes the plan's latest category.
    """
    require_visible(actor, [cp_plan.episode.child])
    _not_in_future("held_on", held_on)
    _code("outcome", outcome, ConferenceOutcome.values, "Choose the conference's decision.")
    if cp_plan.end_date is not None:
        raise ValidationError({"cp_plan": "The plan has ended."})
    if held_on <= cp_plan.start_date:
        raise ValidationError({"held_on": "A review must come after the plan started."})
    if latest_category:
        _code(
            "latest_category",
            latest_category,
            CategoryOfAbuse.values,
            "Choose the category of abuse.",
        )
    with _history(actor, reason):
        conference = ChildProtectionConference.objects.create(
            episode=cp_plan.episode,
            kind=ConferenceKind.REVIEW,
            held_on=held_on,
            outcome=outcome,
            cp_plan=cp_plan,
            next_review_due_on=(
                due_date(LATER_REVIEW_TIMESCALE, held_on)
                if outcome == ConferenceOutcome.PLAN
                else None
            ),
            recorded_by=actor,
            source_step=source_step,
        )
        if latest_category and latest_category != cp_plan.latest_category:
            cp_plan.latest_category = latest_category
            cp_plan.save(update_fields=["latest_category"])
    return conference


@transaction.atomic
def cp_plan_end(
    *,
    actor: Worker,
    cp_plan: ChildProtectionPlan,
    end_date: dt.date,
    end_reason: str,
    reason: str,
) -> ChildProtectionPlan:
    """End a child protection plan (`CPPendDate`); not on the day it started (rule 8840)."""
    require_visible(actor, [cp_plan.episode.child])
    _not_in_future("end_date", end_date)
    _code("end_reason", end_reason, PlanEndReason.values, "Choose why the plan ended.")
    if cp_plan.end_date is not None:
        raise ValidationError({"end_date": "The plan has already ended."})
    if end_date <= cp_plan.start_date:
        raise ValidationError({"end_date": "A plan must end after the day it started (rule 8840)."})
    with _history(actor, reason):
        cp_plan.end_date = end_date
        cp_plan.end_reason = end_reason
        cp_plan.save(update_fields=["end_date", "end_reason"])
    return cp_plan


@transaction.atomic
def core_group_record(
    *,
    actor: Worker,
    cp_plan: ChildProtectionPlan,
    held_on: dt.date,
    reason: str,
    agencies: Sequence[str] = (),
    summary: str = "",
    source_step: str = "",
) -> CoreGroup:
    """Record a core group meeting for a child on a plan."""
    require_visible(actor, [cp_plan.episode.child])
    _not_in_future("held_on", held_on)
    if held_on < cp_plan.start_date or (cp_plan.end_date and held_on > cp_plan.end_date):
        raise ValidationError({"held_on": "The core group must meet while the plan is in place."})
    chosen = list(agencies)
    if any(code not in Agency.values for code in chosen) or len(set(chosen)) != len(chosen):
        raise ValidationError({"agencies": "Choose each agency from the list, once."})
    with _history(actor, reason):
        return CoreGroup.objects.create(
            cp_plan=cp_plan,
            held_on=held_on,
            agencies=chosen,
            summary=summary.strip(),
            recorded_by=actor,
            source_step=source_step,
        )


# --- Child in need plans ----------------------------------------------------------------------


@transaction.atomic
def cin_plan_start(
    *,
    actor: Worker,
    episode: CINEpisode,
    start_date: dt.date,
    reason: str,
    source_step: str = "",
) -> CINPlan:
    """Start a child in need plan (`CINPlanStartDate`)."""
    require_visible(actor, [episode.child])
    _require_active_episode(episode)
    _not_in_future("start_date", start_date)
    if start_date < episode.referral_date:
        raise ValidationError({"start_date": "The plan cannot start before the referral."})
    if episode.cin_plans.filter(end_date__isnull=True).exists():
        raise ValidationError({"start_date": "A CIN plan is already open (rule 4004)."})
    if episode.cp_plans.filter(end_date__isnull=True).exists():
        raise ValidationError(
            {"start_date": "The child is on a child protection plan; end it first (rule 4001)."}
        )
    with _history(actor, reason):
        return CINPlan.objects.create(
            episode=episode, start_date=start_date, recorded_by=actor, source_step=source_step
        )


@transaction.atomic
def cin_plan_review_record(
    *,
    actor: Worker,
    cin_plan: CINPlan,
    held_on: dt.date,
    reason: str,
    summary: str = "",
    source_step: str = "",
) -> CINPlanReview:
    """Record a review of a child in need plan."""
    require_visible(actor, [cin_plan.episode.child])
    _not_in_future("held_on", held_on)
    if held_on < cin_plan.start_date or (cin_plan.end_date and held_on > cin_plan.end_date):
        raise ValidationError({"held_on": "The review must fall while the plan is in place."})
    with _history(actor, reason):
        return CINPlanReview.objects.create(
            cin_plan=cin_plan,
            held_on=held_on,
            summary=summary.strip(),
            recorded_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def cin_plan_end(*, actor: Worker, cin_plan: CINPlan, end_date: dt.date, reason: str) -> CINPlan:
    """End a child in need plan (`CINPlanEndDate`)."""
    require_visible(actor, [cin_plan.episode.child])
    _not_in_future("end_date", end_date)
    if cin_plan.end_date is not None:
        raise ValidationError({"end_date": "The plan has already ended."})
    if end_date < cin_plan.start_date:
        raise ValidationError({"end_date": "The plan cannot end before it started."})
    with _history(actor, reason):
        cin_plan.end_date = end_date
        cin_plan.save(update_fields=["end_date"])
    return cin_plan


# --- Visits and case notes: recorded once, filed to each child --------------------------------


@dataclass(frozen=True)
class VisitedChild:
    """What was seen of one child on a visit to a sibling group."""

    child: Person
    child_seen: bool
    seen_alone: bool = False
    bedroom_seen: bool | None = None


@transaction.atomic
def visit_record(
    *,
    actor: Worker,
    kind: str,
    occurred_at: dt.datetime,
    children: Sequence[VisitedChild],
    reason: str,
    present: str = "",
    summary: str = "",
    visit_group: uuid.UUID | None = None,
    source_step: str = "",
) -> list[Visit]:
    """Record one visit to one or more children; each child gets their own visit record.

    What was seen (seen, seen alone, bedroom seen) is per child. The shared `visit_group` ties
    the copies together; pass an existing group to add a sibling to a visit already recorded.
    """
    _require_aware("occurred_at", occurred_at)
    if occurred_at > timezone.now():
        raise ValidationError({"occurred_at": "The visit must not be in the future."})
    _code("kind", kind, VisitKind.values, "Choose the kind of visit.")
    if not children:
        raise ValidationError({"children": "Choose at least one child who was visited."})
    ids = [visited.child.pk for visited in children]
    if len(set(ids)) != len(ids):
        raise ValidationError({"children": "Each child can be named only once."})
    for visited in children:
        if visited.seen_alone and not visited.child_seen:
            raise ValidationError(
                {"children": f"{visited.child} cannot be seen alone without being seen."}
            )
    require_visible(actor, [visited.child for visited in children])
    group = visit_group or uuid.uuid4()
    if Visit.objects.filter(visit_group=group, child_id__in=ids).exists():
        raise ValidationError({"children": "This visit is already recorded for that child."})
    with _history(actor, reason):
        return [
            Visit.objects.create(
                child=visited.child,
                visit_group=group,
                kind=kind,
                occurred_at=occurred_at,
                child_seen=visited.child_seen,
                seen_alone=visited.seen_alone,
                bedroom_seen=visited.bedroom_seen,
                present=present.strip(),
                summary=summary.strip(),
                recorded_by=actor,
                source_step=source_step,
            )
            for visited in children
        ]


@transaction.atomic
def case_note_write(
    *,
    actor: Worker,
    children: Sequence[Person],
    kind: str,
    occurred_at: dt.datetime,
    title: str,
    text: str,
    reason: str,
    source_step: str = "",
) -> list[CaseNote]:
    """Write a case note once and file a draft copy to each child's record.

    For several children the note as written is kept as a `CaseNoteGroup`; each child's copy is
    then their own, to adjust and finalise independently of the others.
    """
    _require_aware("occurred_at", occurred_at)
    _code("kind", kind, CaseNoteKind.values, "Choose what the note records.")
    if not title.strip():
        raise ValidationError({"title": "Enter a title."})
    if not text.strip():
        raise ValidationError({"text": "Enter the note."})
    if not children:
        raise ValidationError({"children": "Choose at least one child."})
    ids = [child.pk for child in children]
    if len(set(ids)) != len(ids):
        raise ValidationError({"children": "Each child can be named only once."})
    require_visible(actor, children)
    with _history(actor, reason):
        group = None
        if len(children) > 1:
            group = CaseNoteGroup.objects.create(
                kind=kind,
                occurred_at=occurred_at,
                title=title.strip(),
                text=text.strip(),
                recorded_by=actor,
                source_step=source_step,
            )
        return [
            CaseNote.objects.create(
                child=child,
                group=group,
                kind=kind,
                occurred_at=occurred_at,
                title=title.strip(),
                text=text.strip(),
                recorded_by=actor,
                source_step=source_step,
            )
            for child in children
        ]


def _require_draft(note: CaseNote) -> None:
    if note.finalised_at is not None:
        raise ValidationError(
            {"text": "The note is finalised and cannot be changed; add an addendum instead."}
        )


@transaction.atomic
def case_note_revise(
    *, actor: Worker, note: CaseNote, title: str, text: str, reason: str
) -> CaseNote:
    """Change one child's draft copy of a note; the siblings' copies are untouched."""
    require_visible(actor, [note.child])
    _require_draft(note)
    if not title.strip():
        raise ValidationError({"title": "Enter a title."})
    if not text.strip():
        raise ValidationError({"text": "Enter the note."})
    with _history(actor, reason):
        note.title = title.strip()
        note.text = text.strip()
        note.save(update_fields=["title", "text"])
    return note


@transaction.atomic
def case_note_finalise(*, actor: Worker, note: CaseNote, reason: str) -> CaseNote:
    """Finalise one child's note. From now on the database refuses any change to it."""
    require_visible(actor, [note.child])
    _require_draft(note)
    with _history(actor, reason):
        note.finalised_at = timezone.now()
        note.finalised_by = actor
        note.save(update_fields=["finalised_at", "finalised_by"])
    return note


@transaction.atomic
def addendum_add(*, actor: Worker, note: CaseNote, text: str, reason: str) -> Addendum:
    """Correct or add to a finalised note. `reason` says why, and is kept with the addendum."""
    require_visible(actor, [note.child])
    if note.finalised_at is None:
        raise ValidationError({"text": "The note is still a draft: change it directly."})
    if not text.strip():
        raise ValidationError({"text": "Enter the addendum."})
    with _history(actor, reason):
        return Addendum.objects.create(
            note=note, text=text.strip(), reason=reason.strip(), written_by=actor
        )


@transaction.atomic
def allocation_transfer(
    *,
    actor: Worker,
    child: Person,
    team: Team,
    worker: Worker | None,
    started_on: dt.date,
    reason: str,
    sw_reason: str = "",
) -> Allocation:
    """Allocate a child, or transfer them to another team or worker, with their open work.

    `allocation_start` records the allocation (ending the current one); the child's open
    practice steps then pass to the new worker and team, so they show in the new worker's tray
    and the new team's authorisation queue. Steps already done keep who did them. `sw_reason`
    is why the social worker changes, as `allocation_start` records it.
    """
    # The practice engine imports this app's fact writers; load it when the service runs.
    from hearth.practice.models import OPEN_STATUSES, CaseStatus, Step  # noqa: PLC0415

    allocation = allocation_start(
        actor=actor,
        child=child,
        team=team,
        worker=worker,
        started_on=started_on,
        reason=reason,
        sw_reason=sw_reason,
    )
    with _history(actor, reason):
        Step.objects.filter(
            case__child=child, case__status=CaseStatus.OPEN, status__in=OPEN_STATUSES
        ).update(assigned_worker=worker, assigned_team=team)
    return allocation


@transaction.atomic
def family_visit_record(
    *,
    actor: Worker,
    kind: str,
    occurred_at: dt.datetime,
    children: Sequence[VisitedChild],
    reason: str,
    present: str = "",
    summary: str = "",
) -> list[Visit]:
    """Record a visit once for a sibling group, and complete each child's open visit step.

    The visit is written by `visit_record` (one visit group, a record per child). A child whose
    practice case has an open visit step (the model's repeating visits) has it completed with the
    same answers, so the next visit is planned from this one; the step's `visit` fact finds the
    child's record already written. A refusal from a step raises `ValidationError` and nothing
    is saved.
    """
    from hearth.practice import services as practice  # noqa: PLC0415 (practice imports our facts)
    from hearth.practice.models import CaseStatus, Step, StepStatus  # noqa: PLC0415

    visits = visit_record(
        actor=actor,
        kind=kind,
        occurred_at=occurred_at,
        children=children,
        reason=reason,
        present=present,
        summary=summary,
    )
    for visited in children:
        step = (
            Step.objects.filter(
                case__child=visited.child,
                case__status=CaseStatus.OPEN,
                step_type="visit",
                status=StepStatus.OPEN,
            )
            .order_by("due_on", "pk")
            .first()
        )
        if step is None:
            continue
        answers = {
            "visit_kind": kind,
            "visit_date_time": occurred_at,
            "child_seen": visited.child_seen,
            "seen_alone": visited.seen_alone,
            "bedroom_seen": visited.bedroom_seen,
            "present": present,
            "summary": summary or "Recorded with the family's visit",
        }
        try:
            practice.step_complete(
                actor=actor,
                step=step,
                answers={k: v for k, v in answers.items() if v is not None},
                outcome="next_visit",
                completed_on=timezone.localdate(occurred_at),
                reason=reason,
            )
        except practice.PracticeError as refused:
            raise ValidationError({"children": f"{visited.child}: {refused}"}) from refused
    return visits
