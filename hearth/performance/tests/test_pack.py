"""The scrutiny pack: a PDF holding each figure's name, value, target and status, and its trend."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hearth.organisation.models import Role
from hearth.people.tests.factories import WorkerFactory
from hearth.performance.figures import FIGURES
from hearth.performance.forms import period_query
from hearth.performance.models import Direction
from hearth.performance.pack import pack_rows, scrutiny_pack, scrutiny_pack_for
from hearth.performance.services import target_set
from hearth.performance.tests.factories import EXPECTED, PERIOD, History, build_history
from hearth.quality.services import AnswerInput, case_audit_record
from hearth.quality.tests.factories import TOOL, team_with_children

pytestmark = pytest.mark.django_db
GENERATED = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def history() -> History:
    return build_history()


def pdf_text(pdf: bytes) -> str:
    """The text the PDF draws, in drawing order (each string once, separated by spaces)."""
    pieces: list[str] = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.DOTALL):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            content = stream
        for found in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content):
            text = re.sub(rb"\\(.)", rb"\1", found).decode("latin-1")
            pieces.append(text)
    return " ".join(" ".join(pieces).split())


def test_the_pack_is_a_pdf_with_every_figure_its_value_and_status(history: History) -> None:
    analyst = WorkerFactory.create(role=Role.PERFORMANCE_ANALYST)
    target_set(
        actor=analyst,
        figure="cp-visits-4w",
        value=Decimal("95"),
        direction=Direction.HIGHER,
        amber_tolerance=Decimal("5"),
        effective_from=dt.date(2026, 1, 1),
        reason="Plan",
    )
    pdf = scrutiny_pack_for(council="Kirklees Council", period=PERIOD, generated_at=GENERATED)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    assert "Kirklees Council" in text
    assert "Performance scrutiny pack" in text
    assert PERIOD.label in text
    rows = {row.result.figure.key: row for row in pack_rows(PERIOD)}
    for figure in FIGURES:
        numerator, _, _ = EXPECTED[figure.key]
        assert figure.title in text, figure.key
        assert f"{figure.title}: {rows[figure.key].result.display_value}" in text, figure.key
        assert str(numerator) in text
    # The figure with a target has it and its status; the status is written, not only coloured.
    assert "Children on plans seen within 4 weeks: 100.0% (On target)" in text
    assert "95.0%" in text
    # Each figure's month-by-month table.
    assert "Month Nov 25 Dec 25 Jan 26" in text


def test_the_pack_without_trends_is_short(history: History) -> None:
    rows = pack_rows(PERIOD)
    pdf = scrutiny_pack(
        council="Kirklees Council", period=PERIOD, rows=rows, trends={}, generated_at=GENERATED
    )
    text = pdf_text(pdf)
    assert "Month by month" not in text
    assert "Children on child protection plans" in text


def test_the_dashboard_downloads_the_pack(history: History, client: Client) -> None:
    client.force_login(WorkerFactory.create(role=Role.SOCIAL_WORKER))
    query = period_query(PERIOD) | {"format": "pdf"}
    response = client.get(reverse("performance:dashboard"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="scrutiny-pack-2026-04-01-to-2026-10-31.pdf"'
    )
    assert "Agency social workers" in pdf_text(response.content)


def test_the_kpis_command_writes_the_pack(history: History, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    call_command("kpis", "--from", "2026-04-01", "--to", "2026-10-31", "--pdf", str(target))
    assert target.read_bytes().startswith(b"%PDF-")
    assert "Working days lost to sickness per practitioner" in pdf_text(target.read_bytes())


def test_case_audits_are_on_the_dashboard_and_in_the_pack(client: Client) -> None:
    north = team_with_children("North", children=2)
    for child, overall, grades in (
        (north.children[0], "good", ("good", "good")),
        (north.children[1], "inadequate", ("good", "inadequate")),
    ):
        case_audit_record(
            actor=north.manager,
            child=child,
            tool=TOOL,
            audited_on=dt.date(2026, 9, 1),
            answers={
                q.key: AnswerInput(grade=g) for q, g in zip(TOOL.questions, grades, strict=True)
            },
            overall_grade=overall,
            summary="Audited.",
        )
    client.force_login(north.member)
    query = period_query(PERIOD)
    page = client.get(reverse("performance:dashboard"), query).content.decode()
    assert "Case audits" in page
    assert "2 audits of cases from 1 April 2026 to 31 October 2026" in page
    pdf = client.get(reverse("performance:dashboard"), query | {"format": "pdf"}).content
    text = pdf_text(pdf)
    assert "Case audits" in text
    assert f"{TOOL.title} (version {TOOL.version}): overall grades of 2 audits" in text
    assert "Inadequate 1 50.0%" in text


def test_the_kpis_command_includes_the_audits_seen_as_a_worker(
    history: History, tmp_path: Path
) -> None:
    WorkerFactory.create(username="analyst", role=Role.PERFORMANCE_ANALYST)
    target = tmp_path / "pack.pdf"
    call_command(
        "kpis",
        "--from",
        "2026-04-01",
        "--to",
        "2026-10-31",
        "--pdf",
        str(target),
        "--as",
        "analyst",
    )
    assert "0 audits of cases from 01 April 2026" in pdf_text(target.read_bytes())
    without = tmp_path / "plain.pdf"
    call_command("kpis", "--from", "2026-04-01", "--to", "2026-10-31", "--pdf", str(without))
    assert "Case audits" not in pdf_text(without.read_bytes())


def test_the_pack_sets_each_improvement_plan_beside_its_live_evidence(history: History) -> None:
    from hearth.quality.selectors import plan_evidence  # noqa: PLC0415
    from hearth.quality.tests.factories import administrator  # noqa: PLC0415
    from hearth.quality.tests.test_selectors import _plan_with_measures  # noqa: PLC0415

    admin = administrator()
    evidence = plan_evidence(
        viewer=admin, plan=_plan_with_measures(admin), today=dt.date(2026, 11, 22)
    )
    pdf = scrutiny_pack(
        council="Kirklees Council (demo)",
        period=PERIOD,
        rows=pack_rows(PERIOD),
        trends={},
        generated_at=GENERATED,
        plans=[evidence],
    )
    text = pdf_text(pdf)
    assert "Improvement plan: Plan" in text
    assert "1 action overdue." in text
    assert "Priority 1: Workforce" in text
    # The measure's live value, the stage being worked to and whether it is on track.
    first = evidence.measures[0]
    assert first.result is not None
    assert f"{first.result.display_value} 20.0 by 31/03/2027 Not on track" in text
    assert "Campaign" in text
    assert "In progress (overdue)" in text
    assert "R1 Stable workforce" in text
