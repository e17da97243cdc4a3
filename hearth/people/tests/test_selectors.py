import datetime as dt

import pytest
from django.utils import timezone

from hearth.access.models import AccessGrant
from hearth.people.search import search_keys
from hearth.people.selectors import current_postcodes, person_search, possible_duplicates
from hearth.people.tests.factories import (
    AddressFactory,
    IdentifierFactory,
    PersonFactory,
    PersonNameFactory,
    RelationshipFactory,
    WorkerFactory,
    council_wide_worker,
    worker_who_sees,
)

pytestmark = pytest.mark.django_db

DOB = dt.date(2015, 3, 14)


@pytest.fixture
def worker():
    return council_wide_worker()


def names(people):
    return [p.full_name for p in people]


def test_typos_find_the_person(worker):
    john = PersonFactory.create(given_name="John", family_name="Smith")
    PersonFactory.create(given_name="Priya", family_name="Kaur")
    for typed in ("Jonh Smyth", "john smith", "Smith", "Jon Smiht", "JOHN  SMITH "):
        assert john in person_search(worker, name=typed), typed


def test_unrelated_names_are_not_returned(worker):
    PersonFactory.create(given_name="John", family_name="Smith")
    assert person_search(worker, name="Priya Kaur") == []


def test_exact_name_ranks_first_then_similarity(worker):
    PersonFactory.create(given_name="Jon", family_name="Smyth")
    PersonFactory.create(given_name="Johnny", family_name="Smithson")
    exact = PersonFactory.create(given_name="John", family_name="Smith")
    results = person_search(worker, name="John Smith")
    assert results[0] == exact
    # Johnny Smithson shares 9 of 18 distinct trigrams with the query, Jon Smyth 5 of 16.
    assert names(results) == ["John Smith", "Johnny Smithson", "Jon Smyth"]


def test_former_names_are_searched(worker):
    ava = PersonFactory.create(given_name="Ava", family_name="Okafor")
    PersonNameFactory.create(person=ava, given_name="Ava", family_name="Patel")
    ava.search_grams, ava.search_phonetic = search_keys(["Ava Okafor", "Ava Patel"])
    ava.save()
    assert person_search(worker, name="Ava Patel") == [ava]


def test_date_of_birth_is_exact_and_combines_with_name(worker):
    a = PersonFactory.create(given_name="John", family_name="Smith", date_of_birth=DOB)
    PersonFactory.create(given_name="John", family_name="Smith", date_of_birth=dt.date(2016, 3, 14))
    assert person_search(worker, date_of_birth=DOB) == [a]
    assert person_search(worker, name="Jonh Smith", date_of_birth=DOB) == [a]


def test_expected_date_of_birth_matches_for_an_unborn_child(worker):
    due = timezone.localdate() + dt.timedelta(days=40)
    unborn = PersonFactory.create(date_of_birth=None, expected_date_of_birth=due)
    assert person_search(worker, date_of_birth=due) == [unborn]


def test_identifier_is_exact_with_spaces_ignored(worker):
    person = IdentifierFactory.create(value="9434765919").person
    PersonFactory.create()
    assert person_search(worker, identifier="943 476 5919") == [person]
    assert person_search(worker, identifier="9434765918") == []


def test_postcode_of_any_address_however_typed(worker):
    old = AddressFactory.create(
        postcode="HD1 2TG", ended_on=dt.date(2024, 1, 1), started_on=dt.date(2020, 1, 1)
    )
    AddressFactory.create(person=old.person, postcode="LS1 4AB", started_on=dt.date(2024, 1, 2))
    AddressFactory.create(postcode="HD7 5AB")
    assert person_search(worker, postcode="hd12tg") == [old.person]
    results = person_search(worker, postcode="HD1  2TG")
    assert current_postcodes(worker, results) == {old.person.pk: "LS1 4AB"}


def test_sealed_addresses_neither_match_nor_show_without_a_grant(worker):
    address = AddressFactory.create(postcode="HD1 2TG", is_sealed=True)
    assert person_search(worker, postcode="HD1 2TG") == []
    found = person_search(worker, name=address.person.full_name)
    assert found == [address.person]
    assert current_postcodes(worker, found) == {}
    AccessGrant.objects.create(
        person=address.person,
        worker=worker,
        granted_by=WorkerFactory.create(),
        reason="Allocated to the adoption team",
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    found = person_search(worker, postcode="HD1 2TG")
    assert current_postcodes(worker, found) == {address.person.pk: "HD1 2TG"}


def test_search_only_returns_visible_people():
    child = PersonFactory.create(given_name="John", family_name="Smith")
    mum = PersonFactory.create(given_name="Joan", family_name="Smith")
    RelationshipFactory.create(person=mum, other=child)
    PersonFactory.create(given_name="John", family_name="Smith")  # allocated to nobody
    sealed = PersonFactory.create(given_name="John", family_name="Smith", is_sealed=True)
    worker = worker_who_sees(child, sealed)
    assert set(person_search(worker, name="Smith")) == {child, mum}


def test_no_criteria_no_results(worker):
    PersonFactory.create()
    assert person_search(worker) == []
    assert person_search(worker, name="  -- ") == []


def test_possible_duplicates_by_identifier_and_by_name_with_dob(worker):
    same_nhs = IdentifierFactory.create(value="9434765919").person
    same_name_dob = PersonFactory.create(given_name="John", family_name="Smith", date_of_birth=DOB)
    PersonFactory.create(given_name="John", family_name="Smith", date_of_birth=dt.date(2001, 1, 1))
    found = possible_duplicates(
        worker,
        given_name="Jon",
        family_name="Smith",
        date_of_birth=DOB,
        identifiers=[("nhs", "943 476 5919")],
    )
    by_person = {d.person: d.reasons for d in found}
    assert by_person == {
        same_nhs: ["Same NHS number"],
        same_name_dob: ["Similar name and the same date of birth"],
    }


def test_possible_duplicates_without_dob_needs_the_same_name(worker):
    same = PersonFactory.create(given_name="John", family_name="Smith", date_of_birth=DOB)
    PersonFactory.create(given_name="Jon", family_name="Smyth", date_of_birth=DOB)
    found = possible_duplicates(
        worker, given_name="John", family_name="Smith", date_of_birth=None, identifiers=[]
    )
    assert [d.person for d in found] == [same]


def test_possible_duplicates_never_reveal_people_out_of_sight():
    PersonFactory.create(given_name="John", family_name="Smith", date_of_birth=DOB)
    worker = worker_who_sees(PersonFactory.create())
    assert (
        possible_duplicates(
            worker, given_name="John", family_name="Smith", date_of_birth=DOB, identifiers=[]
        )
        == []
    )
