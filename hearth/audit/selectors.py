"""Reads of the audit trail: a record's change history and access log, and chain verification.

Callers load the person with `hearth.access.access.access_person` first (which checks visibility
and logs the view) and check the action rule (`hearth.access.rules`); these selectors only read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import QuerySet
from pghistory.models import Events

from hearth.access.selectors import granted_person_ids
from hearth.audit.chain import AuditSource, audit_sources, link_hash, range_digest
from hearth.audit.models import GENESIS_HASH, AuditSeal, RecordAccess
from hearth.organisation.models import Worker
from hearth.people.models import Address, Person

SEALED_ADDRESS_TEXT = "Sealed address: hidden"
# Bookkeeping columns that say nothing a reader of the history needs.
HIDDEN_KEYS = frozenset({"id", "search_grams", "search_phonetic"})


def record_access_list(*, person: Person) -> QuerySet[RecordAccess]:
    """Every logged view of `person`'s record, newest first."""
    return RecordAccess.objects.filter(person_id=person.pk).order_by("-at", "-id")


@dataclass(frozen=True)
class FieldChange:
    """One field of one change: its label, and the value before and after."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    """One change to a record: what, who, when and why, with field-level changes."""

    at: dt.datetime
    subject: str
    action: str
    worker_name: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Removed"}


def _display(model_field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value in ("", []):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field is not None and model_field.choices:
        labels = {str(k): str(v) for k, v in model_field.flatchoices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _field_for(model: type[models.Model], key: str) -> models.Field[Any, Any] | None:
    for candidate in model._meta.concrete_fields:
        if key in (candidate.attname, candidate.name):
            return candidate
    try:
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _label(model_field: models.Field[Any, Any] | None, key: str) -> str:
    if model_field is None:
        return key.replace("_", " ").capitalize()
    return str(model_field.verbose_name).capitalize()


def _sealed_address_ids(events: list[Events], person: Person) -> set[str]:
    sealed = {
        str(pk) for pk in Address.objects.filter(person=person, is_sealed=True).values_list("pk")
    }
    sealed |= {
        str(e.pgh_obj_id)
        for e in events
        if e.pgh_obj_model == "people.Address" and (e.pgh_data or {}).get("is_sealed")
    }
    return sealed


def person_history(*, worker: Worker, person: Person) -> list[HistoryEntry]:
    """Every tracked change to `person`'s record, newest first: who, when, why and what.

    Covers the person and every tracked table that refers to them (names, identifiers,
    addresses, contact details, relationships on either side, group memberships, allocations,
    access grants, and whatever tracked tables other apps add). Sealed addresses are shown as
    hidden unless `worker` holds a live grant for the person.
    """
    events: list[Events] = list(
        Events.objects.references(person).order_by("-pgh_created_at", "-pgh_id")
    )
    redact = _sealed_address_ids(events, person)
    if person.pk in set(granted_person_ids(worker)):
        redact = set()
    user_ids = {
        (e.pgh_context or {}).get("user") for e in events if (e.pgh_context or {}).get("user")
    }
    names = {w.pk: w.display_name for w in Worker.objects.filter(pk__in=user_ids)}
    entries = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        context = event.pgh_context or {}
        user = context.get("user")
        named = names.get(user) if isinstance(user, int) else None
        hidden = event.pgh_obj_model == "people.Address" and str(event.pgh_obj_id) in redact
        changes = []
        if event.pgh_label == "update":
            items = [(k, v[0], v[1]) for k, v in (event.pgh_diff or {}).items()]
        else:
            items = [(k, None, v) for k, v in (event.pgh_data or {}).items()]
            if event.pgh_label == "delete":
                items = [(k, v, None) for k, _, v in items]
        for key, before, after in sorted(items):
            if key in HIDDEN_KEYS:
                continue
            model_field = _field_for(model, key)
            shown_before, shown_after = _display(model_field, before), _display(model_field, after)
            if not shown_before and not shown_after:
                continue
            if hidden:
                shown_before = SEALED_ADDRESS_TEXT if shown_before else ""
                shown_after = SEALED_ADDRESS_TEXT if shown_after else ""
            changes.append(FieldChange(_label(model_field, key), shown_before, shown_after))
        entries.append(
            HistoryEntry(
                at=event.pgh_created_at,
                subject=str(model._meta.verbose_name).capitalize(),
                action=ACTIONS.get(event.pgh_label, event.pgh_label.capitalize()),
                worker_name=named or str(context.get("worker_name") or "System"),
                reason=str(context.get("reason") or ""),
                changes=changes,
            )
        )
    return entries


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain first fails, and why."""

    seal_id: int
    source: str
    from_id: int
    to_id: int
    problem: str


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the hash chain."""

    links_checked: int
    head_hash: str
    broken: BrokenLink | None

    @property
    def is_intact(self) -> bool:
        return self.broken is None


def audit_chain_head() -> str:
    """The hash of the newest link (the value to publish), or the genesis hash when none."""
    head = AuditSeal.objects.order_by("-id").values_list("hash", flat=True).first()
    return head or GENESIS_HASH


def _link_problem(  # noqa: PLR0911 (one early return per kind of break reads best)
    cursor: CursorWrapper,
    seal: AuditSeal,
    *,
    expected_previous: str,
    expected_from: int,
    source: AuditSource | None,
) -> str | None:
    """What is wrong with one link, or None when it checks out."""
    if seal.previous_hash != expected_previous:
        return "does not follow the link before it: a link was edited or removed"
    if seal.from_id != expected_from:
        return "does not start where the last link for its table ended"
    if source is None:
        return "covers a table that no longer exists"
    count, digest = range_digest(
        cursor,
        table=seal.source,
        pk_column=source.pk_column,
        columns=list(seal.columns),
        context_column=source.context_column,
        from_id=seal.from_id,
        to_id=seal.to_id,
    )
    if count != seal.row_count:
        return f"covered {seal.row_count} rows and now covers {count}"
    if digest != seal.digest:
        return "covers rows that were changed after they were sealed"
    recomputed = link_hash(
        cursor,
        previous_hash=seal.previous_hash,
        source=seal.source,
        from_id=seal.from_id,
        to_id=seal.to_id,
        row_count=seal.row_count,
        columns=list(seal.columns),
        digest=seal.digest,
    )
    if recomputed != seal.hash:
        return "does not match its own hash: the link was edited"
    return None


def audit_chain_verify() -> ChainReport:
    """Recompute every link of the hash chain and report the first broken one.

    A link is broken when its previous hash is not the hash of the link before it (a link was
    removed, inserted or edited), when it does not start where the last link for its table ended
    (rows left out), when the rows in its range no longer hash to its digest (a row or its
    who-and-why was edited, deleted or inserted), or when its own hash does not match.
    """
    expected_previous = GENESIS_HASH
    last_to: dict[str, int] = {}
    checked = 0
    tables = {s.table: s for s in audit_sources()}
    with transaction.atomic(), connections["default"].cursor() as cursor:
        for seal in AuditSeal.objects.order_by("id"):
            checked += 1
            problem = _link_problem(
                cursor,
                seal,
                expected_previous=expected_previous,
                expected_from=last_to.get(seal.source, 0),
                source=tables.get(seal.source),
            )
            if problem is not None:
                broken = BrokenLink(seal.pk, seal.source, seal.from_id, seal.to_id, problem)
                return ChainReport(checked, expected_previous, broken)
            expected_previous = seal.hash
            last_to[seal.source] = seal.to_id
    return ChainReport(links_checked=checked, head_hash=expected_previous, broken=None)
