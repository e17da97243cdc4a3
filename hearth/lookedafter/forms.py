"""Forms for the looked-after pages, and how each field is drawn with the GOV.UK macros.

Dates use the GOV.UK date input (`hearth.timescales.forms.DateInputField`); an optional date
leaves all three boxes blank. Times are typed as 24-hour `HH:MM`. Every form keeps what was typed
when it is shown again with errors. `govuk_fields` turns a form into the list of macro parameters
the shared template draws, so each page's template stays a list of fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from hearth.lookedafter.codes import (
    ACCOMMODATION_CHOICES,
    CEASING_REASONS,
    Activity,
    CategoryOfNeed,
    HealthAssessmentKind,
    HealthCheckKind,
    InTouch,
    LegalStatusCode,
    LegalStatusOfAdopters,
    MissingKind,
    PermanenceOrderKind,
    PlacementProvider,
    PlacementType,
    PreviousPermanence,
    ReasonPlaceChange,
    ReasonPlacedCeased,
    ReviewParticipation,
    SDQReason,
    SexOfAdopters,
    VisitSchedule,
)
from hearth.lookedafter.duties import BIRTHDAY_CONTACT_AGES, ordinal
from hearth.lookedafter.episodes import WITH_CURRENT_FOSTER_CARERS
from hearth.organisation.models import Role, Worker
from hearth.timescales.forms import DateInputField, field_date, first_box_id
from hearth.ui import govuk

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
YES_NO = [("yes", "Yes"), ("no", "No")]


class OptionalDateField(DateInputField):
    """A GOV.UK date input that may be left blank (all three boxes empty)."""

    def clean(self, value: Any) -> dt.date | None:  # type: ignore[override]
        raw = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(raw):
            self.invalid_parts = ()
            return None
        return self.compress(raw)


class TimeField(forms.CharField):
    """A time of day typed as 24-hour HH:MM (14:30)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 14:30")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> dt.time | None:
        text = super().clean(value).strip()
        if not text:
            return None
        match = _TIME.match(text)
        if match is None:
            raise forms.ValidationError("Enter a time like 14:30", code="invalid")
        return dt.time(int(match[1]), int(match[2]))


def _choices(pairs: list[tuple[str, str]], *, blank: str = "Choose one") -> list[tuple[str, str]]:
    return [("", blank), *pairs]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class _PlacementFields(forms.Form):
    """The placement questions shared by bringing a child into care and changing placement."""

    placement_type = forms.ChoiceField(
        label="Placement type",
        choices=_choices(PlacementType.choices),
        error_messages=_required("Choose the placement type"),
    )
    provider = forms.ChoiceField(
        label="Placement provider",
        choices=_choices(PlacementProvider.choices, blank="None (temporary or Z placements)"),
        required=False,
    )
    carer_name = forms.CharField(
        label="Carer's or setting's name",
        max_length=200,
        error_messages=_required("Enter the carer's or the setting's name"),
    )
    ofsted_urn = forms.CharField(
        label="Ofsted URN",
        required=False,
        max_length=8,
        help_text="SC and 6 digits, 7 digits, or XXXXXXX; blank where none is needed",
    )
    address = forms.CharField(label="Address", required=False, max_length=300)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    intended_until_18 = forms.BooleanField(
        label="This placement is intended to last until the child is 18", required=False
    )
    visit_schedule = forms.ChoiceField(
        label="How often must the child be visited?",
        choices=VisitSchedule.choices,
        initial=VisitSchedule.STANDARD,
        widget=forms.RadioSelect,
        help_text="Regulation 28 of the Care Planning Regulations 2010 (regulation 48 for short "
        "breaks); standard unless one of the others applies",
        required=False,
    )

    def clean_visit_schedule(self) -> str:
        return str(self.cleaned_data.get("visit_schedule") or VisitSchedule.STANDARD)

    placement_plan_on = OptionalDateField(
        noun="Placement plan date",
        label="Placement plan agreed on (optional)",
        help_text="Due within 5 working days of the placement starting",
    )


