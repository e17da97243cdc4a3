"""Forms for the casework pages: allocation, visits to a sibling group, case notes, chronology."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from hearth.casework.codes import CaseNoteKind, VisitKind
from hearth.casework.models import SW_REASON_REQUIRED_FROM, SocialWorkerChangeReason
from hearth.casework.selectors import ChronologyKind
from hearth.organisation.models import Team, Worker
from hearth.people.forms import GovukDateField
from hearth.people.models import Person

TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
YES_NO = [("yes", "Yes"), ("no", "No")]


def _moment(form: forms.Form, day_field: str, time_field: str, data: dict[str, Any]) -> None:
    """Join a date and a time typed separately into an aware moment, not in the future."""
    day, text = data.get(day_field), str(data.get(time_field) or "").strip()
    match = TIME.match(text)
    if not match:
        form.add_error(time_field, "Enter the time as hours and minutes, like 14:30")
        return
    if isinstance(day, dt.date):
        moment = timezone.make_aware(
            dt.datetime.combine(day, dt.time(int(match.group(1)), int(match.group(2))))
        )
        if moment > timezone.now():
            form.add_error(time_field, "The time must not be in the future")
        data["occurred_at"] = moment


class AllocationForm(forms.Form):
    """Allocate a child to a team and worker, from a date, and why the social worker changes.

    The reason for a change of social worker (903 `SW_REASON`) is required whenever the form
    names a worker other than the child's current one, from 1 April 2023 (rule SW01b);
    `current_worker_id` is that worker's id (None when the child has no named worker now).
    """

    team = forms.ModelChoiceField(
        queryset=Team.objects.order_by("name"),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team", "invalid_choice": "Choose the team"},
    )
    worker = forms.ModelChoiceField(
        queryset=Worker.objects.filter(is_active=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="No named worker yet",
        label="Allocated worker",
    )
    sw_reason = forms.ChoiceField(
        label="Reason for the change of social worker",
        choices=[("", "Choose a reason"), *SocialWorkerChangeReason.choices],
        required=False,
        error_messages={"invalid_choice": "Choose why the social worker is changing"},
    )
    started_on = GovukDateField(label="Allocated from", required=True, past=True)
    reason = forms.CharField(
        label="Why", error_messages={"required": "Say why the child is being allocated"}
    )

    def __init__(self, *args: Any, current_worker_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current_worker_id = current_worker_id
        if current_worker_id is None:
            self.fields["sw_reason"].initial = SocialWorkerChangeReason.FCONTA

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        worker = cleaned.get("worker")
        changes = worker is not None and worker.pk != self.current_worker_id
        # The DfE asks for a reason only for episodes from April 2023 (SW01b).
        started = cleaned.get("started_on")
        asked = started is None or started >= SW_REASON_REQUIRED_FROM
        if changes and asked and not cleaned.get("sw_reason") and "sw_reason" not in self.errors:
            self.add_error("sw_reason", "Choose why the social worker is changing")
        return cleaned


class VisitForm(forms.Form):
    """A visit to one or more children of a family, with what was seen of each."""

    kind = forms.ChoiceField(
        label="Kind of visit",
        choices=VisitKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of visit"},
    )
    visit_date = GovukDateField(label="Date of the visit", required=True, past=True)
    visit_time = forms.CharField(
        label="Time of the visit",
        error_messages={"required": "Enter the time of the visit, for example 14:30"},
    )
    present = forms.CharField(label="Who else was there", required=False)
    summary = forms.CharField(
        label="What the children said and did, and what you saw",
        widget=forms.Textarea,
        error_messages={"required": "Enter what happened on the visit"},
    )

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for child in children:
            name = child.given_name
            self.fields[f"visited_{child.pk}"] = forms.BooleanField(
                label=f"{child.full_name} was visited", required=False
            )
            self.fields[f"seen_{child.pk}"] = forms.ChoiceField(
                label=f"Was {name} seen?", choices=YES_NO, required=False
            )
            self.fields[f"alone_{child.pk}"] = forms.ChoiceField(
                label=f"Was {name} seen alone?", choices=YES_NO, required=False
            )
            self.fields[f"bedroom_{child.pk}"] = forms.ChoiceField(
                label=f"Was {name}'s bedroom seen?",
                choices=[*YES_NO, ("na", "Not applicable")],
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _moment(self, "visit_date", "visit_time", data)
        visited = [c for c in self.children if data.get(f"visited_{c.pk}")]
        if not visited:
            self.add_error(f"visited_{self.children[0].pk}", "Choose the children visited")
        for child in visited:
            for part, what in (("seen", "seen"), ("alone", "seen alone")):
                if not data.get(f"{part}_{child.pk}"):
                    self.add_error(
                        f"{part}_{child.pk}", f"Say whether {child.given_name} was {what}"
                    )
            if data.get(f"alone_{child.pk}") == "yes" and data.get(f"seen_{child.pk}") == "no":
                self.add_error(
                    f"alone_{child.pk}",
                    f"{child.given_name} cannot be seen alone without being seen",
                )
        data["visited"] = visited
        return data


class CaseNoteForm(forms.Form):
    """A case note, written once for the children chosen."""

    children = forms.MultipleChoiceField(
        label="Which children is this note about?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one child"},
    )
    kind = forms.ChoiceField(
        label="What the note records",
        choices=CaseNoteKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the note records"},
    )
    note_date = GovukDateField(label="Date it happened", required=True, past=True)
    note_time = forms.CharField(
        label="Time it happened", error_messages={"required": "Enter the time, for example 14:30"}
    )
    title = forms.CharField(label="Title", error_messages={"required": "Enter a title"})
    text = forms.CharField(
        label="Note", widget=forms.Textarea, error_messages={"required": "Enter the note"}
    )

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(c.pk): c for c in children}
        self.fields["children"].choices = [(str(c.pk), c.full_name) for c in children]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _moment(self, "note_date", "note_time", data)
        data["people"] = [self.people[pk] for pk in data.get("children", [])]
        return data


class NoteReviseForm(forms.Form):
    """Change a draft note."""

    title = forms.CharField(label="Title", error_messages={"required": "Enter a title"})
    text = forms.CharField(
        label="Note", widget=forms.Textarea, error_messages={"required": "Enter the note"}
    )


class AddendumForm(forms.Form):
    """Correct or add to a finalised note."""

    addendum = forms.CharField(
        label="Addendum",
        widget=forms.Textarea,
        error_messages={"required": "Enter the addendum"},
    )
    reason = forms.CharField(
        label="Why the addendum is needed",
        error_messages={"required": "Say why the addendum is needed"},
    )


KIND_LABELS = {
    "allocation_start": "Allocation",
    "allocation_end": "Allocation ended",
    "contact": "Contact",
    "mash_rating": "MASH rating",
    "contact_decision": "Front door decision",
    "referral": "Referral",
    "case_closure": "Case closed",
    "assessment_start": "Assessment started",
    "assessment_complete": "Assessment authorised",
    "strategy_discussion": "Strategy discussion",
    "s47_start": "Section 47 enquiry started",
    "s47_outcome": "Section 47 outcome",
    "icpc": "Initial conference",
    "rcpc": "Review conference",
    "cp_plan_start": "Child protection plan started",
    "cp_plan_end": "Child protection plan ended",
    "core_group": "Core group",
    "cin_plan_start": "Child in need plan started",
    "cin_plan_review": "Child in need review",
    "cin_plan_end": "Child in need plan ended",
    "visit": "Visit",
    "case_note": "Case note",
    "addendum": "Addendum",
}


def kind_label(kind: str) -> str:
    """A chronology kind in words."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


class ChronologyFilterForm(forms.Form):
    """Which events of a chronology to show."""

    kind = forms.MultipleChoiceField(
        label="Kinds of event",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(k.value, kind_label(k.value)) for k in ChronologyKind],
    )
    start = GovukDateField(label="From", required=False)
    end = GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data
