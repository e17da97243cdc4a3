"""The shape of a practice model: pydantic v2 models for the YAML a council writes.

A practice model is a folder:

    model.yaml        name, version, title, description, start steps, council settings
    steps/*.yaml      one step type per file
    forms/*.yaml      forms shared by name (a step may also declare its form inline)

These models check the *shape* of each piece (keys, types, allowed words). Whether the pieces fit
together (an outcome leading to a step that exists, a form answer mapped onto a statutory fact
field of a compatible type, ...) is checked by `hearth.practice.checks`, which reports every
problem with its file and line.

Conditions (`show_if` on a field, `when` on an outcome or a statutory write) are data, never code:
`field` + one test (`equals`, `in`, `includes`, `answered`), or `all` / `any` / `not` of other
conditions. `hearth.practice.guards` evaluates them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hearth.timescales.rules import Unit

Scalar = str | bool | int | float

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")

FIELD_TYPES = (
    "text",
    "textarea",
    "date",
    "datetime",
    "yes_no",
    "choice",
    "multi_choice",
    "number",
    "person",
    "people",
)
CHOICE_TYPES = frozenset({"choice", "multi_choice"})
TEXT_TYPES = frozenset({"text", "textarea"})
DATE_TYPES = frozenset({"date", "datetime"})
YES_NO_WORDS: dict[Any, bool] = {"yes": True, "no": False, True: True, False: False}

# Engine events a timescale may count from, besides the per-step ones
# (`<step>.started`, `<step>.completed`, `<step>.outcome.<outcome>`, `<step>.answer.<date field>`).
ENGINE_EVENTS = {
    "step_started": "the day this step was started",
    "case_opened": "the day the case was opened",
}


def _identifier(value: str, what: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(
            f"{what} {value!r} must be lower case letters, digits and underscores, "
            "starting with a letter"
        )
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Condition(_Strict):
    """A declarative test on form answers: one field test, or all/any/not of conditions."""

    field: str | None = None
    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    includes: Scalar | None = None
    answered: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [
            name
            for name in ("equals", "in_", "includes", "answered")
            if getattr(self, name) is not None
        ]
        combinators = [name for name in ("all", "any", "not_") if getattr(self, name) is not None]
        if self.field is not None:
            if len(tests) != 1 or combinators:
                raise ValueError(
                    f"a condition on field {self.field!r} needs exactly one of "
                    "equals, in, includes or answered"
                )
        elif tests:
            raise ValueError("a condition with equals, in, includes or answered needs a field")
        elif len(combinators) != 1:
            raise ValueError("a condition needs a field, or exactly one of all, any or not")
        return self

    def fields_named(self) -> list[str]:
        """Every field this condition reads, nested conditions included."""
        names = [self.field] if self.field is not None else []
        for child in [*(self.all or []), *(self.any or []), *([self.not_] if self.not_ else [])]:
            names.extend(child.fields_named())
        return names


class Choice(_Strict):
    """One answer of a choice field; `value` is stored, `label` is shown."""

    value: str
    label: str
    hint: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, data: Any) -> Any:
        # `choices: [neglect, physical]` is shorthand for values labelled as written.
        if isinstance(data, str | int):
            text = str(data)
            return {"value": text, "label": text.replace("_", " ").capitalize()}
        return data


class FormField(_Strict):
    """One question of a form."""

    id: str
    label: str
    type: str
    hint: str = ""
    required: bool = False
    required_message: str = ""
    choices: list[Choice] = []
    default: Any = None
    show_if: Condition | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = Field(default=None, ge=1)
    not_in_future: bool = False
    rows: int = Field(default=5, ge=1, le=40)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _identifier(value, "field id")

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        # Authors write "yes/no", "multi-choice" or "person(s)"; store one spelling.
        word = value.strip().lower().replace("/", "_").replace("-", "_").replace(" ", "_")
        word = {"person(s)": "people", "persons": "people", "yesno": "yes_no"}.get(word, word)
        if word not in FIELD_TYPES:
            raise ValueError(f"unknown field type {value!r}; use one of {', '.join(FIELD_TYPES)}")
        return word


class Form(_Strict):
    """The questions a step asks. `version` is the author's; answers also keep a content hash."""

    title: str = ""
    version: int = Field(default=1, ge=1)
    fields: list[FormField] = []


