"""Writes for quality assurance: audit tool versions, case audits, auditors, the improvement plan.

Each service checks the actor may act (`hearth.quality.rules`), validates what it is given
(raising `ValidationError` keyed by field, so a form can show the message beside the field), and
writes in one transaction under a pghistory context naming the actor and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from hearth.access.selectors import visible_people
from hearth.casework.models import Allocation
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.performance.figures import REGISTRY
from hearth.performance.models import Direction
from hearth.quality import rules
from hearth.quality.models import (
    AuditAnswer,
    AuditorAppointment,
    AuditToolVersion,
    CaseAudit,
    Deliverable,
    DeliverableProgress,
    ImprovementPlan,
    MeasureStage,
    PlanAction,
    Priority,
    ProgressStatus,
    Recommendation,
    SuccessMeasure,
)
from hearth.quality.tools import ToolDefinition


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_plan_editor(actor: Worker) -> None:
    _require(rules.can_edit_plan(actor), "Only managers and administrators change the plan.")


def _required_text(field: str, value: str, message: str) -> str:
    if not value.strip():
        raise ValidationError({field: message})
    return value.strip()


# --- Audit tools and case audits ----------------------------------------------------------------


@transaction.atomic
def audit_tool_version_publish(*, definition: ToolDefinition, source: str = "") -> AuditToolVersion:
    """The database copy of a tool version, written the first time an audit uses it.

    Versions are immutable: a file changed after its version was used must take a new version
    number, and publishing it under the old number is refused (`ValidationError`).
    """
    data = definition.model_dump(mode="json")
    existing = (
        AuditToolVersion.objects.select_for_update()
        .filter(key=definition.key, version=definition.version)
        .first()
    )
    if existing is not None:
        if existing.definition != data:
            raise ValidationError(
                f"{definition.title} version {definition.version} has been used for audits and "
                "has since changed: give the changed tool a new version number."
            )
        return existing
    return AuditToolVersion.objects.create(
        key=definition.key,
        version=definition.version,
        title=definition.title,
        definition=data,
        source=source,
    )


@dataclass(frozen=True)
class AnswerInput:
    """What the auditor gave for one question."""

    grade: str
    comment: str = ""


def _allocated_team_id(child: Person, on: dt.date) -> int | None:
    allocation = (
        Allocation.objects.filter(child=child, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .order_by("-started_on")
        .first()
    )
    return None if allocation is None else allocation.team_id


@transaction.atomic
def case_audit_record(
    *,
    actor: Worker,
    child: Person,
    tool: ToolDefinition,
    audited_on: dt.date,
    answers: Mapping[str, AnswerInput],
    overall_grade: str,
    summary: str,
) -> CaseAudit:
    """Record a quality audit of `child`'s case against `tool` (its newest version, usually).

    The actor must be allowed to audit and able to see the child (`visible_people`: sealing and
    allocation apply to auditors too). Every question needs a grade on the tool's scale; errors are
    keyed `q-<question key>-grade`, `overall_grade`, `summary` and `audited_on`.
    """
    _require(rules.can_audit(actor), "Only managers and appointed auditors audit cases.")
    if not visible_people(actor).filter(pk=child.pk).exists():
        raise PermissionDenied("No such person")
    codes = {g.code for g in tool.grades}
    errors: dict[str, str] = {}
    if audited_on > timezone.localdate():
        errors["audited_on"] = "The date of the audit must be today or in the past"
    for question in tool.questions:
        given = answers.get(question.key)
        if given is None or given.grade not in codes:
            errors[f"q-{question.key}-grade"] = f"Choose a grade for: {question.text}"
    if overall_grade not in codes:
        errors["overall_grade"] = "Choose an overall grade"
    if not summary.strip():
        errors["summary"] = "Enter a summary of the audit"
    if errors:
        raise ValidationError(errors)
    version = audit_tool_version_publish(definition=tool)
    with pghistory.context(user=actor.pk, reason="Case audit recorded"):
        audit = CaseAudit.objects.create(
            child=child,
            tool=version,
            auditor=actor,
            team_id=_allocated_team_id(child, audited_on),
            audited_on=audited_on,
            overall_grade=overall_grade,
            summary=summary.strip(),
        )
        AuditAnswer.objects.bulk_create(
            AuditAnswer(
                audit=audit,
                question_key=q.key,
                grade=answers[q.key].grade,
                comment=answers[q.key].comment.strip(),
            )
            for q in tool.questions
        )
    return audit


@transaction.atomic
def auditor_appoint(
    *, actor: Worker, worker: Worker, started_on: dt.date, ended_on: dt.date | None = None
) -> AuditorAppointment:
    """Appoint `worker` to audit cases from `started_on` (administrators only)."""
    _require(rules.can_appoint_auditors(actor), "Only administrators appoint auditors.")
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": "The end date must be the same as or after the start"})
    with pghistory.context(user=actor.pk, reason="Auditor appointed"):
        return AuditorAppointment.objects.create(
            worker=worker, started_on=started_on, ended_on=ended_on, appointed_by=actor
        )


# --- The improvement plan -----------------------------------------------------------------------


@transaction.atomic
def improvement_plan_create(
    *, actor: Worker, title: str, inspection: str, inspected_on: dt.date
) -> ImprovementPlan:
    """Start an improvement plan answering an inspection."""
    _require_plan_editor(actor)
    title = _required_text("title", title, "Enter the plan's title")
    inspection = _required_text("inspection", inspection, "Enter the inspection it answers")
    with pghistory.context(user=actor.pk, reason="Improvement plan created"):
        return ImprovementPlan.objects.create(
            title=title, inspection=inspection, inspected_on=inspected_on, created_by=actor
        )


def _next_number(existing: Iterable[int | None]) -> int:
    return max((n for n in existing if n is not None), default=0) + 1


@transaction.atomic
def recommendation_add(*, actor: Worker, plan: ImprovementPlan, text: str) -> Recommendation:
    """Record one of the inspection's recommendations, numbered next in the plan."""
    _require_plan_editor(actor)
    text = _required_text("text", text, "Enter the recommendation")
    number = _next_number(
        [Recommendation.objects.filter(plan=plan).aggregate(n=Max("number"))["n"]]
    )
    with pghistory.context(user=actor.pk, reason="Inspection recommendation recorded"):
        return Recommendation.objects.create(plan=plan, number=number, text=text)


