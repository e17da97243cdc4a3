"""Performance pages: dashboard, figure and trend, drill-down within access, exports, errors."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.casework.tests.factories import (
    AllocationFactory,
    PersonFactory,
    TeamFactory,
    WorkerFactory,
    team_worker,
)
from hearth.organisation.models import Role
from hearth.performance.figures import FIGURES
from hearth.performance.forms import period_query
from hearth.performance.models import Direction
from hearth.performance.services import target_set
from hearth.performance.tests.factories import PERIOD, D, History, build_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history() -> History:
    return build_history()


@pytest.fixture
def analyst_client(client: Client) -> Client:
    client.force_login(WorkerFactory.create(role=Role.PERFORMANCE_ANALYST, username="analyst"))
    return client


def _get(client: Client, name: str, *args: Any, **params: str) -> Any:
    return client.get(reverse(name, args=args), period_query(PERIOD) | params)


def test_dashboard_shows_every_area_with_targets_and_links(
    history: History, analyst_client: Client
) -> None:
    target_set(
        actor=WorkerFactory.create(role=Role.ADMINISTRATOR),
        figure="icpcs-in-time",
        value=Decimal(90),
        direction=Direction.HIGHER,
        amber_tolerance=Decimal(10),
        effective_from=D(2026, 1, 1),
        reason="Improvement plan",
    )
    page = _get(analyst_client, "performance:dashboard")
    assert page.status_code == 200
    html = page.content.decode()
    for caption in ("Contacts and referrals", "Child protection", "Care leavers", "Workforce"):
        assert caption in html
    assert "Initial conferences within 15 working days" in html
    assert "Off target" in html  # 50% against 90% with 10 tolerance
    assert reverse("performance:children", args=["icpcs-in-time"]) in html
    assert "1 April 2026 to 31 October 2026" in html


def test_figure_page_has_trend_table_and_accessible_chart(
    history: History, analyst_client: Client
) -> None:
    page = _get(analyst_client, "performance:figure", "cp-plans")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Emotional abuse" in html and "Neglect" in html
    assert 'role="img"' in html
    assert 'aria-labelledby="trend-cp-plans-title trend-cp-plans-desc"' in html
    assert '<desc id="trend-cp-plans-desc">' in html
    assert "November 2025" in html and "October 2026" in html
    assert _get(analyst_client, "performance:figure", "no-such-figure").status_code == 404


def test_drill_down_lists_only_children_the_viewer_may_see(
    history: History, client: Client
) -> None:
    c = history.children
    team = TeamFactory.create(name="Child protection team")
    worker = team_worker(team, username="cpworker", started_on=D(2020, 1, 1))
    other = PersonFactory.create()
    AllocationFactory.create(child=other, team=team)
    # The team sees A (moved to it) but not E.
    c["A"].allocations.update(team=team)
    client.force_login(worker)
    page = _get(client, "performance:children", "cp-visits-10wd", side="denominator")
    html = page.content.decode()
    assert page.status_code == 200
    assert c["A"].full_name in html
    assert c["E"].full_name not in html
    assert "1 more is behind this figure" in html
    part = _get(client, "performance:children", "cp-plans", side="numerator", part="NEG")
    assert c["A"].full_name in part.content.decode()
    assert "Neglect" in part.content.decode()


def test_exports(history: History, analyst_client: Client) -> None:
    dashboard = _get(analyst_client, "performance:dashboard", format="csv")
    rows = list(csv.reader(io.StringIO(dashboard.content.decode())))
    assert rows[0][:5] == ["Area", "Figure", "Counted", "Out of", "Value"]
    icpc = next(r for r in rows if r[1] == "Initial conferences within 15 working days")
    assert icpc[2:5] == ["1", "2", "50.0"]
    workbook = _get(analyst_client, "performance:dashboard", format="xlsx")
    with zipfile.ZipFile(io.BytesIO(workbook.content)) as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
    trend = _get(analyst_client, "performance:figure", "referrals", format="csv")
    trend_rows = list(csv.reader(io.StringIO(trend.content.decode())))
    assert trend_rows[0] == ["Month", "Counted", "Out of", "Value", "Measure"]
    assert len(trend_rows) == 13
    children = _get(analyst_client, "performance:children", "referrals", format="csv")
    listed = list(csv.reader(io.StringIO(children.content.decode())))
    assert {r[1] for r in listed[1:]} == {
        history.children[k].full_name for k in ("A", "C", "D", "F")
    }


def test_period_errors_are_shown_beside_the_fields_and_keep_what_was_typed(
    analyst_client: Client,
) -> None:
    page = analyst_client.get(
        reverse("performance:dashboard"),
        {
            "start-day": "31",
            "start-month": "10",
            "start-year": "2026",
            "end-day": "1",
            "end-month": "",
            "end-year": "2026",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "To must include a month" in html
    assert 'value="31"' in html
    page = analyst_client.get(
        reverse("performance:dashboard"),
        {
            "start-day": "31",
            "start-month": "10",
            "start-year": "2026",
            "end-day": "1",
            "end-month": "4",
            "end-year": "2026",
        },
    )
    assert "To must be the same as or after From" in page.content.decode()


def test_workers_who_are_not_working_are_refused(client: Client) -> None:
    client.force_login(WorkerFactory.create(is_active=True, ended_on=D(2025, 1, 1)))
    assert client.get(reverse("performance:dashboard")).status_code == 403
    children = reverse("performance:children", args=["referrals"])
    assert client.get(children).status_code == 403


def test_workforce_figures_have_no_children_to_list(analyst_client: Client) -> None:
    url = reverse("performance:children", args=["agency-social-workers"])
    assert analyst_client.get(url).status_code == 404


def test_every_figure_page_renders_with_its_trend(history: History, analyst_client: Client) -> None:
    for figure in FIGURES:
        response = analyst_client.get(
            reverse("performance:figure", args=[figure.key]), period_query(PERIOD)
        )
        assert response.status_code == 200, figure.key
        assert f"{figure.title}, month by month" in response.content.decode()
