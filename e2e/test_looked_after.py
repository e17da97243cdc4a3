"""Looked-after journeys in a real browser: into care, placement move, review, visit, missing
episode and return interview, and a young person taken on to leaving care with a pathway plan.

Due dates on screen are checked against dates worked out by hand. The 2026 summer bank holiday
(Monday 31 August) falls inside the first clocks, so a count that ignored bank holidays would be a
day early. Today is 22 November 2026, so some duties show as overdue.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from hearth.casework.models import Allocation
from hearth.lookedafter import services
from hearth.organisation.models import Role, TeamMembership
from hearth.people.models import Address
from hearth.people.tests.factories import PASSWORD, PersonFactory, TeamFactory, WorkerFactory
from hearth.timescales import calendar
from hearth.timescales.models import NonWorkingDay
from hearth.timescales.seed import england_bank_holidays

pytestmark = pytest.mark.django_db(transaction=True)

D = dt.date


@pytest.fixture
def bank_holidays() -> None:
    """The bank holidays the deadlines below skip, whatever earlier journeys left in the table."""
    for holiday in england_bank_holidays(2026, 2027):
        NonWorkingDay.objects.get_or_create(
            day=holiday.day, defaults={"name": holiday.name, "kind": holiday.kind.value}
        )
    calendar.invalidate()


def sign_in(page: Page, username: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def duty_row(page: Page, key: str):  # noqa: ANN201 (Playwright's Locator type is untyped here)
    return page.locator(f"tr[data-duty='{key}']")


def team_and_worker():  # noqa: ANN201
    team = TeamFactory.create(name="Children in care north")
    worker = WorkerFactory.create(
        username="nadia", first_name="Nadia", last_name="Rahman", role=Role.SOCIAL_WORKER
    )
    TeamMembership.objects.create(worker=worker, team=team, started_on=D(2020, 1, 1))
    return team, worker


def test_bring_into_care_move_review_visit_and_missing_episode(  # noqa: PLR0915 (one journey)
    page: Page, bank_holidays: None
) -> None:
    team, worker = team_and_worker()
    child = PersonFactory.create(
        given_name="Leon", family_name="Baptiste", date_of_birth=D(2015, 6, 1)
    )
    Allocation.objects.create(child=child, team=team, worker=worker, started_on=D(2026, 1, 1))
    Address.objects.create(
        person=child, line_1="4 Mill Lane", postcode="HD1 2TA", started_on=D(2020, 1, 1)
    )

    sign_in(page, "nadia")
    page.goto(f"/looked-after/{child.pk}/")
    expect(page.get_by_role("heading", name="Looked after")).to_be_visible()
    page.get_by_role("link", name="Bring into care").click()

    # Tuesday 18 August 2026, with a mistake first: the carer's name is missing.
    fill_date(page, "started_on", D(2026, 8, 18))
    page.get_by_label("Category of need").select_option("N1")
    page.get_by_label("Legal status").select_option("C1")
    page.get_by_label("Placement type").select_option("U6")
    page.get_by_label("Placement provider").select_option("PR1")
    page.get_by_label("Ofsted URN").fill("SC123456")
    page.get_by_label("Postcode", exact=True).fill("LS1 4AP")
    page.get_by_role("button", name="Bring into care").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Postcode", exact=True)).to_have_value("LS1 4AP")
    expect(page.locator("#id_started_on_day")).to_have_value("18")
    expect(page.get_by_label("Child's home postcode")).to_have_value("HD1 2TA")

    page.get_by_label("Carer's or setting's name").fill("Mr and Mrs Hussain")
    page.get_by_role("button", name="Bring into care").click()
    expect(page.get_by_text("is looked after from 18 August 2026")).to_be_visible()

    # 20 working days from Tue 18 Aug 2026, skipping the bank holiday on Mon 31 Aug: Wed 16 Sep.
    expect(duty_row(page, "review")).to_contain_text("16 September 2026")
    expect(duty_row(page, "health_assessment")).to_contain_text("16 September 2026")
    # 10 working days (care plan): 19-28 Aug is 8, then Tue 1 and Wed 2 Sep.
    expect(duty_row(page, "care_plan")).to_contain_text("2 September 2026")
    # 5 working days (placement plan): 19, 20, 21, 24, 25 August.
    expect(duty_row(page, "placement_plan")).to_contain_text("25 August 2026")
    expect(duty_row(page, "visit")).to_contain_text("25 August 2026")
    expect(duty_row(page, "review")).to_contain_text("Overdue")
    expect(page.get_by_text("14.0 miles")).to_be_visible()
    expect(page.get_by_text("No (E08000035)")).to_be_visible()

    page.get_by_role("link", name="Record a review").click()
    fill_date(page, "held_on", D(2026, 9, 14))
    page.get_by_label("How the child took part").select_option("PN1")
    page.get_by_role("button", name="Save").click()
    # The second review is 3 months after the first as held.
    expect(duty_row(page, "review")).to_contain_text("14 December 2026")
    expect(duty_row(page, "review")).to_contain_text("In time")

    page.get_by_role("link", name="Change placement").click()
    fill_date(page, "started_on", D(2026, 10, 1))
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Reason for the change").select_option("CREQO")
    page.get_by_label("Placement type").select_option("U4")
    page.get_by_label("Placement provider").select_option("PR1")
    page.get_by_label("Carer's or setting's name").fill("Ms Patel")
    page.get_by_label("Ofsted URN").fill("SC654321")
    page.get_by_label("Postcode", exact=True).fill("HD8 9LS")
    page.get_by_role("button", name="Change placement").click()
    expect(page.get_by_text("Placement changed to Ms Patel")).to_be_visible()
    # A new placement restarts the visit clock: within a week of Thu 1 Oct.
    expect(duty_row(page, "visit")).to_contain_text("8 October 2026")
    episodes = page.locator("table[aria-labelledby='episodes']")
    expect(episodes).to_contain_text("CREQO")
    expect(episodes.locator("tbody tr")).to_have_count(2)

    page.get_by_role("link", name="Record a visit").click()
    fill_date(page, "visited_on", D(2026, 11, 20))
    page.get_by_label("The child was seen alone").check()
    page.get_by_role("button", name="Save").click()
    # Six weeks after the visit as made: Fri 1 Jan 2027.
    expect(duty_row(page, "visit")).to_contain_text("1 January 2027")

    page.get_by_role("link", name="Record a missing episode").click()
    page.get_by_label("Missing: whereabouts unknown").check()
    fill_date(page, "started_on", D(2026, 11, 19))
    page.get_by_label("Time the child went missing").fill("22:00")
    fill_date(page, "ended_on", D(2026, 11, 20))
    page.get_by_label("Time the child was found or came back").fill("6pm")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Enter a time like 14:30")).to_be_visible()
    page.get_by_label("Time the child was found or came back").fill("18:00")
    page.get_by_role("button", name="Save").click()
    # Offered within 72 hours of coming back at 18:00 on Friday 20 November.
    interview = page.locator("tr[data-duty^='return_interview_']")
    expect(interview).to_contain_text("23 November 2026 at 18:00")

    page.get_by_role("link", name="Record the return interview").click()
    fill_date(page, "offered_on", D(2026, 11, 21))
    page.get_by_label("Time it was offered").fill("10:00")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("tr[data-duty^='return_interview_']")).to_have_count(0)
    expect(page.locator("table[aria-labelledby='missing']")).to_contain_text("accepted")


def test_take_a_young_person_on_to_leaving_care_with_a_pathway_plan(
    page: Page, bank_holidays: None
) -> None:
    team, worker = team_and_worker()
    adviser = WorkerFactory.create(
        username="pa.ola", first_name="Ola", last_name="Adeyemi", role=Role.PERSONAL_ADVISER
    )
    young = PersonFactory.create(
        given_name="Maya", family_name="Ellis", date_of_birth=D(2009, 6, 1)
    )
    Allocation.objects.create(child=young, team=team, worker=worker, started_on=D(2026, 1, 1))
    services.care_start(
        actor=worker,
        child=young,
        started_on=D(2026, 8, 1),
        category_of_need="N4",
        legal_status="V2",
        placement=services.PlacementDetails(
            placement_type="K3",
            provider="PR4",
            carer_name="Ash Court",
            ofsted_urn="2123456",
            postcode="HD1 2TA",
        ),
        home_postcode="HD1 2TA",
        reason="Accommodated",
    )

    sign_in(page, "nadia")
    page.goto(f"/looked-after/{young.pk}/")
    # In care from 1 August 2026: the 91st day, 30 October, made Maya an eligible child, so the
    # pathway plan is due 3 months later.
    expect(page.locator("#leaving-care + dl")).to_contain_text("Eligible")
    expect(duty_row(page, "pathway_plan")).to_contain_text("30 January 2027")

    page.get_by_role("link", name="Start leaving-care support").click()
    page.get_by_label("Personal adviser").select_option(label="Ola Adeyemi")
    fill_date(page, "started_on", D(2026, 11, 2))
    fill_date(page, "pathway_plan_on", D(2026, 11, 20))
    page.get_by_role("button", name="Start support").click()
    expect(page.get_by_text("Leaving-care support started")).to_be_visible()
    expect(page.locator("#leaving-care + dl")).to_contain_text("Ola Adeyemi")
    # Reviewed within 6 months of the plan.
    expect(duty_row(page, "pathway_plan")).to_contain_text("20 May 2027")
    assert young.leaving_care.get().personal_adviser_id == adviser.pk
