"""Casework services: allocation, CIN episodes, timescales, CIN census rules, record-once notes."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from hearth.casework import services
from hearth.casework.codes import (
    AssessmentOutcome,
    CaseNoteKind,
    CategoryOfAbuse,
    ConferenceOutcome,
    PlanEndReason,
    ReasonForClosure,
    VisitKind,
)
from hearth.casework.models import Addendum, Assessment, CaseNote, CaseNoteGroup, Visit
from hearth.casework.tests.factories import (
    PersonFactory,
    TeamFactory,
    front_door_worker,
    team_worker,
)
from hearth.frontdoor.codes import Agency, ContactOutcome
from hearth.frontdoor.services import contact_decision_record, contact_record

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


def open_episode(actor, child, referral_date=dt.date(2025, 12, 1), **kwargs):
    return services.cin_episode_open(
        actor=actor,
        child=child,
        referral_date=referral_date,
        referral_source="6",
        primary_need_code="N1",
        reason="Referral",
        **kwargs,
    )


def s47_for(actor, episode, held_on, start=None):
    discussion = services.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=held_on,
        agencies=[Agency.POLICE, Agency.CHILDRENS_SOCIAL_CARE, Agency.HEALTH],
        s47_required=True,
        reason="Strategy discussion",
    )
    return services.section47_start(
        actor=actor,
        strategy_discussion=discussion,
        actual_start_date=start or held_on,
        reason="s47",
    )


def plan_for(actor, episode, icpc_on, s47_on=None):
    enquiry = s47_for(actor, episode, s47_on or icpc_on - dt.timedelta(days=14))
    services.section47_complete(
        actor=actor,
        enquiry=enquiry,
        completed_on=icpc_on - dt.timedelta(days=1),
        icpc_required=True,
        reason="s47 outcome",
    )
    icpc = services.icpc_record(
        actor=actor,
        episode=episode,
        held_on=icpc_on,
        outcome=ConferenceOutcome.PLAN,
        section47=enquiry,
        reason="ICPC",
    )
    plan = services.cp_plan_start(
        actor=actor, conference=icpc, initial_category=CategoryOfAbuse.NEG, reason="Plan"
    )
    return icpc, plan


# --- Allocation ------------------------------------------------------------------------------


def test_a_transfer_between_teams_ends_the_old_allocation_and_keeps_history():
    child = PersonFactory.create()
    assessment_team, cin_team = TeamFactory.create(), TeamFactory.create()
    manager = front_door_worker()
    first_worker = team_worker(assessment_team)
    second_worker = team_worker(cin_team)

    first = services.allocation_start(
        actor=manager,
        child=child,
        team=assessment_team,
        worker=first_worker,
        started_on=dt.date(2025, 6, 2),
        reason="New referral",
    )
    second = services.allocation_start(
        actor=manager,
        child=child,
        team=cin_team,
        worker=second_worker,
        started_on=dt.date(2025, 7, 14),
        reason="Transfer to the CIN team",
    )

    first.refresh_from_db()
    assert first.ended_on == dt.date(2025, 7, 14)
    assert second.ended_on is None
    assert [a.team for a in child.allocations.order_by("started_on")] == [
        assessment_team,
        cin_team,
    ]
    services.allocation_end(
        actor=manager, allocation=second, ended_on=dt.date(2025, 9, 1), reason="Case closed"
    )
    assert not child.allocations.filter(ended_on__isnull=True).exists()


def test_allocation_refuses_a_worker_outside_the_team_and_a_start_before_the_current_one():
    child = PersonFactory.create()
    team, other = TeamFactory.create(), TeamFactory.create()
    manager = front_door_worker()
    with pytest.raises(ValidationError) as error:
        services.allocation_start(
            actor=manager,
            child=child,
            team=team,
            worker=team_worker(other),
            started_on=dt.date(2025, 6, 2),
            reason="r",
        )
    assert "worker" in error.value.message_dict
    services.allocation_start(
        actor=manager,
        child=child,
        team=team,
        worker=None,
        started_on=dt.date(2025, 6, 2),
        reason="r",
    )
    with pytest.raises(ValidationError) as error:
        services.allocation_start(
            actor=manager,
            child=child,
            team=other,
            worker=None,
            started_on=dt.date(2025, 6, 1),
            reason="r",
        )
    assert "started_on" in error.value.message_dict


def test_only_one_open_allocation_per_child_in_the_database():
    child = PersonFactory.create()
    team = TeamFactory.create()
    manager = front_door_worker()
    allocation = services.allocation_start(
        actor=manager,
        child=child,
        team=team,
        worker=None,
        started_on=dt.date(2025, 6, 2),
        reason="r",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        type(allocation).objects.create(child=child, team=team, started_on=dt.date(2025, 6, 3))


def test_a_worker_cannot_allocate_a_child_they_cannot_see():
    team = TeamFactory.create()
    with pytest.raises(PermissionDenied):
        services.allocation_start(
            actor=team_worker(team),
            child=PersonFactory.create(),
            team=team,
            worker=None,
            started_on=dt.date(2025, 6, 2),
            reason="r",
        )


# --- CIN episode and re-referral -------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous_referral", "is_re_referral"),
    [
        (dt.date(2025, 3, 15), True),  # exactly 12 months before: within
        (dt.date(2025, 3, 14), False),  # a day more than 12 months
        (dt.date(2026, 1, 2), True),
    ],
)
def test_a_referral_within_12_months_of_a_previous_one_is_a_re_referral(
    previous_referral, is_re_referral
):
    actor = front_door_worker()
    child = PersonFactory.create()
    first = open_episode(actor, child, referral_date=previous_referral)
    services.cin_episode_close(
        actor=actor,
        episode=first,
        closure_date=previous_referral,
        reason_for_closure=ReasonForClosure.RC7,
        reason="Closed",
    )

    second = open_episode(actor, child, referral_date=dt.date(2026, 3, 15))

    assert not first.is_re_referral
    assert second.is_re_referral is is_re_referral
    # A sibling's referral is no re-referral for this child.
    assert not open_episode(actor, PersonFactory.create(), dt.date(2026, 3, 15)).is_re_referral


def test_a_second_open_episode_is_refused_but_a_no_further_action_referral_may_sit_beside_it():
    actor = front_door_worker()
    child = PersonFactory.create()
    open_episode(actor, child, dt.date(2025, 10, 1))
    with pytest.raises(ValidationError) as error:
        open_episode(actor, child, dt.date(2025, 11, 1))
    assert "8815" in error.value.message_dict["referral_date"][0]
    nfa = open_episode(actor, child, dt.date(2025, 11, 1), referral_nfa=True)
    assert nfa.is_re_referral
    # No activity on a no-further-action referral (8831).
    with pytest.raises(ValidationError):
        services.assessment_start(
            actor=actor, episode=nfa, actual_start_date=dt.date(2025, 11, 2), reason="r"
        )


def test_a_referral_links_the_front_door_decision_that_led_to_it():
    actor = front_door_worker()
    child, sibling = PersonFactory.create(), PersonFactory.create()
    contact = contact_record(
        actor=actor,
        reason="r",
        received_at=at(2025, 11, 3),
        source="2A",
        children=[child, sibling],
        contact_reason="Concern",
    )
    decision = contact_decision_record(
        actor=actor,
        contact=contact,
        child=child,
        outcome=ContactOutcome.REFERRAL,
        decided_at=at(2025, 11, 4),
        reason="r",
    )
    other = contact_decision_record(
        actor=actor,
        contact=contact,
        child=sibling,
        outcome=ContactOutcome.EARLY_HELP,
        decided_at=at(2025, 11, 4),
        reason="r",
    )
    episode = open_episode(actor, child, dt.date(2025, 11, 4), contact_decision=decision)
    assert decision.cin_episode == episode
    with pytest.raises(ValidationError) as error:
        open_episode(actor, sibling, dt.date(2025, 11, 4), contact_decision=other)
    assert "contact_decision" in error.value.message_dict


def test_an_episode_cannot_close_with_work_still_open():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create())
    services.assessment_start(
        actor=actor, episode=episode, actual_start_date=dt.date(2025, 12, 2), reason="r"
    )
    with pytest.raises(ValidationError) as error:
        services.cin_episode_close(
            actor=actor,
            episode=episode,
            closure_date=dt.date(2025, 12, 20),
            reason_for_closure=ReasonForClosure.RC8,
            reason="r",
        )
    assert "an assessment" in error.value.message_dict["closure_date"][0]


def test_closure_date_and_reason_come_together_in_the_database():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create())
    with pytest.raises(IntegrityError), transaction.atomic():
        type(episode).objects.filter(pk=episode.pk).update(closure_date=dt.date(2025, 12, 5))


# --- Assessment ------------------------------------------------------------------------------


def test_an_assessment_is_due_45_working_days_from_the_referral():
    actor = front_door_worker()
    # Mon 1 Dec 2025: Christmas Day, Boxing Day and New Year's Day are skipped, so the 45th
    # working day is Thu 5 Feb 2026 (hand-counted: 20 in December, 21 on 2 Jan, 41 on 30 Jan).
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 12, 1))
    assessment = services.assessment_start(
        actor=actor, episode=episode, actual_start_date=dt.date(2025, 12, 3), reason="r"
    )
    assert assessment.due_date == dt.date(2026, 2, 5)


def test_assessment_rules_from_the_cin_census():
    actor = front_door_worker()
    manager = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 12, 1))
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=actor, episode=episode, actual_start_date=dt.date(2025, 11, 30), reason="r"
        )
    assert "1103" in error.value.message_dict["actual_start_date"][0]
    assessment = services.assessment_start(
        actor=actor, episode=episode, actual_start_date=dt.date(2025, 12, 2), reason="r"
    )
    with pytest.raises(ValidationError):
        services.assessment_start(
            actor=actor, episode=episode, actual_start_date=dt.date(2025, 12, 3), reason="r"
        )

    def complete(**kwargs):
        arguments: dict[str, Any] = {
            "actor": manager,
            "assessment": assessment,
            "authorisation_date": dt.date(2026, 1, 20),
            "factors": ["3B", "4B"],
            "outcome": AssessmentOutcome.CHILD_IN_NEED,
            "reason": "Authorised",
        } | kwargs
        return services.assessment_complete(**arguments)

    for bad, field in [
        ({"factors": []}, "factors"),
        ({"factors": ["21", "3B"]}, "factors"),
        ({"factors": ["3B", "3B"]}, "factors"),
        ({"factors": ["99"]}, "factors"),
        ({"authorisation_date": dt.date(2025, 12, 1)}, "authorisation_date"),
        ({"outcome": "maybe"}, "outcome"),
    ]:
        with pytest.raises(ValidationError) as error:
            complete(**dict(bad))  # type: ignore[call-overload]
        assert field in error.value.message_dict, bad

    done = complete()
    assert done.authorised_by == manager
    assert done.authorised_at is not None
    assert done.factors == ["3B", "4B"]


def test_the_database_refuses_factors_on_an_unfinished_assessment_and_21_with_others():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 12, 1))
    assessment = services.assessment_start(
        actor=actor, episode=episode, actual_start_date=dt.date(2025, 12, 2), reason="r"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(factors=["3B"])
    services.assessment_complete(
        actor=actor,
        assessment=assessment,
        authorisation_date=dt.date(2025, 12, 10),
        factors=["21"],
        outcome=AssessmentOutcome.NO_FURTHER_ACTION,
        reason="r",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(factors=["21", "3B"])


# --- Strategy discussions, s47 and the ICPC --------------------------------------------------


def test_the_icpc_is_due_15_working_days_from_the_discussion_that_initiated_the_s47():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 12, 1))
    # A first discussion decides against a s47 enquiry.
    services.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=dt.date(2025, 12, 8),
        agencies=[Agency.POLICE, Agency.CHILDRENS_SOCIAL_CARE],
        s47_required=False,
        reason="r",
    )
    # The second, on Wed 17 Dec 2025, initiates it. 15 working days, skipping 25 and 26 Dec
    # and 1 Jan: 18, 19, 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7, 8, 9, 12 Jan: Mon 12 Jan 2026.
    enquiry = s47_for(actor, episode, dt.date(2025, 12, 17), start=dt.date(2025, 12, 18))
    assert enquiry.strategy_discussion.held_on == dt.date(2025, 12, 17)
    assert enquiry.icpc_target_date == dt.date(2026, 1, 12)

    # A later discussion while the enquiry runs does not move the target.
    later = services.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=dt.date(2025, 12, 22),
        agencies=[Agency.POLICE, Agency.CHILDRENS_SOCIAL_CARE],
        s47_required=True,
        reason="Review strategy meeting",
    )
    with pytest.raises(ValidationError) as error:
        services.section47_start(
            actor=actor,
            strategy_discussion=later,
            actual_start_date=dt.date(2025, 12, 22),
            reason="r",
        )
    assert "8890" in error.value.message_dict["actual_start_date"][0]
    enquiry.refresh_from_db()
    assert enquiry.icpc_target_date == dt.date(2026, 1, 12)


def test_the_icpc_target_with_no_bank_holiday():
    # domain.md worked example: 15 working days from Tue 2 Jul 2024 is Tue 23 Jul 2024.
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2024, 7, 1))
    assert s47_for(actor, episode, dt.date(2024, 7, 2)).icpc_target_date == dt.date(2024, 7, 23)


def test_a_s47_needs_a_discussion_that_decided_on_one():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 12, 1))
    no = services.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=dt.date(2025, 12, 8),
        agencies=[Agency.POLICE],
        s47_required=False,
        reason="r",
    )
    with pytest.raises(ValidationError) as error:
        services.section47_start(
            actor=actor, strategy_discussion=no, actual_start_date=dt.date(2025, 12, 8), reason="r"
        )
    assert "strategy_discussion" in error.value.message_dict


def test_an_icpc_needs_the_s47_outcome_first():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 12, 1))
    enquiry = s47_for(actor, episode, dt.date(2025, 12, 2))
    with pytest.raises(ValidationError) as error:
        services.icpc_record(
            actor=actor,
            episode=episode,
            held_on=dt.date(2025, 12, 16),
            outcome=ConferenceOutcome.PLAN,
            section47=enquiry,
            reason="r",
        )
    assert "section47" in error.value.message_dict


# --- Plans, core groups, review conferences --------------------------------------------------


def test_the_first_core_group_is_due_10_working_days_after_the_icpc():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2026, 3, 2))
    # ICPC Mon 30 Mar 2026; Good Friday (3 Apr) and Easter Monday (6 Apr) do not count:
    # 31 Mar, 1, 2, 7, 8, 9, 10, 13, 14, 15 Apr: Wed 15 Apr 2026.
    icpc, plan = plan_for(actor, episode, dt.date(2026, 3, 30))
    assert plan.start_date == icpc.held_on == dt.date(2026, 3, 30)
    assert plan.first_core_group_due_on == dt.date(2026, 4, 15)
    core_group = services.core_group_record(
        actor=actor,
        cp_plan=plan,
        held_on=dt.date(2026, 4, 14),
        agencies=[Agency.HEALTH, Agency.EDUCATION],
        reason="r",
    )
    assert core_group.held_on <= plan.first_core_group_due_on
    with pytest.raises(ValidationError):
        services.core_group_record(
            actor=actor, cp_plan=plan, held_on=dt.date(2026, 3, 29), reason="r"
        )


def test_review_conferences_are_due_3_months_after_the_icpc_then_6_monthly():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2024, 10, 1))
    # ICPC Fri 29 Nov 2024: 3 months on is 29 Feb, which 2025 does not have: 28 Feb 2025.
    icpc, plan = plan_for(actor, episode, dt.date(2024, 11, 29))
    assert icpc.next_review_due_on == dt.date(2025, 2, 28)

    # Reviews count from the day they were actually held: early on Wed 26 Feb 2025.
    first = services.rcpc_record(
        actor=actor,
        cp_plan=plan,
        held_on=dt.date(2025, 2, 26),
        outcome=ConferenceOutcome.PLAN,
        latest_category=CategoryOfAbuse.EMO,
        reason="r",
    )
    assert first.next_review_due_on == dt.date(2025, 8, 26)
    # Fri 29 Aug 2025 + 6 months: 28 Feb 2026.
    second = services.rcpc_record(
        actor=actor,
        cp_plan=plan,
        held_on=dt.date(2025, 8, 29),
        outcome=ConferenceOutcome.PLAN,
        reason="r",
    )
    assert second.next_review_due_on == dt.date(2026, 2, 28)
    plan.refresh_from_db()
    assert (plan.initial_category, plan.latest_category) == (CategoryOfAbuse.NEG, "EMO")

    last = services.rcpc_record(
        actor=actor,
        cp_plan=plan,
        held_on=dt.date(2026, 2, 20),
        outcome=ConferenceOutcome.NO_PLAN,
        reason="r",
    )
    assert last.next_review_due_on is None
    services.cp_plan_end(
        actor=actor,
        cp_plan=plan,
        end_date=dt.date(2026, 2, 20),
        end_reason=PlanEndReason.NO_LONGER_AT_RISK,
        reason="r",
    )


def test_a_plan_counts_the_childs_previous_plans_and_cannot_end_the_day_it_starts():
    actor = front_door_worker()
    child = PersonFactory.create()
    first_episode = open_episode(actor, child, dt.date(2024, 1, 8))
    _, first_plan = plan_for(actor, first_episode, dt.date(2024, 2, 5))
    assert first_plan.number_of_previous_plans == 0
    with pytest.raises(ValidationError) as error:
        services.cp_plan_end(
            actor=actor,
            cp_plan=first_plan,
            end_date=dt.date(2024, 2, 5),
            end_reason=PlanEndReason.OTHER,
            reason="r",
        )
    assert "8840" in error.value.message_dict["end_date"][0]
    services.cp_plan_end(
        actor=actor,
        cp_plan=first_plan,
        end_date=dt.date(2024, 9, 2),
        end_reason=PlanEndReason.NO_LONGER_AT_RISK,
        reason="r",
    )
    services.cin_episode_close(
        actor=actor,
        episode=first_episode,
        closure_date=dt.date(2024, 9, 2),
        reason_for_closure=ReasonForClosure.RC7,
        reason="r",
    )

    second_episode = open_episode(actor, child, dt.date(2025, 10, 6))
    _, second_plan = plan_for(actor, second_episode, dt.date(2025, 11, 3))
    assert second_plan.number_of_previous_plans == 1
    assert second_episode.is_re_referral is False


def test_a_cin_plan_and_a_cp_plan_cannot_run_together():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create(), dt.date(2025, 9, 1))
    cin_plan = services.cin_plan_start(
        actor=actor, episode=episode, start_date=dt.date(2025, 9, 15), reason="r"
    )
    services.cin_plan_review_record(
        actor=actor, cin_plan=cin_plan, held_on=dt.date(2025, 10, 13), reason="r"
    )
    with pytest.raises(ValidationError) as error:
        plan_for(actor, episode, dt.date(2025, 11, 3))
    assert "4001" in str(error.value)
    services.cin_plan_end(
        actor=actor, cin_plan=cin_plan, end_date=dt.date(2025, 10, 20), reason="r"
    )
    _, plan = plan_for(actor, episode, dt.date(2025, 11, 3), s47_on=dt.date(2025, 10, 21))
    with pytest.raises(ValidationError) as error:
        services.cin_plan_start(
            actor=actor, episode=episode, start_date=dt.date(2025, 11, 10), reason="r"
        )
    assert "4001" in error.value.message_dict["start_date"][0]


# --- Visits and case notes, recorded once for siblings ---------------------------------------


def test_a_visit_to_siblings_is_recorded_once_with_what_was_seen_of_each_child():
    actor = front_door_worker()
    older, baby = PersonFactory.create(), PersonFactory.create(date_of_birth=dt.date(2025, 1, 1))
    visits = services.visit_record(
        actor=actor,
        kind=VisitKind.CHILD_PROTECTION,
        occurred_at=at(2025, 11, 10, 16),
        children=[
            services.VisitedChild(child=older, child_seen=True, seen_alone=True, bedroom_seen=True),
            services.VisitedChild(child=baby, child_seen=True, seen_alone=False, bedroom_seen=True),
        ],
        present="Mother, maternal grandmother",
        summary="Home warm and clean.",
        reason="Visit",
    )
    by_child = {visit.child: visit for visit in visits}
    assert by_child[older].seen_alone and not by_child[baby].seen_alone
    assert by_child[older].visit_group == by_child[baby].visit_group
    assert by_child[older].pk != by_child[baby].pk
    # Each copy is the child's own: changing one leaves the other alone.
    Visit.objects.filter(pk=by_child[baby].pk).update(summary="Baby asleep.")
    by_child[older].refresh_from_db()
    assert by_child[older].summary == "Home warm and clean."
    with pytest.raises(ValidationError):
        services.visit_record(
            actor=actor,
            kind=VisitKind.CHILD_PROTECTION,
            occurred_at=at(2025, 11, 10, 16),
            children=[services.VisitedChild(child=older, child_seen=False, seen_alone=True)],
            reason="r",
        )
    # Seen alone without being seen is refused by the database too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.filter(pk=by_child[older].pk).update(child_seen=False)


def write_note(actor, children):
    return services.case_note_write(
        actor=actor,
        children=children,
        kind=CaseNoteKind.CONTACT_WITH_FAMILY,
        occurred_at=at(2025, 11, 12, 11),
        title="Phone call with mother",
        text="Mother says both children are settled at school.",
        reason="Case note",
    )


def test_a_case_note_for_siblings_gives_each_child_an_independent_copy():
    actor = front_door_worker()
    first, second = PersonFactory.create(), PersonFactory.create()
    notes = write_note(actor, [first, second])

    group = CaseNoteGroup.objects.get()
    assert {note.child for note in notes} == {first, second}
    assert all(note.group == group for note in notes)
    mine, theirs = notes
    services.case_note_revise(
        actor=actor,
        note=mine,
        title=mine.title,
        text="Mother says this child is settled at school.",
        reason="Take out the sibling's details",
    )
    theirs.refresh_from_db()
    group.refresh_from_db()
    assert theirs.text == group.text == "Mother says both children are settled at school."
    services.case_note_finalise(actor=actor, note=mine, reason="Finalised")
    theirs.refresh_from_db()
    assert theirs.finalised_at is None
    services.case_note_revise(
        actor=actor, note=theirs, title="Call with mother", text="Still editable.", reason="r"
    )
    # A single child's note needs no group.
    [alone] = write_note(actor, [first])
    assert alone.group is None


def test_a_finalised_note_cannot_be_altered_only_corrected_by_an_addendum():
    actor = front_door_worker()
    [note] = write_note(actor, [PersonFactory.create()])
    services.case_note_finalise(actor=actor, note=note, reason="Finalised")

    with pytest.raises(ValidationError) as error:
        services.case_note_revise(actor=actor, note=note, title="t", text="changed", reason="r")
    assert "addendum" in error.value.message_dict["text"][0]
    # The database refuses it whichever way it is tried.
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(text="changed")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE casework_casenote SET text = 'raw' WHERE id = %s", [note.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).delete()

    addendum = services.addendum_add(
        actor=actor,
        note=note,
        text="The call was on 11 November, not 12 November.",
        reason="Date corrected",
    )
    note.refresh_from_db()
    assert note.text == "Mother says both children are settled at school."
    assert list(note.addenda.all()) == [addendum]
    with pytest.raises(DatabaseError), transaction.atomic():
        Addendum.objects.filter(pk=addendum.pk).update(text="rewritten")


def test_a_draft_note_takes_no_addendum_and_the_group_is_written_once():
    actor = front_door_worker()
    notes = write_note(actor, [PersonFactory.create(), PersonFactory.create()])
    with pytest.raises(ValidationError):
        services.addendum_add(actor=actor, note=notes[0], text="x", reason="r")
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseNoteGroup.objects.update(text="rewritten")


def test_services_ask_why_the_record_changes():
    actor = front_door_worker()
    with pytest.raises(ValidationError) as error:
        services.cin_episode_open(
            actor=actor,
            child=PersonFactory.create(),
            referral_date=dt.date(2025, 12, 1),
            referral_source="6",
            reason=" ",
        )
    assert "reason" in error.value.message_dict


def test_history_records_who_and_why():
    actor = front_door_worker()
    episode = open_episode(actor, PersonFactory.create())
    event = episode.events.get()
    assert event.pgh_context.metadata == {"user": actor.pk, "reason": "Referral"}
