"""Casework: the allocation of children to teams and workers (the start of the child's journey).

Allocation is what gives a team's workers sight of a child's record (hearth.access), so it lives
here from the first day; the rest of the journey (contacts, referrals, assessments, plans) follows.
"""

from __future__ import annotations

import pghistory
from django.db import models

from hearth.organisation.models import Team, Worker
from hearth.people.models import Person


@pghistory.track(append_only=True)
class Allocation(models.Model):
    """A child allocated to a team, and usually to a named worker in it, for a period."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="allocations", null=True, blank=True
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["team", "child"],
                name="allocation_open_team",
                condition=models.Q(ended_on__isnull=True),
            ),
            models.Index(
                fields=["worker"],
                name="allocation_open_worker",
                condition=models.Q(ended_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} to {self.team}"
