"""Quality pages: case audits (per child, the council-wide list, the summary), auditors, and the
improvement plan with its evidence.

Thin: each view checks the worker may act (`hearth.quality.rules`), parses a form, calls a
service or selector, and renders. A child is only ever loaded through `access_person`, which
writes the read audit; audits of children the worker cannot see are not found (404).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from hearth.access.access import access_person
from hearth.access.selectors import is_working
from hearth.audit.models import AccessPurpose
from hearth.organisation.models import Worker
from hearth.people.forms import GovukDateField
from hearth.quality import rules, selectors, services
from hearth.quality.forms import (
    AuditFilterForm,
    AuditorAppointmentForm,
    CaseAuditForm,
    DeliverableChangeForm,
    DeliverableForm,
    DeliverableProgressForm,
    ImprovementPlanForm,
    MeasureStageForm,
    PeriodForm,
    PlanActionForm,
    PriorityForm,
    RecommendationForm,
    SuccessMeasureForm,
)
from hearth.quality.models import (
    AuditorAppointment,
    CaseAudit,
    Deliverable,
    ImprovementPlan,
    PlanAction,
    Priority,
    Recommendation,
    SuccessMeasure,
)
from hearth.quality.tools import ToolDefinition, current_tool, current_tools
from hearth.ui.forms import errors_to_form
from hearth.ui.requests import current_worker

AUDIT_LIST_LIMIT = 200
FEW_CHOICES = 5


def _worker(request: HttpRequest) -> Worker:
    worker = current_worker(request)
    if not is_working(worker):
        raise PermissionDenied("Your account cannot use quality pages.")
    return worker


def field_kind(field: forms.BoundField) -> str:
    """Which GOV.UK component renders a field in the generic form page."""
    django_field = field.field
    if isinstance(django_field, GovukDateField):
        return "date"
    if isinstance(django_field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return "checkboxes"
    if isinstance(django_field, forms.ChoiceField | forms.ModelChoiceField):
        count = len(list(field.subwidgets))
        return "radios" if count <= FEW_CHOICES else "select"
    if isinstance(django_field.widget, forms.Textarea):
        return "textarea"
    return "input"


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"quality/{template}", {"field_kind": field_kind, **context})


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    caption: str,
    back: str,
    submit: str,
    status: int = 200,
) -> HttpResponse:
    response = _render(
        request,
        "form.html",
        {"form": form, "title": title, "caption": caption, "back": back, "submit": submit},
    )
    response.status_code = status
    return response


def _saved(request: HttpRequest, message: str, to: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(to)


def index(request: HttpRequest) -> HttpResponse:
    """Quality assurance: where to find audits, the summary and the improvement plan."""
    worker = _worker(request)
    return _render(
        request,
        "index.html",
        {
            "can_read_audits": rules.can_read_audits(worker),
            "can_appoint": rules.can_appoint_auditors(worker),
            "can_edit_plan": rules.can_edit_plan(worker),
            "plans": selectors.plan_list(viewer=worker),
        },
    )


# --- Case audits --------------------------------------------------------------------------------


def _with_definitions(audits: Iterable[CaseAudit]) -> list[tuple[CaseAudit, ToolDefinition]]:
    """Each audit with its tool version's definition, each version parsed once."""
    parsed: dict[int, ToolDefinition] = {}
    rows = []
    for audit in audits:
        if audit.tool_id not in parsed:
            parsed[audit.tool_id] = selectors.tool_definition(audit.tool)
        rows.append((audit, parsed[audit.tool_id]))
    return rows


def child_audits(request: HttpRequest, person_id: int) -> HttpResponse:
    """The audits of one child's case, for anyone who may see the child."""
    worker = _worker(request)
    child = access_person(worker, person_id, purpose=AccessPurpose.VIEW_RECORD, path=request.path)
    audits = list(selectors.audits_for_child(viewer=worker, child=child))
    return _render(
        request,
        "child_audits.html",
        {
            "child": child,
            "audits": _with_definitions(audits),
            "can_audit": rules.can_audit(worker),
            "tools": current_tools(),
        },
    )


