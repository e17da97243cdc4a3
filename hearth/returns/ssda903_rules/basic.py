"""The first SSDA903 rules written: codes in each table, dates, the episode chain's shape.

Each `_code_rule` checks that a column holds one of the DfE's codes for it.

Every rule here can apply to Hearth's tables, so `CANNOT_APPLY` is empty.

Cannot apply: none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
from hearth.returns.ssda903 import SW_REASONS
from hearth.returns.ssda903_rules.registry import (
    Problem,
    Submission,
    by_child,
    check,
    parse_date,
)
from hearth.returns.upn import upn_well_formed

SW_REASON_REQUIRED_FROM = dt.date(2023, 4, 1)

# The rules in this module's block that cannot apply to Hearth's tables: none.
CANNOT_APPLY: dict[str, str] = {}


def _code_rule(code: str, table: str, field: str, valid: frozenset[str], *, blank_ok: bool) -> None:
    """A rule that a column holds one of a list of codes."""

    @check(code)
    def _check(submission: Submission) -> Iterator[Problem]:
        for row in submission.rows(table):
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
def _dob(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("Header"):
        if parse_date(row["DOB"]) is None:
            yield Problem("102", "Header", "DOB", row["CHILD"])


@check("104")
def _duc(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("UASC"):
        if row["DUC"] and parse_date(row["DUC"]) is None:
            yield Problem("104", "UASC", "DUC", row["CHILD"])


@check("168")
def _upn(submission: Submission) -> Iterator[Problem]:
    unknown = {f"UN{n}" for n in range(1, 6)}
    for row in submission.rows("Header"):
        if row["UPN"] not in unknown and not upn_well_formed(row["UPN"]):
            yield Problem("168", "Header", "UPN", row["CHILD"])


@check("EPI")
def _has_episodes(submission: Submission) -> Iterator[Problem]:
    # Care leavers in OC3 are in the Header without episodes this year: that is expected.
    explained = {row["CHILD"] for row in submission.rows("Episodes")} | {
        row["CHILD"] for row in submission.rows("OC3")
    }
    for row in submission.rows("Header"):
        if row["CHILD"] not in explained:
            yield Problem("EPI", "Header", "CHILD", row["CHILD"])


@check("148", "355", "356", "501")
def _episode_chain(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("Episodes"):
        if bool(row["DEC"]) != bool(row["REC"]):
            yield Problem("148", "Episodes", "DEC", row["CHILD"])
        start, end = parse_date(row["DECOM"]), parse_date(row["DEC"])
        if start and end and end < start:
            yield Problem("356", "Episodes", "DEC", row["CHILD"])
        if start and end and end == start:
            yield Problem("355", "Episodes", "DEC", row["CHILD"])
    for child, rows in by_child(submission.rows("Episodes")).items():
        ordered = sorted(rows, key=lambda r: parse_date(r["DECOM"]) or dt.date.min)
        for previous, following in zip(ordered, ordered[1:], strict=False):
            ended, started = parse_date(previous["DEC"]), parse_date(following["DECOM"])
            if started and (ended is None or started < ended):
                yield Problem("501", "Episodes", "DECOM", child)


@check("SW02STG1", "SW01bSTG1", "SW09STG2")
def _social_worker_episodes(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("SWEpisodes"):
        if not row["SW_ID"].startswith(("SW", "XX")):
            yield Problem("SW02STG1", "SWEpisodes", "SW_ID", row["CHILD"])
        start = parse_date(row["SW_DECOM"])
        if start and start >= SW_REASON_REQUIRED_FROM and not row["SW_REASON"]:
            yield Problem("SW01bSTG1", "SWEpisodes", "SW_REASON", row["CHILD"])
        if start and start == parse_date(row["SW_DEC"]):
            yield Problem("SW09STG2", "SWEpisodes", "SW_DEC", row["CHILD"])


@check("700", "701")
def _dolo_dates(submission: Submission) -> Iterator[Problem]:
    for row in submission.rows("DoLo"):
        if parse_date(row["DOLO_START"]) is None:
            yield Problem("700", "DoLo", "DOLO_START", row["CHILD"])
        if row["DOLO_END"] and parse_date(row["DOLO_END"]) is None:
            yield Problem("701", "DoLo", "DOLO_END", row["CHILD"])
