"""The non-working-day table behind every working-day deadline in Hearth.

A working day is Monday to Friday and not a row in `NonWorkingDay` (domain.md section 4). The
table is seeded from the offline `holidays` package (England and Wales bank holidays, including
substitute days and one-off days by proclamation) and councils add their own closure days, so a
new proclamation or a local closure never needs a release.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone


class NonWorkingDayKind(models.TextChoices):
    """Why a day is not a working day."""

    BANK_HOLIDAY = "bank_holiday", "Bank holiday"
    PROCLAMATION = "proclamation", "Special day by proclamation"
    COUNCIL_CLOSURE = "council_closure", "Council closure day"


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    append_only=True,
)
class NonWorkingDay(models.Model):
    """A weekday (or weekend day) on which the statutory clocks do not count a working day.

    Weekend bank holidays (Boxing Day on a Saturday) are kept too, so the year view matches the
    published list; their substitute days are rows of their own.
    """

    day = models.DateField(unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=NonWorkingDayKind.choices)
    # Where the day came from: the holidays package release for seeded rows, or "Added by
    # <administrator>" for council closures, so the year view can show provenance.
    source = models.CharField(max_length=200)
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %B %Y}: {self.name}"
