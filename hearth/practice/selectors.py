"""Reads of practice cases and steps, for work trays, case pages and performance.

Every selector takes the worker and starts from `visible_people(worker)`, so a step on a child the
worker may not see (a sealed record, another team's child) never shows in a tray.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearth.access.selectors import current_team_ids, visible_people
from hearth.organisation.models import TeamMembership, Worker
from hearth.practice.models import (
    OPEN_STATUSES,
    Case,
    PracticeModelVersion,
    Step,
    StepStatus,
)
from hearth.timescales.calendar import add_working_days

DUE_SOON_WORKING_DAYS = 5


def visible_steps(worker: Worker) -> QuerySet[Step]:
    """Every step on a child the worker may see."""
    return (
        Step.objects.filter(case__child__in=visible_people(worker))
        .select_related(
            "case", "case__child", "case__model_version", "assigned_worker", "assigned_team"
        )
        # The definition is the whole practice model: lists of steps read it once per version
        # (see casework.views.step_rows), not once per row.
        .defer("case__model_version__definition")
    )


def case_list(worker: Worker, *, child_id: int | None = None) -> QuerySet[Case]:
    """Practice cases the worker may see, optionally for one child."""
    cases = Case.objects.filter(child__in=visible_people(worker)).select_related(
        "child", "model_version"
    )
    return cases.filter(child_id=child_id) if child_id is not None else cases


def step_list_open(worker: Worker) -> QuerySet[Step]:
    """The worker's own open work (open or awaiting authorisation), soonest due first."""
    return (
        visible_steps(worker)
        .filter(assigned_worker=worker, status__in=OPEN_STATUSES)
        .order_by("due_on", "started_on", "pk")
    )


def step_list_overdue(worker: Worker, *, today: dt.date | None = None) -> QuerySet[Step]:
    """The worker's open steps past their due date (still open, not waiting for a manager)."""
    today = today or timezone.localdate()
    return step_list_open(worker).filter(status=StepStatus.OPEN, due_on__lt=today)


def step_list_due(
    worker: Worker, *, today: dt.date | None = None, within: int = DUE_SOON_WORKING_DAYS
) -> QuerySet[Step]:
    """The worker's open steps due from today to `within` working days from today."""
    today = today or timezone.localdate()
    return step_list_open(worker).filter(
        status=StepStatus.OPEN, due_on__gte=today, due_on__lte=add_working_days(today, within)
    )


def step_list_awaiting_authorisation(worker: Worker) -> QuerySet[Step]:
    """Work waiting for this manager: steps awaiting authorisation held by a team they manage
    or submitted by a member of one. Their own submissions are left out (four eyes)."""
    managed_teams = current_team_ids(worker).filter(is_manager=True)
    members = TeamMembership.objects.filter(team_id__in=managed_teams).values("worker_id")
    return (
        visible_steps(worker)
        .filter(status=StepStatus.AWAITING_AUTHORISATION)
        .filter(Q(assigned_team_id__in=managed_teams) | Q(submitted_by_id__in=members))
        .exclude(submitted_by=worker)
        .order_by("submitted_at", "pk")
    )


def case_steps(case: Case) -> QuerySet[Step]:
    """A case's steps, oldest first (the case was already loaded through access)."""
    return case.steps.select_related("assigned_worker", "assigned_team").order_by(
        "started_on", "pk"
    )


def version_list() -> QuerySet[PracticeModelVersion]:
    """Every published practice model version (definitions only; no child data)."""
    return PracticeModelVersion.objects.select_related("published_by").order_by("name", "-version")
