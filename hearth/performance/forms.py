"""The period chooser: two GOV.UK date inputs, posted as `start-day`... and `end-day`...

An empty chooser means the default period: from 1 April of the current reporting year to today.
Errors are field-level and keep what was typed (the GOV.UK date input pattern).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from hearth.people.forms import GovukDateField
from hearth.performance.figures import Period

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
