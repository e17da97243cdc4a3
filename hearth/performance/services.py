"""Writes for the performance figures: the child population and the council's targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hearth.access.selectors import is_working
from hearth.organisation.models import Role, Worker
from hearth.performance.figures import REGISTRY
from hearth.performance.models import ChildPopulation, Direction, Target

SETTERS = frozenset({Role.ADMINISTRATOR, Role.PERFORMANCE_ANALYST})


def can_set_targets(worker: Worker) -> bool:
    """Whether the worker may change targets and the child population."""
    return is_working(worker) and worker.role in SETTERS


def _require_setter(actor: Worker) -> None:
    if not can_set_targets(actor):
        raise PermissionDenied("Only administrators and performance analysts set these.")


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "Say why this is being changed."})


@transaction.atomic
def child_population_set(
    *, actor: Worker, year: int, count: int, source: str, reason: str
) -> ChildPopulation:
    """Record (or correct) the council's child population for a year."""
    _require_setter(actor)
    _require_reason(reason)
    if count <= 0:
        raise ValidationError({"count": "Enter the number of children, more than 0."})
    with pghistory.context(user=actor.pk, reason=reason):
        row, _ = ChildPopulation.objects.update_or_create(
            year=year, defaults={"count": count, "source": source, "recorded_by": actor}
        )
        return row


@transaction.atomic
def target_set(
    *,
    actor: Worker,
    figure: str,
    value: Decimal,
    direction: str,
    amber_tolerance: Decimal,
    effective_from: dt.date,
    reason: str,
) -> Target:
    """Set the council's target for a figure from a date (replacing one set for that same day)."""
    _require_setter(actor)
    _require_reason(reason)
    if figure not in REGISTRY:
        raise ValidationError({"figure": "Choose a figure from the list."})
    if direction not in Direction.values:
        raise ValidationError({"direction": "Choose whether higher or lower is better."})
    if amber_tolerance < 0:
        raise ValidationError({"amber_tolerance": "The amber tolerance cannot be negative."})
    with pghistory.context(user=actor.pk, reason=reason):
        target, _ = Target.objects.update_or_create(
            figure=figure,
            effective_from=effective_from,
            defaults={
                "value": value,
                "direction": direction,
                "amber_tolerance": amber_tolerance,
                "recorded_by": actor,
            },
        )
        return target
