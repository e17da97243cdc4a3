"""Every CIN census rule, shown catching the break it exists for, on a return built in Python.

Each case takes a return that passes every rule and breaks it in one way. Many of these breaks
cannot come from Hearth's own record (a constraint or a service refuses them, or the builder
derives the value), but the checks still guard the return as sent; the rules the record *can*
break are shown again from real histories in test_cin_validation.py.
"""

import copy
import datetime as dt
from collections.abc import Callable

import pytest

from hearth.returns import cin_validation
from hearth.returns.cin_census import (
    Assessment,
    CINCensus,
    CINDetails,
    CINPlan,
    CPPlan,
    Header,
    Section47,
)
from hearth.returns.cin_census import Child as CensusChild
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.rules import Severity, rule_catalogue
from hearth.returns.years import CollectionYear
from hearth.timescales.calendar import WorkingDayCalendar

YEAR = CollectionYear(2026)
D = dt.date
# Weekends only: these cases do not depend on bank holidays.
CALENDAR = WorkingDayCalendar(frozenset())


def baseline() -> CINCensus:
    """A return that passes every rule: an earlier closed episode and an open CP episode."""
    closed = CINDetails(
        referral_date=D(2025, 4, 2),
        referral_source="2A",
        referral_nfa=False,
        primary_need_code="N5",
        closure_date=D(2025, 5, 30),
        reason_for_closure="RC7",
        assessments=[Assessment(D(2025, 4, 3), D(2025, 4, 30), ["4B"])],
        cin_plans=[CINPlan(D(2025, 5, 1), D(2025, 5, 29))],
    )
    current = CINDetails(
        referral_date=D(2025, 6, 2),
        referral_source="6",
        referral_nfa=False,
        primary_need_code="N1",
        assessments=[Assessment(D(2025, 6, 3), D(2025, 7, 18), ["3B"])],
        section47s=[Section47(D(2025, 6, 4), D(2025, 6, 25), D(2025, 6, 24), False)],
        cp_plans=[CPPlan(D(2025, 6, 24), "EMO", "EMO", 0, review_dates=[D(2025, 9, 22)])],
    )
    child = CensusChild(
        la_child_id="HRT0000001",
        sex="F",
        ethnicity="WBRI",
        upn="V382432125001",
        birth_date=D(2015, 6, 1),
        disabilities=["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS"],
        details=[closed, current],
        person_id=1,
    )
    header = Header(
        collection="CIN",
        year=2026,
        reference_date=D(2026, 3, 31),
        source_level="L",
        lea="382",
        software_code="Hearth",
        release="0.1.0",
        serial_no="001",
        date_time=dt.datetime(2026, 4, 15, 9, 0),  # noqa: DTZ001 - as the XML carries it
    )
    return CINCensus(header=header, children=[child])


def validate(census: CINCensus):
    return cin_census_validate(census, collection=YEAR, calendar=CALENDAR)


Break = Callable[[CINCensus, CensusChild, CINDetails, CINDetails], None]
CASES: dict[str, Break] = {}


def case(code: str) -> Callable[[Break], Break]:
    def register(function: Break) -> Break:
        CASES[code] = function
        return function

    return register


def nfa_details(**kwargs) -> CINDetails:
    return CINDetails(
        referral_date=kwargs.pop("referral_date", D(2025, 12, 1)),
        referral_source="8",
        referral_nfa=True,
        closure_date=kwargs.pop("closure_date", D(2025, 12, 1)),
        reason_for_closure=kwargs.pop("reason_for_closure", "RC7"),
        **kwargs,
    )


def set_attr(target: str, attribute: str, value: object) -> Break:
    """A break that sets one attribute: target is "header", "child", "closed" or "current"."""

    def apply(census, child, closed, current):
        objects = {"header": census.header, "child": child, "closed": closed, "current": current}
        setattr(objects[target], attribute, value)

    return apply


# Return level
case("100")(set_attr("header", "reference_date", D(2026, 3, 30)))


@case("8510")
def _(census, child, closed, current):
    twin = copy.deepcopy(child)
    twin.upn = "J382432125002"
    census.children.append(twin)


@case("1520")
def _(census, child, closed, current):
    twin = copy.deepcopy(child)
    twin.la_child_id = "HRT0000002"
    census.children.append(twin)


