"""Database settings: PostgreSQL from `DATABASE_URL`, or the embedded server. Never SQLite."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from hearth.embedded import embedded_url


def database_from_url(url: str) -> dict[str, Any]:
    """Turn a `postgresql://user:password@host:port/name?host=/socket` URL into Django settings."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, not {parts.scheme!r}")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = query.pop("host", None) or unquote(parts.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": query,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": True,
    }


_default = database_from_url(os.environ.get("DATABASE_URL") or embedded_url())
# Several test runs can share one server (developers working side by side): each can name its own
# test database.
_default["TEST"] = {"NAME": os.environ.get("HEARTH_TEST_DATABASE", f"test_{_default['NAME']}")}

DATABASES = {
    "default": _default,
    # The read audit is written on its own autocommit connection, so the record that somebody
    # viewed a child survives even when the request that showed it fails and rolls back
    # (stack.md, gotcha 11).
    # In tests it mirrors `default`, so each test's audit rows roll back with the test.
    "audit": {
        **_default,
        "ATOMIC_REQUESTS": False,
        "TEST": {"MIRROR": "default", "NAME": _default["TEST"]["NAME"]},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
