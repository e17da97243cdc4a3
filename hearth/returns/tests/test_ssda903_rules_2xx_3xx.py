"""SSDA903 rules 200 to 399: each caught where the tables break it, and the valid side passing.

The baseline is a 2026-27 return for four children (a girl in foster care who has a short
holiday placement, a UASC young person in supported accommodation, a boy adopted by his foster
carers, and a care leaver) with last year's return beside it; it passes every rule here.
These tests read tables only: `ssda903_validate` is given both years' tables, and its lookup of
the children's records is replaced so no database is needed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from hearth.returns import ssda903_validation
from hearth.returns.ssda903 import Row, Tables, ssda903_tables
from hearth.returns.ssda903_validation import IMPLEMENTED, ssda903_validate
from hearth.returns.tests.test_ssda903 import history
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2027)
BASIC_CODES = {"355", "356"}  # in this range, but checked by `basic`


def _in_range(code: str) -> bool:
    digits, suffix = code[:3], code[3:]
    return (
        digits.isdigit() and 200 <= int(digits) < 400 and suffix.upper() in ("", "A", "B", "C", "D")
    )


class _NoPeople:
    """Stands in for `Person` so validation reads no database (no child is on record)."""

    class objects:  # noqa: N801 - mirrors the manager's name
        @staticmethod
        def filter(**_: object) -> _NoPeople.objects:
            return _NoPeople.objects()

        def values_list(self, *_: str) -> list[tuple[str, int]]:
            return []


@pytest.fixture(autouse=True)
def _no_database(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if "django_db" not in request.keywords:
        monkeypatch.setattr(ssda903_validation, "Person", _NoPeople)


def episode(child: str, decom: str, dec: str = "", **values: str) -> Row:
    """An episode row: a foster placement under a care order unless told otherwise."""
    row = {
        "CHILD": child,
        "DECOM": decom,
        "RNE": "P",
        "LS": "C2",
        "CIN": "N1",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "DEC": dec,
        "REC": "X1" if dec else "",
        "REASON_PLACE_CHANGE": "",
        "HOME_POST": "HD1 2TA",
        "PL_POST": "HD7 1AA",
        "URN": "SC222222",
    }
    row.update(values)
    return row


def header(child: str, sex: str, dob: str, **values: str) -> Row:
    row = {
        "CHILD": child,
        "SEX": sex,
        "DOB": dob,
        "ETHNIC": "WBRI",
        "UPN": "A123456789012",
        "MOTHER": "0" if sex == "F" else "",
        "MC_DOB": "",
    }
    row.update(values)
    return row


def baseline() -> Tables:
    """2026-27: A1 in foster care with a carer's-holiday placement, C3 UASC in supported
    accommodation since September, D4 adopted by his foster carers in January, B2 a care
    leaver who turned 18 in the year."""
    return {
        "Header": [
            header("A1", "F", "10/05/2012"),
            header("C3", "M", "01/02/2010", ETHNIC="OOTH", UPN="UN2"),
            header("D4", "M", "01/03/2021", ETHNIC="MWBA", UPN="D123456789012"),
        ],
        "Episodes": [
            episode(
                "A1", "10/06/2025", "01/09/2026", RNE="L", PLACE="U6", PL_POST="HD8 9LS",
                URN="SC123456", REASON_PLACE_CHANGE="CARPL",
            ),
            episode("A1", "01/09/2026", "01/12/2026"),
            episode(
                "A1", "01/12/2026", "10/12/2026", PLACE="T3", PLACE_PROVIDER="",
                PL_POST="HD5 8BB", URN="",
            ),
            episode("A1", "10/12/2026"),
            episode(
                "C3", "20/09/2026", RNE="S", LS="V2", CIN="N4", PLACE="K3", PLACE_PROVIDER="PR4",
                HOME_POST="", PL_POST="LS1 1AA", URN="1234567",
            ),
            episode(
                "D4", "01/02/2025", "01/06/2026", RNE="S", PLACE="U6", PL_POST="HD4 5DD",
                URN="SC333333", REASON_PLACE_CHANGE="CARPL",
            ),
            episode(
                "D4", "01/06/2026", "15/01/2027", RNE="U", LS="E1", PLACE="A5", REC="E11",
                PL_POST="HD4 5DD", URN="SC333333",
            ),
        ],
        "Reviews": [
            {"CHILD": "A1", "DOB": "10/05/2012", "REVIEW": "01/07/2026", "REVIEW_CODE": "PN1"},
            {"CHILD": "C3", "DOB": "01/02/2010", "REVIEW": "15/10/2026", "REVIEW_CODE": "PN1"},
            {"CHILD": "D4", "DOB": "01/03/2021", "REVIEW": "10/09/2026", "REVIEW_CODE": "PN0"},
        ],
        "UASC": [{"CHILD": "C3", "SEX": "M", "DOB": "01/02/2010", "DUC": ""}],
        "OC2": [
            {
                "CHILD": "A1", "DOB": "10/05/2012", "SDQ_SCORE": "12", "SDQ_REASON": "",
                "CONVICTED": "0", "HEALTH_CHECK": "", "IMMUNISATIONS": "1", "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "",
                "INTERVENTION_OFFERED": "",
            }
        ],
        "OC3": [
            {"CHILD": "B2", "DOB": "15/08/2008", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "U1"}
        ],
        "AD1": [
            {
                "CHILD": "D4", "DOB": "01/03/2021", "DATE_INT": "01/03/2026",
                "DATE_MATCH": "15/05/2026", "FOSTER_CARE": "1", "NB_ADOPTR": "2",
                "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11",
            }
        ],
        "PlacedAdoption": [
            {
                "CHILD": "D4", "DOB": "01/03/2021", "DATE_PLACED": "01/03/2026",
                "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": "",
            }
        ],
        "PrevPerm": [
            {"CHILD": "C3", "DOB": "01/02/2010", "PREV_PERM": "Z1", "LA_PERM": "", "DATE_PERM": ""}
        ],
        "Missing": [],
        "SWEpisodes": [],
        "DoLo": [],
    }  # fmt: skip


def last_year() -> Tables:
    """2025-26: A1 and D4 looked after, B2 a care leaver at 17."""
    return {
        "Header": [
            header("A1", "F", "10/05/2012"),
            header("D4", "M", "01/03/2021", ETHNIC="MWBA", UPN="D123456789012"),
        ],
        "Episodes": [
            episode(
                "A1", "06/05/2025", "10/06/2025", RNE="S", LS="V2", PLACE="U6",
                PL_POST="HD8 9LS", URN="SC123456",
            ),
            episode("A1", "10/06/2025", RNE="L", PLACE="U6", PL_POST="HD8 9LS", URN="SC123456"),
            episode("D4", "01/02/2025", RNE="S", PLACE="U6", PL_POST="HD4 5DD", URN="SC333333"),
        ],
        "Reviews": [],
        "UASC": [],
        "OC2": [],
        "OC3": [
            {"CHILD": "B2", "DOB": "15/08/2008", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "U1"}
        ],
        "AD1": [],
        "PlacedAdoption": [],
        "PrevPerm": [],
        "Missing": [],
        "SWEpisodes": [],
    }  # fmt: skip


def found(
    tables: Tables, previous: Tables, year: CollectionYear = YEAR
) -> set[tuple[str, str, str]]:
    """(code, table.field, child) for every failure of a rule in this module's range."""
    return {
        (f.code, f.field, f.la_child_id or "")
        for f in ssda903_validate(collection=year, tables=tables, previous=previous)
        if _in_range(f.code)
    }


