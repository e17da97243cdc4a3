"""The practice engine's writes: publishing models, opening cases, and every step transition.

All step transitions go through this module, so the rules live in one place:

* `case_open` pins a child's case to the active model version and starts its start steps;
* `step_start` starts an ad hoc or start step by hand; the engine starts the others;
* `step_complete` checks the answers against the step's form and the worker's role, then either
  completes the step or, where the model asks for it, sends it for authorisation;
* `step_authorise` lets a manager (never the worker who did it) approve or return the work;
* completing a step writes the statutory facts its model declares (through the writers the domain
  apps register in `hearth.practice.facts`), starts the steps its outcome leads to, with due dates
  from the model's timescales and the working-day calendar, and closes the case if it says so.

`cases_migrate` (with `hearth.practice.inflight`) moves cases in flight to another version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from hearth.organisation.models import Team, TeamMembership, Worker
from hearth.people.models import Person
from hearth.practice import definitions, guards
from hearth.practice.checks import check_model
from hearth.practice.facts import FactFieldType, FactKind, fact_kind
from hearth.practice.forms import (
    ParsedForm,
    SubmittedData,
    answers_to_raw,
    form_hash,
    parse_answers,
)
from hearth.practice.inflight import MigrationPlan, StepMap, plan_migration
from hearth.practice.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    PracticeModelVersion,
    Step,
    StepStatus,
)
from hearth.practice.schema import PracticeModel, StepType, ValueSource
from hearth.practice.yamlsource import Problem
from hearth.timescales.rules import Timescale, due_date, next_due_after

OUTCOME_FIELD = "_outcome"
COMPLETED_ON_FIELD = "_completed_on"


class PracticeError(Exception):
    """A transition that the model or the case's state does not allow; the message says why."""


class StepNotAllowedError(PracticeError):
    """The worker's role or team may not do this step."""


class StepAnswersInvalidError(PracticeError):
    """The answers do not pass the step's form; `parsed` has field-level messages and the input."""

    def __init__(self, parsed: ParsedForm) -> None:
        super().__init__("There is a problem with the answers")
        self.parsed = parsed


