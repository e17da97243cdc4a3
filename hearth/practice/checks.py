"""`hearth practice check`: everything that must hold for a practice model to be published.

`check_model` loads a folder (`hearth.practice.loading`) and then checks that the pieces fit:
step ids are unique, every outcome leads to a step that exists, every step can be reached, forms
refer only to their own fields, choices and defaults agree, timescales count from events that
exist, roles and teams are known, and every `writes:` maps onto a registered statutory fact with
compatible types and no required fact field left out. Every problem is reported, each with file
and line, so a council fixes a model in one pass rather than one error at a time.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hearth.practice import schema
from hearth.practice.facts import FactField, FactFieldType, FactKind, fact_kinds
from hearth.practice.loading import LoadResult, load_folder
from hearth.practice.yamlsource import Problem

T = FactFieldType

# What each answer type can be written as.
ANSWER_FACT_TYPES: dict[str, frozenset[FactFieldType]] = {
    "text": frozenset({T.TEXT}),
    "textarea": frozenset({T.TEXT}),
    "date": frozenset({T.DATE}),
    "datetime": frozenset({T.DATETIME, T.DATE}),
    "yes_no": frozenset({T.BOOLEAN}),
    "choice": frozenset({T.CODE, T.TEXT}),
    "multi_choice": frozenset({T.CODES}),
    "number": frozenset({T.INTEGER}),
    "person": frozenset(),
    "people": frozenset(),
}

# Values the engine knows when a step is completed, and the fact types they fit.
ENGINE_VALUES: dict[str, tuple[frozenset[FactFieldType], str]] = {
    "step.completed_on": (frozenset({T.DATE}), "the day the step's event happened"),
    "step.completed_at": (frozenset({T.DATETIME}), "when the step was recorded as completed"),
    "step.started_on": (frozenset({T.DATE}), "the day the step was started"),
    "step.due_on": (frozenset({T.DATE}), "the step's due date"),
    "step.authorised_on": (frozenset({T.DATE}), "the day a manager authorised the step"),
    "step.outcome": (frozenset({T.CODE, T.TEXT}), "the outcome chosen"),
    "case.opened_on": (frozenset({T.DATE}), "the day the case was opened"),
    "worker.social_worker_id": (frozenset({T.TEXT}), "the completing worker's DfE SW ID"),
    "worker.name": (frozenset({T.TEXT}), "the completing worker's name"),
}


# What is known when a step starts (for writes `on: started`).
STARTED_VALUES = frozenset(
    {"step.started_on", "step.due_on", "case.opened_on", "worker.social_worker_id", "worker.name"}
)


@dataclass
class CheckResult:
    """The model (when it has no problems) and every problem found."""

    model: schema.PracticeModel | None
    problems: list[Problem]
    load: LoadResult

    @property
    def ok(self) -> bool:
        """Whether the model may be published."""
        return not self.problems


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _known_roles() -> list[str]:
    from hearth.organisation.models import Role  # noqa: PLC0415 (needs the app registry)

    return [role.value for role in Role]


class _Checker:
    def __init__(
        self,
        load: LoadResult,
        facts: Mapping[str, FactKind] | None,
        roles: Collection[str],
    ) -> None:
        self.load = load
        self.facts = facts
        self.roles = roles
        # With a broken model.yaml the steps are still checked against each other.
        self.header: schema.ModelHeader | None = load.header
        self.steps = {step.id: step for _, step in load.steps}
        self.known_ids = set(load.declared_ids) - {""}

    def problem(self, loc: tuple[Any, ...], message: str) -> None:
        self.load.problem(loc, message)

    def run(self) -> None:
        self.check_ids()
        self.check_start()
        for index, step in self.load.steps:
            at = ("steps", index)
            self.check_outcomes(at, step)
            self.check_form(at, step)
            self.check_people(at, step)
            self.check_timescale(at, step)
            if self.facts is not None:
                self.check_writes(at, step, self.facts)
        self.check_reachable()

    # Identity and graph

    def check_ids(self) -> None:
        seen: dict[str, int] = {}
        for index, step_id in enumerate(self.load.declared_ids):
            if not step_id:
                continue
            if step_id in seen:
                first_file, first_line = self._where(("steps", seen[step_id], "id"))
                self.problem(
                    ("steps", index, "id"),
                    f"step id {step_id!r} is already used in {first_file} (line {first_line})",
                )
            else:
                seen[step_id] = index

    def _where(self, loc: tuple[Any, ...]) -> tuple[str, int]:
        from hearth.practice.yamlsource import locate  # noqa: PLC0415

        return locate(self.load.root, loc, default_file=self.load.root.file)

    def _unknown_step(self, step_id: str) -> str:
        return f"unknown step {step_id!r}{_suggest(step_id, self.known_ids)}"

    def check_start(self) -> None:
        if self.header is None:
            return
        for position, step_id in enumerate(self.header.start):
            if step_id not in self.known_ids:
                self.problem(
                    ("start", position), f"the model starts at {self._unknown_step(step_id)}"
                )

    def check_outcomes(self, at: tuple[Any, ...], step: schema.StepType) -> None:
        seen: set[str] = set()
        for position, outcome in enumerate(step.outcomes):
            here = (*at, "outcomes", position)
            if outcome.id in seen:
                self.problem((*here, "id"), f"outcome id {outcome.id!r} is used twice in this step")
            seen.add(outcome.id)
            for target_position, target in enumerate(outcome.next):
                if target not in self.known_ids:
                    self.problem(
                        (*here, "next", target_position),
                        f"outcome {outcome.id!r} leads to {self._unknown_step(target)}",
                    )
            for target_position, target in enumerate(outcome.cancels):
                if target not in self.known_ids:
                    self.problem(
                        (*here, "cancels", target_position),
                        f"outcome {outcome.id!r} cancels {self._unknown_step(target)}",
                    )
            if outcome.when is not None:
                self.check_condition((*here, "when"), step, outcome.when, "outcome " + outcome.id)

    def check_reachable(self) -> None:
        if self.header is None:
            return
        roots = [s for s in self.header.start if s in self.steps]
        roots += [s.id for s in self.steps.values() if s.ad_hoc]
        reached = reachable(roots, {s.id: successors(s) for s in self.steps.values()})
        for index, step in self.load.steps:
            if step.id not in reached:
                self.problem(
                    ("steps", index, "id"),
                    f"step {step.id!r} cannot be reached: no start step or outcome leads to it "
                    "(mark it `ad_hoc: true` if workers start it by hand)",
                )

    # Forms

    def check_condition(
        self, loc: tuple[Any, ...], step: schema.StepType, condition: schema.Condition, what: str
    ) -> None:
        """Every field a condition reads exists in the step's form, with values it can take."""
        self._check_condition(loc, step, condition, what)

    def _check_condition(
        self, loc: tuple[Any, ...], step: schema.StepType, condition: schema.Condition, what: str
    ) -> None:
        for key, children in (("all", condition.all), ("any", condition.any)):
            for position, child in enumerate(children or []):
                self._check_condition((*loc, key, position), step, child, what)
        if condition.not_ is not None:
            self._check_condition((*loc, "not"), step, condition.not_, what)
        if condition.field is None:
            return
        form_field = step.field(condition.field)
        if form_field is None:
            self.problem(
                (*loc, "field"),
                f"{what} depends on unknown field {condition.field!r}"
                f"{_suggest(condition.field, [f.id for f in step.form.fields])}",
            )
            return
        allowed = _answer_values(form_field)
        values: list[Any] = []
        if condition.equals is not None:
            values.append(("equals", condition.equals))
        values.extend(("in", value) for value in condition.in_ or [])
        if condition.includes is not None:
            if form_field.type != "multi_choice":
                self.problem(
                    (*loc, "includes"),
                    "`includes` tests a multi-choice field; "
                    f"{form_field.id!r} is {form_field.type}",
                )
            values.append(("includes", condition.includes))
        for key, value in values:
            if allowed is not None and value not in allowed:
                self.problem(
                    (*loc, key),
                    f"{what} tests field {form_field.id!r} for {value!r}, which it cannot be "
                    f"(it can be {', '.join(repr(a) for a in allowed if isinstance(a, str))})",
                )

    def check_form(self, at: tuple[Any, ...], step: schema.StepType) -> None:
        seen: set[str] = set()
        for position, form_field in enumerate(step.form.fields):
            here = (*at, "form", "fields", position)
            if form_field.id in seen:
                self.problem(
                    (*here, "id"), f"field id {form_field.id!r} is used twice in this form"
                )
            seen.add(form_field.id)
            self.check_field(here, step, form_field)

    def check_field(
        self, here: tuple[Any, ...], step: schema.StepType, form_field: schema.FormField
    ) -> None:
        kind = form_field.type
        values = [c.value for c in form_field.choices]
        if kind in schema.CHOICE_TYPES and not values:
            self.problem((*here, "type"), f"{kind} field {form_field.id!r} needs `choices`")
        if kind not in schema.CHOICE_TYPES and values:
            self.problem((*here, "choices"), f"only choice fields take `choices`; this is {kind}")
        duplicates = {v for v in values if values.count(v) > 1}
        for value in sorted(duplicates):
            self.problem((*here, "choices"), f"choice {value!r} is listed twice")
        if form_field.default is not None:
            self.check_default(here, form_field)
        if form_field.show_if is not None:
            if form_field.id in form_field.show_if.fields_named():
                self.problem(
                    (*here, "show_if"), f"field {form_field.id!r} cannot depend on its own answer"
                )
            else:
                self.check_condition(
                    (*here, "show_if"), step, form_field.show_if, f"field {form_field.id!r}"
                )
        if (form_field.min is not None or form_field.max is not None) and kind != "number":
            self.problem(
                (*here, "min" if form_field.min is not None else "max"),
                f"min and max apply to number fields; {form_field.id!r} is {kind}",
            )
        if (
            form_field.min is not None
            and form_field.max is not None
            and form_field.min > form_field.max
        ):
            self.problem((*here, "min"), f"min {form_field.min} is more than max {form_field.max}")
        if form_field.max_length is not None and kind not in schema.TEXT_TYPES:
            self.problem(
                (*here, "max_length"), f"max_length applies to text fields; this is {kind}"
            )
        if form_field.not_in_future and kind not in schema.DATE_TYPES:
            self.problem(
                (*here, "not_in_future"), f"not_in_future applies to date fields; this is {kind}"
            )

    def check_default(self, here: tuple[Any, ...], form_field: schema.FormField) -> None:
        allowed = _answer_values(form_field)
        defaults = (
            form_field.default if isinstance(form_field.default, list) else [form_field.default]
        )
        if form_field.type == "multi_choice" and not isinstance(form_field.default, list):
            defaults = [form_field.default]
        for value in defaults:
            if allowed is not None and value not in allowed:
                shown = ", ".join(repr(a) for a in allowed if isinstance(a, str))
                self.problem(
                    (*here, "default"),
                    f"default {value!r} is not one of the choices of {form_field.id!r} ({shown})",
                )

    # Who does it

    def check_people(self, at: tuple[Any, ...], step: schema.StepType) -> None:
        for position, role in enumerate(step.roles):
            if role not in self.roles:
                self.problem(
                    (*at, "roles", position), f"unknown role {role!r}{_suggest(role, self.roles)}"
                )
        if step.authorisation is not None:
            for position, role in enumerate(step.authorisation.roles):
                if role not in self.roles:
                    self.problem(
                        (*at, "authorisation", "roles", position),
                        f"unknown role {role!r}{_suggest(role, self.roles)}",
                    )
        teams = self.header.council.teams if self.header is not None else {}
        for position, team in enumerate(step.teams):
            if team not in teams:
                self.problem(
                    (*at, "teams", position),
                    f"unknown team {team!r}: declare it under council: teams: in model.yaml"
                    f"{_suggest(team, teams)}",
                )

    # When it is due

    def check_timescale(self, at: tuple[Any, ...], step: schema.StepType) -> None:
        if step.timescale is None:
            return
        problem = self.event_problem(step, step.timescale.from_)
        if problem:
            self.problem((*at, "timescale", "from"), problem)
        if step.timescale.repeat is not None and not step.repeatable:
            self.problem(
                (*at, "timescale", "repeat"),
                f"step {step.id!r} has a repeat interval but is not `repeatable: true`",
            )

    def event_problem(  # noqa: PLR0911 (one answer per kind of event)
        self, step: schema.StepType, event: str
    ) -> str | None:
        """Why `event` is not an event a timescale can count from, or None if it is."""
        if event in schema.ENGINE_EVENTS:
            return None
        parts = event.split(".")
        events = [
            *schema.ENGINE_EVENTS,
            "<step>.started",
            "<step>.completed",
            "<step>.outcome.<outcome>",
            "<step>.answer.<date field>",
        ]
        unknown = f"timescale counts from unknown event {event!r}; use one of {', '.join(events)}"
        if len(parts) < 2:
            return unknown + _suggest(event, schema.ENGINE_EVENTS)
        source_id = parts[0]
        source = self.steps.get(source_id)
        if source is None:
            if source_id in self.known_ids:
                return None  # the step is broken; its own problems are reported
            return f"timescale counts from an event of {self._unknown_step(source_id)}"
        match parts[1:]:
            case ["started"] | ["completed"]:
                return None
            case ["outcome", outcome_id]:
                if source.outcome(outcome_id) is None:
                    return (
                        f"timescale counts from unknown outcome {outcome_id!r} of step "
                        f"{source_id!r}{_suggest(outcome_id, [o.id for o in source.outcomes])}"
                    )
                return None
            case ["answer", field_id]:
                found = source.field(field_id)
                if found is None:
                    return f"timescale counts from unknown field {field_id!r} of step {source_id!r}"
                if found.type not in schema.DATE_TYPES:
                    return f"timescale counts from field {field_id!r}, which is not a date"
                return None
        return unknown

    # The statutory record

    def check_writes(
        self, at: tuple[Any, ...], step: schema.StepType, facts: Mapping[str, FactKind]
    ) -> None:
        for position, write in enumerate(step.writes):
            here = (*at, "writes", position)
            kind = facts.get(write.fact)
            if kind is None:
                self.problem(
                    (*here, "fact"),
                    f"unknown statutory fact {write.fact!r}{_suggest(write.fact, facts)} "
                    "(no domain app registers it)",
                )
                continue
            if write.when is not None:
                if write.on == "started":
                    self.problem(
                        (*here, "when"),
                        "a write `on: started` cannot depend on answers: none are given yet",
                    )
                else:
                    self.check_condition(
                        (*here, "when"), step, write.when, f"write of {write.fact}"
                    )
            for name, source in write.values.items():
                fact_field = kind.fields.get(name)
                if fact_field is None:
                    self.problem(
                        (*here, "values", name),
                        f"fact {write.fact!r} has no field {name!r}{_suggest(name, kind.fields)}",
                    )
                    continue
                if write.on == "started" and source.from_ not in STARTED_VALUES | {None}:
                    self.problem(
                        (*here, "values", name),
                        f"a write `on: started` can only use {', '.join(sorted(STARTED_VALUES))} "
                        f"or a constant; {source.from_!r} is not known when the step starts",
                    )
                    continue
                self.check_value(
                    loc=(*here, "values", name),
                    step=step,
                    fact=write.fact,
                    name=name,
                    fact_field=fact_field,
                    source=source,
                )
            missing = [n for n, f in kind.fields.items() if f.required and n not in write.values]
            for name in missing:
                self.problem(
                    (*here, "values") if write.values else (*here, "fact"),
                    f"required field {name!r} of fact {write.fact!r} is not mapped",
                )

    def check_value(
        self,
        *,
        loc: tuple[Any, ...],
        step: schema.StepType,
        fact: str,
        name: str,
        fact_field: FactField,
        source: schema.ValueSource,
    ) -> None:
        if source.from_ == "step.authorised_on" and step.authorisation is None:
            self.problem(
                loc,
                "step.authorised_on is never set: this step has no `authorisation:`",
            )
            return
        described = _describe_source(step, source)
        if isinstance(described, str):
            self.problem(loc, described)
            return
        types, offered, source_values, label = described
        if source.map is not None:
            if source_values is None:
                self.problem(loc, f"`map` needs a choice, yes/no or outcome; {label} is not one")
                return
            unknown = [key for key in source.map if key not in source_values]
            for key in unknown:
                self.problem((*loc, "map", key), f"{label} cannot be {key!r}")
            uncovered = [v for v in source_values if isinstance(v, str) and v not in source.map]
            if uncovered:
                self.problem(
                    (*loc, "map"),
                    f"`map` leaves out {', '.join(repr(v) for v in uncovered)} of {label}",
                )
            types, offered = _constant_types([v for v in source.map.values() if v is not None])
        where = f"{fact}.{name}"
        if fact_field.type not in types:
            shown = ", ".join(sorted(t.value for t in types)) or "nothing statutory"
            self.problem(
                loc,
                f"{label} cannot be written to {where}: that field is {fact_field.type.value}, "
                f"and {label} fits {shown}",
            )
            return
        if fact_field.type in {T.CODE, T.CODES} and fact_field.codes and offered is not None:
            strays = sorted(set(offered) - set(fact_field.codes))
            if strays:
                self.problem(
                    loc,
                    f"{', '.join(repr(s) for s in strays)} from {label} "
                    f"{'is not a code' if len(strays) == 1 else 'are not codes'} of {where} "
                    f"(codes: {', '.join(fact_field.codes)})",
                )
        if source.from_ and source.from_.startswith("answer.") and fact_field.required:
            answer = step.field(source.from_.removeprefix("answer."))
            if answer is not None and not answer.required and answer.show_if is None:
                self.problem(
                    loc,
                    f"{where} is required but field {answer.id!r} is optional: make it required",
                )


