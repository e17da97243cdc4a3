"""Forms for the people pages: they parse what was typed and give GOV.UK-worded messages.

Forms check shape (a real date, a name given); the services check meaning (a date of birth
after a date of death, an identifier already taken) and their `ValidationError`s are put back
on the same fields, so the worker sees every problem beside what they typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.people.codes import (
    ContactKind,
    Disability,
    Ethnicity,
    GenderIdentity,
    IdentifierKind,
    NameKind,
    Religion,
    Sex,
    UPNUnknownReason,
)
from hearth.people.identifiers import validate_identifier
from hearth.people.models import INVERSE_LABELS, SYMMETRIC_KINDS, RelationshipKind

PARTS = ("day", "month", "year")
EARLIEST_YEAR = 1900


class GovukDateWidget(forms.MultiWidget):
    """Three inputs posted as `<name>-day`, `<name>-month` and `<name>-year` (GOV.UK naming)."""

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])
        self.widgets_names = [f"-{p}" for p in PARTS]

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [str(data.get(f"{name}-{p}", "")).strip() for p in PARTS]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}-{p}" not in data for p in PARTS)

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the first input, as govukDateInput numbers them.
        return f"{id_}-day" if id_ else ""


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK date-input error messages.

    `label` is used in the messages ("Date of birth must include a month"). `past` and `future`
    restrict the date relative to today.
    """

    widget = GovukDateWidget

    def __init__(self, *, past: bool = False, future: bool = False, **kwargs: Any) -> None:
        self.past, self.future = past, future
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = dict(zip(PARTS, value or ["", "", ""], strict=True))
        name = str(self.label or "Date")
        missing = [p for p in PARTS if not parts[p]]
        if len(missing) == 3:
            return None
        if missing:
            raise ValidationError(
                f"{name} must include a {' and '.join(missing)}", code="_".join(missing)
            )
        if not all(parts[p].isdigit() for p in PARTS):
            wrong = [p for p in PARTS if not parts[p].isdigit()]
            raise ValidationError(f"{name} must be a real date", code="_".join(wrong))
        if len(parts["year"]) != 4:
            raise ValidationError("Year must include 4 numbers", code="year")
        try:
            day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError as error:
            code = "month" if not 1 <= int(parts["month"]) <= 12 else "day"
            raise ValidationError(f"{name} must be a real date", code=code) from error
        if day.year < EARLIEST_YEAR:
            raise ValidationError(f"{name} must be after 1900", code="year")
        return day

    def validate(self, value: Any) -> None:
        name = str(self.label or "Date")
        if value is None:
            if self.required:
                raise ValidationError(f"Enter the {name.lower()}", code="required")
            return
        today = timezone.localdate()
        if self.past and value > today:
            raise ValidationError(f"{name} must be today or in the past", code="future")
        if self.future and value < today:
            raise ValidationError(f"{name} must be today or in the future", code="past")


def _choices(enum: Any, blank: str | None = None) -> list[tuple[str, str]]:
    items = [(str(v), str(label)) for v, label in enum.choices]
    return [("", blank), *items] if blank is not None else items


def strip_spaces(value: str) -> str:
    return " ".join(value.split())


class PersonSearchForm(forms.Form):
    """Search by any of name, date of birth, NHS number/UPN/ULN or postcode."""

    name = forms.CharField(required=False, max_length=200, label="Name")
    date_of_birth = GovukDateField(required=False, label="Date of birth", past=False)
    identifier = forms.CharField(required=False, max_length=20, label="NHS number, UPN or ULN")
    postcode = forms.CharField(required=False, max_length=10, label="Postcode")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        searched = any(cleaned.get(f) for f in ("name", "date_of_birth", "identifier", "postcode"))
        if not searched and not self.errors:
            raise ValidationError(
                "Enter a name, date of birth, NHS number, UPN, ULN or postcode to search for"
            )
        return cleaned


