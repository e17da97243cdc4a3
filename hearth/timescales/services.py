"""Writes to the non-working-day table: council closure days and one-off proclamations.

Only administrators may change the calendar, because every working-day deadline in the council
moves with it. Bank holidays come from the `holidays` package (`hearth calendar sync`) and cannot be
removed here; council closure days, and proclamation days an administrator added, can.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hearth.organisation.models import Role, Worker
from hearth.timescales.calendar import note_table_changed
from hearth.timescales.models import NonWorkingDay, NonWorkingDayKind
from hearth.timescales.seed import england_bank_holidays, holidays_source

SATURDAY = 5
REASON_MISSING = "Enter why the calendar is changing"
ADDABLE_KINDS = frozenset({NonWorkingDayKind.COUNCIL_CLOSURE, NonWorkingDayKind.PROCLAMATION})


def _require_administrator(actor: Worker) -> None:
    if actor.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Only an administrator can change the council's non-working days.")


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_MISSING})
    return reason


def is_removable(non_working_day: NonWorkingDay) -> bool:
    """Whether an administrator may remove this day: a council closure, or a proclamation
    day that was added in Hearth rather than seeded from the bank holiday list."""
    return non_working_day.kind == NonWorkingDayKind.COUNCIL_CLOSURE or (
        non_working_day.kind == NonWorkingDayKind.PROCLAMATION
        and non_working_day.created_by_id is not None
    )


@transaction.atomic
def closure_day_add(
    *,
    actor: Worker,
    day: dt.date,
    name: str,
    reason: str,
    kind: NonWorkingDayKind = NonWorkingDayKind.COUNCIL_CLOSURE,
) -> NonWorkingDay:
    """Make `day` a non-working day for the whole council, moving every working-day deadline.

    `kind` is a council closure (for example Christmas Eve) or a one-off day by royal
    proclamation announced after the release. Raises PermissionDenied for anyone but an
    administrator and ValidationError, keyed by field, when the day is a weekend or already a
    non-working day.
    """
    _require_administrator(actor)
    reason = reason.strip()
    name = name.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = REASON_MISSING
    if kind not in ADDABLE_KINDS:
        errors["kind"] = "Choose council closure day or special day by proclamation"
    if not name:
        errors["name"] = "Enter a name for the day, for example Council closure day"
    if day.weekday() >= SATURDAY:
        errors["day"] = "The date must be a weekday; weekends are never working days"
    else:
        existing = NonWorkingDay.objects.filter(day=day).first()
        if existing is not None:
            errors["day"] = f"{day.day} {day:%B %Y} is already a non-working day ({existing.name})"
    if errors:
        raise ValidationError(errors)
    with pghistory.context(user=actor.pk, reason=reason):
        added = NonWorkingDay.objects.create(
            day=day,
            name=name,
            kind=kind,
            source=f"Added by {actor.display_name}",
            reason=reason,
            created_by=actor,
        )
    note_table_changed()
    return added


@transaction.atomic
def closure_day_remove(*, actor: Worker, day: dt.date, reason: str) -> None:
    """Make `day` a working day again by removing a council closure (or added proclamation).

    Bank holidays cannot be removed. Raises PermissionDenied for anyone but an administrator
    and ValidationError, keyed by field, when there is no removable day on that date.
    """
    _require_administrator(actor)
    reason = _require_reason(reason)
    existing = NonWorkingDay.objects.select_for_update().filter(day=day).first()
    if existing is None:
        raise ValidationError({"day": f"{day.day} {day:%B %Y} is not a non-working day"})
    if not is_removable(existing):
        message = (
            f"{existing.name} on {day.day} {day:%B %Y} is a bank holiday and cannot be removed"
        )
        raise ValidationError({"day": message})
    with pghistory.context(user=actor.pk, reason=reason):
        existing.delete()
    note_table_changed()


@transaction.atomic
def bank_holidays_sync(*, first_year: int, last_year: int) -> list[NonWorkingDay]:
    """Add any England and Wales bank holiday from the `holidays` package that is missing.

    Existing rows are never changed or removed, so council closure days (and any day an
    administrator has edited) survive. Where a council closure already sits on a bank holiday's
    date the closure is kept. Returns the rows added. Run by `hearth calendar sync`; no network.
    """
    existing = set(NonWorkingDay.objects.values_list("day", flat=True))
    source = holidays_source()
    missing = [
        NonWorkingDay(day=h.day, name=h.name, kind=h.kind, source=source)
        for h in england_bank_holidays(first_year, last_year)
        if h.day not in existing
    ]
    with pghistory.context(reason=f"Bank holiday sync {first_year} to {last_year}"):
        added = NonWorkingDay.objects.bulk_create(missing)
    if added:
        note_table_changed()
    return added
