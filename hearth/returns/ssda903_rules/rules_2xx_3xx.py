"""SSDA903 rules 200 to 399: last year's values, UASC, URNs and providers, ages against legal
statuses and placements, how long legal statuses and placements last, adoption and care leavers.

Each check reads the tables once, grouping rows by child once where a rule compares rows.
Rules already in `basic` (355, 356) are not repeated here.

Where the DfE's wording leaves room, the logic follows the DfE's published validator
(the Social Finance / Data to Insight 903 validator), noted beside the rule.

Partial, and why:

* 218 (URN required) does not yet make the exception for placements outside England: a
  placement in Scotland, Wales or Northern Ireland without a URN is reported, and is bypassed.
  The placement's country could be derived from `PL_POST` with `hearth.geography.postcodes`
  (the ONS postcode directory Hearth ships), as `rules_4xx_5xx` derives the placement's LA.
* 205B passes a child still UASC in both years with no DUC in either, and one whose status
  ceased this year; the DfE validator reports both, which would report every continuing UASC
  child (it expects last year's DUC to be the 18th birthday).
* 336 checks A3 and A5 (placed for adoption with current foster carers), as the DfE's wording
  says; the DfE validator checks A3 and A4.
* 391 reports care leavers under 17 at the reference date only (the DfE validator's test); the
  upper age is left to the DfE's own checks while OC3's scope above 21 is unsettled (returns.md).

Short breaks, UASC children and postcodes (214, 398, 392a-392d), read as the DfE's validator
reads them:

* 214 and 398 are read on the submitted columns: a V3 or V4 episode with `PL_POST` or `URN`
  given (214), with `HOME_POST` or `PL_POST` given (398). The placement location and the
  distance they name are derived by the DfE from those columns.
* 392a (no distance) and 392b (no postcodes) exempt short-break (V3/V4) episodes, which carry
  no postcodes, and children who are or were UASC (in this year's or last year's UASC table),
  who have no home postcode. The distance is recorded when both postcodes are real (the ONS
  postcode directory, `hearth.geography.postcodes`, as `rules_4xx_5xx` derives PL_DISTANCE).
  The DfE also looks two years back for former UASC; Hearth reads the two years it has, so a
  child UASC only three years ago without a home postcode is reported (the DfE validator notes
  the same false positive).
* 392c reports any postcode given that is not a real one, for every child (the DfE makes no
  exception: a UASC child's home postcode or a short break's postcodes should not be given).
* 392d compares the two postcodes as postcodes (spacing and case aside), only when both are
  given: a blank home postcode (UASC, short breaks) is never "the same".
* 218 (URN required) is not asked of short breaks: 214 says they carry no URN, so asking
  for one would break one rule or the other (the DfE validator's 218 makes no such exception).

`CANNOT_APPLY` holds the list below as data (code -> reason); a test keeps the two in step.

Cannot apply:

* 205C: the CSV return has no separate UASC status; a child is UASC by having a row in the UASC
  table, so a date UASC ceased cannot be given for a child who is not UASC.
* 303: the same: a DUC is only ever given in a UASC row, which is itself the UASC status.
* 219, 221, 224, 227, 228: compare the URN with Ofsted's provider lists (type, postcode,
  provider, registration dates), which Hearth does not hold.
* 229: the DfE infers the provider's LA from Ofsted's record for the URN, which Hearth does not
  hold, and compares it with the placing council.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from hearth.geography.postcodes import (
    PostcodeInfo,
    distance_miles,
    normalise_postcode,
    postcode_lookup,
)
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

_OFSTED_LISTS = (
    "Compares the URN with Ofsted's provider lists (type, postcode, provider, registration"
    " dates), which Hearth does not hold."
)
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
SHORT_BREAKS = frozenset({"V3", "V4"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
ADOPTED = frozenset({"E11", "E12"})
UNKNOWN_UPN_LATER = frozenset({"UN2", "UN3", "UN4", "UN5"})
UNKNOWN_UPN = frozenset({"UN1"}) | UNKNOWN_UPN_LATER
# Rule code -> why it cannot apply to the tables Hearth submits (not registered as a check).
CANNOT_APPLY: dict[str, str] = {
    "205C": (
        "The CSV return has no separate UASC status; a child is UASC by having a row in the UASC"
        " table, so a date UASC ceased cannot be given for a child who is not UASC."
    ),
    "303": (
        "A date UASC status ceased (DUC) is only ever given in a UASC row, which is itself the UASC"
        " status, so it cannot be given with the status not coded."
    ),
    "219": _OFSTED_LISTS,
    "221": _OFSTED_LISTS,
    "224": _OFSTED_LISTS,
    "227": _OFSTED_LISTS,
    "228": _OFSTED_LISTS,
    "229": (
        "The DfE infers the provider's LA from Ofsted's record for the URN, which Hearth does not"
        " hold, and compares it with the placing council."
    ),
}

# No provider for these placements (213); returns.md 2.4.
NO_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"})
# Placements not inspected by Ofsted: no URN (218, 222).
NO_URN = frozenset(
    {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}
)
NOT_INSPECTED_URN = "XXXXXXX"
A3_A5_RNE_FROM = dt.date(2015, 4, 1)
EARLIEST_EPISODE = dt.date(1991, 10, 14)
# Longest a legal status may last, in days, counted over consecutive episodes (361-364).
LEGAL_STATUS_LIMITS = {"L1": ("361", 3), "L2": ("362", 21), "L3": ("363", 7), "J2": ("364", 21)}
# Longest a single episode in these placements (or on V3) may last, in days.
EPISODE_LIMITS = {"V3": ("365", 17)}
PLACEMENT_LIMITS = {"T1": ("375", 42), "T3": ("376", 21), "T4": ("379", 7)}
RESPITE_DAYS_IN_YEAR = 75
# The youngest a child may be, at the episode's start, in these placements or legal statuses.
MINIMUM_AGE_PLACE = {"K3": ("371", 16), "R5": ("372", 10), "S1": ("373", 4), "P3": ("374", 14)}
YOUTH_JUSTICE = frozenset({"J1", "J2", "J3"})
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
OC3_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years (29 February becomes 28 February when needed)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _first_by_child(rows: list[Row]) -> dict[str, Row]:
    found: dict[str, Row] = {}
    for row in rows:
        found.setdefault(row["CHILD"], row)
    return found


def _births(tables: Tables) -> dict[str, dt.date]:
    """Each child's date of birth from Header (the DOB every other table repeats)."""
    births: dict[str, dt.date] = {}
    for row in tables.get("Header", []):
        born = parse_date(row["DOB"])
        if born:
            births.setdefault(row["CHILD"], born)
    return births


