"""SSDA903 rules 600-699, 1000 and up (3001 too), the social worker (SW) and internal (INT) rules.

Each check follows the DfE's wording for the rule and the logic of the DfE's published
validator; where the two differ, or where only two years of tables are at hand, a comment says
which reading is taken and why. Rules already checked in `basic` (631, 1006, 1009, SW01b, SW02,
SW09, SW13) are not repeated here.

Conventions the rules share:

* OC3 "care leaver information" is present when any of IN_TOUCH, ACTIV or ACCOM is filled.
* A child is looked after on a day when an episode started on or before it and had not ceased
  by it (DEC blank or later).
* A period of care ends with the last episode (by DECOM) when that episode has a DEC: REC X1
  only ever joins two episodes of one period.
* The social worker rules that speak of 31 March (SW11b, SW12, SW17) apply to children looked
  after on 31 March: the DfE collects social worker episodes for the year for those children,
  and a child who left care in the year has no social worker episode open at 31 March to report.

`CANNOT_APPLY` holds the list below as data (code -> reason); a test keeps the two in step.

Cannot apply:

* 1008: the DfE checks the URN against Ofsted's register of providers, which Hearth does not
  hold (the URN's shape is checked by the placement rules).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Callable, Iterator

from hearth.geography.areas import LOCAL_AUTHORITIES
from hearth.geography.postcodes import postcode_lookup
from hearth.returns.ssda903 import Row
from hearth.returns.ssda903_rules.registry import (
    Check,
    Problem,
    Submission,
    age_on,
    by_child,
    check,
)
from hearth.returns.ssda903_rules.registry import parse_date as _parse_date

# A return repeats the same few thousand dates many times over; parsing each once keeps a large
# council's checks quick.
parse_date = functools.lru_cache(maxsize=1 << 16)(_parse_date)

# The codes this module checks (the registry's IMPLEMENTED holds every module's).
CODES: set[str] = set()

# Rule code -> why it cannot apply to the tables Hearth submits (not registered as a check).
CANNOT_APPLY: dict[str, str] = {
    "1008": (
        "The DfE checks the URN against Ofsted's register of providers, which Hearth does not"
        " hold (the URN's shape is checked by the placement rules)."
    ),
}


def _check(*codes: str) -> Callable[[Check], Check]:
    """Register a check, noting its codes as this module's."""
    CODES.update(codes)
    return check(*codes)


