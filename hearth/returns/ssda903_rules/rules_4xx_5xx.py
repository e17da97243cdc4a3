"""The SSDA903 rules numbered 400 to 599: episode sequences, adoption, missing, last year's episode.

Every check groups the rows it needs by child once and walks each child's rows, so a return of
15,000 children is read in a few passes. Each check's docstring names the rules it implements;
where the DfE's published validator reads a rule more narrowly or more widely than its wording, a
comment says which reading is used and why.

The placement's LA, whether it is in or out of the council's area and the distance from home are
not columns of the CSV tables: the DfE derives them from `HOME_POST` and `PL_POST`, and so do these
checks (`hearth.geography.postcodes`, the ONS postcode directory): PL_LA is the upper-tier council
containing `PL_POST` (SCO, WAL or NIR outside England), PL_LOCATION is IN when that is the
council's own, and PL_DISTANCE the straight line between the two postcodes in miles to one
decimal place. A postcode the directory does not hold derives nothing. Rules on these derived
values are reported on `PL_POST` (or `HOME_POST`), the column a worker corrects.

Rule 501 is in `basic`.

`CANNOT_APPLY` holds the list below as data (code -> reason); a test keeps the two in step.

Cannot apply:

* 411: placement location and LA of placement are not submitted columns; both are derived from
  `PL_POST`, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings

from hearth.geography.areas import LOCAL_AUTHORITIES
from hearth.geography.postcodes import PostcodeInfo, distance_miles, postcode_lookup
from hearth.returns.ssda903 import Row
from hearth.returns.ssda903_rules.registry import (
    Check,
    Problem,
    Submission,
    age_on,
    by_child,
    check,
    parse_date,
)

EPISODES = "Episodes"
SHORT_BREAKS = frozenset({"V3", "V4"})
PLACED_FOR_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
WITH_FORMER_FOSTER_CARERS = frozenset({f"U{n}" for n in range(1, 7)})
ADOPTED = frozenset({"E11", "E12"})
SPECIAL_GUARDIANSHIP = frozenset({"E45", "E46", "E47", "E48"})
# Every reason an episode ceases that ends the period of care (all but X1).
LEFT_CARE = frozenset(
    {"E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48"}
    | {"E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17"}
)
CONTINUATION = frozenset({"P", "L", "T", "U", "B"})
PLACEMENT_FIELDS = ("PLACE", "PL_POST", "URN", "PLACE_PROVIDER")
LATER_PARTICIPATION = frozenset({f"PN{n}" for n in range(1, 8)})
UNKNOWN_UPN = frozenset({f"UN{n}" for n in range(1, 6)})
# E1 (placement order, Adoption and Children Act 2002) came into force on 30 December 2005.
PLACEMENT_ORDERS_FROM = dt.date(2005, 12, 1)
FAR_FROM_HOME_MILES = 350.0
# 503G and 453 treat distances as the same when they differ by less than 0.2 miles.
DISTANCE_TOLERANCE = 0.2
COUPLE = frozenset({"MM", "FF", "MF"})
SAME_GENDER = frozenset({"MM", "FF"})
SINGLE = frozenset({"M1", "F1"})
# Rule 526 (provider required) and 213 (provider not required) split the placement types: no
# provider for temporary placements (T0-T4) and the Z11-Z14 codes.
NO_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})
# Rules 527-531 and 550: the placement types each provider code cannot be used with.
PROVIDER_NOT_WITH = {
    "527": ("PR1", frozenset({"P1", "R2", "R5"})),
    "528": ("PR2", frozenset({"P1", "R2", "R5"})),
    "529": ("PR3", frozenset({"P1", "K1", "K2"} | PLACED_FOR_ADOPTION | WITH_FORMER_FOSTER_CARERS)),
    "530": ("PR4", frozenset({"P1"})),
    "531": ("PR5", frozenset({"P1"})),
}
# Rules 511-524: the adopters' genders each legal status allows.
ADOPTERS_SEXES = {
    "517": ("L3", frozenset({"MF"})),
    "518": ("L4", SAME_GENDER),
    "519": ("L2", COUPLE),
    "520": ("L11", frozenset({"MF"})),
    "524": ("L12", SAME_GENDER),
}
OUTSIDE_ENGLAND = {"S": "SCO", "W": "WAL", "N": "NIR"}

# Rule code -> why it cannot apply to the tables Hearth submits (not registered as a check).
CANNOT_APPLY: dict[str, str] = {
    "411": (
        "Placement location and LA of placement are not submitted columns; both are derived from"
        " PL_POST, so they cannot disagree."
    ),
}


# The codes this module implements (its tests show each one caught).
CODES: set[str] = set()


def _check(*codes: str) -> Callable[[Check], Check]:
    """The registry's `check`, also noting the codes in `CODES`."""
    CODES.update(codes)
    return check(*codes)


