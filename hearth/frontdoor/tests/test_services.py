"""Front door services: one contact for siblings, MASH enquiries, a decision per child."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from hearth.casework.tests.factories import PersonFactory, WorkerFactory, front_door_worker
from hearth.frontdoor.codes import Agency, ContactInvolvement, ContactOutcome, RagRating
from hearth.frontdoor.models import ContactChild, ContactDecision, MashEnquiry
from hearth.frontdoor.selectors import (
    contact_children_awaiting_decision,
    contact_list_for_child,
)
from hearth.frontdoor.services import (
    contact_child_add,
    contact_decision_record,
    contact_record,
    mash_enquiry_rate,
    mash_enquiry_start,
    mash_information_add,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def record(actor, children, received_at=None, **kwargs):
    return contact_record(
        actor=actor,
        reason="Contact from the school",
        received_at=received_at or at(2025, 11, 3),
        source="2A",
        children=children,
        contact_reason="Bruising seen on both children at school.",
        **kwargs,
    )


def test_a_contact_about_siblings_is_recorded_once_with_each_child_linked():
    mash = front_door_worker()
    first, second = PersonFactory.create(), PersonFactory.create()
    mother = PersonFactory.create(given_name="Grace", date_of_birth=dt.date(1990, 1, 1))

    contact = record(
        mash,
        [first, second],
        referrer_name="Ms Patel",
        people_involved=[(mother, ContactInvolvement.PARENT_OR_CARER)],
    )

    assert set(contact.children.all()) == {first, second}
    assert ContactChild.objects.filter(contact=contact).count() == 2
    assert contact.people_involved.get().person == mother
    assert contact.recorded_by == mash
    assert list(contact_list_for_child(mash, first.pk)) == [contact]
    assert list(contact_list_for_child(mash, second.pk)) == [contact]


@pytest.mark.parametrize(
    ("received_at", "due_on"),
    [
        # Monday: the next working day.
        (at(2025, 11, 3), dt.date(2025, 11, 4)),
        # Friday evening: the Monday.
        (at(2025, 11, 7, 22, 30), dt.date(2025, 11, 10)),
        # Christmas Eve 2025 (Wed): 25 and 26 Dec are bank holidays, then the weekend.
        (at(2025, 12, 24, 16), dt.date(2025, 12, 29)),
        # Friday before the summer bank holiday (Mon 25 Aug 2025).
        (at(2025, 8, 22), dt.date(2025, 8, 26)),
        # Just after midnight UTC in summer time is still the same local day.
        (dt.datetime(2025, 8, 21, 23, 30, tzinfo=dt.UTC), dt.date(2025, 8, 26)),
    ],
)
def test_the_decision_is_due_one_working_day_after_the_contact(received_at, due_on):
    contact = record(front_door_worker(), [PersonFactory.create()], received_at=received_at)

    assert contact.decision_due_on == due_on


def test_bad_contact_input_is_refused_field_by_field():
    mash = front_door_worker()
    child = PersonFactory.create()
    with pytest.raises(ValidationError) as error:
        record(mash, [])
    assert "children" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(mash, [child, child])
    assert "children" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(mash, [child], received_at=dt.datetime(2025, 11, 3, 10))  # noqa: DTZ001
    assert "received_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        contact_record(
            actor=mash,
            reason="r",
            received_at=at(2025, 11, 3),
            source="ZZ",
            children=[child],
            contact_reason="x",
        )
    assert "source" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(mash, [child], people_involved=[(child, ContactInvolvement.OTHER)])
    assert "people_involved" in error.value.message_dict


def test_a_worker_who_cannot_see_the_child_cannot_record_a_contact():
    outsider = WorkerFactory.create()  # in no team
    with pytest.raises(PermissionDenied):
        record(outsider, [PersonFactory.create()])


def test_a_sibling_can_join_a_contact_later():
    mash = front_door_worker()
    first, second = PersonFactory.create(), PersonFactory.create()
    contact = record(mash, [first])

    contact_child_add(actor=mash, contact=contact, child=second, reason="Sibling found in checks")

    assert set(contact.children.all()) == {first, second}
    with pytest.raises(ValidationError):
        contact_child_add(actor=mash, contact=contact, child=second, reason="again")


def test_the_mash_gathers_partner_information_and_rates_the_contact():
    mash = front_door_worker()
    contact = record(mash, [PersonFactory.create(), PersonFactory.create()])

    enquiry = mash_enquiry_start(
        actor=mash, contact=contact, started_at=at(2025, 11, 3, 11), reason="MASH checks"
    )
    mash_information_add(
        actor=mash,
        enquiry=enquiry,
        agency=Agency.POLICE,
        information="Two call-outs for domestic abuse this year.",
        provided_at=at(2025, 11, 3, 12),
        reason="Police check",
    )
    mash_information_add(
        actor=mash,
        enquiry=enquiry,
        agency=Agency.HEALTH,
        information="Missed health visitor appointments.",
        provided_at=at(2025, 11, 3, 13),
        reason="Health check",
    )
    mash_enquiry_rate(
        actor=mash,
        enquiry=enquiry,
        rag_rating=RagRating.RED,
        rag_rationale="Injuries and domestic abuse.",
        rated_at=at(2025, 11, 3, 14),
        reason="Rated",
    )

    enquiry.refresh_from_db()
    assert enquiry.rag_rating == RagRating.RED
    assert enquiry.rated_by == mash
    assert {i.agency for i in enquiry.information.all()} == {Agency.POLICE, Agency.HEALTH}
    with pytest.raises(ValidationError) as error:
        mash_information_add(
            actor=mash,
            enquiry=enquiry,
            agency=Agency.CHILDRENS_SOCIAL_CARE,
            information="Own records",
            provided_at=at(2025, 11, 3, 12),
            reason="r",
        )
    assert "agency" in error.value.message_dict
    with pytest.raises(ValidationError):
        mash_enquiry_start(actor=mash, contact=contact, started_at=at(2025, 11, 3, 15), reason="r")


def test_a_rating_without_who_and_when_is_refused_by_the_database():
    mash = front_door_worker()
    contact = record(mash, [PersonFactory.create()])
    enquiry = mash_enquiry_start(
        actor=mash, contact=contact, started_at=at(2025, 11, 3, 11), reason="r"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MashEnquiry.objects.filter(pk=enquiry.pk).update(rag_rating=RagRating.GREEN)


def test_each_child_gets_their_own_decision():
    mash = front_door_worker()
    first, second = PersonFactory.create(), PersonFactory.create()
    contact = record(mash, [first, second])
    assert {row.child for row in contact_children_awaiting_decision(mash)} == {first, second}

    referral = contact_decision_record(
        actor=mash,
        contact=contact,
        child=first,
        outcome=ContactOutcome.REFERRAL,
        decided_at=at(2025, 11, 4, 9),
        rationale="Injuries need assessment.",
        reason="Decision",
    )
    early_help = contact_decision_record(
        actor=mash,
        contact=contact,
        child=second,
        outcome=ContactOutcome.EARLY_HELP,
        decided_at=at(2025, 11, 5, 9),
        reason="Decision",
    )

    assert referral.decided_in_time
    assert not early_help.decided_in_time  # due Tue 4 Nov, decided Wed 5 Nov
    assert list(contact_children_awaiting_decision(mash)) == []
    with pytest.raises(ValidationError) as error:
        contact_decision_record(
            actor=mash,
            contact=contact,
            child=first,
            outcome=ContactOutcome.NO_FURTHER_ACTION,
            decided_at=at(2025, 11, 4, 10),
            reason="again",
        )
    assert "child" in error.value.message_dict


def test_a_decision_for_a_child_the_contact_does_not_name_is_refused():
    mash = front_door_worker()
    named, other = PersonFactory.create(), PersonFactory.create()
    contact = record(mash, [named])

    with pytest.raises(ValidationError) as error:
        contact_decision_record(
            actor=mash,
            contact=contact,
            child=other,
            outcome=ContactOutcome.REFERRAL,
            decided_at=at(2025, 11, 4),
            reason="r",
        )
    assert "child" in error.value.message_dict

    # The composite foreign key refuses it even when the service is bypassed.
    with pytest.raises(DatabaseError), transaction.atomic():
        ContactDecision.objects.create(
            contact=contact,
            child=other,
            outcome=ContactOutcome.REFERRAL,
            decided_at=at(2025, 11, 4),
            decided_by=mash,
        )
        # The constraint is deferred to the end of the transaction; check it now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_decision_cannot_come_before_the_contact():
    mash = front_door_worker()
    child = PersonFactory.create()
    contact = record(mash, [child])
    with pytest.raises(ValidationError) as error:
        contact_decision_record(
            actor=mash,
            contact=contact,
            child=child,
            outcome=ContactOutcome.REFERRAL,
            decided_at=at(2025, 11, 2),
            reason="r",
        )
    assert "decided_at" in error.value.message_dict
