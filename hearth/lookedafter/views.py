"""Looked-after pages: the child's "Looked after" page and the forms that record their care.

Thin: every page loads the child with `access_person` (purpose CASEWORK, so the view is logged),
parses a form, calls one service and redirects back to the child's page. A service's field error
is shown beside the field it names, with everything typed kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.access.access import access_person
from hearth.audit.models import AccessPurpose
from hearth.lookedafter import services
from hearth.lookedafter.duties import ordinal
from hearth.lookedafter.forms import (
    AdoptionDecisionForm,
    AdoptionMatchForm,
    AdoptionPlacementForm,
    AdoptionReverseForm,
    CareLeaverContactForm,
    CareStartForm,
    CeaseForm,
    ConvictionForm,
    DoLOEndForm,
    DoLOStartForm,
    HealthAssessmentForm,
    HealthCheckForm,
    LeavingCareForm,
    LegalStatusForm,
    MissingForm,
    PathwayPlanForm,
    PermanenceOrderForm,
    PersonalAdviserForm,
    PlacementChangeForm,
    PlansForm,
    PreviousPermanenceForm,
    ReturnInterviewForm,
    ReviewForm,
    SDQForm,
    StayingPutEndForm,
    StayingPutForm,
    SubstanceMisuseForm,
    UASCForm,
    VisitForm,
    error_summary,
    govuk_fields,
)
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    DeprivationOfLibertyOrder,
    LeavingCareSupport,
    MissingEpisode,
    PeriodOfCare,
    StayingPut,
    UASCStatus,
)
from hearth.lookedafter.selectors import (
    current_legal_status,
    current_placement,
    looked_after_record,
    open_period,
)
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.ui.requests import current_worker

Handler = Callable[[dict[str, Any]], str]


def _child(request: HttpRequest, child_id: int) -> tuple[Worker, Person]:
    worker = current_worker(request)
    child = access_person(worker, child_id, purpose=AccessPurpose.CASEWORK, path=request.path)
    return worker, child


def _period(child: Person) -> PeriodOfCare:
    period = open_period(child=child)
    if period is None:
        raise Http404("The child is not looked after")
    return period


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted form, even an empty one; None when the page is only being shown."""
    return request.POST if request.method == "POST" else None


def _child_url(child: Person) -> str:
    return reverse("lookedafter:child", args=[child.pk])


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _form_page(
    request: HttpRequest,
    *,
    child: Person,
    form: forms.Form,
    title: str,
    handler: Handler,
    button: str,
    field_names: Mapping[str, str] | None = None,
    intro: str = "",
) -> HttpResponse:
    """Show `form`; on a valid POST call `handler`, then go back to the child's page.

    `handler` returns the success message. A `ValidationError` from the service is shown against
    the form field it names (`field_names` maps service names to form names); anything else is
    shown at the top of the page.
    """
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction, so a page that calls two services saves both or neither.
            with transaction.atomic():
                message = handler(form.cleaned_data)
        except ValidationError as error:
            names = field_names or {}
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    target = names.get(name, name)
                    form.add_error(target if target in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, message)
            return redirect(_child_url(child))
    return render(
        request,
        "lookedafter/form.html",
        {
            "page_title": ("Error: " if form.errors else "") + title,
            "title": title,
            "intro": intro,
            "child": child,
            "fields": govuk_fields(form),
            "summary": error_summary(form),
            "non_field_errors": form.non_field_errors(),
            "button": button,
            "back": _child_url(child),
        },
    )


def child_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's "Looked after" page: care history, episodes, duties, care leaving, adoption."""
    _, child = _child(request, child_id)
    today = timezone.localdate()
    record = looked_after_record(child=child, today=today)
    current = record.current
    return render(
        request,
        "lookedafter/child.html",
        {
            "page_title": f"Looked after: {child.full_name}",
            "child": child,
            "record": record,
            "today": today,
            "placement": current_placement(period=current) if current else None,
            "legal_status": current_legal_status(period=current) if current else None,
        },
    )