def _day(row: Row, field: str) -> dt.date | None:
    return _date(row.get(field, ""))


@functools.lru_cache(maxsize=65536)
def _date(text: str) -> dt.date | None:
    """`parse_date`, remembered: a return repeats a few thousand dates across its rows, and
    strptime dominated a large council's run."""
    if len(text) == 10 and text[2] == "/" and text[5] == "/":
        day, month, year = text[:2], text[3:5], text[6:]
        if day.isdigit() and month.isdigit() and year.isdigit():
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                return None
    return parse_date(text)


def _by_start(rows: Iterable[Row]) -> list[Row]:
    """A child's episodes in date order (undated ones first, as the DfE's sort puts them)."""
    return sorted(
        rows, key=lambda r: (_day(r, "DECOM") or dt.date.min, _day(r, "DEC") or dt.date.max)
    )


def _births(submission: Submission) -> dict[str, dt.date]:
    """Each child's date of birth, from the Header."""
    born: dict[str, dt.date] = {}
    for row in submission.rows("Header"):
        day = _day(row, "DOB")
        if day:
            born[row["CHILD"]] = day
    return born


def _born(row: Row, births: dict[str, dt.date]) -> dt.date | None:
    """The row's own DOB, else the Header's."""
    return _day(row, "DOB") or births.get(row["CHILD"])


@dataclass(frozen=True)
class _PeriodOfCare:
    start: dt.date
    end: dt.date | None


def _periods_of_care(episodes: list[Row]) -> list[_PeriodOfCare]:
    """A child's periods of care: episodes chained end to start (the DfE's reading)."""
    periods: list[_PeriodOfCare] = []
    start: dt.date | None = None
    end: dt.date | None = None
    for row in episodes:
        decom, dec = _day(row, "DECOM"), _day(row, "DEC")
        if decom is None:
            continue
        if start is not None and end is not None and decom > end:
            periods.append(_PeriodOfCare(start, end))
            start = None
        if start is None:
            start = decom
        end = dec
    if start is not None:
        periods.append(_PeriodOfCare(start, end))
    return periods


def _continuously_looked_after(episodes: list[Row], submission: Submission) -> bool:
    """Looked after for the 12 months to 31 March (CLA12, returns.md 2.5), from the episodes.

    Looked after at some time in the year, with no period of care starting after the first day,
    none ending before 31 March, and no short-break (V3/V4) episode in the year.
    """
    start, end = submission.collection.start, submission.collection.reference_date
    in_year = False
    for row in episodes:
        decom, dec = _day(row, "DECOM"), _day(row, "DEC")
        during = decom is not None and decom <= end and (dec is None or dec >= start)
        in_year = in_year or during
        if row["RNE"] == "S" and decom is not None and start < decom <= end:
            return False
        if row["REC"] != "X1" and dec is not None and start <= dec < end:
            return False
        if row["LS"] in SHORT_BREAKS and during:
            return False
    return in_year


# Episode sequences ---------------------------------------------------------------------------


@_check("431", "432", "433", "434", "435", "436", "437", "504")
def _episode_sequence(submission: Submission) -> Iterator[Problem]:
    """Each episode against the one before it: the reason for the new episode, and what changed.

    431 a new period of care starting on or before the previous episode's end; 432 no S after
    the previous episode left care; 433 a continuation that does not start the day the previous
    ended; 434-436 RNE L, P/T and B/U against what changed (legal status; placement type,
    postcode, URN or provider); 437 episodes after death (E2) or an age assessment (E15); 504 the
    category of need changing within a period of care.
    """
    for child, rows in by_child(submission.rows(EPISODES)).items():
        ordered = _by_start(rows)
        for before, row in zip(ordered, ordered[1:], strict=False):
            decom, ended = _day(row, "DECOM"), _day(before, "DEC")
            rne = row["RNE"]
            if rne == "S" and decom and ended and decom <= ended:
                yield Problem("431", EPISODES, "RNE", child)
            if before["REC"] in LEFT_CARE and rne != "S":
                yield Problem("432", EPISODES, "RNE", child)
            if rne in CONTINUATION and (decom is None or ended is None or decom != ended):
                yield Problem("433", EPISODES, "DECOM", child)
            same_status = row["LS"] == before["LS"]
            same_placement = all(row[f] == before[f] for f in PLACEMENT_FIELDS)
            if rne == "L" and (same_status or not same_placement):
                yield Problem("434", EPISODES, "RNE", child)
            if rne in {"P", "T"} and (not same_status or same_placement):
                yield Problem("435", EPISODES, "RNE", child)
            if rne in {"B", "U"} and (same_status or same_placement):
                yield Problem("436", EPISODES, "RNE", child)
            if before["REC"] in {"E2", "E15"} and _day(before, "DECOM"):
                yield Problem("437", EPISODES, "REC", child)
            if before["REC"] == "X1" and ended and ended == decom and row["CIN"] != before["CIN"]:
                yield Problem("504", EPISODES, "CIN", child)


