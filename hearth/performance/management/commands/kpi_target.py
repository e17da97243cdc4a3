"""`hearth kpi_target --figure KEY --value 85 --direction higher --tolerance 5 --from DATE ...`.

Sets the council's target for a figure from a date (`hearth kpis --json` lists the keys). Only
administrators and performance analysts may.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.performance.management.commands.child_population import worker_named
from hearth.performance.models import Direction
from hearth.performance.services import target_set


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise CommandError(f"{value!r} is not a number") from error


class Command(BaseCommand):
    help = "Set the council's target for a performance figure, from a date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--figure", required=True)
        parser.add_argument("--value", required=True)
        parser.add_argument("--direction", required=True, choices=list(Direction.values))
        parser.add_argument("--tolerance", default="0", help="Amber tolerance")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--as", dest="username", required=True, help="Your username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(options["start"])
        except ValueError as error:
            raise CommandError("--from must be a date like 2026-04-01") from error
        try:
            target = target_set(
                actor=worker_named(options["username"]),
                figure=options["figure"],
                value=_decimal(options["value"]),
                direction=options["direction"],
                amber_tolerance=_decimal(options["tolerance"]),
                effective_from=start,
                reason=options["reason"],
            )
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Target set: {target}")
