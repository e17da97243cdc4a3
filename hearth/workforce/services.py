"""Writes of workforce data: absences, courses and training records, by hand or from a CSV.

Each write checks the actor may manage workforce data (`can_manage_workforce`), runs in one
transaction and sets the pghistory context (who, and why).

A CSV import is all or nothing: every row is checked first, and if any row is wrong nothing is
imported and every problem is reported with its row number (the header is row 1, as a
spreadsheet numbers it). Files are UTF-8 (a byte-order mark is allowed); dates are YYYY-MM-DD or
DD/MM/YYYY. Workers are named by their Hearth username, courses by name (as on the courses
page), absence kinds by code or by label.

* Absences: `username,kind,starts_on,ends_on`.
* Training: `username,course,completed_on`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from hearth.organisation.models import Worker
from hearth.workforce.models import Absence, AbsenceKind, Course, TrainingRecord
from hearth.workforce.selectors import can_manage_workforce

ABSENCE_COLUMNS = ("username", "kind", "starts_on", "ends_on")
TRAINING_COLUMNS = ("username", "course", "completed_on")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RowError:
    """A problem with one row of an imported file (row 1 is the header)."""

    row: int
    message: str


class ImportRejected(Exception):  # noqa: N818 - named for what happened, as ValidationError is
    """Nothing was imported, because of these problems."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = list(errors)


def _require_manager(actor: Worker) -> None:
    if not can_manage_workforce(actor):
        raise PermissionDenied("Only administrators, performance analysts and team managers can.")


def _overlapping(
    absences: Iterable[Absence], starts_on: dt.date, ends_on: dt.date
) -> Absence | None:
    for absence in absences:
        if absence.starts_on <= ends_on and starts_on <= absence.ends_on:
            return absence
    return None


