import datetime as dt

import pytest
from django.utils import timezone

from hearth.access.selectors import visible_addresses, visible_people
from hearth.access.tests.factories import (
    AccessGrantFactory,
    AllocationFactory,
    PersonFactory,
    RelationshipFactory,
)
from hearth.organisation.models import Role, TeamScope
from hearth.organisation.tests.factories import (
    TeamFactory,
    TeamMembershipFactory,
    WorkerFactory,
)
from hearth.people.models import Address

pytestmark = pytest.mark.django_db


def member_of(team, **kwargs):
    return TeamMembershipFactory.create(team=team, **kwargs).worker


def test_sealed_record_is_hidden_from_an_administrator_and_a_superuser_without_a_grant():
    sealed = PersonFactory.create(is_sealed=True)
    open_record = PersonFactory.create()
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    superuser = WorkerFactory.create(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    for worker in (admin, superuser):
        seen = set(visible_people(worker))
        assert open_record in seen
        assert sealed not in seen


def test_sealed_record_is_visible_with_a_live_grant_and_hidden_after_revoke_or_expiry():
    grant = AccessGrantFactory.create()
    worker, person = grant.worker, grant.person
    assert person in visible_people(worker)

    grant.revoked_at = timezone.now()
    grant.save()
    assert person not in visible_people(worker)

    expired = AccessGrantFactory.create(
        person=person, worker=worker, expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert expired.person not in visible_people(worker)


def test_grant_to_one_worker_does_not_open_the_record_to_others():
    grant = AccessGrantFactory.create(worker__role=Role.ADMINISTRATOR)
    other_admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    assert grant.person not in visible_people(other_admin)


def test_team_sees_allocated_children_only():
    team, other_team = TeamFactory.create(), TeamFactory.create()
    ours = AllocationFactory.create(team=team).child
    theirs = AllocationFactory.create(team=other_team).child
    worker = member_of(team)
    seen = set(visible_people(worker))
    assert ours in seen
    assert theirs not in seen


def test_people_linked_by_relationship_to_an_allocated_child_are_visible_from_both_sides():
    team = TeamFactory.create()
    child = AllocationFactory.create(team=team).child
    parent = RelationshipFactory.create(other=child).person  # parent is recorded as `person`
    sibling = RelationshipFactory.create(person=child, kind="sibling").other
    stranger = PersonFactory.create()
    worker = member_of(team)
    seen = set(visible_people(worker))
    assert {child, parent, sibling} <= seen
    assert stranger not in seen


def test_sealed_relative_of_an_allocated_child_stays_hidden():
    team = TeamFactory.create()
    child = AllocationFactory.create(team=team).child
    sealed_parent = RelationshipFactory.create(other=child, person__is_sealed=True).person
    assert sealed_parent not in visible_people(member_of(team))


def test_ended_allocation_membership_or_employment_removes_sight():
    team = TeamFactory.create()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    ended = AllocationFactory.create(team=team, ended_on=yesterday).child
    current = AllocationFactory.create(team=team).child
    worker = member_of(team)
    assert ended not in visible_people(worker)
    assert current in visible_people(worker)

    left = member_of(team, ended_on=yesterday)
    assert current not in visible_people(left)

    contract_over = member_of(team, worker__ended_on=yesterday)
    assert not visible_people(contract_over).exists()

    closed = member_of(team, worker__is_active=False)
    assert not visible_people(closed).exists()


def test_council_wide_team_and_analyst_see_every_unsealed_record():
    front_door = TeamFactory.create(scope=TeamScope.COUNCIL)
    person = PersonFactory.create()
    sealed = PersonFactory.create(is_sealed=True)
    analyst = WorkerFactory.create(role=Role.PERFORMANCE_ANALYST)
    for worker in (member_of(front_door), analyst):
        seen = set(visible_people(worker))
        assert person in seen
        assert sealed not in seen


def test_sealed_address_needs_a_grant():
    person = PersonFactory.create()
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    home = Address.objects.create(
        person=person, line_1="1 High Street", postcode="HD1 1AA", started_on=dt.date(2024, 1, 1)
    )
    refuge = Address.objects.create(
        person=person,
        line_1="Refuge",
        postcode="HD1 2BB",
        started_on=dt.date(2025, 1, 1),
        is_sealed=True,
    )
    assert set(visible_addresses(admin)) == {home}
    AccessGrantFactory.create(person=person, worker=admin)
    assert set(visible_addresses(admin)) == {home, refuge}
