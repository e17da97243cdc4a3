"""What the returns' validation covers: every DfE rule is implemented or cannot apply, never both.

For each 903 rule list (2025-26 and 2026-27) `rule_coverage` puts the registered checks beside
each rule module's `CANNOT_APPLY`; the CIN census list is held against `cin_validation`'s
`IMPLEMENTED`. The modules' docstrings and docs/subsystems/returns.md must name the same rules
that cannot apply as the data does.

These tests read code and rule lists only: no database.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from hearth.returns import cin_validation
from hearth.returns.rules import rule_catalogue
from hearth.returns.ssda903_rules import (
    basic,
    registry,
    rules_1xx,
    rules_2xx_3xx,
    rules_4xx_5xx,
    rules_6xx_up,
)
from hearth.returns.ssda903_validation import (
    CANNOT_APPLY_BY_MODULE,
    IMPLEMENTED,
    Coverage,
    rule_coverage,
)

CATALOGUES_903 = ("903-2025-26", "903-2026-27")
RULE_MODULES: tuple[ModuleType, ...] = (
    basic,
    rules_1xx,
    rules_2xx_3xx,
    rules_4xx_5xx,
    rules_6xx_up,
)
DOCS = Path(__file__).resolve().parents[3] / "docs" / "subsystems" / "returns.md"


def _codes_listed_as_cannot_apply(docstring: str) -> set[str]:
    """The codes in a docstring's "Cannot apply" bullets ("* 219, 221: why")."""
    section = docstring.split("Cannot apply:", 1)[1]
    codes: set[str] = set()
    for line in section.splitlines():
        if line.startswith("* "):
            codes.update(c.strip() for c in line[2:].split(":", 1)[0].split(","))
    return codes


@pytest.mark.parametrize("name", CATALOGUES_903)
def test_every_903_rule_is_implemented_or_cannot_apply_never_both(name: str) -> None:
    coverage = rule_coverage(name)
    assert [c.code for c in coverage] == list(rule_catalogue(name))
    both = {c.code for c in coverage if c.status == Coverage.BOTH}
    neither = {c.code for c in coverage if c.status == Coverage.NOT_CHECKED}
    assert both == set()
    assert neither == set(), f"neither checked nor said to be inapplicable: {neither}"


def test_the_last_rules_to_be_checked_are_checked_in_the_200s_and_300s() -> None:
    for name in CATALOGUES_903:
        coverage = {c.code: c for c in rule_coverage(name)}
        for code in ("214", "398", "392a", "392b", "392c", "392d"):
            assert coverage[code].status == Coverage.IMPLEMENTED
            assert coverage[code].implemented_in == (rules_2xx_3xx.__name__,)


def test_coverage_says_where_a_rule_is_checked_and_why_one_cannot_apply() -> None:
    coverage = {c.code: c for c in rule_coverage("903-2026-27")}
    assert coverage["706"].status == Coverage.IMPLEMENTED
    assert coverage["706"].implemented_in == ("hearth.returns.ssda903_rules.rules_1xx",)
    assert coverage["706"].reason == "Checked in hearth.returns.ssda903_rules.rules_1xx."
    assert coverage["1008"].status == Coverage.CANNOT_APPLY
    assert coverage["1008"].reason == rules_6xx_up.CANNOT_APPLY["1008"]
    assert "Ofsted" in coverage["1008"].reason
    assert coverage["392c"].status == Coverage.IMPLEMENTED
    assert coverage["392c"].rule.message == "Postcode(s) provided are invalid."


def test_the_dolo_rules_are_covered_only_in_the_year_that_lists_them() -> None:
    assert "706" not in {c.code for c in rule_coverage("903-2025-26")}
    assert "706" in {c.code for c in rule_coverage("903-2026-27")}


def test_a_rule_cannot_apply_in_one_module_only_and_each_says_why() -> None:
    seen: dict[str, str] = {}
    for module, reasons in CANNOT_APPLY_BY_MODULE.items():
        for code, reason in reasons.items():
            assert code not in seen, f"{code} is listed by {seen.get(code)} and {module}"
            seen[code] = module
            assert len(reason) > 20, f"{code} in {module} needs a reason"
    assert set(CANNOT_APPLY_BY_MODULE) == {m.__name__ for m in RULE_MODULES}


def test_every_code_checked_or_said_to_be_inapplicable_is_a_dfe_903_rule() -> None:
    listed = set().union(*(set(rule_catalogue(name)) for name in CATALOGUES_903))
    cannot_apply = set().union(*(set(r) for r in CANNOT_APPLY_BY_MODULE.values()))
    assert IMPLEMENTED - listed == set()
    assert cannot_apply - listed == set()
    assert set(registry.IMPLEMENTED_BY) == IMPLEMENTED


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_each_module_docstring_lists_the_same_rules_that_cannot_apply(module: ModuleType) -> None:
    assert _codes_listed_as_cannot_apply(module.__doc__ or "") == set(module.CANNOT_APPLY)


def test_the_docs_list_every_rule_that_cannot_apply() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Rules that cannot apply", 1)[1].split("\n### Readings", 1)[0]
    in_docs = set(re.findall(r"\b(\d{3,4}[A-Za-z]?)\b", section))
    cannot_apply = set().union(*(set(r) for r in CANNOT_APPLY_BY_MODULE.values()))
    assert cannot_apply <= in_docs


def test_every_cin_census_rule_is_implemented() -> None:
    """No CIN census rule is listed as cannot apply: each is checked on the return as built or
    as read back from a file (`hearth returns validate --file`)."""
    codes = set(rule_catalogue("cin-2025-26"))
    cannot_apply: dict[str, str] = getattr(cin_validation, "CANNOT_APPLY", {})
    assert codes == cin_validation.IMPLEMENTED
    assert cannot_apply == {}
