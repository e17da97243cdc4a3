"""Duties for many children at once: as for one child at a time, in a fixed number of queries."""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.lookedafter import services
from hearth.lookedafter.models import PeriodOfCare
from hearth.lookedafter.selectors import duties_for_child, duties_for_children, tray_duties
from hearth.lookedafter.tests.factories import (
    TeamFactory,
    allocated_child,
    bring_into_care,
    foster_placement,
    team_worker,
)
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.timescales.rules import Status

pytestmark = pytest.mark.django_db

D = dt.date
LONDON = ZoneInfo("Europe/London")
TODAY = D(2026, 11, 22)


def _new_in_care(worker: Worker) -> Person:
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 11, 2))
    return child


def _settled_in_care(worker: Worker) -> Person:
    """In care since January 2025 with most of the record kept up to date."""
    child = allocated_child(worker, date_of_birth=D(2014, 3, 9))
    period = bring_into_care(worker, child, D(2025, 1, 6))
    services.care_plan_record(actor=worker, period=period, agreed_on=D(2025, 1, 10), reason="x")
    services.placement_plan_record(
        actor=worker, placement=period.placements.get(), agreed_on=D(2025, 1, 8), reason="x"
    )
    services.iro_allocate(
        actor=worker, period=period, iro=worker, allocated_on=D(2025, 1, 9), reason="x"
    )
    for held_on in (D(2025, 1, 31), D(2025, 4, 28), D(2025, 10, 20)):
        services.review_record(
            actor=worker, period=period, held_on=held_on, participation="PN1", reason="x"
        )
    for visited_on in (D(2025, 1, 10), D(2026, 9, 1), D(2026, 10, 13)):
        services.visit_record(
            actor=worker,
            period=period,
            visited_on=visited_on,
            seen=True,
            seen_alone=False,
            reason="x",
        )
    services.health_assessment_record(
        actor=worker, child=child, completed_on=D(2025, 1, 30), reason="x"
    )
    services.health_assessment_record(
        actor=worker, child=child, completed_on=D(2026, 1, 20), reason="x"
    )
    services.pep_record(
        actor=worker, period=period, kind="review", completed_on=D(2026, 9, 20), reason="x"
    )
    services.sdq_record(
        actor=worker,
        child=child,
        completed_on=D(2026, 1, 12),
        score=14,
        no_score_reason="",
        reason="x",
    )
    services.health_check_record(
        actor=worker,
        child=child,
        kind="dental",
        checked_on=D(2025, 11, 3),
        up_to_date=True,
        reason="x",
    )
    return child


def _placed_for_adoption(worker: Worker) -> Person:
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
    services.visit_record(
        actor=worker, period=period, visited_on=D(2026, 11, 6), seen=True, seen_alone=False,
        reason="x",
    )  # fmt: skip
    return child


def _short_breaks(worker: Worker) -> Person:
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 10, 5), legal_status="V3")
    return child


def _missing_from_home(worker: Worker) -> Person:
    child = allocated_child(worker)
    services.missing_episode_record(
        actor=worker,
        child=child,
        kind="M",
        started_at=dt.datetime(2026, 11, 19, 22, 0, tzinfo=LONDON),
        ended_at=dt.datetime(2026, 11, 20, 18, 0, tzinfo=LONDON),
        reason="x",
    )
    return child


def _care_leaver(worker: Worker) -> Person:
    """Left care at 18 on 1 June 2024; a personal adviser; the 20th-birthday contact missed."""
    young = allocated_child(worker, date_of_birth=D(2006, 6, 1))
    period = bring_into_care(worker, young, D(2021, 1, 4))
    services.care_cease(
        actor=worker, period=period, ended_on=D(2024, 6, 1), reason_ceased="E17", reason="18"
    )
    services.leaving_care_start(
        actor=worker,
        child=young,
        personal_adviser=worker,
        started_on=D(2024, 6, 1),
        support_to_25=False,
        reason="x",
    )
    services.pathway_plan_record(actor=worker, child=young, completed_on=D(2026, 2, 1), reason="x")
    return young


def _eligible_in_care(worker: Worker) -> Person:
    young = allocated_child(worker, date_of_birth=D(2009, 6, 1))
    bring_into_care(worker, young, D(2026, 1, 5))
    return young


def _returned_home(worker: Worker) -> Person:
    """Looked after before and again now: only the open period's record counts."""
    child = allocated_child(worker, date_of_birth=D(2012, 8, 8))
    first = bring_into_care(worker, child, D(2024, 2, 5))
    services.review_record(
        actor=worker, period=first, held_on=D(2024, 2, 28), participation="PN1", reason="x"
    )
    services.care_cease(
        actor=worker, period=first, ended_on=D(2025, 3, 3), reason_ceased="E13", reason="Home"
    )
    bring_into_care(worker, child, D(2026, 10, 19))
    return child


