"""A small known history, written through the real statutory-record services.

Every figure's expected value for `PERIOD` (1 April to 31 October 2026) is worked out by hand in
`EXPECTED`, with the reasoning beside it. 31 October 2026 is a Saturday; counting back from it,
the 10th working day is Monday 19 October and the 20th is Monday 5 October. Bank holidays that
matter: 4 and 25 May, 31 August 2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from hearth.casework import services as casework
from hearth.casework.codes import (
    AssessmentOutcome,
    CategoryOfAbuse,
    ConferenceOutcome,
    PlanEndReason,
    VisitKind,
)
from hearth.casework.models import ChildProtectionPlan, CINEpisode, Section47Enquiry
from hearth.casework.services import VisitedChild
from hearth.casework.tests.factories import (
    PersonFactory,
    TeamFactory,
    WorkerFactory,
    front_door_worker,
    team_worker,
)
from hearth.frontdoor.codes import Agency, ContactOutcome
from hearth.frontdoor.services import contact_decision_record, contact_record
from hearth.lookedafter import services as lookedafter
from hearth.lookedafter.models import PeriodOfCare
from hearth.organisation.models import EmploymentType, Role, Worker
from hearth.people.models import Person
from hearth.performance.figures import Period
from hearth.performance.models import ChildPopulation
from hearth.workforce import services as workforce
from hearth.workforce.models import AbsenceKind

LONDON = ZoneInfo("Europe/London")
D = dt.date
PERIOD = Period(start=D(2026, 4, 1), end=D(2026, 10, 31))


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def placement(postcode: str = "HD8 9LS", **kwargs: object) -> lookedafter.PlacementDetails:
    values: dict[str, object] = {
        "placement_type": "U6",
        "provider": "PR1",
        "carer_name": "Mr and Mrs Hussain",
        "ofsted_urn": "SC123456",
        "postcode": postcode,
    }
    values.update(kwargs)
    return lookedafter.PlacementDetails(**values)  # type: ignore[arg-type]


@dataclass
class History:
    actor: Worker
    children: dict[str, Person]


def _referral(actor: Worker, child: Person, day: dt.date, *, nfa: bool = False) -> CINEpisode:
    return casework.cin_episode_open(
        actor=actor,
        child=child,
        referral_date=day,
        referral_source="6",
        primary_need_code="N1",
        referral_nfa=nfa,
        reason="Referral",
    )


def _assess(actor: Worker, episode: CINEpisode, start: dt.date, end: dt.date, outcome: str) -> None:
    done = casework.assessment_start(
        actor=actor, episode=episode, actual_start_date=start, reason="Assessment"
    )
    casework.assessment_complete(
        actor=actor,
        assessment=done,
        authorisation_date=end,
        factors=["3B"],
        outcome=outcome,
        reason="Authorised",
    )


def _s47(actor: Worker, episode: CINEpisode, start: dt.date, done: dt.date) -> Section47Enquiry:
    discussion = casework.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=start,
        agencies=[Agency.POLICE, Agency.CHILDRENS_SOCIAL_CARE],
        s47_required=True,
        reason="Strategy discussion",
    )
    enquiry = casework.section47_start(
        actor=actor, strategy_discussion=discussion, actual_start_date=start, reason="s47"
    )
    return casework.section47_complete(
        actor=actor, enquiry=enquiry, completed_on=done, icpc_required=True, reason="Outcome"
    )


def _plan(
    actor: Worker, episode: CINEpisode, enquiry: Section47Enquiry, held: dt.date, category: str
) -> ChildProtectionPlan:
    icpc = casework.icpc_record(
        actor=actor,
        episode=episode,
        held_on=held,
        outcome=ConferenceOutcome.PLAN,
        section47=enquiry,
        reason="ICPC",
    )
    return casework.cp_plan_start(
        actor=actor, conference=icpc, initial_category=category, reason="Plan"
    )


def _seen(actor: Worker, child: Person, when: dt.datetime) -> None:
    casework.visit_record(
        actor=actor,
        kind=VisitKind.CHILD_PROTECTION,
        occurred_at=when,
        children=[VisitedChild(child=child, child_seen=True, seen_alone=True)],
        reason="Visit",
    )


def _front_door(actor: Worker, c: dict[str, Person]) -> None:
    # Contact about A and B (siblings) on Tue 5 May, due Wed 6 May: A decided that day (in
    # time), B on Thu 7 May (late). C's contact on 20 March is before the period.
    contact = contact_record(
        actor=actor,
        reason="Police notification",
        received_at=at(D(2026, 5, 5), 9),
        source="6",
        children=[c["A"], c["B"]],
        contact_reason="Domestic abuse incident",
    )
    decision = contact_decision_record(
        actor=actor,
        contact=contact,
        child=c["A"],
        outcome=ContactOutcome.REFERRAL,
        decided_at=at(D(2026, 5, 5), 15),
        reason="Decision",
    )
    contact_decision_record(
        actor=actor,
        contact=contact,
        child=c["B"],
        outcome=ContactOutcome.NO_FURTHER_ACTION,
        decided_at=at(D(2026, 5, 7), 11),
        reason="Decision",
    )
    contact_record(
        actor=actor,
        reason="School",
        received_at=at(D(2026, 3, 20), 9),
        source="3A",
        children=[c["C"]],
        contact_reason="Concerns from school",
    )
    # A: referral 5 May; assessment due 8 July (45 WD), authorised 10 June: in time.
    episode_a = casework.cin_episode_open(
        actor=actor,
        child=c["A"],
        referral_date=D(2026, 5, 5),
        referral_source="6",
        primary_need_code="N1",
        contact_decision=decision,
        reason="Referral",
    )
    _assess(actor, episode_a, D(2026, 5, 6), D(2026, 6, 10), AssessmentOutcome.STRATEGY_DISCUSSION)
    # A: strategy discussion Fri 12 June, ICPC due Fri 3 July, held Wed 1 July (in time); first
    # core group due Wed 15 July, held 14 July (in time); seen 20 October (within 10 WD).
    enquiry = _s47(actor, episode_a, D(2026, 6, 12), D(2026, 6, 26))
    plan_a = _plan(actor, episode_a, enquiry, D(2026, 7, 1), CategoryOfAbuse.NEG)
    casework.core_group_record(actor=actor, cp_plan=plan_a, held_on=D(2026, 7, 14), reason="CG")
    _seen(actor, c["A"], at(D(2026, 10, 20)))

    # C: NFA referral 20 March (before the period), then a re-referral on 1 June; assessment due
    # 3 August, authorised 1 September (late) with no further action.
    _referral(actor, c["C"], D(2026, 3, 20), nfa=True)
    episode_c = _referral(actor, c["C"], D(2026, 6, 1))
    _assess(actor, episode_c, D(2026, 6, 1), D(2026, 9, 1), AssessmentOutcome.NO_FURTHER_ACTION)
    # D: a referral with no further action on 1 July.
    _referral(actor, c["D"], D(2026, 7, 1), nfa=True)


def _child_in_need(actor: Worker, c: dict[str, Person]) -> None:
    # F: referral 10 April, assessed by 1 May (in time), CIN plan from 5 May, reviewed 20 August
    # (within 3 months of 31 October: on or after 31 July).
    episode_f = _referral(actor, c["F"], D(2026, 4, 10))
    _assess(actor, episode_f, D(2026, 4, 10), D(2026, 5, 1), AssessmentOutcome.CHILD_IN_NEED)
    plan_f = casework.cin_plan_start(
        actor=actor, episode=episode_f, start_date=D(2026, 5, 5), reason="CIN plan"
    )
    casework.cin_plan_review_record(
        actor=actor, cin_plan=plan_f, held_on=D(2026, 8, 20), reason="Review"
    )
    # G: referral and assessment before the period; CIN plan from 15 February, last reviewed 10
    # May: overdue at 31 October.
    episode_g = _referral(actor, c["G"], D(2026, 1, 5))
    _assess(actor, episode_g, D(2026, 1, 5), D(2026, 2, 10), AssessmentOutcome.CHILD_IN_NEED)
    plan_g = casework.cin_plan_start(
        actor=actor, episode=episode_g, start_date=D(2026, 2, 15), reason="CIN plan"
    )
    casework.cin_plan_review_record(
        actor=actor, cin_plan=plan_g, held_on=D(2026, 5, 10), reason="Review"
    )


def _repeat_plan(actor: Worker, c: dict[str, Person]) -> None:
    # E: a first plan from 15 September 2025 to 1 March 2026; a second from an ICPC on Fri 28
    # August 2026 after a strategy discussion on Mon 3 August (due Mon 24 August: late). Its first
    # core group was due Mon 14 September (31 August is a bank holiday) and never met. Seen on
    # 5 October: within 4 weeks of 31 October but not within 10 working days.
    episode_e = _referral(actor, c["E"], D(2025, 9, 1))
    first = _s47(actor, episode_e, D(2025, 9, 2), D(2025, 9, 10))
    plan_1 = _plan(actor, episode_e, first, D(2025, 9, 15), CategoryOfAbuse.PHY)
    casework.core_group_record(actor=actor, cp_plan=plan_1, held_on=D(2025, 10, 1), reason="CG")
    casework.cp_plan_end(
        actor=actor,
        cp_plan=plan_1,
        end_date=D(2026, 3, 1),
        end_reason=PlanEndReason.NO_LONGER_AT_RISK,
        reason="Ended",
    )
    second = _s47(actor, episode_e, D(2026, 8, 3), D(2026, 8, 14))
    _plan(actor, episode_e, second, D(2026, 8, 28), CategoryOfAbuse.EMO)
    _seen(actor, c["E"], at(D(2026, 10, 5)))


def _looked_after(actor: Worker, c: dict[str, Person]) -> None:
    # L1: in care from 2 February; moves to Leeds (out of area, 14 miles) on 1 May and to
    # Edinburgh (out of area, far) on 1 September: 3 placements in the year. Visited 5 September
    # (more than 6 weeks before 31 October: late). Reviews 25 February and 20 May: the second
    # is within 6 months of 31 October (on or after 30 April), so in time.
    l1 = lookedafter.care_start(
        actor=actor,
        child=c["L1"],
        started_on=D(2026, 2, 2),
        category_of_need="N1",
        legal_status="V2",
        placement=placement(),
        home_postcode="HD1 2TA",
        reason="Into care",
    )
    lookedafter.placement_change(
        actor=actor,
        period=l1,
        started_on=D(2026, 5, 1),
        placement=placement("LS1 4AP", carer_name="Ms Addo"),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="Move",
    )
    lookedafter.legal_status_change(
        actor=actor, period=l1, started_on=D(2026, 6, 1), code="C2", reason="Care order"
    )
    lookedafter.placement_change(
        actor=actor,
        period=l1,
        started_on=D(2026, 9, 1),
        placement=placement("EH1 1YZ", carer_name="Mr Reid"),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="Move",
    )
    for day in (D(2026, 2, 25), D(2026, 5, 20)):
        lookedafter.review_record(
            actor=actor, period=l1, held_on=day, participation="PN1", reason="Review"
        )
    lookedafter.visit_record(
        actor=actor, period=l1, visited_on=D(2026, 9, 5), seen=True, seen_alone=True, reason="V"
    )
    # L2: in care from 1 July on an interim care order, placed with parents (P1). Visited 25
    # October (in time). One review, 20 July: the second was due 20 October (late).
    l2 = lookedafter.care_start(
        actor=actor,
        child=c["L2"],
        started_on=D(2026, 7, 1),
        category_of_need="N1",
        legal_status="C1",
        placement=placement(
            "HD1 2TA", placement_type="P1", provider="PR0", ofsted_urn="", carer_name="Mother"
        ),
        home_postcode="HD1 2TA",
        reason="Into care",
    )
    lookedafter.review_record(
        actor=actor, period=l2, held_on=D(2026, 7, 20), participation="PN1", reason="Review"
    )
    lookedafter.visit_record(
        actor=actor, period=l2, visited_on=D(2026, 10, 25), seen=True, seen_alone=True, reason="V"
    )
    # L3: an agreed series of short breaks (V3): never counted as looked after.
    lookedafter.care_start(
        actor=actor,
        child=c["L3"],
        started_on=D(2026, 10, 1),
        category_of_need="N2",
        legal_status="V3",
        placement=placement(),
        home_postcode="HD1 2TA",
        reason="Short breaks",
    )
    # L4: in care from Wed 28 October: a new entry, neither a visit nor a review due yet.
    lookedafter.care_start(
        actor=actor,
        child=c["L4"],
        started_on=D(2026, 10, 28),
        category_of_need="N1",
        legal_status="V2",
        placement=placement(),
        home_postcode="HD1 2TA",
        reason="Into care",
    )
    # L5: in care from June 2025 to 1 May 2026: neither a new entry nor looked after at the end.
    l5 = lookedafter.care_start(
        actor=actor,
        child=c["L5"],
        started_on=D(2025, 6, 2),
        category_of_need="N1",
        legal_status="V2",
        placement=placement(),
        home_postcode="HD1 2TA",
        reason="Into care",
    )
    lookedafter.care_cease(
        actor=actor, period=l5, ended_on=D(2026, 5, 1), reason_ceased="E4A", reason="Home"
    )
    _missing(actor, c, l1, l2)


def _missing(actor: Worker, c: dict[str, Person], l1: PeriodOfCare, l2: PeriodOfCare) -> None:
    # L2 returned 11 August 09:00, offered an interview 13 August 08:00 (47 hours: in time).
    # L1 returned 11 September 10:00, offered 15 September 10:00 (96 hours: late). L1's episode
    # in March ended before the period.
    cases = [
        (l2, at(D(2026, 8, 10)), at(D(2026, 8, 11), 9), at(D(2026, 8, 13), 8)),
        (l1, at(D(2026, 9, 10), 20), at(D(2026, 9, 11), 10), at(D(2026, 9, 15), 10)),
        (l1, at(D(2026, 3, 1), 20), at(D(2026, 3, 2), 10), at(D(2026, 3, 2), 12)),
    ]
    for period, went, returned, offered in cases:
        episode = lookedafter.missing_episode_record(
            actor=actor,
            child=period.child,
            kind="M",
            started_at=went,
            ended_at=returned,
            reason="Missing",
        )
        lookedafter.return_interview_record(
            actor=actor, episode=episode, offered_at=offered, accepted=False, reason="Offered"
        )


def _care_leavers(actor: Worker, c: dict[str, Person], adviser: Worker) -> None:
    # CL1 (19 at the end): pathway plan reviewed 1 June (within 6 months), at college (F2).
    # CL2 (18 at the end): last plan 20 January (overdue), not in work or training (G5).
    for key, care_from, care_to, plan_on, birthday, activity in (
        ("CL1", D(2022, 3, 1), D(2024, 12, 2), D(2026, 6, 1), 19, "F2"),
        ("CL2", D(2023, 1, 16), D(2025, 11, 3), D(2026, 1, 20), 18, "G5"),
    ):
        period = lookedafter.care_start(
            actor=actor,
            child=c[key],
            started_on=care_from,
            category_of_need="N1",
            legal_status="C2",
            placement=placement(),
            home_postcode="HD1 2TA",
            reason="Into care",
        )
        lookedafter.care_cease(
            actor=actor, period=period, ended_on=care_to, reason_ceased="E5", reason="Left"
        )
        lookedafter.leaving_care_start(
            actor=actor,
            child=c[key],
            personal_adviser=adviser,
            started_on=care_to,
            support_to_25=False,
            reason="Leaving care",
        )
        lookedafter.pathway_plan_record(
            actor=actor, child=c[key], completed_on=plan_on, reason="Plan"
        )
        lookedafter.care_leaver_contact_record(
            actor=actor,
            child=c[key],
            contacted_on=D(2026, 3, 5) if birthday == 19 else D(2026, 1, 20),
            birthday_age=birthday,
            in_touch="YES",
            activity=activity,
            accommodation="B1",
            reason="Birthday contact",
        )


def _workforce(actor: Worker, c: dict[str, Person]) -> None:
    # At 31 October: SW1 (permanent) holds A, E and F; SW2 (agency) holds L1; G's allocation to
    # SW1 ended 1 September; D is allocated to the team only. SW3 (agency) left in June.
    team = TeamFactory.create(name="Safeguarding team")
    sw1 = team_worker(team, username="sw1", employment_type=EmploymentType.PERMANENT)
    sw2 = team_worker(team, username="sw2", employment_type=EmploymentType.AGENCY)
    sw3 = WorkerFactory.create(
        username="sw3", employment_type=EmploymentType.AGENCY, ended_on=D(2026, 6, 30)
    )
    # SW4 left on 30 September but B's allocation to them was never ended: not a caseload.
    sw4 = team_worker(team, username="sw4", ended_on=D(2026, 9, 30))
    pairs = (("A", sw1), ("E", sw1), ("F", sw1), ("L1", sw2), ("G", sw1), ("D", None), ("B", sw4))
    for key, worker in pairs:
        casework.allocation_start(
            actor=actor,
            child=c[key],
            team=team,
            worker=worker,
            started_on=D(2026, 4, 1),
            reason="Allocated",
        )
    casework.allocation_end(
        actor=actor, allocation=c["G"].allocations.get(), ended_on=D(2026, 9, 1), reason="Closed"
    )
    _absence_and_training(actor, sw1, sw2, sw3)


def _absence_and_training(actor: Worker, sw1: Worker, sw2: Worker, sw3: Worker) -> None:
    # Sickness in the period, in working days: SW1 5 (Mon 5 to Fri 9 October) and 2 (30 March to
    # Thu 2 April, cut at 1 April); SW2 2 (Fri 22 to Tue 26 May: a weekend and the 25 May bank
    # holiday between). SW2's parental leave is not sickness; SW3 left in June, so is not counted.
    for worker, kind, first, last in (
        (sw1, AbsenceKind.SICKNESS, D(2026, 10, 5), D(2026, 10, 9)),
        (sw1, AbsenceKind.SICKNESS, D(2026, 3, 30), D(2026, 4, 2)),
        (sw2, AbsenceKind.SICKNESS, D(2026, 5, 22), D(2026, 5, 26)),
        (sw2, AbsenceKind.PARENTAL, D(2026, 6, 1), D(2026, 6, 5)),
        (sw3, AbsenceKind.SICKNESS, D(2026, 5, 1), D(2026, 5, 5)),
    ):
        workforce.absence_record(
            actor=actor, worker=worker, kind=kind, starts_on=first, ends_on=last
        )
    model = workforce.course_add(actor=actor, name="Restorative practice", is_practice_model=True)
    other = workforce.course_add(actor=actor, name="Safer recruitment", is_practice_model=False)
    # SW1 trained in September; SW2 only after the period; the manager on another course; SW3
    # left.
    for worker, course, day in (
        (sw1, model, D(2026, 9, 1)),
        (sw2, model, D(2026, 11, 5)),
        (actor, other, D(2026, 5, 1)),
        (sw3, model, D(2026, 5, 1)),
    ):
        workforce.training_record(actor=actor, worker=worker, course=course, completed_on=day)


def build_history() -> History:
    """The whole known history (see the module docstring).

    The demo population row (100,000) is seeded by a migration; a transactional test's flush
    removes it, so it is put back here when missing.
    """
    ChildPopulation.objects.get_or_create(year=2024, defaults={"count": 100_000})
    actor = front_door_worker(role=Role.TEAM_MANAGER, username="manager")
    adviser = WorkerFactory.create(username="adviser", role=Role.PERSONAL_ADVISER)
    names = ["A", "B", "C", "D", "E", "F", "G", "L1", "L2", "L3", "L4", "L5"]
    c = {name: PersonFactory.create(given_name=f"Child {name}") for name in names}
    c["CL1"] = PersonFactory.create(given_name="Child CL1", date_of_birth=D(2007, 3, 1))
    c["CL2"] = PersonFactory.create(given_name="Child CL2", date_of_birth=D(2008, 1, 15))
    _front_door(actor, c)
    _child_in_need(actor, c)
    _repeat_plan(actor, c)
    _looked_after(actor, c)
    _care_leavers(actor, c, adviser)
    _workforce(actor, c)
    return History(actor=actor, children=c)


def pct(value: str) -> Decimal:
    return Decimal(value)


# key: (numerator, denominator, value). Rates divide by the seeded 100,000 children.
EXPECTED: dict[str, tuple[int, int | None, Decimal | None]] = {
    # A and B on 5 May (C's contact is in March).
    "contacts": (2, 100_000, pct("0.2")),
    "contact-decisions-in-time": (1, 2, pct("50.0")),
    # A (5 May), C (1 June), D (1 July), F (10 April).
    "referrals": (4, 100_000, pct("0.4")),
    "referrals-nfa": (1, 4, pct("25.0")),
    "re-referrals": (1, 4, pct("25.0")),
    # Authorised in the period: A (in time), C (late), F (in time).
    "assessments-in-time": (2, 3, pct("66.7")),
    "assessments-nfa": (1, 3, pct("33.3")),
    "cin-reviews-in-time": (1, 2, pct("50.0")),
    # A (12 June) and E (3 August).
    "section47s": (2, 100_000, pct("0.2")),
    "icpcs-in-time": (1, 2, pct("50.0")),
    "cp-plans": (2, 100_000, pct("0.2")),
    "cp-plans-repeat": (1, 2, pct("50.0")),
    "cp-visits-10wd": (1, 2, pct("50.0")),
    "cp-visits-4w": (2, 2, pct("100.0")),
    "core-groups-in-time": (1, 2, pct("50.0")),
    # L1, L2, L4 (L3 is on short breaks, L5 left in May).
    "looked-after": (3, 100_000, pct("0.3")),
    "started-care": (2, None, pct("2")),
    "placed-far-from-home": (1, 3, pct("33.3")),
    "placed-with-parents": (1, 3, pct("33.3")),
    "three-placements": (1, 3, pct("33.3")),
    "lac-visits-in-time": (1, 2, pct("50.0")),
    "lac-reviews-in-time": (1, 2, pct("50.0")),
    "return-interviews": (1, 2, pct("50.0")),
    "pathway-plans": (1, 2, pct("50.0")),
    "care-leavers-eet": (1, 2, pct("50.0")),
    # A, E, F and L1 between SW1 and SW2 (B is still allocated to SW4, who has left).
    "caseloads": (4, 2, pct("2.0")),
    # SW1, SW2 and the team manager employed at the end (the adviser is not a social worker).
    "agency-social-workers": (1, 3, pct("33.3")),
    # 5 + 2 + 2 working days over SW1, SW2, the manager and the adviser: 9 / 4 = 2.25.
    "staff-absence": (9, 4, pct("2.3")),
    # SW1 only, of those four.
    "practice-model-trained": (1, 4, pct("25.0")),
}
