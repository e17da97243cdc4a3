"""The demo's case audits and improvement plan are made with the council and go with it."""

from __future__ import annotations

import pytest

from hearth.demo.services import demo_council_clear, demo_council_create
from hearth.quality.models import CaseAudit, DeliverableProgress, ImprovementPlan

pytestmark = pytest.mark.django_db(transaction=False)


def test_replace_clears_audits_and_the_plan_with_its_append_only_progress():
    demo_council_create(children=300, seed=4)
    assert CaseAudit.objects.exists()
    assert ImprovementPlan.objects.exists()
    assert DeliverableProgress.objects.exists()

    demo_council_create(children=300, seed=4, replace=True)
    assert ImprovementPlan.objects.count() == 1

    demo_council_clear()
    assert not CaseAudit.objects.exists()
    assert not DeliverableProgress.objects.exists()
    assert not ImprovementPlan.objects.exists()
