"""A step's form, from the practice model to GOV.UK components and back again.

`parse_answers` reads what a worker submitted against the model's form: it checks each visible
field (required, choices, min/max, max_length, real dates, dates not in the future), gives a
field-level message for each problem, and keeps everything typed (`raw`) so the page can show it
again. Fields hidden by their `show_if` are neither checked nor stored.

`render_fields` gives, per field, the GOV.UK macro to call and its parameters, plus the field's
`show_if` as JSON for the small progressive enhancement (practice/show-if.js) that hides questions
that do not apply. Without JavaScript every question shows, and the server ignores answers to the
ones that do not apply.

Stored answers are JSON: text as strings, dates as ISO dates, date-times as ISO date-times with
the offset, yes/no as booleans, numbers as numbers, choices as their values, people as ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils import timezone

from hearth.practice.guards import visible_fields
from hearth.practice.schema import Form, FormField, StepType

TIME_PARTS = 2


class SubmittedData(Protocol):
    """What a Django QueryDict offers: single and multiple values by name."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


@dataclass
class ParsedForm:
    """Answers that passed, messages for those that did not, and everything as typed."""

    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        """Whether every visible field passed."""
        return not self.errors


def form_hash(form: Form) -> str:
    """A fingerprint of the form's definition, stored with answers given on it."""
    canonical = json.dumps(form.model_dump(mode="json", by_alias=True), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _from_the_list(form_field: FormField) -> str:
    # Built by a function: ruff's S608 mistakes "Select ... from" in an f-string for SQL.
    return "Select " + _lower_first(form_field.label) + " from the list"  # noqa: S608 (not SQL)


def required_message(form_field: FormField) -> str:
    """The message for a required field left empty."""
    if form_field.required_message:
        return form_field.required_message
    if form_field.type in {"choice", "multi_choice", "yes_no", "person", "people"}:
        return f"Select {_lower_first(form_field.label)}"
    return f"Enter {_lower_first(form_field.label)}"


def _parse_date(
    form_field: FormField, data: SubmittedData, raw: dict[str, Any], *, today: dt.date
) -> tuple[dt.date | None, str | None]:
    parts = {}
    for part in ("day", "month", "year"):
        text = str(data.get(f"{form_field.id}-{part}", "") or "").strip()
        raw[f"{form_field.id}-{part}"] = text
        parts[part] = text
    if not any(parts.values()):
        return None, None
    missing = [part for part, text in parts.items() if not text]
    if missing:
        return None, f"{form_field.label} must include a {' and '.join(missing)}"
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return None, f"{form_field.label} must be a real date"
    if day.year < 1900:
        return None, f"{form_field.label} must be a real date"
    if form_field.not_in_future and day > today:
        return None, f"{form_field.label} must be today or in the past"
    return day, None


def _parse_time(text: str) -> dt.time | None:
    bits = text.replace(".", ":").split(":")
    if len(bits) != TIME_PARTS or not all(b.isdigit() for b in bits):
        return None
    try:
        return dt.time(int(bits[0]), int(bits[1]))
    except ValueError:
        return None


def _parse_number(form_field: FormField, text: str) -> tuple[int | float | None, str | None]:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, f"{form_field.label} must be a number"
    if not number.is_finite():
        return None, f"{form_field.label} must be a number"
    if form_field.min is not None and number < Decimal(str(form_field.min)):
        return None, f"{form_field.label} must be {form_field.min:g} or more"
    if form_field.max is not None and number > Decimal(str(form_field.max)):
        return None, f"{form_field.label} must be {form_field.max:g} or less"
    value: int | float = int(number) if number == number.to_integral_value() else float(number)
    return value, None


def _parse_field(  # noqa: PLR0911, PLR0912 (one branch per field type reads best)
    form_field: FormField,
    data: SubmittedData,
    raw: dict[str, Any],
    *,
    today: dt.date,
    people: Sequence[tuple[int, str]],
) -> tuple[Any, str | None]:
    name = form_field.id
    kind = form_field.type
    if kind == "date":
        day, problem = _parse_date(form_field, data, raw, today=today)
        return (day.isoformat() if day else None), problem
    if kind == "datetime":
        day, problem = _parse_date(form_field, data, raw, today=today)
        time_text = str(data.get(f"{name}-time", "") or "").strip()
        raw[f"{name}-time"] = time_text
        if problem:
            return None, problem
        if day is None:
            return None, (f"{form_field.label} must include a date" if time_text else None)
        moment = _parse_time(time_text)
        if moment is None:
            return None, f"{form_field.label} must include a time, like 14:30"
        when = timezone.make_aware(dt.datetime.combine(day, moment))
        if form_field.not_in_future and when > timezone.now():
            return None, f"{form_field.label} must be now or in the past"
        return when.isoformat(), None
    if kind in {"multi_choice", "people"}:
        values = [str(v) for v in data.getlist(name) if str(v)]
        raw[name] = values
        if kind == "multi_choice":
            allowed = {c.value for c in form_field.choices}
            if any(v not in allowed for v in values):
                return None, _from_the_list(form_field)
            return (values or None), None
        ids = {str(pk) for pk, _ in people}
        if any(v not in ids for v in values):
            return None, _from_the_list(form_field)
        return ([int(v) for v in values] or None), None
    text = str(data.get(name, "") or "")
    raw[name] = text
    text = text.strip()
    if not text:
        return None, None
    if kind in {"text", "textarea"}:
        if form_field.max_length is not None and len(text) > form_field.max_length:
            return None, f"{form_field.label} must be {form_field.max_length} characters or fewer"
        return text, None
    if kind == "number":
        return _parse_number(form_field, text)
    if kind == "yes_no":
        if text not in {"yes", "no"}:
            return None, f"Select yes or no for {_lower_first(form_field.label)}"
        return text == "yes", None
    if kind == "choice":
        if text not in {c.value for c in form_field.choices}:
            return None, _from_the_list(form_field)
        return text, None
    if kind == "person":
        if text not in {str(pk) for pk, _ in people}:
            return None, _from_the_list(form_field)
        return int(text), None
    return None, f"{form_field.label}: unsupported field type {kind}"


def parse_answers(
    step: StepType,
    data: SubmittedData,
    *,
    today: dt.date | None = None,
    people: Sequence[tuple[int, str]] = (),
) -> ParsedForm:
    """Read and check submitted answers to `step`'s form. `people`: (id, name) a person may be."""
    today = today or timezone.localdate()
    parsed = ParsedForm()
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for form_field in step.form.fields:
        value, problem = _parse_field(form_field, data, parsed.raw, today=today, people=people)
        values[form_field.id] = value
        if problem:
            problems[form_field.id] = problem
    # Which questions apply is decided on what was typed, problems or not.
    shown = visible_fields(step, values)
    for form_field in step.form.fields:
        if form_field.id not in shown:
            continue
        if form_field.id in problems:
            parsed.errors[form_field.id] = problems[form_field.id]
        elif values[form_field.id] is None:
            if form_field.required:
                parsed.errors[form_field.id] = required_message(form_field)
        else:
            parsed.answers[form_field.id] = values[form_field.id]
    return parsed


def answers_to_raw(
    step: StepType, answers: Mapping[str, Any], *, use_defaults: bool = True
) -> dict[str, Any]:
    """Stored answers as the form shows them; with none yet, the model's defaults."""
    raw: dict[str, Any] = {}
    defaults = use_defaults and not answers
    for form_field in step.form.fields:
        value = answers.get(form_field.id, form_field.default if defaults else None)
        if value is None:
            continue
        name = form_field.id
        if form_field.type in {"date", "datetime"} and isinstance(value, str | dt.date):
            moment = value if isinstance(value, dt.date) else dt.datetime.fromisoformat(value)
            if isinstance(moment, dt.datetime):
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                raw[f"{name}-time"] = f"{moment:%H:%M}"
            raw[f"{name}-day"], raw[f"{name}-month"], raw[f"{name}-year"] = (
                str(moment.day),
                str(moment.month),
                str(moment.year),
            )
        elif form_field.type == "yes_no":
            raw[name] = "yes" if value in (True, "yes") else "no"
        elif form_field.type in {"multi_choice", "people"}:
            raw[name] = [str(v) for v in (value if isinstance(value, list) else [value])]
        else:
            raw[name] = str(value)
    return raw


def _error(errors: Mapping[str, str], name: str) -> dict[str, str] | None:
    return {"text": errors[name]} if name in errors else None


def _date_items(name: str, raw: Mapping[str, Any], has_error: bool) -> list[dict[str, Any]]:
    widths = {"day": 2, "month": 2, "year": 4}
    return [
        {
            "name": part,
            "label": part.capitalize(),
            "value": raw.get(f"{name}-{part}", ""),
            "classes": f"govuk-input--width-{widths[part]}"
            + (" govuk-input--error" if has_error else ""),
        }
        for part in ("day", "month", "year")
    ]


def field_params(  # noqa: PLR0911 (one return per component)
    form_field: FormField,
    raw: Mapping[str, Any],
    errors: Mapping[str, str],
    *,
    people: Sequence[tuple[int, str]] = (),
) -> tuple[str, dict[str, Any]]:
    """The GOV.UK component for a field and its macro parameters, showing what was typed."""
    name = form_field.id
    error = _error(errors, name)
    hint = {"text": form_field.hint} if form_field.hint else None
    legend = {"text": form_field.label, "classes": "govuk-fieldset__legend--s"}
    kind = form_field.type
    if kind in {"date", "datetime"}:
        params: dict[str, Any] = {
            "id": name,
            "namePrefix": name,
            "fieldset": {"legend": legend},
            "hint": hint or ({"text": "For example, 27 3 2026"} if kind == "date" else None),
            "errorMessage": error,
            "items": _date_items(name, raw, error is not None),
        }
        if kind == "datetime":
            params["time"] = {
                "id": f"{name}-time",
                "name": f"{name}-time",
                "value": raw.get(f"{name}-time", ""),
                "label": {"text": "Time, for example 14:30"},
                "classes": "govuk-input--width-5",
            }
        return "date", params
    if kind in {"choice", "yes_no", "person"}:
        current = str(raw.get(name, ""))
        if kind == "yes_no":
            options = [("yes", "Yes"), ("no", "No")]
        elif kind == "person":
            options = [(str(pk), label) for pk, label in people]
        else:
            options = [(c.value, c.label) for c in form_field.choices]
        return "radios", {
            "idPrefix": name,
            "name": name,
            "fieldset": {"legend": legend},
            "hint": hint,
            "errorMessage": error,
            "classes": "govuk-radios--inline" if kind == "yes_no" else "",
            "items": [
                {"value": value, "text": text, "checked": value == current}
                for value, text in options
            ],
        }
    if kind in {"multi_choice", "people"}:
        current_list = {str(v) for v in raw.get(name, []) or []}
        options = (
            [(str(pk), label) for pk, label in people]
            if kind == "people"
            else [(c.value, c.label) for c in form_field.choices]
        )
        return "checkboxes", {
            "idPrefix": name,
            "name": name,
            "fieldset": {"legend": legend},
            "hint": hint,
            "errorMessage": error,
            "items": [
                {"value": value, "text": text, "checked": value in current_list}
                for value, text in options
            ],
        }
    base: dict[str, Any] = {
        "id": name,
        "name": name,
        "label": {"text": form_field.label, "classes": "govuk-label--s"},
        "hint": hint,
        "errorMessage": error,
        "value": raw.get(name, ""),
    }
    if kind == "textarea":
        return "textarea", base | {"rows": form_field.rows}
    if kind == "number":
        return "input", base | {"inputmode": "decimal", "classes": "govuk-input--width-10"}
    return "input", base


@dataclass(frozen=True)
class RenderedField:
    """One question ready for the template."""

    id: str
    component: str
    params: dict[str, Any]
    show_if_json: str
    applies: bool


def render_fields(
    step: StepType,
    raw: Mapping[str, Any],
    errors: Mapping[str, str],
    *,
    answers: Mapping[str, Any] | None = None,
    people: Sequence[tuple[int, str]] = (),
) -> list[RenderedField]:
    """Every question of `step`'s form, in order, for the step page."""
    applies = visible_fields(step, answers or {})
    return [
        RenderedField(
            id=form_field.id,
            component=component,
            params=params,
            show_if_json=(
                json.dumps(
                    form_field.show_if.model_dump(mode="json", by_alias=True, exclude_none=True)
                )
                if form_field.show_if
                else ""
            ),
            applies=form_field.id in applies,
        )
        for form_field in step.form.fields
        for component, params in [field_params(form_field, raw, errors, people=people)]
    ]


def error_summary(errors: Mapping[str, str], step: StepType) -> dict[str, Any] | None:
    """`govukErrorSummary` parameters linking each message to its field, in form order."""
    if not errors:
        return None
    order = [f.id for f in step.form.fields]
    items = []
    for name in sorted(errors, key=lambda n: order.index(n) if n in order else len(order)):
        form_field = step.field(name)
        anchor = name
        if (form_field is not None and form_field.type in {"date", "datetime"}) or (
            name == "_completed_on"
        ):
            anchor = f"{name}-day"
        elif name == "_form":
            anchor = "step-form"
        items.append({"text": errors[name], "href": f"#{anchor}"})
    return {"titleText": "There is a problem", "errorList": items}


@dataclass(frozen=True)
class DateAnswer:
    """A single date read from a GOV.UK date input, with its message and what was typed."""

    value: dt.date | None
    error: str | None
    raw: dict[str, Any]


def parse_completed_on(data: SubmittedData, name: str) -> DateAnswer:
    """The "date it happened" of a step being completed (never in the future)."""
    # model_construct: the engine's own field names start with an underscore, which the
    # schema's rule for authors' field ids would refuse.
    form_field = FormField.model_construct(
        id=name, label="The date it happened", type="date", not_in_future=True
    )
    raw: dict[str, Any] = {}
    value, error = _parse_date(form_field, data, raw, today=timezone.localdate())
    return DateAnswer(value, error, raw)


def completed_on_params(
    name: str, raw: Mapping[str, Any], default: dt.date, errors: Mapping[str, str]
) -> dict[str, Any]:
    """`govukDateInput` parameters for the date the step's event happened."""
    shown = dict(raw)
    if not any(shown.get(f"{name}-{part}") for part in ("day", "month", "year")):
        shown |= {
            f"{name}-day": str(default.day),
            f"{name}-month": str(default.month),
            f"{name}-year": str(default.year),
        }
    return {
        "id": name,
        "namePrefix": name,
        "fieldset": {
            "legend": {"text": "Date it happened", "classes": "govuk-fieldset__legend--s"}
        },
        "hint": {"text": "The day the meeting, visit or decision took place"},
        "errorMessage": _error(errors, name),
        "items": _date_items(name, shown, name in errors),
    }


def outcome_params(
    step: StepType, chosen: str, errors: Mapping[str, str], name: str = "_outcome"
) -> dict[str, Any] | None:
    """`govukRadios` parameters for choosing what happens next, or None with one outcome."""
    if len(step.outcomes) <= 1:
        return None
    return {
        "idPrefix": name,
        "name": name,
        "fieldset": {
            "legend": {"text": "What happens next", "classes": "govuk-fieldset__legend--m"}
        },
        "hint": {"text": "Only outcomes that fit your answers can be chosen."},
        "errorMessage": _error(errors, name),
        "items": [
            {"value": outcome.id, "text": outcome.label, "checked": outcome.id == chosen}
            for outcome in step.outcomes
        ],
    }


def display_answers(
    step: StepType, answers: Mapping[str, Any], *, people: Sequence[tuple[int, str]] = ()
) -> list[tuple[str, str]]:
    """(question, answer in words) for every answered question, in form order."""
    names = {str(pk): name for pk, name in people}
    rows = []
    for form_field in step.form.fields:
        if form_field.id not in answers:
            continue
        value = answers[form_field.id]
        labels = {c.value: c.label for c in form_field.choices}
        values = value if isinstance(value, list) else [value]
        if form_field.type == "yes_no":
            text = "Yes" if value else "No"
        elif form_field.type in {"choice", "multi_choice"}:
            text = ", ".join(labels.get(str(v), str(v)) for v in values)
        elif form_field.type in {"person", "people"}:
            text = ", ".join(names.get(str(v), f"Person {v}") for v in values)
        elif form_field.type == "date":
            day = dt.date.fromisoformat(str(value))
            text = f"{day.day} {day:%B %Y}"
        elif form_field.type == "datetime":
            moment = timezone.localtime(dt.datetime.fromisoformat(str(value)))
            text = f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"
        else:
            text = str(value)
        rows.append((form_field.label, text))
    return rows