def episodes_of(tables: Tables, child: str) -> list[Row]:
    return [r for r in tables["Episodes"] if r["CHILD"] == child]


def only(tables: Tables, table: str, child: str) -> Row:
    (row,) = [r for r in tables[table] if r["CHILD"] == child]
    return row


def set_dob(tables: Tables, child: str, dob: str) -> None:
    for name in ("Header", "UASC", "Reviews", "AD1", "OC3"):
        for row in tables.get(name, []):
            if row["CHILD"] == child:
                row["DOB"] = dob


def replace_episodes(tables: Tables, child: str, rows: list[Row]) -> None:
    tables["Episodes"] = [r for r in tables["Episodes"] if r["CHILD"] != child] + rows


NO_URN_HERE = ("P1", "P3", "R5", "T0", "T1", "T3", "T4")


def c3(place: str = "K3", ls: str = "V2", dec: str = "", **values: str) -> list[Row]:
    """C3's one episode, changed."""
    return [
        episode(
            "C3", "20/09/2026", dec, RNE=values.pop("RNE", "S"), LS=ls, CIN="N4", PLACE=place,
            PLACE_PROVIDER=values.pop("PLACE_PROVIDER", "PR4"), HOME_POST="", PL_POST="LS1 1AA",
            URN=values.pop("URN", "" if place in NO_URN_HERE else "1234567"),
            **values,
        )
    ]  # fmt: skip


