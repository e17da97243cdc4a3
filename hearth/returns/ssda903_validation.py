"""SSDA903 validation: every registered DfE 903 rule run over a year's tables.

The rules live in `hearth.returns.ssda903_rules`, one module per block of the DfE's numbering;
importing them here registers them. `IMPLEMENTED` lists the codes checked; docs/subsystems/
returns.md lists those that cannot apply to data Hearth holds, and why.

Rules that compare with last year read last year's tables: those submitted, when their CSV
files are given (`previous`), else the tables built from the record for the previous year.

Years before 2025-26 are checked against the 2025-26 list (the 2024-25 list is superseded and not
shipped).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from hearth.people.models import Person
from hearth.returns.rules import Failure, rule_catalogue
from hearth.returns.ssda903 import Tables, ssda903_tables
from hearth.returns.ssda903_rules import (  # noqa: F401 - importing a module registers its rules
    basic,
    rules_1xx,
    rules_2xx_3xx,
    rules_4xx_5xx,
    rules_6xx_up,
)
from hearth.returns.ssda903_rules.registry import CHECKS, IMPLEMENTED, Submission
from hearth.returns.years import CollectionYear

__all__ = ["IMPLEMENTED", "catalogue_name", "ssda903_validate"]


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
    year read the tables built from the record for the previous collection year.
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
            else (lambda: ssda903_tables(collection=collection.previous))
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
