"""Statutory facts the looked-after record registers with the practice engine.

Field names are the SSDA903 item names in lower case where there is one (`decom`, `ls`, `place`,
`place_provider`, `review_code`, `mis_start`, `date_int`, ...). Each writer finds what the fact
applies to from the child's record (the open period of care, the open missing episode, the
decision to place for adoption) and raises a `ValidationError` naming what is missing when there
is none. The writers call `hearth.lookedafter.services`, so every rule a page applies applies to
a practice model too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from hearth.frontdoor.fact_values import (
    bool_value,
    code_value,
    date_value,
    datetime_value,
    int_of,
    reason_of,
    required_bool,
    required_date,
    required_datetime,
    text_value,
)
from hearth.lookedafter import services
from hearth.lookedafter.codes import (
    ACCOMMODATION_CHOICES,
    CEASING_REASONS,
    Activity,
    CategoryOfNeed,
    HealthAssessmentKind,
    InTouch,
    LegalStatusCode,
    LegalStatusOfAdopters,
    MissingKind,
    PlacementProvider,
    PlacementType,
    ReasonPlaceChange,
    ReviewParticipation,
    SexOfAdopters,
)
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    HealthAssessment,
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
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.practice.facts import FactField, FactFieldType, register_fact

_DATE = FactFieldType.DATE
_DATETIME = FactFieldType.DATETIME
_TEXT = FactFieldType.TEXT
_CODE = FactFieldType.CODE
_BOOLEAN = FactFieldType.BOOLEAN
_INTEGER = FactFieldType.INTEGER

_Values = Mapping[str, Any]

_PLACEMENT_FIELDS = {
    "place": FactField(
        _CODE, required=True, codes=tuple(PlacementType.values), description="PLACE"
    ),
    "place_provider": FactField(
        _CODE, codes=tuple(PlacementProvider.values), description="PLACE_PROVIDER"
    ),
    "carer_name": FactField(_TEXT, required=True, description="Carer's or setting's name"),
    "urn": FactField(_TEXT, description="URN: Ofsted unique reference number"),
    "address": FactField(_TEXT),
    "pl_post": FactField(_TEXT, description="PL_POST: placement postcode"),
    "intended_until_18": FactField(_BOOLEAN, description="Placement meant to last until 18"),
}


def open_period(child: Person) -> PeriodOfCare:
    """The child's open period of care."""
    period = PeriodOfCare.objects.filter(child=child, ended_on__isnull=True).first()
    if period is None:
        raise ValidationError({"period": "The child is not looked after."})
    return period


def _placement_details(values: _Values) -> services.PlacementDetails:
    return services.PlacementDetails(
        placement_type=code_value(values, "place", PlacementType.values),
        provider=code_value(values, "place_provider", PlacementProvider.values, required=False),
        carer_name=text_value(values, "carer_name", required=True),
        ofsted_urn=text_value(values, "urn"),
        address=text_value(values, "address"),
        postcode=text_value(values, "pl_post"),
        intended_until_18=bool(bool_value(values, "intended_until_18", required=False)),
    )


