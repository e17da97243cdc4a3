"""Practice pages: published models (steps, forms, diagram) and filling in a step for a case.

Thin: parse, call a selector or service, render. The step page is used by the journey pages to
record any step of any practice model; its form comes entirely from the model.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from markupsafe import Markup

from hearth.audit.models import AccessPurpose
from hearth.practice import definitions, forms, selectors, services
from hearth.practice.access import access_step
from hearth.practice.diagram import render_svg, timescale_text
from hearth.practice.models import PracticeModelVersion, StepStatus
from hearth.ui.requests import current_worker


def version_list(request: HttpRequest) -> HttpResponse:
    """Every published practice model version, with the active one marked."""
    current_worker(request)
    name, pinned = definitions.configured_model()
    try:
        active = definitions.version_get(name, pinned).pk
    except definitions.PracticeModelNotPublishedError:
        active = None
    return render(
        request,
        "practice/version_list.html",
        {
            "versions": selectors.version_list(),
            "active_id": active,
            "configured": name,
            "page_title": "Practice models",
        },
    )


def version_detail(request: HttpRequest, name: str, version: int) -> HttpResponse:
    """A published model: its diagram, and each step with its form, outcomes and timescale."""
    current_worker(request)
    found = PracticeModelVersion.objects.filter(name=name, version=version).first()
    if found is None:
        raise Http404("No such practice model version")
    model = definitions.model_of(found)
    steps = [
        {
            "step": step,
            "timescale": timescale_text(step),
            "titles": {s.id: s.title for s in model.steps},
            "fields": forms.render_fields(step, forms.answers_to_raw(step, {}), {}),
        }
        for step in model.steps
    ]
    return render(
        request,
        "practice/version_detail.html",
        {
            "version": found,
            "model": model,
            "steps": steps,
            "diagram": Markup(render_svg(model)),  # noqa: S704 (built by us, every text escaped)
            "page_title": f"{model.title} ({found.label})",
        },
    )


def step_detail(request: HttpRequest, step_id: int) -> HttpResponse:
    """Fill in and complete a step (GET shows it, POST completes it), or authorise it."""
    worker = current_worker(request)
    purpose = AccessPurpose.EDIT_RECORD if request.method == "POST" else AccessPurpose.CASEWORK
    step = access_step(worker, step_id, purpose=purpose)
    step_def = definitions.step_type_of(step.case.model_version, step.step_type)
    people = services.step_people_choices(step)
    raw = forms.answers_to_raw(step_def, step.answers)
    errors: dict[str, str] = {}
    answers = step.answers
    chosen = step.outcome
    completed_on = step.completed_on or timezone.localdate()
    if request.method == "POST" and step.status == StepStatus.OPEN:
        chosen = request.POST.get(services.OUTCOME_FIELD, "")
        parsed_date = forms.parse_completed_on(request.POST, services.COMPLETED_ON_FIELD)
        try:
            services.step_complete(
                actor=worker,
                step=step,
                answers=request.POST,
                outcome=chosen or None,
                completed_on=parsed_date.value,
            )
        except services.StepAnswersInvalidError as invalid:
            raw, errors, answers = invalid.parsed.raw, invalid.parsed.errors, invalid.parsed.answers
        except services.PracticeError as refused:
            raw = forms.parse_answers(step_def, request.POST, people=people).raw
            errors = {"_form": str(refused)}
        else:
            messages.success(request, f"{step_def.title} saved")
            return redirect("practice:step", step.pk)
        if parsed_date.error:
            errors[services.COMPLETED_ON_FIELD] = parsed_date.error
        raw |= parsed_date.raw
    elif request.method == "POST" and step.status == StepStatus.AWAITING_AUTHORISATION:
        try:
            services.step_authorise(
                actor=worker,
                step=step,
                approve=request.POST.get("decision") == "approve",
                reason=request.POST.get("reason", ""),
            )
        except services.PracticeError as refused:
            errors = {"_form": str(refused)}
        else:
            messages.success(request, f"{step_def.title}: decision recorded")
            return redirect("practice:step", step.pk)
    return render(
        request,
        "practice/step.html",
        {
            "step": step,
            "step_def": step_def,
            "fields": forms.render_fields(step_def, raw, errors, answers=answers, people=people),
            "outcome_params": forms.outcome_params(step_def, chosen, errors),
            "completed_on_params": forms.completed_on_params(
                services.COMPLETED_ON_FIELD, raw, completed_on, errors
            ),
            "answered": forms.display_answers(step_def, step.answers, people=people),
            "errors": errors,
            "summary": forms.error_summary(errors, step_def),
            "timescale": timescale_text(step_def),
            "page_title": step_def.title,
        },
    )
