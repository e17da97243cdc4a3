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
from hearth.lookedafter.forms import (
    CareStartForm,
    CeaseForm,
    HealthAssessmentForm,
    LeavingCareForm,
    LegalStatusForm,
    MissingForm,
    PathwayPlanForm,
    PlacementChangeForm,
    PlansForm,
    ReturnInterviewForm,
    ReviewForm,
    VisitForm,
    error_summary,
    govuk_fields,
)
from hearth.lookedafter.models import MissingEpisode, PeriodOfCare
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
