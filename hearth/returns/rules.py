"""The DfE's validation rules (codes and wording) and the failures Hearth's checks report.

The wording comes from the DfE's own rule lists, shipped beside this module in `dfe_rules/`
(`code<TAB>description`), so a failure reads exactly as the DfE portal will show it and
analysts can match one to the other. Each Hearth check names the rule code it implements; the
check supplies where the failure is (child, field, record) and the catalogue the wording.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent / "dfe_rules"


class Severity(StrEnum):
    """An error blocks a return; a query needs a correction or an explanation."""

    ERROR = "error"
    QUERY = "query"


@dataclass(frozen=True)
class Rule:
    """One DfE validation rule."""

    code: str
    message: str
    severity: Severity


@dataclass(frozen=True)
class Failure:
    """One place where a return breaks a rule.

    `la_child_id` and `person_id` name the child (None for a rule about the whole return);
    `field` is the return's element or column; `record` says which record within the child's
    return it is (e.g. "CIN episode referred 02/06/2025"); `fix_url` is the page where it is put
    right.
    """

    rule: Rule
    field: str
    la_child_id: str | None = None
    person_id: int | None = None
    record: str = ""
    fix_url: str | None = None

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def message(self) -> str:
        return self.rule.message

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def is_error(self) -> bool:
        return self.rule.severity == Severity.ERROR


def _severity(code: str, description: str) -> Severity:
    if description.rstrip().endswith("(QUERY)") or code.endswith("Q"):
        return Severity.QUERY
    return Severity.ERROR


def _strip_severity(description: str) -> str:
    for suffix in ("(ERROR)", "(QUERY)"):
        if description.rstrip().endswith(suffix):
            return description.rstrip()[: -len(suffix)].rstrip()
    return description.strip()


@functools.cache
def rule_catalogue(name: str) -> dict[str, Rule]:
    """The rules in `dfe_rules/<name>.tsv` (e.g. "cin-2025-26"), by code."""
    path = RULES_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            row["code"].strip(): Rule(
                code=row["code"].strip(),
                message=_strip_severity(row["description"]),
                severity=_severity(row["code"].strip(), row["description"]),
            )
            for row in rows
        }
