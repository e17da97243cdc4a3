"""Reads of workforce data, and the groups of workers the workforce figures count.

* Practitioners: the roles that work directly with children and families (social workers,
  team managers, independent reviewing officers, personal advisers and early help
  practitioners). Absence and practice-model training are reported for them; analysts, finance
  officers and administrators are not counted.
* Registered social workers: the roles that must be registered with Social Work England
  (social workers, team managers and IROs), as the DfE workforce census counts child and family
  social workers. The agency share is of these.

Employed on a day means the worker's employment dates include it (a missing start or end date
is open). Absence and training are staff records, not children's records: only workers who may
manage them (`can_manage_workforce`) see the lists.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from hearth.access.selectors import is_working
from hearth.organisation.models import Role, Worker
from hearth.workforce.models import Absence, Course, TrainingRecord

PRACTITIONER_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.IRO,
        Role.PERSONAL_ADVISER,
        Role.EARLY_HELP_PRACTITIONER,
    }
)
SOCIAL_WORK_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO})
MANAGERS = frozenset({Role.ADMINISTRATOR, Role.PERFORMANCE_ANALYST, Role.TEAM_MANAGER})


def can_manage_workforce(worker: Worker) -> bool:
    """Whether the worker may see and record staff absence and training."""
    return is_working(worker) and worker.role in MANAGERS


def employed_on(day: dt.date) -> Q:
    """Workers whose employment dates include `day` (a missing date is open)."""
    return (Q(started_on__isnull=True) | Q(started_on__lte=day)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=day)
    )


def practitioners_employed(day: dt.date) -> QuerySet[Worker]:
    """Practitioners (see the module docstring) employed on `day`."""
    return Worker.objects.filter(employed_on(day), role__in=PRACTITIONER_ROLES)


def social_workers_employed(day: dt.date) -> QuerySet[Worker]:
    """Registered social workers (see the module docstring) employed on `day`."""
    return Worker.objects.filter(employed_on(day), role__in=SOCIAL_WORK_ROLES)


def absence_list(*, viewer: Worker, worker: Worker | None = None) -> QuerySet[Absence]:
    """The most recent absences (all workers, or one), newest first; none for other viewers."""
    if not can_manage_workforce(viewer):
        return Absence.objects.none()
    absences = Absence.objects.select_related("worker")
    if worker is not None:
        absences = absences.filter(worker=worker)
    return absences.order_by("-starts_on", "worker__last_name")


def training_list(*, viewer: Worker) -> QuerySet[TrainingRecord]:
    """Training records, newest first; none for viewers who may not manage workforce data."""
    if not can_manage_workforce(viewer):
        return TrainingRecord.objects.none()
    return TrainingRecord.objects.select_related("worker", "course").order_by(
        "-completed_on", "worker__last_name"
    )


def course_list() -> QuerySet[Course]:
    """Every course, by name (course names are not personal data)."""
    return Course.objects.order_by("name")


def workers_for_recording(day: dt.date) -> QuerySet[Worker]:
    """Workers employed on `day`, by name: whom absence or training can be recorded for."""
    return Worker.objects.filter(employed_on(day)).order_by("last_name", "first_name", "username")
