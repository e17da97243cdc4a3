"""What every SSDA903 rule module shares: the registry, the submission a check reads, helpers.

A check is a function of one `Submission` (this year's tables, the collection year, last year's
tables and the council's LA code) that yields a `Problem` for each place a rule is broken.
`@check("code", ...)` registers it and records the codes it implements, and in which module
(`IMPLEMENTED_BY`, read by `hearth.returns.ssda903_validation.rule_coverage`). Checks read the
tables only, never the database, so a rule is tested by building the tables it should catch.

A rule module lists the DfE rules in its block that cannot apply to the tables Hearth submits,
each with its reason, in a module-level `CANNOT_APPLY: dict[str, str]`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from hearth.returns.ssda903 import Row, Tables
from hearth.returns.years import CollectionYear


@functools.lru_cache(maxsize=65536)
def parse_date(text: str) -> dt.date | None:
    """A 903 date (dd/mm/YYYY), or None when blank or not a date.

    Cached: a return repeats the same few thousand dates across hundreds of rules.
    """
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 - a date, no time
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Problem:
    """One break of one rule: the rule's code, where (table and column) and whose (CHILD)."""

    code: str
    table: str
    field: str
    child: str


@dataclass
class Submission:
    """What a check reads: this year's tables and, when a rule needs them, last year's.

    `previous` is last year's tables: the ones submitted (loaded from last year's CSV files)
    when given, else built from the record for the previous collection year. It is built only
    when a check first asks for it. `la_code` is the council's three-digit LA number.
    """

    tables: Tables
    collection: CollectionYear
    la_code: str = ""
    previous_loader: Callable[[], Tables | None] = field(default=lambda: None)

    @functools.cached_property
    def previous(self) -> Tables | None:
        """Last year's tables, or None when there are none to compare with."""
        return self.previous_loader()

    def rows(self, table: str) -> list[Row]:
        """The rows of `table` (none when the year's return has no such table)."""
        return self.tables.get(table, [])


Check = Callable[[Submission], Iterator[Problem]]
CHECKS: list[Check] = []
IMPLEMENTED: set[str] = set()
# Rule code -> the modules whose checks implement it.
IMPLEMENTED_BY: dict[str, set[str]] = defaultdict(set)


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a check implementing `codes`."""

    def register(function: Check) -> Check:
        IMPLEMENTED.update(codes)
        for code in codes:
            IMPLEMENTED_BY[code].add(function.__module__)
        CHECKS.append(function)
        return function

    return register


def by_child(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Rows grouped by CHILD, in their order in the table."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["CHILD"]].append(row)
    return grouped


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
