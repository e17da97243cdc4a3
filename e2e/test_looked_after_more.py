"""More looked-after journeys in a real browser: an SDQ, a health assessment and a decision to
place for adoption for a child in care, and UASC status and a birthday contact for a care leaver.

Due dates on screen are checked against dates worked out by hand. Today is 22 November 2026.
Amira became looked after on Monday 18 August 2025, so the summer bank holiday on Monday 25
August 2025 falls inside her first 20 working days.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from hearth.casework.models import Allocation
from hearth.lookedafter import services
from hearth.organisation.models import Role, TeamMembership
from hearth.people.tests.factories import PASSWORD, PersonFactory, TeamFactory, WorkerFactory
from hearth.timescales import calendar
from hearth.timescales.models import NonWorkingDay
from hearth.timescales.seed import england_bank_holidays

pytestmark = pytest.mark.django_db(transaction=True)

D = dt.date


@pytest.fixture
def bank_holidays() -> None:
    """The bank holidays the deadlines below skip, whatever earlier journeys left in the table."""
    for holiday in england_bank_holidays(2025, 2027):
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


def test_sdq_health_assessment_uasc_adoption_decision_and_birthday_contact(  # noqa: PLR0915 (one journey)
    page: Page, bank_holidays: None
) -> None:
    team = TeamFactory.create(name="Children in care south")
    worker = WorkerFactory.create(
        username="sam", first_name="Sam", last_name="Okafor", role=Role.SOCIAL_WORKER
    )
    TeamMembership.objects.create(worker=worker, team=team, started_on=D(2020, 1, 1))
    amira = PersonFactory.create(
        given_name="Amira", family_name="Haddad", date_of_birth=D(2020, 4, 10)
    )
    yusuf = PersonFactory.create(
        given_name="Yusuf", family_name="Karimi", date_of_birth=D(2007, 12, 10)
    )
    for child in (amira, yusuf):
        Allocation.objects.create(child=child, team=team, worker=worker, started_on=D(2023, 1, 1))
    foster = services.PlacementDetails(
        placement_type="U6",
        provider="PR1",
        carer_name="Mr and Mrs Hussain",
        ofsted_urn="SC123456",
        postcode="HD8 9LS",
    )
    services.care_start(
        actor=worker,
        child=amira,
        started_on=D(2025, 8, 18),
        category_of_need="N1",
        legal_status="C2",
        placement=foster,
        home_postcode="HD1 2TA",
        reason="Care order",
    )
    period = services.care_start(
        actor=worker,
        child=yusuf,
        started_on=D(2023, 5, 1),
        category_of_need="N8",
        legal_status="V2",
        placement=foster,
        home_postcode="",
        reason="Accommodated",
    )
    services.care_cease(
        actor=worker, period=period, ended_on=D(2025, 12, 10), reason_ceased="E17", reason="18"
    )

    sign_in(page, "sam")
    page.goto(f"/looked-after/{amira.pk}/")
    # 20 working days from Mon 18 Aug 2025, skipping Mon 25 Aug: Tue 16 Sep 2025.
    expect(duty_row(page, "health_assessment")).to_contain_text("16 September 2025")
    expect(duty_row(page, "health_assessment")).to_contain_text("Overdue")
    # Looked after for 12 months on 18 August 2026, aged 4 to 16: the first SDQ was due then.
    expect(duty_row(page, "sdq")).to_contain_text("18 August 2026")

    page.get_by_role("link", name="Record an SDQ").click()
    fill_date(page, "completed_on", D(2026, 11, 16))
    page.get_by_label("Total difficulties score (optional)").fill("41")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="The score must be between 0 and 40")).to_be_visible()
    expect(page.get_by_label("Total difficulties score (optional)")).to_have_value("41")
    expect(page.locator("#id_completed_on_day")).to_have_value("16")
    page.get_by_label("Total difficulties score (optional)").fill("14")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("SDQ recorded")).to_be_visible()
    expect(page.locator("#sdq-scores")).to_contain_text("16 November 2026")
    expect(page.locator("#sdq-scores")).to_contain_text("14")
    # Yearly from the SDQ as done.
    expect(duty_row(page, "sdq")).to_contain_text("16 November 2027")
    expect(duty_row(page, "sdq")).to_contain_text("In time")

    page.get_by_role("link", name="Record a health assessment").click()
    page.get_by_label("Initial health assessment").check()
    fill_date(page, "completed_on", D(2025, 9, 12))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#health-assessments")).to_contain_text(
        "Initial health assessment: 12 September 2025"
    )
    # Amira was 5 on the day, so the review is yearly: 12 September 2026, now overdue.
    expect(duty_row(page, "health_assessment")).to_contain_text("12 September 2026")
    expect(duty_row(page, "health_assessment")).to_contain_text("Review health assessment")
    expect(page.locator("[data-due='health_assessment']")).to_contain_text(
        "Review health assessment due by 12 September 2026"
    )

    page.get_by_role("link", name="Record a decision to place for adoption").click()
    fill_date(page, "decided_on", D(2026, 12, 5))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="The date must not be in the future.")).to_be_visible()
    expect(page.locator("#id_decided_on_month")).to_have_value("12")
    fill_date(page, "decided_on", D(2026, 10, 5))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Decision to place for adoption recorded")).to_be_visible()
    expect(page.locator("#adoption-record")).to_contain_text(
        "Decision to place for adoption: 5 October 2026"
    )
    expect(page.get_by_role("link", name="Record a match with adopters")).to_be_visible()
    expect(page.get_by_role("link", name="Record a decision to place for adoption")).to_have_count(
        0
    )

    page.goto(f"/looked-after/{yusuf.pk}/")
    expect(page.locator("#uasc-dolo-summary")).to_contain_text("No")
    page.get_by_role("link", name="Record UASC status").click()
    fill_date(page, "ceased_on", D(2026, 1, 5))
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role(
            "link", name="UASC status ceases on or before the 18th birthday (rule 304)."
        )
    ).to_be_visible()
    expect(page.locator("#id_ceased_on_year")).to_have_value("2026")
    fill_date(page, "ceased_on", D(2025, 12, 10))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("UASC status ceased on 10 December 2025")).to_be_visible()
    expect(page.locator("#uasc-dolo-summary")).to_contain_text(
        "Yes, status ceased 10 December 2025"
    )

    # Yusuf left care on his 18th birthday, so that birthday's contact was due a month later;
    # the window for his 19th (10 December 2026) opened on 10 September: due by 10 January 2027.
    contacts = page.locator("#birthday-contacts")
    expect(contacts.locator("tr[data-birthday='18']")).to_contain_text("Due by 10 January 2026")
    expect(contacts.locator("tr[data-birthday='19']")).to_contain_text("Due by 10 January 2027")
    expect(duty_row(page, "birthday_contact_19")).to_contain_text("10 January 2027")
    contacts.locator("tr[data-birthday='19']").get_by_role("link").click()
    expect(page.get_by_label("Which birthday is the contact around?")).to_have_value("19")
    fill_date(page, "contacted_on", D(2026, 11, 20))
    page.get_by_label("Is the council in touch with the young person?").select_option("YES")
    page.get_by_label("Main activity").select_option("F5")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role(
            "link", name="Choose the accommodation: the council is in touch (rule 153)"
        )
    ).to_be_visible()
    expect(page.get_by_label("Main activity")).to_have_value("F5")
    page.get_by_label("Accommodation").select_option("D1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Contact around the 19th birthday recorded")).to_be_visible()
    row = page.locator("#birthday-contacts tr[data-birthday='19']")
    expect(row).to_contain_text("20 November 2026")
    expect(row).to_contain_text("Yes")
    expect(row).to_contain_text("F5: Training or employment, full time")
    expect(duty_row(page, "birthday_contact_19")).to_have_count(0)
    expect(duty_row(page, "birthday_contact_18")).to_contain_text("Overdue")
