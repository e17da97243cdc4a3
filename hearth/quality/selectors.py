"""Reads for quality assurance: audits, the audit summary, the improvement plan and its evidence.

Audits are about children, so every list of audits is narrowed to the children the viewer may see
(`visible_people`): a sealed child's audits are hidden like the child. The audit summary is
counts only (no child is named), so, like the performance figures, it counts every audit in the
period for any working member of staff.

The plan's evidence compares each success measure's live figure, for the reporting year to date
(1 April to today, as the performance dashboard's default period), with the stage target due:
the first stage dated today or later, or the last stage when every date has passed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from hearth.access.selectors import is_working, visible_people
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.performance.figures import REGISTRY, Figure, Period, Result, compute
from hearth.performance.models import Direction
from hearth.quality.models import (
    AuditAnswer,
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
from hearth.quality.tools import ToolDefinition, definition_from_data

FINANCIAL_YEAR_START_MONTH = 4
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def _share(count: int, total: int) -> Decimal | None:
    if total == 0:
        return None
    return (Decimal(count) * HUNDRED / Decimal(total)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


# --- Audits -------------------------------------------------------------------------------------


def audit_list(
    *,
    viewer: Worker,
    team_id: int | None = None,
    grade: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[CaseAudit]:
    """Audits of the children the viewer may see, newest first, optionally filtered.

    `team_id` is the team the case was allocated to on the audit date; `grade` the overall grade
    code; the dates bound the audit date (both included).
    """
    audits = CaseAudit.objects.filter(child__in=visible_people(viewer)).select_related(
        "child", "tool", "auditor", "team"
    )
    if team_id is not None:
        audits = audits.filter(team_id=team_id)
    if grade:
        audits = audits.filter(overall_grade=grade)
    if date_from is not None:
        audits = audits.filter(audited_on__gte=date_from)
    if date_to is not None:
        audits = audits.filter(audited_on__lte=date_to)
    return audits


def audits_for_child(*, viewer: Worker, child: Person) -> QuerySet[CaseAudit]:
    """The audits of one child's case (empty when the viewer may not see the child)."""
    return audit_list(viewer=viewer).filter(child=child)


def audit_get(*, viewer: Worker, audit_id: int) -> CaseAudit | None:
    """One audit, with its answers, if the viewer may see its child; else None."""
    return (
        audit_list(viewer=viewer)
        .prefetch_related(Prefetch("answers", queryset=AuditAnswer.objects.order_by("pk")))
        .filter(pk=audit_id)
        .first()
    )


def audit_grades_used() -> list[tuple[str, str]]:
    """Every overall grade code with its label, across the tool versions audits use."""
    seen: dict[str, str] = {}
    for version in AuditToolVersion.objects.order_by("key", "version"):
        for grade in tool_definition(version).grades:
            seen.setdefault(grade.code, grade.label)
    return list(seen.items())


def tool_definition(version: AuditToolVersion) -> ToolDefinition:
    """The definition an audit was graded on, as held in the database."""
    return definition_from_data(version.definition)


@dataclass(frozen=True)
class GradeCount:
    code: str
    label: str
    count: int
    share: Decimal | None

    @property
    def display_share(self) -> str:
        return "–" if self.share is None else f"{self.share:.1f}%"


@dataclass(frozen=True)
class QuestionSummary:
    key: str
    text: str
    answered: int
    grades: tuple[GradeCount, ...]


@dataclass(frozen=True)
class ToolSummary:
    """The audits on one tool version in the period: overall grades and each question's grades."""

    version: AuditToolVersion
    definition: ToolDefinition
    audits: int
    overall: tuple[GradeCount, ...]
    questions: tuple[QuestionSummary, ...]


@dataclass(frozen=True)
class AuditSummary:
    date_from: dt.date
    date_to: dt.date
    audits: int
    tools: tuple[ToolSummary, ...]


