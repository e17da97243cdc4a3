"""SSDA903 rules 600-699, 1000 and up, SW and INT: each caught where it is broken, not elsewhere.

The tables are a realistic 2026-27 return for three young people: C1, a girl looked after since
January 2025 who moved to a children's home in July 2026; C2, a boy who came into care in May
2026 and was adopted in February 2027; C3, a care leaver who left care in October 2025, after his
16th birthday, and turned 17 in the year. Last year's tables carry C1 and C3.

These tests read tables only: the record is not asked who the children are.
"""

import copy
import datetime as dt
from collections.abc import Callable

import pytest

from hearth.returns import ssda903_validation
from hearth.returns.rules import rule_catalogue
from hearth.returns.ssda903 import Tables
from hearth.returns.ssda903_rules import rules_6xx_up
from hearth.returns.ssda903_rules.registry import CHECKS, Submission
from hearth.returns.ssda903_rules.rules_6xx_up import partial_date_range
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2027)
C1_DOB, C2_DOB, C3_DOB = "01/06/2012", "15/08/2014", "10/10/2009"


def episode(child, decom, rne, ls, place, dec="", rec="", **more):  # noqa: PLR0917
    row = {
        "CHILD": child,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "CIN": "N1",
        "PLACE": place,
        "PLACE_PROVIDER": "PR1",
        "DEC": dec,
        "REC": rec,
        "REASON_PLACE_CHANGE": "",
        "HOME_POST": "HD1 2TA",
        "PL_POST": "HD8 9LS",
        "URN": "SC123456",
    }
    row.update(more)
    return row


def sw(child, dob, start, end="", reason="MANAGE", sw_id="SW123456"):  # noqa: PLR0917
    return {
        "CHILD": child,
        "DOB": dob,
        "SW_ID": sw_id,
        "SW_DECOM": start,
        "SW_DEC": end,
        "SW_REASON": reason,
    }


def header(child, sex, dob, mother="", mc_dob=""):
    return {
        "CHILD": child,
        "SEX": sex,
        "DOB": dob,
        "ETHNIC": "WBRI",
        "UPN": "UN1",
        "MOTHER": mother,
        "MC_DOB": mc_dob,
    }