@transaction.atomic
def recommendation_update(
    *, actor: Worker, recommendation: Recommendation, text: str
) -> Recommendation:
    """Reword a recommendation (to match the published report); its number stays."""
    _require_plan_editor(actor)
    recommendation.text = _required_text("text", text, "Enter the recommendation")
    with pghistory.context(user=actor.pk, reason="Inspection recommendation reworded"):
        recommendation.save(update_fields=["text"])
    return recommendation


@transaction.atomic
def priority_add(
    *, actor: Worker, plan: ImprovementPlan, title: str, description: str = ""
) -> Priority:
    """Add a priority to the plan, numbered next."""
    _require_plan_editor(actor)
    title = _required_text("title", title, "Enter the priority")
    number = _next_number([Priority.objects.filter(plan=plan).aggregate(n=Max("number"))["n"]])
    with pghistory.context(user=actor.pk, reason="Plan priority added"):
        return Priority.objects.create(
            plan=plan, number=number, title=title, description=description.strip()
        )


@transaction.atomic
def priority_update(*, actor: Worker, priority: Priority, title: str, description: str) -> Priority:
    """Reword a priority; its number stays."""
    _require_plan_editor(actor)
    priority.title = _required_text("title", title, "Enter the priority")
    priority.description = description.strip()
    with pghistory.context(user=actor.pk, reason="Plan priority reworded"):
        priority.save(update_fields=["title", "description"])
    return priority


def _answered(plan_id: int, recommendations: Iterable[Recommendation]) -> list[Recommendation]:
    answered = list(recommendations)
    if not answered:
        raise ValidationError({"recommendations": "Choose the recommendations this action answers"})
    if any(r.plan_id != plan_id for r in answered):
        raise ValidationError({"recommendations": "Choose recommendations from this plan"})
    return answered


@transaction.atomic
def plan_action_add(
    *,
    actor: Worker,
    priority: Priority,
    description: str,
    recommendations: Iterable[Recommendation],
) -> PlanAction:
    """Add an action to a priority, naming the recommendations (at least one) it answers."""
    _require_plan_editor(actor)
    description = _required_text("description", description, "Enter the action")
    answered = _answered(priority.plan_id, recommendations)
    number = _next_number(
        [PlanAction.objects.filter(priority=priority).aggregate(n=Max("number"))["n"]]
    )
    with pghistory.context(user=actor.pk, reason="Plan action added"):
        action = PlanAction.objects.create(
            priority=priority, number=number, description=description
        )
        action.recommendations.set(answered)
    return action


