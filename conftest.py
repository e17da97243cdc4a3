"""Project-wide pytest fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: pytest.FixtureRequest) -> None:
    """Give transactional tests the reference data that migrations seed.

    pytest-django empties every table after a transactional test (browser journeys, tests of the
    separate audit connection), which removes the bank holidays the migrations seeded. Such tests
    run after all the others, so only they need it back: re-seed before each of them.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from hearth.timescales import calendar  # noqa: PLC0415
    from hearth.timescales.models import NonWorkingDay  # noqa: PLC0415
    from hearth.timescales.seed import england_bank_holidays, holidays_source  # noqa: PLC0415

    if not NonWorkingDay.objects.exists():
        NonWorkingDay.objects.bulk_create(
            NonWorkingDay(day=h.day, name=h.name, kind=h.kind.value, source=holidays_source())
            for h in england_bank_holidays(2015, 2035)
        )
        calendar.invalidate()
