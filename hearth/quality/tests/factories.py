"""Factories for the quality tests: a team with a manager and allocated children, audit tools.

Factories write straight to the models, as fixtures; code under test uses the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.casework.tests.factories import (
    AllocationFactory,
    PersonFactory,
    TeamFactory,
    TeamMembershipFactory,
    WorkerFactory,
)
from hearth.organisation.models import EmploymentType, Role, Team, Worker
from hearth.people.models import Person
from hearth.quality.tools import Grade, Question, ToolDefinition

TOOL = ToolDefinition(
    key="test-audit",
    version=1,
    title="Test audit",
    questions=(
        Question(key="voice", text="Is the child's voice heard?"),
        Question(key="plan", text="Is the plan good enough?"),
    ),
)

THREE_POINT_TOOL = ToolDefinition(
    key="test-dip",
    version=1,
    title="Test dip sample",
    grades=(
        Grade(code="met", label="Met"),
        Grade(code="partly-met", label="Partly met"),
        Grade(code="not-met", label="Not met"),
    ),
    questions=(Question(key="risk", text="Are the risks understood?"),),
)


@dataclass
class TeamSetup:
    """A team, its manager (a team manager by role, managing the team) and a member."""

    team: Team
    manager: Worker
    member: Worker
    children: list[Person]


def team_with_children(
    name: str = "Assessment team", *, children: int = 2, manager_username: str | None = None
) -> TeamSetup:
    """A team with a manager, a social worker, and `children` children allocated to it."""
    team = TeamFactory.create(name=name)
    manager = WorkerFactory.create(
        role=Role.TEAM_MANAGER, **({"username": manager_username} if manager_username else {})
    )
    TeamMembershipFactory.create(worker=manager, team=team, is_manager=True)
    member = WorkerFactory.create(role=Role.SOCIAL_WORKER)
    TeamMembershipFactory.create(worker=member, team=team)
    allocated = []
    for _ in range(children):
        child = PersonFactory.create()
        AllocationFactory.create(child=child, team=team, worker=member)
        allocated.append(child)
    return TeamSetup(team=team, manager=manager, member=member, children=allocated)


def administrator(**kwargs: object) -> Worker:
    return WorkerFactory.create(role=Role.ADMINISTRATOR, **kwargs)


def agency_worker(**kwargs: object) -> Worker:
    """A social worker employed through an agency (for the agency share figure)."""
    return WorkerFactory.create(
        role=Role.SOCIAL_WORKER, employment_type=EmploymentType.AGENCY, **kwargs
    )


D = dt.date
