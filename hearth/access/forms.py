"""Forms for granting access to sealed records and for sealing them."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from hearth.organisation.models import Worker

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why?",
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Enter why you are doing this"},
    )


class GrantForm(ReasonForm):
    worker = forms.ModelChoiceField(
        queryset=Worker.objects.filter(is_active=True).order_by("last_name", "first_name"),
        label="Worker",
        empty_label="Choose a worker",
        error_messages={"required": "Choose the worker who needs to see the record"},
    )
    expires_on = forms.DateField(
        label="Access ends on",
        input_formats=DATE_FORMATS,
        help_text="The grant ends at the end of this day. For example, 31/12/2026",
        error_messages={
            "required": "Enter the date access ends",
            "invalid": "Enter the date access ends as day/month/year, for example 31/12/2026",
        },
    )

    def expires_at(self) -> dt.datetime:
        """The end of the chosen day, in the council's time zone."""
        day: dt.date = self.cleaned_data["expires_on"]
        return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
