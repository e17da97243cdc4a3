"""Moving cases in flight from one practice model version to another, by an explicit step map.

The map is a YAML file:

    steps:                      # every step type the cases hold, old -> new
      contact: contact
      referral: referral
      family_network_meeting: retire   # completed-only types may be retired
    drop_fields:                # answers with no field in the new form, dropped knowingly
      referral: [family_strengths]

`plan_migration` works out, for every open case on the source version, which steps change and
how, and refuses a map that would lose work: an open step with no mapping (or mapped to
`retire`), a completed step with no mapping, or answers with no field in the new form that
`drop_fields` does not acknowledge. `hearth.practice.services.cases_migrate` applies a plan.

Stored due dates are kept (a migration never moves a deadline already given), completed steps
keep the form hash they were answered on, and the statutory record is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from hearth.practice import definitions
from hearth.practice.models import OPEN_STATUSES, Case, CaseStatus, PracticeModelVersion
from hearth.practice.yamlsource import Problem, load_yaml, locate

RETIRE = "retire"


class StepMap(BaseModel):
    """A migration map: old step type -> new step type (or `retire`), and acknowledged drops."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: dict[str, str]
    drop_fields: dict[str, list[str]] = {}


def load_step_map(path: Path | str) -> tuple[StepMap | None, list[Problem]]:
    """Read a map file; problems carry file and line."""
    name = str(path)
    data, problems = load_yaml(Path(path), name)
    if problems:
        return None, problems
    try:
        return StepMap.model_validate(data), []
    except ValidationError as error:
        found = []
        for item in error.errors():
            file, line = locate(data, tuple(item["loc"]), default_file=name)
            found.append(Problem(file, line, f"{'.'.join(map(str, item['loc']))}: {item['msg']}"))
        return None, found


@dataclass(frozen=True)
class StepChange:
    """What happens to one step."""

    step_id: int
    old_type: str
    new_type: str | None  # None: retired
    status: str
    dropped_fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        target = self.new_type or "retired (kept as history)"
        dropped = f"; drops {', '.join(self.dropped_fields)}" if self.dropped_fields else ""
        return f"step {self.step_id} {self.old_type} ({self.status}) -> {target}{dropped}"


@dataclass
class CasePlan:
    """What happens to one case."""

    case_id: int
    child_id: int
    changes: list[StepChange] = field(default_factory=list)


@dataclass
class MigrationPlan:
    """Every case and step a migration would change, and why it is refused, if it is."""

    source: str
    target: str
    cases: list[CasePlan] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        """Whether applying this plan would lose work."""
        return bool(self.refusals)

    def lines(self) -> list[str]:
        """The plan as text, one line per case and per step."""
        out = [f"Migrating {len(self.cases)} open case(s) from {self.source} to {self.target}"]
        for case in self.cases:
            out.append(f"case {case.case_id} (child {case.child_id}):")
            out.extend(f"  {change}" for change in case.changes)
        return out


def plan_migration(
    source: PracticeModelVersion, target: PracticeModelVersion, step_map: StepMap
) -> MigrationPlan:
    """Work out the migration of every open case on `source` to `target` under `step_map`."""
    old = definitions.model_of(source)
    new = definitions.model_of(target)
    plan = MigrationPlan(source=source.label, target=target.label)
    old_ids, new_ids = set(old.step_ids()), set(new.step_ids())
    for old_type, new_type in step_map.steps.items():
        if old_type not in old_ids:
            plan.refusals.append(
                f"the map names {old_type!r}, which is not a step type of {old.label}"
            )
        if new_type != RETIRE and new_type not in new_ids:
            plan.refusals.append(
                f"the map sends {old_type!r} to {new_type!r}, "
                f"which is not a step type of {new.label}"
            )
    cases = Case.objects.filter(model_version=source, status=CaseStatus.OPEN).order_by("pk")
    for case in cases.prefetch_related("steps"):
        case_plan = CasePlan(case_id=case.pk, child_id=case.child_id)
        for step in case.steps.all():
            if step.retired:
                continue
            change = _plan_step(plan, case, step, step_map, new)
            if change is not None:
                case_plan.changes.append(change)
        plan.cases.append(case_plan)
    return plan


def _plan_step(
    plan: MigrationPlan, case: Case, step: Any, step_map: StepMap, new: Any
) -> StepChange | None:
    where = (
        f"case {case.pk}, step {step.pk} ({step.step_type}, {step.get_status_display().lower()})"
    )
    is_open = step.status in OPEN_STATUSES
    target = step_map.steps.get(step.step_type)
    if target is None:
        advice = "map it to a step type" + ("" if is_open else " or to `retire`")
        plan.refusals.append(f"{where}: {step.step_type!r} has no mapping; {advice}")
        return None
    if target == RETIRE:
        if is_open:
            plan.refusals.append(
                f"{where}: an open step cannot be retired; map {step.step_type!r} to a step type"
            )
            return None
        return StepChange(step.pk, step.step_type, None, step.status)
    new_def = new.step(target)
    if new_def is None:
        return None  # already refused: the target does not exist
    fields = {f.id for f in new_def.form.fields}
    dropped = sorted(set(step.answers) - fields)
    unacknowledged = [f for f in dropped if f not in step_map.drop_fields.get(step.step_type, [])]
    if unacknowledged:
        plan.refusals.append(
            f"{where}: answers to {', '.join(repr(f) for f in unacknowledged)} have no field in "
            f"the {target!r} form of {new.label}; list them under `drop_fields: "
            f"{step.step_type}:` to drop them"
        )
    return StepChange(step.pk, step.step_type, target, step.status, tuple(dropped))
