"""factory_boy factories for people, and for the workers, teams and allocations that decide who
sees them. Other apps import these (a worker who can see a child needs all of them).

Factories write straight to the models, as fixtures; code under test uses the services.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone
from factory.declarations import (
    LazyFunction,
    PostGeneration,
    PostGenerationMethodCall,
    Sequence,
    SubFactory,
)
from factory.django import DjangoModelFactory
from factory.faker import Faker

from hearth.casework.models import Allocation
from hearth.organisation.models import Role, Service, Team, TeamMembership, TeamScope, Worker
from hearth.people.codes import ContactKind, GroupKind, IdentifierKind, NameKind
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

PASSWORD = "a-long-password-1"

# Factory references start high so they never meet the ones the sequence hands out.
_references = itertools.count(9_000_001)


def _save(worker: Worker, create: bool) -> None:
    if create:
        worker.save()


def _fill_keys(person: Person, create: bool) -> None:
    person.search_grams, person.search_phonetic = search_keys([person.full_name])
    if create:
        person.save(update_fields=["search_grams", "search_phonetic"])


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = "Children's social care"


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    service = SubFactory(ServiceFactory)
    name = Sequence(lambda n: f"Assessment team {n}")
    scope = TeamScope.ALLOCATED


class WorkerFactory(DjangoModelFactory[Worker]):
    class Meta:
        model = Worker
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"worker{n}")
    first_name = Faker("first_name", locale="en_GB")
    last_name = Faker("last_name", locale="en_GB")
    role = Role.SOCIAL_WORKER
    password = PostGenerationMethodCall("set_password", PASSWORD)

    save_password = PostGeneration(lambda worker, create, extracted, **kw: _save(worker, create))


class TeamMembershipFactory(DjangoModelFactory[TeamMembership]):
    class Meta:
        model = TeamMembership

    worker = SubFactory(WorkerFactory)
    team = SubFactory(TeamFactory)
    started_on = LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))


class PersonFactory(DjangoModelFactory[Person]):
    """A person with search keys filled, as `person_create` would leave them."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    reference = LazyFunction(lambda: f"TST{next(_references)}")
    given_name = Faker("first_name", locale="en_GB")
    family_name = Faker("last_name", locale="en_GB")
    date_of_birth = Faker("date_between", start_date="-17y", end_date="-1y")

    keys = PostGeneration(lambda person, create, extracted, **kw: _fill_keys(person, create))


class AllocationFactory(DjangoModelFactory[Allocation]):
    class Meta:
        model = Allocation

    child = SubFactory(PersonFactory)
    team = SubFactory(TeamFactory)
    started_on = LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class PersonNameFactory(DjangoModelFactory[PersonName]):
    class Meta:
        model = PersonName

    person = SubFactory(PersonFactory)
    kind = NameKind.FORMER
    given_name = Faker("first_name", locale="en_GB")
    family_name = Faker("last_name", locale="en_GB")


class IdentifierFactory(DjangoModelFactory[Identifier]):
    class Meta:
        model = Identifier

    person = SubFactory(PersonFactory)
    kind = IdentifierKind.NHS
    value = "9434765919"


class AddressFactory(DjangoModelFactory[Address]):
    class Meta:
        model = Address

    person = SubFactory(PersonFactory)
    line_1 = Sequence(lambda n: f"{n + 1} Market Street")
    town = "Huddersfield"
    postcode = "HD1 2TG"
    started_on = LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=400))


class ContactDetailFactory(DjangoModelFactory[ContactDetail]):
    class Meta:
        model = ContactDetail

    person = SubFactory(PersonFactory)
    kind = ContactKind.MOBILE
    value = "07700 900982"


class RelationshipFactory(DjangoModelFactory[Relationship]):
    class Meta:
        model = Relationship

    person = SubFactory(PersonFactory)
    other = SubFactory(PersonFactory)
    kind = RelationshipKind.PARENT


class GroupFactory(DjangoModelFactory[Group]):
    class Meta:
        model = Group

    kind = GroupKind.FAMILY
    name = Sequence(lambda n: f"Family {n}")


class GroupMembershipFactory(DjangoModelFactory[GroupMembership]):
    class Meta:
        model = GroupMembership

    group = SubFactory(GroupFactory)
    person = SubFactory(PersonFactory)


def worker_in_team(team: Team | None = None, **worker_fields: Any) -> Worker:
    """A worker who is a current member of `team` (a new allocated-scope team if none)."""
    worker = WorkerFactory.create(**worker_fields)
    TeamMembershipFactory.create(worker=worker, team=team or TeamFactory.create())
    return worker


def worker_who_sees(*children: Person, **worker_fields: Any) -> Worker:
    """A worker whose team has each child allocated, so the children (and relatives) are visible."""
    team = TeamFactory.create()
    for child in children:
        AllocationFactory.create(child=child, team=team)
    return worker_in_team(team, **worker_fields)


def council_wide_worker(**worker_fields: Any) -> Worker:
    """A front-door worker, who sees every unsealed record."""
    return worker_in_team(TeamFactory.create(scope=TeamScope.COUNCIL), **worker_fields)
