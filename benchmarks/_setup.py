"""Shared set-up for the benchmarks: a database of their own, and Django pointed at it.

Benchmarks never touch the development database or a test database. They use `hearth_bench`:

* with no `DATABASE_URL`, on the embedded PostgreSQL server under `var/` (started here and kept
  running while the benchmark runs);
* with `DATABASE_URL` set, on that same server, with the database name replaced by
  `hearth_bench` (or whatever `BENCH_DATABASE` says).

The database is created if missing and migrated before each run.
"""

from __future__ import annotations

import os
import platform
import statistics
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "hearth_bench")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def setup_django() -> str:
    """Create and migrate the benchmark database, set up Django on it; return its URL."""
    import psycopg  # noqa: PLC0415

    from hearth.embedded import embedded_url, ensure_running  # noqa: PLC0415

    given = os.environ.get("DATABASE_URL")
    if given:
        admin_url, bench_url = (
            _with_database(given, "postgres"),
            _with_database(given, BENCH_DATABASE),
        )
    else:
        ensure_running()  # starts the embedded server and keeps it up while we run
        admin_url, bench_url = embedded_url("postgres"), embedded_url(BENCH_DATABASE)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return bench_url


def machine() -> str:
    """A short description of the machine, for the results table."""
    cores = os.cpu_count() or 0
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            kb = int(info.readline().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.machine()} {cores} cores{memory}, {platform.system()}"


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """(p50, p95, max) of `samples`, in the same unit."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]
