"""Quality assurance: case audits against versioned audit tools, and the improvement plan.

Case audits:

* `AuditToolVersion`: the copy of one tool version's definition (questions and grades) that
  audits were graded on; immutable once written (see `hearth.quality.tools`).
* `CaseAudit`: one audit of a child's case: the auditor, the date, the team the case was
  allocated to then, an overall grade and a summary; `AuditAnswer` holds each question's grade
  and comment.
* `AuditorAppointment`: a worker the council has appointed to audit cases (besides managers).

The improvement plan (the council's response to an inspection):

* `ImprovementPlan` holds the inspection's `Recommendation`s and the plan's `Priority`s;
* each priority has `PlanAction`s (each naming the recommendations it answers), each action has
  `Deliverable`s (an owner, a due date, and `DeliverableProgress` updates, newest current);
* each priority has `SuccessMeasure`s tied to a performance figure (`hearth.performance.figures`
  key), with staged targets (`MeasureStage`: a value by a date).

Everything is tracked by pghistory (append-only), so edits keep who, when and why. Business rules
live in `services.py` and `selectors.py`.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.db import models
from django.utils import timezone

from hearth.organisation.models import Team, Worker
from hearth.people.models import Person
from hearth.performance.models import Direction


@pgtrigger.register(
    pgtrigger.Protect(name="audit_tool_version_immutable", operation=pgtrigger.Update)
)
class AuditToolVersion(models.Model):
    """One version of an audit tool as audits were graded on it. Never changed once written."""

    key = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    definition = models.JSONField()
    source = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="audit_tool_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"


@pghistory.track(append_only=True)
class AuditorAppointment(models.Model):
    """A worker appointed to audit cases, for a period (managers may audit without one)."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    appointed_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.worker} appointed from {self.started_on:%d %b %Y}"


@pghistory.track(append_only=True)
class CaseAudit(models.Model):
    """A quality audit of one child's case, graded against one tool version."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    tool = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="audits")
    auditor = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    # The team the case was allocated to on the audit date (None if it was not allocated), so
    # audits can be filtered by team after the child moves on.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    audited_on = models.DateField()
    overall_grade = models.CharField(max_length=40)
    summary = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-audited_on", "-pk"]
        indexes = [models.Index(fields=["audited_on"], name="case_audit_audited_on")]

    def __str__(self) -> str:
        return f"Audit of {self.child_id} on {self.audited_on:%d %b %Y}"


@pghistory.track(append_only=True)
class AuditAnswer(models.Model):
    """One question's grade and comment in a case audit."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=60)
    grade = models.CharField(max_length=40)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "question_key"], name="audit_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_key}: {self.grade}"


@pghistory.track(append_only=True)
class ImprovementPlan(models.Model):
    """The council's improvement plan, answering one inspection."""

    title = models.CharField(max_length=200)
    inspection = models.CharField(max_length=300)
    inspected_on = models.DateField()
    created_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return self.title


@pghistory.track(append_only=True)
class Recommendation(models.Model):
    """One of the inspection's recommendations, numbered as in the report."""

    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.PROTECT, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="recommendation_number_once")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


@pghistory.track(append_only=True)
class Priority(models.Model):
    """One of the plan's priorities: an area the council commits to improve."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.PROTECT, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_once")
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


@pghistory.track(append_only=True)
class PlanAction(models.Model):
    """An action under a priority, naming the inspection recommendations it answers."""

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    number = models.PositiveSmallIntegerField()
    description = models.TextField()
    recommendations = models.ManyToManyField(Recommendation, related_name="actions")

    class Meta:
        ordering = ["priority", "number"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="plan_action_number_once")
        ]

    def __str__(self) -> str:
        return f"Action {self.priority.number}.{self.number}"


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    BLOCKED = "blocked", "Blocked"


@pghistory.track(append_only=True)
class Deliverable(models.Model):
    """Something an action must produce, owned by a named worker, due by a date."""

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="deliverables")
    description = models.TextField()
    owner = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()

    class Meta:
        ordering = ["action", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


@pgtrigger.register(
    pgtrigger.Protect(name="deliverable_progress_append_only", operation=pgtrigger.Update)
)
class DeliverableProgress(models.Model):
    """A progress update on a deliverable. Never changed: the newest is the current status.

    Updates are refused by a trigger; deletes are not, so that clearing demo data (or a plan
    removed by an administrator in the database) stays possible. No service deletes them.
    """

    deliverable = models.ForeignKey(Deliverable, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(max_length=20, choices=ProgressStatus.choices)
    note = models.TextField()
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deliverable", "-recorded_at", "-pk"]
        verbose_name_plural = "deliverable progress"

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {self.recorded_at:%d %b %Y}"


@pghistory.track(append_only=True)
class SuccessMeasure(models.Model):
    """How the plan knows a priority is improving: a live performance figure and its targets."""

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="measures")
    figure = models.CharField(max_length=60)
    direction = models.CharField(max_length=6, choices=Direction.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["priority", "pk"]

    def __str__(self) -> str:
        return self.figure


@pghistory.track(append_only=True)
class MeasureStage(models.Model):
    """A staged target: the measure's figure should reach `value` by `due_on`."""

    measure = models.ForeignKey(SuccessMeasure, on_delete=models.PROTECT, related_name="stages")
    value = models.DecimalField(max_digits=9, decimal_places=1)
    due_on = models.DateField()

    class Meta:
        ordering = ["measure", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "due_on"], name="measure_stage_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.due_on:%d %b %Y}"
