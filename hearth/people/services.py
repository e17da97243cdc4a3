"""Writes to people's records. Every change to a person goes through one of these functions.

Each takes the acting `Worker` and a `reason`, runs in one transaction and records its changes
under `hearth.audit.context.change_context` (a pghistory context of its own holding the worker
and the reason), so the history of the record says who changed what, when and why. Whenever a name
changes, the person's search keys (`hearth.people.search`) are recomputed in the same transaction,
so search never lags behind the record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from hearth.audit.context import change_context
from hearth.organisation.models import Worker
from hearth.people.codes import ContactKind, GroupKind, IdentifierKind, NameKind
from hearth.people.identifiers import validate_identifier
from hearth.people.models import (
    Address,
    ContactDetail,
    Group,
    GroupMembership,
    Identifier,
    Person,
    PersonName,
    Relationship,
    RelationshipKind,
)
from hearth.people.search import search_keys

# Created by migration 0002; nextval() is never rolled back, so a reference is never reused even
# when the transaction that took it fails.
REFERENCE_SEQUENCE = "people_person_reference_seq"
REFERENCE_PREFIX = "HRT"
REFERENCE_DIGITS = 7

# The fields of a person that `person_update` may change; the reference, seal and search keys
# have their own paths.
EDITABLE_FIELDS = frozenset(
    {
        "given_name",
        "middle_names",
        "family_name",
        "preferred_name",
        "date_of_birth",
        "expected_date_of_birth",
        "date_of_death",
        "sex",
        "gender_identity",
        "ethnicity",
        "disabilities",
        "first_language",
        "needs_interpreter",
        "religion",
        "upn_unknown_reason",
    }
)
NAME_FIELDS = frozenset({"given_name", "middle_names", "family_name", "preferred_name"})

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """A UK postcode in its printed form ("HD1 2TG"); anything unrecognised is upper-cased only."""
    compacted = "".join(value.split()).upper()
    match = _POSTCODE.match(compacted)
    return f"{match[1]} {match[2]}" if match else compacted


def person_references_allocate(count: int = 1) -> list[str]:
    """Take `count` new council references ("HRT0000042") from the database sequence.

    Public so that bulk loaders (the demo council) allocate from the same sequence.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", [REFERENCE_SEQUENCE, count]
        )
        return [f"{REFERENCE_PREFIX}{n:0{REFERENCE_DIGITS}d}" for (n,) in cursor.fetchall()]


def person_search_keys_refresh(*, person: Person) -> Person:
    """Recompute a person's search keys from their current name and every other name."""
    names = [person.full_name, person.preferred_name]
    names += [f"{n.given_name} {n.family_name}" for n in person.other_names.all()]
    person.search_grams, person.search_phonetic = search_keys(n for n in names if n)
    person.save(update_fields=["search_grams", "search_phonetic"])
    return person


def _check_dates(values: dict[str, Any]) -> None:
    """Field-level errors for dates that contradict each other or the calendar."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    born, expected = values.get("date_of_birth"), values.get("expected_date_of_birth")
    died = values.get("date_of_death")
    if born and expected:
        errors["expected_date_of_birth"] = (
            "Enter either a date of birth or an expected date of birth, not both"
        )
    if born and born > today:
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    if died and died > today:
        errors["date_of_death"] = "Date of death must be today or in the past"
    if died and born and died < born:
        errors["date_of_death"] = "Date of death must be the same as or after the date of birth"
    if died and expected and not born:
        errors["date_of_death"] = "Enter the date of birth before recording a date of death"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(
    *,
    actor: Worker,
    reason: str = "New person recorded",
    given_name: str,
    family_name: str,
    identifiers: Iterable[tuple[str, str]] = (),
    **details: Any,
) -> Person:
    """Record a new person, allocating their council reference, with any identifiers known.

    `details` are other fields of `Person` (see `EDITABLE_FIELDS`); `identifiers` are
    (kind, value) pairs, checked as `identifier_add` checks them.
    """
    unknown = set(details) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"person_create got unexpected fields: {sorted(unknown)}")
    _check_dates(details)
    with change_context(actor, reason):
        person = Person.objects.create(
            reference=person_references_allocate()[0],
            given_name=given_name.strip(),
            family_name=family_name.strip(),
            **details,
        )
        for kind, value in identifiers:
            identifier_add(actor=actor, reason=reason, person=person, kind=kind, value=value)
        person_search_keys_refresh(person=person)
    return person


@transaction.atomic
def person_update(*, actor: Worker, reason: str, person: Person, **changes: Any) -> Person:
    """Change a person's details; only the fields given change."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"person_update got unexpected fields: {sorted(unknown)}")
    merged = {f: getattr(person, f) for f in EDITABLE_FIELDS} | changes
    _check_dates(merged)
    changed = [f for f, v in changes.items() if getattr(person, f) != v]
    if not changed:
        return person
    with change_context(actor, reason):
        for field, value in changes.items():
            setattr(person, field, value.strip() if isinstance(value, str) else value)
        person.save(update_fields=changed)
        if NAME_FIELDS & set(changed):
            person_search_keys_refresh(person=person)
    return person


