"""Quality services: who may audit, what an audit keeps, immutable tool versions, the plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, transaction

from hearth.casework.tests.factories import PersonFactory, WorkerFactory
from hearth.organisation.models import Role
from hearth.quality import services
from hearth.quality.models import (
    AuditAnswer,
    AuditToolVersion,
    DeliverableProgress,
    MeasureStage,
    ProgressStatus,
)
from hearth.quality.services import AnswerInput, StageInput
from hearth.quality.tests.factories import TOOL, administrator, team_with_children
from hearth.quality.tools import Question

pytestmark = pytest.mark.django_db

D = dt.date
GOOD_ANSWERS = {
    "voice": AnswerInput(grade="good", comment="Her wishes are in every visit note."),
    "plan": AnswerInput(grade="inadequate", comment="No outcomes or dates."),
}


def _record(**overrides: object) -> object:
    setup = overrides.pop("setup", None) or team_with_children()
    values: dict[str, object] = {
        "actor": setup.manager,  # type: ignore[attr-defined]
        "child": setup.children[0],  # type: ignore[attr-defined]
        "tool": TOOL,
        "audited_on": D(2026, 11, 2),
        "answers": GOOD_ANSWERS,
        "overall_grade": "requires-improvement",
        "summary": "Plan needs work.",
    }
    values.update(overrides)
    return services.case_audit_record(**values)  # type: ignore[arg-type]


def test_a_manager_records_an_audit_of_an_allocated_child() -> None:
    setup = team_with_children()
    audit = services.case_audit_record(
        actor=setup.manager,
        child=setup.children[0],
        tool=TOOL,
        audited_on=D(2026, 11, 2),
        answers=GOOD_ANSWERS,
        overall_grade="requires-improvement",
        summary="  Plan needs work.  ",
    )
    assert audit.team == setup.team
    assert audit.auditor == setup.manager
    assert audit.summary == "Plan needs work."
    assert audit.tool.key == "test-audit"
    assert audit.tool.version == 1
    assert audit.tool.definition["questions"][0]["text"] == "Is the child's voice heard?"
    answers = {
        a.question_key: (a.grade, a.comment) for a in AuditAnswer.objects.filter(audit=audit)
    }
    assert answers == {
        "voice": ("good", "Her wishes are in every visit note."),
        "plan": ("inadequate", "No outcomes or dates."),
    }


def test_audits_on_one_version_share_its_copy() -> None:
    setup = team_with_children()
    first = services.case_audit_record(
        actor=setup.manager,
        child=setup.children[0],
        tool=TOOL,
        audited_on=D(2026, 11, 2),
        answers=GOOD_ANSWERS,
        overall_grade="good",
        summary="Fine.",
    )
    second = services.case_audit_record(
        actor=setup.manager,
        child=setup.children[1],
        tool=TOOL,
        audited_on=D(2026, 11, 3),
        answers=GOOD_ANSWERS,
        overall_grade="good",
        summary="Fine.",
    )
    assert first.tool_id == second.tool_id
    assert AuditToolVersion.objects.count() == 1


def test_a_used_version_cannot_change_under_the_same_number() -> None:
    services.audit_tool_version_publish(definition=TOOL)
    changed = TOOL.model_copy(update={"questions": (Question(key="voice", text="Changed?"),)})
    with pytest.raises(ValidationError, match="give the changed tool a new version number"):
        services.audit_tool_version_publish(definition=changed)
    version = AuditToolVersion.objects.get()
    with pytest.raises(ProgrammingError), transaction.atomic():
        AuditToolVersion.objects.filter(pk=version.pk).update(title="Edited")


def test_every_question_needs_a_grade_on_the_tools_scale() -> None:
    with pytest.raises(ValidationError) as raised:
        _record(
            answers={"voice": AnswerInput(grade="met")},
            overall_grade="",
            summary=" ",
            audited_on=D(2099, 1, 1),
        )
    assert raised.value.message_dict == {
        "q-voice-grade": ["Choose a grade for: Is the child's voice heard?"],
        "q-plan-grade": ["Choose a grade for: Is the plan good enough?"],
        "overall_grade": ["Choose an overall grade"],
        "summary": ["Enter a summary of the audit"],
        "audited_on": ["The date of the audit must be today or in the past"],
    }
    assert not AuditToolVersion.objects.exists()


def test_a_social_worker_may_not_audit() -> None:
    setup = team_with_children()
    with pytest.raises(PermissionDenied):
        _record(setup=setup, actor=setup.member)


def test_an_appointed_auditor_audits_children_they_can_see() -> None:
    setup = team_with_children()
    admin = administrator()
    services.auditor_appoint(actor=admin, worker=setup.member, started_on=D(2026, 1, 1))
    audit = _record(setup=setup, actor=setup.member)
    assert audit.auditor == setup.member  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        services.auditor_appoint(actor=setup.manager, worker=setup.member, started_on=D(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.auditor_appoint(
            actor=admin, worker=setup.member, started_on=D(2026, 1, 2), ended_on=D(2026, 1, 1)
        )


def test_an_appointment_that_has_ended_no_longer_lets_a_worker_audit() -> None:
    setup = team_with_children()
    services.auditor_appoint(
        actor=administrator(),
        worker=setup.member,
        started_on=D(2025, 1, 1),
        ended_on=D(2025, 12, 31),
    )
    with pytest.raises(PermissionDenied):
        _record(setup=setup, actor=setup.member)


def test_a_manager_may_not_audit_a_child_outside_their_reach_or_sealed() -> None:
    setup = team_with_children()
    elsewhere = PersonFactory.create()
    with pytest.raises(PermissionDenied):
        _record(setup=setup, child=elsewhere)
    sealed = setup.children[1]
    sealed.is_sealed = True
    sealed.save(update_fields=["is_sealed"])
    with pytest.raises(PermissionDenied):
        _record(setup=setup, child=sealed)


# --- The improvement plan -----------------------------------------------------------------------


def test_the_plan_is_built_by_managers_and_administrators() -> None:
    setup = team_with_children()
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin,
        title="Improving children's lives",
        inspection="ILACS",
        inspected_on=D(2026, 3, 9),
    )
    r1 = services.recommendation_add(actor=admin, plan=plan, text="Timely assessments")
    r2 = services.recommendation_add(actor=setup.manager, plan=plan, text="Management oversight")
    assert (r1.number, r2.number) == (1, 2)
    priority = services.priority_add(actor=admin, plan=plan, title="Front door and assessment")
    action = services.plan_action_add(
        actor=setup.manager,
        priority=priority,
        description="Daily huddles",
        recommendations=[r1, r2],
    )
    assert action.number == 1
    assert set(action.recommendations.all()) == {r1, r2}
    with pytest.raises(PermissionDenied):
        services.priority_add(actor=setup.member, plan=plan, title="Anything")
    with pytest.raises(ValidationError) as raised:
        services.plan_action_add(
            actor=admin, priority=priority, description="Nothing answered", recommendations=[]
        )
    assert raised.value.message_dict == {
        "recommendations": ["Choose the recommendations this action answers"]
    }
    other = services.improvement_plan_create(
        actor=admin, title="Another", inspection="Focused visit", inspected_on=D(2025, 1, 1)
    )
    foreign = services.recommendation_add(actor=admin, plan=other, text="Elsewhere")
    with pytest.raises(ValidationError):
        services.plan_action_add(
            actor=admin, priority=priority, description="Wrong plan", recommendations=[foreign]
        )


def test_deliverable_progress_is_kept_and_the_owner_may_record_it() -> None:
    setup = team_with_children()
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=D(2026, 3, 9)
    )
    rec = services.recommendation_add(actor=admin, plan=plan, text="Timely assessments")
    priority = services.priority_add(actor=admin, plan=plan, title="Assessment")
    action = services.plan_action_add(
        actor=admin, priority=priority, description="Tracker", recommendations=[rec]
    )
    deliverable = services.deliverable_add(
        actor=admin,
        action=action,
        description="Weekly tracker",
        owner=setup.member,
        due_on=D(2026, 12, 1),
    )
    services.deliverable_progress_record(
        actor=setup.member,
        deliverable=deliverable,
        status=ProgressStatus.IN_PROGRESS,
        note="Drafted",
    )
    services.deliverable_progress_record(
        actor=admin, deliverable=deliverable, status=ProgressStatus.COMPLETE, note="Live"
    )
    statuses = list(
        DeliverableProgress.objects.filter(deliverable=deliverable)
        .order_by("recorded_at", "pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["not_started", "in_progress", "complete"]
    stranger = WorkerFactory.create(role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.deliverable_progress_record(
            actor=stranger, deliverable=deliverable, status=ProgressStatus.COMPLETE, note="Done"
        )
    with pytest.raises(ValidationError) as raised:
        services.deliverable_progress_record(
            actor=admin, deliverable=deliverable, status="finished", note=" "
        )
    assert set(raised.value.message_dict) == {"status"}
    update = DeliverableProgress.objects.filter(deliverable=deliverable).first()
    assert update is not None
    with pytest.raises(ProgrammingError), transaction.atomic():
        DeliverableProgress.objects.filter(pk=update.pk).update(note="Rewritten")
    moved = services.deliverable_update(
        actor=admin, deliverable=deliverable, owner=admin, due_on=D(2027, 1, 15), reason="New lead"
    )
    assert (moved.owner, moved.due_on) == (admin, D(2027, 1, 15))


def test_success_measures_need_a_known_figure_and_one_stage_a_day() -> None:
    admin = administrator()
    plan = services.improvement_plan_create(
        actor=admin, title="Plan", inspection="ILACS", inspected_on=D(2026, 3, 9)
    )
    priority = services.priority_add(actor=admin, plan=plan, title="Workforce")
    measure = services.success_measure_add(
        actor=admin,
        priority=priority,
        figure="agency-social-workers",
        direction="lower",
        stages=[
            StageInput(value=Decimal("15"), due_on=D(2027, 3, 31)),
            StageInput(value=Decimal("20"), due_on=D(2026, 9, 30)),
        ],
    )
    assert list(MeasureStage.objects.filter(measure=measure).values_list("due_on", "value")) == [
        (D(2026, 9, 30), Decimal("20.0")),
        (D(2027, 3, 31), Decimal("15.0")),
    ]
    with pytest.raises(ValidationError) as raised:
        services.success_measure_add(
            actor=admin, priority=priority, figure="nope", direction="lower"
        )
    assert raised.value.message_dict == {"figure": ["Choose a performance figure"]}
    with pytest.raises(ValidationError) as raised:
        services.measure_stage_add(
            actor=admin, measure=measure, value=Decimal("10"), due_on=D(2027, 3, 31)
        )
    assert raised.value.message_dict == {
        "due_on": ["This measure already has a stage on that date"]
    }
    stage = services.measure_stage_add(
        actor=admin, measure=measure, value=Decimal("10"), due_on=D(2027, 9, 30)
    )
    assert stage.value == Decimal("10")
