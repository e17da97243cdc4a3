"""Explicit grants of access to sealed records."""

from __future__ import annotations

import pghistory
from django.db import models

from hearth.organisation.models import Worker
from hearth.people.models import Person


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), append_only=True
)
class AccessGrant(models.Model):
    """Lets one worker see one sealed record, for a stated reason, until it expires or is revoked.

    Grants are the only way to a sealed record: not a role, not a team, not administrator status.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_grants")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="access_grants")
    granted_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.worker} may see {self.person_id}"