@_check("407", "408", "426", "446", "460", "516")
def _episode_facts(submission: Submission) -> Iterator[Problem]:
    """One episode's own facts, with the child's age.

    407 special guardianship (E45-E48) at 18 or over; 408 placed for adoption under a placement
    order (A5/A6) without one (E1); 426 V3 and V4 in the same year; 446 E1 before December 2005;
    460 staying put (E17) under 18; 516 SGO to former foster carers (E45/E46) but not placed
    with foster carers (U1-U6).
    """
    births = _births(submission)
    for child, rows in by_child(submission.rows(EPISODES)).items():
        born = births.get(child)
        if {row["LS"] for row in rows} >= SHORT_BREAKS:
            yield Problem("426", EPISODES, "LS", child)
        for row in rows:
            decom, dec, rec = _day(row, "DECOM"), _day(row, "DEC"), row["REC"]
            # "Has reached age 18" includes the birthday itself (the DfE's validator, only after).
            if rec in SPECIAL_GUARDIANSHIP and born and dec and age_on(born, dec) >= 18:
                yield Problem("407", EPISODES, "REC", child)
            if row["PLACE"] in {"A5", "A6"} and row["LS"] != "E1":
                yield Problem("408", EPISODES, "LS", child)
            if row["LS"] == "E1" and decom and decom < PLACEMENT_ORDERS_FROM:
                yield Problem("446", EPISODES, "LS", child)
            if rec == "E17" and born and dec and age_on(born, dec) < 18:
                yield Problem("460", EPISODES, "REC", child)
            if rec in {"E45", "E46"} and row["PLACE"] not in WITH_FORMER_FOSTER_CARERS:
                yield Problem("516", EPISODES, "PLACE", child)


@_check("406", "420", "454")
def _placement_distance(submission: Submission) -> Iterator[Problem]:
    """The derived placement LA and distance from home.

    406 a distance (both postcodes given) for a child who is or was UASC (this year's or last
    year's UASC table); 420 a placement postcode, so a placement LA, for a short break (V3/V4);
    454 a placement over 350 miles from home.
    """
    uasc = {row["CHILD"] for row in submission.rows("UASC")}
    if submission.previous is not None:
        uasc |= {row["CHILD"] for row in submission.previous.get("UASC", [])}
    for row in submission.rows(EPISODES):
        child = row["CHILD"]
        if row["LS"] in SHORT_BREAKS and row["PL_POST"]:
            yield Problem("420", EPISODES, "PL_POST", child)
        if child in uasc and row["HOME_POST"] and row["PL_POST"]:
            yield Problem("406", EPISODES, "HOME_POST", child)
        distance = _distance(row)
        if distance is not None and distance > FAR_FROM_HOME_MILES:
            yield Problem("454", EPISODES, "PL_POST", child)


@_check("526", "527", "528", "529", "530", "531", "550")
def _placement_provider(submission: Submission) -> Iterator[Problem]:
    """The placement provider against the placement type.

    526 a provider for every placement but temporary ones and Z11-Z14; 527-531 the types PR1-PR5
    cannot provide; 550 PR0 (parents) only with P1.
    """
    for row in submission.rows(EPISODES):
        place, provider, child = row["PLACE"], row["PLACE_PROVIDER"], row["CHILD"]
        if not provider and place and place not in NO_PROVIDER:
            yield Problem("526", EPISODES, "PLACE_PROVIDER", child)
        for code, (wrong_provider, places) in PROVIDER_NOT_WITH.items():
            if provider == wrong_provider and place in places:
                yield Problem(code, EPISODES, "PLACE_PROVIDER", child)
        if provider == "PR0" and place != "P1":
            yield Problem("550", EPISODES, "PLACE_PROVIDER", child)


# Header and reviews -------------------------------------------------------------------------