def audit_summary(*, viewer: Worker, date_from: dt.date, date_to: dt.date) -> AuditSummary:
    """Counts and shares of audits by overall grade and per question, for audits in the period.

    Grouped by tool version, since questions and scales are only comparable within one version.
    Shares are percentages of the audits on that version, to one decimal place (half up). Three
    queries whatever the number of audits.
    """
    if not is_working(viewer):
        raise PermissionDenied("Your account cannot see audit results.")
    in_period = CaseAudit.objects.filter(audited_on__gte=date_from, audited_on__lte=date_to)
    overall_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in in_period.order_by().values("tool_id", "overall_grade").annotate(n=Count("pk")):
        overall_counts[row["tool_id"]][row["overall_grade"]] = row["n"]
    answer_counts: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for row in (
        AuditAnswer.objects.filter(audit__in=in_period)
        .order_by()
        .values("audit__tool_id", "question_key", "grade")
        .annotate(n=Count("pk"))
    ):
        answer_counts[(row["audit__tool_id"], row["question_key"])][row["grade"]] = row["n"]
    tools: list[ToolSummary] = []
    for version in AuditToolVersion.objects.filter(pk__in=overall_counts).order_by(
        "title", "-version"
    ):
        definition = tool_definition(version)
        counts = overall_counts[version.pk]
        audits = sum(counts.values())
        questions = []
        for question in definition.questions:
            graded = answer_counts.get((version.pk, question.key), {})
            answered = sum(graded.values())
            questions.append(
                QuestionSummary(
                    key=question.key,
                    text=question.text,
                    answered=answered,
                    grades=tuple(
                        GradeCount(
                            g.code,
                            g.label,
                            graded.get(g.code, 0),
                            _share(graded.get(g.code, 0), answered),
                        )
                        for g in definition.grades
                    ),
                )
            )
        tools.append(
            ToolSummary(
                version=version,
                definition=definition,
                audits=audits,
                overall=tuple(
                    GradeCount(
                        g.code,
                        g.label,
                        counts.get(g.code, 0),
                        _share(counts.get(g.code, 0), audits),
                    )
                    for g in definition.grades
                ),
                questions=tuple(questions),
            )
        )
    return AuditSummary(
        date_from=date_from,
        date_to=date_to,
        audits=sum(t.audits for t in tools),
        tools=tuple(tools),
    )


# --- The improvement plan -----------------------------------------------------------------------


def plan_list(*, viewer: Worker) -> QuerySet[ImprovementPlan]:
    """Every improvement plan, newest inspection first (any working member of staff reads them)."""
    if not is_working(viewer):
        return ImprovementPlan.objects.none()
    return ImprovementPlan.objects.all()


def plan_get(*, viewer: Worker, plan_id: int) -> ImprovementPlan | None:
    return plan_list(viewer=viewer).filter(pk=plan_id).first()


def reporting_year_to_date(today: dt.date) -> Period:
    """1 April of the reporting year to today: the period the plan's live figures are for."""
    year = today.year if today.month >= FINANCIAL_YEAR_START_MONTH else today.year - 1
    return Period(start=dt.date(year, FINANCIAL_YEAR_START_MONTH, 1), end=today)


class Track(StrEnum):
    ON_TRACK = "On track"
    OFF_TRACK = "Not on track"
    NO_TARGET = "No target"
    NO_DATA = "No data"


def stage_due(stages: list[MeasureStage], today: dt.date) -> MeasureStage | None:
    """The stage being worked to: the first dated today or later, else the last (all passed)."""
    ordered = sorted(stages, key=lambda s: s.due_on)
    for stage in ordered:
        if stage.due_on >= today:
            return stage
    return ordered[-1] if ordered else None


def meets(value: Decimal, target: Decimal, direction: str) -> bool:
    """Whether `value` meets `target` (at or above when higher is better, else at or below)."""
    return value >= target if direction == Direction.HIGHER else value <= target


@dataclass(frozen=True)
class MeasureEvidence:
    measure: SuccessMeasure
    figure: Figure | None
    result: Result | None
    stage: MeasureStage | None
    stages: tuple[MeasureStage, ...]
    track: Track

    @property
    def title(self) -> str:
        return self.figure.title if self.figure else f"Unknown figure {self.measure.figure}"


def measure_evidence(measure: SuccessMeasure, *, period: Period, today: dt.date) -> MeasureEvidence:
    """A measure's live value for the period against the stage due today, and whether on track."""
    stages = list(measure.stages.all())
    figure = REGISTRY.get(measure.figure)
    result = compute(figure, period) if figure is not None else None
    stage = stage_due(stages, today)
    if result is None or result.value is None:
        track = Track.NO_DATA
    elif stage is None:
        track = Track.NO_TARGET
    elif meets(result.value, stage.value, measure.direction):
        track = Track.ON_TRACK
    else:
        track = Track.OFF_TRACK
    return MeasureEvidence(
        measure=measure,
        figure=figure,
        result=result,
        stage=stage,
        stages=tuple(stages),
        track=track,
    )


