"""Pages to produce, validate and download the statutory returns.

Thin: each page checks the worker may produce returns, builds the return from the statutory
record (never changing it), and renders or downloads it. Validation failures are listed with the
child's council reference and record number only, and a link to the page where each is put
right.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from hearth.returns.access import require_returns_producer
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.cin_xml import cin_census_to_xml
from hearth.returns.rules import Severity
from hearth.returns.selectors import cin_census_build
from hearth.returns.years import FIRST_YEAR, CollectionYear
from hearth.ui.requests import current_worker


def person_fix_url(person_id: int) -> str:
    """The page where a child's details and record are put right."""
    return reverse("people:detail", args=[person_id])


def _latest_complete_year() -> int:
    """The most recent collection year whose reference date has passed."""
    today = timezone.localdate()
    return today.year if today.month > 3 else today.year - 1


def _collection(year: int) -> CollectionYear:
    if not FIRST_YEAR <= year <= _latest_complete_year() + 1:
        raise Http404("No such collection year")
    return CollectionYear(year)


def index(request: HttpRequest) -> HttpResponse:
    """The returns Hearth produces, by collection year."""
    require_returns_producer(current_worker(request))
    latest = _latest_complete_year()
    years = [CollectionYear(y) for y in range(latest + 1, FIRST_YEAR - 1, -1)]
    return render(
        request,
        "returns/index.html",
        {"page_title": "Statutory returns", "years": years, "today": timezone.localdate()},
    )


def cin_view(request: HttpRequest, year: int) -> HttpResponse:
    """The CIN census for a year: how many children, and every validation failure."""
    require_returns_producer(current_worker(request))
    collection = _collection(year)
    census = cin_census_build(collection=collection, generated_at=timezone.now())
    failures = cin_census_validate(census, collection=collection, fix_url=person_fix_url)
    errors = [f for f in failures if f.severity == Severity.ERROR]
    queries = [f for f in failures if f.severity == Severity.QUERY]
    return render(
        request,
        "returns/cin.html",
        {
            "page_title": f"CIN census {collection.label}",
            "collection": collection,
            "children": len(census.children),
            "episodes": sum(len(c.details) for c in census.children),
            "errors": errors,
            "queries": queries,
        },
    )


def cin_download(request: HttpRequest, year: int) -> HttpResponse:
    """The CIN census XML file, as it goes to the DfE."""
    require_returns_producer(current_worker(request))
    collection = _collection(year)
    census = cin_census_build(collection=collection, generated_at=timezone.now())
    response = HttpResponse(cin_census_to_xml(census), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="cin-census-{collection.label}.xml"'
    return response
