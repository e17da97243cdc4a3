"""Forms for the calendar pages, and a GOV.UK date input for Django forms.

`DateInputField` takes the three boxes of the GOV.UK date input pattern (day, month, year) and
gives the pattern's own error messages ("Date must include a month", "Date must be a real date").
`field_date` turns its bound field into `govukDateInput` parameters, keeping whatever was typed
and marking only the boxes in error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from hearth.timescales.models import NonWorkingDayKind

PARTS = ("day", "month", "year")
YEAR_DIGITS = 4


class DateInputWidget(forms.MultiWidget):
    """Three text boxes named `<name>_day`, `<name>_month` and `<name>_year`."""

    def __init__(self) -> None:
        super().__init__(widgets={part: forms.TextInput() for part in PARTS})

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, validated as the GOV.UK date input pattern says.

    `noun` names the date in messages ("Date of the closure day must include a month").
    """

    widget = DateInputWidget

    def __init__(self, *, noun: str = "Date", **kwargs: Any) -> None:
        self.noun = noun
        # Each part is checked in `compress`, so messages can name exactly what is missing.
        fields = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)
        self.invalid_parts: tuple[str, ...] = ()

    def clean(self, value: Any) -> dt.date:
        raw = [str(part or "").strip() for part in (value or ["", "", ""])]
        return self.compress(raw)

    def compress(self, data_list: list[str]) -> dt.date:
        day, month, year = (str(part or "").strip() for part in data_list)
        typed = dict(zip(PARTS, (day, month, year), strict=True))
        missing = tuple(part for part in PARTS if not typed[part])
        if len(missing) == len(PARTS):
            self.invalid_parts = PARTS
            raise forms.ValidationError(f"Enter the {self.noun.lower()}", code="required")
        if missing:
            self.invalid_parts = missing
            raise forms.ValidationError(
                f"{self.noun} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not all(value.isdigit() for value in (day, month, year)):
            self.invalid_parts = tuple(part for part in PARTS if not typed[part].isdigit())
            raise forms.ValidationError(f"{self.noun} must be a real date", code="invalid")
        if len(year) != YEAR_DIGITS:
            self.invalid_parts = ("year",)
            raise forms.ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            self.invalid_parts = PARTS
            raise forms.ValidationError(
                f"{self.noun} must be a real date", code="invalid"
            ) from None


def field_date(
    field: forms.BoundField, legend: str | None = None, *, hint: str | None = None
) -> dict[str, Any]:
    """Parameters for `govukDateInput`, keeping what was typed and marking the boxes in error."""
    raw = field.value()
    if isinstance(raw, dt.date):
        values = [str(raw.day), str(raw.month), str(raw.year)]
    elif isinstance(raw, list | tuple):
        values = ["" if part is None else str(part) for part in raw]
    else:
        values = ["", "", ""]
    invalid = set(getattr(field.field, "invalid_parts", ())) if field.errors else set()
    widths = {"day": 2, "month": 2, "year": 4}
    params: dict[str, Any] = {
        "id": field.auto_id,
        "fieldset": {
            "legend": {"text": legend or field.label, "classes": "govuk-fieldset__legend--s"}
        },
        "items": [
            {
                "id": f"{field.auto_id}_{part}",
                "name": f"{field.html_name}_{part}",
                "label": part.capitalize(),
                "value": value,
                "classes": f"govuk-input--width-{widths[part]}"
                + (" govuk-input--error" if part in invalid else ""),
            }
            for part, value in zip(PARTS, values, strict=True)
        ],
        "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
    }
    if hint or field.help_text:
        params["hint"] = {"text": hint or field.help_text}
    return params


def first_box_id(field: forms.BoundField) -> str:
    """The id the error summary links to for a date input: its first box in error (or day)."""
    invalid = getattr(field.field, "invalid_parts", ()) or PARTS
    return f"{field.auto_id}_{invalid[0]}"


class ClosureDayAddForm(forms.Form):
    """An administrator adds a council closure day or a one-off day by proclamation."""

    date = DateInputField(noun="Date", label="Date", help_text="For example, 24 12 2026")
    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="For example, Council closure day",
        error_messages={"required": "Enter a name for the day, for example Council closure day"},
    )
    kind = forms.ChoiceField(
        label="Type of day",
        choices=[
            (NonWorkingDayKind.COUNCIL_CLOSURE.value, NonWorkingDayKind.COUNCIL_CLOSURE.label),
            (NonWorkingDayKind.PROCLAMATION.value, NonWorkingDayKind.PROCLAMATION.label),
        ],
        initial=NonWorkingDayKind.COUNCIL_CLOSURE.value,
        error_messages={"required": "Choose the type of day"},
    )
    reason = forms.CharField(
        label="Why is this day being added?",
        widget=forms.Textarea,
        error_messages={"required": "Enter why the calendar is changing"},
        help_text="This is kept in the calendar's history",
    )


class ClosureDayRemoveForm(forms.Form):
    """An administrator gives the reason for removing a council closure day."""

    reason = forms.CharField(
        label="Why is this day being removed?",
        widget=forms.Textarea,
        error_messages={"required": "Enter why the calendar is changing"},
        help_text="This is kept in the calendar's history",
    )