class ModelHasProblemsError(PracticeError):
    """A model that does not pass `hearth practice check` cannot be published."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            f"The model has {len(problems)} problem(s):\n" + "\n".join(str(p) for p in problems)
        )
        self.problems = list(problems)


# Publishing


@transaction.atomic
def practice_model_publish(*, actor: Worker | None, path: Path | str) -> PracticeModelVersion:
    """Check the model folder at `path` and store it as an immutable published version.

    Publishing the same content again returns the version already stored. Different content
    under a published name and version is refused: raise `version:` in model.yaml instead.
    """
    result = check_model(path)
    if result.model is None:
        raise ModelHasProblemsError(result.problems)
    model = result.model
    definition = model.model_dump(mode="json", by_alias=True)
    digest = definitions.content_hash(definition)
    existing = PracticeModelVersion.objects.filter(name=model.name, version=model.version).first()
    if existing is not None:
        if existing.content_hash == digest:
            return existing
        raise PracticeError(
            f"{model.label} is already published with different content; raise `version:` in "
            f"model.yaml (to {_next_version(model.name)}) to publish this change"
        )
    return PracticeModelVersion.objects.create(
        name=model.name,
        version=model.version,
        title=model.title,
        content_hash=digest,
        definition=definition,
        published_by=actor,
    )


def _next_version(name: str) -> int:
    latest = PracticeModelVersion.objects.filter(name=name).order_by("-version").first()
    return (latest.version if latest else 0) + 1


# Cases


@transaction.atomic
def case_open(
    *,
    actor: Worker,
    child: Person,
    opened_on: dt.date | None = None,
    model_version: PracticeModelVersion | None = None,
    assigned_team: Team | None = None,
    reason: str = "Case opened",
) -> Case:
    """Open a practice case for a child on the active model version and start its first steps."""
    version = model_version or definitions.active_version()
    model = definitions.model_of(version)
    opened_on = opened_on or timezone.localdate()
    with pghistory.context(user=actor.pk, reason=reason):
        case = Case.objects.create(
            child=child, model_version=version, opened_on=opened_on, opened_by=actor
        )
        for step_type in model.start:
            _start(
                actor=actor,
                case=case,
                model=model,
                step_def=_step_def(model, step_type),
                started_on=opened_on,
                assigned_worker=actor,
                assigned_team=assigned_team,
            )
    return case


def _step_def(model: PracticeModel, step_type: str) -> StepType:
    found = model.step(step_type)
    if found is None:
        raise PracticeError(f"{model.label} has no step type {step_type!r}")
    return found


# Due dates


def _latest(case: Case, step_type: str, **filters: Any) -> Step | None:
    return (
        case.steps.filter(step_type=step_type, retired=False, **filters)
        .exclude(status=StepStatus.CANCELLED)
        .order_by("-completed_on", "-started_on", "-pk")
        .first()
    )


def event_date(  # noqa: PLR0911 (one return per kind of event)
    case: Case, event: str, *, started_on: dt.date
) -> dt.date | None:
    """The date of a model event in this case (None if it has not happened yet)."""
    if event == "step_started":
        return started_on
    if event == "case_opened":
        return case.opened_on
    source, _, rest = event.partition(".")
    completed = {"status": StepStatus.COMPLETED}
    match rest.split("."):
        case ["started"]:
            step = _latest(case, source)
            return step.started_on if step else None
        case ["completed"]:
            step = _latest(case, source, **completed)
            return step.completed_on if step else None
        case ["outcome", outcome]:
            step = _latest(case, source, outcome=outcome, **completed)
            return step.completed_on if step else None
        case ["answer", field_id]:
            step = _latest(case, source, **completed, answers__has_key=field_id)
            return _as_date(step.answers[field_id]) if step else None
    return None


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    return _as_date(dt.datetime.fromisoformat(text)) if "T" in text else dt.date.fromisoformat(text)


def due_on_for(case: Case, step_def: StepType, *, started_on: dt.date) -> dt.date | None:
    """When a step of this type, started now, is due (None if it has no timescale yet).

    A repeating step (a visit, a core group) after the first is due its `repeat` interval after
    the ACTUAL date of the last one; otherwise the timescale counts from its `from` event.
    """
    timescale = step_def.timescale
    if timescale is None:
        return None
    if timescale.repeat is not None:
        last = _latest(case, step_def.id, status=StepStatus.COMPLETED)
        if last is not None and last.completed_on is not None:
            interval = Timescale(timescale.repeat.amount, timescale.repeat.unit)
            return next_due_after(interval, last.completed_on)
    start = event_date(case, timescale.from_, started_on=started_on)
    if start is None:
        return None
    return due_date(Timescale(timescale.amount, timescale.unit), start)


# Steps


def _start(
    *,
    actor: Worker,
    case: Case,
    model: PracticeModel,
    step_def: StepType,
    started_on: dt.date,
    assigned_worker: Worker | None,
    assigned_team: Team | None,
) -> Step | None:
    if (
        not step_def.repeatable
        and case.steps.filter(step_type=step_def.id, status__in=OPEN_STATUSES).exists()
    ):
        return None  # already in hand: a second route into the same work starts nothing new
    step = Step.objects.create(
        case=case,
        step_type=step_def.id,
        started_on=started_on,
        started_by=actor,
        due_on=due_on_for(case, step_def, started_on=started_on),
        assigned_worker=assigned_worker,
        assigned_team=assigned_team,
        form_version=step_def.form.version,
        form_hash=form_hash(step_def.form),
    )
    if any(write.on == "started" for write in step_def.writes):
        step.facts_written = _write_facts(
            actor=actor, step=step, model=model, step_def=step_def, moment="started"
        )
        step.save(update_fields=["facts_written"])
    return step


@transaction.atomic
def step_start(
    *,
    actor: Worker,
    case: Case,
    step_type: str,
    started_on: dt.date | None = None,
    assigned_worker: Worker | None = None,
    assigned_team: Team | None = None,
    reason: str = "Step started",
) -> Step:
    """Start an ad hoc (or start) step by hand: a visit, a further strategy discussion.

    Other steps start only when an earlier step's outcome leads to them.
    """
    if case.status != CaseStatus.OPEN:
        raise PracticeError("This case is closed; reopen work by opening a new case")
    model = definitions.model_of(case.model_version)
    step_def = _step_def(model, step_type)
    if not (step_def.ad_hoc or step_def.id in model.start):
        raise PracticeError(
            f"{step_def.title} starts when an earlier step leads to it; "
            "it cannot be started by hand"
        )
    _check_may_do(actor, model, step_def)
    with pghistory.context(user=actor.pk, reason=reason):
        step = _start(
            actor=actor,
            case=case,
            model=model,
            step_def=step_def,
            started_on=started_on or timezone.localdate(),
            assigned_worker=assigned_worker or actor,
            assigned_team=assigned_team,
        )
    if step is None:
        raise PracticeError(f"A {step_def.title} is already open in this case")
    return step


def _team_names(worker: Worker) -> set[str]:
    today = timezone.localdate()
    memberships = TeamMembership.objects.filter(worker=worker, started_on__lte=today).exclude(
        ended_on__lt=today
    )
    return set(memberships.values_list("team__name", flat=True))


def _check_may_do(actor: Worker, model: PracticeModel, step_def: StepType) -> None:
    if step_def.roles and actor.role not in step_def.roles:
        raise StepNotAllowedError(
            f"{step_def.title} is done by {', '.join(r.replace('_', ' ') for r in step_def.roles)}"
        )
    names = {
        name
        for team in step_def.teams
        if team in model.council.teams
        for name in model.council.teams[team].team_names
    }
    # A model team the council has not named yet does not restrict anyone.
    if names and not names & _team_names(actor):
        raise StepNotAllowedError(
            f"{step_def.title} is done by members of {', '.join(sorted(names))}"
        )


def _as_submitted(step_def: StepType, answers: Mapping[str, Any] | SubmittedData) -> SubmittedData:
    if hasattr(answers, "getlist"):
        return answers  # type: ignore[return-value]
    raw = answers_to_raw(step_def, dict(answers), use_defaults=False)
    data: MultiValueDict[str, Any] = MultiValueDict()
    for key, value in raw.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def _people_choices(case: Case) -> list[tuple[int, str]]:
    """Who a person field may name: the child and the people related to them."""
    child = case.child
    people = [(child.pk, child.full_name)]
    people += [
        (r.person.pk, r.person.full_name) for r in child.relationships_in.select_related("person")
    ]
    people += [
        (r.other.pk, r.other.full_name) for r in child.relationships_out.select_related("other")
    ]
    return list(dict.fromkeys(people))


def step_people_choices(step: Step) -> list[tuple[int, str]]:
    """(id, name) of the people a person field on this step may name."""
    return _people_choices(step.case)


@transaction.atomic
def step_complete(
    *,
    actor: Worker,
    step: Step,
    answers: Mapping[str, Any] | SubmittedData,
    outcome: str | None = None,
    completed_on: dt.date | None = None,
    reason: str = "Step completed",
) -> Step:
    """Record a step's answers and outcome; complete it, or send it for authorisation.

    `answers` is either the submitted form (a QueryDict) or answers as stored (a dict). Bad
    answers raise StepAnswersInvalidError with a message per field and everything typed kept.
    `completed_on` is the day the event happened (default today; never in the future).
    """
    step = Step.objects.select_for_update().select_related("case__model_version").get(pk=step.pk)
    if step.status != StepStatus.OPEN:
        raise PracticeError(f"This step is {step.get_status_display().lower()}, not open")
    model = definitions.model_of(step.case.model_version)
    step_def = _step_def(model, step.step_type)
    _check_may_do(actor, model, step_def)
    today = timezone.localdate()
    parsed = parse_answers(
        step_def, _as_submitted(step_def, answers), today=today, people=_people_choices(step.case)
    )
    completed_on = completed_on or today
    if completed_on > today:
        parsed.errors[COMPLETED_ON_FIELD] = "The date it happened must be today or in the past"
    chosen = _choose_outcome(step_def, parsed, outcome)
    if not parsed.is_valid:
        raise StepAnswersInvalidError(parsed)
    with pghistory.context(user=actor.pk, reason=reason):
        step.answers = parsed.answers
        step.form_version = step_def.form.version
        step.form_hash = form_hash(step_def.form)
        step.outcome = chosen
        step.completed_on = completed_on
        step.submitted_at = timezone.now()
        step.submitted_by = actor
        step.returned_reason = ""
        if step_def.authorisation is not None:
            step.status = StepStatus.AWAITING_AUTHORISATION
            step.save()
            return step
        _finalise(actor=actor, step=step, model=model, step_def=step_def)
    return step


def _choose_outcome(step_def: StepType, parsed: ParsedForm, outcome: str | None) -> str:
    if not step_def.outcomes:
        return ""
    possible = [
        o
        for o in step_def.outcomes
        if o.when is None or guards.holds(o.when, parsed.answers, step_def)
    ]
    if outcome:
        found = step_def.outcome(outcome)
        if found is None:
            parsed.errors[OUTCOME_FIELD] = f"{outcome!r} is not an outcome of {step_def.title}"
        elif found not in possible and parsed.is_valid:
            parsed.errors[OUTCOME_FIELD] = f"“{found.label}” does not fit the answers given"
        return outcome
    if len(possible) == 1:
        return possible[0].id
    if parsed.is_valid:
        parsed.errors[OUTCOME_FIELD] = (
            "Select what happens next"
            if possible
            else "None of the outcomes fits the answers given"
        )
    return ""


def possible_outcomes(step_def: StepType, answers: Mapping[str, Any]) -> list[str]:
    """The outcome ids whose conditions hold for these answers."""
    return [
        o.id for o in step_def.outcomes if o.when is None or guards.holds(o.when, answers, step_def)
    ]


@transaction.atomic
def step_authorise(*, actor: Worker, step: Step, approve: bool, reason: str = "") -> Step:
    """A manager approves work awaiting authorisation (completing it), or returns it saying why."""
    step = Step.objects.select_for_update().select_related("case__model_version").get(pk=step.pk)
    if step.status != StepStatus.AWAITING_AUTHORISATION:
        raise PracticeError("This step is not awaiting authorisation")
    model = definitions.model_of(step.case.model_version)
    step_def = _step_def(model, step.step_type)
    roles = step_def.authorisation.roles if step_def.authorisation else []
    if actor.role not in roles:
        raise StepNotAllowedError(
            f"{step_def.title} is authorised by {', '.join(r.replace('_', ' ') for r in roles)}"
        )
    if step.submitted_by_id == actor.pk:
        raise StepNotAllowedError(
            "Work must be authorised by someone other than the worker who did it"
        )
    if not approve and not reason.strip():
        raise PracticeError("Say why the work is being returned")
    with pghistory.context(user=actor.pk, reason=reason or "Step authorised"):
        if approve:
            step.authorised_by = actor
            step.authorised_at = timezone.now()
            _finalise(actor=actor, step=step, model=model, step_def=step_def)
        else:
            step.status = StepStatus.OPEN
            step.returned_reason = reason.strip()
            step.save()
    return step


@transaction.atomic
def step_cancel(*, actor: Worker, step: Step, reason: str) -> Step:
    """Cancel an open step that is no longer needed, saying why."""
    if not reason.strip():
        raise PracticeError("Say why the step is being cancelled")
    if not step.is_open:
        raise PracticeError("Only open work can be cancelled")
    with pghistory.context(user=actor.pk, reason=reason):
        step.status = StepStatus.CANCELLED
        step.cancelled_reason = reason.strip()
        step.save()
    return step


def _finalise(*, actor: Worker, step: Step, model: PracticeModel, step_def: StepType) -> None:
    """Complete the step: write its statutory facts, start what follows, close if it closes."""
    step.status = StepStatus.COMPLETED
    step.completed_at = timezone.now()
    step.completed_by = step.submitted_by or actor
    step.facts_written = [
        *step.facts_written,
        *_write_facts(actor=actor, step=step, model=model, step_def=step_def, moment="completed"),
    ]
    step.save()
    case = step.case
    outcome = step_def.outcome(step.outcome) if step.outcome else None
    for other in case.steps.filter(
        status__in=OPEN_STATUSES, step_type__in=outcome.cancels if outcome else []
    ).exclude(pk=step.pk):
        other.status = StepStatus.CANCELLED
        other.cancelled_reason = f"{step_def.title}: {outcome.label if outcome else ''}"
        other.save()
    for target in outcome.next if outcome else []:
        _start(
            actor=actor,
            case=case,
            model=model,
            step_def=_step_def(model, target),
            started_on=step.completed_on or timezone.localdate(),
            assigned_worker=step.assigned_worker,
            assigned_team=step.assigned_team,
        )
    if step_def.closes_case or (outcome is not None and outcome.closes_case):
        for other in case.steps.filter(status__in=OPEN_STATUSES):
            other.status = StepStatus.CANCELLED
            other.cancelled_reason = f"Case closed by {step_def.title}"
            other.save()
        case.status = CaseStatus.CLOSED
        case.closed_on = step.completed_on
        case.save()


def _write_facts(
    *, actor: Worker, step: Step, model: PracticeModel, step_def: StepType, moment: str
) -> list[dict[str, Any]]:
    written: list[dict[str, Any]] = []
    worker = step.submitted_by or actor
    for write in step_def.writes:
        if write.on != moment:
            continue
        if write.when is not None and not guards.holds(write.when, step.answers, step_def):
            continue
        kind = fact_kind(write.fact)
        values = {
            name: _convert(_resolve(source, step, worker), kind.fields[name].type)
            for name, source in write.values.items()
            if name in kind.fields
        }
        try:
            record = _call_writer(
                kind=kind, actor=actor, step=step, values=values, model=model, worker=worker
            )
        except ValidationError as error:
            # The statutory record refuses (no open episode, a date that breaks a return rule):
            # nothing of this step is saved, and the worker is told why.
            raise PracticeError(
                f"{step_def.title} cannot be recorded: " + "; ".join(error.messages)
            ) from error
        written.append({"fact": write.fact, "record": str(getattr(record, "pk", record))})
    return written


def _call_writer(
    *,
    kind: FactKind,
    actor: Worker,
    step: Step,
    values: dict[str, Any],
    model: PracticeModel,
    worker: Worker,
) -> Any:
    return kind.writer(
        actor=actor,
        child=step.case.child,
        values=values,
        context={
            "case_id": step.case_id,
            "step_id": step.pk,
            "step_type": step.step_type,
            "occurred_on": step.completed_on or step.started_on,
            "model": model.label,
            "source_step": f"practice.step:{step.pk}",
            "worker": worker,
        },
    )


def _resolve(source: ValueSource, step: Step, worker: Worker) -> Any:
    if source.from_ is None:
        return source.value
    expression = source.from_
    engine: dict[str, Any] = {
        "step.completed_on": step.completed_on,
        "step.completed_at": step.completed_at,
        "step.started_on": step.started_on,
        "step.due_on": step.due_on,
        "step.authorised_on": (
            timezone.localtime(step.authorised_at).date() if step.authorised_at else None
        ),
        "step.outcome": step.outcome,
        "case.opened_on": step.case.opened_on,
        "worker.social_worker_id": worker.social_worker_id,
        "worker.name": str(worker),
    }
    value = (
        step.answers.get(expression.removeprefix("answer."))
        if expression.startswith("answer.")
        else engine.get(expression)
    )
    if source.map is None or value is None:
        return value

    def translate(item: Any) -> Any:
        key = {True: "yes", False: "no"}.get(item, item) if isinstance(item, bool) else item
        return source.map.get(str(key)) if source.map else None

    return [translate(v) for v in value] if isinstance(value, list) else translate(value)


def _convert(value: Any, kind: FactFieldType) -> Any:
    if value is None:
        return None
    if kind == FactFieldType.DATE:
        return _as_date(value)
    if kind == FactFieldType.DATETIME and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


# Migration of cases in flight


@transaction.atomic
def cases_migrate(
    *,
    actor: Worker | None,
    source: PracticeModelVersion,
    target: PracticeModelVersion,
    step_map: StepMap,
    dry_run: bool = False,
) -> MigrationPlan:
    """Move every open case on `source` to `target` by `step_map` (see hearth.practice.inflight).

    Returns the plan. A plan that would lose work is refused (MigrationRefusedError) before anything
    changes; with `dry_run` nothing changes either way. Only practice cases and steps change:
    the statutory record is never touched.
    """
    plan = plan_migration(source, target, step_map)
    if plan.refused:
        raise MigrationRefusedError(plan)
    if dry_run:
        return plan
    new = definitions.model_of(target)
    moved_at = timezone.now().isoformat()
    reason = f"Migrated from {source.label} to {target.label}"
    with pghistory.context(user=actor.pk if actor else None, reason=reason):
        for case_plan in plan.cases:
            case = Case.objects.select_for_update().get(pk=case_plan.case_id)
            for change in case_plan.changes:
                step = case.steps.get(pk=change.step_id)
                if change.new_type is None:
                    step.retired = True
                else:
                    step.step_type = change.new_type
                    step.answers = {
                        k: v for k, v in step.answers.items() if k not in change.dropped_fields
                    }
                    if step.is_open:
                        # Open work will be answered on the new form from now on.
                        new_form = _step_def(new, change.new_type).form
                        step.form_version = new_form.version
                        step.form_hash = form_hash(new_form)
                step.save()
            case.model_version = target
            case.migrations = [
                *case.migrations,
                {
                    "from": source.label,
                    "to": target.label,
                    "at": moved_at,
                    "by": actor.pk if actor else None,
                },
            ]
            case.save()
    return plan


class MigrationRefusedError(PracticeError):
    """A migration map that would lose work; `plan.refusals` says what and where."""

    def __init__(self, plan: MigrationPlan) -> None:
        super().__init__(
            "The migration is refused because it would lose work:\n"
            + "\n".join(f"- {r}" for r in plan.refusals)
        )
        self.plan = plan
