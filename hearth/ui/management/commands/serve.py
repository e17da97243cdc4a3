"""`hearth serve`: migrate, make a demo council if the database is empty, and serve Hearth."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Hearth (migrating and creating a demo council first when needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--demo-children",
            type=int,
            default=2000,
            help="Children in the demo council made when the database is empty.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve  # noqa: PLC0415

        from hearth.demo.selectors import demo_sign_ins  # noqa: PLC0415
        from hearth.organisation.models import Worker  # noqa: PLC0415
        from hearth.wsgi import application  # noqa: PLC0415

        call_command("migrate", interactive=False, verbosity=0)
        self._publish_shipped_practice_models()
        if not Worker.objects.exists():
            self.stdout.write("The database is empty: creating a demo council...")
            call_command("demo_council", children=options["demo_children"], seed=1)
        address = f"http://{options['host']}:{options['port']}"
        self.stdout.write(
            f"\nHearth is running at {address}\n\nDemo sign-ins (username / password):"
        )
        for role, username, password in demo_sign_ins():
            self.stdout.write(f"  {role:<32} {username} / {password}")
        self.stdout.write("\nPress Ctrl+C to stop.")
        serve(application, host=options["host"], port=options["port"], threads=options["threads"])

    def _publish_shipped_practice_models(self) -> None:
        """Publish the practice models Hearth ships (a no-op for versions already published)."""
        from hearth.paths import PROJECT_DIR  # noqa: PLC0415
        from hearth.practice.services import practice_model_publish  # noqa: PLC0415

        for folder in sorted((PROJECT_DIR / "practice_models").iterdir()):
            if (folder / "model.yaml").exists():
                practice_model_publish(actor=None, path=folder)
