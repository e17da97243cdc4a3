"""URL converter for ISO dates (2026-12-24)."""

from __future__ import annotations

import datetime as dt


class IsoDateConverter:
    """Matches YYYY-MM-DD and gives a `date`; an impossible date is a 404, not an error."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        return dt.date.fromisoformat(value)  # ValueError makes Django try the next pattern

    def to_url(self, value: dt.date) -> str:
        return value.isoformat()
