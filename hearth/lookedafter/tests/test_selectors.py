"""Duties for the work tray: due dates and statuses from the child's record, and trays."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.lookedafter import services
from hearth.lookedafter.selectors import (
    duties_for_child,
    looked_after_record,
    overdue_duties,
    tray_duties,
)
from hearth.lookedafter.tests.factories import (
    TeamFactory,
    allocated_child,
    bring_into_care,
    foster_placement,
    team_worker,
)
from hearth.timescales.rules import Status

pytestmark = pytest.mark.django_db

D = dt.date
LONDON = ZoneInfo("Europe/London")


def by_key(duties):
    return {duty.key: duty for duty in duties}


def test_a_child_brought_into_care_on_2_november_2026_owes_these_duties():
    worker = team_worker()
    child = allocated_child(worker, date_of_birth=D(2015, 6, 1))
    period = bring_into_care(worker, child, D(2026, 11, 2))
    found = by_key(duties_for_child(child, D(2026, 11, 2)))
    # Mon 2 Nov 2026: 10 WD is Mon 16 Nov, 5 WD Mon 9 Nov, 20 WD Mon 30 Nov.
    assert found["care_plan"].due == D(2026, 11, 16)
    assert found["placement_plan"].due == D(2026, 11, 9)
    assert found["iro"].due == D(2026, 11, 9)
    assert found["review"].due == D(2026, 11, 30)
    assert found["visit"].due == D(2026, 11, 9)
    assert found["health_assessment"].due == D(2026, 11, 30)
    assert found["pep"].due == D(2026, 11, 16)
    assert "sdq" not in found
    assert found["review"].status is Status.IN_TIME
    assert found["visit"].status is Status.DUE

    services.visit_record(
        actor=worker,
        period=period,
        visited_on=D(2026, 11, 6),
        seen=True,
        seen_alone=True,
        reason="x",
    )
    services.placement_plan_record(
        actor=worker, placement=period.placements.get(), agreed_on=D(2026, 11, 4), reason="x"
    )
    found = by_key(duties_for_child(child, D(2026, 11, 22)))
    assert "placement_plan" not in found
    assert found["visit"].due == D(2026, 12, 18)
    assert found["visit"].last_done == D(2026, 11, 6)
    assert found["care_plan"].status is Status.OVERDUE
    assert found["iro"].status is Status.OVERDUE


def test_reviews_across_christmas_and_a_new_placement_restarting_visits():
    worker = team_worker()
    child = allocated_child(worker, date_of_birth=D(2015, 6, 1))
    period = bring_into_care(worker, child, D(2025, 12, 1))
    # Mon 1 Dec 2025: 17 WD to Wed 24 Dec, skip Christmas Day and Boxing Day (Thu, Fri),
    # then Mon 29, Tue 30 and Wed 31 Dec 2025.
    assert by_key(duties_for_child(child, D(2025, 12, 1)))["review"].due == D(2025, 12, 31)
    services.review_record(
        actor=worker, period=period, held_on=D(2025, 12, 22), participation="PN1", reason="x"
    )
    assert by_key(duties_for_child(child, D(2026, 1, 1)))["review"].due == D(2026, 3, 22)
    services.review_record(
        actor=worker, period=period, held_on=D(2026, 3, 20), participation="PN1", reason="x"
    )
    assert by_key(duties_for_child(child, D(2026, 4, 1)))["review"].due == D(2026, 9, 20)
    services.visit_record(
        actor=worker,
        period=period,
        visited_on=D(2026, 6, 1),
        seen=True,
        seen_alone=True,
        reason="x",
    )
    services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 6, 10),
        placement=foster_placement(carer_name="Ms Patel"),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="x",
    )
    assert by_key(duties_for_child(child, D(2026, 6, 10)))["visit"].due == D(2026, 6, 17)


def test_sdq_after_12_months_for_ages_4_to_16():
    worker = team_worker()
    child = allocated_child(worker, date_of_birth=D(2015, 6, 1))
    bring_into_care(worker, child, D(2025, 9, 1))
    found = by_key(duties_for_child(child, D(2026, 11, 22)))
    assert found["sdq"].due == D(2026, 9, 1)
    assert found["sdq"].status is Status.OVERDUE
    services.sdq_record(
        actor=worker,
        child=child,
        completed_on=D(2026, 9, 15),
        score=14,
        no_score_reason="",
        reason="x",
    )
    assert by_key(duties_for_child(child, D(2026, 11, 22)))["sdq"].due == D(2027, 9, 15)


def test_return_interview_due_72_hours_after_return():
    worker = team_worker()
    child = allocated_child(worker)
    services.missing_episode_record(
        actor=worker,
        child=child,
        kind="M",
        started_at=dt.datetime(2026, 11, 19, 22, 0, tzinfo=LONDON),
        ended_at=dt.datetime(2026, 11, 20, 18, 0, tzinfo=LONDON),
        reason="x",
    )
    (duty,) = duties_for_child(child, D(2026, 11, 22))
    assert duty.name == "Return home interview offered"
    assert duty.due == D(2026, 11, 23)
    assert duty.due_at == dt.datetime(2026, 11, 23, 18, 0, tzinfo=LONDON)
    assert duty.status is Status.DUE


def test_pathway_plan_for_an_eligible_young_person():
    worker = team_worker()
    young = allocated_child(worker, date_of_birth=D(2009, 6, 1))
    bring_into_care(worker, young, D(2026, 10, 1), placement=foster_placement())
    assert "pathway_plan" not in by_key(duties_for_child(young, D(2026, 12, 29)))
    # Eligible on 30 December 2026 (the 91st day in care): the plan is due by 30 March 2027.
    plan = by_key(duties_for_child(young, D(2026, 12, 30)))["pathway_plan"]
    assert plan.due == D(2027, 3, 30)


def test_overdue_duties_for_a_team_and_for_a_worker():
    team = TeamFactory.create()
    worker = team_worker(team)
    colleague = team_worker(team)
    mine = allocated_child(worker)
    theirs = allocated_child(colleague)
    bring_into_care(worker, mine, D(2026, 9, 1))
    bring_into_care(colleague, theirs, D(2026, 11, 20))
    today = D(2026, 11, 22)
    team_items = overdue_duties(team, today)
    assert {item.child for item in team_items} == {mine}
    assert all(item.duty.status is Status.OVERDUE for item in team_items)
    assert {item.duty.key for item in team_items} >= {"review", "visit", "care_plan"}
    assert {item.child for item in overdue_duties(worker, today)} == {mine}
    assert overdue_duties(colleague, today) == []
    stranger = team_worker()
    assert overdue_duties(stranger, today) == []


def test_tray_duties_hold_overdue_then_due_soon():
    team = TeamFactory.create()
    worker = team_worker(team)
    colleague = team_worker(team)
    mine = allocated_child(worker)
    theirs = allocated_child(colleague)
    bring_into_care(worker, mine, D(2026, 9, 1))
    # Fri 20 Nov 2026: the placement plan is due 5 WD later, Fri 27 Nov, so due soon today.
    bring_into_care(colleague, theirs, D(2026, 11, 20))
    items = tray_duties(team, D(2026, 11, 22))
    statuses = [item.duty.status for item in items]
    assert statuses == sorted(statuses, key=lambda s: s is not Status.OVERDUE)
    due_soon = {(item.child, item.duty.key) for item in items if item.duty.status is Status.DUE}
    assert (theirs, "placement_plan") in due_soon
    assert {item.child for item in tray_duties(colleague, D(2026, 11, 22))} == {theirs}


def test_short_breaks_have_no_visit_duty_and_a_schedule_changes_the_interval():
    worker = team_worker()
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 11, 2), legal_status="V3")
    assert "visit" not in by_key(duties_for_child(child, D(2026, 11, 22)))
    other = allocated_child(worker)
    bring_into_care(
        worker, other, D(2026, 11, 2), placement=foster_placement(visit_schedule="short_breaks")
    )
    assert "visit" not in by_key(duties_for_child(other, D(2026, 11, 22)))


def test_a_missed_birthday_contact_is_shown_for_a_year_after_it_was_due():
    worker = team_worker()
    young = allocated_child(worker, date_of_birth=D(2003, 3, 1))
    period = bring_into_care(worker, young, D(2018, 1, 8))
    services.care_cease(
        actor=worker, period=period, ended_on=D(2021, 3, 1), reason_ceased="E17", reason="18"
    )
    # 21st birthday 1 March 2024: due by 1 April 2024, shown until 1 April 2025.
    assert by_key(duties_for_child(young, D(2024, 6, 1)))["birthday_contact_21"].is_overdue
    assert "birthday_contact_21" in by_key(duties_for_child(young, D(2025, 4, 1)))
    assert "birthday_contact_21" not in by_key(duties_for_child(young, D(2025, 4, 2)))


def test_the_record_for_the_page_holds_episodes_and_status():
    worker = team_worker()
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 1, 5))
    record = looked_after_record(child=child, today=D(2026, 11, 22))
    assert record.current is not None
    assert [e.rne for e in record.episodes] == ["S"]
    assert record.leaver_status is None


def test_a_child_placed_for_adoption_follows_the_adoption_review_and_visit_schedule():
    worker = team_worker()
    child = allocated_child(worker, date_of_birth=D(2023, 2, 1))
    period = bring_into_care(worker, child, D(2026, 1, 5), legal_status="E1")
    services.review_record(
        actor=worker, period=period, held_on=D(2026, 1, 30), participation="PN0", reason="x"
    )
    services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 11, 2),
        placement=foster_placement(placement_type="A4", provider="PR1", ofsted_urn=""),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="Placed for adoption",
    )
    found = by_key(duties_for_child(child, D(2026, 11, 3)))
    # Reg 36(3): within 4 weeks of the placement on Mon 2 Nov 2026, not 6 months after 30 Jan.
    assert found["review"].due == D(2026, 11, 30)
    # Reg 36(4): within a week, then weekly until that review.
    assert found["visit"].due == D(2026, 11, 9)
    assert found["visit"].name == "Visit (placed for adoption)"