case("2886Q")(set_attr("child", "sex", "U"))
case("2887Q")(set_attr("child", "disabilities", ["MOB", "LD"]))
case("2888Q")(set_attr("child", "disabilities", ["MOB"]))

# Identifiers and characteristics
case("8500")(set_attr("child", "la_child_id", ""))
case("1570")(set_attr("child", "la_child_id", "H" * 21))
case("1580")(set_attr("child", "la_child_id", "HRT-0001"))
case("1510")(set_attr("child", "upn", "A382432125001"))
case("1530")(set_attr("child", "upn", "D000432125001"))
case("1540")(set_attr("child", "upn", "V3824321X5001"))
case("1550")(set_attr("child", "upn", "V38243212500I"))
case("1560Q")(set_attr("child", "former_upn", "X123"))
case("8770Q")(set_attr("child", "upn", ""))


@case("8772")
def _(census, child, closed, current):
    child.upn, child.upn_unknown = "", "UN7"


case("8520")(set_attr("child", "birth_date", D(2026, 4, 2)))
case("8525Q")(set_attr("child", "birth_date", None))


def _unborn(expected: dt.date, sex: str = "U") -> Break:
    def apply(census, child, closed, current):
        child.birth_date, child.expected_birth_date, child.sex = None, expected, sex
        child.disabilities = []

    return apply


case("8530Q")(_unborn(D(2027, 1, 15)))
case("8606")(_unborn(D(2026, 12, 1)))
case("8750")(_unborn(D(2026, 6, 1), sex="F"))
case("8775Q")(set_attr("child", "birth_date", D(2000, 1, 1)))
case("8535Q")(set_attr("child", "death_date", D(2015, 1, 1)))
case("8545Q")(set_attr("child", "death_date", D(2025, 3, 1)))
case("8555Q")(set_attr("child", "death_date", D(2025, 6, 1)))
case("8585Q")(set_attr("closed", "reason_for_closure", "RC2"))
case("4180")(set_attr("child", "sex", "N"))
case("4220")(set_attr("child", "ethnicity", "XXXX"))
case("8540")(set_attr("child", "disabilities", []))
case("8790")(set_attr("child", "disabilities", ["NONE", "MOB"]))
case("8794")(set_attr("child", "disabilities", ["MOB", "MOB"]))
case("8590")(set_attr("child", "details", []))

# CIN details
case("8600")(set_attr("current", "referral_date", None))
case("8866")(set_attr("current", "referral_source", "11"))
case("8650")(set_attr("current", "primary_need_code", "N10"))
case("8610")(set_attr("current", "primary_need_code", ""))
case("8568")(set_attr("current", "referral_nfa", None))


@case("8569Q")
def _(census, child, closed, current):
    child.details.insert(0, nfa_details(referral_date=D(2025, 3, 27), closure_date=None))


case("8620")(set_attr("closed", "closure_date", D(2026, 4, 5)))
case("8630")(set_attr("closed", "closure_date", D(2025, 4, 1)))
case("8640")(set_attr("closed", "reason_for_closure", "RC10"))
case("8805")(set_attr("closed", "reason_for_closure", ""))
case("8810")(set_attr("current", "reason_for_closure", "RC7"))


@case("8815")
def _(census, child, closed, current):
    closed.closure_date, closed.reason_for_closure = None, ""


@case("8816")
def _(census, child, closed, current):
    child.details.append(nfa_details(closure_date=None, reason_for_closure=""))


case("8820")(set_attr("closed", "closure_date", D(2025, 6, 10)))
case("8565")(set_attr("closed", "closure_date", D(2025, 5, 15)))
case("2990")(set_attr("closed", "reason_for_closure", "RC8"))


@case("8825Q")
def _(census, child, closed, current):
    closed.reason_for_closure, closed.assessments = "RC9", []


@case("8873Q")
def _(census, child, closed, current):
    closed.assessments[0].factors = ["21"]


@case("8867")
def _(census, child, closed, current):
    closed.assessments[0].authorisation_date, closed.assessments[0].factors = None, []


@case("8868")
def _(census, child, closed, current):
    closed.section47s.append(Section47(D(2025, 4, 10), D(2025, 5, 1)))


@case("8831")
def _(census, child, closed, current):
    child.details.append(nfa_details(assessments=[Assessment(D(2025, 12, 1), D(2025, 12, 1))]))


