"""Returns as submitted: each recorded submission keeps the exact files that went to the DfE.

A `ReturnSubmission` is one return for one collection year, recorded by a performance analyst or
administrator when it was sent, with the tables exactly as produced (`SubmittedTable`, one CSV
file's text each). Rules that compare with last year read them (`hearth.returns.submissions`), so
they see what the DfE received, not what the record says now.

Both tables are append-only: database triggers refuse any UPDATE or DELETE (a correction is a
new submission, and the latest one for a year is the one compared with), and pghistory records
who inserted each row and why. Recording is done only by
`hearth.returns.submissions.return_submission_record`.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.db import models
from django.utils import timezone

from hearth.organisation.models import Worker


class ReturnKind(models.TextChoices):
    """The returns whose submissions Hearth keeps."""

    SSDA903 = "ssda903", "SSDA903"


@pgtrigger.register(
    pgtrigger.Protect(
        name="return_submission_append_only", operation=pgtrigger.Update | pgtrigger.Delete
    )
)
@pghistory.track(pghistory.InsertEvent(), append_only=True)
class ReturnSubmission(models.Model):
    """One return as sent to the DfE for a collection year (named by its end year).

    `digest` is the SHA-256 of the tables' names and CSV text in order
    (`hearth.returns.submissions.tables_digest`): the confirmation page shows the counts for one
    digest, and a submission is recorded only if the tables built on confirming have it.
    """

    kind = models.CharField(max_length=20, choices=ReturnKind.choices)
    collection_year = models.PositiveSmallIntegerField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(
                fields=["kind", "collection_year", "-recorded_at"],
                name="return_submission_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.collection_year} recorded {self.recorded_at}"


@pgtrigger.register(
    pgtrigger.Protect(
        name="submitted_table_append_only", operation=pgtrigger.Update | pgtrigger.Delete
    )
)
@pghistory.track(pghistory.InsertEvent(), append_only=True)
class SubmittedTable(models.Model):
    """One table of a submission: its file's exact CSV text (header row included)."""

    submission = models.ForeignKey(
        ReturnSubmission, on_delete=models.PROTECT, related_name="tables"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=40)
    row_count = models.PositiveIntegerField()
    content = models.TextField()

    class Meta:
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "name"], name="submitted_table_name"),
            models.UniqueConstraint(
                fields=["submission", "position"], name="submitted_table_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}.csv ({self.row_count} rows)"
