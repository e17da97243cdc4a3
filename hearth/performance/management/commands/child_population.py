"""`hearth child_population --year 2025 --count 101234 --source "..." --reason "..." --as USER`.

Records (or corrects) the council's child population for a year, the denominator of every rate
per 10,000 children. Only administrators and performance analysts may.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.organisation.models import Worker
from hearth.performance.services import child_population_set


def worker_named(username: str) -> Worker:
    """The worker who is making the change (the history records them)."""
    try:
        return Worker.objects.get(username=username)
    except Worker.DoesNotExist:
        raise CommandError(f"No worker with the username {username!r}") from None


class Command(BaseCommand):
    help = "Set the council's child population (aged 0 to 17) for a year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--source", default="")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--as", dest="username", required=True, help="Your username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            row = child_population_set(
                actor=worker_named(options["username"]),
                year=options["year"],
                count=options["count"],
                source=options["source"],
                reason=options["reason"],
            )
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Child population for {row.year}: {row.count:,}")
