"""SSDA903 rules 100 to 199, the DoLo rules (700 to 799) and NoE.

Dates and codes in each table, the OC2 cohort (looked after continuously for 12 months: health,
offending and SDQ items), adoption and care-leaver data, the episode chain against last year's
return, placement postcodes, and Deprivation of Liberty Orders (from 2026-27). The codes already
checked in `basic.py` (101-104, 120, 131-133, 143-149, 167, 168, 175-178, 700, 701) are not
repeated here.

Each check follows the DfE's wording and the DfE's published validator logic; where the logic is
not plain from the wording a comment says what it does. Each check reads a table once and groups
rows by child once.

`CLA12` (looked after continuously for 12 months at 31 March) is worked out from the Episodes
table as the DfE does (returns.md 2.5): an episode open in the year, and none starting a period
of care (`RNE` S) after 1 April, ceasing care (`REC` other than X1) before 31 March, or under a
short-breaks legal status (V3, V4) during the year.

The distance from home (164) and the placement's LA (169) are not submitted columns: the DfE
derives them from `HOME_POST` and `PL_POST`, so these rules are checked on the postcodes
themselves, against the ONS postcode directory Hearth ships (`hearth.geography.postcodes`).

The placements expected for a child under a DoLO (709: K2, Z12, Z13) and those never allowed
(710: K1, P1, R5, K3) are the ones returns.md 2.8 gives; the meanings of Z11-Z14 are still to be
checked against the DfE's 2025-26 guide (returns.md 7), so 709's list may need to change then.

`CANNOT_APPLY` holds the list below as data (code -> reason); a test keeps the two in step.

Cannot apply:

* 105: the UASC status is a coded Header item only in older 903 formats; Hearth's tables record it
  by a row in the UASC table, so there is no status item to be invalid.
* 179: the placement location (`PL_LOCATION`, IN or OUT) is not a submitted column; the DfE
  derives it from the placement postcode, so it cannot hold an invalid code. A placement postcode
  that cannot be placed is reported by 169.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from hearth.geography.postcodes import is_valid_postcode
from hearth.returns.ssda903 import Row, Tables
from hearth.returns.ssda903_rules.registry import (
    Problem,
    Submission,
    age_on,
    by_child,
    check,
    parse_date,
)
from hearth.returns.years import CollectionYear

ADOPTED = frozenset({"E11", "E12"})
SHORT_BREAKS = frozenset({"V3", "V4"})
SDQ_REASONS = frozenset({"SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"})
FLAGS = frozenset({"0", "1"})
OC2_ITEMS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)
# The OC2 items every child in the OC2 cohort has, whatever their age (182, 191).
OC2_CORE = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")
AD1_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
OC3_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")
# Placements for a child under a DoLO: those expected (709) and those never allowed (710):
# secure children's home, with parents, young offender institution, supported accommodation.
DOLO_EXPECTED_PLACEMENTS = frozenset({"K2", "Z12", "Z13"})
DOLO_FORBIDDEN_PLACEMENTS = frozenset({"K1", "P1", "R5", "K3"})

# Rule code -> why it cannot apply to the tables Hearth submits (not registered as a check).
CANNOT_APPLY: dict[str, str] = {
    "105": (
        "The UASC status is a coded Header item only in older 903 formats; Hearth's tables record"
        " it by a row in the UASC table, so there is no status item to be invalid."
    ),
    "179": (
        "The placement location (PL_LOCATION, IN or OUT) is not a submitted column; the DfE"
        " derives it from the placement postcode, so it cannot hold an invalid code. A placement"
        " postcode that cannot be placed is reported by 169."
    ),
}


@functools.lru_cache(maxsize=65536)
def _date(text: str) -> dt.date | None:
    """`parse_date`, remembered: a return repeats the same few thousand dates many times."""
    return parse_date(text)


def _given(value: str | None) -> bool:
    return bool(value and value.strip())


def _turns_in_year(born: dt.date, years: int, collection: CollectionYear) -> bool:
    """Whether the child's `years`th birthday falls in the collection year."""
    before = collection.start - dt.timedelta(days=1)
    return age_on(born, before) < years <= age_on(born, collection.reference_date)


