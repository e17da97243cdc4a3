"""The demo's quality data: audits within each auditor's reach, and a whole improvement plan."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.casework.tests.factories import WorkerFactory
from hearth.demo.quality import quality_demo
from hearth.organisation.models import Role
from hearth.quality import selectors
from hearth.quality.models import AuditToolVersion, CaseAudit, ImprovementPlan, SuccessMeasure
from hearth.quality.tests.factories import administrator, team_with_children

pytestmark = pytest.mark.django_db


def test_the_demo_writes_audits_and_a_plan_through_the_services() -> None:
    north = team_with_children("North", children=6)
    south = team_with_children("South", children=6)
    admin = administrator()
    analyst = WorkerFactory.create(role=Role.PERFORMANCE_ANALYST)
    workers = [north.manager, north.member, south.manager, south.member, admin, analyst]
    children = north.children + south.children

    demo = quality_demo(
        workers=workers, children=children, seed=7, audits=9, today=dt.date(2026, 11, 22)
    )

    audits = list(CaseAudit.objects.select_related("team"))
    assert len(audits) == 9  # noqa: PLR2004
    assert demo.counts["case_audits"] == 9  # noqa: PLR2004
    assert sorted(demo.created[CaseAudit]) == sorted(a.pk for a in audits)
    assert len({a.child_id for a in audits}) == 9  # noqa: PLR2004
    # Managers audit only their own team's children.
    for audit in audits:
        if audit.auditor == north.manager:
            assert audit.team == north.team
        if audit.auditor == south.manager:
            assert audit.team == south.team
    assert set(demo.created[AuditToolVersion]) == set(
        AuditToolVersion.objects.values_list("pk", flat=True)
    )

    plan = ImprovementPlan.objects.get()
    evidence = selectors.plan_evidence(viewer=admin, plan=plan, today=dt.date(2026, 11, 22))
    assert len(evidence.priorities) == 3  # noqa: PLR2004
    assert len(evidence.recommendations) == 5  # noqa: PLR2004
    assert all(actions for _, actions in evidence.recommendations)
    assert SuccessMeasure.objects.count() == demo.counts["plan_measures"] == 5  # noqa: PLR2004
    # One deliverable an action is past due and only in progress: every action is overdue.
    assert len(evidence.overdue_actions) == 5  # noqa: PLR2004


def test_the_demo_rows_delete_newest_kind_first_as_replace_does() -> None:
    north = team_with_children("North", children=3)
    admin = administrator()
    analyst = WorkerFactory.create(role=Role.PERFORMANCE_ANALYST)
    demo = quality_demo(workers=[north.manager, admin, analyst], children=north.children, audits=3)
    models_in_order = list(demo.created)
    assert models_in_order.index(AuditToolVersion) < models_in_order.index(CaseAudit)
    for model in reversed(models_in_order):
        model._default_manager.filter(pk__in=demo.created[model]).delete()
    assert not CaseAudit.objects.exists()
    assert not ImprovementPlan.objects.exists()
    assert not AuditToolVersion.objects.exists()
