"""Factories for workforce data: courses, absences and training records."""

from __future__ import annotations

import datetime as dt

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from hearth.organisation.models import Role
from hearth.people.tests.factories import WorkerFactory
from hearth.workforce.models import Absence, AbsenceKind, Course, TrainingRecord


class CourseFactory(DjangoModelFactory[Course]):
    class Meta:
        model = Course

    name = Sequence(lambda n: f"Course {n}")
    is_practice_model = False


class AbsenceFactory(DjangoModelFactory[Absence]):
    class Meta:
        model = Absence

    worker = SubFactory(WorkerFactory)
    kind = AbsenceKind.SICKNESS
    starts_on = dt.date(2026, 10, 5)
    ends_on = dt.date(2026, 10, 9)
    recorded_by = SubFactory(WorkerFactory, role=Role.ADMINISTRATOR)


class TrainingRecordFactory(DjangoModelFactory[TrainingRecord]):
    class Meta:
        model = TrainingRecord

    worker = SubFactory(WorkerFactory)
    course = SubFactory(CourseFactory)
    completed_on = dt.date(2026, 9, 1)
    recorded_by = SubFactory(WorkerFactory, role=Role.ADMINISTRATOR)
