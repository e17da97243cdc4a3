"""Forms for quality assurance. They parse and check shapes; the services decide the rules.

Field names match the keys of the services' `ValidationError`s, so a service's message lands
beside its field. The audit form is built from the tool version's questions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from hearth.organisation.models import Team, Worker
from hearth.people.forms import GovukDateField
from hearth.performance.figures import FIGURES
from hearth.performance.models import Direction
from hearth.quality.models import ProgressStatus, Recommendation
from hearth.quality.services import AnswerInput, StageInput
from hearth.quality.tools import ToolDefinition

MAX_STAGES = 3


def grade_field_name(question_key: str) -> str:
    return f"q-{question_key}-grade"


def comment_field_name(question_key: str) -> str:
    return f"q-{question_key}-comment"


class CaseAuditForm(forms.Form):
    """An audit against one tool version: the date, each question's grade and comment, overall."""

    audited_on = GovukDateField(label="Date of the audit", required=True, past=True)

    def __init__(self, *args: Any, tool: ToolDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tool = tool
        grades = [(g.code, g.label) for g in tool.grades]
        for question in tool.questions:
            self.fields[grade_field_name(question.key)] = forms.ChoiceField(
                label=question.text,
                choices=grades,
                error_messages={"required": f"Choose a grade for: {question.text}"},
            )
            self.fields[comment_field_name(question.key)] = forms.CharField(
                label="Comment", required=False, widget=forms.Textarea
            )
        self.fields["overall_grade"] = forms.ChoiceField(
            label="Overall grade",
            choices=grades,
            error_messages={"required": "Choose an overall grade"},
        )
        self.fields["summary"] = forms.CharField(
            label="Summary",
            widget=forms.Textarea,
            error_messages={"required": "Enter a summary of the audit"},
        )

    def questions(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        """Each question with its grade and comment fields, for the template."""
        return [
            (q, self[grade_field_name(q.key)], self[comment_field_name(q.key)])
            for q in self.tool.questions
        ]

    def answers(self) -> dict[str, AnswerInput]:
        data = self.cleaned_data
        return {
            q.key: AnswerInput(
                grade=data[grade_field_name(q.key)], comment=data[comment_field_name(q.key)]
            )
            for q in self.tool.questions
        }


class AuditFilterForm(forms.Form):
    """The audits list's filters: team, overall grade and the audit dates."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.order_by("name"), required=False, empty_label="Any team"
    )
    grade = forms.ChoiceField(required=False, label="Overall grade")
    date_from = GovukDateField(label="Audited from", required=False)
    date_to = GovukDateField(label="Audited to", required=False)

    def __init__(self, *args: Any, grades: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", "Any grade"), *grades]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "Audited to must be the same as or after Audited from")
        return cleaned


class PeriodForm(forms.Form):
    """A period for the audit summary, both days included."""

    date_from = GovukDateField(label="From", required=True, past=True)
    date_to = GovukDateField(label="To", required=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "To must be the same as or after From")
        return cleaned


class AuditorAppointmentForm(forms.Form):
    worker = forms.ModelChoiceField(
        queryset=Worker.objects.filter(is_active=True),
        label="Worker",
        error_messages={"required": "Choose the worker to appoint"},
    )
    started_on = GovukDateField(label="Appointed from", required=True)
    ended_on = GovukDateField(label="Appointed until", required=False)


class ImprovementPlanForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the plan's title"}
    )
    inspection = forms.CharField(
        label="Inspection it answers",
        max_length=300,
        help_text="For example, ILACS inspection of children's services",
        error_messages={"required": "Enter the inspection it answers"},
    )
    inspected_on = GovukDateField(label="Date of the inspection", required=True, past=True)


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea,
        help_text="As the inspection report words it",
        error_messages={"required": "Enter the recommendation"},
    )


class PriorityForm(forms.Form):
    title = forms.CharField(
        label="Priority", max_length=200, error_messages={"required": "Enter the priority"}
    )
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)


class PlanActionForm(forms.Form):
    description = forms.CharField(
        label="Action", widget=forms.Textarea, error_messages={"required": "Enter the action"}
    )
    recommendations = forms.ModelMultipleChoiceField(
        queryset=Recommendation.objects.none(),
        label="Recommendations it answers",
        error_messages={"required": "Choose the recommendations this action answers"},
    )

    def __init__(self, *args: Any, plan_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recommendations"]
        field.queryset = Recommendation.objects.filter(plan_id=plan_id)  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda r: f"{r.number}. {r.text[:150]}"
        )


class DeliverableForm(forms.Form):
    description = forms.CharField(
        label="Deliverable",
        widget=forms.Textarea,
        error_messages={"required": "Enter the deliverable"},
    )
    owner = forms.ModelChoiceField(
        queryset=Worker.objects.filter(is_active=True),
        label="Owner",
        error_messages={"required": "Choose who owns it"},
    )
    due_on = GovukDateField(label="Due by", required=True)


class DeliverableChangeForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=Worker.objects.filter(is_active=True),
        label="Owner",
        error_messages={"required": "Choose who owns it"},
    )
    due_on = GovukDateField(label="Due by", required=True)
    reason = forms.CharField(
        label="Why is this changing?",
        widget=forms.Textarea,
        error_messages={"required": "Say why the owner or due date is changing"},
    )


class DeliverableProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ProgressStatus.choices,
        error_messages={"required": "Choose the deliverable's status"},
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea, error_messages={"required": "Enter a note on progress"}
    )


def figure_choices() -> list[tuple[str, str]]:
    return [("", "Choose a figure"), *((f.key, f"{f.area}: {f.title}") for f in FIGURES)]


class SuccessMeasureForm(forms.Form):
    """A measure with up to three staged targets (value by date); stages are optional pairs."""

    figure = forms.ChoiceField(
        label="Performance figure", error_messages={"required": "Choose a performance figure"}
    )
    direction = forms.ChoiceField(
        label="Which way is better",
        choices=Direction.choices,
        error_messages={"required": "Choose whether higher or lower is better"},
    )
    description = forms.CharField(label="What it shows", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = figure_choices()  # type: ignore[attr-defined]
        for n in range(1, MAX_STAGES + 1):
            self.fields[f"stage{n}_value"] = forms.DecimalField(
                label=f"Stage {n} target",
                required=False,
                max_digits=9,
                decimal_places=1,
                error_messages={"invalid": f"Stage {n} target must be a number, like 65"},
            )
            self.fields[f"stage{n}_due_on"] = GovukDateField(
                label=f"Stage {n} date", required=False
            )

    def stage_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"stage{n}_value"], self[f"stage{n}_due_on"]) for n in range(1, MAX_STAGES + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        stages: list[StageInput] = []
        for n in range(1, MAX_STAGES + 1):
            value_name, date_name = f"stage{n}_value", f"stage{n}_due_on"
            if value_name in self.errors or date_name in self.errors:
                continue
            value: Decimal | None = cleaned.get(value_name)
            due_on: dt.date | None = cleaned.get(date_name)
            if value is None and due_on is None:
                continue
            if value is None:
                self.add_error(value_name, f"Enter the stage {n} target")
            elif due_on is None:
                self.add_error(date_name, f"Enter the date for stage {n}")
            else:
                stages.append(StageInput(value=value, due_on=due_on))
        if not stages and not self.errors:
            self.add_error("stage1_value", "Enter at least one staged target")
        cleaned["stages"] = stages
        return cleaned


class MeasureStageForm(forms.Form):
    value = forms.DecimalField(
        label="Target",
        max_digits=9,
        decimal_places=1,
        error_messages={
            "required": "Enter the target",
            "invalid": "Target must be a number, like 85",
        },
    )
    due_on = GovukDateField(label="By", required=True)
