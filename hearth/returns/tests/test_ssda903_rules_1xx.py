"""SSDA903 rules 100-199, the DoLo rules and NoE: each shown catching its break in the tables.

A baseline return for the 2026-27 year (four children: one looked after for years under a DoLO,
one who started in the year, one adopted in the year, one care leaver) passes every rule here;
each case breaks it the way the rule exists to catch. The checks read tables only, so these
tests need no database; `ssda903_validate` looks up the children's records to link each failure,
and that one read is replaced here by a lookup that finds none.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from hearth.lookedafter import services as lookedafter
from hearth.lookedafter.models import PeriodOfCare
from hearth.lookedafter.tests.factories import foster_placement
from hearth.people.models import Person
from hearth.returns import ssda903_validation
from hearth.returns.rules import rule_catalogue
from hearth.returns.ssda903 import Row, Tables, ssda903_tables
from hearth.returns.ssda903_rules import rules_1xx
from hearth.returns.ssda903_rules.registry import IMPLEMENTED, Submission
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.tests.test_ssda903 import history
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2027)
# Codes in the blocks this module covers that basic.py already checks.
IN_BASIC = {"101", "102", "103", "104", "120", "131", "132", "133", "143", "144", "145"}
IN_BASIC |= {"146", "148", "149", "167", "168", "175", "176", "177", "178", "700", "701"}


class _NoPeople:
    """Stands in for `Person` so that linking failures to records reads no database."""

    class objects:  # noqa: N801 - mirrors the manager's name
        @staticmethod
        def filter(**_: object) -> _NoPeople.objects:
            return _NoPeople.objects()

        def values_list(self, *_: str) -> list[tuple[str, int]]:
            return []


@pytest.fixture(autouse=True)
def no_record_lookup(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("django_db") is None:
        monkeypatch.setattr(ssda903_validation, "Person", _NoPeople)


def episode(  # noqa: PLR0917 - one argument per column that differs between episodes
    child: str, decom: str, rne: str, ls: str, place: str, dec: str = "", rec: str = ""
) -> Row:
    return {
        "CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place,
        "PLACE_PROVIDER": "PR1", "DEC": dec, "REC": rec, "REASON_PLACE_CHANGE": "",
        "HOME_POST": "HD1 2TA", "PL_POST": "HD8 9LS", "URN": "SC123456",
    }  # fmt: skip


def oc2(child: str, dob: str, **values: str) -> Row:
    row = {
        "CHILD": child, "DOB": dob, "SDQ_SCORE": "14", "SDQ_REASON": "", "CONVICTED": "0",
        "HEALTH_CHECK": "", "IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1",
        "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "", "INTERVENTION_OFFERED": "",
    }  # fmt: skip
    row.update(values)
    return row


def ad1(child: str, dob: str) -> Row:
    return {
        "CHILD": child, "DOB": dob, "DATE_INT": "01/03/2025", "DATE_MATCH": "01/04/2025",
        "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11",
    }  # fmt: skip


def baseline() -> Tables:
    """This year's tables: C1 looked after since 2024 under a DoLO (in the OC2 cohort); C2
    started in the year, with a decision to place for adoption later reversed; C3 adopted in
    October; C4 a care leaver."""
    return {
        "Header": [
            {"CHILD": "C1", "SEX": "F", "DOB": "01/06/2015", "ETHNIC": "WBRI",
             "UPN": "V382432125001", "MOTHER": "0", "MC_DOB": ""},
            {"CHILD": "C2", "SEX": "M", "DOB": "04/03/2012", "ETHNIC": "MWBC",
             "UPN": "V382432125002", "MOTHER": "", "MC_DOB": ""},
            {"CHILD": "C3", "SEX": "F", "DOB": "01/01/2023", "ETHNIC": "WBRI",
             "UPN": "UN1", "MOTHER": "0", "MC_DOB": ""},
            {"CHILD": "C4", "SEX": "M", "DOB": "15/07/2008", "ETHNIC": "BAFR",
             "UPN": "UN2", "MOTHER": "", "MC_DOB": ""},
        ],
        "Episodes": [
            episode("C1", "10/06/2024", "S", "C2", "K2", "01/09/2026", "X1"),
            episode("C1", "01/09/2026", "P", "C2", "Z12"),
            episode("C2", "06/05/2026", "S", "V2", "U6", "10/06/2026", "X1"),
            episode("C2", "10/06/2026", "L", "C2", "U6"),
            episode("C3", "01/05/2025", "P", "E1", "A6", "01/10/2026", "E11"),
        ],
        "Reviews": [{"CHILD": "C1", "DOB": "01/06/2015", "REVIEW": "03/06/2026",
                     "REVIEW_CODE": "PN1"}],
        "UASC": [],
        "OC2": [oc2("C1", "01/06/2015")],
        "OC3": [{"CHILD": "C4", "DOB": "15/07/2008", "IN_TOUCH": "YES", "ACTIV": "F1",
                 "ACCOM": "U1"}],
        "AD1": [ad1("C3", "01/01/2023")],
        "PlacedAdoption": [
            {"CHILD": "C2", "DOB": "04/03/2012", "DATE_PLACED": "01/08/2026",
             "DATE_PLACED_CEASED": "01/12/2026", "REASON_PLACED_CEASED": "RD1"},
            {"CHILD": "C3", "DOB": "01/01/2023", "DATE_PLACED": "01/03/2025",
             "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": ""},
        ],
        "PrevPerm": [],
        "Missing": [],
        "SWEpisodes": [],
        "DoLo": [{"CHILD": "C1", "DOB": "01/06/2015", "DOLO_START": "01/02/2026",
                  "DOLO_END": ""}],
    }  # fmt: skip


def last_year() -> Tables:
    """Last year's return: C1 and C3 looked after, C1's DoLO open at 31 March."""
    return {
        "Episodes": [
            episode("C1", "10/06/2024", "S", "C2", "K2"),
            episode("C3", "01/02/2025", "S", "C2", "U6", "01/05/2025", "X1"),
            episode("C3", "01/05/2025", "P", "E1", "A6"),
        ],
        "DoLo": [{"CHILD": "C1", "DOB": "01/06/2015", "DOLO_START": "01/02/2026",
                  "DOLO_END": ""}],
    }  # fmt: skip


def failures(tables: Tables, previous: Tables | None = None) -> set[tuple[str, str, str]]:
    """(code, child, table.field) of each failure of this module's rules."""
    found = ssda903_validate(
        collection=YEAR, tables=tables, previous=last_year() if previous is None else previous
    )
    return {(f.code, f.la_child_id or "", f.field) for f in found if f.code in OUR_CODES}