@transaction.atomic
def person_name_add(
    *,
    actor: Worker,
    reason: str,
    person: Person,
    given_name: str,
    family_name: str,
    kind: str = NameKind.FORMER,
    used_until: dt.date | None = None,
) -> PersonName:
    """Record a former name, a name at birth or an alias, so search finds the person by it."""
    if not given_name.strip() and not family_name.strip():
        raise ValidationError({"family_name": "Enter a given name or a family name"})
    with change_context(actor, reason):
        name = PersonName.objects.create(
            person=person,
            kind=kind,
            given_name=given_name.strip(),
            family_name=family_name.strip(),
            used_until=used_until,
        )
        person_search_keys_refresh(person=person)
    return name


@transaction.atomic
def identifier_add(
    *, actor: Worker, reason: str, person: Person, kind: str, value: str
) -> Identifier:
    """Record a checked NHS number, UPN, former UPN or ULN for a person.

    A person has one current identifier of each kind (several former UPNs); an identifier
    belongs to one person. Both are refused with a field-level message, not a database error.
    """
    try:
        compacted = validate_identifier(kind, value)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from error
    label = IdentifierKind(kind).label
    if kind != IdentifierKind.FORMER_UPN and person.identifiers.filter(kind=kind).exists():
        raise ValidationError(
            {"kind": f"This person already has a {label.lower()}. Remove it first to replace it"}
        )
    existing = Identifier.objects.filter(kind=kind, value=compacted).first()
    if existing is not None:
        # Says that the number is taken, never by whom: the holder may be a sealed record.
        message = (
            f"This {label.lower()} is already recorded for this person"
            if existing.person_id == person.pk
            else f"This {label.lower()} is already recorded for another person. Check it, or "
            "ask the front door to look for a duplicate record"
        )
        raise ValidationError({"value": message})
    with change_context(actor, reason):
        return Identifier.objects.create(person=person, kind=kind, value=compacted)


@transaction.atomic
def identifier_remove(*, actor: Worker, reason: str, identifier: Identifier) -> None:
    """Remove an identifier recorded in error. The history keeps what it was and why it went."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the identifier is being removed"})
    with change_context(actor, reason):
        identifier.delete()


@transaction.atomic
def address_add(
    *,
    actor: Worker,
    reason: str,
    person: Person,
    line_1: str,
    postcode: str,
    started_on: dt.date,
    line_2: str = "",
    town: str = "",
    is_sealed: bool = False,
) -> Address:
    """Record a person's new current address, ending the previous current one the day before."""
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": "The date they moved in must be today or earlier"})
    current = list(person.addresses.filter(ended_on__isnull=True).select_for_update())
    if any(a.started_on > started_on for a in current):
        raise ValidationError(
            {"started_on": "The date they moved in must be after the current address began"}
        )
    with change_context(actor, reason):
        for previous in current:
            # Moving in on the day the previous address started leaves it a one-day stay.
            previous.ended_on = max(previous.started_on, started_on - dt.timedelta(days=1))
            previous.save(update_fields=["ended_on"])
        return Address.objects.create(
            person=person,
            line_1=line_1.strip(),
            line_2=line_2.strip(),
            town=town.strip(),
            postcode=normalise_postcode(postcode),
            started_on=started_on,
            is_sealed=is_sealed,
        )


