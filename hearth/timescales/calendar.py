"""Working-day arithmetic over the council's non-working-day table.

Counting rule (domain.md section 4): the trigger day is day 0 and a deadline of N working days is
the Nth working day after it. A working day is Monday to Friday and not in `NonWorkingDay`.

The non-working days are read from the database once per process and kept in memory. A service
that edits the table calls `note_table_changed()`: until that transaction ends, this thread reads
the table afresh (seeing its own uncommitted change) without caching it, and once the transaction
has committed or rolled back the process's copy is dropped, so a rolled-back edit never lingers.
Other processes notice an edit within `REVALIDATE_AFTER` seconds, because each re-checks a cheap
fingerprint of the table (row count and newest row) at most that often. Nothing here ever calls
the network.

Years outside the seeded range (see `hearth calendar sync`) only skip weekends, because the table
has no bank holidays for them.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Max

from hearth.timescales.models import NonWorkingDay

SATURDAY = 5

# How long (seconds) another process may keep using its copy after an administrator's edit.
REVALIDATE_AFTER = 30.0

_Fingerprint = tuple[int, dt.datetime | None]


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Working-day arithmetic over a fixed set of non-working dates.

    The module-level functions use the calendar loaded from the database; tests and bulk jobs may
    build one directly.
    """

    non_working: frozenset[dt.date]

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday and not a bank holiday, proclamation day or council closure."""
        return day.weekday() < SATURDAY and day not in self.non_working

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`th working day after `start` (day 0); negative counts back before it.

        `start` need not be a working day: 1 working day from a Saturday is the Monday (or the
        next working day). With `days == 0` the answer is `start` itself.
        """
        step = dt.timedelta(days=1 if days >= 0 else -1)
        remaining = abs(days)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`.

        This inverts `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
        When `end` is before `start` the answer is negative: minus the working days from `end`
        up to but not including `start`.
        """
        if end < start:
            return -self._count(end, start - dt.timedelta(days=1))
        return self._count(start + dt.timedelta(days=1), end)

    def _count(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included."""
        if last < first:
            return 0
        total = (last - first).days + 1
        full_weeks, extra = divmod(total, 7)
        weekdays = full_weeks * 5
        for offset in range(extra):
            if (first + dt.timedelta(days=full_weeks * 7 + offset)).weekday() < SATURDAY:
                weekdays += 1
        closed = sum(
            1 for day in self.non_working if first <= day <= last and day.weekday() < SATURDAY
        )
        return weekdays - closed


@dataclass
class _Cached:
    calendar: WorkingDayCalendar
    fingerprint: _Fingerprint
    checked_at: float


_lock = threading.Lock()
_cached: _Cached | None = None
# Per thread (Django connections are per thread): the outermost atomic block in which this thread
# changed the table, while that transaction is still open.
_changed_in = threading.local()


def _fingerprint() -> _Fingerprint:
    # Dates are never edited in place (services only add and remove rows), so an addition always
    # changes the newest created_at and a removal always changes the count.
    row = NonWorkingDay.objects.aggregate(rows=Count("pk"), newest=Max("created_at"))
    return (int(row["rows"]), row["newest"])


def _load() -> WorkingDayCalendar:
    return WorkingDayCalendar(frozenset(NonWorkingDay.objects.values_list("day", flat=True)))


def _changed_in_open_transaction() -> bool:
    """Whether this thread changed the table in a transaction that is still open.

    When that transaction has ended (committed or rolled back) the marker is cleared and the
    process's copy dropped, because it may hold, or lack, the change.
    """
    block = getattr(_changed_in, "block", None)
    if block is None:
        return False
    if any(open_block is block for open_block in connection.atomic_blocks):
        return True
    _changed_in.block = None
    invalidate()
    return False


def note_table_changed() -> None:
    """Tell the calendar that this transaction changed the non-working-day table.

    Services that add or remove non-working days call this straight after the write.
    """
    blocks = connection.atomic_blocks
    if blocks:
        _changed_in.block = blocks[0]
        transaction.on_commit(invalidate)
    invalidate()


def current_calendar() -> WorkingDayCalendar:
    """The working-day calendar from the non-working-day table, cached for this process."""
    global _cached  # noqa: PLW0603 - the per-process cache is deliberately module state
    if _changed_in_open_transaction():
        return _load()
    now = time.monotonic()
    with _lock:
        cached = _cached
        if cached is not None and now - cached.checked_at < REVALIDATE_AFTER:
            return cached.calendar
        fingerprint = _fingerprint()
        if cached is not None and cached.fingerprint == fingerprint:
            cached.checked_at = now
            return cached.calendar
        calendar = _load()
        _cached = _Cached(calendar=calendar, fingerprint=fingerprint, checked_at=now)
        return calendar


def invalidate() -> None:
    """Forget this process's copy; the next read loads the table again."""
    global _cached  # noqa: PLW0603 - see current_calendar
    with _lock:
        _cached = None


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday, proclamation day or council closure day."""
    return current_calendar().is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The Nth working day after `start`, where `start` is day 0 (negative N counts back)."""
    return current_calendar().add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    return current_calendar().working_days_between(start, end)


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    return current_calendar().next_working_day(day)