def _registered_codes() -> set[str]:
    """The codes named in this module's `@check(...)` decorators."""
    tree = ast.parse(Path(rules_1xx.__file__).read_text(encoding="utf-8"))
    return {
        arg.value
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "check"
        for arg in decorator.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }


OUR_CODES = _registered_codes()

Change = Callable[[Tables, Tables], None]


def setter(table: str, index: int, **values: str) -> Change:
    def change(tables: Tables, _: Tables) -> None:
        tables[table][index].update(values)

    return change


def adding(table: str, row: Row) -> Change:
    def change(tables: Tables, _: Tables) -> None:
        tables[table].append(row)

    return change


def both(*changes: Change) -> Change:
    def change(tables: Tables, previous: Tables) -> None:
        for each in changes:
            each(tables, previous)

    return change


def _without_c1_last_year(_: Tables, previous: Tables) -> None:
    previous["Episodes"] = [r for r in previous["Episodes"] if r["CHILD"] != "C1"]


def _without_dolo(tables: Tables, _: Tables) -> None:
    tables["DoLo"] = []


# Header 0 C1, 1 C2, 2 C3, 3 C4. Episodes 0-1 C1, 2-3 C2, 4 C3. PlacedAdoption 0 C2, 1 C3.
CASES: dict[str, tuple[Change, str, str]] = {
    "112": (setter("AD1", 0, DATE_INT="2025-03-01"), "C3", "AD1.DATE_INT"),
    "113": (setter("AD1", 0, DATE_MATCH="31/02/2025"), "C3", "AD1.DATE_MATCH"),
    "114": (setter("AD1", 0, FOSTER_CARE="2"), "C3", "AD1.FOSTER_CARE"),
    "115": (setter("PlacedAdoption", 1, DATE_PLACED="01-03-2025"), "C3",
            "PlacedAdoption.DATE_PLACED"),
    "116": (setter("PlacedAdoption", 0, DATE_PLACED_CEASED="1 Dec 2026"), "C2",
            "PlacedAdoption.DATE_PLACED_CEASED"),
    "117": (setter("PlacedAdoption", 0, DATE_PLACED_CEASED="01/04/2027"), "C2",
            "PlacedAdoption.DATE_PLACED_CEASED"),
    "118": (setter("PlacedAdoption", 0, DATE_PLACED_CEASED="05/05/2026"), "C2",
            "PlacedAdoption.DATE_PLACED_CEASED"),
    "119": (setter("PlacedAdoption", 0, REASON_PLACED_CEASED=""), "C2",
            "PlacedAdoption.REASON_PLACED_CEASED"),
    "134": (adding("AD1", ad1("C4", "15/07/2008")), "C4", "AD1.DATE_INT"),
    "141": (setter("Episodes", 3, DECOM=""), "C2", "Episodes.DECOM"),
    "142": (setter("Episodes", 0, DEC="", REC=""), "C1", "Episodes.DEC"),
    "147": (setter("Episodes", 0, DEC="01/09/26"), "C1", "Episodes.DEC"),
    "151": (setter("AD1", 0, NB_ADOPTR=""), "C3", "AD1.NB_ADOPTR"),
    "153": (setter("OC3", 0, ACCOM=""), "C4", "OC3.ACCOM"),
    "157": (setter("OC2", 0, SDQ_SCORE="", SDQ_REASON="SDQ1"), "C1", "OC2.SDQ_REASON"),
    "158": (setter("OC2", 0, SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="1",
                   INTERVENTION_OFFERED="0"), "C1", "OC2.INTERVENTION_OFFERED"),
    "159": (setter("OC2", 0, SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="0"), "C1",
            "OC2.INTERVENTION_OFFERED"),
    "164": (setter("Episodes", 3, HOME_POST="HD1 2ZZ"), "C2", "Episodes.HOME_POST"),
    "165": (setter("Header", 0, MOTHER=""), "C1", "Header.MOTHER"),
    "166": (setter("Reviews", 0, REVIEW=""), "C1", "Reviews.REVIEW"),
    "169": (setter("Episodes", 3, PL_POST="HD99 9ZZ"), "C2", "Episodes.PL_POST"),
    "171": (setter("Header", 0, MOTHER="1", MC_DOB="31/02/2025"), "C1", "Header.MC_DOB"),
    "174": (setter("Header", 1, MC_DOB="01/01/2025"), "C2", "Header.MC_DOB"),
    "180": (setter("OC2", 0, SDQ_SCORE="41"), "C1", "OC2.SDQ_SCORE"),
    "181": (setter("OC2", 0, TEETH_CHECK="Y"), "C1", "OC2.TEETH_CHECK"),
    "182": (setter("OC2", 0, IMMUNISATIONS=""), "C1", "OC2.IMMUNISATIONS"),
    "185": (adding("OC2", oc2("C2", "04/03/2012", CONVICTED="", IMMUNISATIONS="",
                              TEETH_CHECK="", HEALTH_ASSESSMENT="", SUBSTANCE_MISUSE="")),
            "C2", "OC2.SDQ_SCORE"),
    "186": (setter("OC2", 0, SDQ_SCORE=""), "C1", "OC2.SDQ_SCORE"),
    "187": (adding("AD1", ad1("C1", "01/06/2015")), "C1", "AD1.DATE_INT"),
    "188": (setter("Header", 0, DOB="01/06/2023"), "C1", "OC2.SDQ_SCORE"),
    "189": (setter("Header", 0, DOB="01/04/2009"), "C1", "OC2.SDQ_SCORE"),
    "190": (adding("OC2", oc2("C2", "04/03/2012", SDQ_SCORE="")), "C2", "OC2.CONVICTED"),
    "191": (setter("OC2", 0, TEETH_CHECK=""), "C1", "OC2.TEETH_CHECK"),
    "192": (setter("OC2", 0, SUBSTANCE_MISUSE="1"), "C1", "OC2.INTERVENTION_RECEIVED"),
    "193": (setter("OC2", 0, INTERVENTION_RECEIVED="1"), "C1", "OC2.INTERVENTION_RECEIVED"),
    "184": (setter("PlacedAdoption", 1, DATE_PLACED="31/12/2022"), "C3",
            "PlacedAdoption.DATE_PLACED"),
    "196": (setter("OC2", 0, SDQ_REASON="SDQ9"), "C1", "OC2.SDQ_REASON"),
    "197a": (setter("OC2", 0, SDQ_REASON="SDQ2"), "C1", "OC2.SDQ_REASON"),
    "197B": (both(setter("Header", 0, DOB="01/10/2022"), setter("OC2", 0, SDQ_SCORE="")), "C1",
             "OC2.SDQ_REASON"),
    "198": (adding("OC2", oc2("C2", "04/03/2012", SDQ_SCORE="", SDQ_REASON="SDQ2",
                              CONVICTED="", IMMUNISATIONS="", TEETH_CHECK="",
                              HEALTH_ASSESSMENT="", SUBSTANCE_MISUSE="")),
            "C2", "OC2.SDQ_REASON"),
    "199": (adding("Episodes", episode("C3", "01/02/2027", "S", "C2", "U6")), "C3",
            "Episodes.DECOM"),
    "NoE": (_without_c1_last_year, "C1", "Episodes.DECOM"),
    "702": (setter("DoLo", 0, DOLO_END="31/01/2026"), "C1", "DoLo.DOLO_END"),
    "703": (adding("DoLo", {"CHILD": "C2", "DOB": "04/03/2012", "DOLO_START": "01/04/2027",
                            "DOLO_END": ""}), "C2", "DoLo.DOLO_START"),
    "704": (setter("DoLo", 0, DOLO_END="01/04/2027"), "C1", "DoLo.DOLO_END"),
    "705": (adding("DoLo", {"CHILD": "C1", "DOB": "01/06/2015", "DOLO_START": "01/10/2026",
                            "DOLO_END": ""}), "C1", "DoLo.DOLO_START"),
    "706": (_without_dolo, "C1", "DoLo.DOLO_START"),
    "707": (adding("DoLo", {"CHILD": "C3", "DOB": "01/01/2023", "DOLO_START": "01/06/2026",
                            "DOLO_END": ""}), "C3", "DoLo.DOLO_END"),
    "708": (setter("DoLo", 0, DOLO_START="01/01/2015"), "C1", "DoLo.DOLO_START"),
    "709": (setter("Episodes", 1, PLACE="U6"), "C1", "Episodes.PLACE"),
    "710": (setter("Episodes", 1, PLACE="K1"), "C1", "Episodes.PLACE"),
}  # fmt: skip


