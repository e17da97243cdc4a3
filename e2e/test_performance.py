"""Performance: open the dashboard, drill down to the children behind a figure, download the
exports and the scrutiny pack."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hearth.organisation.models import Role
from hearth.people.tests.factories import PASSWORD, WorkerFactory
from hearth.performance.tests.factories import build_history
from hearth.performance.tests.test_pack import pdf_text

# Transactional, as every journey is; the project conftest re-seeds the bank holidays after the
# flush, and build_history puts back the demo child population the flush also removed.
pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, username: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_analyst_drills_down_from_the_dashboard_and_downloads_the_tables(page: Page) -> None:
    history = build_history()
    WorkerFactory.create(username="priya", first_name="Priya", role=Role.PERFORMANCE_ANALYST)
    sign_in(page, "priya")

    page.goto("/performance/")
    expect(page.get_by_role("heading", name="Performance", exact=True)).to_be_visible()
    # Choose the period the history was written for.
    for prefix, (day, month, year) in (
        ("start", ("1", "4", "2026")),
        ("end", ("31", "10", "2026")),
    ):
        group = page.locator(f"#id_{prefix}")
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_text("1 April 2026 to 31 October 2026", exact=True)).to_be_visible()

    protection = page.get_by_role("table", name="Child protection")
    row = protection.get_by_role("row", name="Children on child protection plans")
    expect(row).to_contain_text("0.2")
    row.get_by_role("link", name="2 children").click()
    expect(page.get_by_role("heading", name="Children on a plan")).to_be_visible()
    for key in ("A", "E"):
        expect(page.get_by_role("link", name=history.children[key].full_name)).to_be_visible()

    with page.expect_download() as listed:
        page.get_by_role("link", name="Download this list as CSV").click()
    rows = list(csv.reader(io.StringIO(Path(listed.value.path()).read_text())))
    assert {r[1] for r in rows[1:]} == {history.children[k].full_name for k in ("A", "E")}

    page.get_by_role("link", name="Children on child protection plans").click()
    expect(page.get_by_role("img", name="Children on child protection plans, month by month"))
    expect(page.get_by_role("table", name="Children on child protection plans, month by month"))

    page.get_by_role("link", name="All figures").click()
    with page.expect_download() as exported:
        page.get_by_role("link", name="CSV", exact=True).click()
    assert exported.value.suggested_filename == "performance-2026-04-01-to-2026-10-31.csv"
    with page.expect_download() as workbook:
        page.get_by_role("link", name="Excel workbook").click()
    assert workbook.value.suggested_filename.endswith(".xlsx")

    # The scrutiny pack for the same period: a PDF naming the council and every figure.
    with page.expect_download() as pack:
        page.get_by_role("link", name="Download the scrutiny pack (PDF)").click()
    assert pack.value.suggested_filename == "scrutiny-pack-2026-04-01-to-2026-10-31.pdf"
    pdf = Path(pack.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Performance scrutiny pack" in text
    assert "01 Apr 2026 to 31 Oct 2026" in text
    assert "Children on child protection plans: 0.2" in text


def test_manager_imports_absences_fixing_a_bad_row_and_sees_days_lost(
    page: Page, tmp_path: Path
) -> None:
    build_history()
    WorkerFactory.create(username="priya", first_name="Priya", role=Role.PERFORMANCE_ANALYST)
    sign_in(page, "priya")
    page.goto("/performance/")
    page.get_by_role("link", name="Record staff absence and training").click()
    page.get_by_role("link", name="Import absences or training from a CSV file").click()

    bad = tmp_path / "absences.csv"
    bad.write_text(
        "username,kind,starts_on,ends_on\n"
        "sw1,sickness,2026-10-19,2026-10-20\n"
        "nobody,sickness,2026-10-19,2026-10-20\n"
    )
    page.get_by_label("Absences").check()
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    problems = page.get_by_role("table", name="Problems in the file")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("3")
    expect(problems).to_contain_text("No worker has the username 'nobody'")

    good = tmp_path / "absences-fixed.csv"
    good.write_text("username,kind,starts_on,ends_on\nsw1,sickness,2026-10-19,2026-10-20\n")
    page.get_by_label("Absences").check()
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 row imported")).to_be_visible()
    expect(page.get_by_role("table", name="Recent absences")).to_contain_text("19 October 2026")

    # 9 working days from the known history, and these 2 more: 11 over 4 practitioners.
    page.goto(
        "/performance/?start-day=1&start-month=4&start-year=2026&end-day=31&end-month=10&end-year=2026"
    )
    workforce = page.get_by_role("table", name="Workforce")
    row = workforce.get_by_role("row", name="Working days lost to sickness per practitioner")
    expect(row).to_contain_text("2.8")
