"""Permission-checked loads: fetch a record and check the worker may see it, in one call.

Each raises the same `Http404` subclass for a record that does not exist and for one the worker
may not see, so guessing ids reveals nothing about which records exist. Each writes the read audit.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404

from hearth.access.models import AccessGrant
from hearth.access.rules import can_grant_access, can_seal_record
from hearth.access.selectors import visible_people
from hearth.audit.models import AccessPurpose
from hearth.audit.services import record_access_write
from hearth.organisation.models import Worker
from hearth.people.models import Person


class PersonNotFound(Http404):
    """Raised alike for a record that does not exist and one the worker may not see.

    One error for both, so that guessing ids reveals nothing about which records exist.
    """


class GrantNotFound(Http404):
    """Raised alike for a grant that does not exist and one the worker may not manage."""


def access_person(
    worker: Worker,
    person_id: int,
    *,
    purpose: AccessPurpose,
    path: str = "",
    rule: Callable[[Worker, Person], bool] | None = None,
) -> Person:
    """Load a person the worker may see, and log the view in the record's access log.

    `rule`, when given, is an action predicate from `hearth.access.rules` (for example
    `can_view_history`) that must also hold; a worker who can see the record but may not do the
    action gets the same `PersonNotFound`, and nothing is logged. `path` (the request path) is
    stored with the log entry.
    """
    person = visible_people(worker).filter(pk=person_id).first()
    if person is None or (rule is not None and not rule(worker, person)):
        raise PersonNotFound("No such person")
    record_access_write(worker=worker, person=person, purpose=purpose, path=path)
    return person


def access_sealable_record(worker: Worker, person_id: int, *, path: str = "") -> Person:
    """Load a record to manage its seal and grants, without the right to read it.

    For administrators only (`can_seal_record`). A sealed record is loaded even though the
    administrator cannot see it: pages built on this show the record's reference and its grants,
    never its contents. An unsealed record must be visible to the administrator. The load is
    logged in the record's access log (purpose `MANAGE_ACCESS`).
    """
    if not (can_seal_record(worker) and can_grant_access(worker)):
        raise PersonNotFound("No such person")
    person = Person.objects.filter(pk=person_id, is_sealed=True).first()
    if person is None:
        person = visible_people(worker).filter(pk=person_id).first()
    if person is None:
        raise PersonNotFound("No such person")
    record_access_write(
        worker=worker, person=person, purpose=AccessPurpose.MANAGE_ACCESS, path=path
    )
    return person


def access_grant(worker: Worker, person: Person, grant_id: int) -> AccessGrant:
    """Load one of `person`'s grants for an administrator to revoke."""
    if not can_grant_access(worker):
        raise GrantNotFound("No such grant")
    grant = AccessGrant.objects.filter(pk=grant_id, person=person).first()
    if grant is None:
        raise GrantNotFound("No such grant")
    return grant