@case("8832")
def _(census, child, closed, current):
    child.details.append(
        nfa_details(cp_plans=[CPPlan(D(2025, 12, 1), "NEG", "NEG", 1, D(2025, 12, 2))])
    )


@case("4000")
def _(census, child, closed, current):
    child.details.append(nfa_details(cin_plans=[CINPlan(D(2025, 12, 1), D(2025, 12, 1))]))


# Assessments
def assessment_attr(attribute: str, value: object) -> Break:
    def apply(census, child, closed, current):
        setattr(current.assessments[0], attribute, value)

    return apply


case("1103")(assessment_attr("actual_start_date", D(2025, 6, 1)))
case("8608")(assessment_attr("authorisation_date", D(2025, 6, 2)))
case("8696")(assessment_attr("authorisation_date", D(2026, 4, 10)))


@case("8736")
def _(census, child, closed, current):
    current.assessments.append(Assessment(D(2025, 3, 1)))


@case("8670Q")
def _(census, child, closed, current):
    current.assessments.append(Assessment(D(2025, 8, 1)))


@case("8863Q")
def _(census, child, closed, current):
    current.assessments.append(Assessment(D(2025, 7, 1), D(2025, 8, 1), ["4B"]))


@case("8896")
def _(census, child, closed, current):
    current.assessments += [Assessment(D(2026, 3, 1)), Assessment(D(2026, 3, 2))]


@case("8614")
def _(census, child, closed, current):
    current.assessments[0].authorisation_date = None


case("8897Q")(assessment_attr("factors", []))
case("8869")(assessment_attr("factors", ["21", "3B"]))
case("8898")(assessment_attr("factors", ["3B", "3B"]))
case("8945Q")(assessment_attr("factors", ["18A"]))
case("8950Q")(assessment_attr("factors", ["19A"]))


# CIN plans
def cin_plan_attr(attribute: str, value: object) -> Break:
    def apply(census, child, closed, current):
        setattr(closed.cin_plans[0], attribute, value)

    return apply


case("4010")(cin_plan_attr("start_date", None))
case("4011")(cin_plan_attr("end_date", D(2025, 4, 20)))
case("4012Q")(cin_plan_attr("end_date", D(2025, 5, 1)))
case("4013")(cin_plan_attr("end_date", D(2026, 4, 10)))
case("4015")(cin_plan_attr("start_date", D(2025, 4, 1)))
case("4008")(set_attr("child", "death_date", D(2025, 4, 20)))
case("4009Q")(set_attr("child", "death_date", D(2025, 5, 10)))


@case("4004")
def _(census, child, closed, current):
    closed.cin_plans[0].end_date = None
    current.cin_plans.append(CINPlan(D(2026, 1, 1)))


@case("4014")
def _(census, child, closed, current):
    current.cin_plans.append(CINPlan(D(2025, 5, 15), D(2025, 6, 1)))


@case("4001")
def _(census, child, closed, current):
    current.cin_plans.append(CINPlan(D(2025, 7, 1), D(2025, 8, 1)))
    current.cp_plans[0].end_date = D(2025, 12, 1)


@case("4016")
def _(census, child, closed, current):
    current.cin_plans.append(CINPlan(D(2025, 7, 1)))


@case("4017")
def _(census, child, closed, current):
    current.cin_plans.append(CINPlan(D(2025, 7, 1), D(2025, 8, 1)))


@case("4003")
def _(census, child, closed, current):
    current.cin_plans.append(CINPlan(D(2025, 9, 1), D(2025, 10, 1)))


# Section 47 enquiries and conferences
def s47_attr(attribute: str, value: object) -> Break:
    def apply(census, child, closed, current):
        setattr(current.section47s[0], attribute, value)

    return apply


case("2889")(s47_attr("actual_start_date", D(2025, 6, 1)))
case("1104")(s47_attr("date_of_initial_cpc", D(2025, 6, 1)))
case("8615")(s47_attr("actual_start_date", None))
case("8870Q")(s47_attr("initial_cpc_target", D(2025, 6, 28)))
case("8875")(s47_attr("date_of_initial_cpc", D(2025, 6, 28)))
case("8715")(s47_attr("date_of_initial_cpc", D(2026, 4, 10)))
case("8675Q")(s47_attr("date_of_initial_cpc", None))


