"""The bridge from Django forms to GOV.UK Frontend macro parameters.

Templates call, for example, `govukInput(field_input(form["given_name"], "Given name"))`. Each
function returns the parameters a GOV.UK macro expects: the field's name and id, the value the
user typed (so nothing typed is lost on an error), and its error message. `error_summary` lists
every error with a link to its field, as the GOV.UK pattern asks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


def _error(field: forms.BoundField) -> dict[str, str] | None:
    return {"text": " ".join(str(e) for e in field.errors)} if field.errors else None


def _value(field: forms.BoundField) -> Any:
    value = field.value()
    return "" if value is None else value


def field_input(
    field: forms.BoundField,
    label: str | None = None,
    *,
    hint: str | None = None,
    classes: str = "",
    input_type: str = "text",
    autocomplete: str | None = None,
    is_page_heading: bool = False,
) -> dict[str, Any]:
    """Parameters for `govukInput` (and `govukPasswordInput`)."""
    params: dict[str, Any] = {
        "id": field.id_for_label,
        "name": field.html_name,
        "type": input_type,
        "value": _value(field),
        "label": {"text": label or field.label},
        "errorMessage": _error(field),
        "classes": classes,
    }
    if is_page_heading:
        params["label"] |= {"isPageHeading": True, "classes": "govuk-label--l"}
    if hint or field.help_text:
        params["hint"] = {"text": hint or field.help_text}
    if autocomplete:
        params["autocomplete"] = autocomplete
    return params


def field_textarea(
    field: forms.BoundField, label: str | None = None, *, hint: str | None = None, rows: int = 5
) -> dict[str, Any]:
    """Parameters for `govukTextarea`."""
    params = field_input(field, label, hint=hint)
    params.pop("type")
    params["rows"] = rows
    return params


def _choices(field: forms.BoundField) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in field.field.choices]  # type: ignore[attr-defined]


def field_select(
    field: forms.BoundField, label: str | None = None, *, hint: str | None = None
) -> dict[str, Any]:
    """Parameters for `govukSelect`."""
    params = field_input(field, label, hint=hint)
    params.pop("type")
    current = str(_value(field))
    params["items"] = [
        {"value": k, "text": v, "selected": k == current} for k, v in _choices(field)
    ]
    return params


def field_radios(
    field: forms.BoundField,
    legend: str | None = None,
    *,
    hint: str | None = None,
    inline: bool = False,
) -> dict[str, Any]:
    """Parameters for `govukRadios`.

    `idPrefix` is the field's `auto_id`: the first radio gets that id, so the error summary's
    link lands on it (Django 5.2's `id_for_label` is empty for a radio group).
    """
    current = str(_value(field))
    params: dict[str, Any] = {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "fieldset": {
            "legend": {"text": legend or field.label, "classes": "govuk-fieldset__legend--s"}
        },
        "items": [
            {"value": k, "text": v, "checked": k == current} for k, v in _choices(field) if k
        ],
        "errorMessage": _error(field),
        "classes": "govuk-radios--inline" if inline else "",
    }
    if hint or field.help_text:
        params["hint"] = {"text": hint or field.help_text}
    return params


def field_checkboxes(
    field: forms.BoundField, legend: str | None = None, *, hint: str | None = None
) -> dict[str, Any]:
    """Parameters for `govukCheckboxes` (a multiple-choice field); `idPrefix` as for radios."""
    raw = _value(field) or []
    current = {str(v) for v in (raw if isinstance(raw, list | tuple) else [raw])}
    params: dict[str, Any] = {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "fieldset": {
            "legend": {"text": legend or field.label, "classes": "govuk-fieldset__legend--s"}
        },
        "items": [{"value": k, "text": v, "checked": k in current} for k, v in _choices(field)],
        "errorMessage": _error(field),
    }
    if hint or field.help_text:
        params["hint"] = {"text": hint or field.help_text}
    return params


def field_checkbox(field: forms.BoundField, label: str | None = None) -> dict[str, Any]:
    """Parameters for `govukCheckboxes` with a single yes/no box (a BooleanField)."""
    return {
        "idPrefix": field.id_for_label,
        "name": field.html_name,
        "items": [{"value": "on", "text": label or field.label, "checked": bool(field.value())}],
        "errorMessage": _error(field),
        "classes": "govuk-checkboxes--small",
    }


def error_summary(form: forms.BaseForm) -> dict[str, Any] | None:
    """Parameters for `govukErrorSummary`, or None when the form has no errors."""
    if not form.errors:
        return None
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        # A radio or checkbox group has no `id_for_label`; its first input has the `auto_id`.
        href = (
            f"#{form[name].id_for_label or form[name].auto_id}"
            if name in form.fields
            else "#main-content"
        )
        items.extend({"text": str(e), "href": href} for e in errors)
    return {"titleText": "There is a problem", "errorList": items}


def field_date(
    field: forms.BoundField,
    legend: str | None = None,
    *,
    hint: str | None = None,
    is_page_heading: bool = False,
) -> dict[str, Any]:
    """Parameters for `govukDateInput`, for a field whose widget posts `<name>-day/-month/-year`.

    The value shown is what was typed (a list of three strings after a failed submit) or the
    field's initial date. An error whose code names parts ("day", "month_year") highlights only
    those inputs, as the GOV.UK date pattern asks; any other error highlights all three.
    """
    value = field.value()
    if isinstance(value, dt.date):
        parts = [str(value.day), str(value.month), str(value.year)]
    elif isinstance(value, list | tuple) and len(value) == 3:
        parts = ["" if v is None else str(v) for v in value]
    else:
        parts = ["", "", ""]
    flagged: set[str] = set()
    for error in field.errors.as_data():
        code = error.code or ""
        named = {p for p in ("day", "month", "year") if p in code.split("_")}
        flagged |= named or {"day", "month", "year"}
    items = []
    for part, typed, width in zip(("day", "month", "year"), parts, (2, 2, 4), strict=True):
        classes = f"govuk-input--width-{width}"
        if part in flagged:
            classes += " govuk-input--error"
        items.append({"name": part, "label": part.capitalize(), "value": typed, "classes": classes})
    legend_params: dict[str, Any] = {
        "text": legend or field.label,
        "classes": "govuk-fieldset__legend--s",
    }
    if is_page_heading:
        legend_params |= {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}
    params: dict[str, Any] = {
        "id": field.auto_id,
        "namePrefix": field.html_name,
        "fieldset": {"legend": legend_params},
        "items": items,
        "errorMessage": _error(field),
    }
    if hint or field.help_text:
        params["hint"] = {"text": hint or field.help_text}
    return params