def _continuously_looked_after(submission: Submission) -> set[str]:
    """The children looked after continuously for 12 months at 31 March (CLA12)."""
    start, end = submission.collection.start, submission.collection.reference_date
    in_year: set[str] = set()
    broken: set[str] = set()
    for row in submission.rows("Episodes"):
        child = row["CHILD"]
        began, ceased = _date(row["DECOM"]), _date(row["DEC"])
        during = began is not None and began <= end and (ceased is None or ceased >= start)
        if during:
            in_year.add(child)
        # A period of care starting after 1 April, care ceasing in the year (31 March included:
        # a child whose care ceased that day is not looked after at 31 March, as the tables
        # read it), or short breaks in the year each mean the 12 months were not continuous.
        starts_care = row["RNE"] == "S" and began is not None and start < began <= end
        leaves_care = row["REC"] != "X1" and ceased is not None and start <= ceased <= end
        if starts_care or leaves_care or (during and row["LS"] in SHORT_BREAKS):
            broken.add(child)
    return in_year - broken


def _dates_of_birth(submission: Submission) -> dict[str, dt.date]:
    born: dict[str, dt.date] = {}
    for row in submission.rows("Header"):
        day = _date(row["DOB"])
        if day:
            born[row["CHILD"]] = day
    return born


def _latest(rows: list[Row]) -> Row | None:
    """The child's episode that started last (None when no episode has a valid start)."""
    dated = [r for r in rows if _date(r["DECOM"])]
    return max(dated, key=lambda r: _date(r["DECOM"]) or dt.date.min) if dated else None


# Header: mother and her child.


