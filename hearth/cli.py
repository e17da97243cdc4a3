"""The `hearth` console command: every management task, with the embedded database started first.

    hearth serve                      run Hearth on http://127.0.0.1:8000
    hearth demo-council --children N  create a synthetic council
    hearth migrate | shell | ...      any Django management command

Without `DATABASE_URL`, the embedded PostgreSQL server under `var/` is started (and stopped again
when the last `hearth` process using it exits).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `hearth` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # Commands are spelt with hyphens on the command line (demo-council) and with
        # underscores as Python modules (demo_council).
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    if not (args and args[0] in {"help", "--help", "-h", "version", "--version"}):
        from hearth.embedded import ensure_running  # noqa: PLC0415

        ensure_running()
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(["hearth", *args])


if __name__ == "__main__":
    main()
