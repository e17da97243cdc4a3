"""`hearth kpis`: every figure for a period, as text or JSON."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.casework.tests.factories import WorkerFactory
from hearth.organisation.models import Role
from hearth.performance.models import ChildPopulation, Target
from hearth.performance.tests.factories import EXPECTED, build_history

pytestmark = pytest.mark.django_db


def test_json_has_every_figure_with_its_parts() -> None:
    build_history()
    out = io.StringIO()
    call_command("kpis", "--from", "2026-04-01", "--to", "2026-10-31", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert (document["from"], document["to"]) == ("2026-04-01", "2026-10-31")
    figures = {f["key"]: f for f in document["figures"]}
    assert set(figures) == set(EXPECTED)
    icpc = figures["icpcs-in-time"]
    assert (icpc["numerator"], icpc["denominator"], icpc["value"]) == (1, 2, 50.0)
    assert "15 working days" in icpc["definition"]
    assert figures["cp-plans"]["breakdown"][0] == {
        "code": "EMO",
        "label": "Emotional abuse",
        "count": 1,
    }


def test_text_output_and_bad_dates() -> None:
    out = io.StringIO()
    call_command("kpis", "--from", "2026-04-01", "--to", "2026-10-31", stdout=out)
    assert "Initial conferences within 15 working days: No data (0 / 0, percentage)" in (
        out.getvalue()
    )
    with pytest.raises(CommandError):
        call_command("kpis", "--from", "2026-13-01", "--to", "2026-10-31")
    with pytest.raises(CommandError):
        call_command("kpis", "--from", "2026-10-31", "--to", "2026-04-01")


def test_an_administrator_sets_the_population_and_a_target() -> None:
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR, username="admin")
    call_command(
        "child_population",
        "--year",
        "2025",
        "--count",
        "101234",
        "--reason",
        "ONS",
        "--as",
        "admin",
    )
    assert ChildPopulation.objects.get(year=2025).recorded_by == admin
    call_command(
        "kpi_target",
        "--figure",
        "assessments-in-time",
        "--value",
        "85",
        "--direction",
        "higher",
        "--tolerance",
        "5",
        "--from",
        "2026-04-01",
        "--reason",
        "Improvement plan",
        "--as",
        "admin",
    )
    assert Target.objects.get(figure="assessments-in-time").value == Decimal(85)
    WorkerFactory.create(username="sw")
    with pytest.raises(CommandError):
        call_command(
            "child_population", "--year", "2025", "--count", "5", "--reason", "x", "--as", "sw"
        )
