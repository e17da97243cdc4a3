"""Practice pages: a published model's page, and filling in a step with errors kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from hearth.practice import services
from hearth.practice.models import StepStatus
from hearth.practice.tests import factkinds
from hearth.practice.tests.factories import (
    ALPHA_MODEL,
    ALPHA_STEPS,
    PersonFactory,
    TeamFactory,
    worker_in,
    write_model,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tmp_path: Path, client: Client, settings):
    factkinds.create_table()
    settings.HEARTH_PRACTICE_MODEL = "test_alpha"
    version = services.practice_model_publish(
        actor=None, path=write_model(tmp_path / "alpha", ALPHA_MODEL, ALPHA_STEPS)
    )
    worker = worker_in(TeamFactory.create())
    client.force_login(worker)
    case = services.case_open(actor=worker, child=PersonFactory.create(), model_version=version)
    return version, worker, case


def test_model_page_shows_steps_forms_and_diagram(setup, client: Client) -> None:
    version, _, _ = setup
    listing = client.get("/practice/models/").content.decode()
    assert "Alpha practice" in listing and "Active" in listing
    page = client.get(f"/practice/models/{version.name}/{version.version}/").content.decode()
    assert "<svg" in page and 'id="step-referral"' in page
    assert "45 working days from referral" in page
    assert "Family strengths" in page  # the assessment form's question
    assert client.get("/practice/models/test_alpha/9/").status_code == 404


def test_step_page_keeps_typed_answers_on_error_then_completes(setup, client: Client) -> None:
    _, _, case = setup
    step = case.steps.get()
    url = f"/practice/steps/{step.pk}/"
    page = client.get(url).content.decode()
    assert 'name="referral_date-day"' in page and "show-if.js" in page
    response = client.post(
        url,
        {"referral_date-day": "1", "referral_date-month": "13", "referral_date-year": "2025",
         "worries": "Seen with bruises", "_completed_on-day": "3",
         "_completed_on-month": "11", "_completed_on-year": "2026"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date of the referral must be a real date" in page
    assert 'href="#referral_date-day"' in page
    assert "Seen with bruises" in page  # nothing typed is lost
    assert 'value="13"' in page
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN

    response = client.post(
        url,
        {"referral_date-day": "3", "referral_date-month": "11", "referral_date-year": "2026",
         "source": "police", "worries": "Seen with bruises", "_completed_on-day": "3",
         "_completed_on-month": "11", "_completed_on-year": "2026"},
    )  # fmt: skip
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == StepStatus.COMPLETED
    assert step.answers["source"] == "police"
    assert step.form_hash and step.form_version == 1
    assert factkinds.rows()[0][2] == {"referral_date": "2026-11-03", "source": "6"}
    page = client.get(url).content.decode()
    assert "3 November 2026" in page and "Police" in page


def test_step_of_a_child_the_worker_cannot_see_is_not_found(setup, client: Client) -> None:
    _, _, case = setup
    client.force_login(worker_in(TeamFactory.create(scope="allocated")))
    assert client.get(f"/practice/steps/{case.steps.get().pk}/").status_code == 404
