"""Who may do what in quality assurance (roles decide actions; `hearth.access` decides reach).

* Audit a case: a team manager (by role, or managing a team today) or a worker with a current
  `AuditorAppointment`. Which children they can audit is still decided by `visible_people`.
* See the council-wide audits list: those who may audit, administrators and performance analysts.
* Appoint auditors: administrators.
* Edit the improvement plan: managers and administrators. Every working member of staff reads it.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from hearth.access.selectors import is_working, managed_team_ids
from hearth.organisation.models import Role, Worker
from hearth.quality.models import AuditorAppointment

AUDIT_READERS = frozenset({Role.ADMINISTRATOR, Role.PERFORMANCE_ANALYST})


def is_manager(worker: Worker) -> bool:
    """A team manager by role, or a worker who manages a team today."""
    return worker.role == Role.TEAM_MANAGER or managed_team_ids(worker).exists()


def is_appointed_auditor(worker: Worker) -> bool:
    """Whether the worker holds an auditor appointment in force today."""
    today = timezone.localdate()
    return (
        AuditorAppointment.objects.filter(worker=worker, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .exists()
    )


def can_audit(worker: Worker) -> bool:
    """Whether the worker may record case audits."""
    return is_working(worker) and (is_manager(worker) or is_appointed_auditor(worker))


def can_read_audits(worker: Worker) -> bool:
    """Whether the worker may open the council-wide audits list and the audit summary."""
    return is_working(worker) and (worker.role in AUDIT_READERS or can_audit(worker))


def can_appoint_auditors(worker: Worker) -> bool:
    return is_working(worker) and worker.role == Role.ADMINISTRATOR


def can_edit_plan(worker: Worker) -> bool:
    """Whether the worker may change the improvement plan."""
    return is_working(worker) and (worker.role == Role.ADMINISTRATOR or is_manager(worker))


def can_read_plan(worker: Worker) -> bool:
    return is_working(worker)
