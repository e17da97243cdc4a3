"""The read audit: who looked at whose record, when, and why. Append-only."""

from __future__ import annotations

import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.db import models


class AccessPurpose(models.TextChoices):
    """Why a worker opened a record (the legitimate-relationship reason)."""

    VIEW_RECORD = "view_record", "Viewed the record"
    EDIT_RECORD = "edit_record", "Opened the record to change it"
    VIEW_HISTORY = "view_history", "Viewed the record's history"
    VIEW_AUDIT = "view_audit", "Viewed who has seen the record"
    CASEWORK = "casework", "Casework"
    PRINT = "print", "Printed or exported the record"
    MANAGE_ACCESS = "manage_access", "Managed who may see the sealed record"


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


GENESIS_HASH = "0" * 64


@pgtrigger.register(
    pgtrigger.Protect(name="audit_seal_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
class AuditSeal(models.Model):
    """One link of the hash chain over the audit trail (tamper evidence).

    A link covers the rows of one audit table (`source`, a table name) with ids in
    (`from_id`, `to_id`]. `digest` is the SHA-256 of the concatenated SHA-256 of each row (its
    `columns`, plus the who-and-why of its pghistory context) in id order; `hash` is the SHA-256 of
    the previous link's hash and this link's fields. Every link depends on every earlier one, so a
    row edited, inserted or deleted by anyone (a database superuser included) breaks the chain from
    that point. All hashing is done by PostgreSQL's `sha256()`; see `hearth.audit.chain`.
    """

    source = models.CharField(max_length=100)
    from_id = models.BigIntegerField()
    to_id = models.BigIntegerField()
    row_count = models.PositiveIntegerField()
    columns = ArrayField(models.CharField(max_length=100))
    digest = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    sealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["source", "-to_id"], name="audit_seal_source_to")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_id__gt=models.F("from_id")), name="audit_seal_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.from_id}, {self.to_id}] {self.hash[:12]}"