def _renamed(error: ValidationError, names: Mapping[str, str]) -> ValidationError:
    """A service's field error keyed by the fact's field name instead."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(key, key): messages for key, messages in error.message_dict.items()}
    )


_PLACEMENT_NAMES = {
    "placement_type": "place",
    "provider": "place_provider",
    "ofsted_urn": "urn",
    "postcode": "pl_post",
}


@register_fact(
    "period_of_care_start",
    description="The child becomes looked after: period of care, legal status, first placement.",
    fields={
        "decom": FactField(_DATE, required=True, description="DECOM of the first episode"),
        "cin": FactField(
            _CODE, required=True, codes=tuple(CategoryOfNeed.values), description="CIN"
        ),
        "ls": FactField(
            _CODE, required=True, codes=tuple(LegalStatusCode.values), description="LS"
        ),
        "home_post": FactField(_TEXT, description="HOME_POST: the child's home postcode"),
        **_PLACEMENT_FIELDS,
    },
)
def write_period_of_care_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> PeriodOfCare:
    """Bring the child into care."""
    try:
        return services.care_start(
            actor=actor,
            child=child,
            started_on=required_date(values, "decom"),
            category_of_need=code_value(values, "cin", CategoryOfNeed.values),
            legal_status=code_value(values, "ls", LegalStatusCode.values),
            placement=_placement_details(values),
            home_postcode=text_value(values, "home_post"),
            reason=reason_of(context, "Became looked after"),
        )
    except ValidationError as error:
        raise _renamed(
            error,
            {**_PLACEMENT_NAMES, "started_on": "decom", "home_postcode": "home_post"},
        ) from error


@register_fact(
    "legal_status",
    description="The child's legal status changes (a new 903 episode, RNE L, B or U).",
    fields={
        "ls": FactField(
            _CODE, required=True, codes=tuple(LegalStatusCode.values), description="LS"
        ),
        "start_date": FactField(_DATE, required=True, description="Date the new status starts"),
    },
)
def write_legal_status(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> LegalStatus:
    """Change the legal status in the open period of care."""
    try:
        return services.legal_status_change(
            actor=actor,
            period=open_period(child),
            started_on=required_date(values, "start_date"),
            code=code_value(values, "ls", LegalStatusCode.values),
            reason=reason_of(context, "Legal status changed"),
        )
    except ValidationError as error:
        raise _renamed(error, {"started_on": "start_date", "code": "ls"}) from error


@register_fact(
    "placement_start",
    description="The child moves to a new placement (a new 903 episode, RNE P or T).",
    fields={
        "start_date": FactField(_DATE, required=True, description="Date the placement starts"),
        "same_carer": FactField(_BOOLEAN, description="Same carers as before (RNE T)"),
        "reason_place_change": FactField(
            _CODE, codes=tuple(ReasonPlaceChange.values), description="REASON_PLACE_CHANGE"
        ),
        **_PLACEMENT_FIELDS,
    },
)
def write_placement_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Placement:
    """Change placement in the open period of care; the current one ends that day."""
    try:
        return services.placement_change(
            actor=actor,
            period=open_period(child),
            started_on=required_date(values, "start_date"),
            placement=_placement_details(values),
            same_carer_as_previous=bool(bool_value(values, "same_carer", required=False)),
            reason_for_change=code_value(
                values, "reason_place_change", ReasonPlaceChange.values, required=False
            ),
            reason=reason_of(context, "Placement changed"),
        )
    except ValidationError as error:
        raise _renamed(
            error,
            {
                **_PLACEMENT_NAMES,
                "started_on": "start_date",
                "reason_for_change": "reason_place_change",
            },
        ) from error


@register_fact(
    "placement_plan",
    description="The placement plan for the current placement is agreed (due in 5 working days).",
    fields={"agreed_on": FactField(_DATE, required=True)},
)
def write_placement_plan(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> Placement:
    """Record the current placement's plan."""
    placement = Placement.objects.filter(period=open_period(child), ended_on__isnull=True).get()
    return services.placement_plan_record(
        actor=actor,
        placement=placement,
        agreed_on=required_date(values, "agreed_on"),
        reason=reason_of(context, "Placement plan agreed"),
    )