@_check("442", "444")
def _upn(submission: Submission) -> Iterator[Problem]:
    """442 a UPN (or UN code) for every child with an episode other than a short break; 444 one
    UPN per child."""
    needs_upn = {r["CHILD"] for r in submission.rows(EPISODES) if r["LS"] not in SHORT_BREAKS}
    header = submission.rows("Header")
    counts = Counter(r["UPN"] for r in header if r["UPN"] and r["UPN"] not in UNKNOWN_UPN)
    for row in header:
        if not row["UPN"] and row["CHILD"] in needs_upn:
            yield Problem("442", "Header", "UPN", row["CHILD"])
        if counts.get(row["UPN"], 0) > 1:
            yield Problem("444", "Header", "UPN", row["CHILD"])


@_check("440", "441")
def _review_participation(submission: Submission) -> Iterator[Problem]:
    """440 PN0 (under 4) for a child of 4 or over at the review; 441 PN1-PN7 for a child under 4."""
    births = _births(submission)
    for row in submission.rows("Reviews"):
        born, held = _born(row, births), _day(row, "REVIEW")
        code = row["REVIEW_CODE"]
        if born is None or held is None or not code:
            continue
        # On the fourth birthday the child is 4 (the wording); the DfE's validator lets that day
        # pass as PN0.
        under_four = age_on(born, held) < 4
        if code == "PN0" and not under_four:
            yield Problem("440", "Reviews", "REVIEW_CODE", row["CHILD"])
        if code in LATER_PARTICIPATION and under_four:
            yield Problem("441", "Reviews", "REVIEW_CODE", row["CHILD"])


# Outcomes for children looked after 12 months (OC2) -------------------------------------------


@_check("542", "543", "544", "545", "546", "547")
def _oc2_health_and_convictions(submission: Submission) -> Iterator[Problem]:
    """Conviction and health promotion items by age at 31 March.

    542 no conviction item under 10; 543 one at 10 or over when looked after for 12 months; 545
    a health check under 5 when looked after for 12 months; 546 none at 5 or over; 544 and 547 a
    child convicted or with a health check (a 1, as the DfE reads "completed") has the other
    health items.
    """
    births = _births(submission)
    episodes = by_child(submission.rows(EPISODES))
    reference = submission.collection.reference_date
    others = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")
    for row in submission.rows("OC2"):
        child = row["CHILD"]
        born = _born(row, births)
        age = age_on(born, reference) if born else None
        twelve_months = _continuously_looked_after(episodes.get(child, []), submission)
        if age is not None and age < 10 and row["CONVICTED"]:
            yield Problem("542", "OC2", "CONVICTED", child)
        if age is not None and age >= 10 and twelve_months and not row["CONVICTED"]:
            yield Problem("543", "OC2", "CONVICTED", child)
        incomplete = any(not row[f] for f in others)
        if row["CONVICTED"] == "1" and incomplete:
            yield Problem("544", "OC2", "CONVICTED", child)
        if age is not None and age < 5 and twelve_months and not row["HEALTH_CHECK"]:
            yield Problem("545", "OC2", "HEALTH_CHECK", child)
        if age is not None and age >= 5 and row["HEALTH_CHECK"]:
            yield Problem("546", "OC2", "HEALTH_CHECK", child)
        if row["HEALTH_CHECK"] == "1" and incomplete:
            yield Problem("547", "OC2", "HEALTH_CHECK", child)


# Adoption ------------------------------------------------------------------------------------


@_check("511", "514", "517", "518", "519", "520", "524")
def _adopters(submission: Submission) -> Iterator[Problem]:
    """The number, genders and legal status of the adopters agree (AD1)."""
    for row in submission.rows("AD1"):
        child, number, sexes, status = (
            row["CHILD"],
            row["NB_ADOPTR"],
            row["SEX_ADOPTR"],
            row["LS_ADOPTR"],
        )
        if number == "2" and sexes not in COUPLE:
            yield Problem("511", "AD1", "SEX_ADOPTR", child)
        # The wording reads the number of adopters, the DfE's validator their genders: both.
        if status == "L0" and (number == "2" or sexes not in SINGLE):
            yield Problem("514", "AD1", "LS_ADOPTR", child)
        for code, (legal_status, allowed) in ADOPTERS_SEXES.items():
            if status == legal_status and sexes not in allowed:
                yield Problem(code, "AD1", "SEX_ADOPTR", child)


def _latest(decisions: list[Row]) -> Row | None:
    """The child's latest decision that they should be placed for adoption."""
    dated = [r for r in decisions if _day(r, "DATE_PLACED")]
    return max(dated, key=lambda r: _day(r, "DATE_PLACED") or dt.date.min) if dated else None