@check("165", "171", "174")
def _mother(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    # Episodes in the year other than short breaks: a girl looked after in the year has the
    # item; one reported only as a care leaver (OC3) does not.
    looked_after = {
        row["CHILD"]
        for row in submission.rows("Episodes")
        if row["LS"] not in SHORT_BREAKS
        and (began := _date(row["DECOM"]))
        and began <= collection.reference_date
        and ((ceased := _date(row["DEC"])) is None or ceased >= collection.start)
    }
    care_leaver_data = {
        row["CHILD"]
        for row in submission.rows("OC3")
        if any(_given(row[item]) for item in OC3_ITEMS)
    }
    for row in submission.rows("Header"):
        child, mother, sex = row["CHILD"], row["MOTHER"], row["SEX"]
        if _given(mother):
            invalid = (
                mother not in FLAGS
                or sex == "M"
                or (sex == "F" and child not in looked_after and child in care_leaver_data)
            )
        else:
            invalid = sex == "F" and child in looked_after
        if invalid:
            yield Problem("165", "Header", "MOTHER", child)
        if _given(row["MC_DOB"]):
            if _date(row["MC_DOB"]) is None:
                yield Problem("171", "Header", "MC_DOB", child)
            if sex == "M":
                yield Problem("174", "Header", "MC_DOB", child)


# Episodes: dates, the chain, last year's return, adoption from care, postcodes.


@check("141", "142", "147")
def _episode_dates(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("Episodes"):
        if _date(row["DECOM"]) is None:
            yield Problem("141", "Episodes", "DECOM", row["CHILD"])
        if _given(row["DEC"]) and _date(row["DEC"]) is None:
            yield Problem("147", "Episodes", "DEC", row["CHILD"])
    for child, rows in by_child(submission.rows("Episodes")).items():
        dated = sorted(
            (r for r in rows if _date(r["DECOM"])),
            key=lambda r: _date(r["DECOM"]) or dt.date.min,
        )
        # Every episode but the latest must have ended (date and reason) for a later one to
        # start.
        for row in dated[:-1]:
            if not _given(row["DEC"]) or not _given(row["REC"]):
                yield Problem("142", "Episodes", "DEC" if not _given(row["DEC"]) else "REC", child)


@check("NoE")
def _no_episodes_last_year(submission: Submission) -> Iterator[Problem]:
    previous = submission.previous
    if previous is None:
        return
    last_year = {row["CHILD"] for row in previous.get("Episodes", [])}
    start = submission.collection.start
    reported: set[str] = set()
    for row in submission.rows("Episodes"):
        child = row["CHILD"]
        began = _date(row["DECOM"])
        if began and began < start and child not in last_year and child not in reported:
            reported.add(child)
            yield Problem("NoE", "Episodes", "DECOM", child)


@check("199")
def _previously_adopted(submission: Submission) -> Iterator[Problem]:
    # Last year's episodes (when there is a return to compare with) and this year's, in order of
    # start: an episode after one ending in adoption (E11, E12) means the child came back into
    # care after being adopted from care. An episode in both returns is counted once.
    previous: Tables = submission.previous or {}
    earlier = by_child(previous.get("Episodes", []))
    for child, rows in by_child(submission.rows("Episodes")).items():
        episodes: dict[dt.date, tuple[Row, bool]] = {}
        for row in earlier.get(child, []):
            if began := _date(row["DECOM"]):
                episodes[began] = (row, False)
        for row in rows:
            if began := _date(row["DECOM"]):
                episodes[began] = (row, True)
        adopted = False
        for began in sorted(episodes):
            row, this_year = episodes[began]
            if adopted and this_year:
                yield Problem("199", "Episodes", "DECOM", child)
                break
            adopted = adopted or row["REC"] in ADOPTED


@check("164", "169")
def _postcodes(submission: Submission) -> Iterator[Problem]:
    # The DfE derives the distance from home (164) from both postcodes and the placement's LA
    # (169) from the placement postcode; either fails when a postcode given is not a real one.
    # Children who are or were UASC are not expected to have a home postcode (406).
    uasc = {row["CHILD"] for row in submission.rows("UASC")}
    known: dict[str, bool] = {}

    def real(postcode: str) -> bool:
        if postcode not in known:
            known[postcode] = is_valid_postcode(postcode)
        return known[postcode]

    for row in submission.rows("Episodes"):
        child = row["CHILD"]
        home, placed = row["HOME_POST"].strip(), row["PL_POST"].strip()
        if home and child not in uasc and not real(home):
            yield Problem("164", "Episodes", "HOME_POST", child)
        if placed and not real(placed):
            yield Problem("164", "Episodes", "PL_POST", child)
            yield Problem("169", "Episodes", "PL_POST", child)


# Reviews.


@check("166")
def _review_dates(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("Reviews"):
        if _date(row["REVIEW"]) is None:
            yield Problem("166", "Reviews", "REVIEW", row["CHILD"])


# Adoption: AD1 and PlacedAdoption.


@check("112", "113", "114", "151")
def _adopted(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("AD1"):
        child = row["CHILD"]
        if _given(row["DATE_INT"]) and _date(row["DATE_INT"]) is None:
            yield Problem("112", "AD1", "DATE_INT", child)
        if _given(row["DATE_MATCH"]) and _date(row["DATE_MATCH"]) is None:
            yield Problem("113", "AD1", "DATE_MATCH", child)
        if _given(row["FOSTER_CARE"]) and row["FOSTER_CARE"] not in FLAGS:
            yield Problem("114", "AD1", "FOSTER_CARE", child)
        blank = [item for item in AD1_ITEMS if not _given(row[item])]
        if blank and len(blank) < len(AD1_ITEMS):
            yield Problem("151", "AD1", blank[0], child)


@check("115", "116", "117", "118", "119", "184")
def _placed_for_adoption(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    born = _dates_of_birth(submission)
    episodes = by_child(submission.rows("Episodes"))
    for row in submission.rows("PlacedAdoption"):
        child = row["CHILD"]
        placed, ceased = _date(row["DATE_PLACED"]), _date(row["DATE_PLACED_CEASED"])
        if _given(row["DATE_PLACED"]) and placed is None:
            yield Problem("115", "PlacedAdoption", "DATE_PLACED", child)
        if _given(row["DATE_PLACED_CEASED"]) and ceased is None:
            yield Problem("116", "PlacedAdoption", "DATE_PLACED_CEASED", child)
        # 117 compares with the end of the latest episode that did not continue into another
        # (REC other than X1): the day the child ceased to be looked after, when they have.
        rows = episodes.get(child, [])
        latest = _latest([r for r in rows if r["REC"] != "X1"])
        left_care = _date(latest["DEC"]) if latest else None
        for field, day in (("DATE_PLACED", placed), ("DATE_PLACED_CEASED", ceased)):
            if day and (
                day > collection.reference_date or (left_care is not None and day > left_care)
            ):
                yield Problem("117", "PlacedAdoption", field, child)
        if ceased:
            # The start of care is the earliest episode other than short breaks (V3, V4).
            started = min(
                (day for r in rows if r["LS"] not in SHORT_BREAKS and (day := _date(r["DECOM"]))),
                default=None,
            )
            if ceased < collection.start or (started is not None and ceased < started):
                yield Problem("118", "PlacedAdoption", "DATE_PLACED_CEASED", child)
        if _given(row["DATE_PLACED_CEASED"]) != _given(row["REASON_PLACED_CEASED"]):
            missing = (
                "REASON_PLACED_CEASED"
                if _given(row["DATE_PLACED_CEASED"])
                else "DATE_PLACED_CEASED"
            )
            yield Problem("119", "PlacedAdoption", missing, child)
        dob = born.get(child) or _date(row["DOB"])
        if placed and dob and placed < dob:
            yield Problem("184", "PlacedAdoption", "DATE_PLACED", child)


# Care leavers (OC3), and the OC2 cohort against adoption and care-leaver data.


@check("153")
def _care_leavers(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("OC3"):
        if row["IN_TOUCH"] in {"DIED", "RHOM"}:
            # Rule 344 wants activity and accommodation blank for these: not "partly coded".
            continue
        blank = [item for item in OC3_ITEMS if not _given(row[item])]
        if blank and len(blank) < len(OC3_ITEMS):
            yield Problem("153", "OC3", blank[0], row["CHILD"])


@check("134", "187")
def _cohorts(submission: Submission) -> Iterator[Problem]:
    continuous = _continuously_looked_after(submission)
    care_leavers = {
        row["CHILD"]
        for row in submission.rows("OC3")
        if any(_given(row[item]) for item in OC3_ITEMS)
    }
    for row in submission.rows("AD1"):
        child = row["CHILD"]
        if any(_given(row[item]) for item in AD1_ITEMS):
            if child in care_leavers:
                yield Problem("134", "AD1", "DATE_INT", child)
            if child in continuous:
                yield Problem("187", "AD1", "DATE_INT", child)
    for child in sorted(care_leavers & continuous):
        yield Problem("187", "OC3", "IN_TOUCH", child)


# OC2: children looked after continuously for 12 months.


def _oc2_items(row: Row) -> Iterator[Problem]:
    """Codes in the OC2 items and how they depend on each other."""
    child = row["CHILD"]
    score, reason = row["SDQ_SCORE"].strip(), row["SDQ_REASON"].strip()
    if score and not (score.isdigit() and 0 <= int(score) <= 40):
        yield Problem("180", "OC2", "SDQ_SCORE", child)
    if reason and reason not in SDQ_REASONS:
        yield Problem("196", "OC2", "SDQ_REASON", child)
    if score and reason:
        yield Problem("197a", "OC2", "SDQ_REASON", child)
    for item in OC2_ITEMS:
        if _given(row[item]) and row[item] not in FLAGS:
            yield Problem("181", "OC2", item, child)
    # 182: the four core items are all completed, or every OC2 item is left blank.
    core_blank = [item for item in OC2_CORE if not _given(row[item])]
    if core_blank and any(_given(row[item]) for item in OC2_ITEMS):
        yield Problem("182", "OC2", core_blank[0], child)
    misuse = row["SUBSTANCE_MISUSE"]
    received, offered = row["INTERVENTION_RECEIVED"], row["INTERVENTION_OFFERED"]
    if received == "1" and _given(offered):
        yield Problem("158", "OC2", "INTERVENTION_OFFERED", child)
    if misuse == "1" and received == "0" and not _given(offered):
        yield Problem("159", "OC2", "INTERVENTION_OFFERED", child)
    if misuse == "1" and not _given(received):
        yield Problem("192", "OC2", "INTERVENTION_RECEIVED", child)
    if misuse != "1" and (_given(received) or _given(offered)):
        yield Problem("193", "OC2", "INTERVENTION_RECEIVED", child)


def _oc2_cohort(row: Row, *, cla12: bool) -> Iterator[Problem]:
    """Items completed only for the OC2 cohort (CLA12), and required for it."""
    child = row["CHILD"]
    if not cla12:
        if _given(row["SDQ_SCORE"]):
            yield Problem("185", "OC2", "SDQ_SCORE", child)
        if _given(row["SDQ_REASON"]):
            yield Problem("198", "OC2", "SDQ_REASON", child)
        completed = [item for item in OC2_ITEMS if _given(row[item])]
        if completed:
            yield Problem("190", "OC2", completed[0], child)
        return
    core_blank = [item for item in OC2_CORE if not _given(row[item])]
    if core_blank:
        yield Problem("191", "OC2", core_blank[0], child)


def _sdq_for_age(
    row: Row, dob: dt.date, collection: CollectionYear, *, cla12: bool
) -> Iterator[Problem]:
    """The SDQ score or reason against the child's age in the year."""
    child = row["CHILD"]
    score, reason = row["SDQ_SCORE"].strip(), row["SDQ_REASON"].strip()
    at_start, at_end = age_on(dob, collection.start), age_on(dob, collection.reference_date)
    if at_end < 4 and (score or reason):
        yield Problem("188", "OC2", "SDQ_SCORE" if score else "SDQ_REASON", child)
    if at_start >= 17 and (score or reason):
        yield Problem("189", "OC2", "SDQ_SCORE" if score else "SDQ_REASON", child)
    if not cla12 or score:
        return
    # SDQ1 is the reason "aged under 4 or over 16": wrong for a child 4 or over at the start of
    # the year and 16 or under at its end.
    if reason == "SDQ1" and at_start >= 4 and at_end <= 16:
        yield Problem("157", "OC2", "SDQ_REASON", child)
    if reason:
        return
    if at_start >= 4 and at_end < 17:
        yield Problem("186", "OC2", "SDQ_SCORE", child)
    if _turns_in_year(dob, 4, collection) or _turns_in_year(dob, 17, collection):
        yield Problem("197B", "OC2", "SDQ_REASON", child)


@check(
    "157",
    "158",
    "159",
    "180",
    "181",
    "182",
    "185",
    "186",
    "188",
    "189",
    "190",
    "191",
    "192",
    "193",
    "196",
    "197a",
    "197B",
    "198",
)
def _oc2(submission: Submission) -> Iterator[Problem]:
    continuous = _continuously_looked_after(submission)
    born = _dates_of_birth(submission)
    for row in submission.rows("OC2"):
        child = row["CHILD"]
        cla12 = child in continuous
        yield from _oc2_items(row)
        yield from _oc2_cohort(row, cla12=cla12)
        dob = born.get(child) or _date(row["DOB"])
        if dob is not None:
            yield from _sdq_for_age(row, dob, submission.collection, cla12=cla12)


# DoLo: Deprivation of Liberty Orders (from 2026-27).


def _overlaps(
    began: dt.date, ended: dt.date | None, dolo_start: dt.date, dolo_end: dt.date | None
) -> bool:
    """Whether an episode [began, ended) and a DoLO [dolo_start, dolo_end) share a day."""
    if dolo_end is not None and dolo_end <= dolo_start:
        dolo_end = dolo_start + dt.timedelta(days=1)
    return (dolo_end is None or began < dolo_end) and (ended is None or dolo_start < ended)


def _dolo_dates(
    row: Row, collection: CollectionYear, dob: dt.date | None, *, left_care: bool
) -> Iterator[Problem]:
    """One order's dates: in order, in the year, after birth, and closed when care ended."""
    child = row["CHILD"]
    started, ended = _date(row["DOLO_START"]), _date(row["DOLO_END"])
    if started and ended and ended < started:
        yield Problem("702", "DoLo", "DOLO_END", child)
    if started and started > collection.reference_date:
        yield Problem("703", "DoLo", "DOLO_START", child)
    if ended and not collection.contains(ended):
        yield Problem("704", "DoLo", "DOLO_END", child)
    if left_care and not _given(row["DOLO_END"]):
        yield Problem("707", "DoLo", "DOLO_END", child)
    if dob and ((started and started < dob) or (ended and ended < dob)):
        yield Problem("708", "DoLo", "DOLO_START", child)


def _dolo_placements(
    child: str, episodes: list[Row], orders: list[tuple[dt.date, dt.date | None]]
) -> Iterator[Problem]:
    """The placement of each episode while an order was in force."""
    for episode in episodes:
        began = _date(episode["DECOM"])
        if began is None or not any(
            _overlaps(began, _date(episode["DEC"]), s, e) for s, e in orders
        ):
            continue
        if episode["PLACE"] in DOLO_FORBIDDEN_PLACEMENTS:
            yield Problem("710", "Episodes", "PLACE", child)
        elif episode["PLACE"] not in DOLO_EXPECTED_PLACEMENTS:
            yield Problem("709", "Episodes", "PLACE", child)


@check("702", "703", "704", "705", "707", "708", "709", "710")
def _dolo(submission: Submission) -> Iterator[Problem]:
    born = _dates_of_birth(submission)
    episodes = by_child(submission.rows("Episodes"))
    for child, rows in by_child(submission.rows("DoLo")).items():
        latest = _latest(episodes.get(child, []))
        left_care = latest is not None and _given(latest["DEC"]) and latest["REC"] != "X1"
        orders: list[tuple[dt.date, dt.date | None]] = []
        for row in rows:
            dob = born.get(child) or _date(row["DOB"])
            yield from _dolo_dates(row, submission.collection, dob, left_care=left_care)
            if started := _date(row["DOLO_START"]):
                orders.append((started, _date(row["DOLO_END"])))
        orders.sort(key=lambda order: order[0])
        for (_, previous_end), (started, _) in zip(orders, orders[1:], strict=False):
            if previous_end is None or started < previous_end:
                yield Problem("705", "DoLo", "DOLO_START", child)
        yield from _dolo_placements(child, episodes.get(child, []), orders)


def _day(text: str) -> dt.date | str:
    """A date, to compare one written differently; the text itself when it is not one."""
    return _date(text) or text.strip()


@check("706")
def _dolo_carried_over(submission: Submission) -> Iterator[Problem]:
    # An order open at 31 March last year is still in force on 1 April, so this year's return
    # must hold it with the same start date. Only children in this year's return are expected.
    previous = submission.previous
    if previous is None:
        return
    in_return = {row["CHILD"] for row in submission.rows("Episodes")}
    this_year = {(row["CHILD"], _day(row["DOLO_START"])) for row in submission.rows("DoLo")}
    for row in previous.get("DoLo", []):
        child = row["CHILD"]
        if (
            child in in_return
            and not _given(row["DOLO_END"])
            and (child, _day(row["DOLO_START"])) not in this_year
        ):
            yield Problem("706", "DoLo", "DOLO_START", child)
