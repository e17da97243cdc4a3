"""The five core principles, each in time, due or overdue against hand-checked dates."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.casework import services
from hearth.casework.selectors import Principle, five_principles
from hearth.casework.tests.factories import PersonFactory, TeamFactory, front_door_worker
from hearth.casework.tests.journey import at
from hearth.frontdoor.codes import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    actor = front_door_worker()
    child = PersonFactory.create()
    episode = services.cin_episode_open(
        actor=actor,
        child=child,
        referral_date=dt.date(2026, 8, 28),  # a Friday; Monday 31 August is a bank holiday
        referral_source="2A",
        primary_need_code="N1",
        reason="Referral",
    )
    return actor, child, episode


def states(actor, child, today):
    return {p.principle: (p.state, p.due_on) for p in five_principles(actor, child.pk, today=today)}


def test_no_open_case_no_principles(world):
    actor, child, _ = world
    assert five_principles(actor, PersonFactory.create().pk) == []
    outsider_team = TeamFactory.create()
    from hearth.casework.tests.factories import team_worker  # noqa: PLC0415

    assert five_principles(team_worker(outsider_team), child.pk) == []


def test_allocation_due_one_working_day_after_the_referral(world):
    actor, child, _ = world
    got = states(actor, child, dt.date(2026, 8, 28))
    assert got[Principle.ALLOCATED] == ("due", dt.date(2026, 9, 1))
    assert states(actor, child, dt.date(2026, 9, 2))[Principle.ALLOCATED][0] == "overdue"
    team = TeamFactory.create()
    from hearth.casework.tests.factories import team_worker  # noqa: PLC0415

    worker = team_worker(team)
    services.allocation_start(
        actor=actor, child=child, team=team, worker=worker, started_on=dt.date(2026, 9, 2),
        reason="Allocated",
    )  # fmt: skip
    assert states(actor, child, dt.date(2026, 9, 3))[Principle.ALLOCATED] == ("in_time", None)


def test_child_seen_every_20_working_days_or_10_on_a_plan(world):
    actor, child, episode = world
    # Not seen: 20 working days from the referral on 28 August (skipping 31 August).
    assert states(actor, child, dt.date(2026, 9, 1))[Principle.CHILD_SEEN] == (
        "in_time",
        dt.date(2026, 9, 28),
    )
    assert states(actor, child, dt.date(2026, 9, 22))[Principle.CHILD_SEEN][0] == "due"
    assert states(actor, child, dt.date(2026, 9, 29))[Principle.CHILD_SEEN][0] == "overdue"
    services.visit_record(
        actor=actor, kind="assessment", occurred_at=at(2026, 9, 29, 15),
        children=[services.VisitedChild(child=child, child_seen=True)], reason="Visit",
    )  # fmt: skip
    assert states(actor, child, dt.date(2026, 9, 30))[Principle.CHILD_SEEN] == (
        "in_time",
        dt.date(2026, 10, 27),
    )


def test_assessed_due_45_working_days_from_referral_then_done(world):
    actor, child, episode = world
    # 45 working days from Friday 28 August 2026, skipping the bank holiday, is 2 November.
    assert states(actor, child, dt.date(2026, 9, 1))[Principle.ASSESSED] == (
        "in_time",
        dt.date(2026, 11, 2),
    )
    assessment = services.assessment_start(
        actor=actor, episode=episode, actual_start_date=dt.date(2026, 9, 1), reason="Start"
    )
    assert states(actor, child, dt.date(2026, 11, 3))[Principle.ASSESSED][0] == "overdue"
    services.assessment_complete(
        actor=actor, assessment=assessment, authorisation_date=dt.date(2026, 10, 1),
        factors=["16A"], outcome="cin", reason="Authorised",
    )  # fmt: skip
    got = states(actor, child, dt.date(2026, 11, 3))
    assert got[Principle.ASSESSED][0] == "in_time"
    # A child in need plan is then needed within 10 working days of the authorisation.
    assert got[Principle.PLANNED] == ("overdue", dt.date(2026, 10, 15))
    assert got[Principle.REVIEWED] == (None, None)
    plan = services.cin_plan_start(
        actor=actor, episode=episode, start_date=dt.date(2026, 10, 20), reason="Plan"
    )
    got = states(actor, child, dt.date(2026, 11, 3))
    assert got[Principle.PLANNED] == ("in_time", None)
    # Reviewed every 3 calendar months from the plan's start, then from the last review.
    assert got[Principle.REVIEWED] == ("in_time", dt.date(2027, 1, 20))
    services.cin_plan_review_record(
        actor=actor, cin_plan=plan, held_on=dt.date(2026, 11, 2), reason="Review"
    )
    assert states(actor, child, dt.date(2026, 11, 3))[Principle.REVIEWED][1] == dt.date(2027, 2, 2)


def test_planned_by_the_icpc_target_and_reviewed_by_the_rcpc_date(world):
    actor, child, episode = world
    discussion = services.strategy_discussion_record(
        actor=actor, episode=episode, held_on=dt.date(2026, 9, 14),
        agencies=[Agency.POLICE, Agency.CHILDRENS_SOCIAL_CARE], s47_required=True, reason="SD",
    )  # fmt: skip
    enquiry = services.section47_start(
        actor=actor, strategy_discussion=discussion, actual_start_date=dt.date(2026, 9, 14),
        reason="s47",
    )  # fmt: skip
    assert states(actor, child, dt.date(2026, 9, 20))[Principle.PLANNED] == (None, None)
    services.section47_complete(
        actor=actor, enquiry=enquiry, completed_on=dt.date(2026, 9, 24), icpc_required=True,
        reason="Outcome",
    )  # fmt: skip
    # 15 working days from Monday 14 September 2026 is Monday 5 October.
    assert states(actor, child, dt.date(2026, 9, 29))[Principle.PLANNED] == (
        "due",
        dt.date(2026, 10, 5),
    )
    icpc = services.icpc_record(
        actor=actor, episode=episode, held_on=dt.date(2026, 10, 1), outcome="plan",
        section47=enquiry, reason="ICPC",
    )  # fmt: skip
    services.cp_plan_start(actor=actor, conference=icpc, initial_category="NEG", reason="Plan")
    got = states(actor, child, dt.date(2026, 10, 2))
    assert got[Principle.PLANNED] == ("in_time", None)
    assert got[Principle.REVIEWED] == ("in_time", dt.date(2027, 1, 1))
    # On a plan the child must be seen every 10 working days.
    assert got[Principle.CHILD_SEEN][1] == dt.date(2026, 9, 14)