def test_the_baseline_passes_every_rule_here():
    assert failures(baseline()) == set()


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(code):
    change, child, field = CASES[code]
    tables, previous = baseline(), last_year()
    change(tables, previous)
    assert (code, child, field) in failures(tables, previous)


def test_every_code_registered_here_has_a_breaking_case_and_is_checked():
    assert set(CASES) == OUR_CODES
    assert OUR_CODES <= IMPLEMENTED


def test_every_code_in_these_blocks_is_checked_here_in_basic_or_listed_as_cannot_apply():
    ours = set()
    for name in ("903-2025-26", "903-2026-27"):
        ours |= {
            code
            for code in rule_catalogue(name)
            if code == "NoE" or (code[:3].isdigit() and code[0] in "17" and not code[3:4].isdigit())
        }
    docstring = rules_1xx.__doc__ or ""
    cannot_apply = docstring.split("Cannot apply:")[1]
    listed = {line.split(":")[0].strip("* ") for line in cannot_apply.splitlines() if "* " in line}
    assert ours - IN_BASIC - OUR_CODES == listed
    assert not listed & OUR_CODES


# The valid side of each rule's edge.


def passes(change: Change, code: str) -> bool:
    tables, previous = baseline(), last_year()
    change(tables, previous)
    return not {f for f in failures(tables, previous) if f[0] == code}


