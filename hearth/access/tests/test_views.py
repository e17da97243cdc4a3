import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hearth.access.models import AccessGrant
from hearth.access.tests.factories import AccessGrantFactory, AllocationFactory, PersonFactory
from hearth.audit.models import AccessPurpose, RecordAccess
from hearth.organisation.models import Role
from hearth.organisation.tests.factories import TeamMembershipFactory, WorkerFactory
from hearth.people.models import Person

pytestmark = pytest.mark.django_db


def signed_in(worker) -> Client:
    client = Client()
    client.force_login(worker)
    return client


def test_guessing_the_url_of_a_child_outside_the_team_gives_the_same_404_as_a_missing_id():
    ours = AllocationFactory.create()
    theirs = AllocationFactory.create()
    worker = TeamMembershipFactory.create(team=ours.team).worker
    client = signed_in(worker)
    missing_id = Person.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]
    for name in ("people:detail", "audit:person-history", "audit:person-access-log"):
        forbidden = client.get(reverse(name, args=[theirs.child.pk]))
        missing = client.get(reverse(name, args=[missing_id]))
        assert forbidden.status_code == missing.status_code == 404
        assert forbidden.content == missing.content
    assert client.get(reverse("people:detail", args=[ours.child.pk])).status_code == 200
    assert not RecordAccess.objects.filter(person_id=theirs.child.pk).exists()


def test_sealed_record_pages_are_404_for_an_administrator_and_a_superuser_without_a_grant():
    sealed = PersonFactory.create(is_sealed=True)
    for worker in (
        WorkerFactory.create(role=Role.ADMINISTRATOR),
        WorkerFactory.create(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True),
    ):
        client = signed_in(worker)
        assert client.get(reverse("people:detail", args=[sealed.pk])).status_code == 404
        assert client.get(reverse("audit:person-history", args=[sealed.pk])).status_code == 404


def test_administrator_grants_and_revokes_access_through_the_pages_without_seeing_the_record():
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    social_worker = WorkerFactory.create(first_name="Robin", last_name="Adopt")
    sealed = PersonFactory.create(is_sealed=True, given_name="Hidden")
    client = signed_in(admin)

    page = client.get(reverse("access:grants", args=[sealed.pk])).content.decode()
    assert sealed.reference in page
    assert "Hidden" not in page

    response = client.post(
        reverse("access:grants", args=[sealed.pk]),
        {"worker": social_worker.pk, "expires_on": "", "reason": ""},
    )
    page = response.content.decode()
    assert "Enter the date access ends" in page
    assert "Enter why you are doing this" in page
    assert f'<option value="{social_worker.pk}" selected' in page  # nothing typed is lost

    expires = (dt.date.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")  # noqa: DTZ011
    response = client.post(
        reverse("access:grants", args=[sealed.pk]),
        {"worker": social_worker.pk, "expires_on": expires, "reason": "Adoption support"},
    )
    assert response.status_code == 302
    grant = AccessGrant.objects.get(person=sealed, worker=social_worker)
    assert (
        signed_in(social_worker).get(reverse("people:detail", args=[sealed.pk])).status_code == 200
    )

    response = client.post(
        reverse("access:grant-revoke", args=[sealed.pk, grant.pk]), {"reason": "Work done"}
    )
    assert response.status_code == 302
    assert (
        signed_in(social_worker).get(reverse("people:detail", args=[sealed.pk])).status_code == 404
    )
    assert RecordAccess.objects.filter(
        person_id=sealed.pk, worker_id=admin.pk, purpose=AccessPurpose.MANAGE_ACCESS
    ).exists()


def test_grant_pages_are_404_for_workers_who_are_not_administrators():
    grant = AccessGrantFactory.create()
    client = signed_in(WorkerFactory.create(role=Role.TEAM_MANAGER, is_superuser=True))
    assert client.get(reverse("access:grants", args=[grant.person.pk])).status_code == 404
    assert client.get(reverse("access:sealed-records")).status_code == 404
    url = reverse("access:grant-revoke", args=[grant.person.pk, grant.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_administrator_seals_a_record_through_the_page():
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    person = PersonFactory.create()
    client = signed_in(admin)
    response = client.post(reverse("access:seal", args=[person.pk]), {"reason": ""})
    assert "Enter why you are doing this" in response.content.decode()
    response = client.post(reverse("access:seal", args=[person.pk]), {"reason": "Adoption"})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).is_sealed
    listing = client.get(reverse("access:sealed-records")).content.decode()
    assert person.reference in listing
