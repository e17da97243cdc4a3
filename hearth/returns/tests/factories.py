"""Histories for the returns tests, written through the real statutory-record services."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hearth.casework import services as casework
from hearth.casework.codes import AssessmentOutcome, CategoryOfAbuse, ConferenceOutcome
from hearth.casework.models import (
    Assessment,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    Section47Enquiry,
)
from hearth.casework.tests.factories import PersonFactory, front_door_worker
from hearth.frontdoor.codes import Agency, ContactOutcome
from hearth.frontdoor.services import contact_decision_record, contact_record
from hearth.organisation.models import Worker
from hearth.people import services as people
from hearth.people.models import Person

LONDON = ZoneInfo("Europe/London")

__all__ = ["PersonFactory", "front_door_worker"]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def child(actor: Worker, **details: Any) -> Person:
    """A child recorded through the people service (so the council reference is allocated)."""
    values: dict[str, Any] = {
        "date_of_birth": dt.date(2015, 6, 1),
        "sex": "F",
        "ethnicity": "WBRI",
        "disabilities": ["NONE"],
    }
    values.update(details)
    identifiers = values.pop("identifiers", ())
    return people.person_create(
        actor=actor,
        given_name="Amara",
        family_name="Okonkwo",
        identifiers=identifiers,
        **values,
    )


def referral_through_front_door(
    actor: Worker, person: Person, day: dt.date, source: str = "6", primary_need: str = "N1"
) -> CINEpisode:
    """A contact, the front door's decision to refer, and the referral it opens."""
    contact = contact_record(
        actor=actor,
        reason="Police notification",
        received_at=at(day, 9),
        source=source,
        children=[person],
        contact_reason="Domestic abuse incident at the family home",
    )
    decision = contact_decision_record(
        actor=actor,
        contact=contact,
        child=person,
        outcome=ContactOutcome.REFERRAL,
        decided_at=at(day, 15),
        reason="Front door decision",
    )
    return casework.cin_episode_open(
        actor=actor,
        child=person,
        referral_date=day,
        referral_source=source,
        primary_need_code=primary_need,
        contact_decision=decision,
        reason="Referral",
    )


def referral(
    actor: Worker,
    person: Person,
    day: dt.date,
    *,
    source: str = "6",
    primary_need: str = "N1",
    nfa: bool = False,
) -> CINEpisode:
    return casework.cin_episode_open(
        actor=actor,
        child=person,
        referral_date=day,
        referral_source=source,
        primary_need_code=primary_need,
        referral_nfa=nfa,
        reason="Referral",
    )


def assessment(
    actor: Worker,
    episode: CINEpisode,
    start: dt.date,
    end: dt.date | None = None,
    *,
    factors: tuple[str, ...] = ("3B",),
    outcome: str = AssessmentOutcome.CHILD_IN_NEED,
) -> Assessment:
    done = casework.assessment_start(
        actor=actor, episode=episode, actual_start_date=start, reason="Assessment"
    )
    if end is not None:
        done = casework.assessment_complete(
            actor=actor,
            assessment=done,
            authorisation_date=end,
            factors=list(factors),
            outcome=outcome,
            reason="Authorised",
        )
    return done


def section47(actor: Worker, episode: CINEpisode, start: dt.date) -> Section47Enquiry:
    discussion = casework.strategy_discussion_record(
        actor=actor,
        episode=episode,
        held_on=start,
        agencies=[Agency.POLICE, Agency.CHILDRENS_SOCIAL_CARE, Agency.HEALTH],
        s47_required=True,
        reason="Strategy discussion",
    )
    return casework.section47_start(
        actor=actor, strategy_discussion=discussion, actual_start_date=start, reason="s47"
    )


def conference_and_plan(
    actor: Worker,
    episode: CINEpisode,
    enquiry: Section47Enquiry | None,
    held_on: dt.date,
    category: str = CategoryOfAbuse.EMO,
) -> tuple[ChildProtectionConference, ChildProtectionPlan]:
    if enquiry is not None:
        casework.section47_complete(
            actor=actor,
            enquiry=enquiry,
            completed_on=held_on - dt.timedelta(days=4),
            icpc_required=True,
            reason="s47 outcome",
        )
    icpc = casework.icpc_record(
        actor=actor,
        episode=episode,
        held_on=held_on,
        outcome=ConferenceOutcome.PLAN,
        section47=enquiry,
        reason="ICPC",
    )
    plan = casework.cp_plan_start(
        actor=actor, conference=icpc, initial_category=category, reason="Plan"
    )
    return icpc, plan
