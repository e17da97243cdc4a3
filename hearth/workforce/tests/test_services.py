"""Recording absences and training, and importing them from CSV (all rows or none)."""

from __future__ import annotations

import datetime as dt

import pghistory.models
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.organisation.models import Role, Worker
from hearth.people.tests.factories import WorkerFactory
from hearth.workforce import services
from hearth.workforce.models import Absence, AbsenceKind, TrainingRecord
from hearth.workforce.tests.factories import AbsenceFactory, CourseFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def admin() -> Worker:
    return WorkerFactory.create(role=Role.ADMINISTRATOR, username="admin")


def test_an_absence_is_recorded_with_who_recorded_it(admin: Worker) -> None:
    worker = WorkerFactory.create(username="sam")
    absence = services.absence_record(
        actor=admin,
        worker=worker,
        kind=AbsenceKind.SICKNESS,
        starts_on=D(2026, 10, 5),
        ends_on=D(2026, 10, 9),
    )
    assert (absence.worker, absence.recorded_by) == (worker, admin)
    event = pghistory.models.Events.objects.tracks(absence).get()
    assert event.pgh_context["user"] == admin.pk


def test_overlapping_and_backwards_absences_are_refused(admin: Worker) -> None:
    worker = WorkerFactory.create()
    AbsenceFactory.create(worker=worker, starts_on=D(2026, 10, 5), ends_on=D(2026, 10, 9))
    with pytest.raises(ValidationError) as overlap:
        services.absence_record(
            actor=admin,
            worker=worker,
            kind=AbsenceKind.OTHER,
            starts_on=D(2026, 10, 9),
            ends_on=D(2026, 10, 12),
        )
    assert "overlaps an absence already recorded from 05/10/2026" in str(overlap.value)
    with pytest.raises(ValidationError) as backwards:
        services.absence_record(
            actor=admin,
            worker=worker,
            kind=AbsenceKind.SICKNESS,
            starts_on=D(2026, 11, 9),
            ends_on=D(2026, 11, 2),
        )
    assert "ends_on" in backwards.value.message_dict


def test_a_social_worker_cannot_record_absence() -> None:
    worker = WorkerFactory.create(role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.absence_record(
            actor=worker,
            worker=worker,
            kind=AbsenceKind.SICKNESS,
            starts_on=D(2026, 10, 5),
            ends_on=D(2026, 10, 5),
        )


def test_a_good_absence_file_is_imported(admin: Worker) -> None:
    WorkerFactory.create(username="sam")
    WorkerFactory.create(username="Jo")
    content = (
        "\ufeffusername,kind,starts_on,ends_on\n"
        "sam,sickness,2026-10-05,2026-10-09\n"
        "jo,Compassionate or special leave,02/11/2026,03/11/2026\n"
        "sam,sickness,12/10/2026,12/10/2026\n"
        ",,,\n"
    ).encode()
    assert services.absences_import(actor=admin, content=content) == 3
    rows = sorted(Absence.objects.values_list("worker__username", "kind", "starts_on", "ends_on"))
    assert rows == [
        ("Jo", "special", D(2026, 11, 2), D(2026, 11, 3)),
        ("sam", "sickness", D(2026, 10, 5), D(2026, 10, 9)),
        ("sam", "sickness", D(2026, 10, 12), D(2026, 10, 12)),
    ]


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row(admin: Worker) -> None:
    sam = WorkerFactory.create(username="sam")
    AbsenceFactory.create(worker=sam, starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 2))
    content = (
        b"username,kind,starts_on,ends_on\n"
        b"sam,sickness,2026-10-05,2026-10-09\n"  # row 2: fine
        b"nobody,sickness,2026-10-05,2026-10-09\n"  # row 3: no such worker
        b"sam,holiday,2026-10-20,2026-10-21\n"  # row 4: no such kind
        b"sam,sickness,31/02/2026,2026-10-21\n"  # row 5: not a date
        b"sam,sickness,2026-10-08,2026-10-08\n"  # row 6: overlaps row 2
        b"sam,sickness,2026-09-02,2026-09-03\n"  # row 7: overlaps the recorded absence
        b"sam,sickness,2026-12-10,2026-12-01\n"  # row 8: ends before it starts
    )
    with pytest.raises(services.ImportRejected) as rejected:
        services.absences_import(actor=admin, content=content)
    rows = [error.row for error in rejected.value.errors]
    assert rows == [3, 4, 5, 6, 7, 8]
    messages = {error.row: error.message for error in rejected.value.errors}
    assert "No worker has the username 'nobody'" in messages[3]
    assert "not 'holiday'" in messages[4]
    assert "starts_on must be a date" in messages[5]
    assert "overlaps an absence already recorded from 05/10/2026" in messages[6]
    assert "from 01/09/2026" in messages[7]
    assert "last day must be the same as or after" in messages[8]
    assert Absence.objects.count() == 1


def test_a_file_without_the_columns_is_refused(admin: Worker) -> None:
    with pytest.raises(services.ImportRejected) as rejected:
        services.absences_import(actor=admin, content=b"name,when\nsam,2026-10-05\n")
    assert rejected.value.errors[0].row == 1
    assert "missing: username, kind, starts_on, ends_on" in rejected.value.errors[0].message


def test_training_import_good_and_bad(admin: Worker) -> None:
    WorkerFactory.create(username="sam")
    CourseFactory.create(name="Restorative practice", is_practice_model=True)
    good = b"username,course,completed_on\nsam,restorative  practice,2026-09-01\n"
    assert services.training_import(actor=admin, content=good) == 1
    bad = (
        b"username,course,completed_on\n"
        b"sam,Restorative practice,2026-09-01\n"  # already recorded
        b"sam,Knitting,2026-09-02\n"  # no such course
        b"sam,Restorative practice,yesterday\n"  # not a date
        b"sam,Restorative practice,2026-10-01\n"  # fine
    )
    with pytest.raises(services.ImportRejected) as rejected:
        services.training_import(actor=admin, content=bad)
    assert [(e.row, e.message.split(":")[0][:30]) for e in rejected.value.errors] == [
        (2, "This training is already recor"),
        (3, "No course is called 'Knitting'"),
        (4, "completed_on must be a date li"),
    ]
    assert TrainingRecord.objects.count() == 1


def test_course_names_are_unique_ignoring_case(admin: Worker) -> None:
    services.course_add(actor=admin, name="Restorative practice", is_practice_model=True)
    with pytest.raises(ValidationError) as taken:
        services.course_add(actor=admin, name="restorative PRACTICE", is_practice_model=False)
    assert "name" in taken.value.message_dict
