"""Pages to set targets and the child population: who may, what is kept, errors by the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from hearth.organisation.models import Role
from hearth.people.tests.factories import WorkerFactory
from hearth.performance.models import ChildPopulation, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client: Client) -> Client:
    client.force_login(WorkerFactory.create(role=Role.PERFORMANCE_ANALYST, username="analyst"))
    return client


def _date(prefix: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def test_setting_a_target_on_its_page(analyst_client: Client) -> None:
    page = analyst_client.get(reverse("performance:targets")).content.decode()
    assert "Children on plans seen within 4 weeks" in page
    response = analyst_client.post(
        reverse("performance:target", args=["cp-visits-4w"]),
        {"value": "90", "direction": "higher", "amber_tolerance": "5", "reason": "Plan"}
        | _date("effective_from", "1", "4", "2026"),
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.figure, target.value, target.direction, target.amber_tolerance) == (
        "cp-visits-4w",
        Decimal("90.0"),
        "higher",
        Decimal("5.0"),
    )
    assert target.effective_from == dt.date(2026, 4, 1)
    assert target.recorded_by.username == "analyst"
    listed = analyst_client.get(reverse("performance:targets")).content.decode()
    assert "90.0%" in listed and "1 April 2026" in listed


def test_target_errors_are_beside_the_fields_and_keep_what_was_typed(
    analyst_client: Client,
) -> None:
    response = analyst_client.post(
        reverse("performance:target", args=["cp-visits-4w"]),
        {"value": "ninety", "direction": "", "amber_tolerance": "-1", "reason": ""}
        | _date("effective_from", "31", "2", "2026"),
    )
    html = response.content.decode()
    assert "There is a problem" in html
    for message in (
        "Target must be a number, like 85 or 12.5",
        "Choose whether higher or lower is better",
        "Amber tolerance cannot be negative",
        "In force from must be a real date",
        "Say why this target is being set",
    ):
        assert message in html
    assert 'value="ninety"' in html and 'value="31"' in html
    assert not Target.objects.exists()


def test_recording_the_child_population(analyst_client: Client) -> None:
    response = analyst_client.post(
        reverse("performance:population"),
        {"year": "2026", "count": "98500", "source": "ONS mid-2026", "reason": "New estimate"},
    )
    assert response.status_code == 302
    assert ChildPopulation.objects.get(year=2026).count == 98_500
    bad = analyst_client.post(
        reverse("performance:population"), {"year": "2026", "count": "0", "reason": "Typo"}
    )
    assert "Number of children must be more than 0" in bad.content.decode()


def test_social_workers_cannot_set_targets(client: Client) -> None:
    client.force_login(WorkerFactory.create(role=Role.SOCIAL_WORKER))
    assert client.get(reverse("performance:targets")).status_code == 403
    response = client.post(
        reverse("performance:population"), {"year": "2026", "count": "5", "reason": "x"}
    )
    assert response.status_code == 403
    dashboard = client.get(reverse("performance:dashboard")).content.decode()
    assert "Change targets" not in dashboard
    assert "Record staff absence" not in dashboard


def test_an_unknown_figure_has_no_target_page(analyst_client: Client) -> None:
    assert analyst_client.get(reverse("performance:target", args=["nothing"])).status_code == 404


def test_the_dashboard_links_to_targets_and_workforce_for_those_who_manage_them(
    analyst_client: Client,
) -> None:
    page = analyst_client.get(reverse("performance:dashboard")).content.decode()
    assert "Change targets and the child population" in page
    assert "Record staff absence and training" in page