def test_decisions_on_the_last_day_of_the_year_or_the_day_care_ceased_are_in_time():
    assert passes(setter("PlacedAdoption", 0, DATE_PLACED_CEASED="31/03/2027"), "117")
    assert passes(setter("PlacedAdoption", 1, DATE_PLACED="01/10/2026"), "117")
    assert not passes(setter("PlacedAdoption", 1, DATE_PLACED="02/10/2026"), "117")


def test_a_reversal_on_the_day_care_started_is_not_before_it():
    assert passes(setter("PlacedAdoption", 0, DATE_PLACED_CEASED="06/05/2026"), "118")
    assert not passes(setter("PlacedAdoption", 0, DATE_PLACED_CEASED="31/03/2026"), "118")


def test_a_decision_on_the_day_of_birth_is_not_before_it():
    assert passes(setter("PlacedAdoption", 1, DATE_PLACED="01/01/2023"), "184")


def test_a_girl_reported_only_as_a_care_leaver_may_leave_mother_blank():
    leaver_girl = both(
        adding("Header", {"CHILD": "C5", "SEX": "F", "DOB": "02/02/2008", "ETHNIC": "WBRI",
                          "UPN": "UN2", "MOTHER": "", "MC_DOB": ""}),
        adding("OC3", {"CHILD": "C5", "DOB": "02/02/2008", "IN_TOUCH": "YES", "ACTIV": "F1",
                       "ACCOM": "U1"}),
    )  # fmt: skip
    assert passes(leaver_girl, "165")
    assert not passes(setter("Header", 0, MOTHER="2"), "165")
    assert not passes(setter("Header", 1, MOTHER="0"), "165")
    # A care leaver not looked after this year has no mother item.
    assert not passes(both(leaver_girl, setter("Header", 4, MOTHER="0")), "165")


