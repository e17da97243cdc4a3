"""Demo histories of looked-after children and care leavers.

Two halves: the stories drawn for many children (no database) land near England's figures
(docs/subsystems/demo-council.md); a small demo council written through the services holds every
kind of record the SSDA903 return reads, and its return has no errors the demo data causes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from hearth.casework.models import Allocation
from hearth.demo import journeys
from hearth.demo import services as demo_services
from hearth.demo.looked_after import CARE_TEAM_KINDS, CareStory, care_story
from hearth.demo.services import DemoCouncilSummary, demo_council_create
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    Conviction,
    DeprivationOfLibertyOrder,
    HealthAssessment,
    HealthCheck,
    LACReview,
    LeavingCareSupport,
    MissingEpisode,
    PathwayPlan,
    PeriodOfCare,
    PermanenceOrder,
    Placement,
    PreviousPermanenceOrder,
    ReturnInterview,
    SDQScore,
    StatutoryVisit,
    StayingPut,
    UASCStatus,
)
from hearth.organisation.models import TeamMembership
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.years import CollectionYear

TODAY = dt.date(2026, 11, 22)
DRAWN = 3000
FOSTER = {"U1", "U2", "U3", "U4", "U5", "U6"}
RESIDENTIAL = {"K1", "K2", "K3", "S1", "R1", "R2", "R3"}


def _draw(kind: str, *, seed: int = 11) -> list[CareStory]:
    """Stories for `DRAWN` children of the ages the demo has for `kind`."""
    rng = random.Random(seed)  # noqa: S311 (seeded on purpose, as the demo's)
    found = []
    for _ in range(DRAWN):
        if kind == "care_leaver":
            age_days = rng.randint(18 * 365 + 5, 21 * 365 - 5)
        else:
            age_days = rng.randint(1, 18 * 365 - 2)
        story = care_story(
            rng,
            born=TODAY - dt.timedelta(days=age_days),
            today=TODAY,
            kind=kind,
            male=rng.random() < 0.5,
        )
        if story is not None:
            found.append(story)
    return found


def _share(stories: list[CareStory], test: object) -> float:
    assert callable(test)
    return sum(1 for story in stories if test(story)) / len(stories)


def _end(story: CareStory) -> dt.date:
    return story.ended_on or TODAY


def test_children_in_care_are_placed_held_and_moved_as_in_england():
    stories = _draw("looked_after")
    assert len(stories) > DRAWN * 0.95
    now = Counter(story.placement_on(TODAY).placement_type for story in stories)
    total = sum(now.values())
    foster = sum(n for place, n in now.items() if place in FOSTER) / total
    kinship = sum(now[p] for p in ("U1", "U2", "U3")) / total
    assert 0.62 <= foster <= 0.80  # England: 68%
    assert 0.08 <= kinship <= 0.20  # about a fifth of foster care
    assert 0.10 <= sum(now[p] for p in RESIDENTIAL) / total <= 0.25
    assert 0.03 <= now["P1"] / total <= 0.10  # placed with parents
    assert 0.01 <= sum(now[p] for p in ("A3", "A4", "A5", "A6")) / total <= 0.07
    legal = Counter(story.legal_on(TODAY) for story in stories)
    assert 0.70 <= (legal["C1"] + legal["C2"]) / len(stories) <= 0.85  # care orders 79%
    assert 0.10 <= legal["V2"] / len(stories) <= 0.25  # s20 16%
    assert 0.02 <= legal["E1"] / len(stories) <= 0.08  # placement orders 5%
    # Placement stability: three or more placements in the year about 10%.
    assert 0.07 <= _share(stories, lambda s: s.placements_in_year_to(TODAY) >= 3) <= 0.13
    assert 0.60 <= _share(stories, lambda s: s.placements_in_year_to(TODAY) == 1) <= 0.78
    # Length of stay: under a year about 30%, five years or more a fifth.
    days = [(TODAY - story.started_on).days for story in stories]
    assert 0.22 <= sum(d < 365 for d in days) / len(days) <= 0.40
    assert 0.12 <= sum(d >= 5 * 365 for d in days) / len(days) <= 0.30


def test_unaccompanied_children_and_missing_episodes_are_as_in_england():
    stories = _draw("looked_after")
    uasc = [story for story in stories if story.uasc]
    assert 0.05 <= len(uasc) / len(stories) <= 0.10  # England: about 7-8%
    ages = [(TODAY - story.placements[0].started_on).days for story in uasc]
    assert all(story.legal_on(TODAY) == "V2" for story in uasc)
    assert all(story.category_of_need == "N8" for story in uasc)
    assert ages  # arrived recently (within two years)
    assert max(ages) <= 731
    went_missing = [story for story in stories if story.missing]
    assert 0.07 <= len(went_missing) / len(stories) <= 0.16  # England: about 11%
    episodes = [m for story in went_missing for m in story.missing]
    in_72_hours = [
        m
        for m in episodes
        if m.offered_at is not None and m.offered_at - m.back_at <= dt.timedelta(hours=72)
    ]
    assert 0.7 <= len(in_72_hours) / len(episodes) <= 0.9  # most offered within 72 hours
    assert any(m.offered_at is None for m in episodes)  # and some not offered at all
    for story in went_missing:
        assert all(m.left_at < m.back_at for m in story.missing)
        assert all(story.started_on < m.left_at.date() < _end(story) for m in story.missing)


def test_children_leave_care_for_englands_reasons():
    stories = _draw("left_care")
    reasons = Counter(story.reason_ceased for story in stories)
    total = len(stories)
    assert 0.35 <= (reasons["E4A"] + reasons["E4B"]) / total <= 0.60  # returned home
    assert 0.10 <= sum(reasons[c] for c in ("E45", "E46", "E47", "E48")) / total <= 0.25
    adopted = [s for s in stories if s.reason_ceased in {"E11", "E12"}]
    assert 0.06 <= len(adopted) / total <= 0.20
    for story in adopted:
        adoption = story.adoption
        assert adoption is not None and adoption.placed_on is not None
        assert adoption.matched_on is not None
        assert story.started_on < adoption.decided_on < adoption.matched_on
        assert adoption.placed_on < _end(story)
        assert story.legal_on(adoption.placed_on) == "E1"
        assert story.placement_on(adoption.placed_on).placement_type in {"A5", "A6"}


def test_care_leavers_left_at_18_and_some_stayed_put():
    stories = _draw("care_leaver")
    assert all(story.ended_on is not None for story in stories)
    stayed = [s for s in stories if s.staying_put is not None]
    assert all(s.reason_ceased == "E17" for s in stayed)
    assert all(s.placements[-1].placement_type in FOSTER for s in stayed)
    assert 0.05 <= len(stayed) / len(stories) <= 0.25
    for story in stories:
        assert story.legal[0][0] == story.started_on
        assert [day for day, _ in story.legal] == sorted({day for day, _ in story.legal})
        starts = [p.started_on for p in story.placements]
        assert starts == sorted(set(starts))
        if story.dolo is not None:
            assert story.placements[-1].placement_type == "K2"
            assert story.dolo[1] == story.ended_on


def test_the_same_random_source_draws_the_same_stories():
    first = [(s.started_on, s.legal, s.placements) for s in _draw("looked_after", seed=3)]
    again = [(s.started_on, s.legal, s.placements) for s in _draw("looked_after", seed=3)]
    assert first == again


# --- A small demo council, written through the services -----------------------------------------

CHILDREN = 300
SEED = 5


@pytest.fixture
def council(db: None) -> DemoCouncilSummary:
    return demo_council_create(children=CHILDREN, seed=SEED)


def test_every_kind_of_looked_after_record_is_made(council):
    made = council.histories
    assert made.get("care_skipped", 0) == 0
    assert made["looked_after_now"] > 0
    assert made["care_leavers"] > 0
    assert made["left_care"] > 0
    for model in (
        PeriodOfCare,
        Placement,
        PreviousPermanenceOrder,
        LACReview,
        StatutoryVisit,
        HealthAssessment,
        SDQScore,
        MissingEpisode,
        ReturnInterview,
        UASCStatus,
        AdoptionDecision,
        AdoptionMatch,
        DeprivationOfLibertyOrder,
        LeavingCareSupport,
        PathwayPlan,
        CareLeaverContact,
        StayingPut,
    ):
        assert model.objects.exists(), model.__name__
    kinds = set(HealthCheck.objects.values_list("kind", flat=True))
    assert {"dental", "immunisations"} <= kinds
    # Adopted: the order ends the period, and the match has its date.
    adopted = PeriodOfCare.objects.filter(reason_ceased__in=("E11", "E12"))
    assert adopted.exists()
    assert AdoptionMatch.objects.filter(
        adoption_order_on__isnull=False, placed_on__isnull=False
    ).exists()
    # A DoLO ends with the care it belonged to.
    for order in DeprivationOfLibertyOrder.objects.all():
        period = PeriodOfCare.objects.filter(child=order.child).latest("started_on")
        assert order.ended_on == period.ended_on
    # Birthday contacts: all three items, never in touch without activity and accommodation.
    for contact in CareLeaverContact.objects.all():
        assert contact.activity and contact.accommodation
        assert (contact.in_touch == "YES") == (contact.activity != "0")
    # Unaccompanied children have no home postcode (their distance is blank, rule 406).
    uasc = UASCStatus.objects.values_list("child_id", flat=True)
    assert not PeriodOfCare.objects.filter(child__in=uasc).exclude(home_postcode="").exists()
    # Every period says whether the child had permanence before.
    assert PreviousPermanenceOrder.objects.count() == PeriodOfCare.objects.count()
    # Others' records are untouched: SGOs and CAOs only for children who left care that way.
    for made_order in PermanenceOrder.objects.all():
        assert PeriodOfCare.objects.filter(
            child=made_order.child, reason_ceased__in=("E41", "E45", "E46", "E47", "E48")
        ).exists()
    assert not Conviction.objects.filter(child__date_of_birth__gt=TODAY).exists()


# Failures that are not the demo's: the return's tables or the plan's allocations (reported).
NOT_THE_DEMOS = {
    # The plan's allocations are written without a SW_REASON (hearth/demo/services.py).
    "SW01bSTG1",
    # SWEpisodes lists allocations to workers with no social worker id (personal advisers).
    "SW01aSTG1",
    "SW02STG1",
    # A child in care before their allocation started (the plan's allocation date).
    "SW12STG2",
    # Header without the care leavers of OC3 (INT06), or with them and EPI (the DfE's warning
    # that a child has no episodes) counted as an error: the return's tables and rule severity.
    "INT06",
    "EPI",
}


def test_the_ssda903_return_has_no_errors_caused_by_the_demo(council):
    for year in (2026, 2027):
        failures = ssda903_validate(collection=CollectionYear(year))
        errors = [f for f in failures if f.is_error and f.code not in NOT_THE_DEMOS]
        assert errors == [], [(f.code, f.field, f.la_child_id) for f in errors[:20]]


def test_withheld_children_in_care_are_allocated_from_when_care_began(db, monkeypatch):
    """When the loader withholds the children-in-care allocations (CARE_TEAM_KINDS), this
    generator makes them from the day care began, through the allocation services."""
    monkeypatch.setattr(
        demo_services, "JOURNEY_TEAM_KINDS", journeys.JOURNEY_TEAM_KINDS | CARE_TEAM_KINDS
    )
    journeys_only = journeys._withheld_families
    monkeypatch.setattr(
        journeys,
        "_withheld_families",
        lambda rows: journeys_only([row for row in rows if row.reason != "Looked after"]),
    )
    made = demo_council_create(children=CHILDREN, seed=SEED).histories
    assert made.get("care_skipped", 0) == 0
    assert made["looked_after_now"] > 0
    in_care = PeriodOfCare.objects.filter(ended_on__isnull=True)
    for period in in_care:
        allocations = Allocation.objects.filter(child=period.child).order_by("started_on")
        assert allocations.exists()
        assert allocations.filter(ended_on__isnull=True).count() == 1
        # Every named worker's allocation says why they took the child (903 SW_REASON).
        assert not allocations.filter(worker__isnull=False, sw_reason="").exists()
    # The first allocation starts when care began, or when the first of the team's current
    # social workers joined (the demo has no former workers), and never after the plan's.
    for period in in_care:
        first = Allocation.objects.filter(child=period.child).order_by("started_on")[0]
        joined = (
            TeamMembership.objects.filter(team=first.team, is_manager=False)
            .order_by("started_on")
            .values_list("started_on", flat=True)
        )
        assert first.started_on <= max(period.started_on, joined[0])
