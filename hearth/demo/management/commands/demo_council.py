"""`hearth demo-council --children N --seed S [--replace]`: a synthetic council to try Hearth."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.demo.selectors import demo_sign_ins
from hearth.demo.services import DemoCouncilError, demo_council_create


class Command(BaseCommand):
    help = (
        "Create a synthetic children's services council set in Kirklees (E08000034, LA 382): "
        "children and their families on real Kirklees postcodes, with valid NHS numbers, UPNs "
        "and ULNs; services, teams and workers in every role; allocations giving each "
        "practitioner a caseload; and a demo sign-in for every role. The same seed always "
        "makes the same council. Every person is synthetic. Only runs on a database with no "
        "people or teams, unless --replace is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--children", type=int, default=2000, help="How many children (default 2000)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed: the same seed makes the same council."
        )
        parser.add_argument(
            "--no-histories",
            action="store_true",
            help=(
                "Leave out the case histories (contacts, referrals, assessments, plans, periods "
                "of care): people, families, the organisation and allocations only."
            ),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Delete an earlier demo council first. Only rows the demo made are deleted; "
                "a database holding other people, teams or services is refused."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        children: int = options["children"]
        seed: int = options["seed"]
        if children < 1:
            raise CommandError("--children must be at least 1")
        verbose = options["verbosity"] > 0

        def progress(message: str) -> None:
            if verbose:
                self.stdout.write(f"  {message}")

        if verbose:
            action = "Replacing any earlier demo council with" if options["replace"] else "Making"
            self.stdout.write(
                f"{action} a synthetic Kirklees council of about {children:,} children "
                f"(seed {seed}). Everyone in it is made up."
            )
        try:
            summary = demo_council_create(
                children=children,
                seed=seed,
                replace=options["replace"],
                histories=not options["no_histories"],
                progress=progress,
            )
        except DemoCouncilError as error:
            raise CommandError(str(error)) from error
        if not verbose:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {summary.children:,} children and {summary.people - summary.children:,} "
                f"adults, {summary.workers} workers in {summary.teams} teams, and "
                f"{summary.allocations:,} allocations, in {summary.seconds:.1f} s."
            )
        )
        if summary.histories:
            made = ", ".join(
                f"{name.replace('_', ' ')} {n:,}" for name, n in summary.histories.items()
            )
            self.stdout.write(f"  Case histories: {made}")
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.timings.items())
        self.stdout.write(f"  ({steps})")
        self.stdout.write("Demo sign-ins (username / password):")
        for role, username, password in demo_sign_ins():
            self.stdout.write(f"  {role:<32} {username} / {password}")
