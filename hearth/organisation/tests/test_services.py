import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pghistory.models import Context

from hearth.access.selectors import current_team_ids
from hearth.organisation.models import EmploymentType, Role, TeamScope
from hearth.organisation.selectors import team_list, team_members, worker_list
from hearth.organisation.services import (
    service_create,
    team_create,
    team_membership_end,
    team_membership_start,
    worker_create,
    worker_employment_end,
)
from hearth.organisation.tests.factories import TeamFactory, WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return WorkerFactory.create(role=Role.ADMINISTRATOR)


def test_administrator_builds_a_service_team_and_worker_with_who_and_why(admin):
    service = service_create(actor=admin, name="Front door", reason="New structure")
    team = team_create(
        actor=admin, service=service, name="MASH", scope=TeamScope.COUNCIL, reason="New team"
    )
    worker = worker_create(
        actor=admin,
        username="jagency",
        first_name="Jo",
        last_name="Agency",
        role=Role.SOCIAL_WORKER,
        employment_type=EmploymentType.AGENCY,
        started_on=dt.date(2026, 11, 2),
        ended_on=dt.date(2027, 2, 26),
        social_worker_id="SW123456",
        reason="Agency cover for maternity leave",
    )
    assert not worker.has_usable_password()
    membership = team_membership_start(
        actor=admin, worker=worker, team=team, started_on=dt.date(2026, 11, 2), reason="Joined"
    )
    assert list(team_members(team=team)) == [membership]
    assert team_list().get(pk=team.pk).member_count == 1  # type: ignore[attr-defined]
    event = worker.events.get(pgh_label="insert")  # type: ignore[attr-defined]
    metadata = Context.objects.get(pk=event.pgh_context_id).metadata
    assert metadata == metadata | {"user": admin.pk, "reason": "Agency cover for maternity leave"}


def test_only_administrators_change_the_organisation():
    manager = WorkerFactory.create(role=Role.TEAM_MANAGER, is_superuser=True)
    with pytest.raises(PermissionDenied):
        service_create(actor=manager, name="Anything", reason="x")


def test_bad_input_gets_field_level_messages(admin):
    with pytest.raises(ValidationError) as error:
        worker_create(
            actor=admin,
            username=" ",
            first_name="",
            last_name="",
            role=Role.SOCIAL_WORKER,
            started_on=dt.date(2026, 1, 1),
            ended_on=dt.date(2025, 1, 1),
            reason="Starter",
        )
    assert set(error.value.message_dict) == {"username", "first_name", "last_name", "ended_on"}
    with pytest.raises(ValidationError) as error:
        service_create(actor=admin, name="Front door", reason="")
    assert "reason" in error.value.message_dict


def test_membership_cannot_overlap_and_ends(admin):
    team, worker = TeamFactory.create(), WorkerFactory.create()
    membership = team_membership_start(
        actor=admin, worker=worker, team=team, started_on=dt.date(2026, 1, 1), reason="Joined"
    )
    with pytest.raises(ValidationError):
        team_membership_start(
            actor=admin, worker=worker, team=team, started_on=dt.date(2026, 6, 1), reason="Again"
        )
    team_membership_end(
        actor=admin, membership=membership, ended_on=dt.date(2026, 3, 31), reason="Moved team"
    )
    assert not current_team_ids(worker).exists()


def test_ending_employment_ends_open_memberships(admin):
    team, worker = TeamFactory.create(), WorkerFactory.create()
    team_membership_start(
        actor=admin, worker=worker, team=team, started_on=dt.date(2026, 1, 1), reason="Joined"
    )
    worker_employment_end(
        actor=admin, worker=worker, ended_on=dt.date(2026, 6, 30), reason="Contract ended"
    )
    listed = worker_list().get(pk=worker.pk)
    assert listed.ended_on == dt.date(2026, 6, 30)
    assert listed.memberships.get().ended_on == dt.date(2026, 6, 30)