@_check("522", "523", "525", "563", "579", "583")
def _decisions(submission: Submission) -> Iterator[Problem]:
    """Decisions that a child should be placed for adoption, and AD1's date of that decision.

    Where a child has more than one decision, the DfE's validator compares AD1 with every one;
    here 523 and 525 read the latest, because a decision reversed before a new one was made is
    not a contradiction (583 and 579 check that earlier decisions were reversed).
    """
    adopted = by_child(submission.rows("AD1"))
    for child, rows in by_child(submission.rows("PlacedAdoption")).items():
        for row in rows:
            placed, ceased = _day(row, "DATE_PLACED"), _day(row, "DATE_PLACED_CEASED")
            if placed and ceased and placed > ceased:
                yield Problem("522", "PlacedAdoption", "DATE_PLACED_CEASED", child)
            if not row["DATE_PLACED"] and (
                row["DATE_PLACED_CEASED"] or row["REASON_PLACED_CEASED"]
            ):
                yield Problem("563", "PlacedAdoption", "DATE_PLACED", child)
        yield from _decision_sequence(child, rows)
        latest = _latest(rows)
        for ad1 in adopted.get(child, []):
            date_int = _day(ad1, "DATE_INT")
            if latest and date_int and date_int != _day(latest, "DATE_PLACED"):
                yield Problem("523", "AD1", "DATE_INT", child)
            if latest and latest["DATE_PLACED_CEASED"]:
                yield Problem("525", "PlacedAdoption", "DATE_PLACED_CEASED", child)


@_check("521", "551", "552", "553", "554")
def _adoption_dates(submission: Submission) -> Iterator[Problem]:
    """The decision (latest, as in `_decisions`) against placements for adoption and orders.

    521 AD1's decision after a placement for adoption (A3-A6); 551 and 553 no decision for a
    child placed for adoption or under a placement order (E1), or (553) the decision reversed
    while the order is in force; 552 and 554 a decision after the first such placement or order.
    """
    decisions = by_child(submission.rows("PlacedAdoption"))
    adopted = by_child(submission.rows("AD1"))
    for child, rows in by_child(submission.rows(EPISODES)).items():
        latest = _latest(decisions.get(child, []))
        decided = _day(latest, "DATE_PLACED") if latest else None
        ordered = _by_start(rows)
        placements = [_day(r, "DECOM") for r in ordered if r["PLACE"] in PLACED_FOR_ADOPTION]
        orders = [_day(r, "DECOM") for r in ordered if r["LS"] == "E1"]
        if placements and decided is None:
            yield Problem("551", "PlacedAdoption", "DATE_PLACED", child)
        # A placement order still in force with the decision reversed has no decision either
        # (the DfE's validator reads 553 so).
        order_in_force = any(r["LS"] == "E1" and not r["DEC"] for r in ordered)
        reversed_ = latest is not None and bool(
            latest["DATE_PLACED_CEASED"] or latest["REASON_PLACED_CEASED"]
        )
        if (orders and decided is None) or (order_in_force and reversed_):
            yield Problem("553", "PlacedAdoption", "DATE_PLACED", child)
        first_placed = next((d for d in placements if d), None)
        if decided and first_placed and first_placed < decided:
            yield Problem("552", "PlacedAdoption", "DATE_PLACED", child)
        first_order = next((d for d in orders if d), None)
        if decided and first_order and first_order < decided:
            yield Problem("554", "PlacedAdoption", "DATE_PLACED", child)
        for ad1 in adopted.get(child, []):
            date_int = _day(ad1, "DATE_INT")
            if date_int and any(d and d < date_int for d in placements):
                yield Problem("521", "AD1", "DATE_INT", child)


@_check("557", "558", "582")
def _left_care_on_the_adoption_route(submission: Submission) -> Iterator[Problem]:
    """How a child on the adoption route left care, against the decision and AD1.

    557 left care other than by adoption without the decision reversed (date and reason); 558
    adopted with the (latest) decision reversed; 582 adopted on the day they were matched.
    """
    decisions = by_child(submission.rows("PlacedAdoption"))
    adopted = by_child(submission.rows("AD1"))
    for child, rows in by_child(submission.rows(EPISODES)).items():
        child_decisions = decisions.get(child, [])
        latest = _latest(child_decisions)
        reversal_incomplete = not child_decisions or any(
            not (d["DATE_PLACED_CEASED"] and d["REASON_PLACED_CEASED"]) for d in child_decisions
        )
        for row in rows:
            rec = row["REC"]
            adoption_route = row["PLACE"] in PLACED_FOR_ADOPTION or row["LS"] in {"D1", "E1"}
            left_otherwise = rec and rec != "X1" and rec not in ADOPTED
            if adoption_route and left_otherwise and reversal_incomplete:
                yield Problem("557", "PlacedAdoption", "DATE_PLACED_CEASED", child)
            if rec not in ADOPTED:
                continue
            if latest and latest["DATE_PLACED_CEASED"]:
                yield Problem("558", "PlacedAdoption", "DATE_PLACED_CEASED", child)
            dec = _day(row, "DEC")
            if dec and any(_day(a, "DATE_MATCH") == dec for a in adopted.get(child, [])):
                yield Problem("582", "AD1", "DATE_MATCH", child)