def _answer_values(form_field: schema.FormField) -> list[Any] | None:
    """The answers a field can have, where that is a closed list."""
    if form_field.type in schema.CHOICE_TYPES:
        return [c.value for c in form_field.choices]
    if form_field.type == "yes_no":
        return ["yes", "no", True, False]
    return None


def _constant_types(values: list[Any]) -> tuple[frozenset[FactFieldType], list[str] | None]:
    if values and all(isinstance(v, bool) for v in values):
        return frozenset({T.BOOLEAN}), None
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return frozenset({T.INTEGER}), None
    if values and all(isinstance(v, str) for v in values):
        return frozenset({T.CODE, T.CODES, T.TEXT}), [str(v) for v in values]
    if values and all(hasattr(v, "isoformat") for v in values):
        return frozenset({T.DATE}), None
    return frozenset(), None


def _describe_source(
    step: schema.StepType, source: schema.ValueSource
) -> tuple[frozenset[FactFieldType], list[str] | None, list[Any] | None, str] | str:
    """(fact types it fits, codes it offers, values `map` may translate, label) or a problem."""
    if source.from_ is None:
        types, offered = _constant_types([source.value])
        return types, offered, None, f"constant {source.value!r}"
    expression = source.from_
    if expression.startswith("answer."):
        field_id = expression.removeprefix("answer.")
        form_field = step.field(field_id)
        if form_field is None:
            return (
                f"unknown field {field_id!r} in {expression!r}"
                f"{_suggest(field_id, [f.id for f in step.form.fields])}"
            )
        label = f"field {field_id!r} ({form_field.type})"
        values = _answer_values(form_field)
        offered = [c.value for c in form_field.choices] if form_field.choices else None
        return ANSWER_FACT_TYPES[form_field.type], offered, values, label
    if expression in ENGINE_VALUES:
        types, _ = ENGINE_VALUES[expression]
        if expression == "step.outcome":
            ids = [o.id for o in step.outcomes]
            return types, ids, ids, "the step's outcome"
        return types, None, None, expression
    options = [*ENGINE_VALUES, "answer.<field>"]
    return f"unknown value {expression!r}; use one of {', '.join(options)}" + _suggest(
        expression, ENGINE_VALUES
    )


def successors(step: schema.StepType) -> list[str]:
    """The step types a step's outcomes lead to."""
    return [target for outcome in step.outcomes for target in outcome.next]


def reachable(roots: Iterable[str], graph: Mapping[str, Iterable[str]]) -> set[str]:
    """Every node reachable from `roots` along `graph` (roots included)."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, ()))
    return seen


def check_model(
    path: Path | str,
    *,
    facts: Mapping[str, FactKind] | None = None,
    check_facts: bool = True,
    roles: Collection[str] | None = None,
) -> CheckResult:
    """Load the model folder at `path` and report every problem with it.

    `facts` defaults to the statutory facts registered now (`hearth.practice.facts`); tests pass
    their own. With `check_facts=False` the `writes:` are not checked at all.
    """
    load = load_folder(path)
    known_facts = (facts if facts is not None else fact_kinds()) if check_facts else None
    _Checker(load, known_facts, roles if roles is not None else _known_roles()).run()
    problems = sorted(set(load.problems))
    model = None
    if not problems and load.header is not None:
        model = schema.PracticeModel(
            **load.header.model_dump(by_alias=True), steps=[step for _, step in load.steps]
        )
    return CheckResult(model=model, problems=problems, load=load)
