"""Writes that change who may see a record: grants to sealed records, and sealing itself.

Every function checks its action rule (`hearth.access.rules`) and records who and why in the
change history (`hearth.audit.context.change_context`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.access.models import AccessGrant
from hearth.access.rules import can_grant_access, can_seal_record
from hearth.audit.context import change_context
from hearth.organisation.models import Worker
from hearth.people.models import Person

# Grants are time-limited: long enough for a piece of work, short enough to be reviewed.
MAX_GRANT_LENGTH = dt.timedelta(days=90)


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this is needed"})
    return reason


@transaction.atomic
def grant_create(
    *, actor: Worker, person: Person, worker: Worker, reason: str, expires_at: dt.datetime
) -> AccessGrant:
    """Let `worker` see `person`'s sealed record until `expires_at`, for `reason`.

    Only administrators may grant, and not to themselves: the person who decides who may see a
    sealed record must not be able to open it on their own say-so. Grants last at most
    `MAX_GRANT_LENGTH`. Raises `PermissionDenied` or a field-level `ValidationError`.
    """
    if not can_grant_access(actor):
        raise PermissionDenied("Only administrators may grant access to sealed records")
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Enter why this worker needs to see the record"
    now = timezone.now()
    if timezone.is_naive(expires_at):
        errors["expires_at"] = "Enter the expiry date and time with a time zone"
    elif expires_at <= now:
        errors["expires_at"] = "The expiry date must be in the future"
    elif expires_at > now + MAX_GRANT_LENGTH:
        errors["expires_at"] = f"A grant can last at most {MAX_GRANT_LENGTH.days} days"
    if worker.pk == actor.pk:
        errors["worker"] = "You cannot grant access to yourself; ask another administrator"
    elif not worker.is_active:
        errors["worker"] = "This worker's account is closed"
    if not person.is_sealed:
        errors["person"] = "This record is not sealed; grants are only for sealed records"
    if errors:
        raise ValidationError(errors)
    with change_context(actor, reason):
        return AccessGrant.objects.create(
            person=person,
            worker=worker,
            granted_by=actor,
            reason=reason.strip(),
            expires_at=expires_at,
        )


@transaction.atomic
def grant_revoke(*, actor: Worker, grant: AccessGrant, reason: str) -> AccessGrant:
    """End a grant now, for `reason`. Revoking an ended grant changes nothing."""
    if not can_grant_access(actor):
        raise PermissionDenied("Only administrators may revoke access to sealed records")
    reason = _require_reason(reason)
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        return grant
    with change_context(actor, reason):
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
    return grant


def _set_sealed(*, actor: Worker, person: Person, reason: str, sealed: bool) -> Person:
    if not can_seal_record(actor):
        raise PermissionDenied("Only administrators may seal or unseal records")
    reason = _require_reason(reason)
    with change_context(actor, reason):
        # update() rather than save(): only the seal changes, whatever else the caller's copy
        # holds. pghistory's trigger records it all the same.
        Person.objects.filter(pk=person.pk).update(is_sealed=sealed)
    person.is_sealed = sealed
    return person


@transaction.atomic
def person_seal(*, actor: Worker, person: Person, reason: str) -> Person:
    """Seal `person`'s record: from now on nobody sees it without a grant, administrators included.

    The allocated team loses sight of the record too; grant access to the workers who still need
    it (`grant_create`).
    """
    return _set_sealed(actor=actor, person=person, reason=reason, sealed=True)


@transaction.atomic
def person_unseal(*, actor: Worker, person: Person, reason: str) -> Person:
    """Unseal `person`'s record: it becomes visible again by the usual team and role rules."""
    return _set_sealed(actor=actor, person=person, reason=reason, sealed=False)