class CareStartForm(_PlacementFields):
    started_on = DateInputField(noun="Date", label="Date became looked after")
    category_of_need = forms.ChoiceField(
        label="Category of need",
        choices=_choices(CategoryOfNeed.choices),
        error_messages=_required("Choose the category of need"),
    )
    legal_status = forms.ChoiceField(
        label="Legal status",
        choices=_choices(LegalStatusCode.choices),
        error_messages=_required("Choose the legal status"),
    )
    home_postcode = forms.CharField(
        label="Child's home postcode",
        required=False,
        max_length=10,
        help_text="Where the child lived before; placement distances are measured from here",
    )
    care_plan_on = OptionalDateField(
        noun="Care plan date",
        label="Care plan agreed on (optional)",
        help_text="Due within 10 working days of the first placement",
    )

    field_order = [
        "started_on",
        "category_of_need",
        "legal_status",
        "home_postcode",
        "placement_type",
        "provider",
        "carer_name",
        "ofsted_urn",
        "address",
        "postcode",
        "intended_until_18",
        "visit_schedule",
        "care_plan_on",
        "placement_plan_on",
    ]


class PlacementChangeForm(_PlacementFields):
    started_on = DateInputField(noun="Date", label="Date the new placement started")
    same_carer_as_previous = forms.ChoiceField(
        label="Are the carers the same as in the current placement?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Yes when, for example, the carers moved house or the provider changed",
        error_messages=_required("Say whether the carers are the same"),
    )
    reason_for_change = forms.ChoiceField(
        label="Reason for the change",
        choices=_choices(ReasonPlaceChange.choices),
        required=False,
        help_text="Not needed when the current or the new placement is temporary",
    )

    field_order = ["started_on", "same_carer_as_previous", "reason_for_change"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("placement_type") in WITH_CURRENT_FOSTER_CARERS and (
            data.get("same_carer_as_previous") == "no"
        ):
            self.add_error(
                "same_carer_as_previous",
                "A placement for adoption with the current foster carers (A3 or A5) is with the "
                "same carers: choose Yes (rule 217)",
            )
        return data


class LegalStatusForm(forms.Form):
    started_on = DateInputField(noun="Date", label="Date the new legal status started")
    code = forms.ChoiceField(
        label="Legal status",
        choices=_choices(LegalStatusCode.choices),
        error_messages=_required("Choose the legal status"),
    )


class ReviewForm(forms.Form):
    held_on = DateInputField(noun="Date", label="Date of the review")
    participation = forms.ChoiceField(
        label="How the child took part",
        choices=_choices(ReviewParticipation.choices),
        error_messages=_required("Choose how the child took part"),
    )


class VisitForm(forms.Form):
    visited_on = DateInputField(noun="Date", label="Date of the visit")
    seen = forms.BooleanField(label="The child was seen", required=False, initial=True)
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)


class HealthAssessmentForm(forms.Form):
    completed_on = DateInputField(noun="Date", label="Date of the health assessment")
    kind = forms.ChoiceField(
        label="Type of assessment",
        choices=HealthAssessmentKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Choose initial or review"),
    )


class MissingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Missing or away?",
        choices=MissingKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Choose missing or away without authorisation"),
    )
    started_on = DateInputField(noun="Date", label="Date the child went missing")
    started_time = TimeField(
        label="Time the child went missing", error_messages=_required("Enter the time")
    )
    ended_on = OptionalDateField(noun="Date", label="Date the child was found or came back")
    ended_time = TimeField(label="Time the child was found or came back", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ended_on") and not data.get("ended_time") and "ended_time" not in self.errors:
            self.add_error("ended_time", "Enter the time the child came back")
        return data


class ReturnInterviewForm(forms.Form):
    offered_on = DateInputField(noun="Date", label="Date the interview was offered")
    offered_time = TimeField(
        label="Time it was offered", error_messages=_required("Enter the time")
    )
    accepted = forms.ChoiceField(
        label="Did the child accept the interview?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Say whether the child accepted"),
    )
    held_on = OptionalDateField(noun="Date", label="Date the interview was held (optional)")


class CeaseForm(forms.Form):
    ended_on = DateInputField(noun="Date", label="Date the child left care")
    reason_ceased = forms.ChoiceField(
        label="Reason the child left care",
        choices=_choices(CEASING_REASONS),
        error_messages=_required("Choose why the child left care"),
    )


def adviser_choices() -> list[tuple[str, str]]:
    """Active personal advisers and social workers, for choosing a personal adviser."""
    workers = Worker.objects.filter(
        is_active=True, role__in=[Role.PERSONAL_ADVISER, Role.SOCIAL_WORKER]
    ).order_by("last_name", "first_name")
    return _choices([(str(w.pk), w.display_name) for w in workers])