def _placement_details(data: Mapping[str, Any]) -> services.PlacementDetails:
    return services.PlacementDetails(
        placement_type=data["placement_type"],
        provider=data["provider"],
        carer_name=data["carer_name"],
        ofsted_urn=data["ofsted_urn"],
        address=data["address"],
        postcode=data["postcode"],
        intended_until_18=data["intended_until_18"],
        placement_plan_on=data["placement_plan_on"],
        visit_schedule=data["visit_schedule"],
    )


def care_start_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Bring a child into care: the legal status and the first placement."""
    worker, child = _child(request, child_id)
    address = child.addresses.filter(ended_on__isnull=True).first()
    initial = {"home_postcode": address.postcode if address else ""}
    form = CareStartForm(_posted(request), initial=initial)

    def handle(data: dict[str, Any]) -> str:
        period = services.care_start(
            actor=worker,
            child=child,
            started_on=data["started_on"],
            category_of_need=data["category_of_need"],
            legal_status=data["legal_status"],
            placement=_placement_details(data),
            home_postcode=data["home_postcode"],
            reason="Child became looked after",
        )
        if data["care_plan_on"] is not None:
            services.care_plan_record(
                actor=worker, period=period, agreed_on=data["care_plan_on"], reason="Care plan"
            )
        started = period.started_on
        return f"{child.full_name} is looked after from {started.day} {started:%B %Y}"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Bring a child into care",
        handler=handle,
        button="Bring into care",
        field_names={"agreed_on": "care_plan_on"},
    )


def placement_change_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Change placement, with the reason for the change."""
    worker, child = _child(request, child_id)
    period = _period(child)
    form = PlacementChangeForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        placement = services.placement_change(
            actor=worker,
            period=period,
            started_on=data["started_on"],
            placement=_placement_details(data),
            same_carer_as_previous=data["same_carer_as_previous"] == "yes",
            reason_for_change=data["reason_for_change"],
            reason="Placement changed",
        )
        return f"Placement changed to {placement.carer_name}"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Change placement",
        handler=handle,
        button="Change placement",
    )


def legal_status_change_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Change the child's legal status."""
    worker, child = _child(request, child_id)
    period = _period(child)
    form = LegalStatusForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        status = services.legal_status_change(
            actor=worker,
            period=period,
            started_on=data["started_on"],
            code=data["code"],
            reason="Legal status changed",
        )
        return f"Legal status changed to {status.code}"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Change legal status",
        handler=handle,
        button="Change legal status",
    )


def review_record_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a looked-after child review."""
    worker, child = _child(request, child_id)
    period = _period(child)
    form = ReviewForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        review = services.review_record(
            actor=worker,
            period=period,
            held_on=data["held_on"],
            participation=data["participation"],
            reason="Review recorded",
        )
        return f"Review on {review.held_on.day} {review.held_on:%B %Y} recorded"

    return _form_page(
        request, child=child, form=form, title="Record a review", handler=handle, button="Save"
    )


def visit_record_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a statutory visit."""
    worker, child = _child(request, child_id)
    period = _period(child)
    form = VisitForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        visit = services.visit_record(
            actor=worker,
            period=period,
            visited_on=data["visited_on"],
            seen=data["seen"],
            seen_alone=data["seen_alone"],
            reason="Statutory visit recorded",
        )
        return f"Visit on {visit.visited_on.day} {visit.visited_on:%B %Y} recorded"

    return _form_page(
        request, child=child, form=form, title="Record a visit", handler=handle, button="Save"
    )


