"""Browser journeys: Playwright driving Debian's chromium against a live Hearth server.

The `live_server` fixture serves Hearth from a thread on the test database; every journey starts
from a fresh database (transactional), so journeys can commit as a real server would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make to set
# up data are still plain synchronous calls, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if CHROMIUM is None:
                item.add_marker(
                    pytest.mark.skip(
                        reason="Debian chromium is not installed (make test installs it)"
                    )
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system chromium, never a downloaded browser, with no background networking."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> Iterator[str]:
    """Pages are addressed relative to the live server (`page.goto("/")`)."""
    yield live_server.url
