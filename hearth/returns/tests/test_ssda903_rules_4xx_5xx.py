"""The SSDA903 rules 400-599: a realistic pair of children passes; each break is caught.

The tables are plain Python (no database) except the last test, which builds them from the
record. `ssda903_validate` looks up the failing children's people to link them; here there are
none to find, so that lookup is stubbed.
"""

import copy
import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone

from hearth.lookedafter import services as lookedafter
from hearth.lookedafter.tests.factories import foster_placement
from hearth.returns import ssda903_validation
from hearth.returns.rules import rule_catalogue
from hearth.returns.ssda903 import ssda903_tables
from hearth.returns.ssda903_rules import rules_4xx_5xx
from hearth.returns.ssda903_rules.registry import CHECKS, Submission
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.tests.factories import child, front_door_worker
from hearth.returns.tests.test_ssda903 import history
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2027)  # 1 April 2026 to 31 March 2027
RULES = Path(ssda903_validation.__file__).parent / "dfe_rules"
# Codes implemented elsewhere, and codes that cannot apply (rules_4xx_5xx's docstring).
ELSEWHERE = {"501"}
CANNOT_APPLY = {"411"}

Tables = dict[str, list[dict[str, str]]]
D = dt.date


def at(year: int, month: int, day: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))  # noqa: DTZ001 - local time


def row(**values):
    return values


def episode(child, decom, rne, ls, place, *, dec="", rec="", **extra):
    values = {
        "CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place,
        "PLACE_PROVIDER": "PR1", "DEC": dec, "REC": rec, "REASON_PLACE_CHANGE": "",
        "HOME_POST": "HD1 2TA", "PL_POST": "HD8 9LS", "URN": "SC123456",
    }  # fmt: skip
    values.update(extra)
    return values


def baseline() -> Tables:
    """C1, a girl of 11 in foster care since May 2025; C2, a boy of 3 adopted in March 2027."""
    return {
        "Header": [
            row(CHILD="C1", SEX="F", DOB="01/06/2015", ETHNIC="WBRI", UPN="V382432125001",
                MOTHER="0", MC_DOB=""),
            row(CHILD="C2", SEX="M", DOB="10/01/2023", ETHNIC="WBRI", UPN="UN1",
                MOTHER="", MC_DOB=""),
        ],
        "Episodes": [
            episode("C1", "10/06/2025", "L", "C2", "U6", dec="01/09/2026", rec="X1",
                    REASON_PLACE_CHANGE="CARPL"),
            episode("C1", "01/09/2026", "P", "C2", "U4", PL_POST="HD2 1AA", URN="SC654321"),
            episode("C2", "01/05/2026", "S", "C2", "U6", dec="01/09/2026", rec="X1"),
            episode("C2", "01/09/2026", "L", "E1", "U6", dec="01/11/2026", rec="X1",
                    REASON_PLACE_CHANGE="CARPL"),
            episode("C2", "01/11/2026", "P", "E1", "A6", dec="15/03/2027", rec="E11",
                    PL_POST="HD5 8AA", URN="XXXXXXX"),
        ],
        "Reviews": [
            row(CHILD="C1", DOB="01/06/2015", REVIEW="03/06/2026", REVIEW_CODE="PN1"),
            row(CHILD="C2", DOB="10/01/2023", REVIEW="01/06/2026", REVIEW_CODE="PN0"),
        ],
        "UASC": [],
        "OC2": [
            row(CHILD="C1", DOB="01/06/2015", SDQ_SCORE="12", SDQ_REASON="", CONVICTED="0",
                HEALTH_CHECK="", IMMUNISATIONS="1", TEETH_CHECK="1", HEALTH_ASSESSMENT="1",
                SUBSTANCE_MISUSE="0", INTERVENTION_RECEIVED="", INTERVENTION_OFFERED=""),
        ],
        "OC3": [],
        "AD1": [
            row(CHILD="C2", DOB="10/01/2023", DATE_INT="01/08/2026", DATE_MATCH="01/10/2026",
                FOSTER_CARE="0", NB_ADOPTR="2", SEX_ADOPTR="MF", LS_ADOPTR="L11"),
        ],
        "PlacedAdoption": [
            row(CHILD="C2", DOB="10/01/2023", DATE_PLACED="01/08/2026", DATE_PLACED_CEASED="",
                REASON_PLACED_CEASED=""),
        ],
        "PrevPerm": [],
        "Missing": [
            row(CHILD="C1", DOB="01/06/2015", MISSING="M", MIS_START="01/07/2026",
                MIS_END="02/07/2026"),
        ],
        "SWEpisodes": [],
        "DoLo": [],
    }  # fmt: skip