def test_the_sdq_score_runs_from_0_to_40():
    assert passes(setter("OC2", 0, SDQ_SCORE="40"), "180")
    assert passes(setter("OC2", 0, SDQ_SCORE="0"), "180")
    assert not passes(setter("OC2", 0, SDQ_SCORE="-1"), "180")


def test_ages_at_the_edges_of_the_year():
    # Four on 31 March is not under four at the end of the year (188).
    assert passes(setter("Header", 0, DOB="31/03/2023"), "188")
    # Sixteen on 1 April (17 the next day) is not 17 at the start (189).
    assert passes(setter("Header", 0, DOB="02/04/2009"), "189")
    # A reason given instead of a score satisfies 186 and 197B.
    assert passes(setter("OC2", 0, SDQ_SCORE="", SDQ_REASON="SDQ2"), "186")
    turns_four = both(
        setter("Header", 0, DOB="01/10/2022"), setter("OC2", 0, SDQ_SCORE="", SDQ_REASON="SDQ1")
    )
    assert passes(turns_four, "197B")


def test_an_intervention_received_leaves_offered_blank():
    received = setter(
        "OC2", 0, SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="1", INTERVENTION_OFFERED=""
    )
    assert passes(received, "158")
    assert passes(received, "192")


def test_the_oc2_cohort_is_broken_by_leaving_care_or_starting_it_after_1_april():
    # C1 leaving care during the year takes her out of the OC2 cohort.
    leaves = setter("Episodes", 1, DEC="01/03/2027", REC="E13")
    assert not passes(leaves, "185")
    # So does leaving on 31 March: such a child is not looked after at 31 March, which is how
    # the tables read it (ssda903._cla12) and one of the DfE validator's two readings; the other
    # would make a child adopted that day break 187 (AD1 completed for a CLA12 child).
    assert not passes(setter("Episodes", 1, DEC="31/03/2027", REC="E13"), "185")