def short_break(**values: str) -> list[Row]:
    """C3 on a short break (V3) with foster carers, as submitted: no postcodes and no URN,
    unless told otherwise."""
    row = episode(
        "C3", "20/09/2026", "01/10/2026", RNE="S", LS="V3", CIN="N4", PLACE="U6", REC="E13",
        HOME_POST="", PL_POST="", URN="",
    )  # fmt: skip
    row.update(values)
    return [row]


def c3_chain(*steps: tuple[str, str, str, str]) -> list[Row]:
    """C3's episodes as (place, legal status, start, end), each continuing the one before."""
    rows = []
    for index, (place, ls, decom, dec) in enumerate(steps):
        temporary = place.startswith("T")
        rows.append(
            episode(
                "C3", decom, dec, RNE="S" if index == 0 else "P", LS=ls, PLACE=place,
                PLACE_PROVIDER="" if temporary and place != "T4" else "PR4", HOME_POST="",
                PL_POST="LS1 1AA", URN="" if temporary else "1234567",
                REC="X1" if dec and index < len(steps) - 1 else ("E8" if dec else ""),
            )
        )  # fmt: skip
    return rows


Mutation = Callable[[Tables, Tables], None]


def _set(table: str, child: str, field: str, value: str, *, last: bool = False) -> Mutation:
    def mutate(tables: Tables, previous: Tables) -> None:
        only(previous if last else tables, table, child)[field] = value

    return mutate


def _episode(child: str, index: int, **values: str) -> Mutation:
    def mutate(tables: Tables, previous: Tables) -> None:
        episodes_of(tables, child)[index].update(values)

    return mutate


def _c3(rows: list[Row], **header_values: str) -> Mutation:
    def mutate(tables: Tables, previous: Tables) -> None:
        replace_episodes(tables, "C3", rows)
        only(tables, "Header", "C3").update(header_values)
        if "DOB" in header_values:
            set_dob(tables, "C3", header_values["DOB"])

    return mutate


def _dob(child: str, dob: str) -> Mutation:
    def mutate(tables: Tables, previous: Tables) -> None:
        set_dob(tables, child, dob)

    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(tables: Tables, previous: Tables) -> None:
        for mutation in mutations:
            mutation(tables, previous)

    return mutate


def _add(table: str, row: Row, *, last: bool = False) -> Mutation:
    def mutate(tables: Tables, previous: Tables) -> None:
        (previous if last else tables)[table].append(dict(row))

    return mutate


def _uasc_last_year(child: str, duc: str, dob: str = "01/02/2010") -> Mutation:
    return _add("UASC", {"CHILD": child, "SEX": "M", "DOB": dob, "DUC": duc}, last=True)


def _in_last_header(child: str) -> Mutation:
    return _add("Header", header(child, "M", "01/02/2010", ETHNIC="OOTH", UPN="UN2"), last=True)


def _short_breaks(count: int, days: int) -> list[Row]:
    """C3's short breaks (V3) of `days` days, one a month from May."""
    rows = []
    for month in range(count):
        start, end = f"01/{month + 5:02d}/2026", f"{1 + days:02d}/{month + 5:02d}/2026"
        rows.append(
            episode("C3", start, end, RNE="S", LS="V3", PLACE="U6", REC="E13", URN="SC444444")
        )
    return rows


A1_HOLIDAY_ENDS_LATE = _all(
    _episode("A1", 2, DEC="23/12/2026"), _episode("A1", 3, DECOM="23/12/2026")
)

