"""Practice model versions, cases pinned to them, and the steps of work in each case.

* `PracticeModelVersion`: a published practice model, immutable (the database refuses updates and
  deletes), identified by name and version and fingerprinted by a content hash.
* `Case`: one child's journey through the council's practice model, pinned to the version it was
  opened on until an explicit migration (`hearth practice migrate`) moves it.
* `Step`: one piece of work in a case (a referral, an ICPC, a visit): who holds it, when it is due
  (stored, so work trays and performance reports query it directly), its form answers with the
  form's version, and who completed and authorised it.

Nothing here holds behaviour: transitions live in `hearth.practice.services`, reads in
`hearth.practice.selectors`.
"""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.db import models
from django.utils import timezone

from hearth.organisation.models import Team, Worker
from hearth.people.models import Person


@pgtrigger.register(
    pgtrigger.Protect(
        name="practice_model_version_immutable", operation=pgtrigger.Update | pgtrigger.Delete
    )
)
class PracticeModelVersion(models.Model):
    """A published, immutable version of a practice model."""

    name = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    # sha256 of the canonical JSON of `definition`: the same YAML always gives the same hash.
    content_hash = models.CharField(max_length=64)
    definition = models.JSONField()
    published_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="practice_model_version_once")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """`name@version`, as the command line writes it."""
        return f"{self.name}@{self.version}"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


@pghistory.track(append_only=True)
class Case(models.Model):
    """A child's journey through a practice model version."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="practice_cases")
    model_version = models.ForeignKey(
        PracticeModelVersion, on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField()
    opened_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(null=True, blank=True)
    # Each move to another model version: {"from", "to", "at", "by"}.
    migrations: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "status"], name="practice_case_child")]

    def __str__(self) -> str:
        return f"Case {self.pk} for {self.child_id} on {self.model_version_id}"


class StepStatus(models.TextChoices):
    OPEN = "open", "Open"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting authorisation"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (StepStatus.OPEN, StepStatus.AWAITING_AUTHORISATION)


@pghistory.track(append_only=True)
class Step(models.Model):
    """One piece of work of a step type in a case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="steps")
    step_type = models.CharField(max_length=60)
    status = models.CharField(max_length=30, choices=StepStatus.choices, default=StepStatus.OPEN)
    started_on = models.DateField()
    started_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    # Stored when the step starts (from the model's timescale and the working-day calendar), so
    # a later change to the calendar or model never moves a deadline already given.
    due_on = models.DateField(null=True, blank=True)
    assigned_worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, null=True, blank=True, related_name="practice_steps"
    )
    assigned_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="practice_steps"
    )
    answers: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    # The form the answers were given on: author's version and content hash.
    form_version = models.PositiveIntegerField(null=True, blank=True)
    form_hash = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=60, blank=True)
    # The day the step's event happened (the conference was held, the child was visited).
    completed_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why a manager sent it back, shown to the worker until it is submitted again.
    returned_reason = models.TextField(blank=True)
    cancelled_reason = models.TextField(blank=True)
    # The statutory facts written on completion: [{"fact": name, "record": str(pk)}].
    facts_written: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        default=list, blank=True
    )
    # True when a migration retired this (completed) step's type: it keeps its old type id.
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["started_on", "pk"]
        indexes = [
            models.Index(
                fields=["assigned_worker", "due_on"],
                name="practice_step_open_worker",
                condition=models.Q(status__in=["open", "awaiting_authorisation"]),
            ),
            models.Index(
                fields=["assigned_team", "status"],
                name="practice_step_open_team",
                condition=models.Q(status__in=["open", "awaiting_authorisation"]),
            ),
            models.Index(fields=["case", "step_type"], name="practice_step_case_type"),
        ]

    def __str__(self) -> str:
        return f"{self.step_type} ({self.get_status_display()}) in case {self.case_id}"

    @property
    def is_open(self) -> bool:
        """Still work to do: open or waiting for a manager."""
        return self.status in OPEN_STATUSES
