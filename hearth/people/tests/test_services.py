import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.people import services
from hearth.people.codes import IdentifierKind, NameKind
from hearth.people.identifiers import upn_check_letter
from hearth.people.models import (
    Address,
    Identifier,
    Person,
    Relationship,
    RelationshipKind,
)
from hearth.people.search import search_keys
from hearth.people.tests.factories import (
    AddressFactory,
    GroupFactory,
    PersonFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db

PersonEvent = apps.get_model("people", "PersonEvent")
IdentifierEvent = apps.get_model("people", "IdentifierEvent")

TODAY = timezone.localdate()


@pytest.fixture
def actor():
    return WorkerFactory.create()


def field_errors(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return caught.value.message_dict


def test_person_create_allocates_increasing_references_and_search_keys(actor):
    first = services.person_create(actor=actor, given_name="Ava", family_name="Patel")
    second = services.person_create(actor=actor, given_name="Ben", family_name="Patel")
    assert first.reference.startswith("HRT")
    assert len(first.reference) == 10
    assert int(second.reference[3:]) > int(first.reference[3:])
    assert (first.search_grams, first.search_phonetic) == search_keys(["Ava Patel"])


def test_reference_numbers_are_not_reused_after_a_failed_create(actor):
    before = services.person_references_allocate()[0]
    with pytest.raises(ValidationError), transaction.atomic():
        services.person_create(
            actor=actor,
            given_name="Ava",
            family_name="Patel",
            identifiers=[(IdentifierKind.NHS, "9434765918")],
        )
    after = services.person_create(actor=actor, given_name="Ava", family_name="Patel")
    assert int(after.reference[3:]) >= int(before[3:]) + 2


def test_person_create_records_who_and_why_in_history(actor):
    person = services.person_create(
        actor=actor, reason="Referral from school", given_name="Ava", family_name="Patel"
    )
    created = PersonEvent.objects.get(pgh_obj_id=person.pk, pgh_label="insert")
    assert created.pgh_context.metadata["user"] == actor.pk
    assert created.pgh_context.metadata["reason"] == "Referral from school"


def test_person_create_with_identifiers_stores_them_compacted(actor):
    person = services.person_create(
        actor=actor,
        given_name="Ava",
        family_name="Patel",
        identifiers=[(IdentifierKind.NHS, "943 476 5919"), (IdentifierKind.ULN, "9276308686")],
    )
    assert sorted(person.identifiers.values_list("value", flat=True)) == [
        "9276308686",
        "9434765919",
    ]


def test_person_create_refuses_contradictory_dates_field_by_field(actor):
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            actor=actor,
            given_name="Ava",
            family_name="Patel",
            date_of_birth=TODAY + dt.timedelta(days=1),
        )
    assert field_errors(caught) == {"date_of_birth": ["Date of birth must be today or in the past"]}
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            actor=actor,
            given_name="Ava",
            family_name="Patel",
            date_of_birth=TODAY - dt.timedelta(days=10),
            expected_date_of_birth=TODAY + dt.timedelta(days=10),
        )
    assert "expected_date_of_birth" in field_errors(caught)


def test_unborn_child_has_an_expected_date_only(actor):
    person = services.person_create(
        actor=actor,
        given_name="Baby",
        family_name="Patel",
        expected_date_of_birth=TODAY + dt.timedelta(days=60),
    )
    assert person.is_unborn


def test_person_update_changes_given_fields_and_refreshes_search_keys(actor):
    person = services.person_create(actor=actor, given_name="Ava", family_name="Patel")
    services.person_update(
        actor=actor, reason="Name changed by deed poll", person=person, family_name="Okafor"
    )
    person.refresh_from_db()
    assert person.family_name == "Okafor"
    assert "oka" in person.search_grams
    assert "pat" not in person.search_grams


def test_person_update_refuses_unknown_fields(actor):
    person = PersonFactory.create()
    with pytest.raises(TypeError):
        services.person_update(actor=actor, reason="x", person=person, reference="HRT1")