@transaction.atomic
def plan_action_update(
    *,
    actor: Worker,
    action: PlanAction,
    description: str,
    recommendations: Iterable[Recommendation],
) -> PlanAction:
    """Reword an action or change the recommendations it answers (at least one)."""
    _require_plan_editor(actor)
    description = _required_text("description", description, "Enter the action")
    answered = _answered(action.priority.plan_id, recommendations)
    with pghistory.context(user=actor.pk, reason="Plan action changed"):
        action.description = description
        action.save(update_fields=["description"])
        action.recommendations.set(answered)
    return action


@transaction.atomic
def deliverable_add(
    *, actor: Worker, action: PlanAction, description: str, owner: Worker, due_on: dt.date
) -> Deliverable:
    """Add a deliverable to an action, with its owner and due date (status "not started")."""
    _require_plan_editor(actor)
    description = _required_text("description", description, "Enter the deliverable")
    with pghistory.context(user=actor.pk, reason="Plan deliverable added"):
        deliverable = Deliverable.objects.create(
            action=action, description=description, owner=owner, due_on=due_on
        )
        DeliverableProgress.objects.create(
            deliverable=deliverable,
            status=ProgressStatus.NOT_STARTED,
            note="Added to the plan",
            recorded_by=actor,
        )
    return deliverable


@transaction.atomic
def deliverable_update(
    *, actor: Worker, deliverable: Deliverable, owner: Worker, due_on: dt.date, reason: str
) -> Deliverable:
    """Change a deliverable's owner or due date; the reason is kept in its history."""
    _require_plan_editor(actor)
    reason = _required_text("reason", reason, "Say why the owner or due date is changing")
    with pghistory.context(user=actor.pk, reason=reason):
        deliverable.owner = owner
        deliverable.due_on = due_on
        deliverable.save(update_fields=["owner", "due_on"])
    return deliverable


@transaction.atomic
def deliverable_progress_record(
    *, actor: Worker, deliverable: Deliverable, status: str, note: str
) -> DeliverableProgress:
    """Record progress on a deliverable: a status and a note. Earlier updates are kept.

    The deliverable's owner may record progress as well as managers and administrators.
    """
    _require(
        rules.can_edit_plan(actor) or (rules.can_read_plan(actor) and deliverable.owner == actor),
        "Only the owner, managers and administrators record progress.",
    )
    if status not in ProgressStatus.values:
        raise ValidationError({"status": "Choose the deliverable's status"})
    note = _required_text("note", note, "Enter a note on progress")
    with pghistory.context(user=actor.pk, reason="Deliverable progress recorded"):
        return DeliverableProgress.objects.create(
            deliverable=deliverable, status=status, note=note, recorded_by=actor
        )


@dataclass(frozen=True)
class StageInput:
    value: Decimal
    due_on: dt.date


@transaction.atomic
def success_measure_add(
    *,
    actor: Worker,
    priority: Priority,
    figure: str,
    direction: str,
    description: str = "",
    stages: Iterable[StageInput] = (),
) -> SuccessMeasure:
    """Tie a priority to a live performance figure, with staged targets (value by date)."""
    _require_plan_editor(actor)
    if figure not in REGISTRY:
        raise ValidationError({"figure": "Choose a performance figure"})
    if direction not in Direction.values:
        raise ValidationError({"direction": "Choose whether higher or lower is better"})
    staged = sorted(stages, key=lambda s: s.due_on)
    days = [s.due_on for s in staged]
    if len(set(days)) != len(days):
        raise ValidationError({"stages": "Give each stage its own date"})
    with pghistory.context(user=actor.pk, reason="Plan success measure added"):
        measure = SuccessMeasure.objects.create(
            priority=priority, figure=figure, direction=direction, description=description.strip()
        )
        MeasureStage.objects.bulk_create(
            MeasureStage(measure=measure, value=s.value, due_on=s.due_on) for s in staged
        )
    return measure


@transaction.atomic
def measure_stage_add(
    *, actor: Worker, measure: SuccessMeasure, value: Decimal, due_on: dt.date
) -> MeasureStage:
    """Add a staged target to a success measure (one per date)."""
    _require_plan_editor(actor)
    if MeasureStage.objects.filter(measure=measure, due_on=due_on).exists():
        raise ValidationError({"due_on": "This measure already has a stage on that date"})
    with pghistory.context(user=actor.pk, reason="Plan target stage added"):
        return MeasureStage.objects.create(measure=measure, value=value, due_on=due_on)
