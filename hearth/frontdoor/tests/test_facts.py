"""The front door's fact writers and the reading of practice answers into typed values."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.tests.factories import PersonFactory, front_door_worker
from hearth.frontdoor.fact_values import (
    bool_value,
    code_value,
    codes_value,
    date_value,
    datetime_value,
    reason_of,
)
from hearth.frontdoor.models import ContactDecision
from hearth.practice.facts import fact_kind

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def write(name, actor, child, context=None, **values):
    return fact_kind(name).writer(actor=actor, child=child, values=values, context=context or {})


def contact_for(actor, children, step):
    contact = None
    for child in children:
        contact = write(
            "contact",
            actor,
            child,
            {"step_id": step},
            received_at=dt.datetime(2025, 11, 3, 9, tzinfo=LONDON),
            referral_source="6",
            contact_reason="Police attended a domestic incident.",
        )
    return contact


def test_the_contact_decision_applies_to_the_contact_named_in_the_context():
    actor = front_door_worker()
    child = PersonFactory.create()
    first = contact_for(actor, [child], "s1")
    second = contact_for(actor, [child], "s2")
    assert first != second

    decision = write(
        "contact_decision",
        actor,
        child,
        {"contact_id": first.pk},
        contact_outcome="nfa",
        decided_at="2025-11-03T12:00",
    )
    assert decision.contact == first
    # Without a contact id: the latest contact still awaiting a decision for the child.
    latest = write("contact_decision", actor, child, contact_outcome="early_help")
    assert latest.contact == second
    assert ContactDecision.objects.filter(child=child).count() == 2
    with pytest.raises(ValidationError) as error:
        write("contact_decision", actor, child, contact_outcome="nfa")
    assert "contact" in error.value.message_dict


def test_a_mash_enquiry_without_a_rating_stays_unrated_and_takes_more_information_later():
    actor = front_door_worker()
    child = PersonFactory.create()
    contact_for(actor, [child], "s1")
    enquiry = write(
        "mash_enquiry",
        actor,
        child,
        {"step_id": "m1"},
        health_information="Registered with GP, no concerns.",
        information_received_at="2025-11-03T10:00",
    )
    assert enquiry.rag_rating == ""
    again = write(
        "mash_enquiry",
        actor,
        child,
        {"step_id": "m2"},
        housing_information="Rent arrears.",
        information_received_at="2025-11-03T11:00",
        rag_rating="amber",
    )
    assert again == enquiry
    again.refresh_from_db()
    assert again.rag_rating == "amber"
    assert again.information.count() == 2
    with pytest.raises(ValidationError) as error:
        write("mash_enquiry", actor, child, {"step_id": "m3"}, rag_rating="purple")
    assert "rag_rating" in error.value.message_dict


def test_values_are_read_from_python_values_and_form_strings():
    assert date_value({"d": "2025-11-03"}, "d") == dt.date(2025, 11, 3)
    assert date_value({"d": dt.datetime(2025, 11, 3, 23, 30, tzinfo=dt.UTC)}, "d") == dt.date(
        2025, 11, 3
    )
    assert date_value({"d": ""}, "d", required=False) is None
    moment = datetime_value({"t": "2025-07-01T09:00"}, "t")
    assert moment == dt.datetime(2025, 7, 1, 9, tzinfo=LONDON)
    assert bool_value({"b": "Yes"}, "b") is True
    assert bool_value({"b": 0}, "b") is False
    assert code_value({"c": " N1 "}, "c", ["N1", "N2"]) == "N1"
    assert codes_value({"c": "3B, 4B"}, "c", ["3B", "4B"]) == ["3B", "4B"]
    assert codes_value({}, "c", ["3B"], required=False) == []
    assert reason_of({"step_id": 7}, "Visit recorded") == "Visit recorded (practice step 7)"
    assert reason_of({"reason": "Manager's correction"}, "x") == "Manager's correction"


@pytest.mark.parametrize(
    ("reader", "values"),
    [
        (lambda v: date_value(v, "f"), {"f": "31/02/2025"}),
        (lambda v: date_value(v, "f"), {}),
        (lambda v: datetime_value(v, "f"), {"f": "tomorrow"}),
        (lambda v: bool_value(v, "f"), {"f": "maybe"}),
        (lambda v: code_value(v, "f", ["A"]), {"f": "B"}),
        (lambda v: codes_value(v, "f", ["A"]), {"f": ["A", "A"]}),
        (lambda v: codes_value(v, "f", ["A"]), {"f": []}),
    ],
)
def test_bad_values_are_refused_against_their_field(reader, values):
    with pytest.raises(ValidationError) as error:
        reader(values)
    assert list(error.value.message_dict) == ["f"]
