import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pghistory.models import Context

from hearth.access.selectors import visible_people
from hearth.access.services import grant_create, grant_revoke, person_seal, person_unseal
from hearth.access.tests.factories import AccessGrantFactory, AllocationFactory, PersonFactory
from hearth.organisation.models import Role
from hearth.organisation.tests.factories import TeamMembershipFactory, WorkerFactory
from hearth.people.models import Person

pytestmark = pytest.mark.django_db


def in_a_week() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=7)


def admin():
    return WorkerFactory.create(role=Role.ADMINISTRATOR)


def test_administrator_grants_access_for_a_limited_time_and_revokes_it():
    actor, social_worker = admin(), WorkerFactory.create()
    person = PersonFactory.create(is_sealed=True)
    grant = grant_create(
        actor=actor,
        person=person,
        worker=social_worker,
        reason="Life story work",
        expires_at=in_a_week(),
    )
    assert person in visible_people(social_worker)
    grant_revoke(actor=actor, grant=grant, reason="Work finished")
    assert person not in visible_people(social_worker)
    events = grant.events.order_by("pgh_id")  # type: ignore[attr-defined]
    reasons = [Context.objects.get(pk=e.pgh_context_id).metadata["reason"] for e in events]
    assert reasons == ["Life story work", "Work finished"]


def test_only_administrators_grant_and_never_to_themselves():
    person = PersonFactory.create(is_sealed=True)
    manager = WorkerFactory.create(role=Role.TEAM_MANAGER, is_superuser=True)
    with pytest.raises(PermissionDenied):
        grant_create(
            actor=manager, person=person, worker=manager, reason="x", expires_at=in_a_week()
        )
    actor = admin()
    with pytest.raises(ValidationError) as error:
        grant_create(actor=actor, person=person, worker=actor, reason="x", expires_at=in_a_week())
    assert "worker" in error.value.message_dict


def test_grant_must_be_time_limited_give_a_reason_and_be_for_a_sealed_record():
    actor, worker = admin(), WorkerFactory.create()
    with pytest.raises(ValidationError) as error:
        grant_create(
            actor=actor,
            person=PersonFactory.create(),
            worker=worker,
            reason=" ",
            expires_at=timezone.now() + dt.timedelta(days=400),
        )
    assert set(error.value.message_dict) == {"reason", "expires_at", "person"}
    with pytest.raises(ValidationError) as error:
        grant_create(
            actor=actor,
            person=PersonFactory.create(is_sealed=True),
            worker=worker,
            reason="Adoption support",
            expires_at=timezone.now() - dt.timedelta(minutes=1),
        )
    assert error.value.message_dict["expires_at"] == ["The expiry date must be in the future"]


def test_revoke_needs_administrator_and_reason():
    grant = AccessGrantFactory.create()
    with pytest.raises(PermissionDenied):
        grant_revoke(actor=WorkerFactory.create(), grant=grant, reason="Because")
    with pytest.raises(ValidationError):
        grant_revoke(actor=admin(), grant=grant, reason="")


def test_sealing_hides_the_record_from_its_team_and_is_recorded_with_who_and_why():
    allocation = AllocationFactory.create()
    member = TeamMembershipFactory.create(team=allocation.team).worker
    child, actor = allocation.child, admin()
    assert child in visible_people(member)

    person_seal(actor=actor, person=child, reason="Placed for adoption")
    assert Person.objects.get(pk=child.pk).is_sealed
    assert child not in visible_people(member)
    assert child not in visible_people(actor)

    person_unseal(actor=actor, person=child, reason="Adoption order not made")
    assert child in visible_people(member)
    events = child.events.order_by("pgh_id")  # type: ignore[attr-defined]
    sealed_flags = [
        (e.is_sealed, Context.objects.get(pk=e.pgh_context_id).metadata)
        for e in events
        if e.pgh_label == "update"
    ]
    assert [(flag, m["reason"], m["user"]) for flag, m in sealed_flags] == [
        (True, "Placed for adoption", actor.pk),
        (False, "Adoption order not made", actor.pk),
    ]


def test_only_administrators_seal():
    with pytest.raises(PermissionDenied):
        person_seal(
            actor=WorkerFactory.create(is_superuser=True),
            person=PersonFactory.create(),
            reason="x",
        )
