"""Workforce data the performance figures need: staff absence and training.

* `Absence`: a period a worker was away from work (both days included) and why. Sickness is what
  the DfE children's social work workforce census counts as days lost; the other kinds are
  recorded so a council keeps one list, and are not counted as sickness.
* `Course`: a course the council records completion of. One or more courses may be marked as
  training in the council's practice model; the "trained in the practice model" figure reads
  that flag.
* `TrainingRecord`: a worker completed a course on a day.

All three are tracked by pghistory: who recorded or corrected an absence, and why, is kept.
Writes go through `hearth.workforce.services`; nothing here holds business logic.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils import timezone

from hearth.organisation.models import Worker


class AbsenceKind(models.TextChoices):
    """Why a worker was away; only sickness counts as days lost in the workforce census."""

    SICKNESS = "sickness", "Sickness"
    PARENTAL = "parental", "Maternity, paternity, adoption or shared parental leave"
    SPECIAL = "special", "Compassionate or special leave"
    UNAUTHORISED = "unauthorised", "Unauthorised absence"
    OTHER = "other", "Other absence"


@pghistory.track(append_only=True)
class Absence(models.Model):
    """A worker away from work from `starts_on` to `ends_on` (both days included)."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="absences")
    kind = models.CharField(max_length=20, choices=AbsenceKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "worker_id"]
        indexes = [
            # The absence figure looks up absences overlapping a period, by kind.
            models.Index(fields=["kind", "starts_on", "ends_on"], name="absence_kind_dates"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {self.get_kind_display()} {self.starts_on} to {self.ends_on}"


@pghistory.track(append_only=True)
class Course(models.Model):
    """A course whose completion the council records (for example, its practice model)."""

    name = models.CharField(max_length=200, unique=True)
    is_practice_model = models.BooleanField(
        default=False, help_text="Training in the council's practice model"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(append_only=True)
class TrainingRecord(models.Model):
    """A worker completed a course on `completed_on`."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="training")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on", "worker_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "course", "completed_on"], name="training_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: {self.course} on {self.completed_on}"
