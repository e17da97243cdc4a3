"""The read audit: who looked at whose record, when, and why. Append-only."""

from __future__ import annotations

import pgtrigger
from django.db import models


class AccessPurpose(models.TextChoices):
    """Why a worker opened a record (the legitimate-relationship reason)."""

    VIEW_RECORD = "view_record", "Viewed the record"
    EDIT_RECORD = "edit_record", "Opened the record to change it"
    VIEW_HISTORY = "view_history", "Viewed the record's history"
    VIEW_AUDIT = "view_audit", "Viewed who has seen the record"
    CASEWORK = "casework", "Casework"
    PRINT = "print", "Printed or exported the record"


@pgtrigger.register(
    pgtrigger.Protect(
        name="record_access_append_only", operation=pgtrigger.Update | pgtrigger.Delete
    )
)
class RecordAccess(models.Model):
    """One view of one person's record.

    Keyed by plain ids, not foreign keys: the log must outlive the records it describes, and it is
    written on its own connection (the `audit` database alias), outside the request's transaction.
    """

    worker_id = models.BigIntegerField()
    worker_name = models.CharField(max_length=200)
    person_id = models.BigIntegerField()
    purpose = models.CharField(max_length=20, choices=AccessPurpose.choices)
    at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person_id", "-at"], name="record_access_person")]

    def __str__(self) -> str:
        return f"{self.worker_name} {self.purpose} {self.person_id} at {self.at}"
