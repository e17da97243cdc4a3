"""Factories for the looked-after tests: children, workers in allocated teams, periods of care."""

from __future__ import annotations

import datetime as dt

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from hearth.casework.models import Allocation
from hearth.lookedafter import services
from hearth.lookedafter.models import PeriodOfCare
from hearth.organisation.models import Role, Service, Team, TeamMembership, TeamScope, Worker
from hearth.people.models import Person


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = "Children in care"


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    service = SubFactory(ServiceFactory)
    name = Sequence(lambda n: f"Children in care team {n}")
    scope = TeamScope.ALLOCATED


class WorkerFactory(DjangoModelFactory[Worker]):
    class Meta:
        model = Worker

    username = Sequence(lambda n: f"la.worker{n}")
    first_name = Sequence(lambda n: f"Jo{n}")
    last_name = "Mensah"
    role = Role.SOCIAL_WORKER
    started_on = dt.date(2020, 1, 1)


class ChildFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    reference = Sequence(lambda n: f"LAC{n:07d}")
    given_name = Sequence(lambda n: f"Child{n}")
    family_name = "Okonkwo"
    date_of_birth = dt.date(2015, 6, 1)


def team_worker(team: Team | None = None, **kwargs: object) -> Worker:
    """A worker in an allocated team (a new one unless given)."""
    team = team or TeamFactory.create()
    worker = WorkerFactory.create(**kwargs)
    TeamMembership.objects.create(worker=worker, team=team, started_on=dt.date(2020, 1, 1))
    return worker


def allocated_child(worker: Worker, **kwargs: object) -> Person:
    """A child allocated to the worker's team and to the worker."""
    child = ChildFactory.create(**kwargs)
    team = worker.memberships.get().team
    Allocation.objects.create(
        child=child, team=team, worker=worker, started_on=dt.date(2020, 1, 1), reason="Test"
    )
    return child


def foster_placement(**kwargs: object) -> services.PlacementDetails:
    """A foster placement with other carers, in the council's area."""
    values: dict[str, object] = {
        "placement_type": "U6",
        "provider": "PR1",
        "carer_name": "Mr and Mrs Hussain",
        "ofsted_urn": "SC123456",
        "postcode": "HD8 9LS",
    }
    values.update(kwargs)
    return services.PlacementDetails(**values)  # type: ignore[arg-type]


def bring_into_care(
    worker: Worker,
    child: Person,
    started_on: dt.date,
    *,
    legal_status: str = "V2",
    placement: services.PlacementDetails | None = None,
    home_postcode: str = "HD1 2TA",
) -> PeriodOfCare:
    return services.care_start(
        actor=worker,
        child=child,
        started_on=started_on,
        category_of_need="N1",
        legal_status=legal_status,
        placement=placement or foster_placement(),
        home_postcode=home_postcode,
        reason="Became looked after",
    )
