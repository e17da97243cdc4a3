"""Workforce pages: recent absences and training, forms to record them, and the CSV import.

Thin: parse with a form, call a service, render. Only workers who may manage workforce data
(administrators, performance analysts and team managers) reach these pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.organisation.models import Worker
from hearth.ui.forms import errors_to_form
from hearth.ui.requests import current_worker
from hearth.workforce import selectors, services
from hearth.workforce.forms import AbsenceForm, CourseForm, ImportForm, TrainingForm

RECENT = 50


def _manager(request: HttpRequest) -> Worker:
    worker = current_worker(request)
    if not selectors.can_manage_workforce(worker):
        raise PermissionDenied("Your account cannot see staff absence and training.")
    return worker


def overview(request: HttpRequest) -> HttpResponse:
    """Recent absences and training records, with links to record or import more."""
    worker = _manager(request)
    return render(
        request,
        "workforce/overview.html",
        {
            "page_title": "Staff absence and training",
            "absences": list(selectors.absence_list(viewer=worker)[:RECENT]),
            "training": list(selectors.training_list(viewer=worker)[:RECENT]),
            "courses": list(selectors.course_list()),
        },
    )


def _record_page(
    request: HttpRequest,
    form_class: type[forms.Form],
    record: Callable[..., object],
    *,
    done: str,
    template: str,
    title: str,
) -> HttpResponse:
    """A form page that records one thing through `record(actor=..., **cleaned_data)`."""
    actor = _manager(request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record(actor=actor, **form.cleaned_data)
        except ValidationError as refused:
            errors_to_form(form, refused)
        else:
            messages.success(request, done)
            return redirect("workforce:overview")
    return _form_page(request, form, template, title)


@require_http_methods(["GET", "POST"])
def absence_new(request: HttpRequest) -> HttpResponse:
    """Record an absence for a worker."""
    return _record_page(
        request,
        AbsenceForm,
        services.absence_record,
        done="Absence recorded",
        template="workforce/absence_new.html",
        title="Record an absence",
    )


@require_http_methods(["GET", "POST"])
def training_new(request: HttpRequest) -> HttpResponse:
    """Record that a worker completed a course."""
    return _record_page(
        request,
        TrainingForm,
        services.training_record,
        done="Training recorded",
        template="workforce/training_new.html",
        title="Record training",
    )


@require_http_methods(["GET", "POST"])
def course_new(request: HttpRequest) -> HttpResponse:
    """Add a course (and say whether it is training in the council's practice model)."""
    return _record_page(
        request,
        CourseForm,
        services.course_add,
        done="Course added",
        template="workforce/course_new.html",
        title="Add a course",
    )


@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest) -> HttpResponse:
    """Import absences or training records from a CSV: all rows, or none and every problem."""
    actor = _manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        importer = (
            services.absences_import
            if form.cleaned_data["kind"] == "absences"
            else services.training_import
        )
        try:
            imported = importer(actor=actor, content=content)
        except services.ImportRejected as rejected:
            row_errors = rejected.errors
            form.add_error(
                "file",
                f"Nothing was imported: {len(row_errors)} "
                f"problem{'s' if len(row_errors) != 1 else ''} in the file (listed below)",
            )
        else:
            messages.success(request, f"{imported:,} row{'' if imported == 1 else 's'} imported")
            return redirect("workforce:overview")
    return _form_page(
        request,
        form,
        "workforce/import.html",
        "Import absences or training",
        row_errors=row_errors,
        absence_columns=services.ABSENCE_COLUMNS,
        training_columns=services.TRAINING_COLUMNS,
    )


def _form_page(
    request: HttpRequest, form: forms.Form, template: str, title: str, **extra: Any
) -> HttpResponse:
    return render(request, template, {"page_title": title, "form": form} | extra)
