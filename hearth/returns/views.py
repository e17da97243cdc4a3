"""Pages to produce, validate and download the statutory returns.

Thin: each page checks the worker may produce returns, builds the return from the statutory
record (never changing it), and renders or downloads it. Recording an SSDA903 as submitted is
the only write, and writes only the submission (`hearth.returns.submissions`). Validation
failures are listed with the child's council reference and record number only, and a link to
the page where each is put right.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.people.forms import GovukDateField
from hearth.returns.access import require_returns_producer
from hearth.returns.annex_a import annex_a_sheets, annex_a_workbook
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.cin_xml import cin_census_to_xml
from hearth.returns.models import ReturnSubmission
from hearth.returns.rules import Severity
from hearth.returns.selectors import cin_census_build
from hearth.returns.ssda903 import ssda903_tables, table_csv
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.submissions import (
    NOTE_MAX_LENGTH,
    return_submission_get,
    return_submission_record,
    return_submissions,
    ssda903_last_year,
    submission_zip,
    tables_digest,
    year_has_ended,
)
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
    """The SSDA903 for a year: rows per table, every failure of the rules Hearth checks (saying
    what last year's tables are), and the submissions recorded for the year."""
    require_returns_producer(current_worker(request))
    collection = _collection(year)
    tables = ssda903_tables(collection=collection)
    last_year = ssda903_last_year(collection=collection)
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
            "last_year": last_year,
            "submissions": list(return_submissions(collection=collection)),
            "can_record": year_has_ended(collection),
        },
    )


class RecordSubmissionForm(forms.Form):
    """Confirm the year's SSDA903 as submitted: the digest of the tables shown, and a note."""

    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer."},
    )


def ssda903_record(request: HttpRequest, year: int) -> HttpResponse:
    """Record the year's SSDA903 as submitted, after a confirmation naming the year and the row
    counts. The tables recorded are built again on confirming and must be the ones shown."""
    worker = current_worker(request)
    require_returns_producer(worker)
    collection = _collection(year)
    if not year_has_ended(collection):
        messages.info(
            request,
            f"The {collection.label} year ends on {collection.reference_date:%d/%m/%Y}: its "
            "return can be recorded as submitted only after that.",
        )
        return redirect("returns:ssda903", year)
    tables = ssda903_tables(collection=collection)
    digest = tables_digest(tables)
    if request.method == "POST":
        form = RecordSubmissionForm(request.POST)
        problem: ValidationError | None = None
        if form.is_valid():
            try:
                return_submission_record(
                    actor=worker,
                    collection=collection,
                    tables=tables,
                    note=form.cleaned_data["note"],
                    expected_digest=form.cleaned_data["digest"],
                )
            except ValidationError as error:
                problem = error
            else:
                messages.success(request, f"SSDA903 {collection.label} recorded as submitted.")
                return redirect(reverse("returns:ssda903", args=[year]) + "#submissions")
        # Shown again with the note as typed and the counts (and digest) of the tables as they
        # are now, so confirming again records what is shown.
        data = request.POST.copy()
        data["digest"] = digest
        form = RecordSubmissionForm(data)
        form.is_valid()
        if problem is not None:
            form.add_error(None, problem)
    else:
        form = RecordSubmissionForm(initial={"digest": digest})
    return render(
        request,
        "returns/ssda903_record.html",
        {
            "page_title": f"Record SSDA903 {collection.label} as submitted",
            "collection": collection,
            "counts": [(name, len(rows)) for name, rows in tables.items()],
            "form": form,
        },
    )


def ssda903_submission_download(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """A recorded submission's CSV files in a zip, exactly as recorded."""
    require_returns_producer(current_worker(request))
    collection = _collection(year)
    try:
        submission = return_submission_get(collection=collection, pk=pk)
    except ReturnSubmission.DoesNotExist as error:
        raise Http404("No such submission") from error
    recorded = timezone.localtime(submission.recorded_at)
    response = HttpResponse(submission_zip(submission), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="ssda903-{collection.label}-submitted-{recorded:%Y-%m-%d-%H%M}.zip"'
    )
    return response


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
