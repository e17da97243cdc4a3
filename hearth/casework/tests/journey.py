"""Helpers for the journey pages' tests: the shipped model published, a family, the teams."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hearth.casework.tests.factories import PersonFactory, TeamFactory, TeamMembershipFactory
from hearth.organisation.models import Role, Team, TeamScope, Worker
from hearth.people.models import Person
from hearth.people.search import search_keys
from hearth.practice import services as practice
from hearth.practice.definitions import SHIPPED_MODELS_DIR
from hearth.practice.models import PracticeModelVersion

LONDON = ZoneInfo("Europe/London")


def publish_restorative() -> PracticeModelVersion:
    """The shipped restorative model, published (the default council model)."""
    return practice.practice_model_publish(actor=None, path=SHIPPED_MODELS_DIR / "restorative")


@dataclass
class Setting:
    """A MASH (council-wide) and an assessment team, with a social worker and a manager in each,
    and a family of two children and their mother."""

    mash: Team
    assessment: Team
    front_door: Worker
    mash_manager: Worker
    social_worker: Worker
    manager: Worker
    outsider: Worker
    children: list[Person]
    mother: Person


def _member(team: Team, username: str, role: str, *, manager: bool = False) -> Worker:
    worker = Worker.objects.create_user(
        username=username,
        password="a-long-password-1",
        first_name=username.capitalize(),
        last_name="Tester",
        role=role,
    )
    TeamMembershipFactory.create(worker=worker, team=team, is_manager=manager)
    return worker


def child(given_name: str, born: dt.date) -> Person:
    """A person with the search keys the people search reads (as `person_create` writes them)."""
    person = PersonFactory.create(given_name=given_name, date_of_birth=born)
    person.search_grams, person.search_phonetic = search_keys([person.full_name])
    person.save(update_fields=["search_grams", "search_phonetic"])
    return person


def setting() -> Setting:
    """Build the teams, workers and family (the practice model must be published first)."""
    mash = TeamFactory.create(name="MASH", scope=TeamScope.COUNCIL)
    assessment = TeamFactory.create(name="Assessment team", scope=TeamScope.ALLOCATED)
    other = TeamFactory.create(name="Other team", scope=TeamScope.ALLOCATED)
    return Setting(
        mash=mash,
        assessment=assessment,
        front_door=_member(mash, "fola", Role.SOCIAL_WORKER),
        mash_manager=_member(mash, "mo", Role.TEAM_MANAGER, manager=True),
        social_worker=_member(assessment, "sam", Role.SOCIAL_WORKER),
        manager=_member(assessment, "ada", Role.TEAM_MANAGER, manager=True),
        outsider=_member(other, "oli", Role.SOCIAL_WORKER),
        children=[child("Tayo", dt.date(2016, 4, 2)), child("Kemi", dt.date(2019, 9, 14))],
        mother=child("Grace", dt.date(1990, 1, 5)),
    )


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment in UK local time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)
