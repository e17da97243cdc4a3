"""Factories for the timescales app."""

from __future__ import annotations

import datetime as dt

from factory.declarations import PostGeneration, Sequence
from factory.django import DjangoModelFactory

from hearth.organisation.models import Role, Worker
from hearth.timescales.calendar import note_table_changed
from hearth.timescales.models import NonWorkingDay, NonWorkingDayKind


class NonWorkingDayFactory(DjangoModelFactory[NonWorkingDay]):
    """A council closure day; tell the calendar so its cache does not hide the new row."""

    class Meta:
        model = NonWorkingDay
        skip_postgeneration_save = True

    day = Sequence(lambda n: dt.date(2040, 1, 2) + dt.timedelta(days=n))
    name = "Council closure day"
    kind = NonWorkingDayKind.COUNCIL_CLOSURE
    source = "Test factory"

    tell_calendar = PostGeneration(lambda obj, create, extracted, **kwargs: note_table_changed())


def administrator(username: str = "admin") -> Worker:
    """A worker with the administrator role, who may edit the calendar."""
    return Worker.objects.create_user(
        username=username,
        password="a-long-password-1",  # noqa: S106 - a test account
        first_name="Alex",
        last_name="Admin",
        role=Role.ADMINISTRATOR,
    )


def social_worker(username: str = "sw") -> Worker:
    """A worker without rights over the calendar."""
    return Worker.objects.create_user(
        username=username,
        password="a-long-password-1",  # noqa: S106 - a test account
        first_name="Sam",
        last_name="Worker",
        role=Role.SOCIAL_WORKER,
    )