@transaction.atomic
def address_end(*, actor: Worker, reason: str, address: Address, ended_on: dt.date) -> Address:
    """Record that a person no longer lives at an address (leaving them no current address)."""
    if ended_on < address.started_on:
        raise ValidationError(
            {"ended_on": "The date they moved out must be the same as or after they moved in"}
        )
    with change_context(actor, reason):
        address.ended_on = ended_on
        address.save(update_fields=["ended_on"])
    return address


@transaction.atomic
def contact_detail_add(
    *,
    actor: Worker,
    reason: str,
    person: Person,
    kind: str,
    value: str,
    is_preferred: bool = False,
) -> ContactDetail:
    """Record a phone number or email address; a new preferred one replaces the old preference."""
    value = value.strip()
    if kind == ContactKind.EMAIL and "@" not in value:
        raise ValidationError(
            {"value": "Enter an email address in the correct format, like name@example.com"}
        )
    if kind in (ContactKind.MOBILE, ContactKind.PHONE):
        digits = re.sub(r"[\s()+-]", "", value)
        if not digits.isdigit() or not 10 <= len(digits) <= 13:
            raise ValidationError(
                {"value": "Enter a telephone number, like 01632 960 001 or 07700 900 982"}
            )
    with change_context(actor, reason):
        if is_preferred:
            person.contact_details.filter(is_preferred=True).update(is_preferred=False)
        return ContactDetail.objects.create(
            person=person, kind=kind, value=value, is_preferred=is_preferred
        )


@transaction.atomic
def relationship_record(
    *,
    actor: Worker,
    reason: str,
    person: Person,
    other: Person,
    kind: str,
    has_parental_responsibility: bool = False,
    started_on: dt.date | None = None,
) -> Relationship:
    """Record that `person` is `kind` to `other` (for example, the parent of `other`).

    Recorded once and read from both sides. A symmetric kind (sibling, partner) is refused if
    already recorded in either direction; a person cannot be related to themselves.
    """
    if person.pk == other.pk:
        raise ValidationError({"other": "A person cannot be related to themselves"})
    # Either direction: for a symmetric kind the reverse is the same fact, and for any other
    # kind (each the parent of the other) it is a contradiction.
    same = Q(person=person, other=other, kind=kind) | Q(person=other, other=person, kind=kind)
    if Relationship.objects.filter(same, ended_on__isnull=True).exists():
        label = RelationshipKind(kind).label.lower()
        raise ValidationError({"kind": f"A {label} relationship between them is already recorded"})
    with change_context(actor, reason):
        # An ended relationship of the same kind is reopened rather than duplicated, because
        # (person, other, kind) is recorded once.
        ended = Relationship.objects.filter(person=person, other=other, kind=kind).first()
        if ended is not None:
            ended.ended_on = None
            ended.started_on = started_on
            ended.has_parental_responsibility = has_parental_responsibility
            ended.save()
            return ended
        return Relationship.objects.create(
            person=person,
            other=other,
            kind=kind,
            has_parental_responsibility=has_parental_responsibility,
            started_on=started_on,
        )


@transaction.atomic
def relationship_end(
    *, actor: Worker, reason: str, relationship: Relationship, ended_on: dt.date
) -> Relationship:
    """Record that a relationship ended (a partnership, a foster placement, a guardianship)."""
    if relationship.started_on and ended_on < relationship.started_on:
        raise ValidationError({"ended_on": "The end date must be after the relationship started"})
    with change_context(actor, reason):
        relationship.ended_on = ended_on
        relationship.save(update_fields=["ended_on"])
    return relationship


@transaction.atomic
def group_create(
    *,
    actor: Worker,
    reason: str,
    kind: str = GroupKind.FAMILY,
    name: str,
    members: Iterable[Person] = (),
) -> Group:
    """Record a family or household, with its first members."""
    if not name.strip():
        raise ValidationError({"name": "Enter a name for the family or household"})
    with change_context(actor, reason):
        group = Group.objects.create(kind=kind, name=name.strip())
        for person in members:
            group_member_add(actor=actor, reason=reason, group=group, person=person)
    return group


@transaction.atomic
def group_member_add(
    *,
    actor: Worker,
    reason: str,
    group: Group,
    person: Person,
    started_on: dt.date | None = None,
) -> GroupMembership:
    """Add a person to a family or household (once)."""
    if group.memberships.filter(person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already in {group.name}"})
    with change_context(actor, reason):
        return GroupMembership.objects.create(group=group, person=person, started_on=started_on)