def last_year() -> Tables:
    """The 2025-26 return: C1's first two episodes, the second open at 31 March 2026."""
    return {
        "Header": [
            row(CHILD="C1", SEX="F", DOB="01/06/2015", ETHNIC="WBRI", UPN="V382432125001",
                MOTHER="0", MC_DOB=""),
        ],
        "Episodes": [
            episode("C1", "06/05/2025", "S", "V2", "U6", dec="10/06/2025", rec="X1"),
            episode("C1", "10/06/2025", "L", "C2", "U6"),
        ],
        "UASC": [],
        "PlacedAdoption": [],
        "Missing": [],
    }  # fmt: skip


class _NoPeople:
    """Stands in for `Person` so the pure tests never touch the database."""

    class objects:  # noqa: N801 - the manager's name
        @staticmethod
        def filter(**_lookups):
            return _NoPeople.objects

        @staticmethod
        def values_list(*_fields):
            return []


@pytest.fixture
def validate(monkeypatch):
    monkeypatch.setattr(ssda903_validation, "Person", _NoPeople)

    def run(tables, previous):
        return ssda903_validate(collection=YEAR, tables=tables, previous=previous)

    return run


def own_codes() -> set[str]:
    """Every 903 code from 400 to 599 in either year's list (503A-503J included)."""
    codes = set()
    for name in ("903-2025-26.tsv", "903-2026-27.tsv"):
        with (RULES / name).open(encoding="utf-8") as f:
            for line in csv.DictReader(f, delimiter="\t"):
                number = line["code"].rstrip("ABCDEFGHJ")
                if number.isdigit() and 400 <= int(number) <= 599:
                    codes.add(line["code"])
    return codes


def ep(tables: Tables, index: int) -> dict[str, str]:
    return tables["Episodes"][index]


def pa(tables: Tables, **values: str) -> None:
    tables["PlacedAdoption"].append(
        {"CHILD": "C2", "DOB": "10/01/2023", "DATE_PLACED": "", "DATE_PLACED_CEASED": "",
         "REASON_PLACED_CEASED": "", **values}
    )  # fmt: skip


def missing(tables: Tables, child: str = "C1", **values: str) -> None:
    tables["Missing"].append(
        {"CHILD": child, "DOB": "01/06/2015", "MISSING": "M", "MIS_START": "", "MIS_END": "",
         **values}
    )  # fmt: skip


Break = Callable[[Tables, Tables], None]
CASES: dict[str, tuple[Break, str, str]] = {}


def case(code: str, child: str, field: str) -> Callable[[Break], Break]:
    """Register how to break rule `code`: the child and the Table.FIELD it is reported on."""

    def register(function: Break) -> Break:
        CASES[code] = (function, child, field)
        return function

    return register


# Episode sequences


@case("431", "C1", "Episodes.RNE")
def _(t, p):
    ep(t, 1)["RNE"] = "S"


@case("432", "C2", "Episodes.RNE")
def _(t, p):
    ep(t, 2)["REC"] = "E4A"


@case("433", "C1", "Episodes.DECOM")
def _(t, p):
    ep(t, 1)["DECOM"] = "02/09/2026"


@case("434", "C2", "Episodes.RNE")
def _(t, p):
    ep(t, 3)["LS"] = "C2"


@case("435", "C1", "Episodes.RNE")
def _(t, p):
    ep(t, 1)["LS"] = "C1"


@case("436", "C2", "Episodes.RNE")
def _(t, p):
    ep(t, 3)["RNE"] = "B"


@case("437", "C1", "Episodes.REC")
def _(t, p):
    ep(t, 0)["REC"] = "E2"


@case("504", "C1", "Episodes.CIN")
def _(t, p):
    ep(t, 1)["CIN"] = "N2"


# One episode's facts


@case("406", "C1", "Episodes.HOME_POST")
def _(t, p):
    t["UASC"].append(row(CHILD="C1", SEX="F", DOB="01/06/2015", DUC=""))


@case("407", "C1", "Episodes.REC")
def _(t, p):
    t["Header"][0]["DOB"] = "01/03/2009"
    ep(t, 1).update(DEC="01/03/2027", REC="E46")


