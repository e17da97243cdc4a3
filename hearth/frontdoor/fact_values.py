"""Reading a practice step's answers into the typed values the statutory services take.

The practice engine passes a statutory fact writer the step's answers (`values`) and what it knows
about the step (`context`). Answers may arrive as Python values or as the ISO strings a form or a
YAML file gives. Each reader here returns the typed value or raises a `ValidationError` keyed by
the fact field's name, so the worker sees which answer is wrong and nothing typed is lost.

Used by the fact writers of hearth.frontdoor and hearth.casework.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.frontdoor.models import SOURCE_STEP_LENGTH

_TRUE = frozenset({"true", "yes", "1", "y"})
_FALSE = frozenset({"false", "no", "0", "n"})


def _missing(name: str) -> ValidationError:
    return ValidationError({name: "Enter an answer."})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def date_value(values: Mapping[str, Any], name: str, *, required: bool = True) -> dt.date | None:
    """A date from a `date`, an aware `datetime` (its local day) or a "YYYY-MM-DD" string."""
    value = values.get(name)
    if _blank(value):
        if required:
            raise _missing(name)
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError({name: "Enter a real date, for example 2026-11-22."})


def required_date(values: Mapping[str, Any], name: str) -> dt.date:
    """`date_value` for a required answer."""
    day = date_value(values, name, required=True)
    assert day is not None  # required=True raises instead
    return day


def datetime_value(
    values: Mapping[str, Any], name: str, *, required: bool = True
) -> dt.datetime | None:
    """An aware datetime; a naive one (or a string without an offset) is read as local time."""
    value = values.get(name)
    if _blank(value):
        if required:
            raise _missing(name)
        return None
    moment: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise ValidationError({name: "Enter a real date and time, for example 2026-11-22 14:30."})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def required_datetime(values: Mapping[str, Any], name: str) -> dt.datetime:
    """`datetime_value` for a required answer."""
    moment = datetime_value(values, name, required=True)
    assert moment is not None  # required=True raises instead
    return moment


def text_value(values: Mapping[str, Any], name: str, *, required: bool = False) -> str:
    """Text, stripped of surrounding white space."""
    value = values.get(name)
    if _blank(value):
        if required:
            raise _missing(name)
        return ""
    return str(value).strip()


def code_value(
    values: Mapping[str, Any], name: str, codes: Iterable[str], *, required: bool = True
) -> str:
    """One code from `codes`; "" when not answered and not required."""
    value = values.get(name)
    if _blank(value):
        if required:
            raise _missing(name)
        return ""
    text = str(value).strip()
    allowed = list(codes)
    if text not in allowed:
        raise ValidationError({name: f"{text!r} is not one of the codes {', '.join(allowed)}."})
    return text


def codes_value(
    values: Mapping[str, Any], name: str, codes: Iterable[str], *, required: bool = True
) -> list[str]:
    """Several codes from `codes`, without repeats, as a list or a comma-separated string."""
    value = values.get(name)
    if isinstance(value, str):
        value = [part for part in (p.strip() for p in value.split(",")) if part]
    if _blank(value) or not value:
        if required:
            raise ValidationError({name: "Choose at least one."})
        return []
    if not isinstance(value, list | tuple | set | frozenset):
        raise ValidationError({name: "Choose from the list."})
    allowed = list(codes)
    chosen = [str(item).strip() for item in value]
    wrong = [code for code in chosen if code not in allowed]
    if wrong:
        raise ValidationError({name: f"Not a valid code: {', '.join(wrong)}."})
    if len(set(chosen)) != len(chosen):
        raise ValidationError({name: "Choose each code only once."})
    return chosen


def bool_value(values: Mapping[str, Any], name: str, *, required: bool = True) -> bool | None:
    """True or False from a bool or a yes/no, true/false, 1/0 answer."""
    value = values.get(name)
    if _blank(value):
        if required:
            raise _missing(name)
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError({name: "Answer yes or no."})


def required_bool(values: Mapping[str, Any], name: str) -> bool:
    """`bool_value` for a required answer."""
    answer = bool_value(values, name, required=True)
    assert answer is not None  # required=True raises instead
    return answer


def step_of(context: Mapping[str, Any]) -> str:
    """The practice step instance that is writing the fact, as stored on the record."""
    step = context.get("step_id")
    return "" if step is None else str(step)[:SOURCE_STEP_LENGTH]


def reason_of(context: Mapping[str, Any], default: str) -> str:
    """Why the record changes, for the history: the engine's reason, or `default`."""
    reason = context.get("reason")
    if isinstance(reason, str) and reason.strip():
        return reason.strip()
    step = step_of(context)
    return f"{default} (practice step {step})" if step else default


def int_of(context: Mapping[str, Any], name: str) -> int | None:
    """An id the engine passes in `context` (for example `contact_id`), if it is there."""
    value = context.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise ValidationError({name: "Not a record id."}) from error
