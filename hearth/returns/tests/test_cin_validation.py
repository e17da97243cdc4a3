"""CIN census rules caught from real histories: the record broken through the services, the
return built from it, and the failure naming the child and linking to the page to put it right."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import override_settings
from django.urls import reverse

from hearth.casework import services as casework
from hearth.casework.codes import AssessmentOutcome, ConferenceOutcome, ReasonForClosure
from hearth.organisation.models import Worker
from hearth.people import services as people
from hearth.people.models import Person
from hearth.returns.cin_validation import cin_census_validate
from hearth.returns.selectors import cin_census_build
from hearth.returns.tests.factories import (
    LONDON,
    assessment,
    child,
    conference_and_plan,
    front_door_worker,
    referral,
    section47,
)
from hearth.returns.views import person_fix_url
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db

YEAR = CollectionYear(2026)
D = dt.date
Scenario = Callable[[Worker], Person]
SCENARIOS: dict[str, Scenario] = {}


def scenario(code: str) -> Callable[[Scenario], Scenario]:
    def register(function: Scenario) -> Scenario:
        SCENARIOS[code] = function
        return function

    return register


def died(actor, person, day):
    people.person_update(actor=actor, reason="Death recorded", person=person, date_of_death=day)


def close(actor, episode, day, reason_for_closure=ReasonForClosure.RC7):
    casework.cin_episode_close(
        actor=actor,
        episode=episode,
        closure_date=day,
        reason_for_closure=reason_for_closure,
        reason="Closed",
    )


REFERRED = D(2025, 6, 2)


def plain_episode(actor, person, day=REFERRED):
    return referral(actor, person, day)


@scenario("1530")
def _(w):
    person = child(w, identifiers=[("upn", "D000432125001")])
    plain_episode(w, person)
    return person


@scenario("8770Q")
def _(w):
    person = child(w, date_of_birth=D(2015, 1, 1))
    plain_episode(w, person)
    return person


@scenario("8525Q")
def _(w):
    person = child(w, date_of_birth=None)
    plain_episode(w, person)
    return person


@scenario("8530Q")
def _(w):
    person = child(w, date_of_birth=None, expected_date_of_birth=D(2027, 2, 1), sex="U")
    plain_episode(w, person, D(2026, 3, 1))
    return person


@scenario("8545Q")
def _(w):
    person = child(w)
    plain_episode(w, person, D(2025, 1, 10))
    died(w, person, D(2025, 3, 1))
    return person


@scenario("8555Q")
def _(w):
    person = child(w)
    plain_episode(w, person, D(2025, 7, 1))
    died(w, person, D(2025, 6, 1))
    return person


@scenario("8585Q")
def _(w):
    person = child(w)
    close(w, plain_episode(w, person), D(2025, 7, 1), ReasonForClosure.RC2)
    return person


@scenario("8775Q")
def _(w):
    person = child(w, date_of_birth=D(1999, 1, 1))
    plain_episode(w, person)
    return person


@scenario("8606")
def _(w):
    person = child(w, date_of_birth=None, expected_date_of_birth=D(2026, 12, 20), sex="U")
    plain_episode(w, person, D(2025, 12, 1))
    return person


@scenario("8750")
def _(w):
    person = child(w, date_of_birth=None, expected_date_of_birth=D(2026, 6, 1), sex="F")
    plain_episode(w, person, D(2026, 1, 5))
    return person


@scenario("8540")
def _(w):
    person = child(w, disabilities=[])
    plain_episode(w, person)
    return person


@scenario("8610")
def _(w):
    person = child(w)
    referral(w, person, D(2025, 6, 2), primary_need="")
    return person


@scenario("8569Q")
def _(w):
    person = child(w)
    referral(w, person, D(2025, 3, 20), primary_need="", nfa=True)
    return person


@scenario("8816")
def _(w):
    person = child(w)
    plain_episode(w, person)
    referral(w, person, D(2025, 9, 1), primary_need="", nfa=True)
    return person


@scenario("8820")
def _(w):
    person = child(w)
    close(w, plain_episode(w, person, D(2025, 5, 1)), D(2025, 8, 1))
    plain_episode(w, person, D(2025, 7, 1))
    return person


@scenario("8565")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    assessment(w, episode, D(2025, 6, 3), D(2025, 7, 18))
    close(w, episode, D(2025, 7, 1))
    return person


@scenario("2990")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    plan = casework.cin_plan_start(actor=w, episode=episode, start_date=D(2025, 7, 1), reason="P")
    casework.cin_plan_end(actor=w, cin_plan=plan, end_date=D(2025, 8, 1), reason="Ended")
    close(w, episode, D(2025, 8, 2), ReasonForClosure.RC8)
    return person


@scenario("8825Q")
def _(w):
    person = child(w)
    close(w, plain_episode(w, person), D(2025, 6, 3), ReasonForClosure.RC8)
    return person


@scenario("8873Q")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    assessment(
        w,
        episode,
        D(2025, 6, 3),
        D(2025, 7, 1),
        factors=("21",),
        outcome=AssessmentOutcome.NO_FURTHER_ACTION,
    )
    close(w, episode, D(2025, 7, 2))
    return person


@scenario("8868")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    assessment(w, episode, D(2025, 6, 3), D(2025, 6, 20))
    enquiry = section47(w, episode, D(2025, 6, 4))
    casework.section47_complete(
        actor=w, enquiry=enquiry, completed_on=D(2025, 6, 18), icpc_required=True, reason="Done"
    )
    close(w, episode, D(2025, 6, 30))
    return person


@scenario("8736")
def _(w):
    person = child(w)
    assessment(w, plain_episode(w, person, D(2025, 3, 3)), D(2025, 3, 10))
    return person


@scenario("8670Q")
def _(w):
    person = child(w)
    assessment(w, plain_episode(w, person, D(2025, 9, 29)), D(2025, 10, 1))
    return person


@scenario("4012Q")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    plan = casework.cin_plan_start(actor=w, episode=episode, start_date=D(2025, 7, 1), reason="P")
    casework.cin_plan_end(actor=w, cin_plan=plan, end_date=D(2025, 7, 1), reason="Ended")
    return person


@scenario("4001")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    plan = casework.cin_plan_start(actor=w, episode=episode, start_date=D(2025, 6, 10), reason="P")
    casework.cin_plan_end(actor=w, cin_plan=plan, end_date=D(2025, 7, 10), reason="Ended")
    _, cp_plan = conference_and_plan(w, episode, None, D(2025, 7, 1))
    casework.cp_plan_end(
        actor=w, cp_plan=cp_plan, end_date=D(2025, 9, 1), end_reason="other", reason="Ended"
    )
    return person


@scenario("4008")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    casework.cin_plan_start(actor=w, episode=episode, start_date=D(2025, 7, 1), reason="P")
    died(w, person, D(2025, 6, 20))
    return person


@scenario("8875")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    casework.icpc_record(
        actor=w,
        episode=episode,
        held_on=D(2025, 6, 28),
        outcome=ConferenceOutcome.NO_PLAN,
        reason="ICPC on a Saturday",
    )
    return person


@scenario("8740")
def _(w):
    person = child(w)
    episode = plain_episode(w, person, D(2025, 3, 3))
    assessment(w, episode, D(2025, 3, 4), D(2025, 3, 20))
    section47(w, episode, D(2025, 3, 10))
    return person


@scenario("8675Q")
def _(w):
    person = child(w)
    episode = plain_episode(w, person, D(2025, 9, 29))
    assessment(w, episode, D(2025, 9, 30), D(2025, 10, 20))
    section47(w, episode, D(2025, 10, 1))
    return person


@scenario("2991Q")
def _(w):
    person = child(w)
    section47(w, plain_episode(w, person), D(2025, 6, 4))
    return person


@scenario("8915")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    assessment(w, episode, D(2025, 6, 3), D(2025, 6, 20))
    conference_and_plan(w, episode, None, D(2025, 7, 1))
    died(w, person, D(2025, 6, 25))
    return person


@scenario("8920")
def _(w):
    person = child(w)
    episode = plain_episode(w, person)
    _, cp_plan = conference_and_plan(w, episode, None, D(2025, 7, 1))
    casework.cp_plan_end(
        actor=w, cp_plan=cp_plan, end_date=D(2025, 9, 1), end_reason="died", reason="Ended"
    )
    died(w, person, D(2025, 8, 1))
    return person


def validate():
    census = cin_census_build(
        collection=YEAR, generated_at=dt.datetime(2026, 4, 15, 9, tzinfo=LONDON)
    )
    return cin_census_validate(census, collection=YEAR, fix_url=person_fix_url)


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_the_record_broken_is_caught_and_named(code):
    worker = front_door_worker()
    person = SCENARIOS[code](worker)

    found = [f for f in validate() if f.code == code]

    assert found, f"rule {code} did not catch the broken record"
    assert found[0].la_child_id == person.reference
    assert found[0].person_id == person.pk
    assert found[0].fix_url == reverse("people:detail", args=[person.pk])


def test_a_clean_journey_has_no_errors():
    worker = front_door_worker()
    person = child(worker, identifiers=[("upn", "V382432125001")])
    episode = plain_episode(worker, person)
    assessment(worker, episode, D(2025, 6, 3), D(2025, 7, 18))
    enquiry = section47(worker, episode, D(2025, 6, 4))
    conference_and_plan(worker, episode, enquiry, D(2025, 6, 24))

    failures = validate()

    assert [f for f in failures if f.is_error] == []
    # Queries about the return as a whole remain: one child cannot use 8 disability codes.
    assert {f.code for f in failures} == {"2887Q"}


@override_settings(TIME_ZONE="Europe/London")
def test_rules_the_record_refuses_outright_cannot_be_broken_through_the_services():
    """A sample of the rules the record itself enforces: the return can never carry them."""
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    worker = front_door_worker()
    person = child(worker)
    episode = plain_episode(worker, person)
    with pytest.raises(ValidationError, match="1103"):
        assessment(worker, episode, D(2025, 6, 1))
    assessment(worker, episode, D(2025, 6, 3))
    with pytest.raises(ValidationError, match="8896"):
        assessment(worker, episode, D(2025, 6, 4))
