"""Forms for the front door's pages: a contact (with the people in it) and a new person."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from hearth.frontdoor.codes import ContactInvolvement, ReferralSource
from hearth.people.forms import GovukDateField

TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def source_choices() -> list[tuple[str, str]]:
    """CIN census referral sources, as "code: meaning", after a blank choice."""
    return [("", "Choose a source"), *((v, f"{v}: {label}") for v, label in ReferralSource.choices)]


class ContactForm(forms.Form):
    """What the front door is told: when, by whom, about what."""

    received_on = GovukDateField(label="Date received", required=True, past=True)
    received_time = forms.CharField(
        label="Time received",
        required=True,
        error_messages={"required": "Enter the time received, for example 14:30"},
    )
    source = forms.ChoiceField(
        label="Source of the contact",
        choices=source_choices,
        error_messages={"required": "Choose where the contact came from"},
    )
    referrer_name = forms.CharField(label="Name of the person contacting us", required=False)
    referrer_organisation = forms.CharField(label="Their organisation", required=False)
    referrer_contact_details = forms.CharField(label="How to reach them", required=False)
    contact_reason = forms.CharField(
        label="What are they worried about?",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the contact is about"},
    )

    def clean_received_time(self) -> dt.time:
        match = TIME.match(str(self.cleaned_data["received_time"]).strip())
        if match is None:
            raise forms.ValidationError("Enter the time received as hours and minutes, like 14:30")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("received_on"), data.get("received_time")
        if isinstance(day, dt.date) and isinstance(time, dt.time):
            moment = timezone.make_aware(dt.datetime.combine(day, time))
            if moment > timezone.now():
                self.add_error("received_time", "The time received must not be in the future")
            data["received_at"] = moment
        return data


class NewPersonForm(forms.Form):
    """Someone the contact names who is not yet recorded: the least needed to record them."""

    new_given_name = forms.CharField(label="Given name", required=False)
    new_family_name = forms.CharField(label="Family name", required=False)
    new_date_of_birth = GovukDateField(label="Date of birth", required=False, past=True)
    new_role = forms.ChoiceField(
        label="Who are they in this contact?",
        required=False,
        choices=[("child", "A child the contact is about"), *ContactInvolvement.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not str(data.get("new_given_name") or "").strip():
            self.add_error("new_given_name", "Enter the person's given name")
        if not str(data.get("new_family_name") or "").strip():
            self.add_error("new_family_name", "Enter the person's family name")
        if not data.get("new_role"):
            self.add_error("new_role", "Choose who they are in this contact")
        return data