def _episodes_in_order(submission: Submission) -> dict[str, list[Row]]:
    """Each child's episodes, earliest first (episodes without a start date left out)."""
    grouped = by_child(r for r in submission.rows("Episodes") if parse_date(r["DECOM"]))
    return {
        child: sorted(rows, key=lambda r: parse_date(r["DECOM"]) or dt.date.min)
        for child, rows in grouped.items()
    }


def _end(row: Row, submission: Submission) -> dt.date:
    """The episode's end, or the reference date while it is open."""
    return parse_date(row["DEC"]) or submission.collection.reference_date


# --- Comparisons with last year's Header (202, 203, 204, 207, 208) -------------------------


def _upn_change_allowed(now: str, before: str) -> bool:
    """Whether a change of UPN from last year is one the DfE accepts (208).

    A child may move from no UPN or UN1 to UN2-UN5, and from no UPN or any UN code to a real
    UPN; any other change, including a real UPN changing, is reported.
    """
    if before in ("", "UN1") and now in UNKNOWN_UPN_LATER:
        return True
    return (before in UNKNOWN_UPN or not before) and not (now in UNKNOWN_UPN or not now)


@check("202", "203", "204", "207", "208")
def _header_against_last_year(submission: Submission) -> Iterator[Problem]:
    previous = submission.previous
    if previous is None:
        return
    last = _first_by_child(previous.get("Header", []))
    with_episodes = {r["CHILD"] for r in submission.rows("Episodes")}
    for row in submission.rows("Header"):
        child = row["CHILD"]
        before = last.get(child)
        if before is None:
            continue
        if row["SEX"] != before["SEX"]:
            yield Problem("202", "Header", "SEX", child)
        if row["DOB"] != before["DOB"]:
            yield Problem("203", "Header", "DOB", child)
        if row["ETHNIC"] != before["ETHNIC"]:
            yield Problem("204", "Header", "ETHNIC", child)
        # Only a mother last year who is no longer one is reported (the DfE validator).
        if before["MOTHER"] == "1" and row["MOTHER"] != "1" and child in with_episodes:
            yield Problem("207", "Header", "MOTHER", child)
        now_upn, before_upn = row["UPN"].upper(), before["UPN"].upper()
        if (
            now_upn != before_upn
            and (now_upn or before_upn)
            and not _upn_change_allowed(now_upn, before_upn)
        ):
            yield Problem("208", "Header", "UPN", child)