def test_person_name_add_makes_the_person_findable_by_it(actor):
    person = services.person_create(actor=actor, given_name="Ava", family_name="Okafor")
    services.person_name_add(
        actor=actor,
        reason="Name at birth",
        person=person,
        given_name="Ava",
        family_name="Patel",
        kind=NameKind.BIRTH,
    )
    person.refresh_from_db()
    assert "pat" in person.search_grams
    assert "oka" in person.search_grams


def test_person_name_add_needs_a_name(actor):
    with pytest.raises(ValidationError) as caught:
        services.person_name_add(
            actor=actor, reason="x", person=PersonFactory.create(), given_name=" ", family_name=""
        )
    assert "family_name" in field_errors(caught)


def test_identifier_add_refuses_bad_numbers_with_the_specific_message(actor):
    person = PersonFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.identifier_add(
            actor=actor, reason="x", person=person, kind=IdentifierKind.NHS, value="12345"
        )
    assert field_errors(caught) == {"value": ["Enter an NHS number with 10 digits"]}


def test_identifier_add_refuses_a_second_of_a_kind_and_someone_elses(actor):
    person, other = PersonFactory.create(), PersonFactory.create()
    services.identifier_add(
        actor=actor, reason="x", person=person, kind=IdentifierKind.NHS, value="9434765919"
    )
    with pytest.raises(ValidationError) as caught:
        services.identifier_add(
            actor=actor, reason="x", person=person, kind=IdentifierKind.NHS, value="9434765919"
        )
    assert "kind" in field_errors(caught)
    with pytest.raises(ValidationError) as caught:
        services.identifier_add(
            actor=actor, reason="x", person=other, kind=IdentifierKind.NHS, value="9434765919"
        )
    message = field_errors(caught)["value"][0]
    assert "already recorded for another person" in message
    assert person.full_name not in message


def test_several_former_upns_are_allowed(actor):
    person = PersonFactory.create()
    for body in ("801200005001", "801200005002"):
        services.identifier_add(
            actor=actor,
            reason="School records",
            person=person,
            kind=IdentifierKind.FORMER_UPN,
            value=upn_check_letter(body) + body,
        )
    assert person.identifiers.count() == 2


def test_identifier_remove_needs_a_reason_and_keeps_history(actor):
    identifier = services.identifier_add(
        actor=actor,
        reason="x",
        person=PersonFactory.create(),
        kind=IdentifierKind.ULN,
        value="9276308686",
    )
    with pytest.raises(ValidationError):
        services.identifier_remove(actor=actor, reason=" ", identifier=identifier)
    pk = identifier.pk
    services.identifier_remove(actor=actor, reason="Belongs to a sibling", identifier=identifier)
    assert not Identifier.objects.filter(pk=pk).exists()
    removal = IdentifierEvent.objects.get(pgh_obj_id=pk, pgh_label="delete")
    assert removal.value == "9276308686"
    assert removal.pgh_context.metadata["reason"] == "Belongs to a sibling"


def test_address_add_ends_the_previous_current_address(actor):
    person = PersonFactory.create()
    old = AddressFactory.create(person=person, started_on=TODAY - dt.timedelta(days=100))
    new = services.address_add(
        actor=actor,
        reason="Moved",
        person=person,
        line_1="2 New Road",
        postcode="hd12tg",
        started_on=TODAY - dt.timedelta(days=5),
    )
    old.refresh_from_db()
    assert old.ended_on == TODAY - dt.timedelta(days=6)
    assert new.ended_on is None
    assert new.postcode == "HD1 2TG"
    assert person.addresses.filter(ended_on__isnull=True).get() == new


def test_address_add_refuses_a_move_before_the_current_address_began(actor):
    person = PersonFactory.create()
    AddressFactory.create(person=person, started_on=TODAY - dt.timedelta(days=10))
    with pytest.raises(ValidationError) as caught:
        services.address_add(
            actor=actor,
            reason="Moved",
            person=person,
            line_1="2 New Road",
            postcode="HD1 2TG",
            started_on=TODAY - dt.timedelta(days=20),
        )
    assert "started_on" in field_errors(caught)


