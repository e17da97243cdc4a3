"""The looked-after statutory facts are registered and write through the services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hearth.lookedafter.models import LACReview, PeriodOfCare
from hearth.lookedafter.tests.factories import allocated_child, team_worker
from hearth.practice.facts import fact_kind, fact_kinds

pytestmark = pytest.mark.django_db

NAMES = {
    "period_of_care_start",
    "legal_status",
    "placement_start",
    "placement_plan",
    "lac_review",
    "lac_visit",
    "health_assessment",
    "missing_episode",
    "return_interview",
    "pathway_plan",
    "care_leaver_contact",
    "adoption_decision",
    "adoption_match",
    "adoption_placement",
    "cease_care",
    "leaving_care_start",
}


def test_every_looked_after_fact_is_registered_by_this_app():
    kinds = fact_kinds()
    assert set(kinds) >= NAMES
    assert {kinds[name].owner_app for name in NAMES} == {"hearth.lookedafter"}


def test_a_practice_step_brings_a_child_into_care_and_records_a_review():
    worker = team_worker()
    child = allocated_child(worker)
    context = {"case_id": 1, "step_id": 7, "occurred_on": dt.date(2026, 11, 2)}
    fact_kind("period_of_care_start").writer(
        actor=worker,
        child=child,
        values={
            "decom": "2026-11-02",
            "cin": "N2",
            "ls": "V2",
            "home_post": "HD1 2TA",
            "place": "K2",
            "place_provider": "PR4",
            "carer_name": "Oak House",
            "urn": "SC654321",
            "pl_post": "WF13 1HN",
        },
        context=context,
    )
    period = PeriodOfCare.objects.get(child=child)
    assert period.category_of_need == "N2"
    with pytest.raises(ValidationError) as error:
        fact_kind("lac_review").writer(
            actor=worker,
            child=child,
            values={"review": "2026-11-20", "review_code": "PN9"},
            context=context,
        )
    assert "review_code" in error.value.message_dict
    fact_kind("lac_review").writer(
        actor=worker,
        child=child,
        values={"review": "2026-11-20", "review_code": "PN1"},
        context=context,
    )
    assert LACReview.objects.get(period=period).participation == "PN1"


def test_a_service_error_is_named_by_the_fact_field():
    worker = team_worker()
    child = allocated_child(worker)
    with pytest.raises(ValidationError) as error:
        fact_kind("period_of_care_start").writer(
            actor=worker,
            child=child,
            values={
                "decom": "2026-11-02",
                "cin": "N1",
                "ls": "V2",
                "place": "U6",
                "place_provider": "PR1",
                "carer_name": "A carer",
                "pl_post": "ZZ9 9ZZ",
            },
            context={},
        )
    assert "pl_post" in error.value.message_dict
