"""Factories for the timescales app."""

from __future__ import annotations

import datetime as dt

from factory.declarations import PostGeneration, Sequence
from factory.django import DjangoModelFactory

from hearth.timescales.calendar import note_table_changed
from hearth.timescales.models import NonWorkingDay, NonWorkingDayKind


class NonWorkingDayFactory(DjangoModelFactory[NonWorkingDay]):
    """A council closure day; tell the calendar so its cache does not hide the new row."""

    class Meta:
        model = NonWorkingDay

    day = Sequence(lambda n: dt.date(2040, 1, 2) + dt.timedelta(days=n))
    name = "Council closure day"
    kind = NonWorkingDayKind.COUNCIL_CLOSURE
    source = "Test factory"

    tell_calendar = PostGeneration(lambda obj, create, extracted, **kwargs: note_table_changed())