def test_address_end(actor):
    address = AddressFactory.create(started_on=TODAY - dt.timedelta(days=10))
    with pytest.raises(ValidationError):
        services.address_end(
            actor=actor, reason="x", address=address, ended_on=TODAY - dt.timedelta(days=11)
        )
    services.address_end(actor=actor, reason="Left", address=address, ended_on=TODAY)
    assert Address.objects.get(pk=address.pk).ended_on == TODAY


def test_normalise_postcode():
    assert services.normalise_postcode(" hd1  2tg") == "HD1 2TG"
    assert services.normalise_postcode("sw1a1aa") == "SW1A 1AA"
    assert services.normalise_postcode("unknown") == "UNKNOWN"


def test_contact_detail_add_checks_format_and_moves_preference(actor):
    person = PersonFactory.create()
    with pytest.raises(ValidationError):
        services.contact_detail_add(
            actor=actor, reason="x", person=person, kind="email", value="not-an-email"
        )
    first = services.contact_detail_add(
        actor=actor,
        reason="x",
        person=person,
        kind="mobile",
        value="07700 900982",
        is_preferred=True,
    )
    second = services.contact_detail_add(
        actor=actor,
        reason="x",
        person=person,
        kind="email",
        value="ava@example.com",
        is_preferred=True,
    )
    first.refresh_from_db()
    assert not first.is_preferred
    assert second.is_preferred


def test_relationship_record_refuses_self_and_duplicates_either_way(actor):
    ava, ben = PersonFactory.create(), PersonFactory.create()
    with pytest.raises(ValidationError):
        services.relationship_record(
            actor=actor, reason="x", person=ava, other=ava, kind=RelationshipKind.SIBLING
        )
    services.relationship_record(
        actor=actor, reason="x", person=ava, other=ben, kind=RelationshipKind.SIBLING
    )
    with pytest.raises(ValidationError) as caught:
        services.relationship_record(
            actor=actor, reason="x", person=ben, other=ava, kind=RelationshipKind.SIBLING
        )
    assert field_errors(caught) == {
        "kind": ["A sibling relationship between them is already recorded"]
    }
    assert Relationship.objects.count() == 1


def test_relationship_end_and_record_again_reopens(actor):
    mum, child = PersonFactory.create(), PersonFactory.create()
    rel = services.relationship_record(
        actor=actor,
        reason="x",
        person=mum,
        other=child,
        kind=RelationshipKind.PARENT,
        has_parental_responsibility=True,
    )
    services.relationship_end(actor=actor, reason="Order made", relationship=rel, ended_on=TODAY)
    again = services.relationship_record(
        actor=actor, reason="x", person=mum, other=child, kind=RelationshipKind.PARENT
    )
    assert again.pk == rel.pk
    assert again.ended_on is None


def test_group_create_and_member_add(actor):
    ava, ben = PersonFactory.create(), PersonFactory.create()
    group = services.group_create(actor=actor, reason="x", name="Patel family", members=[ava])
    services.group_member_add(actor=actor, reason="x", group=group, person=ben)
    assert set(group.memberships.values_list("person_id", flat=True)) == {ava.pk, ben.pk}
    with pytest.raises(ValidationError):
        services.group_member_add(actor=actor, reason="x", group=group, person=ben)
    with pytest.raises(ValidationError):
        services.group_create(actor=actor, reason="x", name=" ")
    assert GroupFactory.create().memberships.count() == 0


def test_person_count_is_unchanged_by_refused_create(actor):
    with pytest.raises(ValidationError), transaction.atomic():
        services.person_create(
            actor=actor,
            given_name="Ava",
            family_name="Patel",
            identifiers=[(IdentifierKind.UPN, "A801200005001")],
        )
    assert not Person.objects.filter(given_name="Ava").exists()
