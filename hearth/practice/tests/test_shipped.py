"""The two shipped practice models pass every check, against the real statutory facts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from hearth.practice.checks import check_model
from hearth.practice.definitions import SHIPPED_MODELS_DIR
from hearth.practice.diagram import render_svg
from hearth.practice.facts import fact_kinds

SHIPPED = ["restorative", "risk_focused"]
# The statutory facts both models must map onto (written by the front door and casework apps).
STATUTORY_FACTS = {
    "contact", "mash_enquiry", "contact_decision", "referral", "assessment_start",
    "assessment_complete", "strategy_discussion", "s47_start", "s47_outcome", "icpc",
    "cp_plan_start", "cp_plan_end", "core_group", "rcpc", "cin_plan_start", "cin_plan_review",
    "cin_plan_end", "visit", "case_closure",
}  # fmt: skip


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_model_shape_graph_forms_and_timescales(name: str) -> None:
    result = check_model(SHIPPED_MODELS_DIR / name, check_facts=False)
    assert [str(p) for p in result.problems] == []
    assert result.model is not None and result.model.name == name


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_model_writes_the_statutory_record(name: str) -> None:
    missing = STATUTORY_FACTS - set(fact_kinds())
    if missing:
        pytest.skip(f"statutory facts not registered yet: {', '.join(sorted(missing))}")
    result = check_model(SHIPPED_MODELS_DIR / name)
    assert [str(p) for p in result.problems] == []
    assert result.model is not None
    written = {write.fact for step in result.model.steps for write in step.writes}
    assert written == STATUTORY_FACTS


def test_both_models_differ_in_steps_but_share_the_journey() -> None:
    restorative = check_model(SHIPPED_MODELS_DIR / "restorative", check_facts=False).model
    risk = check_model(SHIPPED_MODELS_DIR / "risk_focused", check_facts=False).model
    assert restorative is not None and risk is not None
    assert {"family_network_meeting", "restorative_conversation"} <= set(restorative.step_ids())
    assert {"risk_assessment", "safety_planning_meeting", "three_houses"} <= set(risk.step_ids())
    for model in (restorative, risk):
        icpc = model.step("icpc")
        assert icpc is not None and icpc.timescale is not None
        assert (icpc.timescale.amount, icpc.timescale.unit.value) == (15, "working_days")
        assert icpc.timescale.from_ == "strategy_discussion.outcome.s47"
        rcpc = model.step("rcpc")
        assert rcpc is not None and rcpc.timescale is not None and rcpc.timescale.repeat
        assert (rcpc.timescale.amount, rcpc.timescale.repeat.amount) == (3, 6)


@pytest.mark.parametrize("name", SHIPPED)
def test_diagram_is_well_formed_svg_with_every_step(name: str) -> None:
    model = check_model(SHIPPED_MODELS_DIR / name, check_facts=False).model
    assert model is not None
    svg = render_svg(model)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert ids == {f"step-{s.id}" for s in model.steps}
    assert root.get("role") == "img"
