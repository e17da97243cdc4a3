"""SSDA903 validation: the DfE's 903 rules that check each table's codes and dates.

Partial, and why: the 903 lists hold 311 (2025-26) and 322 (2026-27) rules. Checked here are the
rules on codes and dates in each table, the episode chain's basic shape and the social worker
episodes (the list is `IMPLEMENTED`; docs/subsystems/returns.md gives it in full). The rules
that compare with last year's return, ages against legal statuses and placements, Ofsted's
provider lists and postcodes are not checked yet; many of them are already refused when the
looked-after record is written (hearth.lookedafter.services).

Years before 2025-26 are checked against the 2025-26 list (the 2024-25 list is superseded and not
shipped).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hearth.lookedafter.codes import (
    ACCOMMODATION_CHOICES,
    Activity,
    CategoryOfNeed,
    InTouch,
    LegalStatusCode,
    LegalStatusOfAdopters,
    MissingKind,
    PlacementProvider,
    PlacementType,
    PreviousPermanence,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
    ReasonPlacedCeased,
    ReviewParticipation,
    SexOfAdopters,
)
from hearth.people.codes import Ethnicity
from hearth.people.models import Person
from hearth.returns.rules import Failure, rule_catalogue
from hearth.returns.ssda903 import SW_REASONS, Row, Tables, ssda903_tables
from hearth.returns.upn import upn_well_formed
from hearth.returns.years import CollectionYear

SW_REASON_REQUIRED_FROM = dt.date(2023, 4, 1)


def catalogue_name(collection: CollectionYear) -> str:
    """The rule list for the year (2025-26 for earlier years)."""
    return "903-2026-27" if collection.end_year >= 2027 else "903-2025-26"


def parse_date(text: str) -> dt.date | None:
    """A 903 date (dd/mm/YYYY), or None when blank or not a date."""
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 - a date, no time
    except ValueError:
        return None


@dataclass(frozen=True)
class Problem:
    code: str
    table: str
    field: str
    child: str


Check = Callable[[Tables, CollectionYear], Iterator[Problem]]
CHECKS: list[Check] = []
IMPLEMENTED: set[str] = set()


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a check implementing `codes`."""

    def register(function: Check) -> Check:
        IMPLEMENTED.update(codes)
        CHECKS.append(function)
        return function

    return register