def health_assessment_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a health assessment."""
    worker, child = _child(request, child_id)
    form = HealthAssessmentForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        assessment = services.health_assessment_record(
            actor=worker,
            child=child,
            completed_on=data["completed_on"],
            kind=data["kind"],
            reason="Health assessment recorded",
        )
        return f"{assessment.get_kind_display()} recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record a health assessment",
        handler=handle,
        button="Save",
    )


def missing_record_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a missing (or away from placement) episode."""
    worker, child = _child(request, child_id)
    form = MissingForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        ended_at = (
            _at(data["ended_on"], data["ended_time"])
            if data["ended_on"] and data["ended_time"]
            else None
        )
        services.missing_episode_record(
            actor=worker,
            child=child,
            kind=data["kind"],
            started_at=_at(data["started_on"], data["started_time"]),
            ended_at=ended_at,
            reason="Missing episode recorded",
        )
        return "Missing episode recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record a missing episode",
        handler=handle,
        button="Save",
        field_names={"started_at": "started_on", "ended_at": "ended_on"},
    )


def return_interview_view(request: HttpRequest, child_id: int, episode_id: int) -> HttpResponse:
    """Record the return home interview offered after a missing episode."""
    worker, child = _child(request, child_id)
    episode = MissingEpisode.objects.filter(pk=episode_id, child=child).first()
    if episode is None:
        raise Http404("No such missing episode")
    form = ReturnInterviewForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.return_interview_record(
            actor=worker,
            episode=episode,
            offered_at=_at(data["offered_on"], data["offered_time"]),
            accepted=data["accepted"] == "yes",
            held_on=data["held_on"],
            reason="Return interview recorded",
        )
        return "Return interview recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record the return home interview",
        handler=handle,
        button="Save",
        field_names={"offered_at": "offered_on"},
    )


def care_cease_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child leaves care, with the reason."""
    worker, child = _child(request, child_id)
    period = _period(child)
    form = CeaseForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.care_cease(
            actor=worker,
            period=period,
            ended_on=data["ended_on"],
            reason_ceased=data["reason_ceased"],
            reason="Child left care",
        )
        # The service ends an open deprivation of liberty order with care (rule 707): say so.
        if child.dolos.filter(ended_on=data["ended_on"]).exists():
            return (
                f"{child.full_name} has left care. The deprivation of liberty order ended "
                "the same day"
            )
        return f"{child.full_name} has left care"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Cease care",
        handler=handle,
        button="Cease care",
    )


def leaving_care_start_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Start leaving-care support: personal adviser, and the pathway plan if there is one."""
    worker, child = _child(request, child_id)
    form = LeavingCareForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        adviser = Worker.objects.get(pk=int(data["personal_adviser"]))
        services.leaving_care_start(
            actor=worker,
            child=child,
            personal_adviser=adviser,
            started_on=data["started_on"],
            support_to_25=data["support_to_25"],
            reason="Leaving-care support started",
        )
        if data["pathway_plan_on"] is not None:
            services.pathway_plan_record(
                actor=worker,
                child=child,
                completed_on=data["pathway_plan_on"],
                reason="Pathway plan",
            )
        return "Leaving-care support started"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Start leaving-care support",
        handler=handle,
        button="Start support",
        field_names={"completed_on": "pathway_plan_on"},
    )


def pathway_plan_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a pathway plan or its review."""
    worker, child = _child(request, child_id)
    form = PathwayPlanForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        plan = services.pathway_plan_record(
            actor=worker, child=child, completed_on=data["completed_on"], reason="Pathway plan"
        )
        return "Pathway plan review recorded" if plan.is_review else "Pathway plan recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record a pathway plan",
        handler=handle,
        button="Save",
    )


def plans_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record the care plan, the placement plan, the IRO and the PEP, whichever were done."""
    worker, child = _child(request, child_id)
    period = _period(child)
    form = PlansForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        if data["care_plan_on"]:
            services.care_plan_record(
                actor=worker, period=period, agreed_on=data["care_plan_on"], reason="Care plan"
            )
        placement = current_placement(period=period)
        if data["placement_plan_on"] and placement is not None:
            services.placement_plan_record(
                actor=worker,
                placement=placement,
                agreed_on=data["placement_plan_on"],
                reason="Placement plan",
            )
        if data["iro"]:
            services.iro_allocate(
                actor=worker,
                period=period,
                iro=Worker.objects.get(pk=int(data["iro"])),
                allocated_on=data["iro_allocated_on"],
                reason="IRO appointed",
            )
        if data["pep_on"]:
            started = period.peps.exists()
            services.pep_record(
                actor=worker,
                period=period,
                kind="review" if started else "initial",
                completed_on=data["pep_on"],
                reason="Personal education plan",
            )
        return "Plans recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record plans, IRO and PEP",
        handler=handle,
        button="Save",
        field_names={"allocated_on": "iro_allocated_on", "completed_on": "pep_on"},
    )