# code: (mutation, "table.field", child)
CASES: dict[str, tuple[Mutation, str, str]] = {
    "202": (_set("Header", "A1", "SEX", "M", last=True), "Header.SEX", "A1"),
    "203": (_set("Header", "A1", "DOB", "11/05/2012", last=True), "Header.DOB", "A1"),
    "204": (_set("Header", "A1", "ETHNIC", "WIRI", last=True), "Header.ETHNIC", "A1"),
    "205A": (_uasc_last_year("D4", "", dob="01/03/2021"), "Header.CHILD", "D4"),
    "205B": (
        _all(
            _uasc_last_year("C3", "01/01/2026"),
            _in_last_header("C3"),
            _set("UASC", "C3", "DUC", "01/01/2026"),
        ),
        "UASC.DUC",
        "C3",
    ),
    "205D": (_in_last_header("C3"), "UASC.CHILD", "C3"),
    "207": (_set("Header", "A1", "MOTHER", "1", last=True), "Header.MOTHER", "A1"),
    "208": (_set("Header", "A1", "UPN", "B123456789012", last=True), "Header.UPN", "A1"),
    "209": (_set("Header", "A1", "UPN", "UN1"), "Header.UPN", "A1"),
    "210": (_set("Header", "A1", "UPN", "UN4"), "Header.UPN", "A1"),
    "213": (_episode("A1", 2, PLACE_PROVIDER="PR1"), "Episodes.PLACE_PROVIDER", "A1"),
    "214": (_c3(short_break(PL_POST="LS1 1AA")), "Episodes.PL_POST", "C3"),
    "215": (
        _add(
            "OC3",
            {"CHILD": "A1", "DOB": "10/05/2012", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "U1"},
        ),
        "OC3.IN_TOUCH",
        "A1",
    ),  # fmt: skip
    "217": (_episode("D4", 1, RNE="P"), "Episodes.RNE", "D4"),
    "218": (_episode("A1", 3, URN=""), "Episodes.URN", "A1"),
    "222": (_episode("A1", 2, URN="SC999999"), "Episodes.URN", "A1"),
    "225": (_episode("A1", 0, REASON_PLACE_CHANGE=""), "Episodes.REASON_PLACE_CHANGE", "A1"),
    "226": (_episode("A1", 1, REASON_PLACE_CHANGE="CARPL"), "Episodes.REASON_PLACE_CHANGE", "A1"),
    "231": (_c3(c3(), DOB="01/06/2016"), "Header.DOB", "C3"),
    "232": (_set("Header", "A1", "SEX", "U"), "Header.SEX", "A1"),
    "233": (_episode("A1", 3, REASON_PLACE_CHANGE="CARPL"), "Episodes.REASON_PLACE_CHANGE", "A1"),
    "234": (_episode("D4", 0, REASON_PLACE_CHANGE="CUSTOD"), "Episodes.REASON_PLACE_CHANGE", "D4"),
    "301": (_dob("D4", "01/04/2027"), "Header.DOB", "D4"),
    "302": (_dob("D4", "01/03/2025"), "Episodes.DECOM", "D4"),
    "304": (_set("UASC", "C3", "DUC", "02/02/2028"), "UASC.DUC", "C3"),
    "331": (_set("AD1", "D4", "DATE_MATCH", "02/06/2026"), "AD1.DATE_MATCH", "D4"),
    "333": (_set("AD1", "D4", "DATE_INT", "01/06/2026"), "AD1.DATE_INT", "D4"),
    "334": (_set("AD1", "D4", "DATE_INT", "01/01/2025"), "AD1.DATE_INT", "D4"),
    "335": (_set("AD1", "D4", "FOSTER_CARE", "0"), "AD1.FOSTER_CARE", "D4"),
    "336": (_episode("D4", 0, PLACE="K2"), "Episodes.PLACE", "D4"),
    "344": (_set("OC3", "B2", "IN_TOUCH", "DIED"), "OC3.ACTIV", "B2"),
    "345": (_set("OC3", "B2", "ACCOM", "0"), "OC3.ACCOM", "B2"),
    "347": (_set("OC3", "B2", "ACCOM", "T1"), "OC3.ACCOM", "B2"),
    "348": (_set("OC3", "B2", "IN_TOUCH", "DIED", last=True), "OC3.IN_TOUCH", "B2"),
    "351": (_c3(c3(), DOB="31/03/2001"), "Header.DOB", "C3"),
    "352": (_c3(c3(), DOB="01/09/2008"), "Episodes.DECOM", "C3"),
    "353": (_episode("D4", 0, DECOM="13/10/1991"), "Episodes.DECOM", "D4"),
    "354": (_episode("D4", 1, DECOM="01/04/2027", DEC=""), "Episodes.DECOM", "D4"),
    "385": (_episode("D4", 1, DEC="01/04/2027"), "Episodes.DEC", "D4"),
    "357": (_c3(c3(RNE="L")), "Episodes.RNE", "C3"),
    "358": (_episode("D4", 1, LS="J1"), "Episodes.LS", "D4"),
    "359": (_c3(c3(), DOB="01/02/2008"), "Episodes.LS", "C3"),
    "361": (
        _c3(
            c3_chain(
                ("K3", "L1", "20/09/2026", "22/09/2026"),
                ("K3", "L1", "22/09/2026", "25/09/2026"),
                ("K3", "V2", "25/09/2026", ""),
            )
        ),
        "Episodes.DEC",
        "C3",
    ),  # fmt: skip
    "362": (_c3(c3(ls="L2")), "Episodes.DEC", "C3"),
    "363": (_c3(c3(ls="L3")), "Episodes.DEC", "C3"),
    "364": (_c3(c3(ls="J2")), "Episodes.DEC", "C3"),
    "365": (_c3(c3(ls="V3", PLACE_PROVIDER="PR4")), "Episodes.DEC", "C3"),
    "366": (_c3(c3(ls="V3", dec="01/10/2026", REC="E13", RNE="L")), "Episodes.RNE", "C3"),
    "367": (_c3(_short_breaks(5, 16)), "Episodes.LS", "C3"),
    "371": (_c3(c3(), DOB="01/10/2010"), "Episodes.PLACE", "C3"),
    "372": (_c3(c3(place="R5"), DOB="01/01/2017"), "Episodes.PLACE", "C3"),
    "373": (_c3(c3(place="S1"), DOB="01/01/2023"), "Episodes.PLACE", "C3"),
    "374": (_c3(c3(place="P3"), DOB="01/01/2013"), "Episodes.PLACE", "C3"),
    "375": (_c3(c3(place="T1", RNE="P", PLACE_PROVIDER="")), "Episodes.DEC", "C3"),
    "376": (A1_HOLIDAY_ENDS_LATE, "Episodes.DEC", "A1"),
    "377": (
        _c3(
            c3_chain(
                ("K3", "V2", "20/09/2026", "01/10/2026"),
                ("T3", "V2", "01/10/2026", "05/10/2026"),
                ("K3", "V2", "05/10/2026", "01/11/2026"),
                ("T3", "V2", "01/11/2026", "05/11/2026"),
                ("K3", "V2", "05/11/2026", "01/12/2026"),
                ("T3", "V2", "01/12/2026", "05/12/2026"),
                ("K3", "V2", "05/12/2026", ""),
            )
        ),
        "Episodes.PLACE",
        "C3",
    ),  # fmt: skip
    "378": (_c3(c3(place="P1")), "Episodes.PLACE", "C3"),
    "379": (_c3(c3(place="T4", RNE="P")), "Episodes.DEC", "C3"),
    "380": (_c3(c3(place="T0", PLACE_PROVIDER="")), "Episodes.RNE", "C3"),
    "381": (_c3(c3(place="T4", RNE="P", dec="22/09/2026", REC="E8")), "Episodes.REC", "C3"),
    "382": (_c3(c3(place="T0", ls="V3", RNE="P", PLACE_PROVIDER="")), "Episodes.PLACE", "C3"),
    "383": (_episode("A1", 3, PLACE="U6"), "Episodes.PLACE", "A1"),
    "384": (_c3(c3(place="U4", ls="V4", URN="SC444444")), "Episodes.PLACE", "C3"),
    "386": (_dob("D4", "01/03/2008"), "Episodes.REC", "D4"),
    "387": (_episode("D4", 1, REC="E5"), "Episodes.REC", "D4"),
    "388": (_episode("A1", 2, REC="E8"), "Episodes.REC", "A1"),
    "389": (_episode("D4", 1, REC="E7"), "Episodes.REC", "D4"),
    "390": (_episode("D4", 1, PLACE="U6"), "Episodes.REC", "D4"),
    "391": (_set("OC3", "B2", "DOB", "01/06/2010"), "OC3.DOB", "B2"),
    "393": (_set("Header", "A1", "MOTHER", ""), "Header.MOTHER", "A1"),
    "399": (_c3(c3(ls="V3", dec="01/10/2026", REC="E13")), "Reviews.REVIEW", "C3"),
    "398": (_c3(short_break(HOME_POST="LS2 7EY")), "Episodes.HOME_POST", "C3"),
    "392a": (_episode("A1", 3, HOME_POST="HD9 9ZZ"), "Episodes.HOME_POST", "A1"),
    "392b": (_episode("A1", 3, PL_POST=""), "Episodes.PL_POST", "A1"),
    "392c": (_episode("D4", 1, PL_POST="HD4 4DD"), "Episodes.PL_POST", "D4"),
    "392d": (_episode("A1", 3, PL_POST="hd12ta"), "Episodes.PL_POST", "A1"),
}

