"""Factories for services, teams, workers and memberships."""

from __future__ import annotations

import datetime as dt

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory, Password

from hearth.organisation.models import Role, Service, Team, TeamMembership, TeamScope, Worker


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = Sequence(lambda n: f"Service {n}")


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    service = SubFactory(ServiceFactory)
    name = Sequence(lambda n: f"Team {n}")
    scope = TeamScope.ALLOCATED


class WorkerFactory(DjangoModelFactory[Worker]):
    class Meta:
        model = Worker
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"worker{n}")
    first_name = Sequence(lambda n: f"Alex{n}")
    last_name = "Worker"
    role = Role.SOCIAL_WORKER
    started_on = dt.date(2020, 1, 1)
    password = Password("a-long-password-1")


class TeamMembershipFactory(DjangoModelFactory[TeamMembership]):
    class Meta:
        model = TeamMembership

    worker = SubFactory(WorkerFactory)
    team = SubFactory(TeamFactory)
    started_on = dt.date(2020, 1, 1)
    is_manager = False
