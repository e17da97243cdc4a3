"""Statutory facts casework registers with the practice engine (hearth.practice.facts).

Field names are the CIN census element names in snake_case (`CINreferralDate` is
`cin_referral_date`). Each writer finds the record the fact applies to from the child's open CIN
episode: the open assessment, the strategy discussion that initiated the s47, the open plan. When
there is none, it raises a `ValidationError` that says what is missing.

`visit` is written per child; a sibling visited in the same practice step joins the same visit
group, so the visit is recorded once and filed to each child. A visit already recorded for the
child at that moment (by the visit page, for a sibling group) is the one the step completes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from hearth.casework import services
from hearth.casework.codes import (
    AssessmentFactor,
    AssessmentOutcome,
    CategoryOfAbuse,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    PrimaryNeedCode,
    ReasonForClosure,
    VisitKind,
)
from hearth.casework.models import (
    Assessment,
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
from hearth.frontdoor.codes import OUTCOMES_OPENING_REFERRAL, Agency, ReferralSource
from hearth.frontdoor.fact_values import (
    bool_value,
    code_value,
    codes_value,
    reason_of,
    required_bool,
    required_date,
    required_datetime,
    step_of,
    text_value,
)
from hearth.frontdoor.models import ContactDecision
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.practice.facts import FactField, FactFieldType, register_fact

_DATE = FactFieldType.DATE
_DATETIME = FactFieldType.DATETIME
_TEXT = FactFieldType.TEXT
_CODE = FactFieldType.CODE
_CODES = FactFieldType.CODES
_BOOLEAN = FactFieldType.BOOLEAN

_Values = Mapping[str, Any]


def open_episode(child: Person) -> CINEpisode:
    """The child's open CIN episode (not a no-further-action referral)."""
    episode = CINEpisode.objects.filter(
        child=child, closure_date__isnull=True, referral_nfa=False
    ).first()
    if episode is None:
        raise ValidationError({"episode": "The child has no open CIN episode: record a referral."})
    return episode


def _open_cp_plan(child: Person) -> ChildProtectionPlan:
    plan = ChildProtectionPlan.objects.filter(episode__child=child, end_date__isnull=True).first()
    if plan is None:
        raise ValidationError({"cp_plan": "The child is not on a child protection plan."})
    return plan


def _open_cin_plan(child: Person) -> CINPlan:
    plan = CINPlan.objects.filter(episode=open_episode(child), end_date__isnull=True).first()
    if plan is None:
        raise ValidationError({"cin_plan": "The child has no open child in need plan."})
    return plan