def audit_record(request: HttpRequest, person_id: int, tool_key: str) -> HttpResponse:
    """Record an audit of a child's case against the newest version of a tool."""
    worker = _worker(request)
    if not rules.can_audit(worker):
        raise PermissionDenied("Only managers and appointed auditors audit cases.")
    try:
        tool = current_tool(tool_key)
    except KeyError:
        raise Http404("No such audit tool") from None
    purpose = AccessPurpose.EDIT_RECORD if request.method == "POST" else AccessPurpose.VIEW_RECORD
    child = access_person(worker, person_id, purpose=purpose, path=request.path)
    if request.method == "POST":
        form = CaseAuditForm(request.POST, tool=tool)
        if form.is_valid():
            try:
                audit = services.case_audit_record(
                    actor=worker,
                    child=child,
                    tool=tool,
                    audited_on=form.cleaned_data["audited_on"],
                    answers=form.answers(),
                    overall_grade=form.cleaned_data["overall_grade"],
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return _saved(request, "Audit recorded", reverse("quality:audit", args=[audit.pk]))
        status = 400
    else:
        form = CaseAuditForm(tool=tool, initial={"audited_on": timezone.localdate()})
        status = 200
    response = _render(request, "audit_form.html", {"form": form, "tool": tool, "child": child})
    response.status_code = status
    return response


def audit_detail(request: HttpRequest, audit_id: int) -> HttpResponse:
    """One audit: each question's grade and comment, the overall grade and summary."""
    worker = _worker(request)
    audit = selectors.audit_get(viewer=worker, audit_id=audit_id)
    if audit is None:
        raise Http404("No such audit")
    child = access_person(
        worker, audit.child_id, purpose=AccessPurpose.VIEW_RECORD, path=request.path
    )
    definition = selectors.tool_definition(audit.tool)
    answers = [
        (definition.question_text(a.question_key), definition.grade_label(a.grade), a)
        for a in audit.answers.all()
    ]
    return _render(
        request,
        "audit_detail.html",
        {"audit": audit, "child": child, "definition": definition, "answers": answers},
    )


def audit_list(request: HttpRequest) -> HttpResponse:
    """Audits of the children the worker may see, filtered by team, grade and period."""
    worker = _worker(request)
    if not rules.can_read_audits(worker):
        raise PermissionDenied("Only managers, auditors and administrators see the audits list.")
    filtering = any(key in request.GET for key in ("team", "grade")) or any(
        key.startswith(("date_from-", "date_to-")) for key in request.GET
    )
    form = AuditFilterForm(request.GET if filtering else None, grades=selectors.audit_grades_used())
    audits = selectors.audit_list(viewer=worker)
    if filtering and form.is_valid():
        data = form.cleaned_data
        audits = selectors.audit_list(
            viewer=worker,
            team_id=data["team"].pk if data["team"] else None,
            grade=data["grade"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    total = audits.count()
    rows = _with_definitions(audits[:AUDIT_LIST_LIMIT])
    return _render(
        request,
        "audit_list.html",
        {"form": form, "rows": rows, "total": total, "limit": AUDIT_LIST_LIMIT},
    )


def audit_summary(request: HttpRequest) -> HttpResponse:
    """The audit summary for a period (reporting year to date unless chosen)."""
    worker = _worker(request)
    default = selectors.reporting_year_to_date(timezone.localdate())
    chosen = any(key.startswith(("date_from-", "date_to-")) for key in request.GET)
    period_form = PeriodForm(
        request.GET if chosen else None,
        initial={"date_from": default.start, "date_to": default.end},
    )
    date_from, date_to = default.start, default.end
    if chosen and period_form.is_valid():
        date_from = period_form.cleaned_data["date_from"]
        date_to = period_form.cleaned_data["date_to"]
    summary = selectors.audit_summary(viewer=worker, date_from=date_from, date_to=date_to)
    return _render(request, "summary.html", {"period_form": period_form, "summary": summary})


def auditors(request: HttpRequest) -> HttpResponse:
    """Appointed auditors, and (for administrators) a form to appoint one."""
    worker = _worker(request)
    if not rules.can_appoint_auditors(worker):
        raise PermissionDenied("Only administrators appoint auditors.")
    form = AuditorAppointmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.auditor_appoint(
                actor=worker,
                worker=form.cleaned_data["worker"],
                started_on=form.cleaned_data["started_on"],
                ended_on=form.cleaned_data["ended_on"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return _saved(request, "Auditor appointed", reverse("quality:auditors"))
    appointments = AuditorAppointment.objects.select_related("worker", "appointed_by")
    response = _render(request, "auditors.html", {"form": form, "appointments": appointments})
    response.status_code = 400 if form.errors else 200
    return response


# --- The improvement plan -----------------------------------------------------------------------


def _plan(worker: Worker, plan_id: int) -> ImprovementPlan:
    plan = selectors.plan_get(viewer=worker, plan_id=plan_id)
    if plan is None:
        raise Http404("No such plan")
    return plan


def _editor(request: HttpRequest) -> Worker:
    worker = _worker(request)
    if not rules.can_edit_plan(worker):
        raise PermissionDenied("Only managers and administrators change the plan.")
    return worker


def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan and its evidence side by side."""
    worker = _worker(request)
    plan = _plan(worker, plan_id)
    evidence = selectors.plan_evidence(viewer=worker, plan=plan)
    return _render(
        request,
        "plan.html",
        {"evidence": evidence, "plan": plan, "can_edit": rules.can_edit_plan(worker)},
    )


def _edit(
    request: HttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    title: str,
    caption: str,
    back: str,
    submit: str,
    saved: str,
) -> HttpResponse:
    """The shape of every plan-editing page: validate, call the service, or show the errors."""
    if request.method == "POST":
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return _saved(request, saved, back)
        return _form_page(
            request, form, title=title, caption=caption, back=back, submit=submit, status=400
        )
    return _form_page(request, form, title=title, caption=caption, back=back, submit=submit)


def plan_create(request: HttpRequest) -> HttpResponse:
    worker = _editor(request)
    form = ImprovementPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.improvement_plan_create(actor=worker, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return _saved(request, "Plan started", reverse("quality:plan", args=[plan.pk]))
    return _form_page(
        request,
        form,
        title="Start an improvement plan",
        caption="Improvement plan",
        back=reverse("quality:index"),
        submit="Start the plan",
        status=400 if form.errors else 200,
    )


def recommendation_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    worker = _editor(request)
    plan = _plan(worker, plan_id)
    return _edit(
        request,
        form=RecommendationForm(request.POST if request.method == "POST" else None),
        save=lambda d: services.recommendation_add(actor=worker, plan=plan, text=d["text"]),
        title="Add an inspection recommendation",
        caption=plan.title,
        back=reverse("quality:plan", args=[plan.pk]),
        submit="Add the recommendation",
        saved="Recommendation added",
    )


def recommendation_change(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    worker = _editor(request)
    recommendation = get_object_or_404(Recommendation, pk=recommendation_id)
    return _edit(
        request,
        form=RecommendationForm(
            request.POST if request.method == "POST" else None,
            initial={"text": recommendation.text},
        ),
        save=lambda d: services.recommendation_update(
            actor=worker, recommendation=recommendation, text=d["text"]
        ),
        title=f"Change recommendation {recommendation.number}",
        caption="Inspection recommendations",
        back=reverse("quality:plan", args=[recommendation.plan_id]),
        submit="Save the change",
        saved="Recommendation changed",
    )


def priority_change(request: HttpRequest, priority_id: int) -> HttpResponse:
    worker = _editor(request)
    priority = get_object_or_404(Priority, pk=priority_id)
    return _edit(
        request,
        form=PriorityForm(
            request.POST if request.method == "POST" else None,
            initial={"title": priority.title, "description": priority.description},
        ),
        save=lambda d: services.priority_update(actor=worker, priority=priority, **d),
        title=f"Change priority {priority.number}",
        caption="Priorities",
        back=reverse("quality:plan", args=[priority.plan_id]),
        submit="Save the change",
        saved="Priority changed",
    )


def action_change(request: HttpRequest, action_id: int) -> HttpResponse:
    worker = _editor(request)
    action = get_object_or_404(PlanAction.objects.select_related("priority"), pk=action_id)
    return _edit(
        request,
        form=PlanActionForm(
            request.POST if request.method == "POST" else None,
            plan_id=action.priority.plan_id,
            initial={
                "description": action.description,
                "recommendations": [r.pk for r in action.recommendations.all()],
            },
        ),
        save=lambda d: services.plan_action_update(
            actor=worker,
            action=action,
            description=d["description"],
            recommendations=d["recommendations"],
        ),
        title=f"Change {action}",
        caption=str(action.priority),
        back=reverse("quality:plan", args=[action.priority.plan_id]),
        submit="Save the change",
        saved="Action changed",
    )


def priority_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    worker = _editor(request)
    plan = _plan(worker, plan_id)
    return _edit(
        request,
        form=PriorityForm(request.POST if request.method == "POST" else None),
        save=lambda d: services.priority_add(actor=worker, plan=plan, **d),
        title="Add a priority",
        caption=plan.title,
        back=reverse("quality:plan", args=[plan.pk]),
        submit="Add the priority",
        saved="Priority added",
    )


def action_add(request: HttpRequest, priority_id: int) -> HttpResponse:
    worker = _editor(request)
    priority = get_object_or_404(Priority, pk=priority_id)
    return _edit(
        request,
        form=PlanActionForm(
            request.POST if request.method == "POST" else None, plan_id=priority.plan_id
        ),
        save=lambda d: services.plan_action_add(
            actor=worker,
            priority=priority,
            description=d["description"],
            recommendations=d["recommendations"],
        ),
        title="Add an action",
        caption=str(priority),
        back=reverse("quality:plan", args=[priority.plan_id]),
        submit="Add the action",
        saved="Action added",
    )


def deliverable_add(request: HttpRequest, action_id: int) -> HttpResponse:
    worker = _editor(request)
    action = get_object_or_404(PlanAction.objects.select_related("priority"), pk=action_id)
    return _edit(
        request,
        form=DeliverableForm(request.POST if request.method == "POST" else None),
        save=lambda d: services.deliverable_add(actor=worker, action=action, **d),
        title="Add a deliverable",
        caption=f"{action}: {action.description[:80]}",
        back=reverse("quality:plan", args=[action.priority.plan_id]),
        submit="Add the deliverable",
        saved="Deliverable added",
    )


def deliverable_detail(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    """A deliverable's progress history, and a form to record progress (owner, managers)."""
    worker = _worker(request)
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("owner", "action__priority__plan"), pk=deliverable_id
    )
    may_record = rules.can_edit_plan(worker) or deliverable.owner == worker
    form = DeliverableProgressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied("Only the owner, managers and administrators record progress.")
        if form.is_valid():
            try:
                services.deliverable_progress_record(
                    actor=worker, deliverable=deliverable, **form.cleaned_data
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return _saved(
                    request,
                    "Progress recorded",
                    reverse("quality:deliverable", args=[deliverable.pk]),
                )
    history = selectors.deliverable_history(viewer=worker, deliverable=deliverable)
    response = _render(
        request,
        "deliverable.html",
        {
            "deliverable": deliverable,
            "history": history,
            "form": form,
            "may_record": may_record,
            "may_change": rules.can_edit_plan(worker),
        },
    )
    response.status_code = 400 if form.errors else 200
    return response


def deliverable_change(request: HttpRequest, deliverable_id: int) -> HttpResponse:
    """Change a deliverable's owner or due date, saying why (kept in its history)."""
    worker = _editor(request)
    deliverable = get_object_or_404(Deliverable.objects.select_related("owner"), pk=deliverable_id)
    form = DeliverableChangeForm(
        request.POST if request.method == "POST" else None,
        initial={"owner": deliverable.owner, "due_on": deliverable.due_on},
    )
    return _edit(
        request,
        form=form,
        save=lambda d: services.deliverable_update(actor=worker, deliverable=deliverable, **d),
        title="Change the owner or due date",
        caption=deliverable.description[:80],
        back=reverse("quality:deliverable", args=[deliverable.pk]),
        submit="Save the change",
        saved="Deliverable changed",
    )


def measure_add(request: HttpRequest, priority_id: int) -> HttpResponse:
    """Add a success measure: a live figure with staged targets."""
    worker = _editor(request)
    priority = get_object_or_404(Priority, pk=priority_id)
    form = SuccessMeasureForm(request.POST if request.method == "POST" else None)
    back = reverse("quality:plan", args=[priority.plan_id])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.success_measure_add(
                actor=worker,
                priority=priority,
                figure=data["figure"],
                direction=data["direction"],
                description=data["description"],
                stages=data["stages"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return _saved(request, "Success measure added", back)
    response = _render(
        request, "measure_form.html", {"form": form, "priority": priority, "back": back}
    )
    response.status_code = 400 if form.errors else 200
    return response


def stage_add(request: HttpRequest, measure_id: int) -> HttpResponse:
    worker = _editor(request)
    measure = get_object_or_404(SuccessMeasure.objects.select_related("priority"), pk=measure_id)
    return _edit(
        request,
        form=MeasureStageForm(request.POST if request.method == "POST" else None),
        save=lambda d: services.measure_stage_add(actor=worker, measure=measure, **d),
        title="Add a target stage",
        caption=f"{measure.priority}: {measure.figure}",
        back=reverse("quality:plan", args=[measure.priority.plan_id]),
        submit="Add the stage",
        saved="Target stage added",
    )
