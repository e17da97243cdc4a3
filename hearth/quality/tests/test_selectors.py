"""Quality selectors: the audit list within access, the summary and the plan's evidence, against
hand-computed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hearth.access.tests.factories import AccessGrantFactory
from hearth.casework.tests.factories import WorkerFactory
from hearth.organisation.models import Role, Worker
from hearth.people.models import Person
from hearth.quality import selectors, services
from hearth.quality.models import CaseAudit, ImprovementPlan, ProgressStatus
from hearth.quality.selectors import Track
from hearth.quality.services import AnswerInput, StageInput
from hearth.quality.tests.factories import (
    THREE_POINT_TOOL,
    TOOL,
    administrator,
    agency_worker,
    team_with_children,
)
from hearth.quality.tools import ToolDefinition

pytestmark = pytest.mark.django_db

D = dt.date


def audit(
    actor: Worker,
    child: Person,
    day: dt.date,
    overall: str,
    grades: tuple[str, ...],
    *,
    tool: ToolDefinition = TOOL,
) -> CaseAudit:
    answers = {q.key: AnswerInput(grade=g) for q, g in zip(tool.questions, grades, strict=True)}
    return services.case_audit_record(
        actor=actor,
        child=child,
        tool=tool,
        audited_on=day,
        answers=answers,
        overall_grade=overall,
        summary="Audited.",
    )


def test_audit_summary_counts_and_shares_by_grade_and_question() -> None:
    north = team_with_children("North", children=4)
    m = north.manager
    c = north.children
    # In the period (1 to 30 September 2026), on TOOL:
    #   overall good, good, inadequate: good 2 of 3 = 66.7%, inadequate 1 of 3 = 33.3%;
    #   voice: outstanding, good, good; plan: good, inadequate, inadequate.
    audit(m, c[0], D(2026, 9, 1), "good", ("outstanding", "good"))
    audit(m, c[1], D(2026, 9, 15), "good", ("good", "inadequate"))
    audit(m, c[2], D(2026, 9, 30), "inadequate", ("good", "inadequate"))
    # On the three-point tool: one audit, met.
    audit(m, c[3], D(2026, 9, 20), "met", ("partly-met",), tool=THREE_POINT_TOOL)
    # Outside the period: not counted.
    audit(m, c[0], D(2026, 8, 31), "outstanding", ("outstanding", "outstanding"))
    audit(m, c[1], D(2026, 10, 1), "outstanding", ("outstanding", "outstanding"))

    summary = selectors.audit_summary(
        viewer=north.member, date_from=D(2026, 9, 1), date_to=D(2026, 9, 30)
    )
    assert summary.audits == 4  # noqa: PLR2004
    by_title = {t.definition.title: t for t in summary.tools}
    main = by_title["Test audit"]
    assert main.audits == 3  # noqa: PLR2004
    assert [(g.code, g.count, g.share) for g in main.overall] == [
        ("outstanding", 0, Decimal("0.0")),
        ("good", 2, Decimal("66.7")),
        ("requires-improvement", 0, Decimal("0.0")),
        ("inadequate", 1, Decimal("33.3")),
    ]
    voice, plan = main.questions
    assert voice.text == "Is the child's voice heard?"
    assert [(g.count, g.share) for g in voice.grades] == [
        (1, Decimal("33.3")),
        (2, Decimal("66.7")),
        (0, Decimal("0.0")),
        (0, Decimal("0.0")),
    ]
    assert [g.count for g in plan.grades] == [0, 1, 0, 2]
    dip = by_title["Test dip sample"]
    assert [(g.label, g.count, g.share) for g in dip.overall] == [
        ("Met", 1, Decimal("100.0")),
        ("Partly met", 0, Decimal("0.0")),
        ("Not met", 0, Decimal("0.0")),
    ]
    assert [g.count for g in dip.questions[0].grades] == [0, 1, 0]


def test_an_empty_period_has_no_tools_and_no_shares() -> None:
    viewer = WorkerFactory.create()
    summary = selectors.audit_summary(viewer=viewer, date_from=D(2020, 1, 1), date_to=D(2020, 2, 1))
    assert (summary.audits, summary.tools) == (0, ())


def test_the_summary_needs_a_working_viewer() -> None:
    left = WorkerFactory.create(ended_on=D(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        selectors.audit_summary(viewer=left, date_from=D(2026, 1, 1), date_to=D(2026, 2, 1))


def test_audit_list_filters_and_stays_within_access() -> None:
    north = team_with_children("North", children=2)
    south = team_with_children("South", children=1)
    a1 = audit(north.manager, north.children[0], D(2026, 9, 1), "good", ("good", "good"))
    a2 = audit(north.manager, north.children[1], D(2026, 10, 1), "inadequate", ("good", "good"))
    a3 = audit(south.manager, south.children[0], D(2026, 9, 5), "good", ("good", "good"))
    admin = administrator()

    assert set(selectors.audit_list(viewer=admin)) == {a1, a2, a3}
    assert set(selectors.audit_list(viewer=north.manager)) == {a1, a2}
    assert set(selectors.audit_list(viewer=admin, team_id=south.team.pk)) == {a3}
    assert set(selectors.audit_list(viewer=admin, grade="good")) == {a1, a3}
    assert set(
        selectors.audit_list(viewer=admin, date_from=D(2026, 9, 2), date_to=D(2026, 10, 1))
    ) == {a2, a3}
    assert list(selectors.audits_for_child(viewer=south.manager, child=north.children[0])) == []

    # Sealing hides a child's audits, even from an administrator, until a grant is made.
    child = north.children[0]
    child.is_sealed = True
    child.save(update_fields=["is_sealed"])
    assert set(selectors.audit_list(viewer=admin)) == {a2, a3}
    assert selectors.audit_get(viewer=north.manager, audit_id=a1.pk) is None
    AccessGrantFactory.create(person=child, worker=north.manager)
    assert selectors.audit_get(viewer=north.manager, audit_id=a1.pk) == a1


def _plan_with_measures(admin: Worker) -> ImprovementPlan:
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=D(2026, 3, 9)
    )
    rec1 = services.recommendation_add(actor=admin, plan=plan, text="Stable workforce")
    services.recommendation_add(actor=admin, plan=plan, text="Not yet answered")
    priority = services.priority_add(actor=admin, plan=plan, title="Workforce")
    action = services.plan_action_add(
        actor=admin, priority=priority, description="Recruit", recommendations=[rec1]
    )
    overdue = services.deliverable_add(
        actor=admin, action=action, description="Campaign", owner=admin, due_on=D(2026, 11, 1)
    )
    services.deliverable_progress_record(
        actor=admin, deliverable=overdue, status=ProgressStatus.IN_PROGRESS, note="Half done"
    )
    done = services.deliverable_add(
        actor=admin, action=action, description="Offer", owner=admin, due_on=D(2026, 10, 1)
    )
    services.deliverable_progress_record(
        actor=admin, deliverable=done, status=ProgressStatus.COMPLETE, note="Agreed"
    )
    later = services.priority_add(actor=admin, plan=plan, title="Later")
    services.plan_action_add(
        actor=admin,
        priority=later,
        description="Not due",
        recommendations=[rec1],
    )
    # Agency share, lower is better: 30% by 30 June 2026 (passed), then 20% by 31 March 2027.
    services.success_measure_add(
        actor=admin,
        priority=priority,
        figure="agency-social-workers",
        direction="lower",
        stages=[
            StageInput(value=Decimal("30"), due_on=D(2026, 6, 30)),
            StageInput(value=Decimal("20"), due_on=D(2027, 3, 31)),
        ],
    )
    services.success_measure_add(
        actor=admin,
        priority=later,
        figure="agency-social-workers",
        direction="lower",
        stages=[StageInput(value=Decimal("30"), due_on=D(2026, 6, 30))],
    )
    services.success_measure_add(
        actor=admin, priority=later, figure="agency-social-workers", direction="higher"
    )
    return plan


def test_plan_evidence_sets_live_figures_against_the_stage_due() -> None:
    # Social workers employed (social workers, team managers, IROs): the team's manager and
    # member, one agency worker and one more permanent worker: 1 agency of 4 = 25.0%.
    team_with_children("North", children=0)
    agency_worker()
    WorkerFactory.create(role=Role.SOCIAL_WORKER)
    admin = administrator()  # not a social worker: not counted
    plan = _plan_with_measures(admin)

    evidence = selectors.plan_evidence(viewer=admin, plan=plan, today=D(2026, 11, 22))
    assert (evidence.period.start, evidence.period.end) == (D(2026, 4, 1), D(2026, 11, 22))
    first, second, third = evidence.measures
    assert first.result is not None
    assert first.result.value == Decimal("25.0")
    # The next stage (20% by 31 March 2027) is due; 25% is above it: not on track.
    assert first.stage is not None
    assert (first.stage.value, first.stage.due_on) == (Decimal("20.0"), D(2027, 3, 31))
    assert first.track == Track.OFF_TRACK
    # Every stage has passed: the last (30% by 30 June 2026) stands, and 25% meets it.
    assert second.stage is not None
    assert second.stage.due_on == D(2026, 6, 30)
    assert second.track == Track.ON_TRACK
    assert third.track == Track.NO_TARGET

    overdue = evidence.overdue_actions
    assert [a.action.description for a in overdue] == ["Recruit"]
    rows = {d.deliverable.description: d for d in overdue[0].deliverables}
    assert rows["Campaign"].overdue
    assert rows["Campaign"].status_label == "In progress"
    assert not rows["Offer"].overdue
    cross = {r.text: [a.description for a in actions] for r, actions in evidence.recommendations}
    assert cross == {"Stable workforce": ["Recruit", "Not due"], "Not yet answered": []}


def test_stage_due_and_meets() -> None:
    assert selectors.meets(Decimal("65"), Decimal("65"), "higher")
    assert not selectors.meets(Decimal("64.9"), Decimal("65"), "higher")
    assert selectors.meets(Decimal("10"), Decimal("12"), "lower")
    assert selectors.stage_due([], D(2026, 1, 1)) is None
    assert selectors.reporting_year_to_date(D(2027, 2, 3)).start == D(2026, 4, 1)
    assert selectors.reporting_year_to_date(D(2026, 4, 1)).start == D(2026, 4, 1)
