"""SSDA903 validation: every registered DfE 903 rule run over a year's tables.

The rules live in `hearth.returns.ssda903_rules`, one module per block of the DfE's numbering;
importing them here registers them. `IMPLEMENTED` lists the codes checked. Each rule module
lists the rules of its block that cannot apply to the tables Hearth submits, with the reason for
each, in its `CANNOT_APPLY`; `rule_coverage` puts the two together for a year's rule list, so
every rule is shown as implemented, cannot apply, or (a gap) not checked. docs/subsystems/
returns.md gives the same lists for readers.

Rules that compare with last year read last year's tables: those given (`previous`, e.g. the
CSV files sent), else the latest submission recorded for the previous year, else the tables built
from the record for the previous year (`hearth.returns.submissions.ssda903_last_year`).

Years before 2025-26 are checked against the 2025-26 list (the 2024-25 list is superseded and not
shipped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings

from hearth.people.models import Person
from hearth.returns.rules import Failure, Rule, rule_catalogue
from hearth.returns.ssda903 import Tables, ssda903_tables
from hearth.returns.ssda903_rules import (  # importing a module registers its rules
    basic,
    rules_1xx,
    rules_2xx_3xx,
    rules_4xx_5xx,
    rules_6xx_up,
)
from hearth.returns.ssda903_rules.registry import CHECKS, IMPLEMENTED, IMPLEMENTED_BY, Submission
from hearth.returns.submissions import ssda903_last_year
from hearth.returns.years import CollectionYear

__all__ = [
    "CANNOT_APPLY_BY_MODULE",
    "IMPLEMENTED",
    "Coverage",
    "RuleCoverage",
    "catalogue_name",
    "rule_coverage",
    "ssda903_validate",
]

# Each rule module's rules that cannot apply to Hearth's tables (code -> reason), by module.
CANNOT_APPLY_BY_MODULE: dict[str, dict[str, str]] = {
    basic.__name__: basic.CANNOT_APPLY,
    rules_1xx.__name__: rules_1xx.CANNOT_APPLY,
    rules_2xx_3xx.__name__: rules_2xx_3xx.CANNOT_APPLY,
    rules_4xx_5xx.__name__: rules_4xx_5xx.CANNOT_APPLY,
    rules_6xx_up.__name__: rules_6xx_up.CANNOT_APPLY,
}


def catalogue_name(collection: CollectionYear) -> str:
    """The rule list for the year (2025-26 for earlier years)."""
    return "903-2026-27" if collection.end_year >= 2027 else "903-2025-26"


def _council_la_code() -> str:
    return str(settings.HEARTH_COUNCIL["dfe_la_number"])


def ssda903_validate(
    *,
    collection: CollectionYear,
    tables: Tables | None = None,
    previous: Tables | None = None,
    fix_url: Callable[[int], str] | None = None,
) -> list[Failure]:
    """Failures of the implemented 903 rules in the year's tables (built when not given).

    `previous` is last year's tables as submitted; when not given, rules that compare with last
    year read the latest submission recorded for the previous year, or when none was recorded
    the tables built from the record for the previous collection year (`ssda903_last_year`).
    """
    if tables is None:
        tables = ssda903_tables(collection=collection)
    submission = Submission(
        tables=tables,
        collection=collection,
        la_code=_council_la_code(),
        previous_loader=(
            (lambda: previous)
            if previous is not None
            else (lambda: ssda903_last_year(collection=collection).load())
        ),
    )
    rules = rule_catalogue(catalogue_name(collection))
    problems = [p for c in CHECKS for p in c(submission) if p.code in rules]
    references = {p.child for p in problems}
    person_ids = dict(
        Person.objects.filter(reference__in=references).values_list("reference", "pk")
    )
    failures = [
        Failure(
            rule=rules[p.code],
            field=f"{p.table}.{p.field}",
            la_child_id=p.child,
            person_id=person_ids.get(p.child),
            fix_url=fix_url(person_ids[p.child]) if fix_url and p.child in person_ids else None,
        )
        for p in problems
    ]
    failures.sort(key=lambda f: (not f.is_error, f.la_child_id or "", f.code))
    return failures


class Coverage(StrEnum):
    """Where a DfE rule stands in Hearth: checked, cannot apply, or neither (or, wrongly, both)."""

    IMPLEMENTED = "implemented"
    CANNOT_APPLY = "cannot apply"
    BOTH = "implemented and listed as cannot apply"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class RuleCoverage:
    """One rule of a year's list: the modules whose checks implement it, and any reason it
    cannot apply (each module's `CANNOT_APPLY`)."""

    rule: Rule
    implemented_in: tuple[str, ...]
    cannot_apply: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def status(self) -> Coverage:
        """Implemented or cannot apply; BOTH and NOT_CHECKED are faults a test reports."""
        if self.implemented_in and self.cannot_apply:
            return Coverage.BOTH
        if self.implemented_in:
            return Coverage.IMPLEMENTED
        if self.cannot_apply:
            return Coverage.CANNOT_APPLY
        return Coverage.NOT_CHECKED

    @property
    def reason(self) -> str:
        """Why the rule has this status, in a sentence."""
        if self.status == Coverage.IMPLEMENTED:
            return f"Checked in {', '.join(self.implemented_in)}."
        if self.status == Coverage.CANNOT_APPLY:
            return " ".join(self.cannot_apply)
        if self.status == Coverage.BOTH:
            return (
                f"Checked in {', '.join(self.implemented_in)}, yet listed as cannot apply: "
                + " ".join(self.cannot_apply)
            )
        return "No check is registered for it and no module says why it cannot apply."


def rule_coverage(catalogue_name: str) -> list[RuleCoverage]:
    """For each rule in a 903 rule list (e.g. "903-2026-27"), in the list's order: whether Hearth
    implements it (and in which modules) or it cannot apply (and why)."""
    coverage = []
    for code, rule in rule_catalogue(catalogue_name).items():
        reasons = tuple(
            reasons[code] for reasons in CANNOT_APPLY_BY_MODULE.values() if code in reasons
        )
        coverage.append(
            RuleCoverage(
                rule=rule,
                implemented_in=tuple(sorted(IMPLEMENTED_BY.get(code, ()))),
                cannot_apply=reasons,
            )
        )
    return coverage
