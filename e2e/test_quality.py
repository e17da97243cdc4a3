"""Quality: a manager audits a child's case and sees it in the summary, then builds an
improvement plan measure and sees the live figure beside its staged target."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from hearth.casework.tests.factories import TeamMembershipFactory
from hearth.organisation.models import Role
from hearth.people.tests.factories import PASSWORD
from hearth.quality.tests.factories import agency_worker, team_with_children

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, username: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_date(page: Page, group_id: str, day: str, month: str, year: str) -> None:
    group = page.locator(f"#{group_id}")
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_manager_audits_a_case_and_tracks_the_plan_against_live_figures(page: Page) -> None:
    setup = team_with_children("North", children=1, manager_username="mina")
    setup.manager.set_password(PASSWORD)
    setup.manager.save()
    TeamMembershipFactory.create(worker=agency_worker(), team=setup.team)
    # Social workers employed: the manager, the team's social worker and the agency worker,
    # so the agency share is 1 of 3 = 33.3%.
    assert setup.manager.role == Role.TEAM_MANAGER
    child = setup.children[0]
    sign_in(page, "mina")

    # Record an audit of the child's case.
    page.goto(f"/quality/children/{child.pk}/audits/")
    expect(page.get_by_text("This case has not been audited.")).to_be_visible()
    page.get_by_role("link", name="Audit with the case file audit (version 2)").click()
    expect(page.get_by_role("heading", name="Case file audit")).to_be_visible()
    page.get_by_role("button", name="Record the audit").click()
    # Nothing chosen: field-level messages, the summary typed so far kept.
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_label("Summary").fill("Good direct work; plan needs dates.")
    page.get_by_role("button", name="Record the audit").click()
    expect(page.get_by_role("link", name="Choose an overall grade")).to_be_visible()
    expect(page.get_by_label("Summary")).to_have_value("Good direct work; plan needs dates.")
    for number in range(1, 8):
        grade = "Requires improvement to be good" if number == 4 else "Good"  # noqa: PLR2004
        group = page.get_by_role("group", name=f"Grade for question {number}")
        group.get_by_label(grade, exact=True).check()
    page.get_by_label("Comment on question 4").fill("No outcomes or dates in the plan.")
    page.get_by_role("group", name="Overall grade").get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Record the audit").click()
    expect(page.get_by_text("Audit recorded")).to_be_visible()
    expect(page.get_by_text("No outcomes or dates in the plan.")).to_be_visible()

    # The summary counts it.
    page.goto("/quality/audits/summary/")
    expect(page.get_by_text("1 audit of cases")).to_be_visible()
    overall = page.get_by_role(
        "table", name="Case file audit (version 2): overall grades of 1 audit"
    )
    expect(overall.get_by_role("row", name="Good 1 100.0%", exact=True)).to_be_visible()
    by_question = page.get_by_role("table", name="grades by question")
    expect(by_question.get_by_role("row", name="Is the plan specific")).to_contain_text(
        "1 (100.0%)"
    )

    # Start an improvement plan with a recommendation, a priority and a success measure.
    page.goto("/quality/")
    page.get_by_role("link", name="Start an improvement plan").click()
    page.get_by_label("Title").fill("Improving children's lives")
    page.get_by_label("Inspection it answers").fill("ILACS inspection")
    fill_date(page, "id_inspected_on", "9", "3", "2026")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name="Improving children's lives")).to_be_visible()
    page.get_by_role("link", name="Add an inspection recommendation").click()
    page.get_by_label("Recommendation").fill("Reduce the reliance on agency social workers.")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_role("link", name="Add a priority").click()
    page.get_by_label("Priority").fill("A stable workforce")
    page.get_by_role("button", name="Add the priority").click()
    page.get_by_role("link", name="Add an action to priority 1").click()
    page.get_by_label("Action").fill("Convert agency posts to permanent ones")
    page.get_by_label("1. Reduce the reliance on agency social workers.").check()
    page.get_by_role("button", name="Add the action").click()

    page.get_by_role("link", name="Add a success measure to priority 1").click()
    page.get_by_label("Performance figure").select_option(label="Workforce: Agency social workers")
    page.get_by_label("Lower is better").check()
    page.get_by_label("Stage 1 target").fill("40")
    fill_date(page, "id_stage1_due_on", "31", "12", "2099")
    page.get_by_label("Stage 2 target").fill("20")
    fill_date(page, "id_stage2_due_on", "31", "3", "2100")
    page.get_by_role("button", name="Add the measure").click()
    expect(page.get_by_text("Success measure added")).to_be_visible()

    # The live figure beside the stage target due, on track.
    glance = page.get_by_role("table", name="Success measures: live value against the target")
    row = glance.get_by_role("row", name="Agency social workers")
    expect(row).to_contain_text("33.3%")
    expect(row).to_contain_text("40.0%")
    expect(row).to_contain_text("31 December 2099")
    expect(row).to_contain_text("On track")
    expect(page.get_by_text("Answers recommendation 1")).to_be_visible()
