"""`hearth practice check`: every problem reported, with its file, line and a clear message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hearth.practice.checks import check_model
from hearth.practice.tests import factkinds
from hearth.practice.tests.factories import ALPHA_MODEL, ALPHA_STEPS, write_model

ROLES = ["social_worker", "team_manager"]


def check(folder: Path) -> list[str]:
    result = check_model(folder, facts=factkinds.kinds(), roles=ROLES)
    assert (result.model is None) == bool(result.problems)
    return [f"{Path(p.file).relative_to(folder)}:{p.line}: {p.message}" for p in result.problems]


@pytest.fixture
def alpha(tmp_path: Path) -> Path:
    return write_model(tmp_path / "alpha", ALPHA_MODEL, ALPHA_STEPS)


def replace_step(folder: Path, name: str, text: str) -> None:
    (folder / "steps" / f"{name}.yaml").write_text(textwrap.dedent(text))


def test_a_good_model_has_no_problems(alpha: Path) -> None:
    result = check_model(alpha, facts=factkinds.kinds(), roles=ROLES)
    assert result.problems == []
    assert result.model is not None
    assert result.model.label == "test_alpha@1"
    assert result.model.step_ids() == [
        "assessment",
        "closure",
        "family_meeting",
        "referral",
        "visit",
    ]


def test_outcome_leading_to_an_unknown_step(alpha: Path) -> None:
    text = ALPHA_STEPS["referral"].replace("next: [assessment]", "next: [asessment]")
    replace_step(alpha, "referral", text)
    line = text.splitlines().index("    next: [asessment]") + 1
    problems = check(alpha)
    assert (
        f"steps/referral.yaml:{line}: outcome 'assess' leads to unknown step 'asessment' "
        "(did you mean 'assessment'?)" in problems
    )
    # Nothing else leads to the assessment now, so it (and what only it leads to) is unreachable.
    assert (
        "steps/assessment.yaml:1: step 'assessment' cannot be reached: no start step or "
        "outcome leads to it (mark it `ad_hoc: true` if workers start it by hand)" in problems
    )
    assert any(
        p.startswith("steps/closure.yaml:1: step 'closure' cannot be reached") for p in problems
    )


def test_duplicate_step_ids_name_the_first_file(alpha: Path) -> None:
    (alpha / "steps" / "zz_copy.yaml").write_text(ALPHA_STEPS["closure"])
    assert check(alpha) == [
        "steps/zz_copy.yaml:1: step id 'closure' is already used in "
        f"{alpha}/steps/closure.yaml (line 1)"
    ]


def test_show_if_naming_an_unknown_field(alpha: Path) -> None:
    text = ALPHA_STEPS["family_meeting"].replace("field: plan_agreed", "field: plan_agred")
    replace_step(alpha, "family_meeting", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "plan_agred" in t)
    assert check(alpha) == [
        f"steps/family_meeting.yaml:{line}: field 'plan' depends on unknown field 'plan_agred' "
        "(did you mean 'plan_agreed'?)"
    ]


def test_choice_default_not_in_choices(alpha: Path) -> None:
    text = ALPHA_STEPS["referral"].replace(
        "      choices: [school, police, family]\n",
        "      choices: [school, police, family]\n      default: neighbour\n",
    )
    replace_step(alpha, "referral", text)
    line = text.splitlines().index("      default: neighbour") + 1
    assert check(alpha) == [
        f"steps/referral.yaml:{line}: default 'neighbour' is not one of the choices of 'source' "
        "('school', 'police', 'family')"
    ]


def test_writes_to_unknown_fact_field_type_and_unmapped_required(alpha: Path) -> None:
    text = textwrap.dedent(
        """\
        id: closure
        title: Closure
        closes_case: true
        form:
          fields:
            - id: reason
              label: Reason
              type: choice
              required: true
              choices: [RC7, RC8, RC9]
            - id: note
              label: Note
              type: text
        writes:
          - fact: test_closur
          - fact: test_closure
            values:
              reason: answer.reason
              closure_date: answer.note
              colour: answer.note
          - fact: test_visit
            values:
              visit_date: step.completed_on
              seen_alone: answer.reason
        """
    )
    replace_step(alpha, "closure", text)
    assert check(alpha) == [
        "steps/closure.yaml:15: unknown statutory fact 'test_closur' (did you mean "
        "'test_closure'?) (no domain app registers it)",
        "steps/closure.yaml:18: 'RC9' from field 'reason' (choice) is not a code of "
        "test_closure.reason (codes: RC7, RC8)",
        "steps/closure.yaml:19: field 'note' (text) cannot be written to "
        "test_closure.closure_date: that field is date, and field 'note' (text) fits text",
        "steps/closure.yaml:20: fact 'test_closure' has no field 'colour'",
        "steps/closure.yaml:24: field 'reason' (choice) cannot be written to "
        "test_visit.seen_alone: that field is boolean, and field 'reason' (choice) fits code, text",
    ]


def test_required_fact_field_left_unmapped(alpha: Path) -> None:
    text = ALPHA_STEPS["closure"].replace("      closure_date: step.completed_on\n", "")
    replace_step(alpha, "closure", text)
    line = text.splitlines().index("    values:") + 1
    assert check(alpha) == [
        f"steps/closure.yaml:{line}: required field 'closure_date' of fact 'test_closure' is "
        "not mapped"
    ]


def test_bad_timescale_unit_and_unknown_event(alpha: Path) -> None:
    text = ALPHA_STEPS["assessment"].replace(
        "timescale: {amount: 45, unit: working_days, from: referral.answer.referral_date}",
        "timescale:\n  amount: 45\n  unit: fortnights\n  from: referral.answer.refferal_date",
    )
    replace_step(alpha, "assessment", text)
    lines = text.splitlines()
    unit_line = lines.index("  unit: fortnights") + 1
    problems = check(alpha)
    assert problems == [
        f"steps/assessment.yaml:{unit_line}: unknown timescale unit 'fortnights'; use one of "
        "working_days, calendar_days, calendar_months, weeks, hours",
    ]
    # With the unit fixed, the event is checked too.
    replace_step(alpha, "assessment", text.replace("fortnights", "working_days"))
    assert check(alpha) == [
        f"steps/assessment.yaml:{unit_line + 1}: timescale counts from unknown field "
        "'refferal_date' of step 'referral'"
    ]


def test_unknown_role_key_and_several_problems_at_once(alpha: Path) -> None:
    text = ALPHA_STEPS["referral"].replace(
        "roles: [social_worker]", "roles: [social_wroker]\nsteps_to_take: 3"
    )
    replace_step(alpha, "referral", text)
    (alpha / "model.yaml").write_text(ALPHA_MODEL.replace("start: [referral]", "start: [referal]"))
    assert check(alpha) == [
        "model.yaml:4: the model starts at unknown step 'referal' (did you mean 'referral'?)",
        "steps/assessment.yaml:1: step 'assessment' cannot be reached: no start step or outcome "
        "leads to it (mark it `ad_hoc: true` if workers start it by hand)",
        "steps/closure.yaml:1: step 'closure' cannot be reached: no start step or outcome leads "
        "to it (mark it `ad_hoc: true` if workers start it by hand)",
        "steps/referral.yaml:1: step 'referral' cannot be reached: no start step or outcome "
        "leads to it (mark it `ad_hoc: true` if workers start it by hand)",
        "steps/referral.yaml:3: unknown role 'social_wroker' (did you mean 'social_worker'?)",
        "steps/referral.yaml:4: unknown key 'steps_to_take'",
    ]


def test_yaml_syntax_error_and_repeated_key(tmp_path: Path) -> None:
    folder = write_model(
        tmp_path / "m",
        "name: m\nversion: 1\ntitle: M\ntitle: Again\nstart: [a]\n",
        {"a": "id: a\ntitle: A\nform:\n  fields: [\n"},
    )
    problems = check(folder)
    assert "model.yaml:4: key 'title' appears twice in this mapping (first on line 3)" in problems
    assert any(p.startswith("steps/a.yaml:") and "this is not valid YAML" in p for p in problems)


def test_yes_and_no_stay_words(tmp_path: Path) -> None:
    """`yes`, `no`, `on` and `off` are choices, not booleans (YAML 1.2 booleans only)."""
    folder = write_model(
        tmp_path / "m",
        "name: m\nversion: 1\ntitle: M\nstart: [a]\n",
        {
            "a": "id: a\ntitle: A\nform:\n  fields:\n    - {id: q, label: Q, type: choice, "
            "choices: [yes, no, on, off], default: off}\n"
        },
    )
    result = check_model(folder, facts={}, roles=ROLES)
    assert result.problems == []
    assert result.model is not None
    field = result.model.steps[0].form.fields[0]
    assert [c.value for c in field.choices] == ["yes", "no", "on", "off"]


def test_missing_model_yaml(tmp_path: Path) -> None:
    result = check_model(tmp_path, facts={}, roles=ROLES)
    assert [p.message for p in result.problems] == [
        f"no model.yaml here: is {tmp_path} a practice model folder?"
    ]


def test_outcome_condition_on_impossible_value(alpha: Path) -> None:
    text = ALPHA_STEPS["assessment"].replace("equals: support", "equals: suport")
    replace_step(alpha, "assessment", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "suport" in t)
    assert check(alpha) == [
        f"steps/assessment.yaml:{line}: outcome support tests field 'outcome' for 'suport', "
        "which it cannot be (it can be 'close', 'support')"
    ]


def test_write_on_start_cannot_use_answers(alpha: Path) -> None:
    text = ALPHA_STEPS["assessment"].replace(
        "      started_on: step.started_on", "      started_on: answer.family_strengths"
    )
    replace_step(alpha, "assessment", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "started_on: answer" in t)
    assert check(alpha) == [
        f"steps/assessment.yaml:{line}: a write `on: started` can only use case.opened_on, "
        "step.due_on, step.started_on, worker.name, worker.social_worker_id or a constant; "
        "'answer.family_strengths' is not known when the step starts"
    ]


def test_authorised_on_needs_authorisation(alpha: Path) -> None:
    text = ALPHA_STEPS["assessment"].replace("authorisation: {roles: [team_manager]}\n", "")
    replace_step(alpha, "assessment", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "step.authorised_on" in t)
    assert check(alpha) == [
        f"steps/assessment.yaml:{line}: step.authorised_on is never set: this step has no "
        "`authorisation:`"
    ]
