"""Workforce pages: recording absence and training, the CSV import, who may see them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hearth.organisation.models import Role
from hearth.people.tests.factories import WorkerFactory
from hearth.workforce.models import Absence, TrainingRecord
from hearth.workforce.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client: Client) -> Client:
    client.force_login(WorkerFactory.create(role=Role.PERFORMANCE_ANALYST, username="analyst"))
    return client


def _date(prefix: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def test_recording_an_absence(manager_client: Client) -> None:
    sam = WorkerFactory.create(username="sam", first_name="Sam", last_name="Okafor")
    url = reverse("workforce:absence_new")
    page = manager_client.get(url)
    assert "Sam Okafor (sam)" in page.content.decode()
    data = {"worker": str(sam.pk), "kind": "sickness"}
    response = manager_client.post(
        url, data | _date("starts_on", "5", "10", "2026") | _date("ends_on", "9", "10", "2026")
    )
    assert response.status_code == 302
    assert Absence.objects.get().worker == sam
    overview = manager_client.get(reverse("workforce:overview")).content.decode()
    assert "Sam Okafor" in overview and "5 October 2026" in overview


def test_errors_are_beside_the_fields_and_keep_what_was_typed(manager_client: Client) -> None:
    sam = WorkerFactory.create(username="sam")
    response = manager_client.post(
        reverse("workforce:absence_new"),
        {"worker": str(sam.pk), "kind": "sickness"}
        | _date("starts_on", "9", "10", "2026")
        | _date("ends_on", "5", "13", "2026"),
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Last day must be a real date" in html
    assert 'value="13"' in html and 'value="9"' in html
    assert not Absence.objects.exists()


def test_import_shows_each_problem_with_its_row(manager_client: Client) -> None:
    WorkerFactory.create(username="sam")
    upload = SimpleUploadedFile(
        "absences.csv",
        b"username,kind,starts_on,ends_on\nsam,sickness,2026-10-05,2026-10-09\n"
        b"nobody,sickness,2026-10-05,2026-10-09\n",
        content_type="text/csv",
    )
    response = manager_client.post(
        reverse("workforce:import"), {"kind": "absences", "file": upload}
    )
    html = response.content.decode()
    assert "Nothing was imported: 1 problem in the file" in html
    assert "No worker has the username &#39;nobody&#39;" in html
    assert not Absence.objects.exists()


def test_import_of_a_good_training_file(manager_client: Client) -> None:
    WorkerFactory.create(username="sam")
    CourseFactory.create(name="Restorative practice", is_practice_model=True)
    upload = SimpleUploadedFile(
        "training.csv", b"username,course,completed_on\nsam,Restorative practice,01/09/2026\n"
    )
    response = manager_client.post(
        reverse("workforce:import"), {"kind": "training", "file": upload}
    )
    assert response.status_code == 302
    assert TrainingRecord.objects.get().worker.username == "sam"


def test_adding_a_course_and_recording_training(manager_client: Client) -> None:
    sam = WorkerFactory.create(username="sam")
    manager_client.post(
        reverse("workforce:course_new"), {"name": "Restorative practice", "is_practice_model": "on"}
    )
    course = CourseFactory._meta.model.objects.get()
    assert course.is_practice_model
    response = manager_client.post(
        reverse("workforce:training_new"),
        {"worker": str(sam.pk), "course": str(course.pk)} | _date("completed_on", "1", "9", "2026"),
    )
    assert response.status_code == 302
    assert TrainingRecord.objects.get().course == course


def test_social_workers_cannot_see_staff_absence(client: Client) -> None:
    client.force_login(WorkerFactory.create(role=Role.SOCIAL_WORKER))
    assert client.get(reverse("workforce:overview")).status_code == 403
    assert client.get(reverse("workforce:import")).status_code == 403
