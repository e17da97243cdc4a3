"""Demo quality assurance: case audits and an improvement plan for the demo council.

`quality_demo(workers=..., children=..., seed=...)` writes, through `hearth.quality.services`:

* an auditor appointment for the first performance analyst (who sees every unsealed child);
* up to `audits` case audits over the last six months, by team managers of children allocated
  to their teams and by the appointed auditor, graded in a plausible mix (mostly good or
  requires improvement). Audits older than three months use version 1 of the case file audit,
  newer ones the current version, so the summary shows how versions are kept apart;
* an improvement plan answering an ILACS inspection eight months ago: five recommendations,
  three priorities with actions naming the recommendations they answer, deliverables owned by
  managers (some complete, some in progress, some overdue), and success measures on live
  performance figures with staged targets.

It is deterministic for a seed and the same workers and children. It returns the ids it created
by model, for the demo generator to `record` (so `--replace` clears them), and counts by name.
Measures whose figure is not in the performance registry are skipped, so a renamed figure never
breaks the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone

from hearth.access.selectors import visible_people
from hearth.demo.histories import BuiltCouncil, register_case_history
from hearth.organisation.models import Role, Worker
from hearth.people.models import Person
from hearth.performance.figures import REGISTRY
from hearth.quality import rules, services
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
from hearth.quality.services import AnswerInput, StageInput
from hearth.quality.tools import ToolDefinition, current_tool, tool_files
from hearth.timescales.rules import add_months

AUDIT_TOOL = "case-file-audit"
# Overall and per-question grades, weighted roughly as councils in intervention find them.
GRADE_WEIGHTS = (
    ("outstanding", 4),
    ("good", 38),
    ("requires-improvement", 42),
    ("inadequate", 16),
)
RECOMMENDATIONS = (
    "The quality and timeliness of assessments, so that they are analytical and consider the "
    "child's history.",
    "Management oversight and supervision, so that plans progress without drift.",
    "The response to children at risk of exploitation and children who go missing.",
    "The sufficiency and stability of placements for children in care.",
    "The stability of the workforce and the reliance on agency social workers.",
)
# (priority, [(action, recommendation numbers)], [(figure, direction, [(value, months ahead)])])
PRIORITIES = (
    (
        "Timely, good quality assessments and plans",
        (
            ("Weekly performance clinics for every assessment team", (1, 2)),
            ("Practice standards for assessment and planning, with training", (1,)),
        ),
        (
            ("assessments-in-time", "higher", (("75", -1), ("85", 5))),
            ("cp-visits-10wd", "higher", (("80", 2), ("90", 8))),
        ),
    ),
    (
        "Children in care live in stable homes close to their families",
        (
            ("A sufficiency strategy with new in-house fostering capacity", (4,)),
            ("A missing and exploitation hub with partner agencies", (3,)),
        ),
        (
            ("three-placements", "lower", (("10", 3), ("8", 12))),
            ("return-interviews", "higher", (("70", 1), ("90", 7))),
        ),
    ),
    (
        "A stable, well-supported workforce",
        (("Convert agency posts and offer a retention package", (5, 2)),),
        (("agency-social-workers", "lower", (("25", 4), ("15", 16))),),
    ),
)
DELIVERABLES = (
    ("Terms of reference agreed", -4, ProgressStatus.COMPLETE),
    ("First quarterly review to the improvement board", -1, ProgressStatus.IN_PROGRESS),
    ("Evaluation of impact for children", 5, ProgressStatus.NOT_STARTED),
)


# Parents before children: deleting the models in reverse of this order (as `--replace` deletes
# the newest kind of demo row first) never meets a protected reference.
CREATION_ORDER: tuple[type[models.Model], ...] = (
    AuditorAppointment,
    AuditToolVersion,
    CaseAudit,
    AuditAnswer,
    ImprovementPlan,
    Recommendation,
    Priority,
    PlanAction,
    Deliverable,
    DeliverableProgress,
    SuccessMeasure,
    MeasureStage,
)


def _empty_created() -> dict[type[models.Model], list[int]]:
    return {model: [] for model in CREATION_ORDER}


@dataclass
class QualityDemo:
    """What `quality_demo` made: ids by model (for `BuiltCouncil.record`) and counts by name.

    `created` lists the models parents first (`CREATION_ORDER`); record them in that order.
    """

    created: dict[type[models.Model], list[int]] = field(default_factory=_empty_created)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, model: type[models.Model], pk: int) -> None:
        self.created.setdefault(model, []).append(pk)


def _grade(rng: random.Random) -> str:
    codes = [code for code, _ in GRADE_WEIGHTS]
    return rng.choices(codes, weights=[weight for _, weight in GRADE_WEIGHTS])[0]


def _tool_versions() -> tuple[ToolDefinition, ToolDefinition]:
    """The first and the current version of the case file audit."""
    versions = [t.definition for t in tool_files() if t.definition.key == AUDIT_TOOL]
    return versions[0], current_tool(AUDIT_TOOL)


def _audits(
    demo: QualityDemo,
    *,
    auditors: Sequence[Worker],
    children: Sequence[Person],
    rng: random.Random,
    today: dt.date,
    limit: int,
) -> None:
    first, current = _tool_versions()
    cut_over = add_months(today, -3)
    child_ids = [c.pk for c in children]
    audited: set[int] = set()
    per_auditor = max(1, limit // max(1, len(auditors)))
    for auditor in auditors:
        reach = list(
            visible_people(auditor)
            .filter(pk__in=child_ids)
            .exclude(pk__in=audited)
            .order_by("pk")[: per_auditor * 3]
        )
        rng.shuffle(reach)
        for child in reach[:per_auditor]:
            if len(audited) >= limit:
                return
            day = today - dt.timedelta(days=rng.randint(0, 180))
            tool = first if day < cut_over else current
            overall = _grade(rng)
            answers = {
                q.key: AnswerInput(
                    grade=_grade(rng) if rng.random() < 0.4 else overall,  # noqa: PLR2004
                    comment="Evidence seen in the record.",
                )
                for q in tool.questions
            }
            audit = services.case_audit_record(
                actor=auditor,
                child=child,
                tool=tool,
                audited_on=day,
                answers=answers,
                overall_grade=overall,
                summary="Audit of the case file with the allocated worker and their manager.",
            )
            audited.add(child.pk)
            demo.add(CaseAudit, audit.pk)
            demo.created.setdefault(AuditAnswer, []).extend(
                audit.answers.values_list("pk", flat=True)
            )
            demo.counts["case_audits"] += 1


def _plan(demo: QualityDemo, *, admin: Worker, owners: Sequence[Worker], today: dt.date) -> None:
    plan = services.improvement_plan_create(
        actor=admin,
        title="Improving children's lives: our improvement plan",
        inspection="ILACS inspection of children's services",
        inspected_on=add_months(today, -8),
    )
    demo.add(ImprovementPlan, plan.pk)
    recommendations = []
    for text in RECOMMENDATIONS:
        recommendation = services.recommendation_add(actor=admin, plan=plan, text=text)
        recommendations.append(recommendation)
        demo.add(Recommendation, recommendation.pk)
    owner_turn = 0
    for title, actions, measures in PRIORITIES:
        priority = services.priority_add(actor=admin, plan=plan, title=title)
        demo.add(Priority, priority.pk)
        for description, answers in actions:
            action = services.plan_action_add(
                actor=admin,
                priority=priority,
                description=description,
                recommendations=[recommendations[n - 1] for n in answers],
            )
            demo.add(PlanAction, action.pk)
            for text, months, status in DELIVERABLES:
                owner = owners[owner_turn % len(owners)]
                owner_turn += 1
                deliverable = services.deliverable_add(
                    actor=admin,
                    action=action,
                    description=text,
                    owner=owner,
                    due_on=add_months(today, months),
                )
                demo.add(Deliverable, deliverable.pk)
                if status != ProgressStatus.NOT_STARTED:
                    services.deliverable_progress_record(
                        actor=admin,
                        deliverable=deliverable,
                        status=status,
                        note="Reported to the improvement board.",
                    )
                demo.created.setdefault(DeliverableProgress, []).extend(
                    deliverable.progress.values_list("pk", flat=True)
                )
                demo.counts["plan_deliverables"] += 1
        for figure, direction, stages in measures:
            if figure not in REGISTRY:
                continue
            measure = services.success_measure_add(
                actor=admin,
                priority=priority,
                figure=figure,
                direction=direction,
                stages=[
                    StageInput(value=Decimal(value), due_on=add_months(today, months))
                    for value, months in stages
                ],
            )
            demo.add(SuccessMeasure, measure.pk)
            demo.created.setdefault(MeasureStage, []).extend(
                measure.stages.values_list("pk", flat=True)
            )
            demo.counts["plan_measures"] += 1


def quality_demo(
    *,
    workers: Sequence[Worker],
    children: Sequence[Person],
    seed: str | int = "quality",
    audits: int = 60,
    today: dt.date | None = None,
) -> QualityDemo:
    """Write demo audits and a demo improvement plan (see the module docstring).

    `workers` should include an administrator and team managers; without an administrator no
    plan and no auditor appointment are made, and without anyone able to audit no audits.
    `children` are the candidates for audit (each auditor audits those it can see); a few hundred
    allocated children are plenty, since they are passed to the database as one list of ids.
    """
    rng = random.Random(f"{seed}:quality")  # noqa: S311 (seeded on purpose)
    today = today or timezone.localdate()
    demo = QualityDemo()
    admins = [w for w in workers if w.role == Role.ADMINISTRATOR and w.is_active]
    analysts = [w for w in workers if w.role == Role.PERFORMANCE_ANALYST and w.is_active]
    if admins and analysts:
        appointment = services.auditor_appoint(
            actor=admins[0], worker=analysts[0], started_on=add_months(today, -7)
        )
        demo.add(AuditorAppointment, appointment.pk)
    auditors = [w for w in workers if w.role == Role.TEAM_MANAGER and rules.can_audit(w)]
    auditors += [w for w in analysts[:1] if rules.can_audit(w)]
    before = set(AuditToolVersion.objects.values_list("pk", flat=True))
    if auditors and children:
        _audits(demo, auditors=auditors, children=children, rng=rng, today=today, limit=audits)
    # Tool versions first published by the demo's audits are demo data too.
    demo.created[AuditToolVersion] = list(
        AuditToolVersion.objects.exclude(pk__in=before).values_list("pk", flat=True)
    )
    managers = [w for w in workers if w.role == Role.TEAM_MANAGER and w.is_active]
    if admins:
        _plan(demo, admin=admins[0], owners=managers or admins, today=today)
    demo.created = {model: ids for model, ids in demo.created.items() if ids}
    return demo


@register_case_history
def case_audits_and_improvement_plan(council: BuiltCouncil) -> None:
    """case audits and the improvement plan"""
    from hearth.casework.models import Allocation  # noqa: PLC0415

    # Children with an open allocation now (made by the journeys), in a stable order.
    child_ids = list(
        Allocation.objects.filter(ended_on__isnull=True, child_id__in=council.person_ids)
        .order_by("child_id")
        .values_list("child_id", flat=True)
        .distinct()[:400]
    )
    made = quality_demo(
        workers=list(Worker.objects.filter(pk__in=council.worker_ids)),
        children=list(Person.objects.filter(pk__in=child_ids)),
        seed=council.plan.seed,
        today=council.plan.today,
    )
    for model, ids in made.created.items():
        council.record(model, ids)
    council.counts.update(made.counts)
