"""`hearth returns ...`: produce and validate the statutory returns from the command line.

    hearth returns cin --year 2026 --out cin.xml          the CIN census 2025-26 as XML
    hearth returns validate --return cin --year 2026      list failures; exit 1 on any error
    hearth returns validate --return cin --file cin.xml   validate a CIN census file
    hearth returns ssda903 --year 2026 --out DIR          the SSDA903 tables as CSV files
    hearth returns ssda903 --year 2026 --out DIR --record-submission --by USERNAME [--note ..]
                                                          ... and record them as submitted
    hearth returns validate --return ssda903 --year 2026  the SSDA903 rules
    hearth returns validate --return ssda903 --year 2026 --previous DIR
                                                          ... against last year's CSV files
                                   (else the latest submission recorded for last year, else
                                   last year rebuilt from the record; the summary says which)
    hearth returns annex-a --date 2026-11-22 --out a.xlsx Ofsted Annex A lists

Producing a return only reads the statutory record; `--record-submission` writes only the
submission (the files exactly as written), as the worker named by `--by`, who must be a
performance analyst or administrator. Queries are printed as warnings and do not
change the exit status; errors do.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.organisation.models import Worker
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.cin_xml import cin_census_from_xml, cin_census_to_xml
from hearth.returns.rules import Failure
from hearth.returns.selectors import cin_census_build
from hearth.returns.years import FIRST_YEAR, CollectionYear


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            "give the collection year's end year, e.g. 2026"
        ) from error
    if year < FIRST_YEAR:
        raise argparse.ArgumentTypeError(f"Hearth produces returns from {FIRST_YEAR} onwards")
    return year


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError("give the date as YYYY-MM-DD") from error


class Command(BaseCommand):
    help = "Produce and validate the statutory returns (CIN census, SSDA903, Annex A)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        cin = sub.add_parser("cin", help="The CIN census XML")
        cin.add_argument("--year", type=_year, required=True, help="end year, e.g. 2026")
        cin.add_argument("--out", type=Path, required=True, help="the XML file to write")
        cin.add_argument("--serial-no", default="001", help="the header's SerialNo")
        validate = sub.add_parser("validate", help="Check a return against the DfE rules")
        validate.add_argument("--return", dest="which", choices=["cin", "ssda903"], required=True)
        validate.add_argument("--year", type=_year, required=True)
        validate.add_argument("--file", type=Path, help="validate this CIN census file instead")
        validate.add_argument(
            "--previous",
            type=Path,
            metavar="DIR",
            help="SSDA903: last year's CSV files as submitted, for the rules that compare years",
        )
        ssda903 = sub.add_parser("ssda903", help="The SSDA903 CSV tables")
        ssda903.add_argument("--year", type=_year, required=True)
        ssda903.add_argument("--out", type=Path, required=True, help="the folder to write")
        ssda903.add_argument(
            "--record-submission",
            action="store_true",
            help="also record the tables written as the return submitted to the DfE",
        )
        ssda903.add_argument(
            "--by", metavar="USERNAME", help="with --record-submission: who is recording it"
        )
        ssda903.add_argument("--note", default="", help="with --record-submission: a note")
        annex_a = sub.add_parser("annex-a", help="Ofsted Annex A lists as an Excel workbook")
        annex_a.add_argument("--date", type=_date, required=True, help="the inspection date")
        annex_a.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "cin":
            self._cin(options)
        elif subcommand == "validate":
            self._validate(options)
        elif subcommand == "ssda903":
            self._ssda903(options)
        else:
            self._annex_a(options)

    def _cin(self, options: dict[str, Any]) -> None:
        collection = CollectionYear(options["year"])
        census = cin_census_build(
            collection=collection, generated_at=timezone.now(), serial_no=options["serial_no"]
        )
        out: Path = options["out"]
        out.write_text(cin_census_to_xml(census), encoding="utf-8")
        self.stdout.write(
            f"CIN census {collection.label}: {len(census.children)} children written to {out}"
        )

    def _validate(self, options: dict[str, Any]) -> None:
        collection = CollectionYear(options["year"])
        if options.get("previous") is not None and options["which"] != "ssda903":
            raise CommandError("--previous is for the SSDA903 (--return ssda903)")
        if options["which"] == "cin":
            if options["file"] is not None:
                try:
                    census = cin_census_from_xml(options["file"].read_bytes())
                except (OSError, ValueError) as error:
                    raise CommandError(f"Cannot read {options['file']}: {error}") from error
            else:
                census = cin_census_build(collection=collection, generated_at=timezone.now())
            failures = cin_census_validate(census, collection=collection)
            self._report(f"CIN census {collection.label}", failures)
        else:
            from hearth.returns.ssda903_previous import (  # noqa: PLC0415
                PreviousReturnError,
                ssda903_previous_read,
            )
            from hearth.returns.ssda903_validation import ssda903_validate  # noqa: PLC0415
            from hearth.returns.submissions import ssda903_last_year  # noqa: PLC0415

            previous = None
            if options.get("previous") is not None:
                try:
                    previous = ssda903_previous_read(
                        folder=options["previous"], collection=collection.previous
                    )
                except PreviousReturnError as error:
                    raise CommandError(f"Last year's return: {error}") from error
                compared = f"compared with last year's files in {options['previous']}"
            else:
                compared = ssda903_last_year(collection=collection).description
            self._report(
                f"SSDA903 {collection.label} ({compared})",
                ssda903_validate(collection=collection, previous=previous),
            )

    def _report(self, title: str, failures: list[Failure]) -> None:
        errors = [f for f in failures if f.is_error]
        for failure in failures:
            where = failure.la_child_id or "whole return"
            if failure.person_id is not None:
                where += f" (record {failure.person_id})"
            line = f"{failure.severity.upper()} {failure.code} {where} {failure.field}"
            if failure.record:
                line += f" [{failure.record}]"
            line += f": {failure.message}"
            (self.stderr if failure.is_error else self.stdout).write(line)
        summary = f"{title}: {len(errors)} errors, {len(failures) - len(errors)} queries."
        if errors:
            raise CommandError(summary)
        self.stdout.write(summary)

    def _ssda903(self, options: dict[str, Any]) -> None:
        from hearth.returns.ssda903 import ssda903_tables, ssda903_write  # noqa: PLC0415
        from hearth.returns.submissions import (  # noqa: PLC0415
            return_submission_record,
            submission_files_write,
        )

        collection = CollectionYear(options["year"])
        if not options.get("record_submission"):
            if options.get("by") or options.get("note"):
                raise CommandError("--by and --note are for --record-submission")
            written = ssda903_write(collection=collection, folder=options["out"])
            for name, rows in written.items():
                self.stdout.write(f"{name}: {rows} rows")
            return
        if not options.get("by"):
            raise CommandError("--record-submission needs --by USERNAME: who is recording it")
        actor = Worker.objects.filter(username=options["by"]).first()
        if actor is None:
            raise CommandError(f"No worker has the username {options['by']}")
        try:
            submission = return_submission_record(
                actor=actor,
                collection=collection,
                tables=ssda903_tables(collection=collection),
                note=options["note"],
            )
        except PermissionDenied as error:
            raise CommandError(f"{actor.username}: {error}") from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        # The files written are the submission's, so they are exactly what was recorded.
        for table in submission_files_write(submission=submission, folder=options["out"]):
            self.stdout.write(f"{table.name}: {table.row_count} rows")
        self.stdout.write(
            f"SSDA903 {collection.label} recorded as submitted by {actor.display_name} "
            f"(submission {submission.pk})"
        )

    def _annex_a(self, options: dict[str, Any]) -> None:
        from hearth.returns.annex_a import annex_a_workbook  # noqa: PLC0415

        out: Path = options["out"]
        out.write_bytes(annex_a_workbook(inspection_date=options["date"]))
        self.stdout.write(f"Annex A lists at {options['date']:%d/%m/%Y} written to {out}")
