"""A sibling group from a contact to a child protection plan and a first core group, in a browser.

Sam (a social worker in the MASH and the assessment team) records the contact once for Tayo and
Kemi, decides for each child, allocates them, and completes each child's steps on the practice
engine's step page; Ada (their manager) authorises the MASH decisions, the assessments and the
s47 outcomes. Events are recorded on known past dates, so every due date the pages show is checked
against dates worked out by hand, across the summer bank holiday (Monday 31 August 2026):

* contact Fri 28 Aug 2026: decision due Tue 1 Sep (1 working day; weekend and bank holiday);
* referral Tue 1 Sep: referral step due Wed 2 Sep; assessment due Tue 3 Nov (45 working days);
* assessment done Fri 11 Sep, strategy discussion due Mon 14 Sep (1 working day);
* strategy discussion Mon 14 Sep: s47 due Mon 28 Sep (10 WD), ICPC due Mon 5 Oct (15 WD);
* ICPC Thu 1 Oct: first core group due Thu 15 Oct (10 WD), first review Fri 1 Jan 2027 (3 months);
* core group Tue 13 Oct: the next one due Tue 10 Nov (20 WD), overdue by now.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from hearth.casework.models import ChildProtectionPlan, CoreGroup
from hearth.casework.tests.factories import TeamMembershipFactory
from hearth.casework.tests.journey import publish_restorative, setting
from hearth.frontdoor.models import Contact, ContactPerson
from hearth.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password-1"


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.locator(f'[name="{name}-day"]').fill(str(day.day))
    page.locator(f'[name="{name}-month"]').fill(str(day.month))
    page.locator(f'[name="{name}-year"]').fill(str(day.year))


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def answer(page: Page, name: str, text: str) -> None:
    page.locator(f'[name="{name}"]').fill(text)


def open_step(page: Page, base_url: str, child: Person, title: str, due: str) -> None:
    """From the child's case page, check the step's due date and open it."""
    page.goto(f"{base_url}/casework/children/{child.pk}/")
    link = page.get_by_role("link", name=title, exact=True)
    expect(page.locator("tr", has=link)).to_contain_text(due)
    link.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text(due)


def authorise_all(page: Page, base_url: str, expected: int) -> None:
    """As the manager: authorise every piece of work waiting in the tray."""
    page.goto(f"{base_url}/casework/tray/")
    queue = page.locator("table", has_text="Awaiting your authorisation")
    links = queue.locator("tbody a[href^='/practice/steps/']")
    expect(links).to_have_count(expected)
    for href in [links.nth(i).get_attribute("href") for i in range(expected)]:
        page.goto(f"{base_url}{href}")
        choose(page, "decision", "approve")
        page.get_by_role("button", name="Record decision").click()
        expect(page.get_by_text("decision recorded")).to_be_visible()


def test_siblings_from_contact_to_cp_plan_and_first_core_group(
    page: Page, browser: Browser, base_url: str
) -> None:
    publish_restorative()
    world = setting()
    sam, ada = world.social_worker, world.manager
    TeamMembershipFactory.create(worker=sam, team=world.mash)
    TeamMembershipFactory.create(worker=ada, team=world.mash, is_manager=True)
    tayo, kemi = world.children
    manager = browser.new_context(base_url=base_url).new_page()
    sign_in(page, base_url, "sam")
    sign_in(manager, base_url, "ada")

    # The front door: one contact about both children, their mother involved.
    page.goto(f"{base_url}/front-door/contacts/new/")
    page.get_by_label("Find a person by name").fill("Adebayo")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("button", name="Add as a child Tayo Adebayo").click()
    page.get_by_role("button", name="Add as a child Kemi Adebayo").click()
    page.locator(f"#involvement-{world.mother.pk}").select_option("parent_carer")
    page.get_by_role("button", name="Add as involved Grace Adebayo").click()
    fill_date(page, "received_on", dt.date(2026, 8, 28))
    page.get_by_label("Time received").fill("10:30")
    page.get_by_label("Source of the contact").select_option("2A")
    page.get_by_label("Name of the person contacting us").fill("Ms Okoro, head teacher")
    page.get_by_label("What are they worried about?").fill(
        "Tayo has a bruise on his arm and says his father hit him; Kemi is often hungry."
    )
    page.get_by_role("button", name="Record contact").click()
    expect(page.get_by_text("Contact recorded")).to_be_visible()
    expect(page.locator(".govuk-summary-list").first).to_contain_text("1 September 2026")
    contact = Contact.objects.get()
    assert contact.subjects.count() == 2
    assert ContactPerson.objects.get(contact=contact).person == world.mother

    # The MASH: partner checks once for the family, a decision for each child.
    answer(page, "police_information", "Two domestic abuse call-outs to the address this year.")
    answer(page, "education_information", "Kemi often arrives at school without breakfast.")
    choose(page, "rag_rating", "red")
    answer(page, "rag_rationale", "Injury to a child, disclosure of being hit.")
    for child in (tayo, kemi):
        choose(page, f"decision-{child.pk}", "referral")
        answer(page, f"decision_rationale-{child.pk}", f"{child.given_name} may be at risk.")
    fill_date(page, "_completed_on", dt.date(2026, 9, 1))
    page.get_by_role("button", name="Send for authorisation").click()
    expect(page.get_by_text("Front door decisions recorded")).to_be_visible()
    authorise_all(manager, base_url, 2)

    for child in (tayo, kemi):
        # Allocation to Sam in the assessment team (the open work follows the child).
        page.goto(f"{base_url}/casework/children/{child.pk}/allocate/")
        page.get_by_label("Team").select_option(label="Assessment team")
        page.get_by_label("Allocated worker").select_option(label="Sam Tester")
        fill_date(page, "started_on", dt.date(2026, 9, 1))
        page.get_by_label("Why").fill("Referral accepted")
        page.get_by_role("button", name="Allocate").click()
        expect(page.get_by_text("Allocation recorded")).to_be_visible()

        open_step(page, base_url, child, "Referral", "2 September 2026")
        fill_date(page, "cin_referral_date", dt.date(2026, 9, 1))
        choose(page, "referral_source", "2A")
        choose(page, "primary_need_code", "N1")
        choose(page, "family_told", "yes")
        choose(page, "response", "assessment")
        fill_date(page, "_completed_on", dt.date(2026, 9, 1))
        page.get_by_role("button", name="Complete").click()
        expect(page.get_by_text("Referral saved")).to_be_visible()

        open_step(page, base_url, child, "Child and family assessment", "3 November 2026")
        answer(page, "childs_voice", f"{child.given_name} was seen at school and at home.")
        answer(page, "working_well", "Their mother is warm and protective.")
        answer(page, "worries", "Physical chastisement by their father.")
        choose(page, "assessment_factors", "18C")
        choose(page, "primary_need_code", "N1")
        choose(page, "recommendation", "strategy")
        fill_date(page, "_completed_on", dt.date(2026, 9, 11))
        page.get_by_role("button", name="Send for authorisation").click()
        expect(page.get_by_text("Child and family assessment saved")).to_be_visible()

    authorise_all(manager, base_url, 2)

    for child in (tayo, kemi):
        open_step(page, base_url, child, "Strategy discussion", "14 September 2026")
        fill_date(page, "strategy_discussion_date", dt.date(2026, 9, 14))
        for agency in ("csc", "police", "health"):
            choose(page, "agencies", agency)
        choose(page, "s47_required", "yes")
        answer(page, "rationale", "Disclosure of physical harm.")
        fill_date(page, "_completed_on", dt.date(2026, 9, 14))
        page.get_by_role("button", name="Complete").click()
        expect(page.get_by_text("Strategy discussion saved")).to_be_visible()

        open_step(page, base_url, child, "Section 47 enquiry", "28 September 2026")
        answer(page, "findings", "Bruising consistent with the account.")
        answer(page, "family_view", "Mother agrees there is a problem.")
        choose(page, "icpc_needed", "yes")
        fill_date(page, "_completed_on", dt.date(2026, 9, 24))
        page.get_by_role("button", name="Send for authorisation").click()
        expect(page.get_by_text("Section 47 enquiry saved")).to_be_visible()

    authorise_all(manager, base_url, 2)

    for child in (tayo, kemi):
        open_step(page, base_url, child, "Initial child protection conference", "5 October 2026")
        fill_date(page, "date_of_initial_cpc", dt.date(2026, 10, 1))
        choose(page, "conference_outcome", "plan")
        choose(page, "category", "PHY")
        fill_date(page, "_completed_on", dt.date(2026, 10, 1))
        page.get_by_role("button", name="Complete").click()
        expect(page.get_by_text("Initial child protection conference saved")).to_be_visible()

        page.goto(f"{base_url}/casework/children/{child.pk}/")
        review = page.get_by_role("link", name="Review child protection conference", exact=True)
        expect(page.locator("tr", has=review)).to_contain_text("1 January 2027")
        open_step(page, base_url, child, "Core group meeting", "15 October 2026")
        fill_date(page, "core_group_date", dt.date(2026, 10, 13))
        choose(page, "agencies", "csc")
        choose(page, "agencies", "health")
        answer(page, "summary", "The plan is under way; the family attended.")
        fill_date(page, "_completed_on", dt.date(2026, 10, 13))
        page.get_by_role("button", name="Complete").click()
        expect(page.get_by_text("Core group meeting saved")).to_be_visible()

        # The next core group counts from the one actually held: overdue by now.
        page.goto(f"{base_url}/casework/children/{child.pk}/")
        link = page.get_by_role("link", name="Core group meeting", exact=True).first
        row = page.locator("table", has_text="Open work").locator("tr", has=link)
        expect(row).to_contain_text("10 November 2026")
        expect(row).to_contain_text("Overdue")
        expect(page.locator("#principles")).to_contain_text("Child protection plan")

        plan = ChildProtectionPlan.objects.get(episode__child=child)
        assert plan.start_date == dt.date(2026, 10, 1)
        assert plan.initial_category == "PHY"
        assert plan.first_core_group_due_on == dt.date(2026, 10, 15)
        assert CoreGroup.objects.get(cp_plan=plan).held_on == dt.date(2026, 10, 13)

    # The chronology shows the family's journey and prints without the navigation.
    page.goto(f"{base_url}/casework/children/{kemi.pk}/chronology/")
    table = page.locator("table.hearth-chronology")
    for text in (
        "Contact from Schools",
        "Referral from Schools",
        "Strategy discussion",
        "Initial child protection conference: child protection plan",
        "Core group meeting",
    ):
        expect(table).to_contain_text(text)
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()

    # The manager's team view: both children on Sam's caseload.
    manager.goto(f"{base_url}/casework/team/")
    caseloads = manager.locator("table", has_text="Caseloads")
    expect(caseloads.locator("tr", has_text="Sam Tester")).to_contain_text("2")
    manager.context.close()
    assert Contact.objects.count() == 1
