"""Calendar pages: the year view of non-working days, and administrators' closure-day forms."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.organisation.models import Role
from hearth.timescales import services
from hearth.timescales.forms import (
    ClosureDayAddForm,
    ClosureDayRemoveForm,
    field_date,
    first_box_id,
)
from hearth.timescales.models import NonWorkingDayKind
from hearth.timescales.selectors import calendar_years, non_working_day_get, non_working_day_list
from hearth.ui.requests import current_worker

MIN_YEAR = 1971
MAX_YEAR = 2100


def _year_url(day: dt.date) -> str:
    return reverse("timescales:year", args=[day.year])


def year_view(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """Every non-working day in a year, with add and remove actions for administrators."""
    worker = current_worker(request)
    if year is None:
        year = timezone.localdate().year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    days = list(non_working_day_list(year=year))
    covered = calendar_years()
    is_admin = worker.role == Role.ADMINISTRATOR
    return render(
        request,
        "timescales/year.html",
        {
            "page_title": f"Non-working days in {year}",
            "year": year,
            "days": [
                {"row": day, "removable": is_admin and services.is_removable(day)} for day in days
            ],
            "covered": covered,
            "is_admin": is_admin,
        },
    )


def closure_day_add_view(request: HttpRequest) -> HttpResponse:
    """An administrator adds a council closure day (or a one-off proclamation day)."""
    worker = current_worker(request)
    if worker.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Only an administrator can change the council's non-working days.")
    form = ClosureDayAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.closure_day_add(
                actor=worker,
                day=form.cleaned_data["date"],
                name=form.cleaned_data["name"],
                reason=form.cleaned_data["reason"],
                kind=NonWorkingDayKind(form.cleaned_data["kind"]),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error("date" if field == "day" else field, errors)
        else:
            messages.success(request, f"{added.day.day} {added.day:%B %Y} is now a non-working day")
            return redirect(_year_url(added.day))
    return render(
        request,
        "timescales/closure_day_add.html",
        {
            "page_title": ("Error: " if form.errors else "") + "Add a non-working day",
            "form": form,
            "field_date": field_date,
            "summary": _summary(form),
        },
    )


def closure_day_remove_view(request: HttpRequest, day: dt.date) -> HttpResponse:
    """An administrator removes a council closure day, giving a reason."""
    worker = current_worker(request)
    if worker.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Only an administrator can change the council's non-working days.")
    existing = non_working_day_get(day=day)
    if existing is None:
        raise Http404
    removable = services.is_removable(existing)
    form = ClosureDayRemoveForm(request.POST or None)
    if request.method == "POST" and removable and form.is_valid():
        try:
            services.closure_day_remove(actor=worker, day=day, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"{day.day} {day:%B %Y} is now a working day")
            return redirect(_year_url(day))
    return render(
        request,
        "timescales/closure_day_remove.html",
        {
            "page_title": ("Error: " if form.errors else "") + "Remove a non-working day",
            "form": form,
            "existing": existing,
            "removable": removable,
            "summary": _summary(form),
        },
    )


def _summary(form: ClosureDayAddForm | ClosureDayRemoveForm) -> dict[str, object] | None:
    """The GOV.UK error summary, linking a date error to the first box in error."""
    if not form.errors:
        return None
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == "date":
            href = "#" + first_box_id(form["date"])
        elif name in form.fields:
            href = f"#{form[name].id_for_label}"
        else:
            href = "#main-content"
        items.extend({"text": str(e), "href": href} for e in errors)
    return {"titleText": "There is a problem", "errorList": items}