def test_an_unaccompanied_child_need_not_have_a_real_home_postcode():
    uasc = both(
        adding("UASC", {"CHILD": "C2", "SEX": "M", "DOB": "04/03/2012", "DUC": ""}),
        setter("Episodes", 3, HOME_POST="HD1 2ZZ"),
    )
    assert passes(uasc, "164")


def test_a_new_episode_may_follow_the_adoption_only_in_another_childs_record():
    assert passes(adding("Episodes", episode("C2", "01/02/2027", "P", "C2", "U6")), "199")


def test_adoption_last_year_then_care_again_this_year_is_caught():
    def adopted_last_year(_: Tables, previous: Tables) -> None:
        previous["Episodes"].insert(
            0, episode("C1", "01/01/2024", "S", "E1", "A4", "01/03/2024", "E11")
        )

    assert not passes(adopted_last_year, "199")


def test_a_dolo_may_start_the_day_the_last_one_ended_and_end_on_31_march():
    follow_on = both(
        setter("DoLo", 0, DOLO_END="01/10/2026"),
        adding("DoLo", {"CHILD": "C1", "DOB": "01/06/2015", "DOLO_START": "01/10/2026",
                        "DOLO_END": "31/03/2027"}),
    )  # fmt: skip
    assert passes(follow_on, "705")
    assert passes(follow_on, "704")


def test_an_episode_ending_the_day_a_dolo_starts_is_not_under_it():
    order_at_move = both(
        setter("Episodes", 3, PLACE="K2"),
        adding("DoLo", {"CHILD": "C2", "DOB": "04/03/2012", "DOLO_START": "10/06/2026",
                        "DOLO_END": ""}),
    )  # fmt: skip
    assert passes(order_at_move, "709")


def test_a_dolo_open_last_year_and_closed_this_year_is_carried_over():
    assert passes(setter("DoLo", 0, DOLO_END="01/12/2026"), "706")


def test_rules_comparing_with_last_year_say_nothing_without_it():
    tables = baseline()
    _without_dolo(tables, {})
    submission = Submission(tables=tables, collection=YEAR)
    assert list(rules_1xx._no_episodes_last_year(submission)) == []
    assert list(rules_1xx._dolo_carried_over(submission)) == []


# Hearth's own tables, built from a looked-after record.


def our_failures(collection: CollectionYear) -> set[tuple[str, str, str]]:
    found = ssda903_validate(collection=collection, tables=ssda903_tables(collection=collection))
    return {(f.code, f.la_child_id or "", f.field) for f in found if f.code in OUR_CODES}


def _second_year(person: Person, period: PeriodOfCare) -> None:
    """The child's second year in care: an SDQ, health checks, a move to a children's home
    under a DoLO, and a substance misuse problem identified with an intervention offered."""
    worker = period.recorded_by
    lookedafter.sdq_record(
        actor=worker,
        child=person,
        completed_on=dt.date(2026, 6, 1),
        score=12,
        no_score_reason="",
        reason="Annual SDQ",
    )
    lookedafter.health_assessment_record(
        actor=worker, child=person, completed_on=dt.date(2026, 5, 1), reason="Review"
    )
    for kind in ("immunisations", "dental"):
        lookedafter.health_check_record(
            actor=worker,
            child=person,
            kind=kind,
            checked_on=dt.date(2026, 5, 2),
            up_to_date=True,
            reason="Checked",
        )
    lookedafter.placement_change(
        actor=worker,
        period=period,
        started_on=dt.date(2026, 9, 1),
        placement=foster_placement(placement_type="K2", carer_name="Oak House"),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="Needs a home",
    )
    lookedafter.dolo_start(
        actor=worker, child=person, started_on=dt.date(2026, 9, 1), reason="Order made"
    )
    lookedafter.substance_misuse_record(
        actor=worker, child=person, identified_on=dt.date(2026, 7, 1),
        intervention_offered=True, intervention_received=False, reason="Identified",
    )  # fmt: skip