# --- Header on its own, and against the child's episodes and reviews ----------------------


def _looked_after_since(episodes: list[Row]) -> dt.date | None:
    """When the child's current spell of care began, if the last episode is open."""
    if not episodes or episodes[-1]["DEC"]:
        return None
    since = parse_date(episodes[-1]["DECOM"])
    for earlier in reversed(episodes[:-1]):
        if parse_date(earlier["DEC"]) != since:
            break
        since = parse_date(earlier["DECOM"])
    return since


@check("209", "210", "232", "301", "351", "393", "399")
def _header(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    # School age (209): four by 31 August of the year before the collection year starts.
    school_age_by = dt.date(collection.start.year - 1, 8, 31)
    week_before = collection.reference_date - dt.timedelta(days=7)
    episodes = _episodes_in_order(submission)
    reviewed = {r["CHILD"] for r in submission.rows("Reviews")}
    for row in submission.rows("Header"):
        child = row["CHILD"]
        born = parse_date(row["DOB"])
        if row["UPN"] == "UN1" and born and add_years(born, 4) <= school_age_by:
            yield Problem("209", "Header", "UPN", child)
        # Looked after more than a week at 31 March, counted from the start of the spell of
        # care that is open then (the DfE's wording; its validator tests episodes' starts).
        if row["UPN"] == "UN4":
            since = _looked_after_since(episodes.get(child, []))
            if since and since < week_before:
                yield Problem("210", "Header", "UPN", child)
        if row["SEX"] == "U":
            yield Problem("232", "Header", "SEX", child)
        if born and born > collection.reference_date:
            yield Problem("301", "Header", "DOB", child)
        if born and add_years(born, 25) < collection.start:
            yield Problem("351", "Header", "DOB", child)
        statuses = {e["LS"] for e in episodes.get(child, [])}
        short_breaks_only = bool(statuses) and statuses <= SHORT_BREAKS
        if row["SEX"] == "F" and not row["MOTHER"] and statuses - SHORT_BREAKS:
            yield Problem("393", "Header", "MOTHER", child)
        if short_breaks_only and row["MOTHER"]:
            yield Problem("399", "Header", "MOTHER", child)
        if short_breaks_only and child in reviewed:
            yield Problem("399", "Reviews", "REVIEW", child)


# --- UASC (205A, 205B, 205D, 231, 304) ------------------------------------------------------


def _uasc_rows(rows: list[Row]) -> dict[str, Row]:
    """UASC rows that mark the child as UASC: any of SEX or DUC given (the DfE's CSV reading)."""
    return {r["CHILD"]: r for r in rows if r["SEX"] or r["DUC"]}


def _uasc_ceased_wrongly(
    ceased: dt.date | None,
    ceased_last: dt.date | None,
    before: Row,
    born: dt.date | None,
    collection: CollectionYear,
) -> bool:
    """Whether the DUCs of a child UASC in both years contradict each other (205B).

    A status that ceased last year may only carry on into this year when it ceased on the
    18th birthday, and this year's DUC then repeats last year's or falls in this year. A child
    still UASC in both years (no DUC either year), or whose status ceased this year, passes:
    the DfE validator reports these too, which would report every continuing UASC child.
    """
    if ceased_last is None:
        return ceased is not None and not collection.contains(ceased)
    born = parse_date(before["DOB"]) or born
    if born is None or ceased_last != add_years(born, 18):
        return True
    return ceased is not None and ceased != ceased_last and not collection.contains(ceased)


@check("205A", "205B", "205D", "231", "304")
def _uasc(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    uasc_now = _uasc_rows(submission.rows("UASC"))
    births = _births(submission.tables)
    for child, row in uasc_now.items():
        born = births.get(child) or parse_date(row["DOB"])
        if born and born > add_years(collection.reference_date, -11):
            yield Problem("231", "Header", "DOB", child)
        ceased = parse_date(row["DUC"])
        if born and ceased and ceased > add_years(born, 18):
            yield Problem("304", "UASC", "DUC", child)
    previous = submission.previous
    if previous is None:
        return
    last_year = collection.previous
    uasc_last = _uasc_rows(previous.get("UASC", []))
    in_last_return = {r["CHILD"] for r in previous.get("Header", [])} | set(uasc_last)
    current = {r["CHILD"] for r in submission.rows("Header")} | set(uasc_now)
    for child in sorted(current):
        before, now = uasc_last.get(child), uasc_now.get(child)
        if before and not now:
            # No longer UASC: the status must have ceased during last year.
            ceased_last = parse_date(before["DUC"])
            if ceased_last is None or not last_year.contains(ceased_last):
                yield Problem("205A", "Header", "CHILD", child)
        elif before and now:
            ceased, ceased_last = parse_date(now["DUC"]), parse_date(before["DUC"])
            if _uasc_ceased_wrongly(ceased, ceased_last, before, births.get(child), collection):
                yield Problem("205B", "UASC", "DUC", child)
        elif now and child in in_last_return:
            yield Problem("205D", "UASC", "CHILD", child)


# --- Each episode on its own (codes together, dates, ages, durations) -----------------------


@check(
    "213",
    "217",
    "218",
    "222",
    "233",
    "234",
    "352",
    "353",
    "354",
    "385",
    "358",
    "359",
    "365",
    "366",
    "371",
    "372",
    "373",
    "374",
    "375",
    "376",
    "378",
    "379",
    "380",
    "381",
    "382",
    "384",
    "386",
    "387",
    "389",
    "390",
)
def _episode_rows(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    births = _births(submission.tables)
    for row in submission.rows("Episodes"):
        yield from _episode_codes(row)
        yield from _episode_dates(row, submission, births.get(row["CHILD"]))
    # 359 looks at the child's open episode at 31 March.
    for child, rows in _episodes_in_order(submission).items():
        born = births.get(child)
        last = rows[-1]
        if (
            born
            and add_years(born, 18) < collection.reference_date
            and not last["DEC"]
            and not (last["LS"] == "V2" and last["PLACE"] == "K2")
        ):
            yield Problem("359", "Episodes", "LS", child)


def _episode_codes(row: Row) -> Iterator[Problem]:
    """Rules on one episode's codes taken together."""
    child, place, ls, rne, rec = row["CHILD"], row["PLACE"], row["LS"], row["RNE"], row["REC"]
    if place in NO_PROVIDER and row["PLACE_PROVIDER"]:
        yield Problem("213", "Episodes", "PLACE_PROVIDER", child)
    if row["URN"] and row["URN"] != NOT_INSPECTED_URN and place in NO_URN:
        yield Problem("222", "Episodes", "URN", child)
    if row["REASON_PLACE_CHANGE"] and not row["DEC"]:
        yield Problem("233", "Episodes", "REASON_PLACE_CHANGE", child)
    if ls == "V3" and rne != "S":
        yield Problem("366", "Episodes", "RNE", child)
    if place == "P1" and ls == "V2":
        yield Problem("378", "Episodes", "PLACE", child)
    # A temporary placement is only ever entered by a change of placement (P or B).
    if place in TEMPORARY and rne not in ("P", "B"):
        yield Problem("380", "Episodes", "RNE", child)
    if place in TEMPORARY and rec and rec != "X1":
        yield Problem("381", "Episodes", "REC", child)
    if ls in SHORT_BREAKS and place in TEMPORARY:
        yield Problem("382", "Episodes", "PLACE", child)
    if ls in SHORT_BREAKS and place in ("U1", "U4"):
        yield Problem("384", "Episodes", "PLACE", child)
    if rec in ADOPTED and place not in ADOPTION_PLACEMENTS:
        yield Problem("390", "Episodes", "REC", child)


def _episode_dates(row: Row, submission: Submission, born: dt.date | None) -> Iterator[Problem]:
    """Rules on one episode's dates: limits, the collection year, and the child's age."""
    collection = submission.collection
    child, place, ls = row["CHILD"], row["PLACE"], row["LS"]
    start, ended = parse_date(row["DECOM"]), parse_date(row["DEC"])
    if (
        start
        and place in ("A3", "A5")
        and start >= A3_A5_RNE_FROM
        and row["RNE"] not in ("S", "T", "U")
    ):
        yield Problem("217", "Episodes", "RNE", child)
    if (
        not row["URN"]
        and place not in NO_URN
        and ls not in SHORT_BREAKS
        and (ended is None or ended >= collection.start)
    ):
        yield Problem("218", "Episodes", "URN", child)
    if start and start < EARLIEST_EPISODE:
        yield Problem("353", "Episodes", "DECOM", child)
    # 354 and 385 share the DfE's wording; the DfE checks 354 on DECOM and 385 on DEC.
    if start and start > collection.reference_date:
        yield Problem("354", "Episodes", "DECOM", child)
    if ended and ended > collection.reference_date:
        yield Problem("385", "Episodes", "DEC", child)
    if start:
        days = (_end(row, submission) - start).days
        for limits, key in ((EPISODE_LIMITS, ls), (PLACEMENT_LIMITS, place)):
            if key in limits and days > limits[key][1]:
                yield Problem(limits[key][0], "Episodes", "DEC", child)
    if born is not None:
        yield from _episode_ages(row, born)


def _episode_ages(row: Row, born: dt.date) -> Iterator[Problem]:
    """Rules on the child's age at an episode's start or end."""
    child, place, ls, rec = row["CHILD"], row["PLACE"], row["LS"], row["REC"]
    start, ended = parse_date(row["DECOM"]), parse_date(row["DEC"])
    if start and row["RNE"] == "S" and age_on(born, start) >= 18:
        yield Problem("352", "Episodes", "DECOM", child)
    if start and ls in YOUTH_JUSTICE and age_on(born, start) < 10:
        yield Problem("358", "Episodes", "LS", child)
    if start and place in MINIMUM_AGE_PLACE and age_on(born, start) < MINIMUM_AGE_PLACE[place][1]:
        yield Problem(MINIMUM_AGE_PLACE[place][0], "Episodes", "PLACE", child)
    if ended is None:
        return
    age_at_end = age_on(born, ended)
    if row["REASON_PLACE_CHANGE"] == "CUSTOD" and age_at_end < 10:
        yield Problem("234", "Episodes", "REASON_PLACE_CHANGE", child)
    if rec in ADOPTED and age_at_end >= 18:
        yield Problem("386", "Episodes", "REC", child)
    if rec in ("E5", "E6") and age_at_end < 14:
        yield Problem("387", "Episodes", "REC", child)
    if rec == "E7" and age_at_end < 16:
        yield Problem("389", "Episodes", "REC", child)


# --- Short breaks and postcodes (214, 398, 392a-392d) ---------------------------------------


@functools.lru_cache(maxsize=65536)
def _postcode(value: str) -> PostcodeInfo | None:
    """The postcode directory's entry (a return repeats the same few thousand postcodes)."""
    return postcode_lookup(value) if value else None


def _same_postcode(first: str, second: str) -> bool:
    """Whether two given postcodes are the same postcode, however spaced or cased."""

    def key(value: str) -> str:
        return normalise_postcode(value) or "".join(value.split()).upper()

    return key(first) == key(second)


def _uasc_either_year(submission: Submission) -> set[str]:
    """Children who are or were UASC: in this year's or last year's UASC table."""
    uasc = {row["CHILD"] for row in submission.rows("UASC")}
    if submission.previous is not None:
        uasc |= {row["CHILD"] for row in submission.previous.get("UASC", [])}
    return uasc


@check("214", "398", "392a", "392b", "392c", "392d")
def _placement_postcodes(submission: Submission) -> Iterator[Problem]:
    """Where the child lives and is placed: what short breaks must not carry, what everyone
    else must, and whether the postcodes are real (the module docstring gives the readings)."""
    uasc = _uasc_either_year(submission)
    for row in submission.rows("Episodes"):
        child = row["CHILD"]
        given = {"HOME_POST": row["HOME_POST"].strip(), "PL_POST": row["PL_POST"].strip()}
        for field, value in given.items():
            if value and _postcode(value) is None:
                yield Problem("392c", "Episodes", field, child)
        home, placed = given["HOME_POST"], given["PL_POST"]
        if home and placed and row["PLACE"] != "P1" and _same_postcode(home, placed):
            yield Problem("392d", "Episodes", "PL_POST", child)
        if row["LS"] in SHORT_BREAKS:
            yield from _short_break_location(row, given)
        elif child not in uasc:
            yield from _distance_recorded(child, home, placed)


def _short_break_location(row: Row, given: dict[str, str]) -> Iterator[Problem]:
    """214 (no placement postcode or URN) and 398 (no postcode to measure a distance from) for
    a V3 or V4 episode."""
    child = row["CHILD"]
    if given["PL_POST"]:
        yield Problem("214", "Episodes", "PL_POST", child)
    if row["URN"]:
        yield Problem("214", "Episodes", "URN", child)
    for field, value in given.items():
        if value:
            yield Problem("398", "Episodes", field, child)


def _distance_recorded(child: str, home: str, placed: str) -> Iterator[Problem]:
    """392b (both postcodes given) and 392a (a distance can be derived from them) for an
    episode that is not a short break, of a child who is not and was not UASC."""
    if not home:
        yield Problem("392b", "Episodes", "HOME_POST", child)
    if not placed:
        yield Problem("392b", "Episodes", "PL_POST", child)
    # PL_DISTANCE is recorded when both postcodes are real and can be measured; the column
    # to put right is the home postcode when that is the one that fails.
    home_info, placed_info = _postcode(home), _postcode(placed)
    if home_info is None:
        yield Problem("392a", "Episodes", "HOME_POST", child)
    elif placed_info is None or distance_miles(home_info, placed_info) is None:
        yield Problem("392a", "Episodes", "PL_POST", child)


# --- A child's episodes in order -------------------------------------------------------------


@check("225", "226", "302", "336", "357", "361", "362", "363", "364", "367", "377", "383", "388")
def _episode_sequences(submission: Submission) -> Iterator[Problem]:
    births = _births(submission.tables)
    for child, rows in _episodes_in_order(submission).items():
        first_start = parse_date(rows[0]["DECOM"])
        born = births.get(child)
        if born and first_start and first_start < born:
            yield Problem("302", "Episodes", "DECOM", child)
        # The child's first episode starts in the year, so it is their first ever: it opens
        # a period of care.
        if first_start and first_start >= submission.collection.start and rows[0]["RNE"] != "S":
            yield Problem("357", "Episodes", "RNE", child)
        yield from _neighbours(child, rows)
        yield from _legal_status_spells(child, rows, submission)
        yield from _respite_and_holidays(child, rows, submission)


def _neighbours(child: str, rows: list[Row]) -> Iterator[Problem]:
    """Rules on an episode against the one before or after it (225, 226, 336, 383, 388)."""
    if rows[0]["PLACE"] in TEMPORARY and rows[0]["REASON_PLACE_CHANGE"]:
        yield Problem("226", "Episodes", "REASON_PLACE_CHANGE", child)
    for before, after in zip(rows, rows[1:], strict=False):
        if (
            before["REC"] == "X1"
            and not before["REASON_PLACE_CHANGE"]
            and before["PLACE"] not in TEMPORARY
            and after["RNE"] in ("P", "B", "T", "U")
            and after["PLACE"] not in TEMPORARY
        ):
            yield Problem("225", "Episodes", "REASON_PLACE_CHANGE", child)
        # Neither the temporary placement nor the move into it carries a reason.
        if after["PLACE"] in TEMPORARY and (
            after["REASON_PLACE_CHANGE"] or before["REASON_PLACE_CHANGE"]
        ):
            yield Problem("226", "Episodes", "REASON_PLACE_CHANGE", child)
        # Placed for adoption with current foster carers: the placement before is foster care
        # (or already an adoption placement).
        if after["PLACE"] in ("A3", "A5") and before["PLACE"] not in (
            ADOPTION_PLACEMENTS | FOSTER_PLACEMENTS
        ):
            yield Problem("336", "Episodes", "PLACE", child)
        ended, next_start = parse_date(before["DEC"]), parse_date(after["DECOM"])
        if before["REC"] == "X1" and ended and ended != next_start:
            yield Problem("388", "Episodes", "REC", child)
        if before["REC"] not in ("", "X1") and ended and ended == next_start:
            yield Problem("388", "Episodes", "REC", child)
    if rows[-1]["REC"] == "X1" and rows[-1]["DEC"]:
        yield Problem("388", "Episodes", "REC", child)
    for before, temporary, after in zip(rows, rows[1:], rows[2:], strict=False):
        if temporary["PLACE"] in TEMPORARY and (
            after["RNE"] != "P"
            or after["PLACE"] != before["PLACE"]
            or after["PL_POST"] != before["PL_POST"]
        ):
            yield Problem("383", "Episodes", "PLACE", child)


def _legal_status_spells(child: str, rows: list[Row], submission: Submission) -> Iterator[Problem]:
    """Police protection, EPOs, CAOs and PACE detention over consecutive episodes (361-364)."""
    spell_start: dt.date | None = None
    for index, row in enumerate(rows):
        limit = LEGAL_STATUS_LIMITS.get(row["LS"])
        if limit is None:
            spell_start = None
            continue
        previous = rows[index - 1] if index else None
        continues = (
            previous is not None
            and previous["LS"] == row["LS"]
            and parse_date(previous["DEC"]) == parse_date(row["DECOM"])
        )
        if not continues or spell_start is None:
            spell_start = parse_date(row["DECOM"])
        following = rows[index + 1] if index + 1 < len(rows) else None
        spell_goes_on = (
            following is not None
            and following["LS"] == row["LS"]
            and parse_date(row["DEC"]) == parse_date(following["DECOM"])
        )
        if (
            not spell_goes_on
            and spell_start
            and (_end(row, submission) - spell_start).days > limit[1]
        ):
            yield Problem(limit[0], "Episodes", "DEC", child)


def _respite_and_holidays(child: str, rows: list[Row], submission: Submission) -> Iterator[Problem]:
    """Respite over the year (367) and carers' holidays in any 12 months (377)."""
    collection = submission.collection
    respite_days = 0
    for row in rows:
        start = parse_date(row["DECOM"])
        if row["LS"] != "V3" or start is None:
            continue
        # Only the part of each break inside the collection year counts.
        end = min(_end(row, submission), collection.reference_date)
        respite_days += max((end - max(start, collection.start)).days, 0)
    if respite_days > RESPITE_DAYS_IN_YEAR:
        yield Problem("367", "Episodes", "LS", child)
    holidays = [parse_date(r["DECOM"]) for r in rows if r["PLACE"] == "T3"]
    starts = sorted(d for d in holidays if d)
    for first, third in zip(starts, starts[2:], strict=False):
        if third < add_years(first, 1):
            yield Problem("377", "Episodes", "PLACE", child)
            break


# --- Adoption (331, 333, 334, 335) -----------------------------------------------------------


@check("331", "333", "334", "335")
def _adoption(submission: Submission) -> Iterator[Problem]:
    episodes = _episodes_in_order(submission)
    for row in submission.rows("AD1"):
        child = row["CHILD"]
        decided, matched = parse_date(row["DATE_INT"]), parse_date(row["DATE_MATCH"])
        if decided and matched and decided > matched:
            yield Problem("333", "AD1", "DATE_INT", child)
        rows = episodes.get(child, [])
        adopted = [e for e in rows if e["REC"] in ADOPTED]
        # Matched no later than the start of the adoptive placement (the episode that ended
        # in adoption).
        if matched and any(matched > (parse_date(e["DECOM"]) or matched) for e in adopted):
            yield Problem("331", "AD1", "DATE_MATCH", child)
        period_starts = [parse_date(e["DECOM"]) for e in rows if e["RNE"] == "S"]
        latest_start = max((d for d in period_starts if d), default=None)
        if decided and latest_start and decided < latest_start:
            yield Problem("334", "AD1", "DATE_INT", child)
        foster_carer = row["FOSTER_CARE"]
        for episode in adopted:
            if (episode["PLACE"] in ("A3", "A5") and foster_carer == "0") or (
                episode["PLACE"] in ("A4", "A6") and foster_carer == "1"
            ):
                yield Problem("335", "AD1", "FOSTER_CARE", child)
                break


# --- Care leavers (215, 344, 345, 347, 348, 391) ---------------------------------------------


@check("215", "344", "345", "347", "348", "391")
def _care_leavers(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    outcomes = {
        r["CHILD"] for r in submission.rows("OC2") if any(r.get(item) for item in OC2_ITEMS)
    }
    previous = submission.previous
    died_last_year = (
        {r["CHILD"] for r in previous.get("OC3", []) if r["IN_TOUCH"] == "DIED"}
        if previous is not None
        else set()
    )
    for row in submission.rows("OC3"):
        child, in_touch = row["CHILD"], row["IN_TOUCH"]
        completed = any(row[item] for item in OC3_ITEMS)
        if completed and child in outcomes:
            yield Problem("215", "OC3", "IN_TOUCH", child)
        if in_touch in ("DIED", "RHOM") and (row["ACTIV"] or row["ACCOM"]):
            yield Problem("344", "OC3", "ACTIV" if row["ACTIV"] else "ACCOM", child)
        # Zero, not blank: a blank item is another rule's (the DfE validator's reading).
        if in_touch == "YES" and "0" in (row["ACTIV"], row["ACCOM"]):
            yield Problem("345", "OC3", "ACTIV" if row["ACTIV"] == "0" else "ACCOM", child)
        born = parse_date(row["DOB"])
        if born and row["ACCOM"].startswith("T") and age_on(born, collection.start) < 18:
            yield Problem("347", "OC3", "ACCOM", child)
        if child in died_last_year and in_touch != "DIED":
            yield Problem("348", "OC3", "IN_TOUCH", child)
        if born and completed and add_years(born, 17) > collection.reference_date:
            yield Problem("391", "OC3", "DOB", child)
