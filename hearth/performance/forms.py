"""The period chooser, and the forms to set targets and the child population.

The chooser is two GOV.UK date inputs, posted as `start-day`... and `end-day`... An empty
chooser means the default period: from 1 April of the current reporting year to today. Errors
are field-level and keep what was typed (the GOV.UK date input pattern).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from hearth.people.forms import GovukDateField
from hearth.performance.figures import Period
from hearth.performance.models import Direction

FINANCIAL_YEAR_START_MONTH = 4


def default_period(today: dt.date | None = None) -> Period:
    """1 April of the reporting year (the financial year the DfE returns use) to today."""
    today = today or timezone.localdate()
    year = today.year if today.month >= FINANCIAL_YEAR_START_MONTH else today.year - 1
    return Period(start=dt.date(year, FINANCIAL_YEAR_START_MONTH, 1), end=today)


def period_query(period: Period) -> dict[str, str]:
    """The query parameters that choose `period` (for links that keep the period)."""
    params: dict[str, str] = {}
    for name, day in (("start", period.start), ("end", period.end)):
        params |= {f"{name}-day": str(day.day), f"{name}-month": str(day.month)}
        params[f"{name}-year"] = str(day.year)
    return params


class PeriodForm(forms.Form):
    start = GovukDateField(label="From", required=True, past=True)
    end = GovukDateField(label="To", required=True, past=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", forms.ValidationError("To must be the same as or after From"))
        return cleaned

    @property
    def period(self) -> Period:
        return Period(start=self.cleaned_data["start"], end=self.cleaned_data["end"])


def period_from_request(data: Any) -> tuple[PeriodForm, Period]:
    """The chooser bound to the query (or showing the default), and the period to show.

    When the query has errors the default period's figures are shown under the errors, so the
    page is still useful; nothing typed is lost.
    """
    chosen = any(key.startswith(("start-", "end-")) for key in data)
    fallback = default_period()
    if not chosen:
        return PeriodForm(initial={"start": fallback.start, "end": fallback.end}), fallback
    form = PeriodForm(data)
    if form.is_valid():
        return form, form.period
    return form, fallback


class TargetForm(forms.Form):
    """The council's target for one figure, from a date."""

    value = forms.DecimalField(
        label="Target",
        max_digits=9,
        decimal_places=1,
        error_messages={
            "required": "Enter the target",
            "invalid": "Target must be a number, like 85 or 12.5",
            "max_decimal_places": "Target can have at most 1 decimal place",
        },
    )
    direction = forms.ChoiceField(
        label="Which way is better",
        choices=Direction.choices,
        error_messages={"required": "Choose whether higher or lower is better"},
    )
    amber_tolerance = forms.DecimalField(
        label="Amber tolerance",
        max_digits=9,
        decimal_places=1,
        min_value=0,
        initial=0,
        error_messages={
            "required": "Enter the amber tolerance (0 for none)",
            "invalid": "Amber tolerance must be a number, like 5",
            "min_value": "Amber tolerance cannot be negative",
            "max_decimal_places": "Amber tolerance can have at most 1 decimal place",
        },
    )
    effective_from = GovukDateField(
        label="In force from", error_messages={"required": "Enter the date the target applies from"}
    )
    reason = forms.CharField(
        label="Why is it being set?",
        max_length=500,
        error_messages={"required": "Say why this target is being set"},
    )


class PopulationForm(forms.Form):
    """The council's child population (aged 0 to 17) for a year."""

    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the year",
            "invalid": "Year must be a number, like 2025",
            "min_value": "Year must be 2000 or later",
            "max_value": "Year must be 2100 or earlier",
        },
    )
    count = forms.IntegerField(
        label="Children aged 0 to 17",
        min_value=1,
        error_messages={
            "required": "Enter the number of children",
            "invalid": "Number of children must be a whole number, like 98500",
            "min_value": "Number of children must be more than 0",
        },
    )
    source = forms.CharField(label="Source", max_length=200, required=False)
    reason = forms.CharField(
        label="Why is it being changed?",
        max_length=500,
        error_messages={"required": "Say why the population is being recorded"},
    )
