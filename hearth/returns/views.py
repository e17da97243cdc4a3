"""Pages to produce, validate and download the statutory returns.

Thin: each page checks the worker may produce returns, builds the return from the statutory
record (never changing it), and renders or downloads it. Validation failures are listed with the
child's council reference and record number only, and a link to the page where each is put
right.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from hearth.people.forms import GovukDateField
from hearth.returns.access import require_returns_producer
from hearth.returns.annex_a import annex_a_sheets, annex_a_workbook
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.cin_xml import cin_census_to_xml
from hearth.returns.rules import Severity
from hearth.returns.selectors import cin_census_build
from hearth.returns.ssda903 import ssda903_tables, table_csv
from hearth.returns.ssda903_validation import ssda903_validate
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


def ssda903_view(request: HttpRequest, year: int) -> HttpResponse:
    """The SSDA903 for a year: rows per table, and every failure of the rules Hearth checks."""
    require_returns_producer(current_worker(request))
    collection = _collection(year)
    tables = ssda903_tables(collection=collection)
    failures = ssda903_validate(collection=collection, tables=tables, fix_url=person_fix_url)
    return render(
        request,
        "returns/ssda903.html",
        {
            "page_title": f"SSDA903 {collection.label}",
            "collection": collection,
            "counts": [(name, len(rows)) for name, rows in tables.items()],
            "errors": [f for f in failures if f.is_error],
            "queries": [f for f in failures if not f.is_error],
        },
    )


def ssda903_download(request: HttpRequest, year: int) -> HttpResponse:
    """The SSDA903 tables, one CSV each, in a zip file."""
    require_returns_producer(current_worker(request))
    collection = _collection(year)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in ssda903_tables(collection=collection).items():
            archive.writestr(f"{name}.csv", table_csv(name, rows))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{collection.label}.zip"'
    return response


class AnnexADateForm(forms.Form):
    """The inspection date the Annex A lists are drawn up for."""

    date = GovukDateField(label="Inspection date", required=True)


def annex_a_view(request: HttpRequest) -> HttpResponse:
    """Annex A for an inspection date (`?date-day=..&date-month=..&date-year=..`): each list
    with its number of rows, and the workbook to download."""
    require_returns_producer(current_worker(request))
    asked = any(f"date-{part}" in request.GET for part in ("day", "month", "year"))
    today = timezone.localdate()
    form = AnnexADateForm(request.GET if asked else None, initial={"date": today})
    day: dt.date | None = today
    if asked:
        day = form.cleaned_data["date"] if form.is_valid() else None
    lists = (
        [(s.name, len(s.rows), list(s.header)) for s in annex_a_sheets(inspection_date=day)]
        if day
        else []
    )
    return render(
        request,
        "returns/annex_a.html",
        {"page_title": "Ofsted Annex A", "form": form, "day": day, "lists": lists},
    )


def annex_a_download(request: HttpRequest) -> HttpResponse:
    """Ofsted Annex A lists for an inspection date (`?date=YYYY-MM-DD`, today by default)."""
    require_returns_producer(current_worker(request))
    text = request.GET.get("date", "")
    try:
        day = dt.date.fromisoformat(text) if text else timezone.localdate()
    except ValueError as error:
        raise Http404("Give the inspection date as YYYY-MM-DD") from error
    response = HttpResponse(
        annex_a_workbook(inspection_date=day),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="annex-a-{day.isoformat()}.xlsx"'
    return response
