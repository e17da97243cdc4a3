"""Collection years of the DfE returns (returns.md section 1).

A collection year is named by its end year: "2026" is the 2025-26 year, 1 April 2025 to 31 March
2026. The reference date is 31 March of the end year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The first collection year Hearth produces (2024-25: SEX as M/F/U, the current structures).
FIRST_YEAR = 2025


@dataclass(frozen=True)
class CollectionYear:
    """One collection year, named by its end year."""

    end_year: int

    @property
    def start(self) -> dt.date:
        """The first day of the collection window (1 April of the previous year)."""
        return dt.date(self.end_year - 1, 4, 1)

    @property
    def reference_date(self) -> dt.date:
        """The census reference date and last day of the window (31 March)."""
        return dt.date(self.end_year, 3, 31)

    @property
    def label(self) -> str:
        """The year as the DfE writes it, e.g. "2025-26"."""
        return f"{self.end_year - 1}-{self.end_year % 100:02d}"

    def contains(self, day: dt.date) -> bool:
        """Whether `day` falls in the collection window."""
        return self.start <= day <= self.reference_date

    @property
    def previous(self) -> CollectionYear:
        return CollectionYear(self.end_year - 1)
