"""Staff and organisation: the council's services, teams and the workers in them.

A `Worker` is anyone who signs in to Hearth: social workers and managers, IROs, personal advisers,
early help practitioners, analysts, finance officers, administrators. What a worker may see of
children's records is decided by `hearth.access`, never by Django's permission flags.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    """A worker's role; roles decide actions (via `hearth.access.rules`), teams decide reach."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    EARLY_HELP_PRACTITIONER = "early_help_practitioner", "Early help practitioner"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    FINANCE_OFFICER = "finance_officer", "Finance officer"
    ADMINISTRATOR = "administrator", "Administrator"


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    AGENCY = "agency", "Agency"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), append_only=True
)
class Service(models.Model):
    """A part of children's services, for example the front door, or children in care."""

    name = models.CharField(max_length=120, unique=True)

    def __str__(self) -> str:
        return self.name


class TeamScope(models.TextChoices):
    """How far a team's members can see.

    Most teams see only the children allocated to them. The front door (MASH) must check whether a
    child is already known before recording a contact, so it sees every child who is not sealed.
    """

    ALLOCATED = "allocated", "Children allocated to the team"
    COUNCIL = "council", "Every child who is not sealed"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), append_only=True
)
class Team(models.Model):
    """A team of workers in a service; its scope decides how far its members can see."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120, unique=True)
    scope = models.CharField(max_length=20, choices=TeamScope.choices, default=TeamScope.ALLOCATED)

    def __str__(self) -> str:
        return self.name


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    append_only=True,
    exclude=["password", "last_login"],
)
class Worker(AbstractUser):
    """Someone who signs in: a member of staff (or, later, of a partner agency)."""

    role = models.CharField(max_length=40, choices=Role.choices, default=Role.SOCIAL_WORKER)
    employment_type = models.CharField(
        max_length=20, choices=EmploymentType.choices, default=EmploymentType.PERMANENT
    )
    job_title = models.CharField(max_length=120, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    # DfE social worker ID (SWEpisodes SW_ID, CIN census SWID); blank for workers who are not
    # registered social workers.
    social_worker_id = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)

    def is_employed_on(self, day: dt.date) -> bool:
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), append_only=True
)
class TeamMembership(models.Model):
    """A worker's membership of a team for a period; a manager manages the team's work."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    is_manager = models.BooleanField(default=False)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} in {self.team}"