# The valid side of a rule's edge: (code, mutation) that must NOT be reported.
EDGES: dict[str, tuple[str, Mutation]] = {
    "UPN unknown last year, known now": ("208", _set("Header", "A1", "UPN", "UN1", last=True)),
    "four only after 31 August": ("209", _all(_dob("D4", "01/09/2021"),
                                              _set("Header", "D4", "UPN", "UN1"))),
    "UN4 for a child looked after under a week": (
        "210", _c3(c3_chain(("K3", "V2", "25/03/2027", "")), UPN="UN4"),
    ),
    "URN not inspected": ("222", _episode("A1", 2, URN="XXXXXXX")),
    "UASC aged exactly 11": ("231", _c3(c3(), DOB="31/03/2016")),
    "UASC still, both years": ("205B", _all(_uasc_last_year("C3", ""), _in_last_header("C3"))),
    "UASC ceased last year at 18": (
        "205A", _all(_uasc_last_year("D4", "01/12/2025", dob="01/12/2007")),
    ),
    "DUC on the 18th birthday": ("304", _set("UASC", "C3", "DUC", "01/02/2028")),
    "matched on the day of placement": ("331", _set("AD1", "D4", "DATE_MATCH", "01/06/2026")),
    "aged 18 at the start of the year": ("347", _all(_set("OC3", "B2", "ACCOM", "T1"),
                                                      _set("OC3", "B2", "DOB", "01/04/2008"))),
    "25th birthday on the first day": ("351", _c3(c3(), DOB="01/04/2001")),
    "first day allowed": ("353", _episode("D4", 0, DECOM="14/10/1991")),
    "18 in a children's home on V2": ("359", _c3(c3(place="K2"), DOB="01/02/2008")),
    "police protection for three days": (
        "361", _c3(c3_chain(("K3", "L1", "20/09/2026", "23/09/2026"),
                            ("K3", "V2", "23/09/2026", ""))),
    ),
    "respite for 17 days": ("365", _c3(c3(ls="V3", dec="07/10/2026", REC="E13"))),
    "respite for 64 days": ("367", _c3(_short_breaks(4, 16))),
    "independent living at 14": ("387", _all(_episode("D4", 1, REC="E6"),
                                             _dob("D4", "15/01/2013"))),
    "16 in supported accommodation": ("371", _c3(c3(), DOB="20/09/2010")),
    "carers' holiday for 21 days": ("376", _all(_episode("A1", 2, DEC="22/12/2026"),
                                                _episode("A1", 3, DECOM="22/12/2026"))),
    "two carers' holidays": (
        "377", _c3(c3_chain(("K3", "V2", "20/09/2026", "01/10/2026"),
                            ("T3", "V2", "01/10/2026", "05/10/2026"),
                            ("K3", "V2", "05/10/2026", "01/11/2026"),
                            ("T3", "V2", "01/11/2026", "05/11/2026"),
                            ("K3", "V2", "05/11/2026", ""))),
    ),
    "a short break with no postcodes or URN": ("214", _c3(short_break())),
    "a short break with no postcodes, so no distance": ("398", _c3(short_break())),
    "no URN asked of a short break in foster care": ("218", _c3(short_break())),
    "a short break needs no distance": ("392a", _c3(short_break())),
    "a short break needs no postcodes": ("392b", _c3(short_break())),
    "a UASC child needs no home postcode": ("392b", _c3(c3())),
    "a UASC child needs no distance": ("392a", _c3(c3())),
    "formerly UASC, in last year's table only": (
        "392b", _all(_uasc_last_year("A1", "01/01/2026", dob="10/05/2012"),
                     _episode("A1", 3, HOME_POST="")),
    ),
    "a postcode however typed is real": ("392c", _episode("A1", 3, HOME_POST="hd1  2ta")),
    "placed with parents at home": ("392d", _episode("A1", 3, PLACE="P1", PL_POST="HD1 2TA",
                                                     URN="", PLACE_PROVIDER="PR0")),
    "a girl on short breaks only": ("393", _all(_c3(c3(ls="V3", dec="01/10/2026", REC="E13")),
                                                _set("Header", "C3", "SEX", "F"))),
}  # fmt: skip


