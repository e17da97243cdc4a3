"""`hearth practice`: check, draw, publish, list and migrate practice models.

    hearth practice check practice_models/restorative
    hearth practice diagram practice_models/restorative --out docs/practice-models/restorative.svg
    hearth practice publish practice_models/restorative [--by USERNAME]
    hearth practice versions
    hearth practice migrate --from restorative@1 --to risk_focused@1 --map map.yaml [--dry-run]

`check` reports every problem as FILE:LINE: MESSAGE and exits with status 1 if there is any.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.organisation.models import Worker
from hearth.practice import definitions, services
from hearth.practice.checks import check_model
from hearth.practice.diagram import render_svg
from hearth.practice.inflight import load_step_map
from hearth.practice.selectors import version_list


class Command(BaseCommand):
    help = "Check, draw, publish, list and migrate practice models."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        check = commands.add_parser("check", help="Report every problem with a model folder")
        check.add_argument("path")
        check.add_argument(
            "--no-facts",
            action="store_true",
            help="Skip the checks of `writes:` against the registered statutory facts",
        )
        diagram = commands.add_parser("diagram", help="Draw a model folder as SVG")
        diagram.add_argument("path")
        diagram.add_argument("--out", required=True, help="The SVG file to write")
        publish = commands.add_parser("publish", help="Store a checked model as a new version")
        publish.add_argument("path")
        publish.add_argument("--by", help="Username of the worker publishing it")
        commands.add_parser("versions", help="List published versions")
        migrate = commands.add_parser("migrate", help="Move open cases to another version")
        migrate.add_argument("--from", dest="source", required=True, metavar="NAME@V")
        migrate.add_argument("--to", dest="target", required=True, metavar="NAME@V")
        migrate.add_argument("--map", dest="map_file", required=True, metavar="FILE.yaml")
        migrate.add_argument("--dry-run", action="store_true")
        migrate.add_argument("--by", help="Username of the worker running it")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        handler = getattr(self, f"do_{action}")
        handler(argparse.Namespace(**options))

    def do_check(self, options: argparse.Namespace) -> None:
        result = check_model(options.path, check_facts=not options.no_facts)
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problems:
            raise CommandError(f"{len(result.problems)} problem(s) in {options.path}", returncode=1)
        assert result.model is not None
        self.stdout.write(
            f"{result.model.label}: {len(result.model.steps)} step types, no problems"
        )

    def do_diagram(self, options: argparse.Namespace) -> None:
        result = check_model(options.path, check_facts=False)
        if result.model is None:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError("Fix the model before drawing it", returncode=1)
        out = Path(options.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_svg(result.model), encoding="utf-8")
        self.stdout.write(f"Wrote {out}")

    def _worker(self, username: str | None) -> Worker | None:
        if not username:
            return None
        worker = Worker.objects.filter(username=username).first()
        if worker is None:
            raise CommandError(f"No worker with username {username!r}")
        return worker

    def do_publish(self, options: argparse.Namespace) -> None:
        try:
            version = services.practice_model_publish(
                actor=self._worker(options.by), path=options.path
            )
        except services.PracticeError as error:
            raise CommandError(str(error), returncode=1) from error
        self.stdout.write(f"Published {version.label} ({version.content_hash[:12]})")

    def do_versions(self, options: argparse.Namespace) -> None:
        name, pinned = definitions.configured_model()
        versions = list(version_list())
        if not versions:
            self.stdout.write("No practice model is published yet.")
        for version in versions:
            cases = version.cases.count()
            active = name == version.name and (pinned is None or pinned == version.version)
            newest = not any(
                v.name == version.name and v.version > version.version for v in versions
            )
            marker = " (active)" if active and (pinned is not None or newest) else ""
            self.stdout.write(
                f"{version.label}{marker}: {version.title}; published "
                f"{version.published_at:%Y-%m-%d %H:%M}; {cases} case(s); "
                f"hash {version.content_hash[:12]}"
            )

    def do_migrate(self, options: argparse.Namespace) -> None:
        try:
            source = definitions.version_get(*definitions.parse_label(options.source))
            target = definitions.version_get(*definitions.parse_label(options.target))
        except (ValueError, definitions.PracticeModelNotPublishedError) as error:
            raise CommandError(str(error), returncode=1) from error
        step_map, problems = load_step_map(options.map_file)
        if step_map is None:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError("The map file has problems", returncode=1)
        try:
            plan = services.cases_migrate(
                actor=self._worker(options.by),
                source=source,
                target=target,
                step_map=step_map,
                dry_run=options.dry_run,
            )
        except services.MigrationRefusedError as error:
            for line in error.plan.lines():
                self.stdout.write(line)
            raise CommandError(str(error), returncode=1) from error
        for line in plan.lines():
            self.stdout.write(line)
        self.stdout.write("Dry run: nothing changed." if options.dry_run else "Done.")