# --- Health, offending and substance misuse (OC2) ---------------------------------------------


def sdq_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a strengths and difficulties questionnaire score, or why there is none."""
    worker, child = _child(request, child_id)
    form = SDQForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.sdq_record(
            actor=worker,
            child=child,
            completed_on=data["completed_on"],
            score=data["score"],
            no_score_reason=data["no_score_reason"],
            reason="SDQ recorded",
        )
        return "SDQ recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record an SDQ",
        handler=handle,
        button="Save",
        intro="The strengths and difficulties questionnaire is due yearly for a child aged 4 to 16 "
        "looked after for 12 months or more.",
    )


def health_check_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a dental check, an immunisation check or an under-5 development check."""
    worker, child = _child(request, child_id)
    form = HealthCheckForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        check = services.health_check_record(
            actor=worker,
            child=child,
            kind=data["kind"],
            checked_on=data["checked_on"],
            up_to_date=data["up_to_date"] != "no",
            reason="Health check recorded",
        )
        return f"{check.get_kind_display()} recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record a health check",
        handler=handle,
        button="Save",
    )


def conviction_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a conviction, final warning or reprimand."""
    worker, child = _child(request, child_id)
    form = ConvictionForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.conviction_record(
            actor=worker, child=child, convicted_on=data["convicted_on"], reason="Conviction"
        )
        return "Conviction recorded"

    return _form_page(
        request, child=child, form=form, title="Record a conviction", handler=handle, button="Save"
    )


def substance_misuse_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a substance misuse problem and the intervention offered and received."""
    worker, child = _child(request, child_id)
    form = SubstanceMisuseForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.substance_misuse_record(
            actor=worker,
            child=child,
            identified_on=data["identified_on"],
            intervention_offered=data["intervention_offered"] == "yes",
            intervention_received=data["intervention_received"] == "yes",
            reason="Substance misuse recorded",
        )
        return "Substance misuse recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record substance misuse",
        handler=handle,
        button="Save",
    )


# --- UASC and deprivation of liberty ----------------------------------------------------------


def uasc_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record that the child is an unaccompanied asylum-seeking child, or when that ceased."""
    worker, child = _child(request, child_id)
    current = UASCStatus.objects.filter(child=child).first()
    initial = {"ceased_on": current.ceased_on} if current and current.ceased_on else None
    form = UASCForm(_posted(request), initial=initial)

    def handle(data: dict[str, Any]) -> str:
        status = services.uasc_record(
            actor=worker, child=child, ceased_on=data["ceased_on"], reason="UASC status"
        )
        if status.ceased_on:
            return f"UASC status ceased on {status.ceased_on.day} {status.ceased_on:%B %Y}"
        return "Recorded as an unaccompanied asylum-seeking child"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Unaccompanied asylum-seeking child",
        handler=handle,
        button="Save",
        intro="Saving records the child as an unaccompanied asylum-seeking child. Give the date "
        "the status ceased when it has.",
    )


def dolo_start_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a deprivation of liberty order being made."""
    worker, child = _child(request, child_id)
    form = DoLOStartForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.dolo_start(
            actor=worker, child=child, started_on=data["started_on"], reason="DoLO made"
        )
        return "Deprivation of liberty order recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record a deprivation of liberty order",
        handler=handle,
        button="Save",
    )


