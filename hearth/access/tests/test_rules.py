import datetime as dt

import pytest
from django.utils import timezone

from hearth.access.rules import (
    can,
    can_authorise,
    can_grant_access,
    can_manage_closure_days,
    can_view_access_log,
    can_view_history,
)
from hearth.access.tests.factories import AllocationFactory, PersonFactory, RelationshipFactory
from hearth.organisation.models import Role
from hearth.organisation.tests.factories import TeamMembershipFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def test_team_manager_may_see_history_of_people_their_team_reaches():
    allocation = AllocationFactory.create()
    manager = TeamMembershipFactory.create(
        team=allocation.team, is_manager=True, worker__role=Role.TEAM_MANAGER
    ).worker
    member = TeamMembershipFactory.create(team=allocation.team).worker
    parent = RelationshipFactory.create(other=allocation.child).person
    elsewhere = PersonFactory.create()
    assert can_view_history(manager, allocation.child)
    assert can_view_access_log(manager, parent)
    assert not can_view_history(manager, elsewhere)
    assert not can_view_history(member, allocation.child)
    assert can_authorise(manager, allocation.child)
    assert not can_authorise(manager, parent)
    assert not can_authorise(member, allocation.child)


def test_administrator_actions_depend_on_role_not_superuser_flag():
    person = PersonFactory.create()
    admin = WorkerFactory.create(role=Role.ADMINISTRATOR)
    superuser = WorkerFactory.create(is_superuser=True, is_staff=True)
    assert can_grant_access(admin) and can_manage_closure_days(admin)
    assert can_view_history(admin, person)
    assert not can_grant_access(superuser)
    assert not can_view_history(superuser, person)
    assert can(admin, "access.grant")


def test_nothing_is_allowed_after_employment_ends():
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    former = WorkerFactory.create(role=Role.ADMINISTRATOR, ended_on=yesterday)
    assert not can_grant_access(former)
    assert not can_view_history(former, PersonFactory.create())