def test_the_baseline_passes_every_rule_here() -> None:
    assert found(baseline(), last_year()) == set()


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(code: str) -> None:
    mutate, field, child = CASES[code]
    tables, previous = baseline(), last_year()
    mutate(tables, previous)
    assert (code, field, child) in found(tables, previous)


@pytest.mark.parametrize("edge", sorted(EDGES))
def test_the_valid_side_of_each_edge_passes(edge: str) -> None:
    code, mutate = EDGES[edge]
    tables, previous = baseline(), last_year()
    mutate(tables, previous)
    assert code not in {found_code for found_code, _, _ in found(tables, previous)}


def test_the_same_rules_are_reported_in_2025_26() -> None:
    tables, previous = baseline(), last_year()
    CASES["378"][0](tables, previous)
    assert ("378", "Episodes.PLACE", "C3") in found(tables, previous, CollectionYear(2026))


def test_a_child_not_in_last_years_return_is_not_compared_with_it() -> None:
    tables = baseline()
    CASES["202"][0](tables, copy.deepcopy(last_year()))
    empty: Tables = {name: [] for name in last_year()}
    assert found(tables, empty) == set()


def test_every_rule_here_has_a_breaking_test() -> None:
    registered = {c for c in IMPLEMENTED if _in_range(c)} - BASIC_CODES
    assert registered == set(CASES)