@case("8740")
def _(census, child, closed, current):
    current.section47s[0].date_of_initial_cpc = None
    current.section47s[0].actual_start_date = D(2025, 3, 20)


@case("2991Q")
def _(census, child, closed, current):
    current.assessments = []


@case("8839")
def _(census, child, closed, current):
    current.section47s += [Section47(D(2026, 3, 2)), Section47(D(2026, 3, 3))]


@case("8890")
def _(census, child, closed, current):
    current.section47s.append(Section47(D(2025, 6, 10), None, None, True))


case("2884")(set_attr("current", "date_of_initial_cpc", D(2025, 6, 24)))


@case("2883")
def _(census, child, closed, current):
    current.cp_plans[0].end_date = D(2025, 6, 30)
    current.cp_plans.append(CPPlan(D(2025, 7, 1), "NEG", "NEG", 1))


# Child protection plans
def cp_attr(attribute: str, value: object) -> Break:
    def apply(census, child, closed, current):
        setattr(current.cp_plans[0], attribute, value)

    return apply


case("2885")(cp_attr("start_date", D(2025, 6, 25)))
case("1105")(cp_attr("start_date", D(2025, 6, 1)))
case("8720")(cp_attr("start_date", None))
case("8930")(cp_attr("end_date", D(2026, 4, 10)))
case("8840")(cp_attr("end_date", D(2025, 6, 24)))
case("8925")(cp_attr("end_date", D(2025, 6, 20)))
case("8905")(cp_attr("initial_category", "XYZ"))
case("8910")(cp_attr("latest_category", ""))
case("8730")(cp_attr("number_of_previous_cpp", None))
case("8841")(cp_attr("review_dates", [D(2025, 6, 24)]))
case("8842Q")(cp_attr("review_dates", [None]))
case("8915")(set_attr("child", "death_date", D(2025, 6, 20)))


@case("8920")
def _(census, child, closed, current):
    current.cp_plans[0].end_date = D(2025, 12, 1)
    child.death_date = D(2025, 11, 1)


@case("8935")
def _(census, child, closed, current):
    current.cp_plans.append(CPPlan(D(2025, 12, 1), "NEG", "NEG", 1))


@case("8940")
def _(census, child, closed, current):
    current.cp_plans.append(CPPlan(D(2025, 8, 1), "NEG", "NEG", 1, D(2025, 9, 1)))


def test_the_baseline_passes_every_rule():
    assert validate(baseline()) == []


def test_every_rule_of_the_year_is_checked_and_shown_here():
    codes = set(rule_catalogue("cin-2025-26"))
    assert len(codes) == 109
    assert codes == cin_validation.IMPLEMENTED
    assert set(CASES) == codes


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(code):
    census = baseline()
    child = census.children[0]
    closed, current = child.details
    CASES[code](census, child, closed, current)

    failures = validate(census)

    found = [f for f in failures if f.code == code]
    assert found, f"{code} not reported; got {sorted({f.code for f in failures})}"
    rule = rule_catalogue("cin-2025-26")[code]
    assert found[0].message == rule.message
    assert found[0].severity == (Severity.QUERY if code.endswith("Q") else Severity.ERROR)
    if found[0].la_child_id is not None:
        assert found[0].person_id == 1


def test_failures_list_errors_before_queries_and_link_to_the_fix():
    census = baseline()
    census.children[0].upn = ""
    census.children[0].details[1].referral_source = "11"
    failures = cin_census_validate(
        census, collection=YEAR, calendar=CALENDAR, fix_url=lambda pk: f"/people/{pk}/"
    )
    assert [f.code for f in failures] == ["8866", "8770Q"]
    assert failures[0].field == "ReferralSource"
    assert failures[0].record == "CIN episode referred 02/06/2025"
    assert failures[0].fix_url == "/people/1/"
    assert failures[0].message == "Source of Referral is missing or an invalid code"


def test_a_cin_plan_starting_at_the_conference_that_ends_the_cp_plan_is_not_4003():
    """A step down: the review conference ends the CP plan and a CIN plan starts that day."""
    census = baseline()
    current = census.children[0].details[1]
    plan = current.cp_plans[0]
    ended = plan.review_dates[-1]
    plan.end_date = ended
    current.cin_plans.append(CINPlan(ended))

    assert "4003" not in {f.code for f in validate(census)}
