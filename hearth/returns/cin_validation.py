"""The CIN census 2025-26 validation rules, checked over a `CINCensus` before it is sent.

Each check is a small function registered under the DfE rule code(s) it implements; the wording
of each failure is the DfE's own (`dfe_rules/cin-2025-26.tsv`). A check says which child, which
element and which record; `cin_census_validate` adds the wording and the page where it is put
right (the child's record in Hearth).

All 109 rules of the 2025-26 list are checked here. Many cannot be broken by a return Hearth
builds, because the statutory record refuses the data (a database constraint or a service
check) or the builder derives the value; they are still checked, because the return is what the
DfE receives and a file can be checked on its own. docs/subsystems/returns.md lists which is
which, and how Hearth reads the rules the DfE words loosely (4001/4016/4017, 2887Q, 2888Q).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from hearth.casework.codes import (
    AssessmentFactor,
    CategoryOfAbuse,
    PrimaryNeedCode,
    ReasonForClosure,
)
from hearth.frontdoor.codes import ReferralSource
from hearth.people.codes import Disability, Ethnicity
from hearth.returns.cin_census import Child as CensusChild
from hearth.returns.cin_census import CINCensus, CINDetails, CPPlan, Section47
from hearth.returns.rules import Failure, rule_catalogue
from hearth.returns.upn import (
    upn_characters_numeric,
    upn_check_letter_valid,
    upn_la_number_known,
    upn_last_character_valid,
    upn_well_formed,
)
from hearth.returns.years import CollectionYear
from hearth.timescales.calendar import WorkingDayCalendar, current_calendar

CATALOGUE = "cin-2025-26"
SEXES = frozenset({"M", "F", "U"})
UPN_UNKNOWN_CODES = frozenset({f"UN{n}" for n in range(1, 8)})
CLOSED_AFTER_ASSESSMENT = frozenset({ReasonForClosure.RC8, ReasonForClosure.RC9})
SCHOOL_AGE = 5
OLDEST_AGE = 25
WEEKS_BEFORE_BIRTH = 40
ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15
SEX_NOT_RECORDED_LIMIT = 0.02
DISABILITY_CODES_EXPECTED = 8
SATURDAY = 5


@dataclass(frozen=True)
class Problem:
    """What a check found: the rule, the element, the child (None: the whole return), where."""

    code: str
    field: str
    child: CensusChild | None = None
    record: str = ""


@dataclass(frozen=True)
class Context:
    """What checks need besides the return: the collection window and working days."""

    collection: CollectionYear
    calendar: WorkingDayCalendar


ChildCheck = Callable[[CensusChild, Context], Iterator[Problem]]
ReturnCheck = Callable[[CINCensus, Context], Iterator[Problem]]

CHILD_CHECKS: list[ChildCheck] = []
RETURN_CHECKS: list[ReturnCheck] = []
# Every rule code a check implements, for the docs and the tests.
IMPLEMENTED: set[str] = set()


def child_check(*codes: str) -> Callable[[ChildCheck], ChildCheck]:
    """Register a check run once per child, implementing `codes`."""

    def register(check: ChildCheck) -> ChildCheck:
        IMPLEMENTED.update(codes)
        CHILD_CHECKS.append(check)
        return check

    return register


def return_check(*codes: str) -> Callable[[ReturnCheck], ReturnCheck]:
    """Register a check run once over the whole return, implementing `codes`."""

    def register(check: ReturnCheck) -> ReturnCheck:
        IMPLEMENTED.update(codes)
        RETURN_CHECKS.append(check)
        return check

    return register


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "no date"


def _episode(details: CINDetails) -> str:
    return f"CIN episode referred {_d(details.referral_date)}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _overlap(
    a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None
) -> bool:
    """Whether two periods overlap; no end means still open. Meeting on a day is not overlap."""
    if a_start is None or b_start is None:
        return False
    return (b_end is None or a_start < b_end) and (a_end is None or b_start < a_end)


def _icpc_dates(details: CINDetails) -> list[dt.date]:
    dates = [s.date_of_initial_cpc for s in details.section47s if s.date_of_initial_cpc]
    if details.date_of_initial_cpc:
        dates.append(details.date_of_initial_cpc)
    return dates


def _s47_open(enquiry: Section47) -> bool:
    """Open in the census: no conference yet, and not found to need none."""
    return enquiry.date_of_initial_cpc is None and not enquiry.icpc_not_required


# --- The return as a whole ----------------------------------------------------------------------


@return_check("100")
def _reference_date(census: CINCensus, ctx: Context) -> Iterator[Problem]:
    header = census.header
    if header.year is None or header.reference_date != dt.date(header.year, 3, 31):
        yield Problem("100", "ReferenceDate")


@return_check("8510")
def _unique_child_ids(census: CINCensus, ctx: Context) -> Iterator[Problem]:
    counts = Counter(c.la_child_id for c in census.children if c.la_child_id)
    for child in census.children:
        if counts[child.la_child_id] > 1:
            yield Problem("8510", "LAchildID", child)


@return_check("1520")
def _unique_upns(census: CINCensus, ctx: Context) -> Iterator[Problem]:
    counts = Counter(c.upn for c in census.children if c.upn)
    for child in census.children:
        if child.upn and counts[child.upn] > 1:
            yield Problem("1520", "UPN", child)


@return_check("2886Q")
def _sex_recorded(census: CINCensus, ctx: Context) -> Iterator[Problem]:
    born = [c for c in census.children if not c.is_unborn]
    missing = sum(1 for c in born if c.sex not in {"M", "F"})
    if born and missing / len(born) > SEX_NOT_RECORDED_LIMIT:
        yield Problem("2886Q", "Sex", record=f"{missing} of {len(born)} children")


@return_check("2887Q")
def _disability_codes_used(census: CINCensus, ctx: Context) -> Iterator[Problem]:
    used = {code for c in census.children for code in c.disabilities} - {Disability.NONE}
    if census.children and len(used) < DISABILITY_CODES_EXPECTED:
        yield Problem("2887Q", "Disability", record=f"{len(used)} codes used")


@return_check("2888Q")
def _several_disabilities(census: CINCensus, ctx: Context) -> Iterator[Problem]:
    disabled = [c for c in census.children if set(c.disabilities) - {Disability.NONE}]
    if disabled and all(len(set(c.disabilities)) == 1 for c in disabled):
        yield Problem("2888Q", "Disability", record=f"{len(disabled)} disabled children")


# --- Child identifiers and characteristics ----------------------------------------------------


@child_check("8500", "1570", "1580")
def _la_child_id(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    if not child.la_child_id:
        yield Problem("8500", "LAchildID", child)
        return
    if len(child.la_child_id) > 20:
        yield Problem("1570", "LAchildID", child)
    if not (child.la_child_id.isascii() and child.la_child_id.isalnum()):
        yield Problem("1580", "LAchildID", child)


@child_check("1510", "1530", "1540", "1550", "1560Q")
def _upn(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    upn = child.upn
    if upn:
        if not upn_check_letter_valid(upn) or upn[0].isdigit():
            yield Problem("1510", "UPN", child)
        if not upn_la_number_known(upn):
            yield Problem("1530", "UPN", child)
        if not upn_characters_numeric(upn):
            yield Problem("1540", "UPN", child)
        if not upn_last_character_valid(upn):
            yield Problem("1550", "UPN", child)
    if child.former_upn and not upn_well_formed(child.former_upn):
        yield Problem("1560Q", "FormerUPN", child)


@child_check("8770Q", "8772")
def _upn_unknown(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    if not child.upn:
        reason = child.upn_unknown if child.upn_unknown in UPN_UNKNOWN_CODES else ""
        school_age = (
            child.birth_date is not None
            and _age_on(child.birth_date, ctx.collection.reference_date) >= SCHOOL_AGE
        )
        if not reason or (reason == "UN1" and school_age):
            yield Problem("8770Q", "UPNunknown", child)
    if child.upn_unknown == "UN7" and any(d.referral_nfa is False for d in child.details):
        yield Problem("8772", "UPNunknown", child)


@child_check("8520", "8525Q", "8530Q", "8775Q")
def _birth(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    reference = ctx.collection.reference_date
    born, expected = child.birth_date, child.expected_birth_date
    if born and born > reference:
        yield Problem("8520", "PersonBirthDate", child)
    if (born is None) == (expected is None):
        yield Problem("8525Q", "PersonBirthDate", child)
    year = ctx.collection.end_year
    if expected and not dt.date(year, 3, 1) <= expected <= dt.date(year, 12, 31):
        yield Problem("8530Q", "ExpectedPersonBirthDate", child)
    if born and _add_years(born, OLDEST_AGE) < reference:
        yield Problem("8775Q", "PersonBirthDate", child)


@child_check("8535Q", "8545Q", "8555Q")
def _death(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    died = child.death_date
    if died is None:
        return
    if child.birth_date and died < child.birth_date:
        yield Problem("8535Q", "PersonDeathDate", child)
    if not ctx.collection.contains(died):
        yield Problem("8545Q", "PersonDeathDate", child)
    for details in child.details:
        if details.referral_date and details.referral_date > died:
            yield Problem("8555Q", "CINreferralDate", child, _episode(details))


@child_check("8606")
def _referral_before_birth(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    birth = child.birth_date or child.expected_birth_date
    if birth is None:
        return
    earliest = birth - dt.timedelta(weeks=WEEKS_BEFORE_BIRTH)
    for details in child.details:
        if details.referral_date and details.referral_date < earliest:
            yield Problem("8606", "CINreferralDate", child, _episode(details))


@child_check("4180", "8750")
def _sex(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    if child.sex not in SEXES:
        yield Problem("4180", "Sex", child)
    elif child.is_unborn and child.sex != "U":
        yield Problem("8750", "Sex", child)


@child_check("4220")
def _ethnicity(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    if child.ethnicity not in Ethnicity.values:
        yield Problem("4220", "Ethnicity", child)


@child_check("8540", "8790", "8794")
def _disabilities(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    codes = child.disabilities
    if child.is_unborn and not codes:
        return
    if not codes or any(code not in Disability.values for code in codes):
        yield Problem("8540", "Disability", child)
    if Disability.NONE in codes and len(set(codes)) > 1:
        yield Problem("8790", "Disability", child)
    if len(set(codes)) < len(codes):
        yield Problem("8794", "Disability", child)


# --- CIN details ------------------------------------------------------------------------------


@child_check("8590")
def _has_episode(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    if not child.details:
        yield Problem("8590", "CINdetails", child)


@child_check("8600", "8866", "8650", "8610", "8568", "8569Q")
def _referral(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    collection = ctx.collection
    day_before_start = ctx.calendar.add_working_days(collection.start, -1)
    for details in child.details:
        where = _episode(details)
        if details.referral_date is None or details.referral_date > collection.reference_date:
            yield Problem("8600", "CINreferralDate", child, where)
        if details.referral_source not in ReferralSource.values:
            yield Problem("8866", "ReferralSource", child, where)
        if details.primary_need_code and details.primary_need_code not in PrimaryNeedCode.values:
            yield Problem("8650", "PrimaryNeedCode", child, where)
        if not details.primary_need_code and details.referral_nfa is False:
            yield Problem("8610", "PrimaryNeedCode", child, where)
        if details.referral_nfa is None:
            yield Problem("8568", "ReferralNFA", child, where)
        if (
            details.referral_nfa
            and details.referral_date
            and details.referral_date < day_before_start
        ):
            yield Problem("8569Q", "ReferralNFA", child, where)


@child_check("8620", "8630", "8640", "8805", "8810", "8585Q")
def _closure(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    for details in child.details:
        where = _episode(details)
        closed = details.closure_date
        if closed and not ctx.collection.contains(closed):
            yield Problem("8620", "CINclosureDate", child, where)
        if closed and details.referral_date and closed < details.referral_date:
            yield Problem("8630", "CINclosureDate", child, where)
        reason = details.reason_for_closure
        if reason and reason not in ReasonForClosure.values:
            yield Problem("8640", "ReasonForClosure", child, where)
        if closed and not reason:
            yield Problem("8805", "ReasonForClosure", child, where)
        if reason and not closed:
            yield Problem("8810", "CINclosureDate", child, where)
        if reason == ReasonForClosure.RC2 and child.death_date is None:
            yield Problem("8585Q", "PersonDeathDate", child, where)


@child_check("8815", "8816", "8820")
def _episodes_together(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    further_action = [d for d in child.details if not d.referral_nfa]
    open_ones = [d for d in further_action if d.is_open]
    if len(open_ones) > 1:
        yield Problem("8815", "CINclosureDate", child, _episode(open_ones[-1]))
    latest = max((d.referral_date for d in child.details if d.referral_date), default=None)
    for details in open_ones:
        if latest and details.referral_date and details.referral_date < latest:
            yield Problem("8816", "CINclosureDate", child, _episode(details))
    for first, second in combinations(further_action, 2):
        if _overlap(
            first.referral_date, first.closure_date, second.referral_date, second.closure_date
        ):
            yield Problem("8820", "CINreferralDate", child, _episode(second))


def _activity_dates(details: CINDetails) -> Iterable[dt.date | None]:
    for assessment in details.assessments:
        yield assessment.actual_start_date
        yield assessment.authorisation_date
    for plan in details.cin_plans:
        yield plan.start_date
        yield plan.end_date
    for enquiry in details.section47s:
        yield enquiry.actual_start_date
        yield enquiry.date_of_initial_cpc
    for cp_plan in details.cp_plans:
        yield cp_plan.start_date
        yield cp_plan.end_date
        yield from cp_plan.review_dates
    yield details.date_of_initial_cpc


@child_check("8565", "2990", "8825Q", "8873Q", "8867", "8868")
def _closed_episode(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    for details in child.details:
        closed = details.closure_date
        if closed is None:
            continue
        where = _episode(details)
        if any(day and day > closed for day in _activity_dates(details)):
            yield Problem("8565", "CINclosureDate", child, where)
        if details.reason_for_closure in CLOSED_AFTER_ASSESSMENT:
            if (
                details.cin_plans
                or details.section47s
                or details.cp_plans
                or details.date_of_initial_cpc
            ):
                yield Problem("2990", "ReasonForClosure", child, where)
            if not details.assessments:
                yield Problem("8825Q", "ReasonForClosure", child, where)
        elif (
            len(details.assessments) == 1
            and details.assessments[0].authorisation_date
            and details.assessments[0].factors == [AssessmentFactor.F21]
        ):
            yield Problem("8873Q", "ReasonForClosure", child, where)
        if any(a.authorisation_date is None for a in details.assessments):
            yield Problem("8867", "AssessmentAuthorisationDate", child, where)
        if any(_s47_open(s) for s in details.section47s):
            yield Problem("8868", "DateOfInitialCPC", child, where)


@child_check("8831", "8832", "4000")
def _no_further_action(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    for details in child.details:
        if not details.referral_nfa:
            continue
        where = _episode(details)
        if details.assessments or details.section47s or details.date_of_initial_cpc:
            yield Problem("8831", "ReferralNFA", child, where)
        if details.cp_plans:
            yield Problem("8832", "ReferralNFA", child, where)
        if details.cin_plans:
            yield Problem("4000", "ReferralNFA", child, where)


# --- Assessments ------------------------------------------------------------------------------


@child_check("1103", "8608", "8696", "8736", "8670Q", "8863Q", "8896")
def _assessment_dates(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    collection = ctx.collection
    for details in child.details:
        for assessment in details.assessments:
            start, end = assessment.actual_start_date, assessment.authorisation_date
            where = f"Assessment started {_d(start)}"
            if start and details.referral_date and start < details.referral_date:
                yield Problem("1103", "AssessmentActualStartDate", child, where)
            if start and end and start > end:
                yield Problem("8608", "AssessmentActualStartDate", child, where)
            if end and not collection.contains(end):
                yield Problem("8696", "AssessmentAuthorisationDate", child, where)
            if end is None and (start is None or not collection.contains(start)):
                yield Problem("8736", "AssessmentActualStartDate", child, where)
            if (
                end is None
                and start
                and start <= collection.reference_date
                and ctx.calendar.working_days_between(start, collection.reference_date)
                > ASSESSMENT_WORKING_DAYS
            ):
                yield Problem("8670Q", "AssessmentAuthorisationDate", child, where)
        ongoing = [a for a in details.assessments if a.authorisation_date is None]
        if len(ongoing) > 1:
            yield Problem("8896", "AssessmentAuthorisationDate", child, _episode(details))
        for first, second in combinations(details.assessments, 2):
            earlier, later = sorted(
                (first, second), key=lambda a: a.actual_start_date or dt.date.min
            )
            if (
                earlier.actual_start_date
                and later.actual_start_date
                and earlier.actual_start_date <= later.actual_start_date
                and (
                    earlier.authorisation_date is None
                    or later.actual_start_date < earlier.authorisation_date
                )
            ):
                yield Problem(
                    "8863Q",
                    "AssessmentActualStartDate",
                    child,
                    f"Assessment started {_d(later.actual_start_date)}",
                )


@child_check("8614", "8897Q", "8869", "8898", "8945Q", "8950Q")
def _assessment_factors(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    for details in child.details:
        for assessment in details.assessments:
            factors = assessment.factors
            where = f"Assessment started {_d(assessment.actual_start_date)}"
            if factors and assessment.authorisation_date is None:
                yield Problem("8614", "AssessmentFactors", child, where)
            if not factors and assessment.authorisation_date:
                yield Problem("8897Q", "AssessmentFactors", child, where)
            if AssessmentFactor.F21 in factors and len(factors) > 1:
                yield Problem("8869", "AssessmentFactors", child, where)
            if len(set(factors)) < len(factors):
                yield Problem("8898", "AssessmentFactors", child, where)
            if "18A" in factors:
                yield Problem("8945Q", "AssessmentFactors", child, where)
            if "19A" in factors:
                yield Problem("8950Q", "AssessmentFactors", child, where)


# --- CIN plans --------------------------------------------------------------------------------


@child_check("4010", "4011", "4012Q", "4013", "4015", "4008", "4009Q")
def _cin_plan_dates(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    collection = ctx.collection
    for details in child.details:
        for plan in details.cin_plans:
            start, end = plan.start_date, plan.end_date
            where = f"CIN plan started {_d(start)}"
            if start is None or start > collection.reference_date:
                yield Problem("4010", "CINPlanStartDate", child, where)
            if start and end and end < start:
                yield Problem("4011", "CINPlanEndDate", child, where)
            if start and end and end == start:
                yield Problem("4012Q", "CINPlanEndDate", child, where)
            if end and not collection.contains(end):
                yield Problem("4013", "CINPlanEndDate", child, where)
            if start and details.referral_date and start < details.referral_date:
                yield Problem("4015", "CINPlanStartDate", child, where)
            died = child.death_date
            if died and start and start > died:
                yield Problem("4008", "CINPlanStartDate", child, where)
            if died and end and end > died:
                yield Problem("4009Q", "CINPlanEndDate", child, where)


@child_check("4004", "4014", "4001", "4016", "4017", "4003")
def _cin_plans_together(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    plans = [p for d in child.details for p in d.cin_plans]
    cp_plans = [p for d in child.details for p in d.cp_plans]
    if sum(1 for p in plans if p.end_date is None) > 1:
        yield Problem("4004", "CINPlanEndDate", child)
    for first, second in combinations(plans, 2):
        if _overlap(first.start_date, first.end_date, second.start_date, second.end_date):
            yield Problem("4014", "CINPlanStartDate", child, f"CIN plan {_d(second.start_date)}")
    for plan in plans:
        where = f"CIN plan started {_d(plan.start_date)}"
        for cp_plan in cp_plans:
            if not _overlap(plan.start_date, plan.end_date, cp_plan.start_date, cp_plan.end_date):
                continue
            # Which rule depends on which of the two plans the return shows open.
            if plan.end_date is None:
                yield Problem("4016", "CINPlanEndDate", child, where)
            elif cp_plan.end_date is None:
                yield Problem("4017", "CINPlanEndDate", child, where)
            else:
                yield Problem("4001", "CINPlanStartDate", child, where)
        # The conference that ends a CP plan is its last review, and a CIN plan may start that
        # day (a step down): a review on the CP plan's end date is not "during" the CIN plan.
        reviews = [
            r for cp_plan in cp_plans for r in cp_plan.review_dates if r and r != cp_plan.end_date
        ]
        for review in reviews:
            if (
                plan.start_date
                and plan.start_date <= review
                and (plan.end_date is None or review < plan.end_date)
            ):
                yield Problem("4003", "CPPreviewDate", child, f"Review {_d(review)}")


# --- Section 47 enquiries and initial conferences -----------------------------------------------


@child_check("2889", "1104", "8615", "8870Q", "8875", "8715", "8740", "8675Q")
def _section47(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    collection = ctx.collection
    for details in child.details:
        referred = details.referral_date
        for enquiry in details.section47s:
            start, icpc = enquiry.actual_start_date, enquiry.date_of_initial_cpc
            where = f"Section 47 enquiry started {_d(start)}"
            if start and referred and start < referred:
                yield Problem("2889", "S47ActualStartDate", child, where)
            if start is None or (icpc and start > icpc):
                yield Problem("8615", "S47ActualStartDate", child, where)
            target = enquiry.initial_cpc_target
            if target and target.weekday() >= SATURDAY:
                yield Problem("8870Q", "InitialCPCtarget", child, where)
            if _s47_open(enquiry) and start:
                if not collection.contains(start):
                    yield Problem("8740", "S47ActualStartDate", child, where)
                if (
                    start <= collection.reference_date
                    and ctx.calendar.working_days_between(start, collection.reference_date)
                    > ICPC_WORKING_DAYS
                ):
                    yield Problem("8675Q", "DateOfInitialCPC", child, where)
        for icpc in _icpc_dates(details):
            where = f"Initial conference {_d(icpc)}"
            if referred and icpc < referred:
                yield Problem("1104", "DateOfInitialCPC", child, where)
            if icpc.weekday() >= SATURDAY:
                yield Problem("8875", "DateOfInitialCPC", child, where)
            if not collection.contains(icpc):
                yield Problem("8715", "DateOfInitialCPC", child, where)


@child_check("8839", "8890", "2884", "2991Q", "2883", "2885")
def _section47_in_episode(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    collection = ctx.collection
    for details in child.details:
        where = _episode(details)
        if sum(1 for s in details.section47s if _s47_open(s)) > 1:
            yield Problem("8839", "S47ActualStartDate", child, where)
        for first, second in combinations(details.section47s, 2):
            earlier, later = _by_start(first, second)
            if (
                earlier.actual_start_date
                and later.actual_start_date
                and not earlier.icpc_not_required
                and (
                    earlier.date_of_initial_cpc is None
                    or later.actual_start_date < earlier.date_of_initial_cpc
                )
            ):
                yield Problem(
                    "8890",
                    "S47ActualStartDate",
                    child,
                    f"Section 47 enquiry started {_d(later.actual_start_date)}",
                )
        if details.date_of_initial_cpc and any(s.date_of_initial_cpc for s in details.section47s):
            yield Problem("2884", "DateOfInitialCPC", child, where)
        if details.section47s and not details.assessments:
            yield Problem("2991Q", "S47ActualStartDate", child, where)
        icpcs = _icpc_dates(details)
        starting = [
            p for p in details.cp_plans if p.start_date and collection.contains(p.start_date)
        ]
        if len(starting) > len(icpcs):
            yield Problem("2883", "CPPstartDate", child, where)
        for cp_plan in starting:
            if cp_plan.start_date not in icpcs:
                yield Problem(
                    "2885", "CPPstartDate", child, f"Child protection plan {_d(cp_plan.start_date)}"
                )


def _by_start(first: Section47, second: Section47) -> tuple[Section47, Section47]:
    if (second.actual_start_date or dt.date.min) < (first.actual_start_date or dt.date.min):
        return second, first
    return first, second


# --- Child protection plans -------------------------------------------------------------------


def _cp_where(plan: CPPlan) -> str:
    return f"Child protection plan started {_d(plan.start_date)}"


@child_check("1105", "8720", "8930", "8840", "8925", "8905", "8910", "8730", "8915", "8920")
def _cp_plan(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    collection = ctx.collection
    died = child.death_date
    for details in child.details:
        for plan in details.cp_plans:
            start, end = plan.start_date, plan.end_date
            where = _cp_where(plan)
            if start and details.referral_date and start < details.referral_date:
                yield Problem("1105", "CPPstartDate", child, where)
            if start is None or start > collection.reference_date:
                yield Problem("8720", "CPPstartDate", child, where)
            if end and not collection.contains(end):
                yield Problem("8930", "CPPendDate", child, where)
            if start and end and end == start:
                yield Problem("8840", "CPPendDate", child, where)
            if start and end and end < start:
                yield Problem("8925", "CPPendDate", child, where)
            if plan.initial_category not in CategoryOfAbuse.values:
                yield Problem("8905", "InitialCategoryOfAbuse", child, where)
            if plan.latest_category not in CategoryOfAbuse.values:
                yield Problem("8910", "LatestCategoryOfAbuse", child, where)
            if plan.number_of_previous_cpp is None:
                yield Problem("8730", "NumberOfPreviousCPP", child, where)
            if died and start and start > died:
                yield Problem("8915", "CPPstartDate", child, where)
            if died and end and end > died:
                yield Problem("8920", "CPPendDate", child, where)


@child_check("8841", "8842Q")
def _cp_reviews(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    for details in child.details:
        for plan in details.cp_plans:
            for review in plan.review_dates:
                if review is None:
                    yield Problem("8842Q", "CPPreviewDate", child, _cp_where(plan))
                elif plan.start_date and review <= plan.start_date:
                    yield Problem("8841", "CPPreviewDate", child, f"Review {_d(review)}")


@child_check("8935", "8940")
def _cp_plans_together(child: CensusChild, ctx: Context) -> Iterator[Problem]:
    plans = [p for d in child.details for p in d.cp_plans]
    if sum(1 for p in plans if p.end_date is None) > 1:
        yield Problem("8935", "CPPendDate", child)
    for first, second in combinations(plans, 2):
        if _overlap(first.start_date, first.end_date, second.start_date, second.end_date):
            yield Problem("8940", "CPPstartDate", child, _cp_where(second))


# --- Running the checks -----------------------------------------------------------------------


def cin_census_validate(
    census: CINCensus,
    *,
    collection: CollectionYear,
    fix_url: Callable[[int], str] | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> list[Failure]:
    """Every failure of the CIN census rules in `census`, errors first, then by child.

    `fix_url(person_id)` gives the page where a child's failure is put right; `calendar` is the
    working-day calendar (the council's, from the database, when not given).
    """
    rules = rule_catalogue(CATALOGUE)
    ctx = Context(collection=collection, calendar=calendar or current_calendar())
    problems: list[Problem] = []
    for return_rule in RETURN_CHECKS:
        problems.extend(return_rule(census, ctx))
    for child in census.children:
        for child_rule in CHILD_CHECKS:
            problems.extend(child_rule(child, ctx))
    failures = [
        Failure(
            rule=rules[problem.code],
            field=problem.field,
            la_child_id=problem.child.la_child_id if problem.child else None,
            person_id=problem.child.person_id if problem.child else None,
            record=problem.record,
            fix_url=(
                fix_url(problem.child.person_id)
                if fix_url and problem.child and problem.child.person_id is not None
                else None
            ),
        )
        for problem in problems
    ]
    failures.sort(key=lambda f: (not f.is_error, f.la_child_id or "", f.code))
    return failures