class Outcome(_Strict):
    """A way a step can end, and the steps it leads to. `when` limits when it may be chosen."""

    id: str
    label: str
    next: list[str] = []
    when: Condition | None = None
    # Open steps of these types are cancelled (a plan ends: its core groups stop).
    cancels: list[str] = []
    # Choosing this outcome closes the case (no further action at the front door).
    closes_case: bool = False

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _identifier(value, "outcome id")

    @field_validator("next", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


def _unit(value: Any) -> Any:
    if isinstance(value, str) and value not in {unit.value for unit in Unit}:
        raise ValueError(
            f"unknown timescale unit {value!r}; use one of {', '.join(unit.value for unit in Unit)}"
        )
    return value


class Interval(_Strict):
    """How long after the last actual occurrence the next one is due (visits, core groups)."""

    amount: int = Field(ge=0)
    unit: Unit

    @field_validator("unit", mode="before")
    @classmethod
    def _check_unit(cls, value: Any) -> Any:
        return _unit(value)


class TimescaleSpec(_Strict):
    """When a step is due: `amount` `unit`s after the event `from`; `repeat` for later ones."""

    amount: int = Field(ge=0)
    unit: Unit
    from_: str = Field(default="step_started", alias="from")
    repeat: Interval | None = None
    description: str = ""

    @field_validator("unit", mode="before")
    @classmethod
    def _check_unit(cls, value: Any) -> Any:
        return _unit(value)


class ValueSource(_Strict):
    """Where a statutory fact field's value comes from.

    `from`: an answer (`answer.<field>`) or an engine value (`step.completed_on`, ...), optionally
    translated through `map`; or a constant `value`. A plain string is shorthand for `from`.
    """

    from_: str | None = Field(default=None, alias="from")
    map: dict[str, Scalar | None] | None = None
    value: Scalar | dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, data: Any) -> Any:
        return {"from": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_source(self) -> ValueSource:
        if (self.from_ is None) == (self.value is None):
            raise ValueError("give either `from` (an answer or engine value) or a constant `value`")
        if self.map is not None and self.from_ is None:
            raise ValueError("`map` translates a `from` value; it cannot go with `value`")
        return self


class Write(_Strict):
    """A statutory fact this step writes when it is completed, and where each field comes from."""

    fact: str
    # `completed` (default): when the step is completed (after authorisation, if any).
    # `started`: as soon as the step starts (an assessment's or s47's start date); only engine
    # values and constants can be written then, since nothing has been answered yet.
    on: Literal["completed", "started"] = "completed"
    when: Condition | None = None
    values: dict[str, ValueSource] = {}


class Authorisation(_Strict):
    """A manager must authorise the step before it counts as completed."""

    roles: list[str] = ["team_manager"]


class StepType(_Strict):
    """A kind of work in the model: a referral, an ICPC, a family network meeting, ..."""

    id: str
    title: str
    description: str = ""
    group: str = ""
    form: Form = Form()
    outcomes: list[Outcome] = []
    roles: list[str] = []
    teams: list[str] = []
    authorisation: Authorisation | None = None
    timescale: TimescaleSpec | None = None
    writes: list[Write] = []
    # Workers may start it at any time on an open case (visits, a further strategy discussion).
    ad_hoc: bool = False
    # More than one may be open or completed in a case (core groups, visits, reviews).
    repeatable: bool = False
    # Completing it closes the case (and cancels steps still open).
    closes_case: bool = False

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _identifier(value, "step id")

    def field(self, field_id: str) -> FormField | None:
        """The form field with this id, if any."""
        return next((f for f in self.form.fields if f.id == field_id), None)

    def outcome(self, outcome_id: str) -> Outcome | None:
        """The outcome with this id, if any."""
        return next((o for o in self.outcomes if o.id == outcome_id), None)


class TeamSetting(_Strict):
    """A kind of team the model routes work to, and the council's team names that are it."""

    title: str
    team_names: list[str] = []


class CouncilSettings(_Strict):
    """Settings a council changes without touching steps."""

    teams: dict[str, TeamSetting] = {}
    # Work is shown as "due" this many working days before its due date.
    due_soon_days: int = Field(default=5, ge=0, le=60)


class ModelHeader(_Strict):
    """model.yaml: what the model is and where a case starts."""

    name: str
    version: int = Field(ge=1)
    title: str
    description: str = ""
    start: list[str] = Field(min_length=1)
    council: CouncilSettings = CouncilSettings()

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _identifier(value, "model name")

    @field_validator("start", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class PracticeModel(ModelHeader):
    """A whole practice model: the header and its step types."""

    steps: list[StepType]

    @property
    def label(self) -> str:
        """`name@version`, as the command line writes it."""
        return f"{self.name}@{self.version}"

    def step(self, step_id: str) -> StepType | None:
        """The step type with this id, if any."""
        return next((s for s in self.steps if s.id == step_id), None)

    def step_ids(self) -> list[str]:
        """Every step type id, in the order the model lists them."""
        return [s.id for s in self.steps]
