"""SSDA903 episodes, derived from a period of care's legal statuses and placements.

The 903 does not record placements and legal statuses: it records *episodes*. A new episode starts
whenever the legal status or the placement (or both) changes; consecutive episodes meet on the
same day (`DEC` of one is `DECOM` of the next) and are linked by `REC = X1`; the first episode of a
period of care has `RNE = S`, the last ends with the period's reason for ceasing (returns.md 2.3,
2.5; domain.md 6.4, 6.5). Hearth stores what happened (statuses and placements) and derives the
episodes here, so a corrected placement date corrects every episode that depends on it.

`derive_episodes` is a pure function over plain values, with no database access, so the return,
the child's page and the tests all derive episodes the same way.

Rules applied:

* A legal status record that repeats the code in force is not a change (no new episode).
* A new placement record is always a change of placement; whether the carers are the same
  (`same_carer_as_previous`: the carer moved house, the provider type or URN changed) decides
  between P and T, and between B and U when the legal status changes the same day. A move to
  A3 or A5 (placed for adoption with the current foster carers) is always with the same carers
  (rule 217), whatever was recorded.
* When two records start on the same day, the later-recorded one is the one in force; a record
  that starts and ends on the same day is superseded and never makes an episode (an episode
  cannot start and end on the same day, rule 355 aside).
* `REASON_PLACE_CHANGE` goes on the ceasing episode when the next episode changes placement (RNE
  P, T, B or U), taken from the placement that ended; it is left blank when the placement that
  ends or the one that follows is temporary (rule 226), for an episode still open (233) and when
  the child leaves care.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

TEMPORARY_PLACE_CODES = frozenset({"T0", "T1", "T2", "T3", "T4"})
PLACEMENT_CHANGES = frozenset({"P", "T", "B", "U"})
# Placed for adoption with the current foster carers: the same carers by definition (rule 217).
WITH_CURRENT_FOSTER_CARERS = frozenset({"A3", "A5"})


@dataclass(frozen=True)
class PeriodFacts:
    """What the 903 needs from a period of care itself."""

    started_on: dt.date
    category_of_need: str
    home_postcode: str = ""
    ended_on: dt.date | None = None
    reason_ceased: str = ""


@dataclass(frozen=True)
class LegalStatusFacts:
    """A legal status in force from `started_on` until `ended_on` (exclusive), or open."""

    code: str
    started_on: dt.date
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class PlacementFacts:
    """A placement from `started_on` until `ended_on` (exclusive), or open."""

    place: str
    started_on: dt.date
    ended_on: dt.date | None = None
    provider: str = ""
    postcode: str = ""
    urn: str = ""
    same_carer_as_previous: bool = False
    reason_for_change: str = ""


@dataclass(frozen=True)
class Episode:
    """One row of the 903 Episodes table (without CHILD), field names as in the return."""

    decom: dt.date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: dt.date | None
    rec: str
    reason_place_change: str
    home_post: str
    pl_post: str
    urn: str


_Record = TypeVar("_Record", LegalStatusFacts, PlacementFacts)


def _in_force(records: Sequence[_Record], day: dt.date) -> _Record | None:
    """The record in force on `day`: started by then, not ended; the later-recorded on a tie."""
    found: _Record | None = None
    for record in records:
        if record.started_on > day:
            continue
        if record.ended_on is not None and record.ended_on <= day:
            continue
        if found is None or record.started_on >= found.started_on:
            found = record
    return found


def _reason_new_episode(*, status_changed: bool, placement: PlacementFacts | None) -> str:
    if placement is None:
        return "L"
    same_carers = placement.same_carer_as_previous or placement.place in WITH_CURRENT_FOSTER_CARERS
    if status_changed:
        return "U" if same_carers else "B"
    return "T" if same_carers else "P"


def derive_episodes(
    period: PeriodFacts,
    legal_statuses: Sequence[LegalStatusFacts],
    placements: Sequence[PlacementFacts],
) -> list[Episode]:
    """The 903 episodes of one period of care, in order.

    `legal_statuses` and `placements` are the period's records in the order they were recorded.
    Raises ValueError when, on some change date, no legal status or no placement is in force
    (the period's records have a gap), since no valid episode could be written for it.
    """
    last_day = period.ended_on
    starts_on = [s.started_on for s in legal_statuses] + [p.started_on for p in placements]
    change_days = sorted(
        {
            day
            for day in starts_on
            if day >= period.started_on and (last_day is None or day < last_day)
        }
        | {period.started_on}
    )

    # (start day, legal status, placement, RNE) for each episode.
    starts: list[tuple[dt.date, LegalStatusFacts, PlacementFacts, str]] = []
    for day in change_days:
        status = _in_force(legal_statuses, day)
        placement = _in_force(placements, day)
        if status is None or placement is None:
            missing = "legal status" if status is None else "placement"
            raise ValueError(f"No {missing} is recorded on {day:%d/%m/%Y}")
        if not starts:
            starts.append((day, status, placement, "S"))
            continue
        _, previous_status, previous_placement, _ = starts[-1]
        status_changed = status.code != previous_status.code
        placement_changed = placement is not previous_placement
        if not status_changed and not placement_changed:
            continue
        rne = _reason_new_episode(
            status_changed=status_changed, placement=placement if placement_changed else None
        )
        starts.append((day, status, placement, rne))

    episodes: list[Episode] = []
    for index, (day, status, placement, rne) in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else None
        if following is not None:
            dec: dt.date | None = following[0]
            rec = "X1"
            changes_placement = following[3] in PLACEMENT_CHANGES
            # Neither a temporary placement nor the move into one carries a reason (226).
            temporary = TEMPORARY_PLACE_CODES & {placement.place, following[2].place}
            reason_place_change = (
                placement.reason_for_change if changes_placement and not temporary else ""
            )
        else:
            dec = period.ended_on
            rec = period.reason_ceased if period.ended_on is not None else ""
            reason_place_change = ""
        episodes.append(
            Episode(
                decom=day,
                rne=rne,
                ls=status.code,
                cin=period.category_of_need,
                place=placement.place,
                place_provider=placement.provider,
                dec=dec,
                rec=rec,
                reason_place_change=reason_place_change,
                home_post=period.home_postcode,
                pl_post=placement.postcode,
                urn=placement.urn,
            )
        )
    return episodes