def baseline():
    return {
        "Header": [
            header("C1", "F", C1_DOB, mother="0"),
            header("C2", "M", C2_DOB),
            header("C3", "M", C3_DOB),
        ],
        "Episodes": [
            episode("C1", "10/01/2025", "S", "C2", "U1", "01/07/2026", "X1"),
            episode("C1", "01/07/2026", "P", "C2", "K2", PL_POST="HD1 1AA"),
            episode("C2", "05/05/2026", "S", "C2", "U3", "01/09/2026", "X1"),
            episode("C2", "01/09/2026", "T", "E1", "A5", "20/02/2027", "E11"),
        ],
        "Reviews": [{"CHILD": "C1", "DOB": C1_DOB, "REVIEW": "03/06/2026", "REVIEW_CODE": "PN1"}],
        "UASC": [{"CHILD": "C2", "SEX": "M", "DOB": C2_DOB, "DUC": ""}],
        "OC2": [
            {
                "CHILD": "C1",
                "DOB": C1_DOB,
                "SDQ_SCORE": "12",
                "SDQ_REASON": "",
                "CONVICTED": "0",
                "HEALTH_CHECK": "",
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "0",
                "INTERVENTION_RECEIVED": "",
                "INTERVENTION_OFFERED": "",
            }
        ],
        "OC3": [{"CHILD": "C3", "DOB": C3_DOB, "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "D1"}],
        "AD1": [
            {
                "CHILD": "C2",
                "DOB": C2_DOB,
                "DATE_INT": "20/08/2026",
                "DATE_MATCH": "25/08/2026",
                "FOSTER_CARE": "0",
                "NB_ADOPTR": "2",
                "SEX_ADOPTR": "MF",
                "LS_ADOPTR": "L11",
            }
        ],
        "PlacedAdoption": [
            {
                "CHILD": "C2",
                "DOB": C2_DOB,
                "DATE_PLACED": "20/08/2026",
                "DATE_PLACED_CEASED": "",
                "REASON_PLACED_CEASED": "",
            }
        ],
        "PrevPerm": [
            {
                "CHILD": "C2",
                "DOB": C2_DOB,
                "PREV_PERM": "P2",
                "LA_PERM": "382",
                "DATE_PERM": "zz/03/2020",
            }
        ],
        "Missing": [
            {
                "CHILD": "C1",
                "DOB": C1_DOB,
                "MISSING": "M",
                "MIS_START": "01/08/2026",
                "MIS_END": "02/08/2026",
            }
        ],
        "SWEpisodes": [
            sw("C1", C1_DOB, "01/01/2026", "15/09/2026", reason="FCONTA"),
            sw("C1", C1_DOB, "15/09/2026", reason="LEFTRL"),
            sw("C2", C2_DOB, "05/05/2026", "20/02/2027", reason="FCONTA"),
        ],
        "DoLo": [],
    }


def last_year():
    return {
        "Header": [header("C1", "F", C1_DOB, mother="0"), header("C3", "M", C3_DOB)],
        "Episodes": [
            episode("C1", "10/01/2025", "S", "C2", "U1"),
            # 141 days after his 14th birthday, 10 after his 16th: a relevant child.
            episode("C3", "01/06/2025", "S", "C2", "U1", "20/10/2025", "E8"),
        ],
    }


@pytest.fixture(autouse=True)
def _tables_only(request, monkeypatch, settings):
    """Validate without the record: no child here is a person Hearth holds."""
    settings.HEARTH_COUNCIL = {**settings.HEARTH_COUNCIL, "dfe_la_number": "382"}
    if request.node.get_closest_marker("django_db"):
        return

    class NoPeople:
        class objects:  # noqa: N801 - stands in for the model manager
            @staticmethod
            def filter(**_):
                class Query:
                    @staticmethod
                    def values_list(*_):
                        return []

                return Query()

    monkeypatch.setattr(ssda903_validation, "Person", NoPeople)


def validate(tables, previous=None, year=YEAR):
    return ssda903_validate(
        collection=year, tables=tables, previous=last_year() if previous is None else previous
    )


def mine(failures):
    return sorted(
        (f.code, f.la_child_id, f.field) for f in failures if f.code in rules_6xx_up.CODES
    )


def test_the_baseline_breaks_none_of_these_rules():
    assert mine(validate(baseline())) == []


# Each case breaks the tables (this year's, last year's) the way its rule exists to catch.
Change = Callable[[Tables, Tables], None]


def rows_of(tables, table, child):
    return [r for r in tables[table] if r["CHILD"] == child]


def first(tables, table, child):
    return rows_of(tables, table, child)[0]


def last(tables, table, child):
    return rows_of(tables, table, child)[-1]


def setting(table, child, index=0, **values) -> Change:
    def change(tables, _previous):
        rows_of(tables, table, child)[index].update(values)

    return change


def previous_setting(table, child, index=0, **values) -> Change:
    def change(_tables, previous):
        rows_of(previous, table, child)[index].update(values)

    return change


def both(*changes: Change) -> Change:
    def change(tables, previous):
        for one in changes:
            one(tables, previous)

    return change


def removing(table, child) -> Change:
    def change(tables, _previous):
        tables[table] = [r for r in tables[table] if r["CHILD"] != child]

    return change


def adding(table, row) -> Change:
    def change(tables, _previous):
        tables[table].append(row)

    return change


def duplicating(table, child) -> Change:
    def change(tables, _previous):
        tables[table].append(dict(first(tables, table, child)))

    return change


def c3_this_year(dec="", rec="") -> Change:
    return adding("Episodes", episode("C3", "01/06/2025", "S", "C2", "U1", dec, rec))


def c1_only_before_the_year_with_prevperm(tables, _previous):
    tables["Episodes"] = [
        episode("C1", "10/01/2025", "S", "C2", "U1"),
        *rows_of(tables, "Episodes", "C2"),
    ]
    tables["PrevPerm"].append(
        {"CHILD": "C1", "DOB": C1_DOB, "PREV_PERM": "P1", "LA_PERM": "382", "DATE_PERM": ""}
    )


def c3_too_little_care(_tables, previous):
    last(previous, "Episodes", "C3")["DECOM"] = "01/09/2025"


# code: (change, child, "Table.FIELD")
CASES: dict[str, tuple[Change, str, str]] = {
    "601": (setting("AD1", "C2", LS_ADOPTR=""), "C2", "AD1.LS_ADOPTR"),
    "602": (setting("Episodes", "C2", 1, REC="E4A"), "C2", "AD1.CHILD"),
    "1003": (setting("PlacedAdoption", "C2", DATE_PLACED="04/05/2026"), "C2",
             "PlacedAdoption.DATE_PLACED"),
    "607": (both(setting("Header", "C1", MOTHER=""),
                 setting("Episodes", "C1", 1, DEC="01/02/2027", REC="E13")), "C1", "Header.MOTHER"),
    "611": (setting("Header", "C1", MOTHER="1"), "C1", "Header.MC_DOB"),
    "612": (setting("Header", "C1", MC_DOB="01/01/2026"), "C1", "Header.MC_DOB"),
    "620": (setting("Header", "C1", DOB="02/04/2015", MOTHER="1", MC_DOB="01/01/2027"), "C1",
            "Header.MOTHER"),
    "621": (setting("Header", "C1", MOTHER="1", MC_DOB="01/05/2012"), "C1", "Header.MC_DOB"),
    "625": (setting("Header", "C1", MOTHER="1", MC_DOB="01/04/2027"), "C1", "Header.MC_DOB"),
    "624": (both(setting("Header", "C1", MOTHER="1", MC_DOB="02/01/2026"),
                 previous_setting("Header", "C1", MOTHER="1", MC_DOB="01/01/2026")), "C1",
            "Header.MC_DOB"),
    "626": (setting("Header", "C1", MOTHER="1", MC_DOB="01/03/2026"), "C1", "Header.MC_DOB"),
    "628": (setting("Header", "C3", MOTHER="0"), "C3", "Header.MOTHER"),
    "630": (removing("PrevPerm", "C2"), "C2", "Episodes.RNE"),
    "632": (setting("PrevPerm", "C2", DATE_PERM="31/02/2020"), "C2", "PrevPerm.DATE_PERM"),
    "633": (setting("PrevPerm", "C2", LA_PERM="E08000034"), "C2", "PrevPerm.LA_PERM"),
    "634": (c1_only_before_the_year_with_prevperm, "C1", "PrevPerm.PREV_PERM"),
    "635": (setting("PrevPerm", "C2", PREV_PERM="Z1"), "C2", "PrevPerm.PREV_PERM"),
    "1004": (setting("Missing", "C1", MIS_START=""), "C1", "Missing.MIS_START"),
    "1005": (setting("Missing", "C1", MIS_END="32/08/2026"), "C1", "Missing.MIS_END"),
    "1015": (setting("Episodes", "C1", 1, PL_POST="LS1 4DY"), "C1", "Episodes.PL_POST"),
    "1000": (previous_setting("Episodes", "C3", REC="E2"), "C3", "OC3.IN_TOUCH"),
    "1001": (c3_too_little_care, "C3", "OC3.IN_TOUCH"),
    "1002": (lambda _t, previous: previous.update(Episodes=rows_of(previous, "Episodes", "C1")),
             "C3", "OC3.IN_TOUCH"),
    "1007": (c3_this_year(), "C3", "OC3.IN_TOUCH"),
    "1010": (previous_setting("Episodes", "C3", DEC="", REC=""), "C3", "OC3.IN_TOUCH"),
    "1011": (adding("Episodes", episode("C3", "01/02/2026", "S", "C2", "U1", "01/05/2026", "E3")),
             "C3", "OC3.IN_TOUCH"),
    "1012": (adding("Reviews", {"CHILD": "C3", "DOB": C3_DOB, "REVIEW": "01/06/2026",
                                "REVIEW_CODE": "PN1"}), "C3", "Reviews.CHILD"),
    "1014": (adding("UASC", {"CHILD": "C3", "SEX": "M", "DOB": C3_DOB, "DUC": ""}), "C3",
             "UASC.DUC"),
    "1016": (c3_this_year("15/10/2026", "E8"), "C3", "OC3.IN_TOUCH"),
    "3001": (setting("OC3", "C3", ACCOM="Z1"), "C3", "OC3.ACCOM"),
    "SW01aSTG1": (setting("SWEpisodes", "C1", SW_ID=""), "C1", "SWEpisodes.SW_ID"),
    "SW04STG1": (setting("SWEpisodes", "C1", SW_DECOM="2026-01-01"), "C1", "SWEpisodes.SW_DECOM"),
    "SW05STG1": (setting("SWEpisodes", "C1", SW_DEC="15/13/2026"), "C1", "SWEpisodes.SW_DEC"),
    "SW06STG2": (setting("SWEpisodes", "C2", SW_DECOM="01/04/2027", SW_DEC=""), "C2",
                 "SWEpisodes.SW_DECOM"),
    "SW07STG2": (setting("SWEpisodes", "C2", SW_DEC="01/04/2027"), "C2", "SWEpisodes.SW_DEC"),
    "SW08STG2": (setting("SWEpisodes", "C1", SW_DEC=""), "C1", "SWEpisodes.SW_DEC"),
    "SW10STG2": (setting("SWEpisodes", "C1", 1, SW_DECOM="07/09/2026"), "C1",
                 "SWEpisodes.SW_DECOM"),
    "SW11bSTG2": (setting("SWEpisodes", "C1", 1, SW_DEC="01/03/2027"), "C1", "SWEpisodes.SW_DEC"),
    "SW12STG2": (setting("SWEpisodes", "C1", SW_DECOM="02/04/2026"), "C1", "SWEpisodes.SW_DECOM"),
    "SW17STG2": (setting("SWEpisodes", "C1", 1, SW_DEC="31/03/2027"), "C1", "SWEpisodes.SW_DEC"),
    "INT01": (setting("AD1", "C2", CHILD="C9"), "C9", "AD1.CHILD"),
    "INT02": (setting("PlacedAdoption", "C2", CHILD="C9"), "C9", "PlacedAdoption.CHILD"),
    "INT03": (adding("Episodes", episode("C9", "01/05/2026", "S", "C2", "U1")), "C9",
              "Episodes.CHILD"),
    "INT04": (setting("Missing", "C1", CHILD="C9"), "C9", "Missing.CHILD"),
    "INT05": (setting("OC2", "C1", CHILD="C9"), "C9", "OC2.CHILD"),
    "INT06": (setting("OC3", "C3", CHILD="C9"), "C9", "OC3.CHILD"),
    "INT07": (setting("PrevPerm", "C2", CHILD="C9"), "C9", "PrevPerm.CHILD"),
    "INT08": (setting("Reviews", "C1", CHILD="C9"), "C9", "Reviews.CHILD"),
    "INT09": (setting("UASC", "C2", CHILD="C9"), "C9", "UASC.CHILD"),
    "INT11": (setting("AD1", "C2", DOB="16/08/2014"), "C2", "AD1.DOB"),
    "INT12": (setting("PlacedAdoption", "C2", DOB="16/08/2014"), "C2", "PlacedAdoption.DOB"),
    "INT13": (setting("Missing", "C1", DOB="02/06/2012"), "C1", "Missing.DOB"),
    "INT14": (setting("OC2", "C1", DOB="02/06/2012"), "C1", "OC2.DOB"),
    "INT15": (setting("OC3", "C3", DOB="11/10/2009"), "C3", "OC3.DOB"),
    "INT16": (setting("PrevPerm", "C2", DOB="16/08/2014"), "C2", "PrevPerm.DOB"),
    "INT17": (setting("Reviews", "C1", DOB="02/06/2012"), "C1", "Reviews.DOB"),
    "INT18": (setting("UASC", "C2", DOB="16/08/2014"), "C2", "UASC.DOB"),
    "INT21": (setting("UASC", "C2", SEX="F"), "C2", "UASC.SEX"),
    "INT31": (duplicating("AD1", "C2"), "C2", "AD1.CHILD"),
    "INT32": (duplicating("Header", "C1"), "C1", "Header.CHILD"),
    "INT33": (duplicating("OC2", "C1"), "C1", "OC2.CHILD"),
    "INT34": (duplicating("OC3", "C3"), "C3", "OC3.CHILD"),
    "INT35": (duplicating("PrevPerm", "C2"), "C2", "PrevPerm.CHILD"),
    "INT36": (duplicating("UASC", "C2"), "C2", "UASC.CHILD"),
}  # fmt: skip


def broken(change):
    tables, previous = copy.deepcopy(baseline()), copy.deepcopy(last_year())
    change(tables, previous)
    return validate(tables, previous)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(code):
    change, child, field = CASES[code]
    failures = broken(change)
    found = [(f.la_child_id, f.field) for f in failures if f.code == code]
    assert (child, field) in found, f"{code}: got {mine(failures)}"
    message = next(f.message for f in failures if f.code == code)
    assert message == rule_catalogue("903-2026-27")[code].message


def test_every_code_this_module_checks_has_a_breaking_test():
    assert set(CASES) == rules_6xx_up.CODES
    assert rules_6xx_up.CODES <= ssda903_validation.IMPLEMENTED


def test_every_rule_in_this_block_is_checked_here_in_basic_or_cannot_apply():
    def in_block(code):
        return code.startswith(("SW", "INT")) or (
            code.isdigit() and (600 <= int(code) <= 699 or int(code) >= 1000)
        )

    cannot_apply = {"1008"}
    in_basic = {"631", "1006", "1009", "SW01bSTG1", "SW02STG1", "SW09STG2", "SW13STG1"}
    assert in_basic <= ssda903_validation.IMPLEMENTED
    assert not (in_basic & rules_6xx_up.CODES)
    for catalogue in ("903-2025-26", "903-2026-27"):
        wanted = {code for code in rule_catalogue(catalogue) if in_block(code)}
        assert wanted == rules_6xx_up.CODES | in_basic | cannot_apply
    assert "Cannot apply:" in (rules_6xx_up.__doc__ or "")
    assert "1008" in (rules_6xx_up.__doc__ or "").split("Cannot apply:")[1]


def test_rules_are_reported_from_the_2025_26_list_too():
    change, child, field = CASES["611"]
    tables = copy.deepcopy(baseline())
    change(tables, {})
    failures = validate(tables, year=CollectionYear(2026))
    assert ("611", child, field) in mine(failures)


# The valid side of each edge (the day before, the day itself, or the exception): these codes
# are not reported.
EDGES: dict[str, tuple[tuple[str, ...], Change]] = {
    "1003 on the day care began": (
        ("1003",),
        setting("PlacedAdoption", "C2", DATE_PLACED="05/05/2026"),
    ),
    "607 for a series of short breaks": (
        ("607",),
        both(
            setting("Header", "C1", MOTHER=""),
            setting("Episodes", "C1", 1, DEC="01/02/2027", REC="E13", LS="V3"),
        ),
    ),
    "607 for a move within care": (("607",), setting("Header", "C1", MOTHER="")),
    "620 eleven on the first day of the year": (
        ("620",),
        setting("Header", "C1", DOB="01/04/2015", MOTHER="1", MC_DOB="01/01/2027"),
    ),
    "625 first child born on 31 March": (
        ("625",),
        setting("Header", "C1", MOTHER="1", MC_DOB="31/03/2027"),
    ),
    "626 first child born in the year": (
        ("626",),
        setting("Header", "C1", MOTHER="1", MC_DOB="01/04/2026"),
    ),
    "632 month known, the day may be before care": (
        ("632",),
        setting("PrevPerm", "C2", DATE_PERM="zz/05/2026"),
    ),
    "632 nothing known": (("632",), setting("PrevPerm", "C2", DATE_PERM="zz/zz/zzzz")),
    "633 order made in Scotland": (("633",), setting("PrevPerm", "C2", LA_PERM="SCO")),
    "635 no previous permanence and no details": (
        ("630", "635"),
        setting("PrevPerm", "C2", PREV_PERM="Z1", LA_PERM="", DATE_PERM=""),
    ),
    "1015 own foster carer over the border": (
        ("1015",),
        setting("Episodes", "C1", 1, PL_POST="LS1 4DY", PLACE="U1"),
    ),
    "1015 short breaks over the border": (
        ("1015",),
        setting("Episodes", "C1", 1, PL_POST="LS1 4DY", LS="V3"),
    ),
    "1016 ceased on the birthday": (("1007", "1016"), c3_this_year("10/10/2026", "E8")),
    "3001 with former foster carers, 17th birthday before the year": (
        ("3001",),
        both(
            setting("OC3", "C3", ACCOM="Z1"),
            setting("Header", "C3", DOB="10/03/2009"),
            setting("OC3", "C3", DOB="10/03/2009"),
        ),
    ),
    "SW07 ended on 31 March": (("SW07STG2",), setting("SWEpisodes", "C2", SW_DEC="31/03/2027")),
    "SW07 ended on the first day of the reporting period": (
        ("SW07STG2",),
        setting("SWEpisodes", "C1", SW_DEC="01/04/2025"),
    ),
    "SW10 a week's handover": (
        ("SW10STG2",),
        setting("SWEpisodes", "C1", 1, SW_DECOM="08/09/2026"),
    ),
    "SW10 first contact": (
        ("SW10STG2",),
        setting("SWEpisodes", "C1", 1, SW_DECOM="01/09/2026", SW_REASON="FCONTA"),
    ),
    "SW12 from the first day of the year": (
        ("SW12STG2",),
        setting("SWEpisodes", "C1", SW_DECOM="01/04/2026"),
    ),
    "SW12 from the day care began": (
        ("SW12STG2",),
        both(
            setting("Episodes", "C1", 0, DECOM="10/05/2026"),
            setting("SWEpisodes", "C1", SW_DECOM="10/05/2026"),
        ),
    ),
    "SW11b and SW17 when not looked after on 31 March": (
        ("SW11bSTG2", "SW17STG2"),
        setting("SWEpisodes", "C2", SW_DEC="01/03/2027"),
    ),
}


@pytest.mark.parametrize("edge", sorted(EDGES))
def test_the_valid_side_of_each_edge_passes(edge):
    codes, change = EDGES[edge]
    assert [f for f in mine(broken(change)) if f[0] in codes] == []


def test_a_social_worker_episode_ending_before_the_reporting_period_is_caught():
    # The social worker reporting period starts a year before the collection year.
    failures = broken(setting("SWEpisodes", "C1", SW_DEC="31/03/2025"))
    assert ("SW07STG2", "C1", "SWEpisodes.SW_DEC") in mine(failures)


def test_rules_comparing_with_last_year_are_silent_without_it():
    tables = copy.deepcopy(baseline())
    setting("Header", "C1", MOTHER="1", MC_DOB="01/03/2026")(tables, {})
    submission = Submission(tables=tables, collection=YEAR, la_code="382")
    problems = [
        p.code for c in CHECKS if c.__module__ == rules_6xx_up.__name__ for p in c(submission)
    ]
    assert not {"624", "626", "1001", "1002", "1010"} & set(problems)
    assert "611" not in problems


def test_a_care_leaver_whose_care_began_before_last_year_is_not_queried_on_length():
    previous = copy.deepcopy(last_year())
    # Under seven weeks seen, but care began before last year's tables: earlier care is unseen.
    last(previous, "Episodes", "C3").update(DECOM="01/09/2025")
    assert "1001" in {f.code for f in validate(copy.deepcopy(baseline()), previous)}
    previous["Episodes"].append(episode("C3", "01/03/2025", "S", "C2", "U1", "01/09/2025", "X1"))
    assert "1001" not in {f.code for f in validate(copy.deepcopy(baseline()), previous)}


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("05/03/2020", (dt.date(2020, 3, 5), dt.date(2020, 3, 5))),
        ("zz/02/2020", (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
        ("zz/zz/2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31))),
        ("ZZ/ZZ/ZZZZ", (dt.date.min, dt.date.max)),
        ("31/zz/2021", (dt.date(2021, 1, 31), dt.date(2021, 12, 31))),
        ("31/02/2020", None),
        ("zz/13/2020", None),
        ("5/3/2020", None),
        ("aa/03/2020", None),
        ("", None),
    ],
)
def test_partial_dates_of_previous_permanence(text, meaning):
    assert partial_date_range(text) == meaning


@pytest.mark.django_db
def test_the_tables_built_from_a_known_history_break_none_of_these_rules():
    from hearth.casework import services as casework  # noqa: PLC0415
    from hearth.casework.tests.factories import (  # noqa: PLC0415
        TeamFactory,
        TeamMembershipFactory,
        WorkerFactory,
    )
    from hearth.lookedafter import services as lookedafter  # noqa: PLC0415
    from hearth.returns.ssda903 import ssda903_tables  # noqa: PLC0415
    from hearth.returns.tests.factories import front_door_worker  # noqa: PLC0415
    from hearth.returns.tests.test_ssda903 import history  # noqa: PLC0415

    person, period = history()
    year = CollectionYear(2026)

    def failures():
        return mine(
            ssda903_validate(
                collection=year,
                tables=ssda903_tables(collection=year),
                previous=ssda903_tables(collection=year.previous),
            )
        )

    # The history records neither the child's previous permanence nor an allocated social
    # worker: the record, not the tables, is short of what the return needs.
    assert failures() == [
        ("630", person.reference, "Episodes.RNE"),
        ("SW12STG2", person.reference, "SWEpisodes.SW_DECOM"),
    ]
    actor = front_door_worker()
    lookedafter.previous_permanence_record(
        actor=actor, period=period, kind="Z1", reason="No order before care"
    )
    team = TeamFactory.create()
    worker = WorkerFactory.create(social_worker_id="SW123456")
    TeamMembershipFactory.create(worker=worker, team=team)
    casework.allocation_start(
        actor=actor,
        child=person,
        team=team,
        worker=worker,
        started_on=dt.date(2025, 5, 6),
        reason="Allocated at the start of care",
        sw_reason="FCONTA",
    )
    assert failures() == []
