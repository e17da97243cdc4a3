"""Casework pages: a child's case, chronology, allocation, visits, case notes, work tray, team.

Thin: parse, call a service or selector, render. Every child is loaded with `access_person` (the
read audit is written, and a child out of the worker's sight gets the same 404 as a missing one).
Steps are completed on the practice engine's step page (`practice:step`); this page lists them
with their stored due dates and starts ad hoc ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access.access import access_person
from hearth.audit.models import AccessPurpose
from hearth.casework import selectors, services
from hearth.casework.forms import (
    AddendumForm,
    AllocationForm,
    CaseNoteForm,
    ChronologyFilterForm,
    NoteReviseForm,
    VisitForm,
    kind_label,
)
from hearth.frontdoor.selectors import contact_list_for_child
from hearth.lookedafter import selectors as lookedafter_selectors
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.practice import definitions
from hearth.practice import selectors as practice_selectors
from hearth.practice import services as practice
from hearth.practice.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    PracticeModelVersion,
    Step,
    StepStatus,
)
from hearth.timescales.rules import status
from hearth.ui.forms import errors_to_form
from hearth.ui.govuk import field_date
from hearth.ui.requests import current_worker

GET_POST = require_http_methods(["GET", "POST"])


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"casework/{template}", {"field_date": field_date, **context})


def _child(request: HttpRequest, worker: Worker, child_id: int) -> Person:
    purpose = AccessPurpose.EDIT_RECORD if request.method == "POST" else AccessPurpose.CASEWORK
    return access_person(worker, child_id, purpose=purpose, path=request.path)


def step_rows(steps: Iterable[Step]) -> list[dict[str, Any]]:
    """Steps with their titles (from each case's model version) and state against the due date.

    Each model version's definition is read and parsed once for all the rows (the steps come
    without it: it is the whole practice model, far bigger than the rows themselves).
    """
    today = timezone.localdate()
    steps = list(steps)
    versions = PracticeModelVersion.objects.in_bulk({step.case.model_version_id for step in steps})
    models = {pk: definitions.model_of(version) for pk, version in versions.items()}
    rows = []
    for step in steps:
        found = models[step.case.model_version_id].step(step.step_type)
        title = found.title if found else step.step_type.replace("_", " ").capitalize()
        if step.status == StepStatus.COMPLETED and step.due_on:
            state: str | None = str(
                status(step.due_on, today=today, completed_on=step.completed_on)
            )
        elif step.due_on and step.is_open:
            state = str(status(step.due_on, today=today))
        else:
            state = None
        rows.append({"step": step, "title": title, "state": state})
    return rows


def _ad_hoc_choices(case: Case) -> list[tuple[str, str]]:
    model = definitions.model_of(case.model_version)
    return [(s.id, s.title) for s in model.steps if s.ad_hoc]


# --- The child's case -------------------------------------------------------------------------


def child_case(request: HttpRequest, child_id: int) -> HttpResponse:
    """A child's case: allocation, the five principles, open and done steps, notes and visits."""
    worker = current_worker(request)
    child = _child(request, worker, child_id)
    cases = list(practice_selectors.case_list(worker, child_id=child.pk).order_by("-opened_on"))
    open_case = next((c for c in cases if c.status == CaseStatus.OPEN), None)
    steps = practice_selectors.visible_steps(worker).filter(case__child=child)
    return _render(
        request,
        "child.html",
        {
            "child": child,
            "cases": cases,
            "open_case": open_case,
            "open_steps": step_rows(steps.filter(status__in=OPEN_STATUSES).order_by("due_on")),
            "done_steps": step_rows(
                steps.exclude(status__in=OPEN_STATUSES).order_by("-completed_on", "-pk")[:50]
            ),
            "ad_hoc": _ad_hoc_choices(open_case) if open_case else [],
            "principles": selectors.five_principles(worker, child.pk),
            "allocations": list(selectors.allocation_history(worker, child.pk)),
            "episodes": selectors.cin_episodes_of(child),
            "contacts": contact_list_for_child(worker, child.pk)[:20],
            "notes": selectors.case_notes_of(child)[:50],
            "visits": selectors.visits_of(child)[:20],
            "page_title": child.full_name,
        },
    )


@require_POST
def step_start(request: HttpRequest, child_id: int) -> HttpResponse:
    """Start an ad hoc step (a visit, a further strategy discussion) in the child's open case."""
    worker = current_worker(request)
    child = _child(request, worker, child_id)
    case = (
        practice_selectors.case_list(worker, child_id=child.pk)
        .filter(status=CaseStatus.OPEN)
        .first()
    )
    if case is None:
        raise Http404("No open case")
    try:
        step = practice.step_start(
            actor=worker, case=case, step_type=request.POST.get("step_type", "")
        )
    except practice.PracticeError as refused:
        messages.error(request, str(refused))
        return redirect("casework:child", child.pk)
    return redirect("practice:step", step.pk)