def _code_rule(code: str, table: str, field: str, valid: frozenset[str], *, blank_ok: bool) -> None:
    """A rule that a column holds one of a list of codes."""

    @check(code)
    def _check(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
        for row in tables.get(table, []):
            value = row[field]
            if (value or not blank_ok) and value not in valid:
                yield Problem(code, table, field, row["CHILD"])


def _values(choices: type) -> frozenset[str]:
    return frozenset(str(v) for v in choices.values)  # type: ignore[attr-defined]


_code_rule("101", "Header", "SEX", frozenset({"M", "F", "U"}), blank_ok=False)
_code_rule("101", "UASC", "SEX", frozenset({"M", "F", "U"}), blank_ok=False)
_code_rule("103", "Header", "ETHNIC", _values(Ethnicity), blank_ok=False)
_code_rule("143", "Episodes", "RNE", _values(ReasonNewEpisode), blank_ok=False)
_code_rule("144", "Episodes", "LS", _values(LegalStatusCode), blank_ok=False)
_code_rule("145", "Episodes", "CIN", _values(CategoryOfNeed), blank_ok=False)
_code_rule("146", "Episodes", "PLACE", _values(PlacementType), blank_ok=False)
_code_rule("149", "Episodes", "REC", _values(ReasonEpisodeCeased), blank_ok=True)
_code_rule("178", "Episodes", "PLACE_PROVIDER", _values(PlacementProvider), blank_ok=True)
_code_rule("1009", "Episodes", "REASON_PLACE_CHANGE", _values(ReasonPlaceChange), blank_ok=True)
_code_rule("167", "Reviews", "REVIEW_CODE", _values(ReviewParticipation), blank_ok=False)
_code_rule("1006", "Missing", "MISSING", _values(MissingKind), blank_ok=False)
_code_rule("131", "OC3", "IN_TOUCH", _values(InTouch), blank_ok=False)
_code_rule("132", "OC3", "ACTIV", _values(Activity), blank_ok=True)
_code_rule(
    "133", "OC3", "ACCOM", frozenset(code for code, _ in ACCOMMODATION_CHOICES), blank_ok=True
)
_code_rule("631", "PrevPerm", "PREV_PERM", _values(PreviousPermanence), blank_ok=False)
_code_rule(
    "120", "PlacedAdoption", "REASON_PLACED_CEASED", _values(ReasonPlacedCeased), blank_ok=True
)
_code_rule("175", "AD1", "NB_ADOPTR", frozenset({"1", "2"}), blank_ok=False)
_code_rule("176", "AD1", "SEX_ADOPTR", _values(SexOfAdopters), blank_ok=False)
_code_rule("177", "AD1", "LS_ADOPTR", _values(LegalStatusOfAdopters), blank_ok=False)
_code_rule("SW13STG1", "SWEpisodes", "SW_REASON", SW_REASONS, blank_ok=True)


@check("102")
def _dob(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    for row in tables["Header"]:
        if parse_date(row["DOB"]) is None:
            yield Problem("102", "Header", "DOB", row["CHILD"])


@check("104")
def _duc(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    for row in tables["UASC"]:
        if row["DUC"] and parse_date(row["DUC"]) is None:
            yield Problem("104", "UASC", "DUC", row["CHILD"])


@check("168")
def _upn(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    unknown = {f"UN{n}" for n in range(1, 6)}
    for row in tables["Header"]:
        if row["UPN"] not in unknown and not upn_well_formed(row["UPN"]):
            yield Problem("168", "Header", "UPN", row["CHILD"])


@check("EPI")
def _has_episodes(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    with_episodes = {row["CHILD"] for row in tables["Episodes"]}
    for row in tables["Header"]:
        if row["CHILD"] not in with_episodes:
            yield Problem("EPI", "Header", "CHILD", row["CHILD"])


@check("148", "355", "356", "501")
def _episode_chain(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    by_child: dict[str, list[Row]] = defaultdict(list)
    for row in tables["Episodes"]:
        by_child[row["CHILD"]].append(row)
        if bool(row["DEC"]) != bool(row["REC"]):
            yield Problem("148", "Episodes", "DEC", row["CHILD"])
        start, end = parse_date(row["DECOM"]), parse_date(row["DEC"])
        if start and end and end < start:
            yield Problem("356", "Episodes", "DEC", row["CHILD"])
        if start and end and end == start:
            yield Problem("355", "Episodes", "DEC", row["CHILD"])
    for child, rows in by_child.items():
        ordered = sorted(rows, key=lambda r: parse_date(r["DECOM"]) or dt.date.min)
        for previous, following in zip(ordered, ordered[1:], strict=False):
            ended, started = parse_date(previous["DEC"]), parse_date(following["DECOM"])
            if started and (ended is None or started < ended):
                yield Problem("501", "Episodes", "DECOM", child)


@check("SW02STG1", "SW01bSTG1", "SW09STG2")
def _social_worker_episodes(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    for row in tables["SWEpisodes"]:
        if not row["SW_ID"].startswith(("SW", "XX")):
            yield Problem("SW02STG1", "SWEpisodes", "SW_ID", row["CHILD"])
        start = parse_date(row["SW_DECOM"])
        if start and start >= SW_REASON_REQUIRED_FROM and not row["SW_REASON"]:
            yield Problem("SW01bSTG1", "SWEpisodes", "SW_REASON", row["CHILD"])
        if start and start == parse_date(row["SW_DEC"]):
            yield Problem("SW09STG2", "SWEpisodes", "SW_DEC", row["CHILD"])


@check("700", "701")
def _dolo_dates(tables: Tables, collection: CollectionYear) -> Iterator[Problem]:
    for row in tables.get("DoLo", []):
        if parse_date(row["DOLO_START"]) is None:
            yield Problem("700", "DoLo", "DOLO_START", row["CHILD"])
        if row["DOLO_END"] and parse_date(row["DOLO_END"]) is None:
            yield Problem("701", "DoLo", "DOLO_END", row["CHILD"])


def ssda903_validate(
    *,
    collection: CollectionYear,
    tables: Tables | None = None,
    fix_url: Callable[[int], str] | None = None,
) -> list[Failure]:
    """Failures of the implemented 903 rules in the year's tables (built when not given)."""
    if tables is None:
        tables = ssda903_tables(collection=collection)
    rules = rule_catalogue(catalogue_name(collection))
    problems = [p for c in CHECKS for p in c(tables, collection) if p.code in rules]
    references = {p.child for p in problems}
    person_ids = dict(
        Person.objects.filter(reference__in=references).values_list("reference", "pk")
    )
    failures = [
        Failure(
            rule=rules[p.code],
            field=f"{p.table}.{p.field}",
            la_child_id=p.child,
            person_id=person_ids.get(p.child),
            fix_url=fix_url(person_ids[p.child]) if fix_url and p.child in person_ids else None,
        )
        for p in problems
    ]
    failures.sort(key=lambda f: (not f.is_error, f.la_child_id or "", f.code))
    return failures
