"""People: children and adults, their names, identifiers, addresses, contacts and relationships.

A `Person` is anyone Hearth records: a child (born or unborn), a parent, a carer, a relative.
Whether someone is a child is a matter of their date of birth (or expected date of birth), not of a
flag.
Each child-linked table is tracked by pghistory with append-only event tables, so every change keeps
who, when and why, and cannot be edited afterwards.

Reads go through `hearth.people.selectors` and `hearth.access`; writes through
`hearth.people.services`. Nothing here holds business logic.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Replace, Upper

from hearth.people.codes import (
    ContactKind,
    Disability,
    Ethnicity,
    GenderIdentity,
    GroupKind,
    IdentifierKind,
    NameKind,
    Religion,
    Sex,
    UPNUnknownReason,
)

ADULT_AGE = 18


@pghistory.track(append_only=True, exclude=["search_grams", "search_phonetic"])
class Person(models.Model):
    """A person known to children's services."""

    # The council's own stable identifier (the CHILD field of the SSDA903, LAchildID in the CIN
    # census). It is never reused and never changes, so returns can compare years.
    reference = models.CharField(max_length=20, unique=True)
    given_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    # An unborn child has an expected date of birth and no date of birth.
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.NOT_KNOWN)
    gender_identity = models.CharField(max_length=20, choices=GenderIdentity.choices, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    disabilities = ArrayField(
        models.CharField(max_length=4, choices=Disability.choices), default=list, blank=True
    )
    first_language = models.CharField(max_length=60, blank=True)
    needs_interpreter = models.BooleanField(default=False)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    # Why a child has no UPN (903 UPN, CIN UPNunknown); ignored once a UPN is recorded.
    upn_unknown_reason = models.CharField(
        max_length=3, choices=UPNUnknownReason.choices, blank=True
    )
    # A sealed (restricted) record is hidden from everyone, administrators included, except workers
    # holding an explicit grant (hearth.access). Used for adoption, witness protection, staff's
    # own families and domestic abuse cases where an address must not leak.
    is_sealed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Search keys, derived by hearth.people.search from every name the person has had. They are
    # plain text arrays under GIN indexes, so typo-tolerant search needs no database extension.
    search_grams = ArrayField(models.CharField(max_length=3), default=list, blank=True)
    search_phonetic = ArrayField(models.CharField(max_length=12), default=list, blank=True)

    class Meta:
        indexes = [
            # fastupdate off: a GIN pending list is scanned linearly by every search until
            # (auto)vacuum merges it, which made searches after a bulk load 10x slower.
            GinIndex(fields=["search_grams"], name="person_search_grams", fastupdate=False),
            GinIndex(fields=["search_phonetic"], name="person_search_phonetic", fastupdate=False),
            models.Index(fields=["date_of_birth"], name="person_dob"),
            models.Index(fields=["family_name", "given_name"], name="person_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(
                    models.Q(date_of_birth__isnull=False)
                    & models.Q(expected_date_of_birth__isnull=False)
                ),
                name="person_born_or_expected_not_both",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_death__isnull=True)
                | models.Q(date_of_birth__isnull=True)
                | models.Q(date_of_death__gte=models.F("date_of_birth")),
                name="person_dies_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.middle_names, self.family_name) if p)

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on `day`, or None when the date of birth is not known."""
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_child_on(self, day: dt.date) -> bool:
        age = self.age_on(day)
        return self.is_unborn or (age is not None and age < ADULT_AGE)


@pghistory.track(append_only=True)
class PersonName(models.Model):
    """A name the person has had or is known by, besides their current one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=10, choices=NameKind.choices, default=NameKind.FORMER)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    used_until = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


# Identifiers recorded in error are deleted (a person has one of each kind), so deletes are
# tracked too: the history keeps the number that went, who removed it and why.
@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), append_only=True
)
class Identifier(models.Model):
    """A verified national identifier (NHS number, UPN, ULN). Never used as a key."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=12, choices=IdentifierKind.choices)
    value = models.CharField(max_length=13)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="identifier_unique_value"),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=~models.Q(kind=IdentifierKind.FORMER_UPN),
                name="identifier_one_current_per_kind",
            ),
        ]
        indexes = [models.Index(fields=["value"], name="identifier_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


@pghistory.track(append_only=True)
class Address(models.Model):
    """Where a person lives or lived. The current address is the one with no end date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=8, db_index=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # A sealed address (refuge, adoptive home) is shown only to workers with a grant.
    is_sealed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_on"]
        indexes = [
            # Postcode search compares postcodes without spaces, however they were typed.
            models.Index(
                Upper(Replace("postcode", models.Value(" "), models.Value(""))),
                name="address_postcode_compact",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="address_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


@pghistory.track(append_only=True)
class ContactDetail(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_details")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    value = models.CharField(max_length=200)
    is_preferred = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class RelationshipKind(models.TextChoices):
    """What `person` is to `other`. Each relationship is recorded once and read from both sides."""

    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_OR_UNCLE = "aunt_uncle", "Aunt or uncle"
    CARER = "carer", "Carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    STEP_SIBLING = "step_sibling", "Step-sibling"
    PARTNER = "partner", "Partner"
    FRIEND = "friend", "Family friend"


# How `other` is described from `person`'s side: the parent of a child sees that child as "Child".
INVERSE_LABELS: dict[str, str] = {
    RelationshipKind.PARENT: "Child",
    RelationshipKind.STEP_PARENT: "Step-child",
    RelationshipKind.GRANDPARENT: "Grandchild",
    RelationshipKind.AUNT_OR_UNCLE: "Niece or nephew",
    RelationshipKind.CARER: "Cared for",
    RelationshipKind.FOSTER_CARER: "Foster child",
    RelationshipKind.SPECIAL_GUARDIAN: "Child under special guardianship",
    RelationshipKind.SIBLING: "Sibling",
    RelationshipKind.HALF_SIBLING: "Half-sibling",
    RelationshipKind.STEP_SIBLING: "Step-sibling",
    RelationshipKind.PARTNER: "Partner",
    RelationshipKind.FRIEND: "Family friend",
}


# Kinds where "A is X to B" means "B is X to A"; the inverse label is the kind's own.
SYMMETRIC_KINDS = frozenset(
    {
        RelationshipKind.SIBLING,
        RelationshipKind.HALF_SIBLING,
        RelationshipKind.STEP_SIBLING,
        RelationshipKind.PARTNER,
        RelationshipKind.FRIEND,
    }
)


@pghistory.track(append_only=True)
class Relationship(models.Model):
    """`person` is `kind` to `other` (for example: person is the parent of other)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_out")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    has_parental_responsibility = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="relationship_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["person", "other", "kind"], name="relationship_recorded_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display().lower()} of {self.other}"


@pghistory.track(append_only=True)
class Group(models.Model):
    """A family or a household: people recorded together so work is recorded once for them."""

    kind = models.CharField(max_length=10, choices=GroupKind.choices)
    name = models.CharField(max_length=120)

    def __str__(self) -> str:
        return self.name


@pghistory.track(append_only=True)
class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="group_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.group_id}"