@pytest.mark.django_db
def test_the_tables_built_from_a_known_history_raise_none_of_these_rules() -> None:
    history()
    year = CollectionYear(2026)
    tables = ssda903_tables(collection=year)
    previous = ssda903_tables(collection=year.previous)
    failures = ssda903_validate(collection=year, tables=tables, previous=previous)
    assert [f.code for f in failures if _in_range(f.code)] == []


def test_a_short_break_with_a_placement_named_is_reported_on_each_column_given() -> None:
    tables, previous = baseline(), last_year()
    replace_episodes(
        tables, "C3", short_break(HOME_POST="LS2 7EY", PL_POST="LS1 1AA", URN="SC444444")
    )
    reported = {(code, field) for code, field, child in found(tables, previous) if child == "C3"}
    assert {
        ("214", "Episodes.PL_POST"),
        ("214", "Episodes.URN"),
        ("398", "Episodes.HOME_POST"),
        ("398", "Episodes.PL_POST"),
    } <= reported
    assert not {code for code, _ in reported} & {"392a", "392b", "392c", "392d"}


def test_no_distance_is_reported_on_the_postcode_that_cannot_be_placed() -> None:
    tables, previous = baseline(), last_year()
    episodes_of(tables, "A1")[3]["PL_POST"] = "HD9 9ZZ"
    reported = {(code, field) for code, field, child in found(tables, previous) if child == "A1"}
    assert ("392a", "Episodes.PL_POST") in reported
    assert ("392c", "Episodes.PL_POST") in reported
    assert ("392a", "Episodes.HOME_POST") not in reported


def test_a_home_postcode_given_for_a_uasc_child_is_still_checked_as_a_postcode() -> None:
    tables, previous = baseline(), last_year()
    episodes_of(tables, "C3")[0]["HOME_POST"] = "ZZ1 1ZZ"
    assert ("392c", "Episodes.HOME_POST", "C3") in found(tables, previous)