def _decision_sequence(child: str, rows: list[Row]) -> Iterator[Problem]:
    """579 decisions that overlap; 583 an earlier decision never reversed."""
    ordered = sorted(rows, key=lambda r: _day(r, "DATE_PLACED") or dt.date.min)
    for before, row in zip(ordered, ordered[1:], strict=False):
        placed, ceased = _day(row, "DATE_PLACED"), _day(before, "DATE_PLACED_CEASED")
        if placed and (not before["DATE_PLACED_CEASED"] or (ceased and placed < ceased)):
            yield Problem("579", "PlacedAdoption", "DATE_PLACED", child)
    open_decisions = [r for r in rows if not r["DATE_PLACED_CEASED"]]
    latest = _latest(rows)
    if len(rows) > 1 and (len(open_decisions) > 1 or any(r is not latest for r in open_decisions)):
        yield Problem("583", "PlacedAdoption", "DATE_PLACED_CEASED", child)


@_check("559", "560", "561", "584")
def _adoption_against_last_year(submission: Submission) -> Iterator[Problem]:
    """This year's decisions against last year's return.

    559 a decision before this year that last year's return did not have; 560 last year's open
    decision missing this year (the DfE's validator compares every row with it; here it must
    be among this year's, since a child can have it reversed and a new decision in one year);
    561 a decision last year showed as reversed, reported again; 584 a decision not later than
    one last year showed as reversed.
    """
    if submission.previous is None:
        return
    last_year = by_child(submission.previous.get("PlacedAdoption", []))
    start = submission.collection.start
    for child, rows in by_child(submission.rows("PlacedAdoption")).items():
        before = last_year.get(child, [])
        this_year = {_day(r, "DATE_PLACED") for r in rows}
        last_dates = {_day(r, "DATE_PLACED") for r in before} - {None}
        for row in rows:
            placed = _day(row, "DATE_PLACED")
            if placed and placed < start and not last_dates:
                yield Problem("559", "PlacedAdoption", "DATE_PLACED", child)
            for old in before:
                old_placed = _day(old, "DATE_PLACED")
                reversed_ = bool(old["DATE_PLACED_CEASED"] or old["REASON_PLACED_CEASED"])
                if reversed_ and old_placed and placed == old_placed:
                    yield Problem("561", "PlacedAdoption", "DATE_PLACED", child)
                if reversed_ and old_placed and (placed is None or placed <= old_placed):
                    yield Problem("584", "PlacedAdoption", "DATE_PLACED", child)
        for old in before:
            old_placed = _day(old, "DATE_PLACED")
            if old_placed and not old["DATE_PLACED_CEASED"] and old_placed not in this_year:
                yield Problem("560", "PlacedAdoption", "DATE_PLACED", child)


# Missing and away from placement without authorisation ---------------------------------------


@_check("564", "565", "566", "567", "570", "571", "574", "586")
def _missing_dates(submission: Submission) -> Iterator[Problem]:
    """Each missing or away period's own dates and kind, and overlaps between a child's periods.

    574 follows the DfE's order: periods by end (an open one by its start), each against the
    one before it, which must have ended, and ended on or before this one started.
    """
    births = _births(submission)
    start, end = submission.collection.start, submission.collection.reference_date
    for child, rows in by_child(submission.rows("Missing")).items():
        for row in rows:
            began, back = _day(row, "MIS_START"), _day(row, "MIS_END")
            if row["MISSING"] and not row["MIS_START"]:
                yield Problem("564", "Missing", "MIS_START", child)
            if row["MIS_START"] and not row["MISSING"]:
                yield Problem("565", "Missing", "MISSING", child)
            if row["MIS_END"] and not row["MISSING"]:
                yield Problem("566", "Missing", "MISSING", child)
            if began and back and back < began:
                yield Problem("567", "Missing", "MIS_END", child)
            if began and began > end:
                yield Problem("570", "Missing", "MIS_START", child)
            if back and (back < start or back > end):
                yield Problem("571", "Missing", "MIS_END", child)
            born = _born(row, births)
            if began and born and began <= born:
                yield Problem("586", "Missing", "MIS_START", child)
        ordered = sorted(
            rows,
            key=lambda r: (
                _day(r, "MIS_END") or _day(r, "MIS_START") or dt.date.min,
                _day(r, "MIS_START") or dt.date.min,
            ),
        )
        for before, row in zip(ordered, ordered[1:], strict=False):
            began, previous_back = _day(row, "MIS_START"), _day(before, "MIS_END")
            if not before["MIS_END"] or (began and previous_back and began < previous_back):
                yield Problem("574", "Missing", "MIS_START", child)


