"""People pages: search and the person page. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.access import access_person
from hearth.access.selectors import visible_people
from hearth.audit.models import AccessPurpose
from hearth.ui.requests import current_worker


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        results = list(
            visible_people(current_worker(request)).filter(family_name__icontains=query)[:50]
        )
    return render(
        request, "people/search.html", {"query": query, "results": results, "page_title": "Search"}
    )


def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(current_worker(request), person_id, purpose=AccessPurpose.VIEW_RECORD)
    return render(request, "people/detail.html", {"person": person, "page_title": person.full_name})
