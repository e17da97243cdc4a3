"""Forms from the model: answers parsed and checked, GOV.UK parameters, nothing typed lost."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict

from hearth.practice import forms
from hearth.practice.schema import StepType

STEP = StepType.model_validate(
    {
        "id": "visit",
        "title": "Visit",
        "form": {
            "fields": [
                {"id": "when", "label": "Date of the visit", "type": "date", "required": True,
                 "not_in_future": True},
                {"id": "at", "label": "Time seen", "type": "datetime"},
                {"id": "seen", "label": "Was the child seen", "type": "yes_no", "required": True},
                {"id": "why_not", "label": "Why not", "type": "textarea", "required": True,
                 "max_length": 20, "show_if": {"field": "seen", "equals": "no"}},
                {"id": "mood", "label": "Mood", "type": "number", "min": 0, "max": 10},
                {"id": "worries", "label": "Worries", "type": "multi_choice",
                 "choices": ["school", "home"]},
                {"id": "who", "label": "Who was there", "type": "people"},
            ]
        },
    }
)  # fmt: skip
TODAY = dt.date(2026, 11, 22)


def submit(text: str) -> forms.ParsedForm:
    return forms.parse_answers(STEP, QueryDict(text), today=TODAY, people=[(1, "Alex"), (2, "Jo")])


def test_good_answers_are_stored_as_json_values() -> None:
    parsed = submit(
        "when-day=3&when-month=11&when-year=2026&seen=yes&mood=7&worries=home&who=2"
        "&at-day=3&at-month=11&at-year=2026&at-time=14:30"
    )
    assert parsed.errors == {}
    assert parsed.answers == {
        "when": "2026-11-03",
        "at": "2026-11-03T14:30:00+00:00",
        "seen": True,
        "mood": 7,
        "worries": ["home"],
        "who": [2],
    }


def test_every_problem_has_a_field_message_and_what_was_typed_stays() -> None:
    parsed = submit(
        "when-day=31&when-month=2&when-year=2026&seen=no&why_not="
        + "x" * 21
        + "&mood=eleven&worries=garden&who=9&at-day=1&at-month=1&at-year=2026&at-time=25:00"
    )
    assert parsed.errors == {
        "when": "Date of the visit must be a real date",
        "at": "Time seen must include a time, like 14:30",
        "why_not": "Why not must be 20 characters or fewer",
        "mood": "Mood must be a number",
        "worries": "Select worries from the list",
        "who": "Select who was there from the list",
    }
    assert parsed.raw["when-day"] == "31"
    assert parsed.raw["why_not"] == "x" * 21
    assert parsed.raw["mood"] == "eleven"
    assert parsed.raw["at-time"] == "25:00"


def test_required_future_and_range_messages() -> None:
    parsed = submit("when-day=1&when-month=1&when-year=2027&mood=11")
    assert parsed.errors == {
        "when": "Date of the visit must be today or in the past",
        "seen": "Select was the child seen",
        "mood": "Mood must be 10 or less",
    }


def test_a_question_that_does_not_apply_is_neither_checked_nor_stored() -> None:
    parsed = submit("when-day=1&when-month=11&when-year=2026&seen=yes&why_not=typed anyway")
    assert parsed.errors == {}
    assert "why_not" not in parsed.answers
    parsed = submit("when-day=1&when-month=11&when-year=2026&seen=no")
    assert parsed.errors == {"why_not": "Enter why not"}


def test_render_gives_govuk_params_with_typed_values_and_show_if() -> None:
    parsed = submit("when-day=31&when-month=2&when-year=2026&seen=no&mood=eleven")
    rendered = {
        f.id: f
        for f in forms.render_fields(STEP, parsed.raw, parsed.errors, answers=parsed.answers,
                                     people=[(1, "Alex")])
    }  # fmt: skip
    assert rendered["when"].component == "date"
    assert [i["value"] for i in rendered["when"].params["items"]] == ["31", "2", "2026"]
    assert rendered["when"].params["errorMessage"] == {
        "text": "Date of the visit must be a real date"
    }
    assert rendered["seen"].component == "radios"
    assert [i["checked"] for i in rendered["seen"].params["items"]] == [False, True]
    assert rendered["mood"].params["value"] == "eleven"
    assert rendered["why_not"].show_if_json == '{"field": "seen", "equals": "no"}'
    assert rendered["why_not"].applies is True
    assert rendered["who"].component == "checkboxes"
    summary = forms.error_summary(parsed.errors, STEP)
    assert summary is not None
    assert summary["errorList"][0] == {
        "text": "Date of the visit must be a real date",
        "href": "#when-day",
    }


def test_stored_answers_round_trip_to_the_form() -> None:
    answers = {"when": "2026-11-03", "seen": False, "worries": ["home"], "mood": 7}
    raw = forms.answers_to_raw(STEP, answers)
    data = QueryDict(mutable=True)
    for key, value in raw.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    parsed = forms.parse_answers(STEP, data, today=TODAY)
    assert parsed.errors == {"why_not": "Enter why not"}
    assert {k: parsed.answers[k] for k in answers} == answers
