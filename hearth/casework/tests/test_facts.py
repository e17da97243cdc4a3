"""Every statutory fact writer, driven as the practice engine drives them: a child's journey."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.models import (
    Assessment,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    CoreGroup,
    Section47Enquiry,
    Visit,
)
from hearth.casework.tests.factories import PersonFactory, front_door_worker
from hearth.frontdoor.models import Contact, ContactDecision, MashEnquiry
from hearth.practice.facts import fact_kind, fact_kinds

pytestmark = pytest.mark.django_db

FACTS = {
    "contact": "hearth.frontdoor",
    "mash_enquiry": "hearth.frontdoor",
    "contact_decision": "hearth.frontdoor",
    "referral": "hearth.casework",
    "assessment_start": "hearth.casework",
    "assessment_complete": "hearth.casework",
    "strategy_discussion": "hearth.casework",
    "s47_start": "hearth.casework",
    "s47_outcome": "hearth.casework",
    "icpc": "hearth.casework",
    "cp_plan_start": "hearth.casework",
    "cp_plan_end": "hearth.casework",
    "core_group": "hearth.casework",
    "rcpc": "hearth.casework",
    "cin_plan_start": "hearth.casework",
    "cin_plan_review": "hearth.casework",
    "cin_plan_end": "hearth.casework",
    "visit": "hearth.casework",
    "case_closure": "hearth.casework",
}


def write(name, actor, child, step="", **values):
    context = {"case_id": 1, "step_id": step, "occurred_on": dt.date(2025, 11, 3)}
    return fact_kind(name).writer(actor=actor, child=child, values=values, context=context)


def test_every_fact_kind_is_registered_by_its_owner():
    kinds = fact_kinds()
    for name, owner in FACTS.items():
        assert name in kinds, name
        assert kinds[name].owner_app == owner
        assert kinds[name].description


def test_a_childs_journey_through_every_fact_writer():
    mash = front_door_worker()
    child, sibling = PersonFactory.create(), PersonFactory.create()

    # Front door: one contact for both children, written by one step for each child.
    contact = write(
        "contact",
        mash,
        child,
        step="step-contact",
        received_at="2025-09-01T09:30:00",
        referral_source="2A",
        contact_reason="Child disclosed being hit at home.",
        referrer_name="Ms Patel",
    )
    again = write(
        "contact",
        mash,
        sibling,
        step="step-contact",
        received_at="2025-09-01T09:30:00",
        referral_source="2A",
        contact_reason="Child disclosed being hit at home.",
    )
    assert again == contact
    assert Contact.objects.count() == 1
    assert set(contact.children.all()) == {child, sibling}
    assert contact.decision_due_on == dt.date(2025, 9, 2)

    enquiry = write(
        "mash_enquiry",
        mash,
        child,
        step="step-mash",
        police_information="Domestic abuse call-out in July.",
        education_information="Attendance 82%.",
        information_received_at="2025-09-01T12:00:00",
        rag_rating="red",
        rag_rationale="Disclosure of physical harm.",
    )
    assert write("mash_enquiry", mash, sibling, step="step-mash") == enquiry
    assert MashEnquiry.objects.count() == 1
    assert enquiry.information.count() == 2
    assert enquiry.rag_rating == "red"

    decision = write(
        "contact_decision",
        mash,
        child,
        contact_outcome="strategy",
        decided_at="2025-09-01T15:00:00",
    )
    write(
        "contact_decision", mash, sibling, contact_outcome="advice", decided_at="2025-09-01T15:00"
    )
    assert ContactDecision.objects.get(child=sibling).outcome == "advice"

    # Referral, linked to the decision.
    episode = write("referral", mash, child, cin_referral_date="2025-09-01", referral_source="2A")
    assert isinstance(episode, CINEpisode)
    assert episode.contact_decision == decision
    assert not episode.referral_nfa

    assessment = write("assessment_start", mash, child, assessment_actual_start_date="2025-09-02")
    assert isinstance(assessment, Assessment)

    discussion = write(
        "strategy_discussion",
        mash,
        child,
        strategy_discussion_date="2025-09-02",
        agencies="police,csc,health",
        s47_required="yes",
    )
    assert discussion.agencies == ["police", "csc", "health"]
    enquiry47 = write("s47_start", mash, child, s47_actual_start_date="2025-09-02")
    assert isinstance(enquiry47, Section47Enquiry)
    assert enquiry47.strategy_discussion == discussion
    # Tue 2 Sep 2025 + 15 working days (no bank holidays): Tue 23 Sep 2025.
    assert enquiry47.icpc_target_date == dt.date(2025, 9, 23)
    write("s47_outcome", mash, child, s47_end_date="2025-09-15", icpc_not_required=False)
    enquiry47.refresh_from_db()
    assert enquiry47.icpc_required is True

    icpc = write("icpc", mash, child, date_of_initial_cpc="2025-09-22", conference_outcome="plan")
    assert isinstance(icpc, ChildProtectionConference)
    assert icpc.section47 == enquiry47
    assert icpc.next_review_due_on == dt.date(2025, 12, 22)

    with pytest.raises(ValidationError) as error:
        write(
            "cp_plan_start",
            mash,
            child,
            initial_category_of_abuse="PHY",
            cpp_start_date="2025-09-23",
        )
    assert "2885" in error.value.message_dict["cpp_start_date"][0]
    plan = write(
        "cp_plan_start", mash, child, initial_category_of_abuse="PHY", cpp_start_date="2025-09-22"
    )
    assert isinstance(plan, ChildProtectionPlan)
    assert plan.start_date == dt.date(2025, 9, 22)
    assert plan.number_of_previous_plans == 0
    # Mon 22 Sep 2025 + 10 working days: Mon 6 Oct 2025.
    assert plan.first_core_group_due_on == dt.date(2025, 10, 6)

    write(
        "assessment_complete",
        mash,
        child,
        assessment_authorisation_date="2025-09-26",
        assessment_factors=["3B", "18C"],
        assessment_outcome="strategy",
        primary_need_code="N1",
    )
    assessment.refresh_from_db()
    episode.refresh_from_db()
    assert episode.primary_need_code == "N1"
    assert assessment.factors == ["3B", "18C"]
    assert assessment.authorised_by == mash

    core_group = write("core_group", mash, child, core_group_date="2025-10-02", agencies=["health"])
    assert isinstance(core_group, CoreGroup)

    review = write(
        "rcpc",
        mash,
        child,
        cpp_review_date="2025-12-15",
        conference_outcome="no_plan",
        latest_category_of_abuse="MUL",
    )
    assert review.kind == "review"
    plan.refresh_from_db()
    assert plan.latest_category == "MUL"
    write(
        "cp_plan_end",
        mash,
        child,
        cpp_end_date="2025-12-15",
        cp_plan_end_reason="no_longer_at_risk",
    )

    cin_plan = write("cin_plan_start", mash, child, cin_plan_start_date="2025-12-15")
    assert isinstance(cin_plan, CINPlan)
    review = write(
        "cin_plan_review", mash, child, cin_plan_review_date="2026-01-12", summary="Fine"
    )
    assert review.cin_plan == cin_plan

    # A visit to both children in one step: one visit group, a record each.
    first_visit = write(
        "visit",
        mash,
        child,
        step="step-visit",
        visit_kind="cin",
        visit_date_time="2026-01-20T16:00:00",
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        present="Mother",
    )
    second_visit = write(
        "visit",
        mash,
        sibling,
        step="step-visit",
        visit_kind="cin",
        visit_date_time="2026-01-20T16:00:00",
        child_seen=True,
        seen_alone="no",
    )
    assert isinstance(first_visit, Visit)
    assert first_visit.visit_group == second_visit.visit_group
    assert (first_visit.seen_alone, second_visit.seen_alone) == (True, False)
    assert second_visit.bedroom_seen is None

    write("cin_plan_end", mash, child, cin_plan_end_date="2026-03-02")
    closed = write(
        "case_closure", mash, child, cin_closure_date="2026-03-02", reason_for_closure="RC7"
    )
    assert closed.closure_date == dt.date(2026, 3, 2)
    assert closed.reason_for_closure == "RC7"


def test_a_no_further_action_referral_is_closed_by_the_case_closure_fact():
    actor = front_door_worker()
    child = PersonFactory.create()
    episode = write(
        "referral",
        actor,
        child,
        cin_referral_date=dt.date(2025, 10, 1),
        referral_source="6",
        referral_nfa=True,
    )
    assert episode.referral_nfa
    closed = write(
        "case_closure", actor, child, cin_closure_date="2025-10-01", reason_for_closure="RC7"
    )
    assert closed == episode


@pytest.mark.parametrize(
    ("name", "values", "field"),
    [
        ("referral", {"referral_source": "2A"}, "cin_referral_date"),
        ("referral", {"cin_referral_date": "1 Sept", "referral_source": "2A"}, "cin_referral_date"),
        (
            "referral",
            {"cin_referral_date": "2025-09-01", "referral_source": "ZZ"},
            "referral_source",
        ),
        (
            "referral",
            {"cin_referral_date": "2025-09-01", "referral_source": "2A", "referral_nfa": "perhaps"},
            "referral_nfa",
        ),
        ("contact", {"referral_source": "2A", "contact_reason": "x"}, "received_at"),
        ("assessment_start", {"assessment_actual_start_date": "2025-09-02"}, "episode"),
        ("contact_decision", {"contact_outcome": "referral"}, "contact"),
    ],
)
def test_bad_answers_come_back_against_the_field(name, values, field):
    with pytest.raises(ValidationError) as error:
        write(name, front_door_worker(), PersonFactory.create(), **values)
    assert field in error.value.message_dict


def test_facts_about_missing_records_say_what_is_missing():
    actor = front_door_worker()
    child = PersonFactory.create()
    write("referral", actor, child, cin_referral_date="2025-09-01", referral_source="2A")
    for name, values, field in [
        (
            "assessment_complete",
            {
                "assessment_authorisation_date": "2025-09-05",
                "assessment_factors": ["21"],
                "assessment_outcome": "nfa",
            },
            "assessment",
        ),
        ("s47_start", {"s47_actual_start_date": "2025-09-02"}, "strategy_discussion"),
        ("s47_outcome", {"s47_end_date": "2025-09-02", "icpc_not_required": True}, "section47"),
        ("cp_plan_start", {"initial_category_of_abuse": "NEG"}, "conference"),
        ("core_group", {"core_group_date": "2025-09-02"}, "cp_plan"),
        ("cin_plan_review", {"cin_plan_review_date": "2025-09-02"}, "cin_plan"),
    ]:
        with pytest.raises(ValidationError) as error:
            write(name, actor, child, **dict(values))  # type: ignore[call-overload]
        assert field in error.value.message_dict, name