@case("408", "C2", "Episodes.LS")
def _(t, p):
    ep(t, 4)["LS"] = "C2"


@case("420", "C1", "Episodes.PL_POST")
def _(t, p):
    ep(t, 1)["LS"] = "V3"


@case("426", "C1", "Episodes.LS")
def _(t, p):
    ep(t, 0)["LS"] = "V3"
    ep(t, 1)["LS"] = "V4"


@case("446", "C1", "Episodes.LS")
def _(t, p):
    ep(t, 0).update(LS="E1", DECOM="30/11/2005")


@case("454", "C1", "Episodes.PL_POST")
def _(t, p):
    ep(t, 1)["PL_POST"] = "ZE1 0AA"


@case("460", "C1", "Episodes.REC")
def _(t, p):
    ep(t, 1).update(DEC="01/03/2027", REC="E17")


@case("516", "C1", "Episodes.PLACE")
def _(t, p):
    ep(t, 1).update(DEC="01/03/2027", REC="E45", PLACE="K2")


@case("526", "C1", "Episodes.PLACE_PROVIDER")
def _(t, p):
    ep(t, 1)["PLACE_PROVIDER"] = ""


def _provider(provider: str, place: str) -> Break:
    def breaks(t: Tables, p: Tables) -> None:
        ep(t, 1).update(PLACE_PROVIDER=provider, PLACE=place)

    return breaks


case("527", "C1", "Episodes.PLACE_PROVIDER")(_provider("PR1", "R2"))
case("528", "C1", "Episodes.PLACE_PROVIDER")(_provider("PR2", "P1"))
case("529", "C1", "Episodes.PLACE_PROVIDER")(_provider("PR3", "U4"))
case("530", "C1", "Episodes.PLACE_PROVIDER")(_provider("PR4", "P1"))
case("531", "C1", "Episodes.PLACE_PROVIDER")(_provider("PR5", "P1"))
case("550", "C1", "Episodes.PLACE_PROVIDER")(_provider("PR0", "U4"))


# Header, reviews, OC2


@case("442", "C1", "Header.UPN")
def _(t, p):
    t["Header"][0]["UPN"] = ""


@case("444", "C2", "Header.UPN")
def _(t, p):
    t["Header"][1]["UPN"] = t["Header"][0]["UPN"]


@case("440", "C1", "Reviews.REVIEW_CODE")
def _(t, p):
    t["Reviews"][0]["REVIEW_CODE"] = "PN0"


@case("441", "C2", "Reviews.REVIEW_CODE")
def _(t, p):
    t["Reviews"][1]["REVIEW_CODE"] = "PN1"


@case("542", "C1", "OC2.CONVICTED")
def _(t, p):
    t["OC2"][0]["DOB"] = "01/06/2017"


@case("543", "C1", "OC2.CONVICTED")
def _(t, p):
    t["OC2"][0]["CONVICTED"] = ""


@case("544", "C1", "OC2.CONVICTED")
def _(t, p):
    t["OC2"][0].update(CONVICTED="1", TEETH_CHECK="")


@case("545", "C1", "OC2.HEALTH_CHECK")
def _(t, p):
    t["OC2"][0].update(DOB="01/04/2022", CONVICTED="")


@case("546", "C1", "OC2.HEALTH_CHECK")
def _(t, p):
    t["OC2"][0]["HEALTH_CHECK"] = "0"


@case("547", "C1", "OC2.HEALTH_CHECK")
def _(t, p):
    t["OC2"][0].update(HEALTH_CHECK="1", IMMUNISATIONS="")


# Adoption


def _adopters(number: str, sexes: str, status: str) -> Break:
    def breaks(t: Tables, p: Tables) -> None:
        t["AD1"][0].update(NB_ADOPTR=number, SEX_ADOPTR=sexes, LS_ADOPTR=status)

    return breaks


case("511", "C2", "AD1.SEX_ADOPTR")(_adopters("2", "M1", "L11"))
case("514", "C2", "AD1.LS_ADOPTR")(_adopters("2", "MF", "L0"))
case("517", "C2", "AD1.SEX_ADOPTR")(_adopters("2", "MM", "L3"))
case("518", "C2", "AD1.SEX_ADOPTR")(_adopters("2", "MF", "L4"))
case("519", "C2", "AD1.SEX_ADOPTR")(_adopters("1", "M1", "L2"))
case("520", "C2", "AD1.SEX_ADOPTR")(_adopters("2", "FF", "L11"))
case("524", "C2", "AD1.SEX_ADOPTR")(_adopters("2", "MF", "L12"))