def _absence_problems(
    *, kind: str, starts_on: dt.date, ends_on: dt.date, others: Iterable[Absence]
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if kind not in AbsenceKind.values:
        problems["kind"] = "Choose the kind of absence."
    if ends_on < starts_on:
        problems["ends_on"] = "The last day must be the same as or after the first day."
    else:
        clash = _overlapping(others, starts_on, ends_on)
        if clash is not None:
            problems["starts_on"] = (
                f"This overlaps an absence already recorded from {clash.starts_on:%d/%m/%Y} "
                f"to {clash.ends_on:%d/%m/%Y}."
            )
    return problems


@transaction.atomic
def absence_record(
    *,
    actor: Worker,
    worker: Worker,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str = "Absence recorded",
) -> Absence:
    """Record that `worker` was away from `starts_on` to `ends_on` (both days included).

    Refuses an absence that overlaps one already recorded for the worker, so no day is counted
    twice.
    """
    _require_manager(actor)
    others = Absence.objects.select_for_update().filter(worker=worker)
    problems = _absence_problems(kind=kind, starts_on=starts_on, ends_on=ends_on, others=others)
    if problems:
        raise ValidationError(problems)
    with pghistory.context(user=actor.pk, reason=reason):
        return Absence.objects.create(
            worker=worker, kind=kind, starts_on=starts_on, ends_on=ends_on, recorded_by=actor
        )


@transaction.atomic
def course_add(*, actor: Worker, name: str, is_practice_model: bool) -> Course:
    """Add a course whose completion will be recorded (names are unique, ignoring case)."""
    _require_manager(actor)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the name of the course."})
    if Course.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a course with this name."})
    with pghistory.context(user=actor.pk, reason="Course added"):
        return Course.objects.create(name=name, is_practice_model=is_practice_model)


@transaction.atomic
def training_record(
    *,
    actor: Worker,
    worker: Worker,
    course: Course,
    completed_on: dt.date,
    reason: str = "Training recorded",
) -> TrainingRecord:
    """Record that `worker` completed `course` on `completed_on`."""
    _require_manager(actor)
    if TrainingRecord.objects.filter(
        worker=worker, course=course, completed_on=completed_on
    ).exists():
        raise ValidationError({"completed_on": "This training is already recorded for that day."})
    with pghistory.context(user=actor.pk, reason=reason):
        return TrainingRecord.objects.create(
            worker=worker, course=course, completed_on=completed_on, recorded_by=actor
        )


# --- CSV import ---------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """A date written YYYY-MM-DD or DD/MM/YYYY; None when it is neither."""
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def _rows(content: bytes, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """The file's rows with their row numbers; ImportRejected when it cannot be read at all."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([RowError(1, "The file must be a CSV saved as UTF-8.")]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportRejected(
            [
                RowError(
                    1,
                    f"The first row must name the columns {', '.join(columns)}; "
                    f"missing: {', '.join(missing)}.",
                )
            ]
        )
    reader.fieldnames = header
    rows = [
        (index, {k: (v or "").strip() for k, v in row.items() if k})
        for index, row in enumerate(reader, start=2)
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]
    if not rows:
        raise ImportRejected([RowError(2, "The file has no rows to import.")])
    if len(rows) > MAX_ROWS:
        raise ImportRejected([RowError(1, f"Import at most {MAX_ROWS:,} rows at a time.")])
    return rows


def _workers(rows: Sequence[tuple[int, dict[str, str]]]) -> dict[str, Worker]:
    """The workers the rows name, by lower-cased username (usernames match ignoring case)."""
    names = {row["username"].lower() for _, row in rows if row.get("username")}
    found = Worker.objects.annotate(lowered=Lower("username")).filter(lowered__in=names)
    return {worker.username.lower(): worker for worker in found}


def _kind(text: str) -> str | None:
    wanted = text.strip().lower()
    for value, label in AbsenceKind.choices:
        if wanted in {value, str(label).lower()}:
            return str(value)
    return None


@transaction.atomic
def absences_import(*, actor: Worker, content: bytes, reason: str = "Absences imported") -> int:
    """Import absences from a CSV (see the module docstring); the number imported.

    Raises ImportRejected, having imported nothing, when any row is wrong.
    """
    _require_manager(actor)
    rows = _rows(content, ABSENCE_COLUMNS)
    workers = _workers(rows)
    existing: dict[int, list[Absence]] = {}
    for absence in Absence.objects.select_for_update().filter(worker__in=list(workers.values())):
        existing.setdefault(absence.worker_id, []).append(absence)
    errors: list[RowError] = []
    new: list[Absence] = []
    for number, row in rows:
        problems: list[str] = []
        worker = workers.get(row.get("username", "").lower())
        if worker is None:
            problems.append(f"No worker has the username {row.get('username') or '(blank)'!r}.")
        kind = _kind(row.get("kind", ""))
        if kind is None:
            problems.append(
                f"Kind must be one of {', '.join(AbsenceKind.values)}, not "
                f"{row.get('kind') or '(blank)'!r}."
            )
        starts_on, ends_on = (
            parse_date(row.get("starts_on", "")),
            parse_date(row.get("ends_on", "")),
        )
        for column, value in (("starts_on", starts_on), ("ends_on", ends_on)):
            if value is None:
                problems.append(
                    f"{column} must be a date like 2026-04-30 or 30/04/2026, not "
                    f"{row.get(column) or '(blank)'!r}."
                )
        if worker is not None and kind is not None and starts_on and ends_on:
            others = existing.setdefault(worker.pk, [])
            problems.extend(
                _absence_problems(
                    kind=kind, starts_on=starts_on, ends_on=ends_on, others=others
                ).values()
            )
            if not problems:
                absence = Absence(
                    worker=worker,
                    kind=kind,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    recorded_by=actor,
                )
                # Later rows are checked against this one, so a file cannot overlap itself.
                others.append(absence)
                new.append(absence)
        errors.extend(RowError(number, message) for message in problems)
    if errors:
        raise ImportRejected(errors)
    with pghistory.context(user=actor.pk, reason=reason):
        Absence.objects.bulk_create(new, batch_size=1000)
    return len(new)


@transaction.atomic
def training_import(*, actor: Worker, content: bytes, reason: str = "Training imported") -> int:
    """Import training records from a CSV (see the module docstring); the number imported.

    Raises ImportRejected, having imported nothing, when any row is wrong.
    """
    _require_manager(actor)
    rows = _rows(content, TRAINING_COLUMNS)
    workers = _workers(rows)
    courses = {course.name.lower(): course for course in Course.objects.all()}
    seen = set(
        TrainingRecord.objects.filter(worker__in=list(workers.values())).values_list(
            "worker_id", "course_id", "completed_on"
        )
    )
    errors: list[RowError] = []
    new: list[TrainingRecord] = []
    for number, row in rows:
        problems: list[str] = []
        worker = workers.get(row.get("username", "").lower())
        if worker is None:
            problems.append(f"No worker has the username {row.get('username') or '(blank)'!r}.")
        course = courses.get(" ".join(row.get("course", "").split()).lower())
        if course is None:
            problems.append(
                f"No course is called {row.get('course') or '(blank)'!r}: add it on the "
                "courses page first."
            )
        completed_on = parse_date(row.get("completed_on", ""))
        if completed_on is None:
            problems.append(
                "completed_on must be a date like 2026-04-30 or 30/04/2026, not "
                f"{row.get('completed_on') or '(blank)'!r}."
            )
        if worker is not None and course is not None and completed_on is not None:
            key = (worker.pk, course.pk, completed_on)
            if key in seen:
                problems.append("This training is already recorded for that day.")
            elif not problems:
                seen.add(key)
                new.append(
                    TrainingRecord(
                        worker=worker,
                        course=course,
                        completed_on=completed_on,
                        recorded_by=actor,
                    )
                )
        errors.extend(RowError(number, message) for message in problems)
    if errors:
        raise ImportRejected(errors)
    with pghistory.context(user=actor.pk, reason=reason):
        TrainingRecord.objects.bulk_create(new, batch_size=1000)
    return len(new)
