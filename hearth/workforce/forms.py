"""Forms for the workforce pages: they check shape; the services check meaning (overlaps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hearth.organisation.models import Worker
from hearth.people.forms import GovukDateField
from hearth.workforce.models import AbsenceKind, Course
from hearth.workforce.selectors import course_list, workers_for_recording


class WorkerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        worker: Worker = obj
        return f"{worker.display_name} ({worker.username})"


def _worker_field() -> WorkerChoiceField:
    return WorkerChoiceField(
        queryset=workers_for_recording(timezone.localdate()),
        label="Worker",
        empty_label="Choose a worker",
        error_messages={
            "required": "Choose the worker",
            "invalid_choice": "Choose a worker from the list",
        },
    )


class AbsenceForm(forms.Form):
    worker = forms.ModelChoiceField(queryset=Worker.objects.none())
    kind = forms.ChoiceField(
        choices=AbsenceKind.choices,
        label="Kind of absence",
        error_messages={"required": "Choose the kind of absence"},
    )
    starts_on = GovukDateField(
        label="First day", error_messages={"required": "Enter the first day of the absence"}
    )
    ends_on = GovukDateField(
        label="Last day", error_messages={"required": "Enter the last day of the absence"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"] = _worker_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The last day must be the same as or after the first day")
        return cleaned


class TrainingForm(forms.Form):
    worker = forms.ModelChoiceField(queryset=Worker.objects.none())
    course = forms.ModelChoiceField(
        queryset=Course.objects.none(),
        label="Course",
        empty_label="Choose a course",
        error_messages={
            "required": "Choose the course",
            "invalid_choice": "Choose a course from the list",
        },
    )
    completed_on = GovukDateField(
        label="Date completed",
        past=True,
        error_messages={"required": "Enter the date the course was completed"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"] = _worker_field()
        self.fields["course"].queryset = course_list()  # type: ignore[attr-defined]


class CourseForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Name of the course",
        error_messages={"required": "Enter the name of the course"},
    )
    is_practice_model = forms.BooleanField(
        required=False, label="This is training in the council's practice model"
    )


IMPORT_KINDS = (("absences", "Absences"), ("training", "Training records"))


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        choices=IMPORT_KINDS,
        label="What the file holds",
        error_messages={"required": "Choose what the file holds"},
    )
    file = forms.FileField(
        label="CSV file",
        error_messages={
            "required": "Choose a CSV file",
            "empty": "The chosen file is empty",
        },
    )
