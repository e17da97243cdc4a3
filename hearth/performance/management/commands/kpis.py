"""`hearth kpis --from YYYY-MM-DD --to YYYY-MM-DD [--json]`: every performance figure for a period.

Prints, for each figure, its numerator, denominator, value and definition, computed from the
statutory record as it stands (nothing is written to the database). `--json` prints one JSON
document; `--pdf FILE` writes the scrutiny pack for the period to FILE (`hearth.performance.pack`),
with the case-audit summary when `--as USERNAME` names a working member of staff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hearth.performance.figures import Period, Result, compute_all
from hearth.performance.management.commands.child_population import worker_named
from hearth.performance.pack import scrutiny_pack_for
from hearth.performance.targets import rag_for
from hearth.quality.selectors import audit_summary, plan_evidence, plan_list


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date like 2026-04-01") from error


def result_as_dict(result: Result) -> dict[str, Any]:
    """A figure's result as plain JSON-ready values."""
    target, status = rag_for(result)
    return {
        "key": result.figure.key,
        "title": result.figure.title,
        "area": str(result.figure.area),
        "measure": str(result.figure.measure),
        "numerator": result.numerator,
        "denominator": result.denominator,
        "value": None if result.value is None else float(result.value),
        "definition": result.figure.definition,
        "breakdown": [
            {"code": row.code, "label": row.label, "count": row.count} for row in result.breakdown
        ],
        "target": None if target is None else float(target.value),
        "rag": status,
    }


class Command(BaseCommand):
    help = "Print every performance figure for a period, from the statutory record."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="Print one JSON document")
        parser.add_argument("--pdf", metavar="FILE", help="Write the scrutiny pack PDF to FILE")
        parser.add_argument(
            "--as",
            dest="username",
            help="With --pdf: include the case audits this worker sees and the improvement plans",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("--to must be on or after --from")
        period = Period(start=start, end=end)
        if options["pdf"]:
            audits = None
            plans = []
            if options["username"]:
                try:
                    reader = worker_named(options["username"])
                    audits = audit_summary(viewer=reader, date_from=start, date_to=end)
                    plans = [plan_evidence(viewer=reader, plan=p) for p in plan_list(viewer=reader)]
                except PermissionDenied as error:
                    raise CommandError(str(error)) from error
            pack = scrutiny_pack_for(
                council=settings.HEARTH_COUNCIL["name"],
                period=period,
                generated_at=timezone.now(),
                audits=audits,
                plans=plans,
            )
            Path(options["pdf"]).write_bytes(pack)
            self.stdout.write(f"Wrote the scrutiny pack for {period.label} to {options['pdf']}")
            return
        results = compute_all(period)
        if options["json"]:
            document = {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "figures": [result_as_dict(r) for r in results],
            }
            self.stdout.write(json.dumps(document, indent=2))
            return
        self.stdout.write(f"Performance figures, {period.label}")
        for result in results:
            denominator = "" if result.denominator is None else f" / {result.denominator:,}"
            self.stdout.write(
                f"\n{result.figure.title}: {result.display_value}"
                f" ({result.numerator:,}{denominator}, {result.figure.measure})"
            )
            self.stdout.write(f"  {result.figure.definition}")
            for row in result.breakdown:
                self.stdout.write(f"    {row.label}: {row.count:,}")