class LeavingCareForm(forms.Form):
    personal_adviser = forms.ChoiceField(
        label="Personal adviser", error_messages=_required("Choose the personal adviser")
    )
    started_on = DateInputField(noun="Date", label="Date support started")
    support_to_25 = forms.BooleanField(
        label="Support to 25 (asked for, or in education or training)", required=False
    )
    pathway_plan_on = OptionalDateField(noun="Date", label="Pathway plan completed on (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["personal_adviser"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = adviser_choices()


class PathwayPlanForm(forms.Form):
    completed_on = DateInputField(
        noun="Date", label="Date the pathway plan was completed or reviewed"
    )


def govuk_fields(form: forms.BaseForm) -> list[dict[str, Any]]:
    """Each field of `form` as {"macro": ..., "params": ...} for the shared form template."""
    drawn: list[dict[str, Any]] = []
    for bound in form:
        field = bound.field
        if isinstance(field, DateInputField):
            drawn.append({"macro": "date", "params": field_date(bound)})
        elif isinstance(field, forms.BooleanField):
            drawn.append({"macro": "checkboxes", "params": govuk.field_checkbox(bound)})
        elif isinstance(field, forms.ChoiceField) and isinstance(field.widget, forms.RadioSelect):
            # A RadioSelect has no id for its label, so name the first radio here; the error
            # summary links to it (the macro gives the first item the prefix as its id).
            params = govuk.field_radios(bound) | {"idPrefix": bound.auto_id}
            drawn.append({"macro": "radios", "params": params})
        elif isinstance(field, forms.ChoiceField):
            drawn.append({"macro": "select", "params": govuk.field_select(bound)})
        else:
            width = "govuk-input--width-10" if isinstance(field, TimeField) else ""
            if bound.name in {"postcode", "home_postcode", "ofsted_urn", "arranged_by_la"}:
                width = "govuk-input--width-10"
            elif isinstance(field, forms.IntegerField):
                width = "govuk-input--width-4"
            drawn.append({"macro": "input", "params": govuk.field_input(bound, classes=width)})
    return drawn


def error_summary(form: forms.BaseForm) -> dict[str, Any] | None:
    """The GOV.UK error summary, a date error linking to its first box in error."""
    if not form.errors:
        return None
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name in form.fields and isinstance(form.fields[name], DateInputField):
            href = "#" + first_box_id(form[name])
        elif name in form.fields and isinstance(form.fields[name].widget, forms.RadioSelect):
            href = f"#{form[name].auto_id}"
        elif name in form.fields:
            href = f"#{form[name].id_for_label}"
        else:
            href = "#main-content"
        items.extend({"text": str(e), "href": href} for e in errors)
    return {"titleText": "There is a problem", "errorList": items}


def iro_choices() -> list[tuple[str, str]]:
    """Active independent reviewing officers."""
    workers = Worker.objects.filter(is_active=True, role=Role.IRO).order_by("last_name")
    return _choices([(str(w.pk), w.display_name) for w in workers], blank="No change")


class PlansForm(forms.Form):
    """Care plan, placement plan, IRO and PEP dates; fill in any of them."""

    care_plan_on = OptionalDateField(noun="Care plan date", label="Care plan agreed on")
    placement_plan_on = OptionalDateField(
        noun="Placement plan date", label="Placement plan for the current placement agreed on"
    )
    iro = forms.ChoiceField(label="Independent reviewing officer", required=False)
    iro_allocated_on = OptionalDateField(noun="Date", label="IRO appointed on")
    pep_on = OptionalDateField(noun="Date", label="Personal education plan started or reviewed on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["iro"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = iro_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("iro")) != bool(data.get("iro_allocated_on")) and not self.errors:
            name = "iro_allocated_on" if data.get("iro") else "iro"
            self.add_error(name, "Give both the reviewing officer and the date appointed")
        answered = ("care_plan_on", "placement_plan_on", "iro", "pep_on")
        if not self.errors and not any(data.get(name) for name in answered):
            self.add_error(None, "Fill in at least one date")
        return data


# --- Health, offending and substance misuse (OC2) ---------------------------------------------


class SDQForm(forms.Form):
    completed_on = DateInputField(noun="Date", label="Date of the SDQ")
    score = forms.IntegerField(
        label="Total difficulties score (optional)",
        required=False,
        min_value=0,
        max_value=40,
        help_text="From 0 to 40",
        error_messages={
            "invalid": "Enter the score as a whole number from 0 to 40",
            "min_value": "The score must be between 0 and 40",
            "max_value": "The score must be between 0 and 40",
        },
    )
    no_score_reason = forms.ChoiceField(
        label="Or, why there is no score",
        choices=_choices(SDQReason.choices, blank="There is a score"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "score" in self.errors or "no_score_reason" in self.errors:
            return data
        has_score = data.get("score") is not None
        if has_score == bool(data.get("no_score_reason")):
            message = (
                "Enter a score, or choose why there is no score"
                if not has_score
                else "Give either a score or a reason for no score, not both"
            )
            self.add_error("score", message)
        return data


class HealthCheckForm(forms.Form):
    kind = forms.ChoiceField(
        label="What was checked?",
        choices=HealthCheckKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Choose what was checked"),
    )
    checked_on = DateInputField(noun="Date", label="Date of the check")
    up_to_date = forms.ChoiceField(
        label="Were they up to date on that day?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        help_text="For immunisations and development checks; leave blank for a dental check",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") in {HealthCheckKind.IMMUNISATIONS, HealthCheckKind.DEVELOPMENT} and (
            not data.get("up_to_date")
        ):
            self.add_error("up_to_date", "Say whether they were up to date")
        elif data.get("kind") == HealthCheckKind.DENTAL and data.get("up_to_date"):
            self.add_error("up_to_date", "Leave this blank for a dental check")
        return data


class ConvictionForm(forms.Form):
    convicted_on = DateInputField(
        noun="Date",
        label="Date of the conviction, final warning or reprimand",
    )


class SubstanceMisuseForm(forms.Form):
    identified_on = DateInputField(noun="Date", label="Date the problem was identified")
    intervention_offered = forms.ChoiceField(
        label="Was an intervention offered?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Say whether an intervention was offered"),
    )
    intervention_received = forms.ChoiceField(
        label="Did the child receive an intervention?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Say whether the child received an intervention"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("intervention_received") == "yes" and data.get("intervention_offered") == "no":
            self.add_error(
                "intervention_received", "An intervention the child received was offered"
            )
        return data


# --- UASC and deprivation of liberty ----------------------------------------------------------


class UASCForm(forms.Form):
    ceased_on = OptionalDateField(
        noun="Date UASC status ceased",
        label="Date UASC status ceased (optional)",
        help_text="For example on a grant of leave to remain; on or before the 18th birthday",
    )


class DoLOStartForm(forms.Form):
    started_on = DateInputField(noun="Date", label="Date the order was made")


class DoLOEndForm(forms.Form):
    ended_on = DateInputField(noun="Date", label="Date the order ended")


# --- Adoption and permanence ------------------------------------------------------------------


class AdoptionDecisionForm(forms.Form):
    decided_on = DateInputField(
        noun="Date", label="Date of the decision that the child should be placed for adoption"
    )


class AdoptionReverseForm(forms.Form):
    ceased_on = DateInputField(
        noun="Date", label="Date of the decision that the child should no longer be placed"
    )
    reason_ceased = forms.ChoiceField(
        label="Reason",
        choices=_choices(ReasonPlacedCeased.choices),
        error_messages=_required("Choose why the plan changed"),
    )


class AdoptionMatchForm(forms.Form):
    matched_on = DateInputField(noun="Date", label="Date matched with the prospective adopters")
    number_of_adopters = forms.ChoiceField(
        label="Number of adopters",
        choices=[("1", "1"), ("2", "2")],
        widget=forms.RadioSelect,
        error_messages=_required("Choose one or two adopters"),
    )
    sex_of_adopters = forms.ChoiceField(
        label="Adopters' sex or gender",
        choices=_choices(SexOfAdopters.choices),
        error_messages=_required("Choose the adopters' sex or gender"),
    )
    legal_status_of_adopters = forms.ChoiceField(
        label="Adopters' legal status",
        choices=_choices(LegalStatusOfAdopters.choices),
        error_messages=_required("Choose the adopters' legal status"),
    )
    by_foster_carers = forms.ChoiceField(
        label="Are the adopters the child's foster carers?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Say whether the adopters are the child's foster carers"),
    )


class AdoptionPlacementForm(forms.Form):
    placed_on = DateInputField(noun="Date", label="Date the child moved in with the adopters")


class PreviousPermanenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Permanence before this period of care",
        choices=_choices(PreviousPermanence.choices),
        error_messages=_required("Choose the previous permanence"),
    )
    arranged_by_la = forms.CharField(
        label="Council that arranged it (optional)",
        required=False,
        max_length=9,
        help_text="Its DfE number, for example 382 for Kirklees, or WAL, SCO, NIR or NUK for "
        "Wales, Scotland, Northern Ireland or outside the UK",
    )
    day = forms.IntegerField(
        label="Day (optional)",
        required=False,
        min_value=1,
        max_value=31,
        error_messages={
            "invalid": "Enter the day as a number",
            "min_value": "Enter a real day",
            "max_value": "Enter a real day",
        },
    )
    month = forms.IntegerField(
        label="Month (optional)",
        required=False,
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": "Enter the month as a number from 1 to 12",
            "min_value": "The month must be from 1 to 12",
            "max_value": "The month must be from 1 to 12",
        },
    )
    year = forms.IntegerField(
        label="Year (optional)",
        required=False,
        min_value=1900,
        max_value=2100,
        help_text="Leave any part you do not know blank",
        error_messages={
            "invalid": "Enter the year as 4 numbers",
            "min_value": "Enter the year as 4 numbers",
            "max_value": "Enter the year as 4 numbers",
        },
    )


class PermanenceOrderForm(forms.Form):
    kind = forms.ChoiceField(
        label="Order",
        choices=PermanenceOrderKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Choose the order"),
    )
    made_on = DateInputField(noun="Date", label="Date the order was made")
    to_former_foster_carers = forms.BooleanField(
        label="Made to the child's former foster carers", required=False
    )
    to_relatives_or_friends = forms.BooleanField(
        label="Made to relatives or friends", required=False
    )


# --- Care leavers -----------------------------------------------------------------------------

BIRTHDAY_AGES = [(str(age), f"{ordinal(age)} birthday") for age in BIRTHDAY_CONTACT_AGES]


class StayingPutForm(forms.Form):
    carer_name = forms.CharField(
        label="Former foster carers' names",
        max_length=200,
        error_messages=_required("Enter the carers' names"),
    )
    started_on = DateInputField(noun="Date", label="Date staying put started")


class StayingPutEndForm(forms.Form):
    ended_on = DateInputField(noun="Date", label="Date staying put ended")


class CareLeaverContactForm(forms.Form):
    birthday_age = forms.ChoiceField(
        label="Which birthday is the contact around?",
        choices=_choices(BIRTHDAY_AGES),
        error_messages=_required("Choose the birthday"),
    )
    contacted_on = DateInputField(noun="Date", label="Date of the contact")
    in_touch = forms.ChoiceField(
        label="Is the council in touch with the young person?",
        choices=_choices(InTouch.choices),
        error_messages=_required("Choose whether the council is in touch"),
    )
    activity = forms.ChoiceField(
        label="Main activity",
        choices=_choices(Activity.choices, blank="Not known"),
        required=False,
        help_text="Needed when the council is in touch",
    )
    accommodation = forms.ChoiceField(
        label="Accommodation",
        choices=_choices(ACCOMMODATION_CHOICES, blank="Not known"),
        required=False,
        help_text="Needed when the council is in touch. 1 is suitable, 2 is not suitable",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        in_touch = data.get("in_touch")
        answers = {name: data.get(name) for name in ("activity", "accommodation")}
        if in_touch in {InTouch.DIED, InTouch.RHOM}:
            # Rule 344: nothing about activity or accommodation after death or a return home.
            for name, value in answers.items():
                if value:
                    self.add_error(
                        name,
                        "Leave this blank when the young person has died or "
                        "returned home (rule 344)",
                    )
        elif in_touch == InTouch.YES:
            # Rules 153 and 345: in touch, both are known and neither is 0.
            for name, value in answers.items():
                if not value:
                    self.add_error(name, f"Choose the {name}: the council is in touch (rule 153)")
                elif value == "0":
                    self.add_error(
                        name, "When the council is in touch, give a code other than 0 (345)"
                    )
        # Not in touch otherwise: what is not known is returned as 0 (153).
        return data


class PersonalAdviserForm(forms.Form):
    personal_adviser = forms.ChoiceField(
        label="New personal adviser", error_messages=_required("Choose the personal adviser")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["personal_adviser"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = adviser_choices()