def _nothing_owed(worker: Worker) -> Person:
    return allocated_child(worker)


SHAPES: list[Callable[[Worker], Person]] = [
    _new_in_care,
    _settled_in_care,
    _placed_for_adoption,
    _short_breaks,
    _missing_from_home,
    _care_leaver,
    _eligible_in_care,
    _returned_home,
    _nothing_owed,
]


def varied_children(worker: Worker, count: int) -> list[Person]:
    """`count` children, going round the shapes above."""
    return [SHAPES[n % len(SHAPES)](worker) for n in range(count)]


def test_many_children_at_once_get_exactly_what_each_gets_alone():
    worker = team_worker()
    children = varied_children(worker, len(SHAPES))
    for today in (TODAY, D(2026, 11, 3), D(2027, 2, 1)):
        together = duties_for_children(children, today)
        assert together == {child.pk: duties_for_child(child, today) for child in children}
    found = duties_for_children(children, TODAY)
    keys = {
        shape.__name__: {d.key for d in found[c.pk]}
        for shape, c in zip(SHAPES, children, strict=True)
    }
    assert keys["_nothing_owed"] == set()
    assert "visit" not in keys["_short_breaks"]
    assert keys["_missing_from_home"] == {f"return_interview_{_missing_pk(children[4])}"}
    assert {"birthday_contact_20", "pathway_plan"} <= keys["_care_leaver"]
    assert "pathway_plan" in keys["_eligible_in_care"]
    assert {"care_plan", "placement_plan", "iro"}.isdisjoint(keys["_settled_in_care"])


def _missing_pk(child: Person) -> int:
    return int(child.missing_episodes.get().pk)


def test_hand_checked_dates_for_children_looked_at_together():
    worker = team_worker()
    settled = _settled_in_care(worker)
    returned = _returned_home(worker)
    leaver = _care_leaver(worker)
    found = {
        child_id: {d.key: d for d in duties}
        for child_id, duties in duties_for_children([settled, returned, leaver], TODAY).items()
    }
    # Third review held 20 October 2025: the next is 6 months later, 20 April 2026, overdue.
    assert found[settled.pk]["review"].due == D(2026, 4, 20)
    assert found[settled.pk]["review"].status is Status.OVERDUE
    # Placement for over a year, standard schedule, not intended until 18: 6 weeks after
    # the last visit on 13 October 2026 is 24 November 2026, due soon on Sunday 22 November.
    assert found[settled.pk]["visit"].due == D(2026, 11, 24)
    assert found[settled.pk]["visit"].status is Status.DUE
    # Dental check 3 November 2025: due 3 November 2026, overdue.
    assert found[settled.pk]["dental"].due == D(2026, 11, 3)
    # Back in care on Monday 19 October 2026: the earlier period's review does not count, so
    # the first review is due 20 working days later, Monday 16 November 2026.
    assert found[returned.pk]["review"].name == "First review"
    assert found[returned.pk]["review"].due == D(2026, 11, 16)
    # 20th birthday 1 June 2026: contact due by 1 July 2026; plan 1 February, review 1 August.
    assert found[leaver.pk]["birthday_contact_20"].due == D(2026, 7, 1)
    assert found[leaver.pk]["pathway_plan"].due == D(2026, 8, 1)


def test_the_number_of_queries_does_not_grow_with_the_number_of_children():
    worker = team_worker()
    children = varied_children(worker, 20)
    duties_for_children(children[:2], TODAY)  # the working-day calendar loads once
    with CaptureQueriesContext(connection) as two:
        duties_for_children(children[:2], TODAY)
    with CaptureQueriesContext(connection) as twenty:
        duties_for_children(children, TODAY)
    assert len(two.captured_queries) == len(twenty.captured_queries)


def test_a_team_tray_costs_the_same_for_2_and_for_20_children():
    team = TeamFactory.create()
    worker = team_worker(team)
    varied_children(worker, 2)
    tray_duties(team, TODAY)
    with CaptureQueriesContext(connection) as two:
        small = tray_duties(team, TODAY)
    varied_children(worker, 18)
    with CaptureQueriesContext(connection) as twenty:
        large = tray_duties(team, TODAY)
    assert len(two.captured_queries) == len(twenty.captured_queries)
    assert len({item.child for item in large}) > len({item.child for item in small})


def test_a_team_tray_shows_only_children_the_viewer_may_see():
    team = TeamFactory.create()
    worker = team_worker(team)
    child = _new_in_care(worker)
    outsider = team_worker()
    assert {item.child for item in tray_duties(team, TODAY, viewer=worker)} == {child}
    assert tray_duties(team, TODAY, viewer=outsider) == []
    assert PeriodOfCare.objects.filter(child=child).exists()
