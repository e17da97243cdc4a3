"""Factories for the casework and front door tests: people, workers, teams, allocations."""

from __future__ import annotations

import datetime as dt

from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory

from hearth.casework.models import Allocation
from hearth.organisation.models import Role, Service, Team, TeamMembership, TeamScope, Worker
from hearth.people.models import Person


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = "Children's social care"


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    service = SubFactory(ServiceFactory)
    name = Sequence(lambda n: f"Casework team {n}")
    scope = TeamScope.ALLOCATED


class WorkerFactory(DjangoModelFactory[Worker]):
    class Meta:
        model = Worker

    username = Sequence(lambda n: f"journey.worker{n}")
    first_name = Sequence(lambda n: f"Sam{n}")
    last_name = "Okafor"
    role = Role.SOCIAL_WORKER


class TeamMembershipFactory(DjangoModelFactory[TeamMembership]):
    class Meta:
        model = TeamMembership

    worker = SubFactory(WorkerFactory)
    team = SubFactory(TeamFactory)
    started_on = dt.date(2020, 1, 1)


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    reference = Sequence(lambda n: f"JRN{n:07d}")
    given_name = Sequence(lambda n: f"Child{n}")
    family_name = "Adebayo"
    date_of_birth = dt.date(2015, 6, 1)


class AllocationFactory(DjangoModelFactory[Allocation]):
    class Meta:
        model = Allocation

    child = SubFactory(PersonFactory)
    team = SubFactory(TeamFactory)
    worker = None
    started_on = dt.date(2024, 1, 1)
    reason = LazyAttribute(lambda _: "Allocated for the test")


def front_door_worker(**kwargs: object) -> Worker:
    """A worker in a council-wide team (the MASH), who may record about any unsealed child."""
    team = TeamFactory.create(name=f"MASH {Team.objects.count() + 1}", scope=TeamScope.COUNCIL)
    worker = WorkerFactory.create(**kwargs)
    TeamMembershipFactory.create(worker=worker, team=team)
    return worker


def team_worker(team: Team, **kwargs: object) -> Worker:
    """A worker who is a member of `team` (and sees only the team's allocated children)."""
    worker = WorkerFactory.create(**kwargs)
    TeamMembershipFactory.create(worker=worker, team=team)
    return worker
