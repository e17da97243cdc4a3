"""Where Hearth keeps things on disk."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def var_dir() -> Path:
    """The folder for local state (embedded database, uploads); `HEARTH_VAR_DIR` overrides it."""
    return Path(os.environ.get("HEARTH_VAR_DIR", PROJECT_DIR / "var")).resolve()