@_check("575", "577", "578", "580", "581")
def _missing_against_care(submission: Submission) -> Iterator[Problem]:
    """Missing periods against the child's episodes and periods of care.

    575 a period still open though the episode it started in has ended; 577 a period still open
    though the period of care has ended; 578 a period starting outside every period of care; 580
    a child missing until their 18th birthday, when care ended, with a reason other than E8 (the
    DfE's reading of "missing when they ceased to be looked after"); 581 a period starting
    outside every episode.
    """
    births = _births(submission)
    episodes = {c: _by_start(rows) for c, rows in by_child(submission.rows(EPISODES)).items()}
    for child, rows in by_child(submission.rows("Missing")).items():
        child_episodes = episodes.get(child, [])
        periods = _periods_of_care(child_episodes)
        spans = [(_day(e, "DECOM"), _day(e, "DEC"), e["REC"]) for e in child_episodes]
        for row in rows:
            began, back = _day(row, "MIS_START"), _day(row, "MIS_END")
            if began is None:
                continue
            if not row["MIS_END"] and any(
                decom and dec and decom <= began <= dec for decom, dec, _ in spans
            ):
                yield Problem("575", "Missing", "MIS_END", child)
            if not row["MIS_END"] and not any(p.end is None and p.start <= began for p in periods):
                yield Problem("577", "Missing", "MIS_END", child)
            if not any(p.start <= began and (p.end is None or began <= p.end) for p in periods):
                yield Problem("578", "Missing", "MIS_START", child)
            if not any(
                decom and decom <= began and (dec is None or began <= dec)
                for decom, dec, _ in spans
            ):
                yield Problem("581", "Missing", "MIS_START", child)
            born = _born(row, births)
            eighteenth = _birthday(born, 18) if born else None
            if (
                back
                and back == eighteenth
                and any(dec == back and rec != "E8" for _, dec, rec in spans)
            ):
                yield Problem("580", EPISODES, "REC", child)


def _birthday(born: dt.date, age: int) -> dt.date:
    """The day a child born on `born` reaches `age` (1 March for 29 February in other years)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


@_check("576")
def _missing_against_last_year(submission: Submission) -> Iterator[Problem]:
    """576 a period open at the end of last year that this year's first period does not continue.

    The DfE's validator checks only children with a Missing row this year; the wording covers
    any child in this year's return, so a child whose open period is absent altogether is
    reported too.
    """
    if submission.previous is None:
        return
    still_open: dict[str, dt.date | None] = {}
    for row in submission.previous.get("Missing", []):
        if not row["MIS_END"]:
            still_open[row["CHILD"]] = _day(row, "MIS_START")
    if not still_open:
        return
    this_year = by_child(submission.rows("Missing"))
    in_return = {r["CHILD"] for r in submission.rows("Header")} | set(
        by_child(submission.rows(EPISODES))
    )
    for child, began in still_open.items():
        if child not in in_return:
            continue
        starts = [_day(r, "MIS_START") for r in this_year.get(child, [])]
        first = min((d for d in starts if d), default=None)
        if first is None or first != began:
            yield Problem("576", "Missing", "MIS_START", child)


# Last year's open episode ---------------------------------------------------------------------


def _council_ons_code(submission: Submission) -> str:
    """The council's ONS code: from its DfE LA number where Hearth lists it, else the setting."""
    for la in LOCAL_AUTHORITIES.values():
        if str(la.dfe_number) == submission.la_code:
            return la.code
    return str(settings.HEARTH_COUNCIL["ons_code"])


@functools.lru_cache(maxsize=65536)
def _postcode(value: str) -> PostcodeInfo | None:
    """The postcode directory's entry (a return repeats the same few thousand postcodes)."""
    return postcode_lookup(value) if value else None


def _placement_la(row: Row) -> str | None:
    """PL_LA: the upper-tier council containing PL_POST (SCO, WAL or NIR outside England)."""
    info = _postcode(row["PL_POST"])
    if info is None:
        return None
    code = info.upper_tier_code
    return OUTSIDE_ENGLAND.get(code[:1], code)


