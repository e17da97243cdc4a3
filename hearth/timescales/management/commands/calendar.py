"""`hearth calendar sync --from 2015 --to 2035`: add missing bank holidays, offline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.timescales.seed import FIRST_YEAR, LAST_YEAR
from hearth.timescales.services import bank_holidays_sync

# The holidays package computes years far ahead, but a rule it has not been told about (a new
# proclamation) cannot be in it; a sensible window stops someone seeding year 9999 by mistake.
EARLIEST_YEAR = 1971  # Banking and Financial Dealings Act 1971
LATEST_YEAR_AHEAD = 50


class Command(BaseCommand):
    help = "Manage the working-day calendar. `sync` adds missing England and Wales bank holidays."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        sync = actions.add_parser(
            "sync",
            help="Add bank holidays missing from the table; council closure days are untouched.",
        )
        sync.add_argument("--from", dest="first_year", type=int, default=FIRST_YEAR)
        sync.add_argument("--to", dest="last_year", type=int, default=LAST_YEAR)

    def handle(self, *args: Any, **options: Any) -> None:
        first_year: int = options["first_year"]
        last_year: int = options["last_year"]
        latest = dt.datetime.now(tz=dt.UTC).year + LATEST_YEAR_AHEAD
        if last_year < first_year:
            raise CommandError("--to must not be before --from")
        if first_year < EARLIEST_YEAR or last_year > latest:
            raise CommandError(f"Years must be between {EARLIEST_YEAR} and {latest}")
        added = bank_holidays_sync(first_year=first_year, last_year=last_year)
        for row in added:
            self.stdout.write(f"Added {row.day.isoformat()} {row.name}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(added)} bank holidays added for {first_year} to {last_year}.")
        )
