"""Evaluating a model's declarative conditions against form answers. Data only, never `eval`.

A condition is `field` plus one test, or `all` / `any` / `not` of conditions (see
`hearth.practice.schema.Condition`). A yes/no field's answer is stored as true or false; a model
may test it with `yes`, `no`, `true` or `false`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hearth.practice.schema import YES_NO_WORDS, Condition, StepType


def _same(answer: Any, expected: Any, *, yes_no: bool) -> bool:
    if yes_no:
        return answer is not None and bool(answer == YES_NO_WORDS.get(expected, expected))
    return bool(answer == expected)


def holds(  # noqa: PLR0911 (one return per kind of test)
    condition: Condition, answers: Mapping[str, Any], step: StepType
) -> bool:
    """Whether `condition` holds for these answers to `step`'s form."""
    if condition.all is not None:
        return all(holds(child, answers, step) for child in condition.all)
    if condition.any is not None:
        return any(holds(child, answers, step) for child in condition.any)
    if condition.not_ is not None:
        return not holds(condition.not_, answers, step)
    assert condition.field is not None  # schema guarantees a field test otherwise
    form_field = step.field(condition.field)
    yes_no = form_field is not None and form_field.type == "yes_no"
    answer = answers.get(condition.field)
    if condition.answered is not None:
        return (answer not in (None, "", [])) == condition.answered
    if condition.equals is not None:
        return _same(answer, condition.equals, yes_no=yes_no)
    if condition.in_ is not None:
        return any(_same(answer, value, yes_no=yes_no) for value in condition.in_)
    if condition.includes is not None:
        return isinstance(answer, list) and condition.includes in answer
    return False


def visible_fields(step: StepType, answers: Mapping[str, Any]) -> set[str]:
    """The ids of the form fields that apply, given the answers (`show_if` resolved in order).

    A field hidden by its `show_if` makes any field that depends on it hidden too, because its
    answer is treated as not given.
    """
    shown = {f.id for f in step.form.fields}
    # Repeat until stable, so the order of fields in the form does not matter.
    for _ in range(len(step.form.fields) + 1):
        effective = {key: value for key, value in answers.items() if key in shown}
        now = {
            f.id for f in step.form.fields if f.show_if is None or holds(f.show_if, effective, step)
        }
        if now == shown:
            break
        shown = now
    return shown