@register_fact(
    "lac_review",
    description="A looked-after child review is held (903 Reviews).",
    fields={
        "review": FactField(_DATE, required=True, description="REVIEW"),
        "review_code": FactField(
            _CODE, required=True, codes=tuple(ReviewParticipation.values), description="REVIEW_CODE"
        ),
    },
)
def write_lac_review(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> LACReview:
    """Record a review in the open period of care."""
    try:
        return services.review_record(
            actor=actor,
            period=open_period(child),
            held_on=required_date(values, "review"),
            participation=code_value(values, "review_code", ReviewParticipation.values),
            reason=reason_of(context, "Review held"),
        )
    except ValidationError as error:
        raise _renamed(error, {"held_on": "review", "participation": "review_code"}) from error


@register_fact(
    "lac_visit",
    description="A statutory visit to the looked-after child (reg 28).",
    fields={
        "visit_date": FactField(_DATE, required=True),
        "seen": FactField(_BOOLEAN, required=True),
        "seen_alone": FactField(_BOOLEAN),
    },
)
def write_lac_visit(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> StatutoryVisit:
    """Record a visit in the open period of care."""
    try:
        return services.visit_record(
            actor=actor,
            period=open_period(child),
            visited_on=required_date(values, "visit_date"),
            seen=required_bool(values, "seen"),
            seen_alone=bool(bool_value(values, "seen_alone", required=False)),
            reason=reason_of(context, "Statutory visit"),
        )
    except ValidationError as error:
        raise _renamed(error, {"visited_on": "visit_date"}) from error


@register_fact(
    "health_assessment",
    description="An initial or review health assessment is completed (OC2 HEALTH_ASSESSMENT).",
    fields={
        "completed_on": FactField(_DATE, required=True),
        "kind": FactField(_CODE, codes=tuple(HealthAssessmentKind.values)),
    },
)
def write_health_assessment(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> HealthAssessment:
    """Record a health assessment (initial or review worked out when not given)."""
    return services.health_assessment_record(
        actor=actor,
        child=child,
        completed_on=required_date(values, "completed_on"),
        kind=code_value(values, "kind", HealthAssessmentKind.values, required=False),
        reason=reason_of(context, "Health assessment"),
    )


@register_fact(
    "missing_episode",
    description="The child goes missing (M) or is away without authorisation (A).",
    fields={
        "missing": FactField(_CODE, required=True, codes=tuple(MissingKind.values)),
        "mis_start": FactField(_DATETIME, required=True, description="MIS_START"),
        "mis_end": FactField(_DATETIME, description="MIS_END"),
    },
)
def write_missing_episode(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> MissingEpisode:
    """Record a missing episode, or end the child's open one when only `mis_end` is new."""
    try:
        return services.missing_episode_record(
            actor=actor,
            child=child,
            kind=code_value(values, "missing", MissingKind.values),
            started_at=required_datetime(values, "mis_start"),
            ended_at=datetime_value(values, "mis_end", required=False),
            reason=reason_of(context, "Missing episode"),
        )
    except ValidationError as error:
        raise _renamed(
            error, {"kind": "missing", "started_at": "mis_start", "ended_at": "mis_end"}
        ) from error


def _latest_returned_episode(child: Person) -> MissingEpisode:
    episode = (
        MissingEpisode.objects.filter(
            child=child, ended_at__isnull=False, return_interview__isnull=True
        )
        .order_by("-ended_at")
        .first()
    )
    if episode is None:
        raise ValidationError(
            {"episode": "The child has no ended missing episode awaiting a return interview."}
        )
    return episode


@register_fact(
    "return_interview",
    description="The return home interview is offered (within 72 hours), accepted or not.",
    fields={
        "offered_at": FactField(_DATETIME, required=True),
        "accepted": FactField(_BOOLEAN, required=True),
        "held_on": FactField(_DATE),
    },
)
def write_return_interview(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> ReturnInterview:
    """Record the return interview for the child's latest ended missing episode without one."""
    return services.return_interview_record(
        actor=actor,
        episode=_latest_returned_episode(child),
        offered_at=required_datetime(values, "offered_at"),
        accepted=required_bool(values, "accepted"),
        held_on=date_value(values, "held_on", required=False),
        reason=reason_of(context, "Return interview"),
    )


@register_fact(
    "pathway_plan",
    description="A care leaver's pathway plan is prepared or reviewed (at most 6 months apart).",
    fields={"completed_on": FactField(_DATE, required=True)},
)
def write_pathway_plan(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> PathwayPlan:
    """Record a pathway plan or its review."""
    return services.pathway_plan_record(
        actor=actor,
        child=child,
        completed_on=required_date(values, "completed_on"),
        reason=reason_of(context, "Pathway plan"),
    )


@register_fact(
    "care_leaver_contact",
    description="Contact around the 17th to 21st birthday (903 OC3).",
    fields={
        "contact_date": FactField(_DATE, required=True),
        "birthday_age": FactField(_INTEGER, required=True, description="17 to 21"),
        "in_touch": FactField(_CODE, required=True, codes=tuple(InTouch.values)),
        "activ": FactField(_CODE, codes=tuple(Activity.values), description="ACTIV"),
        "accom": FactField(
            _CODE, codes=tuple(code for code, _ in ACCOMMODATION_CHOICES), description="ACCOM"
        ),
    },
)
def write_care_leaver_contact(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> CareLeaverContact:
    """Record the OC3 contact for one birthday."""
    try:
        age = int(values.get("birthday_age") or 0)
    except (TypeError, ValueError) as error:
        raise ValidationError({"birthday_age": "Enter a number from 17 to 21."}) from error
    try:
        return services.care_leaver_contact_record(
            actor=actor,
            child=child,
            contacted_on=required_date(values, "contact_date"),
            birthday_age=age,
            in_touch=code_value(values, "in_touch", InTouch.values),
            activity=code_value(values, "activ", Activity.values, required=False),
            accommodation=code_value(
                values, "accom", [code for code, _ in ACCOMMODATION_CHOICES], required=False
            ),
            reason=reason_of(context, "Care leaver contact"),
        )
    except ValidationError as error:
        raise _renamed(
            error, {"contacted_on": "contact_date", "activity": "activ", "accommodation": "accom"}
        ) from error


@register_fact(
    "adoption_decision",
    description="The decision that the child should be placed for adoption (DATE_INT).",
    fields={"date_int": FactField(_DATE, required=True, description="DATE_INT / DATE_PLACED")},
)
def write_adoption_decision(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> AdoptionDecision:
    """Record the decision to place for adoption."""
    try:
        return services.adoption_decision_record(
            actor=actor,
            child=child,
            decided_on=required_date(values, "date_int"),
            reason=reason_of(context, "Should be placed for adoption"),
        )
    except ValidationError as error:
        raise _renamed(error, {"decided_on": "date_int"}) from error


def _open_decision(child: Person) -> AdoptionDecision:
    decision = AdoptionDecision.objects.filter(child=child, ceased_on__isnull=True).first()
    if decision is None:
        raise ValidationError({"decision": "There is no decision to place for adoption."})
    return decision


@register_fact(
    "adoption_match",
    description="The child is matched with prospective adopters (DATE_MATCH and adopters).",
    fields={
        "date_match": FactField(_DATE, required=True, description="DATE_MATCH"),
        "nb_adoptr": FactField(_INTEGER, required=True, description="NB_ADOPTR"),
        "sex_adoptr": FactField(_CODE, required=True, codes=tuple(SexOfAdopters.values)),
        "ls_adoptr": FactField(_CODE, required=True, codes=tuple(LegalStatusOfAdopters.values)),
        "foster_care": FactField(_BOOLEAN, required=True, description="FOSTER_CARE"),
    },
)
def write_adoption_match(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> AdoptionMatch:
    """Record the match against the decision to place in force."""
    try:
        number = int(values.get("nb_adoptr") or 0)
    except (TypeError, ValueError) as error:
        raise ValidationError({"nb_adoptr": "Enter 1 or 2."}) from error
    try:
        return services.adoption_match_record(
            actor=actor,
            decision=_open_decision(child),
            matched_on=required_date(values, "date_match"),
            number_of_adopters=number,
            sex_of_adopters=code_value(values, "sex_adoptr", SexOfAdopters.values),
            legal_status_of_adopters=code_value(values, "ls_adoptr", LegalStatusOfAdopters.values),
            by_foster_carers=required_bool(values, "foster_care"),
            reason=reason_of(context, "Matched with adopters"),
        )
    except ValidationError as error:
        raise _renamed(
            error,
            {
                "matched_on": "date_match",
                "number_of_adopters": "nb_adoptr",
                "sex_of_adopters": "sex_adoptr",
                "legal_status_of_adopters": "ls_adoptr",
            },
        ) from error


@register_fact(
    "adoption_placement",
    description="The child moves in with the matched adopters.",
    fields={"placed_on": FactField(_DATE, required=True)},
)
def write_adoption_placement(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> AdoptionMatch:
    """Record the day the child was placed with the latest match's adopters."""
    match = (
        AdoptionMatch.objects.filter(decision=_open_decision(child)).order_by("-matched_on").first()
    )
    if match is None:
        raise ValidationError({"match": "The child has not been matched with adopters."})
    return services.adoption_placement_record(
        actor=actor,
        match=match,
        placed_on=required_date(values, "placed_on"),
        reason=reason_of(context, "Placed for adoption"),
    )


@register_fact(
    "cease_care",
    description="The child leaves care (the period of care ends with a 903 REC E-code).",
    fields={
        "dec": FactField(_DATE, required=True, description="DEC of the last episode"),
        "rec": FactField(
            _CODE,
            required=True,
            codes=tuple(code for code, _ in CEASING_REASONS),
            description="REC",
        ),
    },
)
def write_cease_care(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> PeriodOfCare:
    """End the open period of care."""
    try:
        return services.care_cease(
            actor=actor,
            period=open_period(child),
            ended_on=required_date(values, "dec"),
            reason_ceased=code_value(values, "rec", [code for code, _ in CEASING_REASONS]),
            reason=reason_of(context, "Left care"),
        )
    except ValidationError as error:
        raise _renamed(error, {"ended_on": "dec", "reason_ceased": "rec"}) from error


@register_fact(
    "leaving_care_start",
    description="Leaving-care support starts with a personal adviser.",
    fields={
        "start_date": FactField(_DATE, required=True),
        "personal_adviser_id": FactField(_INTEGER, required=True),
        "support_to_25": FactField(_BOOLEAN),
    },
)
def write_leaving_care_start(
    *, actor: Worker, child: Person, values: _Values, context: Mapping[str, Any]
) -> LeavingCareSupport:
    """Start leaving-care support."""
    adviser_id = int_of(values, "personal_adviser_id")
    adviser = Worker.objects.filter(pk=adviser_id).first() if adviser_id else None
    if adviser is None:
        raise ValidationError({"personal_adviser_id": "Choose the personal adviser."})
    try:
        return services.leaving_care_start(
            actor=actor,
            child=child,
            personal_adviser=adviser,
            started_on=required_date(values, "start_date"),
            support_to_25=bool(bool_value(values, "support_to_25", required=False)),
            reason=reason_of(context, "Leaving-care support started"),
        )
    except ValidationError as error:
        raise _renamed(error, {"started_on": "start_date"}) from error