@dataclass(frozen=True)
class DeliverableRow:
    deliverable: Deliverable
    latest: DeliverableProgress | None
    overdue: bool

    @property
    def status_label(self) -> str:
        return self.latest.get_status_display() if self.latest else "Not started"


@dataclass(frozen=True)
class ActionRow:
    action: PlanAction
    recommendations: tuple[Recommendation, ...]
    deliverables: tuple[DeliverableRow, ...]

    @property
    def overdue(self) -> bool:
        """An action is overdue when any of its deliverables is."""
        return any(d.overdue for d in self.deliverables)


@dataclass(frozen=True)
class PriorityRow:
    priority: Priority
    actions: tuple[ActionRow, ...]
    measures: tuple[MeasureEvidence, ...]


@dataclass(frozen=True)
class PlanEvidence:
    """The plan and its evidence side by side, as the scrutiny panel reads it."""

    plan: ImprovementPlan
    period: Period
    today: dt.date
    recommendations: tuple[tuple[Recommendation, tuple[PlanAction, ...]], ...]
    priorities: tuple[PriorityRow, ...]

    @property
    def overdue_actions(self) -> list[ActionRow]:
        return [a for p in self.priorities for a in p.actions if a.overdue]

    @property
    def measures(self) -> list[MeasureEvidence]:
        return [m for p in self.priorities for m in p.measures]


def deliverable_overdue(
    due_on: dt.date, latest: DeliverableProgress | None, today: dt.date
) -> bool:
    """Past its due date and not complete."""
    complete = latest is not None and latest.status == ProgressStatus.COMPLETE
    return due_on < today and not complete


def plan_evidence(
    *, viewer: Worker, plan: ImprovementPlan, today: dt.date | None = None
) -> PlanEvidence:
    """The whole plan with each measure's live figure, stage due and on-track status, and which
    actions are overdue. Figures are computed once per measure."""
    if not is_working(viewer):
        raise PermissionDenied("Your account cannot see the improvement plan.")
    today = today or timezone.localdate()
    period = reporting_year_to_date(today)
    priorities = Priority.objects.filter(plan=plan).prefetch_related(
        Prefetch(
            "actions",
            queryset=PlanAction.objects.order_by("number").prefetch_related(
                Prefetch("recommendations", queryset=Recommendation.objects.order_by("number")),
                Prefetch(
                    "deliverables",
                    queryset=Deliverable.objects.select_related("owner").prefetch_related(
                        Prefetch(
                            "progress",
                            queryset=DeliverableProgress.objects.select_related(
                                "recorded_by"
                            ).order_by("-recorded_at", "-pk"),
                        )
                    ),
                ),
            ),
        ),
        Prefetch(
            "measures",
            queryset=SuccessMeasure.objects.order_by("pk").prefetch_related(
                Prefetch("stages", queryset=MeasureStage.objects.order_by("due_on"))
            ),
        ),
    )
    rows: list[PriorityRow] = []
    for priority in priorities.order_by("number"):
        actions = []
        for action in priority.actions.all():
            deliverables = []
            for deliverable in action.deliverables.all():
                updates = list(deliverable.progress.all())
                latest = updates[0] if updates else None
                deliverables.append(
                    DeliverableRow(
                        deliverable=deliverable,
                        latest=latest,
                        overdue=deliverable_overdue(deliverable.due_on, latest, today),
                    )
                )
            actions.append(
                ActionRow(
                    action=action,
                    recommendations=tuple(action.recommendations.all()),
                    deliverables=tuple(deliverables),
                )
            )
        measures = tuple(
            measure_evidence(m, period=period, today=today) for m in priority.measures.all()
        )
        rows.append(PriorityRow(priority=priority, actions=tuple(actions), measures=measures))
    answered_by = Prefetch(
        "actions",
        queryset=PlanAction.objects.select_related("priority").order_by(
            "priority__number", "number"
        ),
    )
    recommendations = tuple(
        (r, tuple(r.actions.all()))
        for r in Recommendation.objects.filter(plan=plan)
        .order_by("number")
        .prefetch_related(answered_by)
    )
    return PlanEvidence(
        plan=plan,
        period=period,
        today=today,
        recommendations=recommendations,
        priorities=tuple(rows),
    )


def deliverable_history(
    *, viewer: Worker, deliverable: Deliverable
) -> QuerySet[DeliverableProgress]:
    """Every progress update on a deliverable, newest first."""
    if not is_working(viewer):
        return DeliverableProgress.objects.none()
    return DeliverableProgress.objects.filter(deliverable=deliverable).select_related("recorded_by")
