"""Who may produce the statutory returns.

A return covers every child in scope, restricted records included (the DfE must receive them),
so producing one is limited to the roles whose work it is: performance analysts, who make the
returns, and administrators. Their account must be active and within its employment dates.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from hearth.access.selectors import is_working
from hearth.organisation.models import Role, Worker

RETURNS_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.ADMINISTRATOR})


def can_produce_returns(worker: Worker) -> bool:
    """Whether the worker may produce, validate and download the statutory returns."""
    return is_working(worker) and worker.role in RETURNS_ROLES


def require_returns_producer(worker: Worker) -> None:
    """Refuse (PermissionDenied) a worker who may not produce returns."""
    if not can_produce_returns(worker):
        raise PermissionDenied("Only performance analysts and administrators produce returns.")
