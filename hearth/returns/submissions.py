"""Submitted returns: recording what was sent to the DfE, and reading it back.

Recording a submission (`return_submission_record`) is the only write the returns make, and it
writes only the submission: the tables are stored exactly as produced, one CSV file's text each,
and can never be changed (see `hearth.returns.models`). Reads:

* `return_submissions` lists a year's submissions, latest first;
* `submission_zip` is a submission's files as a zip, and `submission_files_write` writes them to
  a folder, each byte for byte what was recorded;
* `ssda903_last_year` says what the SSDA903 rules comparing with last year read for a year: the
  latest submission recorded for the previous year when there is one, else last year rebuilt
  from the record. `hearth.returns.ssda903_validation.ssda903_validate` uses it, and the page and
  the command show its `description`.

Only the SSDA903 is kept so far: the CIN census has no rules that compare with last year's
return.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hearth.organisation.models import Worker
from hearth.returns.access import can_produce_returns
from hearth.returns.models import ReturnKind, ReturnSubmission, SubmittedTable
from hearth.returns.ssda903 import HEADERS, Tables, ssda903_tables, table_csv
from hearth.returns.years import CollectionYear

NOTE_MAX_LENGTH = 2000


def tables_digest(tables: Tables) -> str:
    """SHA-256 of the tables as files: each name and its CSV text, in order."""
    digest = hashlib.sha256()
    for name, rows in tables.items():
        digest.update(f"{name}.csv\n".encode())
        digest.update(table_csv(name, rows).encode())
    return digest.hexdigest()


def can_record_submission(worker: Worker) -> bool:
    """Whether the worker may record a return as submitted: a performance analyst or an
    administrator, whose account is active and in its employment dates (as for producing)."""
    return can_produce_returns(worker)


def year_has_ended(collection: CollectionYear) -> bool:
    """Whether the year's reference date (31 March) has passed, so its return can be sent."""
    return collection.reference_date < timezone.localdate()


@transaction.atomic
def return_submission_record(
    *,
    actor: Worker,
    collection: CollectionYear,
    tables: Tables,
    note: str = "",
    expected_digest: str | None = None,
) -> ReturnSubmission:
    """Record the SSDA903 `tables` for `collection` as submitted to the DfE by `actor`.

    The tables are stored exactly as their CSV files. A year is recorded only once its
    reference date has passed (the return cannot be sent before). `expected_digest` is the
    digest of the tables the worker confirmed; when given and the tables differ (the record
    changed in between), nothing is recorded and a `ValidationError` says so.
    """
    if not can_record_submission(actor):
        raise PermissionDenied("Only performance analysts and administrators record submissions.")
    if not year_has_ended(collection):
        raise ValidationError(
            f"The {collection.label} year ends on {collection.reference_date:%d/%m/%Y}: its "
            "return can be recorded as submitted only after that."
        )
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer."})
    digest = tables_digest(tables)
    if expected_digest is not None and expected_digest != digest:
        raise ValidationError(
            "The record has changed since you checked the return: check the new row counts and "
            "confirm again."
        )
    with pghistory.context(
        user=actor.pk, reason=f"SSDA903 {collection.label} recorded as submitted"
    ):
        submission = ReturnSubmission.objects.create(
            kind=ReturnKind.SSDA903,
            collection_year=collection.end_year,
            recorded_at=timezone.now(),
            recorded_by=actor,
            note=note,
            digest=digest,
        )
        SubmittedTable.objects.bulk_create(
            SubmittedTable(
                submission=submission,
                position=position,
                name=name,
                row_count=len(rows),
                content=table_csv(name, rows),
            )
            for position, (name, rows) in enumerate(tables.items())
        )
    return submission


def return_submissions(
    *, collection: CollectionYear, kind: str = ReturnKind.SSDA903
) -> QuerySet[ReturnSubmission]:
    """A year's recorded submissions, latest first, with who recorded them and their tables."""
    return (
        ReturnSubmission.objects.filter(kind=kind, collection_year=collection.end_year)
        .select_related("recorded_by")
        .prefetch_related("tables")
        .order_by("-recorded_at", "-pk")
    )


def return_submission_get(*, collection: CollectionYear, pk: int) -> ReturnSubmission:
    """One SSDA903 submission of the year (`ReturnSubmission.DoesNotExist` otherwise)."""
    return return_submissions(collection=collection).get(pk=pk)


def submission_zip(submission: ReturnSubmission) -> bytes:
    """The submission's CSV files in a zip, each exactly as recorded, dated when recorded."""
    recorded = timezone.localtime(submission.recorded_at)
    stamp = (recorded.year, recorded.month, recorded.day, recorded.hour, recorded.minute, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in submission.tables.all():
            info = zipfile.ZipInfo(f"{table.name}.csv", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, table.content.encode("utf-8"))
    return buffer.getvalue()


def submission_files_write(*, submission: ReturnSubmission, folder: Path) -> list[SubmittedTable]:
    """Write the submission's files as `<folder>/<Table>.csv`, exactly as recorded."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = list(submission.tables.all())
    for table in tables:
        (folder / f"{table.name}.csv").write_text(table.content, encoding="utf-8", newline="")
    return tables


def submission_tables(submission: ReturnSubmission) -> Tables:
    """The submission's tables read back from its CSV text, in the DfE's columns."""
    tables: Tables = {}
    for table in submission.tables.all():
        reader = csv.DictReader(io.StringIO(table.content, newline=""))
        columns = HEADERS.get(table.name, tuple(reader.fieldnames or ()))
        tables[table.name] = [{c: row.get(c) or "" for c in columns} for row in reader]
    return tables


@dataclass(frozen=True)
class LastYear:
    """What the SSDA903 rules comparing with last year read, and how to say so."""

    description: str
    load: Callable[[], Tables]
    submission: ReturnSubmission | None = None


def _submitted_on(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%d/%m/%Y}"


def ssda903_last_year(*, collection: CollectionYear) -> LastYear:
    """Last year's tables for the year's SSDA903: the latest submission recorded for the
    previous year, when there is one, else the previous year rebuilt from the record (built
    only when a rule first asks)."""
    previous = collection.previous
    latest = return_submissions(collection=previous).first()
    if latest is not None:
        found = latest
        return LastYear(
            description=(
                f"compared with the return submitted on {_submitted_on(found.recorded_at)} "
                f"by {found.recorded_by.display_name}"
            ),
            load=lambda: submission_tables(found),
            submission=found,
        )
    return LastYear(
        description="compared with last year as rebuilt from the record",
        load=lambda: ssda903_tables(collection=previous),
    )
