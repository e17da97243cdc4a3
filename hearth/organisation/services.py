"""Writes to the organisation: services, teams, workers and team memberships.

Every function is for administrators (`hearth.access.rules.can_manage_organisation`), runs in one
transaction and records who and why in the change history (`hearth.audit.context.change_context`).
Invalid input raises a field-level `ValidationError`, so forms can show each message by its field.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from hearth.access.rules import can_manage_organisation
from hearth.audit.context import change_context
from hearth.organisation.models import (
    EmploymentType,
    Role,
    Service,
    Team,
    TeamMembership,
    TeamScope,
    Worker,
)


def _check(actor: Worker, reason: str) -> None:
    if not can_manage_organisation(actor):
        raise PermissionDenied("Only administrators may change teams and workers")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are making this change"})


@transaction.atomic
def service_create(*, actor: Worker, name: str, reason: str) -> Service:
    """Add a part of children's services (for example, the front door)."""
    _check(actor, reason)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the service's name"})
    if Service.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A service with this name already exists"})
    with change_context(actor, reason):
        return Service.objects.create(name=name)


@transaction.atomic
def team_create(
    *,
    actor: Worker,
    service: Service,
    name: str,
    scope: TeamScope = TeamScope.ALLOCATED,
    reason: str,
) -> Team:
    """Add a team to a service. `scope` decides how far its members see (see `TeamScope`)."""
    _check(actor, reason)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the team's name"})
    if Team.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A team with this name already exists"})
    with change_context(actor, reason):
        return Team.objects.create(service=service, name=name, scope=scope)


@transaction.atomic
def worker_create(
    *,
    actor: Worker,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    role: Role,
    employment_type: EmploymentType = EmploymentType.PERMANENT,
    job_title: str = "",
    started_on: dt.date,
    ended_on: dt.date | None = None,
    social_worker_id: str = "",
    reason: str,
) -> Worker:
    """Add a worker who can sign in, with their role and employment dates.

    The account has no password: workers sign in through the council's single sign-on. An agency
    worker should be given an `ended_on` date (the end of their contract), after which they see
    nothing.
    """
    _check(actor, reason)
    errors: dict[str, str] = {}
    username = username.strip()
    if not username:
        errors["username"] = "Enter a username"
    elif Worker.objects.filter(username__iexact=username).exists():
        errors["username"] = "A worker with this username already exists"
    if not first_name.strip():
        errors["first_name"] = "Enter the worker's first name"
    if not last_name.strip():
        errors["last_name"] = "Enter the worker's last name"
    if ended_on is not None and ended_on < started_on:
        errors["ended_on"] = "The end date must be the same as or after the start date"
    if errors:
        raise ValidationError(errors)
    with change_context(actor, reason):
        worker = Worker(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip(),
            role=role,
            employment_type=employment_type,
            job_title=job_title.strip(),
            started_on=started_on,
            ended_on=ended_on,
            social_worker_id=social_worker_id.strip(),
        )
        worker.set_unusable_password()
        worker.save()
        return worker


@transaction.atomic
def worker_employment_end(
    *, actor: Worker, worker: Worker, ended_on: dt.date, reason: str
) -> Worker:
    """End a worker's employment on `ended_on`, and every team membership still open then."""
    _check(actor, reason)
    if worker.started_on is not None and ended_on < worker.started_on:
        raise ValidationError({"ended_on": "The end date must be after the start date"})
    with change_context(actor, reason):
        worker.ended_on = ended_on
        worker.save(update_fields=["ended_on"])
        TeamMembership.objects.filter(worker=worker, started_on__lte=ended_on).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=ended_on)
        ).update(ended_on=ended_on)
    return worker


@transaction.atomic
def team_membership_start(
    *,
    actor: Worker,
    worker: Worker,
    team: Team,
    started_on: dt.date,
    is_manager: bool = False,
    reason: str,
) -> TeamMembership:
    """Make `worker` a member (or manager) of `team` from `started_on`.

    A worker holds at most one open membership of a team at a time.
    """
    _check(actor, reason)
    overlapping = TeamMembership.objects.filter(worker=worker, team=team).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=started_on)
    )
    if overlapping.exists():
        raise ValidationError({"team": f"{worker} is already a member of {team} on that date"})
    if worker.ended_on is not None and started_on > worker.ended_on:
        raise ValidationError({"started_on": "The worker's employment has ended by then"})
    with change_context(actor, reason):
        return TeamMembership.objects.create(
            worker=worker, team=team, started_on=started_on, is_manager=is_manager
        )


@transaction.atomic
def team_membership_end(
    *, actor: Worker, membership: TeamMembership, ended_on: dt.date, reason: str
) -> TeamMembership:
    """End a team membership on `ended_on` (the last day the worker is in the team)."""
    _check(actor, reason)
    if ended_on < membership.started_on:
        raise ValidationError({"ended_on": "The end date must be on or after the start date"})
    with change_context(actor, reason):
        membership.ended_on = ended_on
        membership.save(update_fields=["ended_on"])
    return membership