def dolo_end_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record the end of the child's open deprivation of liberty order."""
    worker, child = _child(request, child_id)
    order = DeprivationOfLibertyOrder.objects.filter(child=child, ended_on__isnull=True).first()
    if order is None:
        raise Http404("No open deprivation of liberty order")
    form = DoLOEndForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.dolo_end(actor=worker, order=order, ended_on=data["ended_on"], reason="DoLO end")
        return "Deprivation of liberty order ended"

    return _form_page(
        request,
        child=child,
        form=form,
        title="End the deprivation of liberty order",
        handler=handle,
        button="Save",
        intro=f"The order made on {order.started_on.day} {order.started_on:%B %Y}.",
    )


# --- Adoption and permanence ------------------------------------------------------------------


def _decision_in_force(child: Person) -> AdoptionDecision:
    decision = AdoptionDecision.objects.filter(child=child, ceased_on__isnull=True).first()
    if decision is None:
        raise Http404("No decision to place for adoption is in force")
    return decision


def adoption_decision_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record the decision that the child should be placed for adoption."""
    worker, child = _child(request, child_id)
    form = AdoptionDecisionForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.adoption_decision_record(
            actor=worker, child=child, decided_on=data["decided_on"], reason="Should be placed"
        )
        return "Decision to place for adoption recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Decision to place for adoption",
        handler=handle,
        button="Save",
    )


def adoption_reverse_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record that the child should no longer be placed for adoption, and why."""
    worker, child = _child(request, child_id)
    decision = _decision_in_force(child)
    form = AdoptionReverseForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.adoption_decision_reverse(
            actor=worker,
            decision=decision,
            ceased_on=data["ceased_on"],
            reason_ceased=data["reason_ceased"],
            reason="Should no longer be placed",
        )
        return "The decision to place for adoption has been reversed"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Reverse the decision to place for adoption",
        handler=handle,
        button="Save",
        intro=f"The decision of {decision.decided_on.day} {decision.decided_on:%B %Y}.",
    )


def adoption_match_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record the match with prospective adopters and the adopters' details (903 AD1)."""
    worker, child = _child(request, child_id)
    decision = _decision_in_force(child)
    form = AdoptionMatchForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.adoption_match_record(
            actor=worker,
            decision=decision,
            matched_on=data["matched_on"],
            number_of_adopters=int(data["number_of_adopters"]),
            sex_of_adopters=data["sex_of_adopters"],
            legal_status_of_adopters=data["legal_status_of_adopters"],
            by_foster_carers=data["by_foster_carers"] == "yes",
            reason="Matched with adopters",
        )
        return "Match recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Match with prospective adopters",
        handler=handle,
        button="Save",
    )


def adoption_placement_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record the day the child moved in with the matched adopters."""
    worker, child = _child(request, child_id)
    match = (
        AdoptionMatch.objects.filter(
            decision__child=child, decision__ceased_on__isnull=True, placed_on__isnull=True
        )
        .order_by("-matched_on", "-id")
        .first()
    )
    if match is None:
        raise Http404("No match waiting for a placement")
    form = AdoptionPlacementForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.adoption_placement_record(
            actor=worker, match=match, placed_on=data["placed_on"], reason="Placed for adoption"
        )
        return "Placement for adoption recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Placed for adoption",
        handler=handle,
        button="Save",
        intro=f"With the adopters matched on {match.matched_on.day} {match.matched_on:%B %Y}. "
        "Record the A3 to A6 placement itself with Change placement.",
    )


def previous_permanence_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record permanence the child had before their latest period of care (903 PrevPerm)."""
    worker, child = _child(request, child_id)
    period = PeriodOfCare.objects.filter(child=child).order_by("-started_on").first()
    if period is None:
        raise Http404("The child has no period of care")
    form = PreviousPermanenceForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.previous_permanence_record(
            actor=worker,
            period=period,
            kind=data["kind"],
            arranged_by_la=data["arranged_by_la"],
            day=data["day"],
            month=data["month"],
            year=data["year"],
            reason="Previous permanence",
        )
        return "Previous permanence recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Previous permanence",
        handler=handle,
        button="Save",
        intro=f"Before the period of care from {period.started_on.day} "
        f"{period.started_on:%B %Y}. Give as much of the date as is known.",
    )