@pytest.mark.django_db
def test_the_tables_built_from_the_record_raise_none_of_these_rules():
    person, period = history()
    assert our_failures(CollectionYear(2026)) == set()
    _second_year(person, period)
    tables = ssda903_tables(collection=YEAR)
    assert [row["DOLO_START"] for row in tables["DoLo"]] == ["01/09/2026"]
    assert [row["SUBSTANCE_MISUSE"] for row in tables["OC2"]] == ["1"]
    assert our_failures(YEAR) == set()


@pytest.mark.django_db
def test_an_intervention_received_is_returned_without_offered():
    person, period = history()
    lookedafter.substance_misuse_record(
        actor=period.recorded_by, child=person, identified_on=dt.date(2026, 7, 1),
        intervention_offered=True, intervention_received=True, reason="Identified",
    )  # fmt: skip
    lookedafter.sdq_record(
        actor=period.recorded_by, child=person, completed_on=dt.date(2026, 6, 1), score=12,
        no_score_reason="", reason="Annual SDQ",
    )  # fmt: skip
    assert our_failures(YEAR) == set()


@pytest.mark.django_db
def test_leaving_care_ends_an_open_order_so_707_is_not_reported():
    # care_cease ends an open DoLO the day care ends, so the return cannot break 707.
    person, period = history()
    lookedafter.dolo_start(
        actor=period.recorded_by, child=person, started_on=dt.date(2026, 9, 1), reason="Order"
    )
    lookedafter.care_cease(
        actor=period.recorded_by, period=period, ended_on=dt.date(2026, 10, 1),
        reason_ceased="E4A", reason="Home to parents",
    )  # fmt: skip
    assert ("707", person.reference, "DoLo.DOLO_END") not in our_failures(YEAR)


def test_an_earlier_episode_needs_its_reason_as_well_as_its_end():
    tables, previous = baseline(), last_year()
    setter("Episodes", 0, REC="")(tables, previous)
    assert ("142", "C1", "Episodes.REC") in failures(tables, previous)
    # The latest episode may be open.
    assert passes(setter("Episodes", 1, DEC="", REC=""), "142")


def test_the_dolo_rules_are_reported_from_the_2026_27_collection_only():
    tables = baseline()
    tables["DoLo"][0]["DOLO_END"] = "31/01/2026"
    earlier = ssda903_validate(
        collection=CollectionYear(2026), tables=tables, previous={"Episodes": []}
    )
    assert not [f for f in earlier if f.code.startswith("7")]
    assert ("702", "C1", "DoLo.DOLO_END") in failures(tables)


def test_a_care_leaver_who_died_or_went_home_has_no_activity_or_accommodation_under_153():
    assert passes(setter("OC3", 0, IN_TOUCH="DIED", ACTIV="", ACCOM=""), "153")
    assert passes(setter("OC3", 0, IN_TOUCH="RHOM", ACTIV="", ACCOM=""), "153")
    assert not passes(setter("OC3", 0, IN_TOUCH="NO", ACCOM=""), "153")


def test_a_child_adopted_on_31_march_was_not_looked_after_at_31_march_for_187():
    adopted_on_the_last_day = both(
        setter("Episodes", 1, DEC="31/03/2027", REC="E11"),
        adding("AD1", ad1("C1", "01/06/2015")),
    )
    assert passes(adopted_on_the_last_day, "187")
    assert not passes(adding("AD1", ad1("C1", "01/06/2015")), "187")
