"""Reads of people's records: search, possible duplicates, and what the person page shows.

Everything starts from `hearth.access.selectors.visible_people(worker)`, so a search never returns
a person the worker may not see, and a sealed record is not even hinted at.

Name search is typo-tolerant without database extensions (docs/adr/0003): each person carries the
trigrams and Soundex codes of every name they have had (`hearth.people.search`), as text arrays
under GIN indexes. A query word matches a person when they share one of its informative trigrams
or its Soundex code (`&&`, answered from the GIN indexes); every query word must match. Results
are ranked exact names first, then by trigram similarity (shared over combined trigrams), computed
in SQL on the matching rows only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Concat, Lower, Replace, Upper
from django.db.models.sql.compiler import SQLCompiler

from hearth.access.selectors import granted_person_ids, visible_addresses, visible_people
from hearth.organisation.models import Worker
from hearth.people.codes import IdentifierKind
from hearth.people.identifiers import compact
from hearth.people.models import (
    INVERSE_LABELS,
    Address,
    ContactDetail,
    Group,
    Identifier,
    Person,
    PersonName,
    Relationship,
    RelationshipKind,
)
from hearth.people.search import normalise, soundex, trigrams

# Query words beyond this add little and each adds a condition; long pasted text is cut here.
MAX_QUERY_WORDS = 5
# Ranking score = trigram similarity + SOUNDEX_WEIGHT x share of query words that sound alike.
# Below MIN_SCORE a candidate shares only a stray trigram or two ("Grace Morgan" for "Mohammed
# Khan"); two typos in a short name ("Jonh Smyth" for John Smith) still score about 0.6.
SOUNDEX_WEIGHT = 0.3
MIN_SCORE = 0.2


class ArrayShare(Expression):
    """How much of `values` a text-array column of distinct elements shares, computed in SQL.

    `jaccard=True` gives |a ∩ b| / |a ∪ b| (trigram similarity, as pg_trgm defines it); otherwise
    the share of `values` found in the column (|a ∩ b| / |b|).
    """

    output_field = FloatField()

    def __init__(self, column: str, values: list[str], *, jaccard: bool) -> None:
        super().__init__()
        self.column: Any = F(column)
        self.values = sorted(set(values))
        self.jaccard = jaccard

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Any) -> None:
        (self.column,) = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> ArrayShare:
        clone = self.copy()
        clone.column = self.column.resolve_expression(*args, **kwargs)
        return clone

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.column)
        if not self.values:
            return "0.0", []
        # One pass over the row's array. Its elements are distinct (search_keys makes them so),
        # so plain counts suffice. Only the compiled column reference is interpolated; the
        # values are parameters.
        found = "count(*) FILTER (WHERE g = ANY(%s::text[]))"
        if self.jaccard:
            sql = f"(SELECT {found}::float / NULLIF(count(*) + %s - {found}, 0) FROM unnest({column}) g)"  # noqa: E501, S608
            return sql, [self.values, len(self.values), self.values, *params]
        sql = f"(SELECT {found}::float / %s FROM unnest({column}) g)"  # noqa: S608
        return sql, [self.values, len(self.values), *params]


def _word_condition(word: str) -> Q:
    """A person matches a query word when they share an informative trigram or its Soundex.

    The one-letter grams ("  j") of a longer word are left out: nearly everyone shares one, so
    they would turn the index lookup into a scan without adding any precision.
    """
    grams = trigrams(word)
    informative = sorted(g for g in grams if len(word) == 1 or not g.startswith("  "))
    condition = Q(search_grams__overlap=informative)
    code = soundex(word)
    if code:
        condition |= Q(search_phonetic__overlap=[code])
    return condition


def compact_postcode(value: str) -> str:
    """A postcode without spaces, in upper case, as the `address_postcode_compact` index holds."""
    return "".join(value.split()).upper()


def person_search(
    worker: Worker,
    *,
    name: str | None = None,
    date_of_birth: dt.date | None = None,
    identifier: str | None = None,
    postcode: str | None = None,
    limit: int = 50,
) -> list[Person]:
    """People the worker may see who match every criterion given, best match first.

    * `name`: any of the person's names, typos allowed ("Jonh Smyth" finds John Smith);
    * `date_of_birth`: exact (matches an unborn child's expected date too);
    * `identifier`: an NHS number, UPN or ULN, exactly, with spaces ignored;
    * `postcode`: of any address they have had, however spaced; sealed addresses count only for
      workers granted access to the person, so a refuge's postcode finds nobody.

    `current_postcodes` gives the postcodes to show beside the results.
    """
    people = visible_people(worker)
    words = normalise(name or "").split()[:MAX_QUERY_WORDS]
    if not (words or date_of_birth or identifier or postcode):
        return []
    if date_of_birth:
        people = people.filter(
            Q(date_of_birth=date_of_birth) | Q(expected_date_of_birth=date_of_birth)
        )
    if identifier:
        value = compact(identifier).replace("-", "")
        people = people.filter(
            Exists(Identifier.objects.filter(person_id=OuterRef("pk"), value=value))
        )
    if postcode:
        people = people.filter(
            Exists(
                visible_addresses(worker)
                .annotate(compact=Upper(Replace("postcode", Value(" "), Value(""))))
                .filter(person_id=OuterRef("pk"), compact=compact_postcode(postcode))
            )
        )
    order: list[Any] = []
    if words:
        for word in words:
            people = people.filter(_word_condition(word))
        typed = " ".join((name or "").lower().split())
        query = " ".join(words)
        people = people.annotate(
            full_lower=Concat(Lower("given_name"), Value(" "), Lower("family_name")),
            exact=Case(
                When(full_lower=typed, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            similarity=ArrayShare("search_grams", list(trigrams(query)), jaccard=True),
            sounds_alike=ArrayShare("search_phonetic", [soundex(w) for w in words], jaccard=False),
            # Soundex settles what trigrams cannot: "Jonh Smyth" shares as many trigrams with
            # Joe Smith as with John Smith, but sounds like only one of them.
            score=F("similarity") + SOUNDEX_WEIGHT * F("sounds_alike"),
        ).filter(Q(exact=1) | Q(score__gte=MIN_SCORE))
        order = [F("exact").desc(), F("score").desc()]
    order += ["family_name", "given_name", "pk"]
    return list(people.order_by(*order)[:limit])


def current_postcodes(worker: Worker, people: list[Person]) -> dict[int, str]:
    """Person id to the postcode of their current address, for the people shown to the worker.

    A person with no current address, or whose current address is sealed (and the worker holds
    no grant), is left out.
    """
    return {
        a.person_id: a.postcode
        for a in visible_addresses(worker)
        .filter(person__in=people, ended_on__isnull=True)
        .order_by("person_id", "started_on")
    }


@dataclass
class PossibleDuplicate:
    """A person who may be the one being recorded, and why we think so."""

    person: Person
    reasons: list[str] = field(default_factory=list)


def possible_duplicates(
    worker: Worker,
    *,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None,
    identifiers: Sequence[tuple[str, str] | str],
    limit: int = 10,
) -> list[PossibleDuplicate]:
    """People the worker can see who may already be the person about to be recorded.

    A warning, never a block: the same identifier, or a similar name with the same date of birth
    (or with no date of birth on one side). `identifiers` are values, or (kind, value) pairs.
    """
    found: dict[int, PossibleDuplicate] = {}
    values = [v if isinstance(v, str) else v[1] for v in identifiers]
    values = [compact(v).replace("-", "") for v in values if v and v.strip()]
    if values:
        matches = Identifier.objects.filter(
            value__in=values, person__in=visible_people(worker)
        ).select_related("person")
        for match in matches:
            entry = found.setdefault(match.person_id, PossibleDuplicate(match.person))
            entry.reasons.append(f"Same {IdentifierKind(match.kind).label}")
    name = f"{given_name} {family_name}".strip()
    if normalise(name):
        similar = person_search(worker, name=name, limit=100)
        for person in similar:
            born = person.date_of_birth or person.expected_date_of_birth
            if date_of_birth and born == date_of_birth:
                reason = "Similar name and the same date of birth"
            elif date_of_birth is None or born is None:
                if getattr(person, "exact", 0) != 1:
                    continue
                reason = "Same name, and a date of birth is not recorded for one of them"
            else:
                continue
            found.setdefault(person.pk, PossibleDuplicate(person)).reasons.append(reason)
    return list(found.values())[:limit]


@dataclass
class RelationshipLine:
    """One relationship, read from the side of the person whose page it is."""

    relationship: Relationship
    # What the other person is to this one ("Parent", "Child", "Sibling").
    label: str
    # None when the worker may not see the other person: the page then names nobody.
    other: Person | None

    @property
    def is_current(self) -> bool:
        return self.relationship.ended_on is None


@dataclass
class AddressLine:
    address: Address
    withheld: bool


@dataclass
class GroupLine:
    group: Group
    visible_members: list[Person]
    hidden_members: int


@dataclass
class PersonRecord:
    """Everything the person page shows, already filtered for what the worker may see."""

    person: Person
    identifiers: list[Identifier]
    other_names: list[PersonName]
    addresses: list[AddressLine]
    contact_details: list[ContactDetail]
    relationships: list[RelationshipLine]
    groups: list[GroupLine]


def person_record(worker: Worker, person: Person) -> PersonRecord:
    """The person page for a person already loaded through `access_person`.

    Relationships are shown from both sides (each is recorded once); the other person is named
    only when the worker may see them. Sealed addresses are withheld unless the worker holds a
    grant for the person.
    """
    visible = visible_people(worker)
    granted = granted_person_ids(worker).filter(person_id=person.pk).exists()
    rels = list(
        Relationship.objects.filter(Q(person=person) | Q(other=person)).order_by(
            "ended_on", "kind", "pk"
        )
    )
    other_ids = {r.other_id if r.person_id == person.pk else r.person_id for r in rels}
    seen = visible.in_bulk(other_ids)
    lines = []
    for rel in rels:
        if rel.person_id == person.pk:
            label, other_id = INVERSE_LABELS[rel.kind], rel.other_id
        else:
            label, other_id = RelationshipKind(rel.kind).label, rel.person_id
        lines.append(RelationshipLine(rel, str(label), seen.get(other_id)))
    lines.sort(key=lambda line: (not line.is_current, line.other is None, line.label))
    groups = []
    for membership in person.group_memberships.select_related("group").order_by("group__name"):
        member_ids = set(
            membership.group.memberships.exclude(person=person).values_list("person_id", flat=True)
        )
        members = visible.in_bulk(member_ids)
        groups.append(
            GroupLine(
                membership.group,
                sorted(members.values(), key=lambda p: (p.family_name, p.given_name)),
                len(member_ids) - len(members),
            )
        )
    return PersonRecord(
        person=person,
        identifiers=list(person.identifiers.order_by("kind", "pk")),
        other_names=list(person.other_names.order_by("-used_until", "pk")),
        addresses=[
            AddressLine(a, withheld=a.is_sealed and not granted)
            for a in person.addresses.order_by(F("ended_on").desc(nulls_first=True), "-started_on")
        ],
        contact_details=list(person.contact_details.order_by("-is_preferred", "kind", "pk")),
        relationships=lines,
        groups=groups,
    )
