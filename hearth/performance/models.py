"""What the performance figures need besides the statutory record: population and targets.

* `ChildPopulation`: the council's population aged 0 to 17 by year (ONS mid-year estimates), the
  denominator of every "rate per 10,000 children". A migration seeds the demo default (Kirklees,
  about 100,000); an administrator changes it through `services.child_population_set`.
* `Target`: the council's target for one figure, with the direction that is better and an amber
  tolerance, in force from a date until a later target for the same figure replaces it.

Both are tracked by pghistory, so who changed a target or the population, and why, is kept.
Nothing here holds business logic: RAG status is worked out in `hearth.performance.targets`.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils import timezone

from hearth.organisation.models import Worker


@pghistory.track(append_only=True)
class ChildPopulation(models.Model):
    """The council's child population (aged 0 to 17) in a year, for rates per 10,000 children."""

    year = models.PositiveSmallIntegerField(unique=True)
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gt=0), name="population_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.count:,} children in {self.year}"


class Direction(models.TextChoices):
    """Which way is better for a figure."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


@pghistory.track(append_only=True)
class Target(models.Model):
    """The council's target for a figure, from `effective_from` until the next one for it.

    Within `amber_tolerance` of the target (on the worse side) a figure is amber; beyond it, red.
    """

    figure = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=9, decimal_places=1)
    direction = models.CharField(max_length=6, choices=Direction.choices)
    amber_tolerance = models.DecimalField(max_digits=9, decimal_places=1, default=0)
    effective_from = models.DateField()
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["figure", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["figure", "effective_from"], name="target_once_per_figure_and_day"
            ),
            models.CheckConstraint(
                condition=models.Q(amber_tolerance__gte=0), name="target_tolerance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.figure}: {self.value} from {self.effective_from:%d %b %Y}"
