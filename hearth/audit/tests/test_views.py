import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.access.tests.factories import AllocationFactory, PersonFactory
from hearth.audit.context import change_context
from hearth.audit.models import AccessPurpose, RecordAccess
from hearth.organisation.models import Role
from hearth.organisation.tests.factories import TeamMembershipFactory, WorkerFactory
from hearth.people.models import Address, Person

pytestmark = pytest.mark.django_db


def signed_in(worker) -> Client:
    client = Client()
    client.force_login(worker)
    return client


def test_history_shows_who_changed_the_record_when_and_why_with_field_changes():
    allocation = AllocationFactory.create()
    child = allocation.child
    manager = TeamMembershipFactory.create(
        team=allocation.team, is_manager=True, worker__role=Role.TEAM_MANAGER
    ).worker
    social_worker = WorkerFactory.create(first_name="Priya", last_name="Shah")
    with change_context(social_worker, "Birth certificate seen"):
        Person.objects.filter(pk=child.pk).update(given_name="Jonathan")
    with change_context(social_worker, "Moved to grandmother's"):
        Address.objects.create(
            person=child, line_1="2 Mill Lane", postcode="HD2 2BB", started_on=dt.date(2026, 1, 1)
        )

    response = signed_in(manager).get(reverse("audit:person-history", args=[child.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Priya Shah" in page
    assert "Birth certificate seen" in page
    assert "Jonathan" in page
    assert "Moved to grandmother" in page  # apostrophe is escaped in HTML
    assert "2 Mill Lane" in page
    assert "govuk-table" in page
    assert RecordAccess.objects.filter(
        person_id=child.pk, worker_id=manager.pk, purpose=AccessPurpose.VIEW_HISTORY
    ).exists()


def test_sealed_address_is_hidden_in_history_without_a_grant():
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    person = PersonFactory.create()
    with change_context(admin, "Fled to a refuge"):
        Address.objects.create(
            person=person,
            line_1="Refuge Road",
            postcode="HD9 9ZZ",
            started_on=dt.date(2026, 2, 1),
            is_sealed=True,
        )
    page = signed_in(admin).get(reverse("audit:person-history", args=[person.pk]))
    assert "Refuge Road" not in page.content.decode()
    assert "Sealed address: hidden" in page.content.decode()


def test_view_of_a_record_appears_in_its_access_log():
    allocation = AllocationFactory.create()
    manager = TeamMembershipFactory.create(team=allocation.team, is_manager=True).worker
    member = TeamMembershipFactory.create(
        team=allocation.team, worker__first_name="Sam", worker__last_name="Viewer"
    ).worker
    assert (
        signed_in(member).get(reverse("people:detail", args=[allocation.child.pk])).status_code
        == 200
    )

    page = signed_in(manager).get(reverse("audit:person-access-log", args=[allocation.child.pk]))
    text = page.content.decode()
    assert "Sam Viewer" in text
    assert "Viewed the record" in text
    assert "Viewed who has seen the record" in text  # this visit is itself logged


def test_team_member_who_is_not_a_manager_gets_404_for_history_and_log_and_nothing_is_logged():
    allocation = AllocationFactory.create()
    member = TeamMembershipFactory.create(team=allocation.team).worker
    client = signed_in(member)
    for name in ("audit:person-history", "audit:person-access-log"):
        assert client.get(reverse(name, args=[allocation.child.pk])).status_code == 404
    assert not RecordAccess.objects.filter(person_id=allocation.child.pk).exists()


def test_access_log_is_paginated():
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    person = PersonFactory.create()
    RecordAccess.objects.bulk_create(
        RecordAccess(
            worker_id=admin.pk, worker_name="Bulk", person_id=person.pk, purpose="view_record"
        )
        for _ in range(60)
    )
    client = signed_in(admin)
    first = client.get(reverse("audit:person-access-log", args=[person.pk])).content.decode()
    assert "govuk-pagination" in first
    second = client.get(reverse("audit:person-access-log", args=[person.pk]) + "?page=2")
    assert second.status_code == 200