@case("521", "C2", "AD1.DATE_INT")
def _(t, p):
    t["AD1"][0]["DATE_INT"] = "02/11/2026"


@case("522", "C2", "PlacedAdoption.DATE_PLACED_CEASED")
def _(t, p):
    t["PlacedAdoption"][0].update(DATE_PLACED_CEASED="01/07/2026", REASON_PLACED_CEASED="RD1")


@case("523", "C2", "AD1.DATE_INT")
def _(t, p):
    t["AD1"][0]["DATE_INT"] = "02/08/2026"


@case("525", "C2", "PlacedAdoption.DATE_PLACED_CEASED")
def _(t, p):
    t["PlacedAdoption"][0].update(DATE_PLACED_CEASED="01/12/2026", REASON_PLACED_CEASED="RD1")


@case("551", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    t["PlacedAdoption"].clear()


@case("552", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    t["PlacedAdoption"][0]["DATE_PLACED"] = "02/11/2026"


@case("553", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    t["PlacedAdoption"][0]["DATE_PLACED"] = ""


@case("554", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    t["PlacedAdoption"][0]["DATE_PLACED"] = "02/09/2026"


@case("557", "C2", "PlacedAdoption.DATE_PLACED_CEASED")
def _(t, p):
    ep(t, 4)["REC"] = "E13"


@case("558", "C2", "PlacedAdoption.DATE_PLACED_CEASED")
def _(t, p):
    t["PlacedAdoption"][0].update(DATE_PLACED_CEASED="01/03/2027", REASON_PLACED_CEASED="RD4")


@case("563", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    pa(t, DATE_PLACED_CEASED="01/07/2026", REASON_PLACED_CEASED="RD1")


@case("579", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    pa(t, DATE_PLACED="01/06/2026")


@case("582", "C2", "AD1.DATE_MATCH")
def _(t, p):
    t["AD1"][0]["DATE_MATCH"] = "15/03/2027"


@case("583", "C2", "PlacedAdoption.DATE_PLACED_CEASED")
def _(t, p):
    pa(t, DATE_PLACED="01/06/2026")


@case("559", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    pa(t, DATE_PLACED="01/02/2026", DATE_PLACED_CEASED="01/06/2026", REASON_PLACED_CEASED="RD1")


@case("560", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    p["PlacedAdoption"].append(
        row(CHILD="C2", DOB="10/01/2023", DATE_PLACED="01/02/2026", DATE_PLACED_CEASED="",
            REASON_PLACED_CEASED="")
    )  # fmt: skip


@case("561", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    p["PlacedAdoption"].append(
        row(CHILD="C2", DOB="10/01/2023", DATE_PLACED="01/02/2026",
            DATE_PLACED_CEASED="01/03/2026", REASON_PLACED_CEASED="RD1")
    )  # fmt: skip
    pa(t, DATE_PLACED="01/02/2026", DATE_PLACED_CEASED="01/03/2026", REASON_PLACED_CEASED="RD1")


@case("584", "C2", "PlacedAdoption.DATE_PLACED")
def _(t, p):
    p["PlacedAdoption"].append(
        row(CHILD="C2", DOB="10/01/2023", DATE_PLACED="01/02/2026",
            DATE_PLACED_CEASED="01/03/2026", REASON_PLACED_CEASED="RD1")
    )  # fmt: skip
    t["PlacedAdoption"][0]["DATE_PLACED"] = "01/01/2026"


# Missing


@case("564", "C1", "Missing.MIS_START")
def _(t, p):
    t["Missing"][0]["MIS_START"] = ""


@case("565", "C1", "Missing.MISSING")
def _(t, p):
    t["Missing"][0]["MISSING"] = ""


@case("566", "C1", "Missing.MISSING")
def _(t, p):
    t["Missing"][0].update(MISSING="", MIS_START="")


@case("567", "C1", "Missing.MIS_END")
def _(t, p):
    t["Missing"][0]["MIS_END"] = "30/06/2026"


@case("570", "C1", "Missing.MIS_START")
def _(t, p):
    t["Missing"][0].update(MIS_START="01/04/2027", MIS_END="")


@case("571", "C1", "Missing.MIS_END")
def _(t, p):
    t["Missing"][0]["MIS_END"] = "01/04/2027"


@case("574", "C1", "Missing.MIS_START")
def _(t, p):
    t["Missing"][0]["MIS_END"] = "05/07/2026"
    missing(t, MIS_START="03/07/2026", MIS_END="06/07/2026")


@case("575", "C1", "Missing.MIS_END")
def _(t, p):
    missing(t, MIS_START="01/08/2026")


@case("576", "C1", "Missing.MIS_START")
def _(t, p):
    p["Missing"].append(
        row(CHILD="C1", DOB="01/06/2015", MISSING="M", MIS_START="01/03/2026", MIS_END="")
    )


@case("577", "C1", "Missing.MIS_END")
def _(t, p):
    ep(t, 1).update(DEC="01/03/2027", REC="E8")
    missing(t, MIS_START="01/02/2027")


@case("578", "C1", "Missing.MIS_START")
def _(t, p):
    ep(t, 1).update(DEC="01/03/2027", REC="E8")
    missing(t, MIS_START="02/03/2027", MIS_END="03/03/2027")


@case("580", "C1", "Episodes.REC")
def _(t, p):
    t["Header"][0]["DOB"] = "01/03/2009"
    ep(t, 1).update(DEC="01/03/2027", REC="E4A")
    missing(t, DOB="01/03/2009", MIS_START="01/02/2027", MIS_END="01/03/2027")


@case("581", "C2", "Missing.MIS_START")
def _(t, p):
    missing(t, "C2", DOB="10/01/2023", MIS_START="01/04/2026", MIS_END="02/04/2026")


@case("586", "C1", "Missing.MIS_START")
def _(t, p):
    t["Missing"][0]["DOB"] = "01/07/2026"


# Last year's open episode


@case("502", "C1", "Episodes.DECOM")
def _(t, p):
    ep(t, 0)["DECOM"] = "11/06/2025"


def _changed(field: str, value: str) -> Break:
    def breaks(t: Tables, p: Tables) -> None:
        ep(t, 0)[field] = value

    return breaks


case("503A", "C1", "Episodes.RNE")(_changed("RNE", "P"))
case("503B", "C1", "Episodes.LS")(_changed("LS", "C1"))
case("503C", "C1", "Episodes.CIN")(_changed("CIN", "N2"))
case("503D", "C1", "Episodes.PLACE")(_changed("PLACE", "U5"))
case("503E", "C1", "Episodes.PLACE_PROVIDER")(_changed("PLACE_PROVIDER", "PR4"))
case("503F", "C1", "Episodes.URN")(_changed("URN", "SC999999"))
# HD8 9LT is also in Kirklees, a mile further from home; LS1 4DY is in Leeds.
case("503G", "C1", "Episodes.PL_POST")(_changed("PL_POST", "HD8 9LT"))
case("453", "C1", "Episodes.PL_POST")(_changed("PL_POST", "HD8 9LT"))
case("503H", "C1", "Episodes.PL_POST")(_changed("PL_POST", "LS1 4DY"))
case("503J", "C1", "Episodes.PL_POST")(_changed("PL_POST", "LS1 4DY"))
case("452", "C1", "Episodes.PL_POST")(_changed("PL_POST", "LS1 4DY"))


@case("562", "C1", "Episodes.DECOM")
def _(t, p):
    p["Episodes"] = [e for e in p["Episodes"] if e["CHILD"] != "C1"]


# The tests


def reported(failures, code: str) -> list[tuple[str | None, str]]:
    return [(f.la_child_id, f.field) for f in failures if f.code == code]


def test_baseline_raises_none_of_these_rules(validate):
    failures = validate(baseline(), last_year())
    assert [(f.code, f.la_child_id, f.field) for f in failures if f.code in own_codes()] == []


def test_every_rule_in_the_block_is_implemented_and_has_a_breaking_test():
    assert own_codes() - ELSEWHERE - CANNOT_APPLY == rules_4xx_5xx.CODES
    assert rules_4xx_5xx.CODES <= ssda903_validation.IMPLEMENTED
    assert ELSEWHERE <= ssda903_validation.IMPLEMENTED
    assert not CANNOT_APPLY & ssda903_validation.IMPLEMENTED
    assert set(CASES) == rules_4xx_5xx.CODES


def test_both_years_list_the_same_rules_so_2026_27_tests_them_all():
    """No rule of the block is only in the 2025-26 list, so every break is shown in 2026-27."""
    for name in ("903-2025-26", "903-2026-27"):
        assert own_codes() <= set(rule_catalogue(name))


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(validate, code):
    breaks, child, field = CASES[code]
    tables, previous = copy.deepcopy(baseline()), last_year()
    breaks(tables, previous)
    failures = validate(tables, previous)
    assert (child, field) in reported(failures, code), [(f.code, f.field) for f in failures]


def test_rules_comparing_with_last_year_need_last_year():
    tables = baseline()
    ep(tables, 0)["DECOM"] = "09/06/2025"  # would be 502 and 562 against last year
    alone = Submission(tables=tables, collection=YEAR, la_code="382")
    assert alone.previous is None
    assert not [p for check in CHECKS for p in check(alone) if p.code in own_codes()]


# The valid side of each rule's edge


def codes_for(validate, tables, previous=None) -> set[str]:
    return {f.code for f in validate(tables, previous or last_year())}


def test_continuation_and_same_day_edges(validate):
    tables = baseline()
    ep(tables, 1)["DECOM"] = "01/09/2026"  # the day the previous episode ended: not 433
    assert not {"431", "433"} & codes_for(validate, tables)


def test_age_edges(validate):
    tables = baseline()
    tables["Header"][0]["DOB"] = "02/03/2009"  # 17 on the day care ended
    ep(tables, 1).update(DEC="01/03/2027", REC="E46")
    assert "407" not in codes_for(validate, tables)
    tables["Header"][0]["DOB"] = "01/03/2009"  # 18 that day: staying put is right
    ep(tables, 1)["REC"] = "E17"
    assert "460" not in codes_for(validate, tables)


def test_review_on_the_fourth_birthday(validate):
    tables = baseline()
    tables["Reviews"][1]["REVIEW"] = "09/01/2027"
    assert "440" not in codes_for(validate, tables)
    tables["Reviews"][1]["REVIEW"] = "10/01/2027"
    assert "440" in codes_for(validate, tables)


def test_e1_from_december_2005(validate):
    tables = baseline()
    ep(tables, 0).update(LS="E1", DECOM="01/12/2005")
    assert "446" not in codes_for(validate, tables)


def test_sgo_to_former_foster_carers_from_foster_care(validate):
    tables = baseline()
    ep(tables, 1).update(DEC="01/03/2027", REC="E45")
    assert "516" not in codes_for(validate, tables)


def test_provider_edges(validate):
    tables = baseline()
    ep(tables, 1).update(PLACE="T4", PLACE_PROVIDER="")
    assert "526" not in codes_for(validate, tables)
    ep(tables, 1).update(PLACE="P1", PLACE_PROVIDER="PR0")
    assert "550" not in codes_for(validate, tables)


def test_no_upn_needed_for_short_breaks_only(validate):
    tables = baseline()
    tables["Header"][0]["UPN"] = ""
    for index in (0, 1):
        ep(tables, index)["LS"] = "V3"
    assert "442" not in codes_for(validate, tables)


def test_conviction_from_age_ten(validate):
    tables = baseline()
    tables["OC2"][0].update(DOB="01/04/2017", CONVICTED="")  # 9 on 31 March
    assert "543" not in codes_for(validate, tables)
    tables["OC2"][0]["DOB"] = "31/03/2017"  # 10 on 31 March
    assert "543" in codes_for(validate, tables)


def test_no_conviction_needed_unless_looked_after_twelve_months(validate):
    tables = baseline()
    tables["OC2"][0]["CONVICTED"] = ""
    ep(tables, 1).update(DEC="01/03/2027", REC="E8")
    assert "543" not in codes_for(validate, tables)


def test_decision_on_the_day_of_the_order_and_placement(validate):
    tables = baseline()
    tables["PlacedAdoption"][0]["DATE_PLACED"] = "01/09/2026"
    tables["AD1"][0]["DATE_INT"] = "01/09/2026"
    assert not {"521", "523", "552", "554"} & codes_for(validate, tables)


def test_reversed_then_new_decision_then_adoption(validate):
    tables = baseline()
    pa(
        tables,
        DATE_PLACED="01/06/2026",
        DATE_PLACED_CEASED="01/07/2026",
        REASON_PLACED_CEASED="RD1",
    )
    assert not {"523", "525", "558", "579", "583"} & codes_for(validate, tables)


def test_left_care_with_the_decision_reversed(validate):
    tables = baseline()
    ep(tables, 4)["REC"] = "E13"
    tables["PlacedAdoption"][0].update(DATE_PLACED_CEASED="15/03/2027", REASON_PLACED_CEASED="RD1")
    assert "557" not in codes_for(validate, tables)


def test_decisions_carried_over_from_last_year(validate):
    previous = last_year()
    previous["PlacedAdoption"].append(
        row(CHILD="C2", DOB="10/01/2023", DATE_PLACED="01/02/2026", DATE_PLACED_CEASED="",
            REASON_PLACED_CEASED="")
    )  # fmt: skip
    tables = baseline()
    pa(
        tables,
        DATE_PLACED="01/02/2026",
        DATE_PLACED_CEASED="01/07/2026",
        REASON_PLACED_CEASED="RD1",
    )
    assert not {"559", "560", "561", "584"} & codes_for(validate, tables, previous)


def test_missing_edges(validate):
    tables = baseline()
    tables["Missing"][0]["MIS_END"] = "31/03/2027"
    tables["Missing"][0]["DOB"] = "30/06/2026"
    assert not {"571", "586"} & codes_for(validate, tables)
    tables = baseline()
    missing(tables, MIS_START="02/07/2026", MIS_END="03/07/2026")  # starts as the last ended
    assert "574" not in codes_for(validate, tables)


def test_missing_until_eighteen_ended_with_e8(validate):
    tables = baseline()
    tables["Header"][0]["DOB"] = "01/03/2009"
    ep(tables, 1).update(DEC="01/03/2027", REC="E8")
    missing(tables, DOB="01/03/2009", MIS_START="01/02/2027", MIS_END="01/03/2027")
    assert "580" not in codes_for(validate, tables)


def test_open_missing_period_carried_over(validate):
    previous = last_year()
    previous["Missing"].append(
        row(CHILD="C1", DOB="01/06/2015", MISSING="M", MIS_START="01/03/2026", MIS_END="")
    )
    tables = baseline()
    missing(tables, MIS_START="01/03/2026", MIS_END="05/04/2026")
    assert "576" not in codes_for(validate, tables, previous)


def test_h5_continues_as_k3_and_small_distance_changes(validate):
    previous = last_year()
    previous["Episodes"][1]["PLACE"] = "H5"
    tables = baseline()
    ep(tables, 0)["PLACE"] = "K3"
    ep(tables, 0)["PL_POST"] = "HD8 9LX"  # another postcode, well under 0.2 miles further
    assert not {"503D", "503G", "453"} & codes_for(validate, tables, previous)


def test_decision_reversed_while_the_placement_order_is_in_force(validate):
    tables = baseline()
    del tables["Episodes"][4]  # still under the placement order, not yet placed
    ep(tables, 3).update(DEC="", REC="", REASON_PLACE_CHANGE="")
    tables["AD1"].clear()
    assert "553" not in codes_for(validate, tables)
    tables["PlacedAdoption"][0].update(DATE_PLACED_CEASED="01/12/2026", REASON_PLACED_CEASED="RD3")
    assert ("C2", "PlacedAdoption.DATE_PLACED") in reported(validate(tables, last_year()), "553")


def test_formerly_unaccompanied_from_last_years_uasc_table(validate):
    previous = last_year()
    previous["UASC"].append(row(CHILD="C1", SEX="F", DOB="01/06/2015", DUC="01/02/2026"))
    assert ("C1", "Episodes.HOME_POST") in reported(validate(baseline(), previous), "406")
    tables = baseline()
    tables["UASC"].append(row(CHILD="C1", SEX="F", DOB="01/06/2015", DUC=""))
    for index in (0, 1):
        ep(tables, index)["HOME_POST"] = ""  # no home postcode: no distance
    assert "406" not in codes_for(validate, tables)


def test_placement_la_changed_with_a_new_reason_is_503h_not_452(validate):
    tables = baseline()
    ep(tables, 0).update(PL_POST="LS1 4DY", RNE="T")
    codes = codes_for(validate, tables)
    assert "503H" in codes
    assert "452" not in codes


@pytest.mark.django_db
@pytest.mark.parametrize("end_year", [2026, 2027])
def test_from_the_record_none_of_these_rules(end_year):
    """A known history's tables raise none of these rules, in its first year of care and the
    next (compared with last year's tables built from the record)."""
    history()
    collection = CollectionYear(end_year)
    tables = ssda903_tables(collection=collection)
    assert tables["Episodes"]
    failures = ssda903_validate(collection=collection, tables=tables)
    assert [(f.code, f.field) for f in failures if f.code in own_codes()] == []


@pytest.mark.django_db
def test_from_a_richer_record_none_of_these_rules():
    """A move, a missing episode, and a toddler's adoption (decision, placement order, match,
    placement with the adopters, adoption order) raise none of these rules in 2026-27."""
    _, period = history()
    worker = front_door_worker()
    lookedafter.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 8, 3),
        placement=foster_placement(placement_type="U4", postcode="HD2 1AA", ofsted_urn="SC654321"),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="Moved to long-term carers",
    )
    lookedafter.missing_episode_record(
        actor=worker,
        child=period.child,
        kind="M",
        started_at=at(2026, 7, 1, 21),
        ended_at=at(2026, 7, 2, 9),
        reason="Missing overnight",
    )
    toddler = child(worker, date_of_birth=D(2024, 2, 1), sex="M", ethnicity="WBRI")
    care = lookedafter.care_start(
        actor=worker,
        child=toddler,
        started_on=D(2026, 4, 10),
        category_of_need="N1",
        legal_status="C1",
        placement=foster_placement(),
        home_postcode="HD1 2TA",
        reason="Interim care order",
    )
    lookedafter.review_record(
        actor=worker, period=care, held_on=D(2026, 5, 5), participation="PN0", reason="Review"
    )
    decision = lookedafter.adoption_decision_record(
        actor=worker, child=toddler, decided_on=D(2026, 6, 1), reason="Should be placed"
    )
    lookedafter.legal_status_change(
        actor=worker, period=care, started_on=D(2026, 7, 1), code="E1", reason="Placement order"
    )
    match = lookedafter.adoption_match_record(
        actor=worker,
        decision=decision,
        matched_on=D(2026, 8, 1),
        number_of_adopters=2,
        sex_of_adopters="MF",
        legal_status_of_adopters="L11",
        by_foster_carers=False,
        reason="Matched",
    )
    lookedafter.placement_change(
        actor=worker,
        period=care,
        started_on=D(2026, 9, 1),
        placement=foster_placement(
            placement_type="A6", carer_name="Mr and Mrs Patel", postcode="HD5 8AA",
            ofsted_urn="XXXXXXX",
        ),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="Placed with adopters",
    )  # fmt: skip
    lookedafter.adoption_placement_record(
        actor=worker, match=match, placed_on=D(2026, 9, 1), reason="Placed with adopters"
    )
    lookedafter.care_cease(
        actor=worker, period=care, ended_on=D(2026, 11, 2), reason_ceased="E11", reason="Adopted"
    )
    tables = ssda903_tables(collection=YEAR)
    assert {r["REC"] for r in tables["Episodes"]} >= {"E11"}
    assert tables["AD1"] and tables["PlacedAdoption"] and tables["Missing"]
    failures = ssda903_validate(collection=YEAR, tables=tables)
    assert [(f.code, f.la_child_id, f.field) for f in failures if f.code in own_codes()] == []


# Known faults in the tables built from the record (hearth/returns/ssda903.py, owned elsewhere):
# these fail until the tables leave the postcodes out where the DfE expects none. Strict, so they
# report when the tables are fixed.


@pytest.mark.django_db
def test_from_the_record_a_short_break_has_no_placement_la():
    worker = front_door_worker()
    person = child(worker, date_of_birth=D(2014, 5, 1), sex="F", ethnicity="WBRI")
    lookedafter.care_start(
        actor=worker,
        child=person,
        started_on=D(2026, 6, 5),
        category_of_need="N2",
        legal_status="V3",
        placement=foster_placement(placement_type="U6"),
        home_postcode="HD1 2TA",
        reason="Short break",
    )
    failures = ssda903_validate(collection=YEAR, tables=ssda903_tables(collection=YEAR))
    assert "420" not in {f.code for f in failures}


@pytest.mark.django_db
def test_from_the_record_an_unaccompanied_child_has_no_distance():
    worker = front_door_worker()
    person = child(worker, date_of_birth=D(2010, 5, 1), sex="M", ethnicity="OOTH")
    lookedafter.uasc_record(actor=worker, child=person, reason="Arrived unaccompanied")
    lookedafter.care_start(
        actor=worker,
        child=person,
        started_on=D(2026, 6, 5),
        category_of_need="N7",
        legal_status="V2",
        placement=foster_placement(),
        home_postcode="HD1 2TA",
        reason="Accommodated",
    )
    failures = ssda903_validate(collection=YEAR, tables=ssda903_tables(collection=YEAR))
    assert "406" not in {f.code for f in failures}