class PersonForm(forms.Form):
    """A person's details, for recording a new person and for changing them."""

    given_name = forms.CharField(
        max_length=100, label="Given name", error_messages={"required": "Enter a given name"}
    )
    middle_names = forms.CharField(max_length=200, required=False, label="Middle names")
    family_name = forms.CharField(
        max_length=100, label="Family name", error_messages={"required": "Enter a family name"}
    )
    preferred_name = forms.CharField(
        max_length=100,
        required=False,
        label="Preferred name",
        help_text="What they like to be called, if different",
    )
    date_of_birth = GovukDateField(
        required=False, label="Date of birth", past=True, help_text="For example, 27 3 2015"
    )
    expected_date_of_birth = GovukDateField(
        required=False,
        label="Expected date of birth",
        help_text="Only for an unborn child. For example, 14 2 2027",
    )
    date_of_death = GovukDateField(required=False, label="Date of death", past=True)
    sex = forms.ChoiceField(choices=_choices(Sex), initial=Sex.NOT_KNOWN, label="Sex")
    gender_identity = forms.ChoiceField(
        choices=_choices(GenderIdentity, "Not recorded"), required=False, label="Gender"
    )
    ethnicity = forms.ChoiceField(
        choices=_choices(Ethnicity), initial=Ethnicity.NOBT, label="Ethnicity"
    )
    disabilities = forms.MultipleChoiceField(
        choices=_choices(Disability),
        required=False,
        label="Disabilities",
        widget=forms.CheckboxSelectMultiple,
    )
    first_language = forms.CharField(max_length=60, required=False, label="First language")
    needs_interpreter = forms.BooleanField(required=False, label="Needs an interpreter")
    religion = forms.ChoiceField(
        choices=_choices(Religion, "Not recorded"), required=False, label="Religion"
    )
    upn_unknown_reason = forms.ChoiceField(
        choices=_choices(UPNUnknownReason, "Not recorded"),
        required=False,
        label="If the child has no UPN, why not",
        error_messages={"invalid_choice": "Choose why the child has no UPN"},
    )

    def clean_given_name(self) -> str:
        return strip_spaces(self.cleaned_data["given_name"])

    def clean_family_name(self) -> str:
        return strip_spaces(self.cleaned_data["family_name"])

    def clean_disabilities(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["disabilities"]
        if Disability.NONE in chosen and len(chosen) > 1:
            raise ValidationError(
                "Select 'No disability' on its own, or only the disabilities that apply"
            )
        return chosen


class PersonCreateForm(PersonForm):
    """A new person, with an NHS number if known and the duplicate-check confirmation."""

    nhs_number = forms.CharField(
        max_length=20, required=False, label="NHS number", help_text="If known. 10 digits"
    )
    confirmed_new = forms.BooleanField(
        required=False,
        label="None of these is the person I am recording: this is a new person",
    )

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data["nhs_number"]
        return validate_identifier(IdentifierKind.NHS, value) if value.strip() else ""


class PersonEditForm(PersonForm):
    reason = forms.CharField(
        label="Why are you changing these details?",
        widget=forms.Textarea,
        max_length=500,
        error_messages={"required": "Enter why you are changing these details"},
    )


class IdentifierForm(forms.Form):
    kind = forms.ChoiceField(
        choices=_choices(IdentifierKind),
        label="Which identifier?",
        error_messages={"required": "Select which identifier you are adding"},
    )
    value = forms.CharField(
        max_length=20, label="Number", error_messages={"required": "Enter the number"}
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind and value:
            try:
                cleaned["value"] = validate_identifier(kind, value)
            except ValidationError as error:
                self.add_error("value", error)
        return cleaned


class IdentifierRemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why are you removing it?",
        widget=forms.Textarea,
        max_length=500,
        error_messages={"required": "Enter why you are removing this identifier"},
    )


class AddressForm(forms.Form):
    line_1 = forms.CharField(
        max_length=120,
        label="Address line 1",
        error_messages={"required": "Enter address line 1, typically the building and street"},
    )
    line_2 = forms.CharField(max_length=120, required=False, label="Address line 2")
    town = forms.CharField(max_length=80, required=False, label="Town or city")
    postcode = forms.CharField(
        max_length=10, label="Postcode", error_messages={"required": "Enter a postcode"}
    )
    started_on = GovukDateField(label="Date they moved in", required=True, past=True)
    is_sealed = forms.BooleanField(
        required=False,
        label="Withhold this address (refuge, adoptive placement or similar)",
    )
    reason = forms.CharField(
        max_length=500, required=False, label="Where did this information come from?"
    )


class NameForm(forms.Form):
    kind = forms.ChoiceField(choices=_choices(NameKind), initial=NameKind.FORMER, label="Kind")
    given_name = forms.CharField(max_length=100, required=False, label="Given name")
    family_name = forms.CharField(max_length=100, required=False, label="Family name")
    used_until = GovukDateField(required=False, label="Used until", past=True)
    reason = forms.CharField(max_length=500, required=False, label="Where did this name come from?")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("given_name", "").strip() or cleaned.get("family_name", "").strip()):
            self.add_error("given_name", "Enter a given name or a family name")
        return cleaned


class ContactDetailForm(forms.Form):
    kind = forms.ChoiceField(choices=_choices(ContactKind), label="Kind")
    value = forms.CharField(
        max_length=200, label="Number or address", error_messages={"required": "Enter it"}
    )
    is_preferred = forms.BooleanField(required=False, label="Preferred way to contact them")


def relationship_choices() -> list[tuple[str, str]]:
    """What the other person is to this one: "Parent", "Child", "Sibling", ...

    "parent:other" means the other person is this one's parent (recorded other -> this);
    "parent:this" means this person is the other's parent (the other is this one's child).
    """
    choices: list[tuple[str, str]] = []
    for kind in RelationshipKind:
        choices.append((f"{kind.value}:other", str(kind.label)))
        if kind not in SYMMETRIC_KINDS:
            choices.append((f"{kind.value}:this", INVERSE_LABELS[kind]))
    return choices


class RelationshipForm(forms.Form):
    other = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": "Choose the other person"}
    )
    relation = forms.ChoiceField(
        choices=relationship_choices,
        label="What are they to this person?",
        error_messages={"required": "Select how they are related"},
    )
    has_parental_responsibility = forms.BooleanField(
        required=False, label="Has parental responsibility for the child"
    )
    started_on = GovukDateField(required=False, label="Since", past=True)
    reason = forms.CharField(max_length=500, required=False, label="How do you know?")


class FindPersonForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Name of the other person",
        error_messages={"required": "Enter a name to search for"},
    )
