"""Issue 2: sign in, search for a child, open the record, and see the view in its access log."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from hearth.audit.models import RecordAccess
from hearth.organisation.models import Role
from hearth.people.tests.factories import (
    PASSWORD,
    AllocationFactory,
    PersonFactory,
    TeamFactory,
    TeamMembershipFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, username: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_manager_finds_child_by_misspelt_name_and_sees_own_view_in_access_log(page: Page) -> None:
    team = TeamFactory.create(name="Assessment team north")
    manager = WorkerFactory.create(
        username="maria", first_name="Maria", last_name="Okafor", role=Role.TEAM_MANAGER
    )
    TeamMembershipFactory.create(worker=manager, team=team, is_manager=True)
    child = PersonFactory.create(
        given_name="Kacper", family_name="Wiśniewski", date_of_birth=dt.date(2016, 3, 14)
    )
    AllocationFactory.create(child=child, team=team)
    PersonFactory.create(given_name="Kacper", family_name="Nowak")  # not this team's child

    sign_in(page, "maria")
    page.get_by_role("link", name="People").click()
    page.get_by_label("Name").fill("Kasper Wisniewski")  # a typo and no accent
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    page.get_by_role("link", name="Kacper Wiśniewski").click()
    expect(page.get_by_role("heading", name="Kacper Wiśniewski")).to_be_visible()

    page.get_by_role("link", name="Who has viewed this record").click()
    log = page.get_by_role("table")
    expect(log).to_contain_text("Maria Okafor")
    expect(log).to_contain_text("Viewed the record")

    views = RecordAccess.objects.filter(person_id=child.pk, worker_id=manager.pk)
    assert set(views.values_list("purpose", flat=True)) >= {"view_record", "view_audit"}


def test_worker_cannot_open_a_child_outside_their_team_by_guessing_the_url(page: Page) -> None:
    worker = WorkerFactory.create(username="sam")
    TeamMembershipFactory.create(worker=worker, team=TeamFactory.create())
    other_child = PersonFactory.create()
    AllocationFactory.create(child=other_child, team=TeamFactory.create())

    sign_in(page, "sam")
    response = page.goto(f"/people/{other_child.pk}/")
    assert response is not None and response.status == 404
    assert not RecordAccess.objects.filter(person_id=other_child.pk).exists()