@register_fact(
    "referral",
    description="A referral to children's social care: opens the child's CIN episode.",
    fields={
        "cin_referral_date": FactField(_DATE, required=True, description="CINreferralDate"),
        "referral_source": FactField(
            _CODE, required=True, codes=tuple(ReferralSource.values), description="ReferralSource"
        ),
        "primary_need_code": FactField(
            _CODE, codes=tuple(PrimaryNeedCode.values), description="PrimaryNeedCode"
        ),
        "referral_nfa": FactField(_BOOLEAN, description="ReferralNFA"),
    },
)
def write_referral(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CINEpisode:
    """Open a CIN episode, linked to the front door decision to refer when there is one."""
    referral_date = required_date(values, "cin_referral_date")
    decision = (
        ContactDecision.objects.filter(
            child=child, outcome__in=OUTCOMES_OPENING_REFERRAL, cin_episode__isnull=True
        )
        .order_by("-decided_at")
        .first()
    )
    return services.cin_episode_open(
        actor=actor,
        child=child,
        referral_date=referral_date,
        referral_source=code_value(values, "referral_source", ReferralSource.values),
        primary_need_code=code_value(
            values, "primary_need_code", PrimaryNeedCode.values, required=False
        ),
        referral_nfa=bool(bool_value(values, "referral_nfa", required=False)),
        contact_decision=decision,
        reason=reason_of(context, "Referral recorded"),
        source_step=step_of(context),
    )


@register_fact(
    "assessment_start",
    description="A child and family assessment starts; due 45 working days from the referral.",
    fields={
        "assessment_actual_start_date": FactField(
            _DATE, required=True, description="AssessmentActualStartDate"
        ),
    },
)
def write_assessment_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Assessment:
    """Start an assessment in the child's open episode."""
    return services.assessment_start(
        actor=actor,
        episode=open_episode(child),
        actual_start_date=required_date(values, "assessment_actual_start_date"),
        reason=reason_of(context, "Assessment started"),
        source_step=step_of(context),
    )


@register_fact(
    "assessment_complete",
    description="A manager authorises the child's open assessment: end date, factors, outcome.",
    fields={
        "assessment_authorisation_date": FactField(
            _DATE, required=True, description="AssessmentAuthorisationDate"
        ),
        "assessment_factors": FactField(
            _CODES,
            required=True,
            codes=tuple(AssessmentFactor.values),
            description="AssessmentFactors",
        ),
        "assessment_outcome": FactField(
            _CODE, required=True, codes=tuple(AssessmentOutcome.values)
        ),
        "primary_need_code": FactField(
            _CODE, codes=tuple(PrimaryNeedCode.values), description="PrimaryNeedCode"
        ),
    },
)
def write_assessment_complete(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Assessment:
    """Authorise the open assessment; `actor` is the authorising manager."""
    assessment = Assessment.objects.filter(
        episode=open_episode(child), authorisation_date__isnull=True
    ).first()
    if assessment is None:
        raise ValidationError({"assessment": "The child has no assessment in progress."})
    return services.assessment_complete(
        actor=actor,
        assessment=assessment,
        authorisation_date=required_date(values, "assessment_authorisation_date"),
        factors=codes_value(values, "assessment_factors", AssessmentFactor.values),
        outcome=code_value(values, "assessment_outcome", AssessmentOutcome.values),
        primary_need_code=code_value(
            values, "primary_need_code", PrimaryNeedCode.values, required=False
        ),
        reason=reason_of(context, "Assessment authorised"),
    )


@register_fact(
    "strategy_discussion",
    description="A strategy discussion, and whether it decided on a s47 enquiry.",
    fields={
        "strategy_discussion_date": FactField(_DATE, required=True),
        "agencies": FactField(_CODES, required=True, codes=tuple(Agency.values)),
        "s47_required": FactField(_BOOLEAN, required=True),
        "rationale": FactField(_TEXT),
    },
)
def write_strategy_discussion(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> StrategyDiscussion:
    """Record a strategy discussion in the child's open episode."""
    return services.strategy_discussion_record(
        actor=actor,
        episode=open_episode(child),
        held_on=required_date(values, "strategy_discussion_date"),
        agencies=codes_value(values, "agencies", Agency.values),
        s47_required=required_bool(values, "s47_required"),
        rationale=text_value(values, "rationale"),
        reason=reason_of(context, "Strategy discussion recorded"),
        source_step=step_of(context),
    )


@register_fact(
    "s47_start",
    description=(
        "A s47 enquiry starts, initiated by the latest strategy discussion that decided on one; "
        "the ICPC is due 15 working days after that discussion."
    ),
    fields={
        "s47_actual_start_date": FactField(_DATE, required=True, description="S47ActualStartDate"),
    },
)
def write_s47_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Section47Enquiry:
    """Start the s47 enquiry initiated by the child's latest discussion deciding on one."""
    discussion = (
        StrategyDiscussion.objects.filter(
            episode=open_episode(child), s47_required=True, section47__isnull=True
        )
        .order_by("-held_on", "-pk")
        .first()
    )
    if discussion is None:
        raise ValidationError(
            {"strategy_discussion": "No strategy discussion has decided on a s47 enquiry."}
        )
    return services.section47_start(
        actor=actor,
        strategy_discussion=discussion,
        actual_start_date=required_date(values, "s47_actual_start_date"),
        reason=reason_of(context, "Section 47 enquiry started"),
        source_step=step_of(context),
    )


@register_fact(
    "s47_outcome",
    description="The outcome of the child's open s47 enquiry: is an ICPC needed?",
    fields={
        "s47_end_date": FactField(_DATE, required=True),
        "icpc_not_required": FactField(_BOOLEAN, required=True, description="ICPCnotRequired"),
        "rationale": FactField(_TEXT),
    },
)
def write_s47_outcome(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Section47Enquiry:
    """Conclude the child's open s47 enquiry."""
    enquiry = Section47Enquiry.objects.filter(
        episode=open_episode(child), completed_on__isnull=True
    ).first()
    if enquiry is None:
        raise ValidationError({"section47": "The child has no s47 enquiry in progress."})
    return services.section47_complete(
        actor=actor,
        enquiry=enquiry,
        completed_on=required_date(values, "s47_end_date"),
        icpc_required=not required_bool(values, "icpc_not_required"),
        rationale=text_value(values, "rationale"),
        reason=reason_of(context, "Section 47 enquiry concluded"),
    )


@register_fact(
    "icpc",
    description=(
        "An initial child protection conference, for the s47 enquiry that concluded one was "
        "needed; with a plan, the first review is due within 3 months."
    ),
    fields={
        "date_of_initial_cpc": FactField(_DATE, required=True, description="DateOfInitialCPC"),
        "conference_outcome": FactField(
            _CODE, required=True, codes=tuple(ConferenceOutcome.values)
        ),
    },
)
def write_icpc(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> ChildProtectionConference:
    """Record the ICPC for the child's latest s47 enquiry that needs one."""
    episode = open_episode(child)
    enquiry = (
        Section47Enquiry.objects.filter(
            episode=episode, icpc_required=True, initial_conference__isnull=True
        )
        .order_by("-actual_start_date", "-pk")
        .first()
    )
    return services.icpc_record(
        actor=actor,
        episode=episode,
        held_on=required_date(values, "date_of_initial_cpc"),
        outcome=code_value(values, "conference_outcome", ConferenceOutcome.values),
        section47=enquiry,
        reason=reason_of(context, "Initial child protection conference recorded"),
        source_step=step_of(context),
    )


@register_fact(
    "cp_plan_start",
    description=(
        "A child protection plan starts on the day of the ICPC that decided it; stores the "
        "number of previous plans and the first core group's due date (10 working days)."
    ),
    fields={
        "initial_category_of_abuse": FactField(
            _CODE,
            required=True,
            codes=tuple(CategoryOfAbuse.values),
            description="InitialCategoryOfAbuse",
        ),
        "cpp_start_date": FactField(
            _DATE, description="CPPstartDate; if given, must be the ICPC's date (rule 2885)"
        ),
    },
)
def write_cp_plan_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> ChildProtectionPlan:
    """Start the plan the child's latest ICPC decided on."""
    conference = (
        ChildProtectionConference.objects.filter(
            episode=open_episode(child),
            kind=ConferenceKind.INITIAL,
            outcome=ConferenceOutcome.PLAN,
            plan_started__isnull=True,
        )
        .order_by("-held_on", "-pk")
        .first()
    )
    if conference is None:
        raise ValidationError(
            {"conference": "No initial conference has decided on a plan for this child."}
        )
    if values.get("cpp_start_date") not in (None, ""):
        start = required_date(values, "cpp_start_date")
        if start != conference.held_on:
            raise ValidationError(
                {
                    "cpp_start_date": (
                        f"The plan starts on the day of the conference, "
                        f"{conference.held_on:%d %B %Y} (rule 2885)."
                    )
                }
            )
    return services.cp_plan_start(
        actor=actor,
        conference=conference,
        initial_category=code_value(values, "initial_category_of_abuse", CategoryOfAbuse.values),
        reason=reason_of(context, "Child protection plan started"),
        source_step=step_of(context),
    )


@register_fact(
    "cp_plan_end",
    description="The child's child protection plan ends.",
    fields={
        "cpp_end_date": FactField(_DATE, required=True, description="CPPendDate"),
        "cp_plan_end_reason": FactField(_CODE, required=True, codes=tuple(PlanEndReason.values)),
    },
)
def write_cp_plan_end(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> ChildProtectionPlan:
    """End the child's open plan."""
    return services.cp_plan_end(
        actor=actor,
        cp_plan=_open_cp_plan(child),
        end_date=required_date(values, "cpp_end_date"),
        end_reason=code_value(values, "cp_plan_end_reason", PlanEndReason.values),
        reason=reason_of(context, "Child protection plan ended"),
    )


@register_fact(
    "core_group",
    description="A core group meeting; the first is due 10 working days after the ICPC.",
    fields={
        "core_group_date": FactField(_DATE, required=True),
        "agencies": FactField(_CODES, codes=tuple(Agency.values)),
        "summary": FactField(_TEXT),
    },
)
def write_core_group(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CoreGroup:
    """Record a core group for the child's open plan."""
    return services.core_group_record(
        actor=actor,
        cp_plan=_open_cp_plan(child),
        held_on=required_date(values, "core_group_date"),
        agencies=codes_value(values, "agencies", Agency.values, required=False),
        summary=text_value(values, "summary"),
        reason=reason_of(context, "Core group recorded"),
        source_step=step_of(context),
    )


@register_fact(
    "rcpc",
    description=(
        "A review child protection conference; if the plan continues, the next review is due "
        "within 6 months of this one."
    ),
    fields={
        "cpp_review_date": FactField(_DATE, required=True, description="CPPreviewDate"),
        "conference_outcome": FactField(
            _CODE, required=True, codes=tuple(ConferenceOutcome.values)
        ),
        "latest_category_of_abuse": FactField(
            _CODE, codes=tuple(CategoryOfAbuse.values), description="LatestCategoryOfAbuse"
        ),
    },
)
def write_rcpc(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> ChildProtectionConference:
    """Record a review conference for the child's open plan."""
    return services.rcpc_record(
        actor=actor,
        cp_plan=_open_cp_plan(child),
        held_on=required_date(values, "cpp_review_date"),
        outcome=code_value(values, "conference_outcome", ConferenceOutcome.values),
        latest_category=code_value(
            values, "latest_category_of_abuse", CategoryOfAbuse.values, required=False
        ),
        reason=reason_of(context, "Review child protection conference recorded"),
        source_step=step_of(context),
    )


@register_fact(
    "cin_plan_start",
    description="A child in need plan starts.",
    fields={
        "cin_plan_start_date": FactField(_DATE, required=True, description="CINPlanStartDate"),
    },
)
def write_cin_plan_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CINPlan:
    """Start a child in need plan in the child's open episode."""
    return services.cin_plan_start(
        actor=actor,
        episode=open_episode(child),
        start_date=required_date(values, "cin_plan_start_date"),
        reason=reason_of(context, "Child in need plan started"),
        source_step=step_of(context),
    )


@register_fact(
    "cin_plan_review",
    description="A review of the child's child in need plan.",
    fields={
        "cin_plan_review_date": FactField(_DATE, required=True),
        "summary": FactField(_TEXT),
    },
)
def write_cin_plan_review(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CINPlanReview:
    """Record a review of the child's open CIN plan."""
    return services.cin_plan_review_record(
        actor=actor,
        cin_plan=_open_cin_plan(child),
        held_on=required_date(values, "cin_plan_review_date"),
        summary=text_value(values, "summary"),
        reason=reason_of(context, "Child in need plan reviewed"),
        source_step=step_of(context),
    )


@register_fact(
    "cin_plan_end",
    description="The child's child in need plan ends.",
    fields={
        "cin_plan_end_date": FactField(_DATE, required=True, description="CINPlanEndDate"),
    },
)
def write_cin_plan_end(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CINPlan:
    """End the child's open CIN plan."""
    return services.cin_plan_end(
        actor=actor,
        cin_plan=_open_cin_plan(child),
        end_date=required_date(values, "cin_plan_end_date"),
        reason=reason_of(context, "Child in need plan ended"),
    )


@register_fact(
    "visit",
    description=(
        "A visit to the child: seen, seen alone, bedroom seen. Siblings visited in the same "
        "step share one visit group, each with their own record."
    ),
    fields={
        "visit_kind": FactField(_CODE, required=True, codes=tuple(VisitKind.values)),
        "visit_date_time": FactField(_DATETIME, required=True),
        "child_seen": FactField(_BOOLEAN, required=True),
        "seen_alone": FactField(_BOOLEAN, required=True),
        "bedroom_seen": FactField(_BOOLEAN),
        "present": FactField(_TEXT, description="Who was present"),
        "summary": FactField(_TEXT),
    },
)
def write_visit(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Visit:
    """Record the visit for this child, in the step's visit group if a sibling's is recorded."""
    step = step_of(context)
    kind = code_value(values, "visit_kind", VisitKind.values)
    occurred_at = required_datetime(values, "visit_date_time")
    # A visit to a sibling group is recorded once (casework `visit_record`) before each child's
    # visit step is completed: the step finds the child's copy instead of writing another.
    recorded = Visit.objects.filter(child=child, kind=kind, occurred_at=occurred_at).first()
    if recorded is not None:
        return recorded
    sibling_visit = Visit.objects.filter(source_step=step).first() if step else None
    [visit] = services.visit_record(
        actor=actor,
        kind=kind,
        occurred_at=occurred_at,
        children=[
            services.VisitedChild(
                child=child,
                child_seen=required_bool(values, "child_seen"),
                seen_alone=required_bool(values, "seen_alone"),
                bedroom_seen=bool_value(values, "bedroom_seen", required=False),
            )
        ],
        present=text_value(values, "present"),
        summary=text_value(values, "summary"),
        visit_group=sibling_visit.visit_group if sibling_visit else None,
        reason=reason_of(context, "Visit recorded"),
        source_step=step,
    )
    return visit


@register_fact(
    "case_closure",
    description="The child's CIN episode closes; everything in it must be finished first.",
    fields={
        "cin_closure_date": FactField(_DATE, required=True, description="CINclosureDate"),
        "reason_for_closure": FactField(
            _CODE,
            required=True,
            codes=tuple(ReasonForClosure.values),
            description="ReasonForClosure",
        ),
    },
)
def write_case_closure(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CINEpisode:
    """Close the child's open episode (or their open no-further-action referral)."""
    episode = (
        CINEpisode.objects.filter(child=child, closure_date__isnull=True)
        .order_by("referral_nfa", "-referral_date")
        .first()
    )
    if episode is None:
        raise ValidationError({"episode": "The child has no open CIN episode to close."})
    return services.cin_episode_close(
        actor=actor,
        episode=episode,
        closure_date=required_date(values, "cin_closure_date"),
        reason_for_closure=code_value(values, "reason_for_closure", ReasonForClosure.values),
        reason=reason_of(context, "CIN episode closed"),
    )
