"""Case histories in the demo council: made through the services, deterministic, valid."""

from __future__ import annotations

import pytest
from django.utils import timezone

from hearth.casework.models import (
    Allocation,
    Assessment,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    Section47Enquiry,
    Visit,
)
from hearth.demo.journeys import _journey_models
from hearth.demo.models import DemoRecord
from hearth.demo.services import DemoCouncilSummary, demo_council_clear, demo_council_create
from hearth.frontdoor.models import Contact, ContactDecision
from hearth.lookedafter.models import PeriodOfCare, Placement
from hearth.organisation.models import Team
from hearth.people.models import Person
from hearth.practice.models import Case, PracticeModelVersion, Step, StepStatus
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.selectors import cin_census_build
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db(transaction=False)

CHILDREN = 60
SEED = 7


def _rank() -> dict[int, int]:
    """Each person's position in the plan (ids are reserved in plan order, but differ by run)."""
    return {
        pk: i for i, pk in enumerate(Person.objects.order_by("pk").values_list("pk", flat=True))
    }


def _statutory_record() -> dict[str, list[tuple[object, ...]]]:
    """The statutory record without database ids, to compare two runs."""
    rank = _rank()
    return {
        "contacts": sorted(
            (timezone.localtime(c.received_at).isoformat(), c.source, c.decision_due_on)
            for c in Contact.objects.all()
        ),
        "decisions": sorted(
            (rank[d.child_id], d.outcome, timezone.localtime(d.decided_at).date())
            for d in ContactDecision.objects.all()
        ),
        "episodes": sorted(
            (
                rank[e.child_id],
                e.referral_date,
                e.referral_source,
                e.primary_need_code,
                e.is_re_referral,
                e.closure_date,
                e.reason_for_closure,
            )
            for e in CINEpisode.objects.all()
        ),
        "assessments": sorted(
            (rank[a.episode.child_id], a.actual_start_date, a.authorisation_date, a.outcome)
            for a in Assessment.objects.select_related("episode")
        ),
        "cp_plans": sorted(
            (rank[p.episode.child_id], p.start_date, p.initial_category, p.end_date)
            for p in ChildProtectionPlan.objects.select_related("episode")
        ),
        "periods_of_care": sorted(
            (rank[p.child_id], p.started_on, p.ended_on, p.category_of_need)
            for p in PeriodOfCare.objects.all()
        ),
        "placements": sorted(
            (rank[p.period.child_id], p.placement_type, p.started_on)
            for p in Placement.objects.select_related("period")
        ),
        "visits": sorted((rank[v.child_id], v.kind, v.occurred_at) for v in Visit.objects.all()),
        "steps": sorted(
            (rank[s.case.child_id], s.step_type, s.status, s.started_on, s.due_on, s.completed_on)
            for s in Step.objects.select_related("case")
        ),
    }


@pytest.fixture
def council() -> DemoCouncilSummary:
    return demo_council_create(children=CHILDREN, seed=SEED)


def test_histories_are_made_through_the_services_without_refusals(council):
    made = council.histories
    assert made.get("families_skipped", 0) == 0
    assert made.get("care_skipped", 0) == 0
    assert made["contacts"] > 0
    assert made["referrals"] > 0
    assert made["assessments"] > 0
    assert made["periods_of_care"] > 0
    # The journeys ran on the practice engine: each contact opened a case per child.
    assert Case.objects.count() >= made["contact_children"]
    assert CINEpisode.objects.count() == made["referrals"]
    # Every shipped practice model is published (and publishing again changes nothing).
    names = set(PracticeModelVersion.objects.values_list("name", flat=True))
    assert {"restorative", "risk_focused"} <= names


def test_the_same_seed_makes_the_same_statutory_record(council):
    first = _statutory_record()
    again = demo_council_create(children=CHILDREN, seed=SEED, replace=True)
    assert again.histories == council.histories
    assert _statutory_record() == first


def test_every_generated_record_passes_its_models_validation(council):
    checked = 0
    for model in _journey_models():
        for record in model._default_manager.all()[:200]:
            record.full_clean(validate_unique=False)
            checked += 1
    assert checked > 100


def test_the_cin_census_validates_without_errors(council):
    today = timezone.localdate()
    current = CollectionYear(today.year + 1 if today.month >= 4 else today.year)
    for collection in (current, current.previous):
        census = cin_census_build(collection=collection, generated_at=timezone.now())
        assert census.children
        errors = [f for f in cin_census_validate(census, collection=collection) if f.is_error]
        assert errors == [], [(f.rule.code, f.field, f.record, f.message) for f in errors[:10]]


def test_open_work_is_held_by_the_teams_the_plan_chose_and_some_is_late(council):
    today = timezone.localdate()
    open_steps = Step.objects.filter(
        status__in=(StepStatus.OPEN, StepStatus.AWAITING_AUTHORISATION)
    )
    assert open_steps.exists()
    assert open_steps.filter(due_on__lt=today).exists()  # overdue work for the trays
    # Children on plans or in assessment are allocated now, to a named worker or a team.
    held = Allocation.objects.filter(ended_on__isnull=True, team__name__isnull=False)
    assert held.exists()
    on_plans = CINPlan.objects.filter(end_date__isnull=True).values_list(
        "episode__child_id", flat=True
    )
    assert set(on_plans) <= set(held.values_list("child_id", flat=True))
    assert Section47Enquiry.objects.exists() or ChildProtectionPlan.objects.exists()


def test_replace_removes_the_histories(council):
    assert DemoRecord.objects.filter(model="frontdoor.contact").exists()
    demo_council_clear()
    assert not Contact.objects.exists()
    assert not CINEpisode.objects.exists()
    assert not PeriodOfCare.objects.exists()
    assert not Step.objects.exists()
    assert not Person.objects.exists()


def test_no_histories_leaves_the_base_council():
    summary = demo_council_create(children=CHILDREN, seed=SEED, histories=False)
    assert summary.histories == {}
    assert not Contact.objects.exists()
    assert not PeriodOfCare.objects.exists()
    # The plan's own allocations are written, including those the journeys would have made.
    names = set(
        Team.objects.filter(allocations__ended_on__isnull=True).values_list("name", flat=True)
    )
    assert any(name.startswith("Assessment Team") for name in names)
    assert any(name.startswith("Child Protection and Court Team") for name in names)