def permanence_order_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a special guardianship order or a child arrangements order."""
    worker, child = _child(request, child_id)
    form = PermanenceOrderForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        order = services.permanence_order_record(
            actor=worker,
            child=child,
            kind=data["kind"],
            made_on=data["made_on"],
            to_former_foster_carers=data["to_former_foster_carers"],
            to_relatives_or_friends=data["to_relatives_or_friends"],
            reason="Permanence order",
        )
        return f"{order.get_kind_display()} recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record a special guardianship or child arrangements order",
        handler=handle,
        button="Save",
    )


# --- Care leavers -----------------------------------------------------------------------------


def care_leaver_contact_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record contact around a birthday from 17 to 21 (903 OC3)."""
    worker, child = _child(request, child_id)
    age = request.GET.get("birthday", "")
    form = CareLeaverContactForm(_posted(request), initial={"birthday_age": age})

    def handle(data: dict[str, Any]) -> str:
        contact = services.care_leaver_contact_record(
            actor=worker,
            child=child,
            contacted_on=data["contacted_on"],
            birthday_age=int(data["birthday_age"]),
            in_touch=data["in_touch"],
            activity=data["activity"],
            accommodation=data["accommodation"],
            reason="Birthday contact",
        )
        return f"Contact around the {ordinal(contact.birthday_age)} birthday recorded"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Record contact around a birthday",
        handler=handle,
        button="Save",
        intro="The contact counts from 3 months before the birthday to 1 month after it. Saving "
        "again for the same birthday replaces what was recorded.",
    )


def staying_put_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a staying put arrangement with former foster carers."""
    worker, child = _child(request, child_id)
    form = StayingPutForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.staying_put_start(
            actor=worker,
            child=child,
            carer_name=data["carer_name"],
            started_on=data["started_on"],
            reason="Staying put",
        )
        return "Staying put recorded"

    return _form_page(
        request, child=child, form=form, title="Staying put", handler=handle, button="Save"
    )


def staying_put_end_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record the end of the open staying put arrangement."""
    worker, child = _child(request, child_id)
    arrangement = StayingPut.objects.filter(child=child, ended_on__isnull=True).first()
    if arrangement is None:
        raise Http404("No open staying put arrangement")
    form = StayingPutEndForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        services.staying_put_end(
            actor=worker,
            arrangement=arrangement,
            ended_on=data["ended_on"],
            reason="Staying put ended",
        )
        return "Staying put ended"

    return _form_page(
        request,
        child=child,
        form=form,
        title="End staying put",
        handler=handle,
        button="Save",
        intro=f"With {arrangement.carer_name}.",
    )


def personal_adviser_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """Change the young person's personal adviser."""
    worker, child = _child(request, child_id)
    support = LeavingCareSupport.objects.filter(child=child, ended_on__isnull=True).first()
    if support is None:
        raise Http404("Leaving-care support has not started")
    form = PersonalAdviserForm(_posted(request))

    def handle(data: dict[str, Any]) -> str:
        adviser = Worker.objects.get(pk=int(data["personal_adviser"]))
        services.personal_adviser_change(
            actor=worker, support=support, personal_adviser=adviser, reason="New adviser"
        )
        return f"{adviser.display_name} is now the personal adviser"

    return _form_page(
        request,
        child=child,
        form=form,
        title="Change personal adviser",
        handler=handle,
        button="Save",
        intro=f"The personal adviser now is {support.personal_adviser.display_name}.",
    )
