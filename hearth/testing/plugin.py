"""pytest plugin, loaded before pytest-django: make sure a PostgreSQL server is there.

With `DATABASE_URL` set, tests use that server (creating a `test_` database on it). Without it,
the embedded server under `var/` is started, as `hearth` does.
"""

from hearth.embedded import ensure_running

ensure_running()