# --- Chronology -------------------------------------------------------------------------------


def chronology(request: HttpRequest, child_id: int) -> HttpResponse:
    """Every significant event in the child's record, filterable by kind and date, printable."""
    worker = current_worker(request)
    child = _child(request, worker, child_id)
    form = ChronologyFilterForm(request.GET or None)
    entries: list[selectors.ChronologyEntry] = []
    if form.is_bound and not form.is_valid():
        entries = []
    else:
        data = form.cleaned_data if form.is_bound else {}
        entries = selectors.chronology(
            worker,
            child.pk,
            kinds=data.get("kind") or None,
            start=data.get("start"),
            end=data.get("end"),
        )
    return _render(
        request,
        "chronology.html",
        {
            "child": child,
            "form": form,
            "entries": entries,
            "kind_labels": {k.value: kind_label(k.value) for k in selectors.ChronologyKind},
            "page_title": f"Chronology: {child.full_name}",
        },
    )


# --- Allocation -------------------------------------------------------------------------------


@GET_POST
def allocate(request: HttpRequest, child_id: int) -> HttpResponse:
    """Allocate the child to a team and worker, or transfer them; shows the history."""
    worker = current_worker(request)
    child = _child(request, worker, child_id)
    current = selectors.allocation_history(worker, child.pk).filter(ended_on__isnull=True).first()
    form = AllocationForm(
        request.POST or None,
        initial={"started_on": timezone.localdate()},
        current_worker_id=current.worker_id if current else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_transfer(
                actor=worker,
                child=child,
                team=form.cleaned_data["team"],
                worker=form.cleaned_data["worker"],
                started_on=form.cleaned_data["started_on"],
                reason=form.cleaned_data["reason"],
                sw_reason=form.cleaned_data["sw_reason"],
            )
        except ValidationError as refused:
            errors_to_form(form, refused)
        else:
            messages.success(request, "Allocation recorded")
            return redirect("casework:child", child.pk)
    return _render(
        request,
        "allocate.html",
        {
            "child": child,
            "form": form,
            "history": selectors.allocation_history(worker, child.pk),
            "page_title": f"Allocate {child.full_name}",
        },
    )


# --- Visits -----------------------------------------------------------------------------------


@GET_POST
def visit_new(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a visit once for the child and any siblings visited with them."""
    worker = current_worker(request)
    child = _child(request, worker, child_id)
    children = selectors.sibling_group(worker, child)
    form = VisitForm(request.POST or None, children=children, initial={f"visited_{child.pk}": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visited = [
            services.VisitedChild(
                child=c,
                child_seen=data[f"seen_{c.pk}"] == "yes",
                seen_alone=data[f"alone_{c.pk}"] == "yes",
                bedroom_seen={"yes": True, "no": False}.get(data[f"bedroom_{c.pk}"]),
            )
            for c in data["visited"]
        ]
        try:
            services.family_visit_record(
                actor=worker,
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                children=visited,
                present=data["present"],
                summary=data["summary"],
                reason="Visit recorded",
            )
        except ValidationError as refused:
            errors_to_form(form, refused, {"occurred_at": "visit_time"})
        else:
            messages.success(
                request,
                f"Visit recorded for {len(visited)} children"
                if len(visited) > 1
                else "Visit recorded",
            )
            return redirect("casework:child", child.pk)
    return _render(
        request,
        "visit_new.html",
        {
            "child": child,
            "children": children,
            "form": form,
            "page_title": f"Record a visit: {child.full_name}",
        },
    )


# --- Case notes -------------------------------------------------------------------------------


@GET_POST
def note_new(request: HttpRequest, child_id: int) -> HttpResponse:
    """Write a case note once for the child and any of their siblings; each gets a draft copy."""
    worker = current_worker(request)
    child = _child(request, worker, child_id)
    children = selectors.sibling_group(worker, child)
    form = CaseNoteForm(
        request.POST or None, children=children, initial={"children": [str(child.pk)]}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notes = services.case_note_write(
                actor=worker,
                children=data["people"],
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                title=data["title"],
                text=data["text"],
                reason="Case note written",
            )
        except ValidationError as refused:
            errors_to_form(form, refused, {"occurred_at": "note_time"})
        else:
            messages.success(request, "Case note saved as a draft for each child")
            mine = (
                next(n for n in notes if n.child_id == child.pk)
                if any(n.child_id == child.pk for n in notes)
                else notes[0]
            )
            return redirect("casework:note", mine.pk)
    return _render(
        request,
        "note_new.html",
        {"child": child, "form": form, "page_title": f"Write a case note: {child.full_name}"},
    )


@GET_POST
def note_detail(request: HttpRequest, note_id: int) -> HttpResponse:
    """One child's case note: change it while a draft, finalise it, then only add addenda."""
    worker = current_worker(request)
    note = selectors.case_note_get(worker, note_id)
    if note is None:
        raise Http404("No such note")
    child = _child(request, worker, note.child_id)
    action = request.POST.get("action", "")
    revise = NoteReviseForm(
        request.POST if action == "revise" else None,
        initial={"title": note.title, "text": note.text},
    )
    addendum = AddendumForm(request.POST if action == "addendum" else None)
    if request.method == "POST":
        try:
            if action == "revise" and revise.is_valid():
                services.case_note_revise(
                    actor=worker,
                    note=note,
                    title=revise.cleaned_data["title"],
                    text=revise.cleaned_data["text"],
                    reason="Draft note changed",
                )
                messages.success(request, "Draft saved")
                return redirect("casework:note", note.pk)
            if action == "finalise":
                services.case_note_finalise(actor=worker, note=note, reason="Note finalised")
                messages.success(request, "Note finalised")
                return redirect("casework:note", note.pk)
            if action == "addendum" and addendum.is_valid():
                services.addendum_add(
                    actor=worker,
                    note=note,
                    text=addendum.cleaned_data["addendum"],
                    reason=addendum.cleaned_data["reason"],
                )
                messages.success(request, "Addendum added")
                return redirect("casework:note", note.pk)
        except ValidationError as refused:
            target = addendum if action == "addendum" else revise
            errors_to_form(
                target, refused, {"text": "addendum" if action == "addendum" else "text"}
            )
    return _render(
        request,
        "note_detail.html",
        {
            "child": child,
            "note": note,
            "revise": revise,
            "addendum": addendum,
            "addenda": note.addenda.select_related("written_by").order_by("written_at"),
            "siblings": selectors.note_copies(worker, note),
            "page_title": note.title,
        },
    )


# --- Work tray and team -----------------------------------------------------------------------


def tray(request: HttpRequest) -> HttpResponse:
    """The worker's work tray: looked-after and care-leaver duties overdue or due soon; steps
    overdue, due soon, everything open; and, for a manager, the work awaiting their
    authorisation."""
    worker = current_worker(request)
    return _render(
        request,
        "tray.html",
        {
            "duties": lookedafter_selectors.tray_duties(worker, timezone.localdate()),
            "overdue": step_rows(practice_selectors.step_list_overdue(worker)),
            "due": step_rows(practice_selectors.step_list_due(worker)),
            "open": step_rows(practice_selectors.step_list_open(worker)),
            "awaiting": step_rows(practice_selectors.step_list_awaiting_authorisation(worker)),
            "is_manager": selectors.managed_teams(worker).exists(),
            "caseload": selectors.caseload(worker, worker),
            "page_title": "Work tray",
        },
    )


def team(request: HttpRequest) -> HttpResponse:
    """A manager's team: caseloads and overdue work per worker, children not seen within the
    standard, looked-after and care-leaver duties overdue or due soon, the five principles for
    every open case, and the authorisation queue."""
    worker = current_worker(request)
    teams = list(selectors.managed_teams(worker).order_by("name"))
    if not teams:
        raise Http404("You do not manage a team")
    chosen_id = request.GET.get("team", "")
    chosen = next((t for t in teams if str(t.pk) == chosen_id), teams[0])
    allocations = list(selectors.team_open_cases(worker, chosen))
    principles = selectors.five_principles_many(worker, [a.child_id for a in allocations])
    cases = [(allocation, principles.get(allocation.child_id, [])) for allocation in allocations]
    not_seen = [
        {"allocation": allocation, "principles": principles}
        for allocation, principles in cases
        if any(
            p.principle == selectors.Principle.CHILD_SEEN and p.state == "overdue"
            for p in principles
        )
    ]
    return _render(
        request,
        "team.html",
        {
            "teams": teams,
            "team": chosen,
            "loads": selectors.team_workers(worker, chosen),
            "cases": [{"allocation": a, "principles": p} for a, p in cases],
            "not_seen": not_seen,
            "duties": lookedafter_selectors.tray_duties(
                chosen, timezone.localdate(), viewer=worker
            ),
            "principles": list(selectors.Principle),
            "awaiting": step_rows(practice_selectors.step_list_awaiting_authorisation(worker)),
            "page_title": f"Team: {chosen.name}",
        },
    )
