"""A record's change history and access log. Thin: load with access_person, select, render."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.access import access_person
from hearth.access.rules import can_view_access_log, can_view_history
from hearth.audit.models import AccessPurpose
from hearth.audit.selectors import person_history, record_access_list
from hearth.ui.requests import current_worker

HISTORY_PAGE_SIZE = 25
ACCESS_LOG_PAGE_SIZE = 50


def pagination(page: Page[Any], path: str) -> dict[str, Any] | None:
    """Parameters for `govukPagination`, or None when everything fits on one page."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None
    params: dict[str, Any] = {
        "items": [
            {"number": n, "href": f"{path}?page={n}", "current": n == page.number}
            for n in paginator.page_range
        ]
    }
    if page.has_previous():
        params["previous"] = {"href": f"{path}?page={page.previous_page_number()}"}
    if page.has_next():
        params["next"] = {"href": f"{path}?page={page.next_page_number()}"}
    return params


def person_history_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who changed this record, when and why, with the fields they changed."""
    worker = current_worker(request)
    person = access_person(
        worker,
        person_id,
        purpose=AccessPurpose.VIEW_HISTORY,
        path=request.path,
        rule=can_view_history,
    )
    entries = person_history(worker=worker, person=person)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/person_history.html",
        {
            "person": person,
            "page": page,
            "pagination": pagination(page, request.path),
            "page_title": f"History of {person.full_name}'s record",
        },
    )


def person_access_log_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who has viewed this record, when and why."""
    worker = current_worker(request)
    person = access_person(
        worker,
        person_id,
        purpose=AccessPurpose.VIEW_AUDIT,
        path=request.path,
        rule=can_view_access_log,
    )
    page = Paginator(record_access_list(person=person), ACCESS_LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/person_access_log.html",
        {
            "person": person,
            "page": page,
            "pagination": pagination(page, request.path),
            "page_title": f"Who has viewed {person.full_name}'s record",
        },
    )
