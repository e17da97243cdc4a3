"""Casework selectors: caseloads, allocation history, children not seen, the child's chronology."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.casework import services
from hearth.casework.codes import CaseNoteKind, ConferenceOutcome, VisitKind
from hearth.casework.selectors import (
    ChronologyKind,
    allocation_history,
    caseload,
    children_not_seen_within,
    chronology,
    previous_referral_within_12_months,
)
from hearth.casework.tests.factories import (
    PersonFactory,
    TeamFactory,
    WorkerFactory,
    front_door_worker,
    team_worker,
)
from hearth.frontdoor.codes import Agency, ContactOutcome
from hearth.frontdoor.services import contact_decision_record, contact_record

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def allocate(manager, child, team, worker=None, started_on=dt.date(2025, 9, 1)):
    return services.allocation_start(
        actor=manager, child=child, team=team, worker=worker, started_on=started_on, reason="r"
    )


def visit(actor, child, when, seen=True):
    services.visit_record(
        actor=actor,
        kind=VisitKind.CHILD_IN_NEED,
        occurred_at=when,
        children=[services.VisitedChild(child=child, child_seen=seen)],
        reason="Visit",
    )


def test_caseload_and_allocation_history_are_limited_to_children_the_viewer_sees():
    manager = front_door_worker()
    team, other_team = TeamFactory.create(), TeamFactory.create()
    worker = team_worker(team)
    mine, theirs = PersonFactory.create(), PersonFactory.create()
    old = allocate(manager, mine, other_team, started_on=dt.date(2025, 6, 1))
    new = allocate(manager, mine, team, worker=worker, started_on=dt.date(2025, 9, 1))
    allocate(manager, theirs, other_team)

    assert [a.child for a in caseload(worker, worker)] == [mine]
    assert list(allocation_history(worker, mine.pk)) == [old, new]
    assert list(allocation_history(worker, theirs.pk)) == []
    assert list(caseload(WorkerFactory.create(), worker)) == []


def test_children_not_seen_within_n_days():
    manager = front_door_worker()
    team = TeamFactory.create()
    worker = team_worker(team)
    never, long_ago, recent, not_seen_recently = (PersonFactory.create() for _ in range(4))
    for child in (never, long_ago, recent, not_seen_recently):
        allocate(manager, child, team, worker=worker)
    visit(manager, long_ago, at(2025, 10, 1))
    visit(manager, recent, at(2025, 11, 10))
    visit(manager, not_seen_recently, at(2025, 10, 20))
    # A visit where the child was not seen does not count as seeing them.
    visit(manager, not_seen_recently, at(2025, 11, 12), seen=False)
    unallocated = PersonFactory.create()
    visit(manager, unallocated, at(2025, 1, 1))

    overdue = list(children_not_seen_within(worker, days=20, today=dt.date(2025, 11, 15)))

    assert overdue == [never, long_ago, not_seen_recently]
    last_seen = [row.last_seen_at for row in overdue]  # type: ignore[attr-defined]
    assert last_seen[0] is None
    assert last_seen[1] == at(2025, 10, 1)
    assert (
        list(children_not_seen_within(worker, days=20, today=dt.date(2025, 11, 15), worker=manager))
        == []
    )


def test_previous_referral_selector_ignores_same_day_and_older_referrals():
    actor = front_door_worker()
    child = PersonFactory.create()
    episode = services.cin_episode_open(
        actor=actor,
        child=child,
        referral_date=dt.date(2025, 3, 15),
        referral_source="6",
        reason="r",
    )
    assert (
        previous_referral_within_12_months(child=child, referral_date=dt.date(2025, 3, 15)) is None
    )
    assert (
        previous_referral_within_12_months(child=child, referral_date=dt.date(2026, 3, 15))
        == episode
    )
    assert (
        previous_referral_within_12_months(child=child, referral_date=dt.date(2026, 3, 16)) is None
    )


def build_journey(actor, child):
    team = TeamFactory.create()
    allocate(actor, child, team, started_on=dt.date(2025, 9, 2))
    contact = contact_record(
        actor=actor,
        reason="r",
        received_at=at(2025, 9, 1, 9),
        source="2A",
        children=[child],
        contact_reason="Bruise on arm",
    )
    decision = contact_decision_record(
        actor=actor,
        contact=contact,
        child=child,
        outcome=ContactOutcome.STRATEGY_DISCUSSION,
        decided_at=at(2025, 9, 1, 15),
        reason="r",
    )
    episode = services.cin_episode_open(
        actor=actor,
        child=child,
        referral_date=dt.date(2025, 9, 1),
        referral_source="2A",
        primary_need_code="N1",
        contact_decision=decision,
        reason="r",
    )
    discussion = services.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=dt.date(2025, 9, 2),
        agencies=[Agency.POLICE],
        s47_required=True,
        reason="r",
    )
    enquiry = services.section47_start(
        actor=actor,
        strategy_discussion=discussion,
        actual_start_date=dt.date(2025, 9, 2),
        reason="r",
    )
    services.section47_complete(
        actor=actor,
        enquiry=enquiry,
        completed_on=dt.date(2025, 9, 15),
        icpc_required=True,
        reason="r",
    )
    icpc = services.icpc_record(
        actor=actor,
        episode=episode,
        held_on=dt.date(2025, 9, 22),
        outcome=ConferenceOutcome.PLAN,
        section47=enquiry,
        reason="r",
    )
    plan = services.cp_plan_start(actor=actor, conference=icpc, initial_category="PHY", reason="r")
    services.core_group_record(actor=actor, cp_plan=plan, held_on=dt.date(2025, 10, 1), reason="r")
    visit(actor, child, at(2025, 10, 3, 16))
    [note] = services.case_note_write(
        actor=actor,
        children=[child],
        kind=CaseNoteKind.PROFESSIONAL,
        occurred_at=at(2025, 10, 6, 11),
        title="Call with the school",
        text="Attendance improving.",
        reason="r",
    )
    services.case_note_finalise(actor=actor, note=note, reason="r")
    services.case_note_write(
        actor=actor,
        children=[child],
        kind=CaseNoteKind.OTHER,
        occurred_at=at(2025, 10, 7, 11),
        title="Draft, not yet the record",
        text="Draft",
        reason="r",
    )
    return team


def test_the_chronology_shows_every_significant_event_in_order():
    actor = front_door_worker()
    child = PersonFactory.create()
    build_journey(actor, child)
    # Another child's events never appear.
    build_journey(actor, PersonFactory.create())

    entries = chronology(actor, child.pk)

    assert [entry.kind for entry in entries] == [
        ChronologyKind.CONTACT,
        ChronologyKind.CONTACT_DECISION,
        ChronologyKind.REFERRAL,
        ChronologyKind.ALLOCATION_START,
        ChronologyKind.STRATEGY_DISCUSSION,
        ChronologyKind.S47_START,
        ChronologyKind.S47_OUTCOME,
        ChronologyKind.ICPC,
        ChronologyKind.CP_PLAN_START,
        ChronologyKind.CORE_GROUP,
        ChronologyKind.VISIT,
        ChronologyKind.CASE_NOTE,
    ]
    assert entries[0].on == dt.date(2025, 9, 1)
    assert entries[0].summary == "Contact from Schools: Bruise on arm"
    assert "ICPC due 23 September 2025" in entries[5].summary
    assert entries[-1].record == "casework.casenote"


def test_the_chronology_filters_by_kind_and_date_and_respects_visibility():
    actor = front_door_worker()
    child = PersonFactory.create()
    team = build_journey(actor, child)

    conferences = chronology(actor, child.pk, kinds=[ChronologyKind.ICPC, "cp_plan_start"])
    assert [entry.kind for entry in conferences] == ["icpc", "cp_plan_start"]
    september = chronology(actor, child.pk, start=dt.date(2025, 9, 2), end=dt.date(2025, 9, 15))
    assert {entry.on for entry in september} <= {
        dt.date(2025, 9, 2),
        dt.date(2025, 9, 15),
    }
    assert len(september) == 4
    # The allocated team's worker sees it; a worker elsewhere sees nothing.
    assert chronology(team_worker(team), child.pk)
    assert chronology(team_worker(TeamFactory.create()), child.pk) == []
