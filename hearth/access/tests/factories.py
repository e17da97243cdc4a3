"""Factories for access tests: people, allocations, relationships and grants.

People and allocations belong to other apps; these small factories keep the access tests
independent of those apps' own factories.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from hearth.access.models import AccessGrant
from hearth.casework.models import Allocation
from hearth.organisation.models import Role
from hearth.organisation.tests.factories import TeamFactory, WorkerFactory
from hearth.people.models import Person, Relationship, RelationshipKind


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    reference = Sequence(lambda n: f"ACC{n:06d}")
    given_name = Sequence(lambda n: f"Kit{n}")
    family_name = "Child"
    date_of_birth = dt.date(2016, 5, 1)


class AllocationFactory(DjangoModelFactory[Allocation]):
    class Meta:
        model = Allocation

    child = SubFactory(PersonFactory)
    team = SubFactory(TeamFactory)
    started_on = dt.date(2025, 1, 6)


class RelationshipFactory(DjangoModelFactory[Relationship]):
    class Meta:
        model = Relationship

    person = SubFactory(PersonFactory, family_name="Parent", date_of_birth=None)
    other = SubFactory(PersonFactory)
    kind = RelationshipKind.PARENT


class AccessGrantFactory(DjangoModelFactory[AccessGrant]):
    class Meta:
        model = AccessGrant

    person = SubFactory(PersonFactory, is_sealed=True)
    worker = SubFactory(WorkerFactory)
    granted_by = SubFactory(WorkerFactory, role=Role.ADMINISTRATOR)
    reason = "Adoption support work"
    expires_at = LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
