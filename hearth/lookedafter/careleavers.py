"""Care-leaver status, derived from the care history (domain.md section 5).

Sources: Children Act 1989 Sch 2 para 19B and ss23A-24; SI 2010/959 reg 40. `care_leaver_status`
is a pure function over plain values, so the child's page, the work tray and the returns derive it
the same way, and it is tested against hand-worked histories.

* **Eligible**: aged 16 or 17 and looked after, having been looked after for at least 13 weeks in
  total since the age of 14, the time ending after the 16th birthday.
* **Relevant**: aged 16 or 17, no longer looked after, and was eligible before leaving care; or
  was detained or in hospital on the 16th birthday having been looked after for 13 weeks since 14.
* **Former relevant**: aged 18 to 21 (to 25 when receiving support to 25), and was eligible or
  relevant.
* **Qualifying**: aged 16 to 21 (to 25 in education or training), looked after (or accommodated)
  on or after the 16th birthday but not for long enough to be eligible, and no longer looked
  after; or under a special guardianship order made after being looked after.

Counting: a period of care counts from its start day up to (not including) the day it ended; an
open period counts up to and including the day asked about. 13 weeks is 91 days, so a child who
became looked after on 1 January 2026 completes 13 weeks on 1 April 2026, their 91st day in care.
Only days from the 14th birthday up to the 18th count, and pre-planned short breaks (V3/V4) are
left out (reg 40(2)). "Ending after 16" means looked after on at least one day on or after the
16th birthday.

Partial: a relevant child who returns home to a parent for six months stops being relevant
(s23A(3) and reg 41 of SI 2010/959); privately fostered young people who qualify under s24(1A)
are not covered. Both need facts Hearth does not yet record for care leavers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hearth.lookedafter.codes import CareLeaverStatus
from hearth.timescales.rules import add_months

THIRTEEN_WEEKS = dt.timedelta(weeks=13)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CareSpan:
    """A time looked after: from `started_on` up to (not including) `ended_on`, or still open."""

    started_on: dt.date
    ended_on: dt.date | None = None
    is_short_break: bool = False


def birthday(date_of_birth: dt.date, age: int) -> dt.date:
    """The day someone turns `age`; a 29 February birthday falls on 28 February."""
    return add_months(date_of_birth, 12 * age)


def _overlap(span: CareSpan, start: dt.date, end: dt.date, on: dt.date) -> dt.timedelta:
    """Days of `span` in [start, end), counting up to and including `on`."""
    after_on = on + ONE_DAY
    span_end = span.ended_on if span.ended_on is not None else after_on
    first = max(span.started_on, start)
    last = min(span_end, end, after_on)
    return max(last - first, dt.timedelta(0))


def time_looked_after_since_14(
    *, date_of_birth: dt.date, spans: Sequence[CareSpan], on: dt.date
) -> dt.timedelta:
    """Time looked after from the 14th birthday up to the 18th (or `on`), short breaks aside."""
    start, end = birthday(date_of_birth, 14), birthday(date_of_birth, 18)
    return sum(
        (_overlap(span, start, end, on) for span in spans if not span.is_short_break),
        dt.timedelta(0),
    )


def _looked_after_after_16(
    spans: Sequence[CareSpan], date_of_birth: dt.date, on: dt.date, *, count_short_breaks: bool
) -> bool:
    start, end = birthday(date_of_birth, 16), birthday(date_of_birth, 18)
    return any(
        _overlap(span, start, end, on) > dt.timedelta(0)
        for span in spans
        if count_short_breaks or not span.is_short_break
    )


def _looked_after_on(spans: Sequence[CareSpan], on: dt.date) -> bool:
    return any(
        span.started_on <= on and (span.ended_on is None or span.ended_on > on)
        for span in spans
        if not span.is_short_break
    )


def care_leaver_status(  # noqa: PLR0911 (one return per status reads best)
    *,
    date_of_birth: dt.date,
    spans: Sequence[CareSpan],
    on: dt.date,
    date_of_death: dt.date | None = None,
    detained_or_in_hospital_at_16: bool = False,
    support_to_25: bool = False,
    special_guardianship_after_care: bool = False,
) -> CareLeaverStatus | None:
    """The young person's care-leaver status on `on`, or None when they have none.

    `support_to_25` is set when the young person has asked for a personal adviser to 25 or is in
    education or training (Children and Social Work Act 2017); it extends former relevant and
    qualifying status from 21 to 25.
    """
    if date_of_death is not None and date_of_death <= on:
        return None
    if on < birthday(date_of_birth, 16):
        return None
    upper_age = 25 if support_to_25 else 21
    if on >= birthday(date_of_birth, upper_age):
        return None

    long_enough = (
        time_looked_after_since_14(date_of_birth=date_of_birth, spans=spans, on=on)
        >= THIRTEEN_WEEKS
    )
    was_eligible = long_enough and (
        _looked_after_after_16(spans, date_of_birth, on, count_short_breaks=False)
        or detained_or_in_hospital_at_16
    )
    is_adult = on >= birthday(date_of_birth, 18)

    if not is_adult and _looked_after_on(spans, on):
        return CareLeaverStatus.ELIGIBLE if long_enough else None
    if was_eligible:
        return CareLeaverStatus.FORMER_RELEVANT if is_adult else CareLeaverStatus.RELEVANT
    if _looked_after_after_16(spans, date_of_birth, on, count_short_breaks=True):
        return CareLeaverStatus.QUALIFYING
    if special_guardianship_after_care:
        return CareLeaverStatus.QUALIFYING
    return None


def eligible_from(*, date_of_birth: dt.date, spans: Sequence[CareSpan]) -> dt.date | None:
    """The day the young person became an eligible child, or None if they never did.

    That is the first day on or after the 16th birthday (and before the 18th) on which they were
    looked after having completed 13 weeks in care since the age of 14, short breaks aside.
    """
    start, sixteen, eighteen = (birthday(date_of_birth, age) for age in (14, 16, 18))
    counted = sorted((s for s in spans if not s.is_short_break), key=lambda s: s.started_on)
    so_far = dt.timedelta(0)
    completed: dt.date | None = None
    for span in counted:
        first = max(span.started_on, start)
        last = min(span.ended_on or eighteen, eighteen)
        if last <= first:
            continue
        if completed is None and so_far + (last - first) >= THIRTEEN_WEEKS:
            # The 91st day in care completes the 13 weeks.
            completed = first + (THIRTEEN_WEEKS - so_far) - ONE_DAY
        so_far += last - first
    if completed is None:
        return None
    threshold = max(completed, sixteen)
    for span in counted:
        candidate = max(threshold, span.started_on)
        span_end = span.ended_on or eighteen
        if candidate < min(span_end, eighteen):
            return candidate
    return None