ADOPTED = frozenset({"E11", "E12"})
SHORT_BREAKS = frozenset({"V3", "V4"})
ADOPTION_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
CARE_LEAVER_FIELDS = ("IN_TOUCH", "ACTIV", "ACCOM")
# The DfE's three-digit LA numbers (those the DfE's validator accepts, the councils formed since
# 2019 and 999 for not known) and the codes for outside England (LA_PERM, rule 633).
# fmt: off
LA_NUMBERS = frozenset(
    str(n)
    for n in (
        *range(201, 214),
        *range(301, 321),
        *range(330, 337),
        *range(340, 345),
        *range(350, 360),
        *range(370, 374),
        *range(380, 385),
        *range(390, 395),
        420,
        800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815, 816,
        821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 838, 839,
        840, 841, 845, 846, 850, 851, 852, 855, 856, 857, 860, 861, 865, 866, 867, 868, 869,
        870, 871, 872, 873, 874, 876, 877, 878, 879, 880, 881, 882, 883, 884, 885, 886, 887,
        888, 889, 890, 891, 892, 893, 894, 895, 896,
        908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933, 935, 936, 937, 938,
        940, 941, 942, 943,
        999,
    )
) | frozenset({"WAL", "SCO", "NIR", "NUK"})
# fmt: on
# Placements where "own provision" may lawfully be outside the council's area (rule 1015):
# foster care, placement for adoption and supported accommodation.
FOSTERING_OR_ADOPTION = frozenset(
    {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6", "K3"}
)
# Rule SW10 allows a week's overlap between one worker and the next (a handover).
SW_HANDOVER = dt.timedelta(days=7)
# Rule 1001: a relevant child was looked after for 13 weeks from age 14, some of it after 16.
RELEVANT_DAYS_FROM_14 = 91
# Rule 634: previous permanence is collected for care starting from 1 April 2016.
PREVIOUS_PERMANENCE_FROM = dt.date(2016, 4, 1)


def _filled(row: Row, field: str) -> bool:
    return bool(row.get(field, "").strip())


def _has_care_leaver_information(row: Row) -> bool:
    return any(_filled(row, f) for f in CARE_LEAVER_FIELDS)


def _birthday(born: dt.date, age: int) -> dt.date:
    """The day a child born on `born` turns `age` (28 February for 29 February birthdays)."""
    year = born.year + age
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return born.replace(year=year)


def _decom_order(row: Row) -> dt.date:
    return parse_date(row["DECOM"]) or dt.date.min


def _last_episode(rows: list[Row]) -> Row:
    return max(rows, key=_decom_order)


def _looked_after_on(rows: list[Row], day: dt.date) -> bool:
    """Whether an episode in `rows` was open on `day`."""
    for row in rows:
        start, end = parse_date(row["DECOM"]), parse_date(row["DEC"])
        if start and start <= day and (end is None or end > day):
            return True
    return False


def _ceased_on(rows: list[Row]) -> dt.date | None:
    """When the child's last period of care in `rows` ended (None while it continues)."""
    last = _last_episode(rows)
    return parse_date(last["DEC"]) if last["REC"] != "X1" else None


def _dates_of_birth(submission: Submission) -> dict[str, dt.date]:
    return {
        row["CHILD"]: born
        for row in submission.rows("Header")
        if (born := parse_date(row["DOB"])) is not None
    }


def partial_date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest days a DATE_PERM can mean, or None when it is not valid.

    Any of day, month and year may be `zz` (`zzzz` for the year) when not known (returns.md
    2.1); the known parts must make a real date. With the year unknown, the date could be any
    day, so it is returned as the widest range.
    """
    parts = text.strip().lower().split("/")
    if len(parts) != 3 or [len(p) for p in parts] != [2, 2, 4]:
        return None
    day, month, year = parts
    if any(p != "z" * len(p) and not p.isdigit() for p in parts):
        return None
    # A leap year stands in for an unknown year, so 29/02/zzzz is accepted.
    y = 2000 if year == "zzzz" else int(year)
    months = range(1, 13) if month == "zz" else [int(month)]
    if months[0] < 1 or months[-1] > 12 or y < 1:
        return None
    if day == "zz":
        first = dt.date(y, months[0], 1)
        last = dt.date(y, months[-1], calendar.monthrange(y, months[-1])[1])
    else:
        fits = [m for m in months if 1 <= int(day) <= calendar.monthrange(y, m)[1]]
        if not fits:
            return None
        first, last = dt.date(y, fits[0], int(day)), dt.date(y, fits[-1], int(day))
    if year == "zzzz":
        return dt.date.min, dt.date.max
    return first, last


# -- Adoption (601, 602, 1003) -----------------------------------------------------------------


def _adopted_in_year(submission: Submission) -> set[str]:
    return {
        row["CHILD"]
        for row in submission.rows("Episodes")
        if row["REC"] in ADOPTED
        and (ended := parse_date(row["DEC"])) is not None
        and submission.collection.contains(ended)
    }


@_check("601", "602")
def _adoption_details(submission: Submission) -> Iterator[Problem]:
    adopted = _adopted_in_year(submission)
    ad1 = by_child(submission.rows("AD1"))
    for child in sorted(adopted):
        rows = ad1.get(child)
        if not rows:
            yield Problem("601", "AD1", "CHILD", child)
            continue
        blank = next((f for f in ADOPTION_FIELDS if not _filled(rows[0], f)), None)
        if blank:
            yield Problem("601", "AD1", blank, child)
    for child, rows in ad1.items():
        # An AD1 row with nothing in it is no adoption information (the validator's reading).
        if child not in adopted and any(_filled(rows[0], f) for f in ADOPTION_FIELDS):
            yield Problem("602", "AD1", "CHILD", child)


@_check("1003")
def _placed_for_adoption_before_care(submission: Submission) -> Iterator[Problem]:
    started: dict[str, dt.date] = {}
    for row in submission.rows("Episodes"):
        day = parse_date(row["DECOM"])
        if (
            row["RNE"] == "S"
            and day
            and (row["CHILD"] not in started or day < started[row["CHILD"]])
        ):
            started[row["CHILD"]] = day
    for row in submission.rows("PlacedAdoption"):
        placed, first = parse_date(row["DATE_PLACED"]), started.get(row["CHILD"])
        if placed and first and placed < first:
            yield Problem("1003", "PlacedAdoption", "DATE_PLACED", row["CHILD"])


# -- Mothers (607, 611, 612, 620, 621, 624, 625, 626, 628) --------------------------------------


@_check("607", "611", "612", "620", "621", "625")
def _mother(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    episodes = by_child(submission.rows("Episodes"))
    for row in submission.rows("Header"):
        child, mother = row["CHILD"], row["MOTHER"].strip()
        born, first_child = parse_date(row["DOB"]), parse_date(row["MC_DOB"])
        rows = episodes.get(child, [])
        if row["SEX"] == "F" and not mother:
            # 607: she ceased to be looked after in the year (not just a change of episode),
            # other than from a series of short breaks.
            for episode in rows:
                ended = parse_date(episode["DEC"])
                if (
                    ended
                    and collection.contains(ended)
                    and episode["REC"] not in ("", "X1")
                    and episode["LS"] not in SHORT_BREAKS
                ):
                    yield Problem("607", "Header", "MOTHER", child)
                    break
        if mother == "1" and not row["MC_DOB"].strip():
            yield Problem("611", "Header", "MC_DOB", child)
        if row["SEX"] == "F" and mother in ("", "0") and row["MC_DOB"].strip():
            yield Problem("612", "Header", "MC_DOB", child)
        # 620: under 11 at the start of the year.
        if mother == "1" and born and _birthday(born, 11) > collection.start:
            yield Problem("620", "Header", "MOTHER", child)
        if born and first_child and first_child <= born:
            yield Problem("621", "Header", "MC_DOB", child)
        if first_child:
            ceased = _ceased_on(rows) if rows else None
            if first_child > collection.reference_date or (ceased and first_child > ceased):
                yield Problem("625", "Header", "MC_DOB", child)


@_check("624", "626")
def _mother_last_year(submission: Submission) -> Iterator[Problem]:
    previous = submission.previous
    if previous is None:
        return
    last_year = {row["CHILD"]: row for row in previous.get("Header", [])}
    for row in submission.rows("Header"):
        before = last_year.get(row["CHILD"])
        if before is None:
            continue
        if before["MC_DOB"].strip() and row["MC_DOB"].strip() != before["MC_DOB"].strip():
            yield Problem("624", "Header", "MC_DOB", row["CHILD"])
        first_child = parse_date(row["MC_DOB"])
        if (
            row["MOTHER"].strip() == "1"
            and before["MOTHER"].strip() == "0"
            and first_child
            and first_child < submission.collection.start
        ):
            yield Problem("626", "Header", "MC_DOB", row["CHILD"])


@_check("628")
def _mother_of_care_leaver_not_looked_after(submission: Submission) -> Iterator[Problem]:
    looked_after = {row["CHILD"] for row in submission.rows("Episodes")}
    leavers = {row["CHILD"] for row in submission.rows("OC3") if _has_care_leaver_information(row)}
    for row in submission.rows("Header"):
        child = row["CHILD"]
        if child in leavers and child not in looked_after and row["MOTHER"].strip():
            yield Problem("628", "Header", "MOTHER", child)


# -- Previous permanence (630, 632, 633, 634, 635) ----------------------------------------------


@_check("630")
def _previous_permanence_wanted(submission: Submission) -> Iterator[Problem]:
    start = submission.collection.start
    prevperm = by_child(submission.rows("PrevPerm"))
    started_in_year = sorted(
        {
            row["CHILD"]
            for row in submission.rows("Episodes")
            if row["RNE"] == "S" and (day := parse_date(row["DECOM"])) and day >= start
        }
    )
    for child in started_in_year:
        rows = prevperm.get(child)
        if not rows:
            yield Problem("630", "Episodes", "RNE", child)
            continue
        row = rows[0]
        if not _filled(row, "PREV_PERM"):
            yield Problem("630", "PrevPerm", "PREV_PERM", child)
        elif row["PREV_PERM"] != "Z1":
            # With a previous order, the council and date are wanted (partly known is fine).
            for field in ("LA_PERM", "DATE_PERM"):
                if not _filled(row, field):
                    yield Problem("630", "PrevPerm", field, child)


def _decom_range(submission: Submission) -> dict[str, tuple[dt.date, dt.date]]:
    """Each child's first and last DECOM."""
    found: dict[str, tuple[dt.date, dt.date]] = {}
    for row in submission.rows("Episodes"):
        day = parse_date(row["DECOM"])
        if day is not None:
            first, last = found.get(row["CHILD"], (day, day))
            found[row["CHILD"]] = (min(first, day), max(last, day))
    return found


@_check("632", "633", "634", "635")
def _previous_permanence_details(submission: Submission) -> Iterator[Problem]:
    start = submission.collection.start
    decoms = _decom_range(submission)
    for row in submission.rows("PrevPerm"):
        child = row["CHILD"]
        first, last = decoms.get(child, (None, None))
        date_perm = row["DATE_PERM"].strip()
        meaning = partial_date_range(date_perm) if date_perm else None
        # Compared on the earliest day it can mean, so a partly known date is not reported
        # when it may well be before care began.
        if date_perm and (
            meaning is None or (first and meaning[0] != dt.date.min and meaning[0] >= first)
        ):
            yield Problem("632", "PrevPerm", "DATE_PERM", child)
        if _filled(row, "LA_PERM") and row["LA_PERM"].strip() not in LA_NUMBERS:
            yield Problem("633", "PrevPerm", "LA_PERM", child)
        entered = any(_filled(row, f) for f in ("PREV_PERM", "LA_PERM", "DATE_PERM"))
        # 634's wording fixes 1 April 2016; the validator asks for a start in this year, which
        # is later and is what a PrevPerm row needs (returns.md 2.2).
        if entered and last and last < max(start, PREVIOUS_PERMANENCE_FROM):
            yield Problem("634", "PrevPerm", "PREV_PERM", child)
        details = _filled(row, "LA_PERM") or _filled(row, "DATE_PERM")
        if details and row["PREV_PERM"].strip() in ("Z1", ""):
            yield Problem("635", "PrevPerm", "PREV_PERM", child)


# -- Missing (1004, 1005) -----------------------------------------------------------------------


@_check("1004", "1005")
def _missing_dates(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("Missing"):
        if parse_date(row["MIS_START"]) is None:
            yield Problem("1004", "Missing", "MIS_START", row["CHILD"])
        if _filled(row, "MIS_END") and parse_date(row["MIS_END"]) is None:
            yield Problem("1005", "Missing", "MIS_END", row["CHILD"])


# -- Placement provider (1015) ------------------------------------------------------------------


def _council_ons_code(la_number: str) -> str | None:
    return next(
        (la.code for la in LOCAL_AUTHORITIES.values() if str(la.dfe_number) == la_number), None
    )


@_check("1015")
def _own_provision_out_of_area(submission: Submission) -> Iterator[Problem]:
    # Needs the council's ONS code to compare with the placement's: a council not listed in
    # hearth.geography.areas is not checked.
    own = _council_ons_code(submission.la_code)
    if own is None:
        return
    for row in submission.rows("Episodes"):
        if (
            row["PLACE_PROVIDER"] != "PR1"
            or not row["PLACE"]
            or row["PLACE"] in FOSTERING_OR_ADOPTION
            or not row["LS"]
            or row["LS"] in SHORT_BREAKS
            or not row["PL_POST"].strip()
        ):
            continue
        # An unknown postcode is the postcode rules' concern, not this one's.
        info = postcode_lookup(row["PL_POST"])
        if info is not None and info.upper_tier_code != own:
            yield Problem("1015", "Episodes", "PL_POST", row["CHILD"])


# -- Care leavers (1000, 1001, 1002, 1007, 1010, 1011, 1012, 1014, 1016, 3001) ------------------


@_check("1000", "1011")
def _care_leaver_died_or_transferred(submission: Submission) -> Iterator[Problem]:
    if not submission.rows("OC3"):
        return  # nothing to check, and last year's tables need not be read
    episodes = by_child(submission.rows("Episodes"))
    died = {row["CHILD"] for row in submission.rows("Episodes") if row["REC"] == "E2"}
    if submission.previous is not None:
        died |= {
            row["CHILD"] for row in submission.previous.get("Episodes", []) if row["REC"] == "E2"
        }
    for row in submission.rows("OC3"):
        child = row["CHILD"]
        if not _has_care_leaver_information(row):
            continue
        if child in died:
            yield Problem("1000", "OC3", "IN_TOUCH", child)
        if child in episodes and _last_episode(episodes[child])["REC"] == "E3":
            yield Problem("1011", "OC3", "IN_TOUCH", child)


def _days_in_care_from(rows: list[Row], day: dt.date, reference: dt.date) -> int:
    """Days looked after on or after `day` (an open episode counts to the reference date)."""
    total = 0
    for row in rows:
        start, end = parse_date(row["DECOM"]), parse_date(row["DEC"]) or reference
        if start is None:
            continue
        total += max(0, (end - max(start, day)).days)
    return total


@_check("1001", "1002")
def _care_leaver_eligibility(submission: Submission) -> Iterator[Problem]:
    previous = submission.previous if submission.rows("OC3") else None
    if previous is None:
        return
    previous_start = submission.collection.previous.start
    reference = submission.collection.reference_date
    born = _dates_of_birth(submission)
    # Both years' episodes, an episode carried over from last year counted once.
    seen: dict[tuple[str, str], Row] = {}
    for row in [*previous.get("Episodes", []), *submission.rows("Episodes")]:
        seen[(row["CHILD"], row["DECOM"])] = row
    episodes = by_child(seen.values())
    for row in submission.rows("OC3"):
        child = row["CHILD"]
        dob = born.get(child) or parse_date(row["DOB"])
        rows = episodes.get(child, [])
        if not rows:
            # Only two years' episodes are at hand: absence is conclusive only for a young
            # person who turned 16 within them (a care leaver was looked after after 16).
            if dob and _birthday(dob, 16) >= previous_start:
                yield Problem("1002", "OC3", "IN_TOUCH", child)
            continue
        if _last_episode(rows)["REC"] in ADOPTED:
            yield Problem("1001", "OC3", "IN_TOUCH", child)
            continue
        counted = [r for r in rows if r["LS"] not in SHORT_BREAKS]
        truncated = any((_decom_order(r)) < previous_start for r in rows)
        # Care before last year's return is unseen: too little care is only conclusive when
        # the whole history since 14 lies in the two years.
        if dob is None or truncated or age_on(dob, reference) >= 20:
            continue
        from_14 = _days_in_care_from(counted, _birthday(dob, 14), reference)
        from_16 = _days_in_care_from(counted, _birthday(dob, 16), reference)
        if from_14 < RELEVANT_DAYS_FROM_14 or from_16 < 1:
            yield Problem("1001", "OC3", "IN_TOUCH", child)


@_check("1007", "1016", "3001")
def _care_leaver_birthdays(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    born = _dates_of_birth(submission)
    episodes = by_child(submission.rows("Episodes"))
    for row in submission.rows("OC3"):
        child = row["CHILD"]
        dob = born.get(child) or parse_date(row["DOB"])
        if dob is None:
            continue
        age = age_on(dob, collection.reference_date)
        birthday = _birthday(dob, age)
        # 3001: around the 17th birthday, which falls in the year.
        if collection.contains(_birthday(dob, 17)) and row["ACCOM"] in ("Z1", "Z2"):
            yield Problem("3001", "OC3", "ACCOM", child)
        if age not in (17, 18) or not _has_care_leaver_information(row):
            continue
        rows = episodes.get(child, [])
        if _looked_after_on(rows, birthday):
            yield Problem("1007", "OC3", "IN_TOUCH", child)
        # 1016 also covers a young person who came into care after the birthday.
        if rows and (ceased := _ceased_on(rows)) and ceased > birthday:
            yield Problem("1016", "OC3", "IN_TOUCH", child)


@_check("1010")
def _care_leaver_open_last_year(submission: Submission) -> Iterator[Problem]:
    previous = submission.previous if submission.rows("OC3") else None
    if previous is None:
        return
    this_year = {row["CHILD"] for row in submission.rows("Episodes")}
    open_last_year = {
        child
        for child, rows in by_child(previous.get("Episodes", [])).items()
        if not _last_episode(rows)["DEC"].strip()
    }
    for row in submission.rows("OC3"):
        child = row["CHILD"]
        if child in open_last_year and child not in this_year and _has_care_leaver_information(row):
            yield Problem("1010", "OC3", "IN_TOUCH", child)


# Tables that belong to a child looked after in the year (1012); OC3 and Header do not.
LOOKED_AFTER_TABLES = ("PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2")


@_check("1012", "1014")
def _care_leaver_other_data(submission: Submission) -> Iterator[Problem]:
    looked_after = {row["CHILD"] for row in submission.rows("Episodes")}
    leavers = {
        row["CHILD"]
        for row in submission.rows("OC3")
        if row["CHILD"] not in looked_after and _has_care_leaver_information(row)
    }
    if not leavers:
        return
    for table in LOOKED_AFTER_TABLES:
        reported: set[str] = set()
        for row in submission.rows(table):
            if row["CHILD"] in leavers and row["CHILD"] not in reported:
                reported.add(row["CHILD"])
                yield Problem("1012", table, "CHILD", row["CHILD"])
    for row in submission.rows("UASC"):
        if row["CHILD"] in leavers:
            yield Problem("1014", "UASC", "DUC", row["CHILD"])


# -- Social worker episodes (SW01a, SW04-SW08, SW10, SW11b, SW12, SW17) -------------------------


@_check("SW01aSTG1", "SW04STG1", "SW05STG1", "SW06STG2", "SW07STG2")
def _social_worker_episode_fields(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    # The social worker reporting period reaches back a year before the collection year.
    period_start = collection.previous.start
    for row in submission.rows("SWEpisodes"):
        child = row["CHILD"]
        for field in ("SW_ID", "SW_DECOM"):
            if not _filled(row, field):
                yield Problem("SW01aSTG1", "SWEpisodes", field, child)
        start = parse_date(row["SW_DECOM"])
        if start is None:
            yield Problem("SW04STG1", "SWEpisodes", "SW_DECOM", child)
        elif start > collection.reference_date:
            yield Problem("SW06STG2", "SWEpisodes", "SW_DECOM", child)
        if _filled(row, "SW_DEC"):
            end = parse_date(row["SW_DEC"])
            if end is None:
                yield Problem("SW05STG1", "SWEpisodes", "SW_DEC", child)
            elif not period_start <= end <= collection.reference_date:
                yield Problem("SW07STG2", "SWEpisodes", "SW_DEC", child)


def _sw_order(row: Row) -> tuple[dt.date, dt.date]:
    return (
        parse_date(row["SW_DECOM"]) or dt.date.min,
        parse_date(row["SW_DEC"]) or dt.date.max,
    )


@_check("SW08STG2", "SW10STG2", "SW11bSTG2", "SW12STG2", "SW17STG2")
def _social_worker_sequence(submission: Submission) -> Iterator[Problem]:
    collection = submission.collection
    reference = collection.reference_date
    sw_episodes = by_child(submission.rows("SWEpisodes"))
    for child, unordered in sw_episodes.items():
        rows = sorted(unordered, key=_sw_order)
        for before, after in zip(rows, rows[1:], strict=False):
            if parse_date(after["SW_DECOM"]) is None:
                continue
            if not before["SW_DEC"].strip():
                yield Problem("SW08STG2", "SWEpisodes", "SW_DEC", child)
            ended, started = parse_date(before["SW_DEC"]), parse_date(after["SW_DECOM"])
            # A first contact or re-referral may begin while an old episode is being closed.
            if (
                ended
                and started
                and after["SW_REASON"] != "FCONTA"
                and started < ended - SW_HANDOVER
            ):
                yield Problem("SW10STG2", "SWEpisodes", "SW_DECOM", child)

    for child, episodes in by_child(submission.rows("Episodes")).items():
        last = _last_episode(episodes)
        if not _looked_after_on(episodes, reference) or last["LS"] in SHORT_BREAKS:
            continue
        rows = sorted(sw_episodes.get(child, []), key=_sw_order)
        starts = [d for r in rows if (d := parse_date(r["SW_DECOM"])) is not None]
        first_decom = min(_decom_order(e) for e in episodes)
        # SW12: the episodes reach back to the start of the year, or at least to when the
        # child became looked after (a child new to care may have had no worker before).
        if not starts or min(starts) > max(collection.start, first_decom):
            yield Problem("SW12STG2", "SWEpisodes", "SW_DECOM", child)
        if not rows:
            continue
        final = rows[-1]
        ended = parse_date(final["SW_DEC"])
        if ended and ended < reference:
            yield Problem("SW11bSTG2", "SWEpisodes", "SW_DEC", child)
        if final["SW_DEC"].strip():
            yield Problem("SW17STG2", "SWEpisodes", "SW_DEC", child)


# -- Internal checks (INT) ----------------------------------------------------------------------

# Table: (child not in Header, DOB differs from Header, child more than once).
INTERNAL: dict[str, tuple[str | None, str | None, str | None]] = {
    "AD1": ("INT01", "INT11", "INT31"),
    "PlacedAdoption": ("INT02", "INT12", None),
    "Episodes": ("INT03", None, None),
    "Missing": ("INT04", "INT13", None),
    "OC2": ("INT05", "INT14", "INT33"),
    "OC3": ("INT06", "INT15", "INT34"),
    "PrevPerm": ("INT07", "INT16", "INT35"),
    "Reviews": ("INT08", "INT17", None),
    "UASC": ("INT09", "INT18", "INT36"),
}


def _same_date(a: str, b: str) -> bool:
    first, second = parse_date(a), parse_date(b)
    if first and second:
        return first == second
    return a.strip() == b.strip()


@_check(
    *(code for codes in INTERNAL.values() for code in codes if code),
    "INT21",
    "INT32",
)
def _internal(submission: Submission) -> Iterator[Problem]:
    header: dict[str, Row] = {}
    for row in submission.rows("Header"):
        if row["CHILD"] in header:
            yield Problem("INT32", "Header", "CHILD", row["CHILD"])
        else:
            header[row["CHILD"]] = row
    for table, (missing, dob, once) in INTERNAL.items():
        seen: set[str] = set()
        for row in submission.rows(table):
            child = row["CHILD"]
            if once and child in seen:
                yield Problem(once, table, "CHILD", child)
            seen.add(child)
            known = header.get(child)
            if known is None:
                if missing:
                    yield Problem(missing, table, "CHILD", child)
                continue
            if dob and not _same_date(row["DOB"], known["DOB"]):
                yield Problem(dob, table, "DOB", child)
            if table == "UASC" and row["SEX"] != known["SEX"]:
                yield Problem("INT21", "UASC", "SEX", child)