def _distance(row: Row) -> float | None:
    """PL_DISTANCE: miles from HOME_POST to PL_POST, to one decimal place."""
    home, placed = _postcode(row["HOME_POST"]), _postcode(row["PL_POST"])
    if home is None or placed is None:
        return None
    miles = distance_miles(home, placed)
    return None if miles is None else round(miles, 1)


def _first_against_last_year(submission: Submission) -> Iterator[tuple[str, Row, list[Row]]]:
    """Each child in both years: this year's first episode and last year's episodes."""
    if submission.previous is None:
        return
    last_year = by_child(submission.previous.get(EPISODES, []))
    for child, rows in by_child(submission.rows(EPISODES)).items():
        before = last_year.get(child)
        dated = [r for r in rows if _day(r, "DECOM")]
        if before and dated:
            yield child, min(dated, key=lambda r: _day(r, "DECOM") or dt.date.min), before


def _open_at_year_end(before: list[Row]) -> Row | None:
    """Last year's latest episode, when it was still open."""
    last = max(before, key=lambda r: _day(r, "DECOM") or dt.date.min)
    return None if last["DEC"] else last


@_check("502", "503A", "503B", "503C", "503D", "503E", "503F")
def _continues_last_year(submission: Submission) -> Iterator[Problem]:
    """This year's first episode continues the episode open at the end of last year.

    502 compares the start with any episode last year left open; 503A-503F compare the codes
    with last year's latest episode when it was open (503D allows last year's H5 to continue as
    K3, the code that replaced it).
    """
    for child, first, before in _first_against_last_year(submission):
        open_starts = {_day(r, "DECOM") for r in before if not r["DEC"]}
        if open_starts and _day(first, "DECOM") not in open_starts:
            yield Problem("502", EPISODES, "DECOM", child)
        last = _open_at_year_end(before)
        if last is None:
            continue
        for code, field in (
            ("503A", "RNE"),
            ("503B", "LS"),
            ("503C", "CIN"),
            ("503E", "PLACE_PROVIDER"),
            ("503F", "URN"),
        ):
            if first[field] != last[field]:
                yield Problem(code, EPISODES, field, child)
        if first["PLACE"] != last["PLACE"] and (last["PLACE"], first["PLACE"]) != ("H5", "K3"):
            yield Problem("503D", EPISODES, "PLACE", child)


@_check("452", "453", "503G", "503H", "503J")
def _placement_continues_last_year(submission: Submission) -> Iterator[Problem]:
    """The derived placement LA, location and distance continue last year's open episode.

    503G-503J compare them with last year's latest episode when it was open; 452 and 453 the LA
    and distance when the reason for the new episode is also the same.
    """
    council = _council_ons_code(submission)
    for child, first, before in _first_against_last_year(submission):
        last = _open_at_year_end(before)
        if last is None:
            continue
        same_rne = first["RNE"] == last["RNE"]
        la_now, la_then = _placement_la(first), _placement_la(last)
        if la_now != la_then:
            yield Problem("503H", EPISODES, "PL_POST", child)
            if same_rne:
                yield Problem("452", EPISODES, "PL_POST", child)
        if _location(la_now, council) != _location(la_then, council):
            yield Problem("503J", EPISODES, "PL_POST", child)
        miles_now, miles_then = _distance(first), _distance(last)
        if (
            miles_now is not None
            and miles_then is not None
            and abs(miles_now - miles_then) >= DISTANCE_TOLERANCE
        ):
            yield Problem("503G", EPISODES, "PL_POST", child)
            if same_rne:
                yield Problem("453", EPISODES, "PL_POST", child)


def _location(placement_la: str | None, council: str) -> str | None:
    """PL_LOCATION: IN when placed in the council's own area, OUT elsewhere."""
    if placement_la is None:
        return None
    return "IN" if placement_la == council else "OUT"


@_check("562")
def _missing_episode_last_year(submission: Submission) -> Iterator[Problem]:
    """562 an episode begun before this year that is not last year's latest episode."""
    if submission.previous is None:
        return
    last_year = by_child(submission.previous.get(EPISODES, []))
    start = submission.collection.start
    for child, rows in by_child(submission.rows(EPISODES)).items():
        earlier = [d for d in (_day(r, "DECOM") for r in rows) if d and d < start]
        if not earlier:
            continue
        before = last_year.get(child, [])
        latest = max((d for d in (_day(r, "DECOM") for r in before) if d), default=None)
        if latest != min(earlier):
            yield Problem("562", EPISODES, "DECOM", child)
