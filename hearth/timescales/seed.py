"""England and Wales bank holidays from the offline `holidays` package, ready for the table.

The `holidays` package (country GB, subdivision ENG) carries substitute days and the one-off days
by proclamation (8 May 2020, 2 and 3 June 2022, 19 September 2022, 8 May 2023), and needs no
network, so seeding works on locked-down council servers. GOV.UK's `bank-holidays.json`
(division `england-and-wales`) stays the canonical list; domain.md section 4 names it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from holidays.version import __version__ as holidays_version

from hearth.timescales.models import NonWorkingDayKind

# The eight regular England and Wales bank holidays as the package names them, plus its spelling
# of the early May holiday. Any other name (a jubilee, a state funeral, a coronation) is a one-off
# day by royal proclamation.
REGULAR_NAMES = frozenset(
    {
        "New Year's Day",
        "Good Friday",
        "Easter Monday",
        "May Day",
        "Early May Bank Holiday",
        "Spring Bank Holiday",
        "Late Summer Bank Holiday",
        "Summer Bank Holiday",
        "Christmas Day",
        "Boxing Day",
    }
)

FIRST_YEAR = 2015
LAST_YEAR = 2035


@dataclass(frozen=True)
class BankHoliday:
    """One England and Wales bank holiday as the package publishes it."""

    day: dt.date
    name: str
    kind: NonWorkingDayKind


def holidays_source() -> str:
    """The provenance recorded on seeded rows, naming the package release."""
    return f"holidays {holidays_version} (GB, ENG)"


def classify(name: str) -> NonWorkingDayKind:
    """Whether a holiday name is a regular bank holiday (or its substitute) or a proclamation."""
    base = name.removesuffix(" (observed)")
    if base in REGULAR_NAMES:
        return NonWorkingDayKind.BANK_HOLIDAY
    return NonWorkingDayKind.PROCLAMATION


def england_bank_holidays(first_year: int, last_year: int) -> list[BankHoliday]:
    """Every England and Wales bank holiday from `first_year` to `last_year` inclusive, by date.

    Where the package lists two names on one day it joins them with "; ", and both are kept.
    """
    if last_year < first_year:
        raise ValueError("The last year must not be before the first year.")
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    found = []
    for day, name in sorted(calendar.items()):
        kinds = {classify(part.strip()) for part in str(name).split(";")}
        # A proclamation sharing a day with a regular holiday is still a regular holiday.
        kind = (
            NonWorkingDayKind.BANK_HOLIDAY
            if NonWorkingDayKind.BANK_HOLIDAY in kinds
            else NonWorkingDayKind.PROCLAMATION
        )
        found.append(BankHoliday(day=day, name=str(name), kind=kind))
    return found
