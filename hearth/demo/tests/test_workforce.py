"""Demo workforce records: the practice model course, training and sickness absence."""

from __future__ import annotations

import pytest

from hearth.demo.services import demo_council_clear, demo_council_create
from hearth.demo.workforce import PRACTITIONERS
from hearth.organisation.models import Worker
from hearth.workforce.models import Absence, AbsenceKind, Course, TrainingRecord

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_council_has_training_and_sickness_recorded_through_the_services():
    demo_council_create(children=300, seed=3)

    course = Course.objects.get()
    assert course.is_practice_model
    practitioners = Worker.objects.filter(role__in=PRACTITIONERS).count()
    trained = TrainingRecord.objects.filter(course=course).values("worker").distinct().count()
    assert 0.3 * practitioners <= trained <= 0.95 * practitioners
    absences = list(Absence.objects.order_by("worker_id", "starts_on"))
    assert absences
    assert {a.kind for a in absences} == {AbsenceKind.SICKNESS}
    assert all(a.starts_on <= a.ends_on for a in absences)
    for before, after in zip(absences, absences[1:], strict=False):
        if before.worker_id == after.worker_id:
            assert after.starts_on > before.ends_on

    demo_council_clear()
    assert not Absence.objects.exists()
    assert not TrainingRecord.objects.exists()
    assert not Course.objects.exists()
