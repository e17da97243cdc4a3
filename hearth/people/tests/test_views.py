import datetime as dt
import re

import pytest
from django.http import HttpResponse, HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.access.models import AccessGrant
from hearth.audit.models import RecordAccess
from hearth.organisation.models import Role
from hearth.people.models import Person, Relationship, RelationshipKind
from hearth.people.tests.factories import (
    PASSWORD,
    AddressFactory,
    GroupMembershipFactory,
    IdentifierFactory,
    PersonFactory,
    RelationshipFactory,
    WorkerFactory,
    council_wide_worker,
    worker_who_sees,
)
from hearth.people.views import optional_url

pytestmark = pytest.mark.django_db


def signed_in(worker) -> Client:
    client = Client()
    assert client.login(username=worker.username, password=PASSWORD)
    return client


def page(response: HttpResponseBase) -> str:
    assert response.status_code == 200, response.status_code
    assert isinstance(response, HttpResponse)
    return response.content.decode()


def test_search_by_name_with_typos_lists_visible_people_with_postcode():
    john = PersonFactory.create(
        given_name="John", family_name="Smith", date_of_birth=dt.date(2015, 3, 14)
    )
    AddressFactory.create(person=john, postcode="HD1 2TG")
    client = signed_in(council_wide_worker())
    html = page(client.get(reverse("people:search"), {"name": "Jonh Smyth"}))
    assert "1 person found" in html
    assert "John Smith" in html
    assert "14 March 2015" in html
    assert john.reference in html
    assert "HD1 2TG" in html


def test_search_by_date_of_birth_uses_the_date_input():
    john = PersonFactory.create(date_of_birth=dt.date(2015, 3, 14))
    client = signed_in(council_wide_worker())
    html = page(
        client.get(
            reverse("people:search"),
            {"date_of_birth-day": "14", "date_of_birth-month": "3", "date_of_birth-year": "2015"},
        )
    )
    assert john.full_name in html


def test_search_date_errors_are_field_level_and_keep_what_was_typed():
    client = signed_in(council_wide_worker())
    html = page(
        client.get(
            reverse("people:search"),
            {
                "name": "Smith",
                "date_of_birth-day": "31",
                "date_of_birth-month": "2",
                "date_of_birth-year": "2015",
            },
        )
    )
    assert "There is a problem" in html
    assert "Date of birth must be a real date" in html
    assert 'href="#id_date_of_birth-day"' in html
    assert 'value="Smith"' in html
    day_input = re.search(r'<input[^>]*name="date_of_birth-day"[^>]*>', html)
    assert day_input is not None
    assert 'value="31"' in day_input[0]
    assert "govuk-input--error" in day_input[0]


def test_search_with_nothing_typed_explains():
    client = signed_in(council_wide_worker())
    html = page(client.get(reverse("people:search"), {"name": ""}))
    assert "Enter a name, date of birth, NHS number, UPN, ULN or postcode" in html


def test_sealed_people_are_not_found_and_never_named():
    PersonFactory.create(given_name="Sealed", family_name="Child", is_sealed=True)
    client = signed_in(council_wide_worker())
    html = page(client.get(reverse("people:search"), {"name": "Sealed Child"}))
    assert "No people found" in html
    assert "Sealed" not in html.split("<h2")[1]


def test_person_page_shows_details_and_writes_the_read_audit():
    child = PersonFactory.create(given_name="Ava", family_name="Patel", disabilities=["HEAR"])
    IdentifierFactory.create(person=child, value="9434765919")
    worker = worker_who_sees(child)
    html = page(signed_in(worker).get(reverse("people:detail", args=[child.pk])))
    assert "Ava Patel" in html
    assert "9434765919" in html
    assert "Hearing" in html
    assert RecordAccess.objects.filter(person_id=child.pk, worker_id=worker.pk).exists()


def test_guessed_url_outside_scope_is_404_like_a_missing_one():
    outside = PersonFactory.create()
    client = signed_in(worker_who_sees(PersonFactory.create()))
    assert client.get(reverse("people:detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[outside.pk + 1000])).status_code == 404
    assert client.get(reverse("people:edit", args=[outside.pk])).status_code == 404
    assert client.get(reverse("people:identifier-add", args=[outside.pk])).status_code == 404


def test_relationships_show_from_both_sides_and_hide_people_out_of_sight():
    child = PersonFactory.create(given_name="Ava", family_name="Patel")
    mum = PersonFactory.create(given_name="Mina", family_name="Patel")
    sealed_dad = PersonFactory.create(given_name="Secret", family_name="Person", is_sealed=True)
    RelationshipFactory.create(person=mum, other=child, kind=RelationshipKind.PARENT)
    RelationshipFactory.create(person=sealed_dad, other=child, kind=RelationshipKind.PARENT)
    worker = worker_who_sees(child)
    client = signed_in(worker)
    html = page(client.get(reverse("people:detail", args=[child.pk])))
    assert "Mina Patel" in html
    assert "Parent" in html
    assert "A person you do not have access to" in html
    assert "Secret" not in html
    mum_html = page(client.get(reverse("people:detail", args=[mum.pk])))
    assert "Ava Patel" in mum_html
    assert "Child" in mum_html


def test_sealed_address_is_withheld_without_a_grant():
    child = PersonFactory.create()
    AddressFactory.create(person=child, line_1="1 Refuge Road", postcode="HD1 2TG", is_sealed=True)
    worker = worker_who_sees(child)
    html = page(signed_in(worker).get(reverse("people:detail", args=[child.pk])))
    assert "Address withheld" in html
    assert "Refuge Road" not in html
    AccessGrant.objects.create(
        person=child,
        worker=worker,
        granted_by=WorkerFactory.create(),
        reason="Allocated",
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    html = page(signed_in(worker).get(reverse("people:detail", args=[child.pk])))
    assert "1 Refuge Road" in html


def test_groups_name_only_visible_members():
    child, sibling, hidden = PersonFactory.create_batch(3)
    membership = GroupMembershipFactory.create(person=child)
    GroupMembershipFactory.create(group=membership.group, person=sibling)
    GroupMembershipFactory.create(group=membership.group, person=hidden)
    html = page(
        signed_in(worker_who_sees(child, sibling)).get(reverse("people:detail", args=[child.pk]))
    )
    assert sibling.full_name in html
    assert hidden.full_name not in html
    assert "1 person you do not have access to" in html


def test_history_links_appear_only_when_the_pages_exist_and_the_worker_may_use_them():
    assert optional_url("audit:no-such-page", 1) is None
    child = PersonFactory.create()
    url = reverse("people:detail", args=[child.pk])
    administrator = WorkerFactory.create(role=Role.ADMINISTRATOR)
    html = page(signed_in(administrator).get(url))
    history = optional_url("audit:person-history", child.pk)
    assert (history is not None) == ("History of changes" in html)
    access_log = optional_url("audit:person-access-log", child.pk)
    assert (access_log is not None) == ("Who has viewed this record" in html)
    html = page(signed_in(worker_who_sees(child)).get(url))
    assert "History of changes" not in html


def create_data(**overrides):
    data = {
        "given_name": "Ava",
        "middle_names": "",
        "family_name": "Patel",
        "preferred_name": "",
        "date_of_birth-day": "14",
        "date_of_birth-month": "3",
        "date_of_birth-year": "2015",
        "sex": "F",
        "ethnicity": "NOBT",
        "nhs_number": "",
    }
    return data | overrides


def test_create_person_then_lands_on_their_page():
    client = signed_in(council_wide_worker())
    response = client.post(reverse("people:create"), create_data(nhs_number="943 476 5919"))
    person = Person.objects.get(given_name="Ava")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.reference.startswith("HRT")
    assert person.identifiers.get().value == "9434765919"


def test_create_errors_are_field_level_and_keep_everything_typed():
    client = signed_in(council_wide_worker())
    html = page(
        client.post(
            reverse("people:create"),
            create_data(given_name="", nhs_number="9434765918", **{"date_of_birth-month": ""}),
        )
    )
    assert "Enter a given name" in html
    assert "The NHS number&#39;s check digit is wrong" in html
    assert "Date of birth must include a month" in html
    assert 'value="Patel"' in html
    assert 'value="9434765918"' in html
    assert 'value="14"' in html
    assert not Person.objects.exists()


def test_create_warns_of_possible_duplicates_and_continues_when_confirmed():
    existing = PersonFactory.create(
        given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 3, 14)
    )
    client = signed_in(council_wide_worker())
    html = page(client.post(reverse("people:create"), create_data(given_name="Eva")))
    assert "This person may already be recorded" in html
    assert existing.reference in html
    assert 'value="Eva"' in html
    assert Person.objects.count() == 1
    response = client.post(
        reverse("people:create"), create_data(given_name="Eva", confirmed_new="on")
    )
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_edit_needs_a_reason_and_keeps_typed_values():
    child = PersonFactory.create(given_name="Ava", family_name="Patel")
    client = signed_in(worker_who_sees(child))
    url = reverse("people:edit", args=[child.pk])
    html = page(client.get(url))
    assert 'value="Ava"' in html
    data = create_data(family_name="Okafor", reason="")
    html = page(client.post(url, data))
    assert "Enter why you are changing these details" in html
    assert 'value="Okafor"' in html
    response = client.post(url, data | {"reason": "Name changed by deed poll"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.family_name == "Okafor"


def test_identifier_add_shows_the_specific_message():
    child = PersonFactory.create()
    client = signed_in(worker_who_sees(child))
    url = reverse("people:identifier-add", args=[child.pk])
    html = page(client.post(url, {"kind": "upn", "value": "A801200005001"}))
    assert "The UPN&#39;s check letter is wrong" in html
    assert 'value="A801200005001"' in html
    response = client.post(url, {"kind": "upn", "value": "b801200005001"})
    assert response.status_code == 302
    assert child.identifiers.get().value == "B801200005001"


def test_identifier_remove_needs_a_reason():
    identifier = IdentifierFactory.create()
    client = signed_in(worker_who_sees(identifier.person))
    url = reverse("people:identifier-remove", args=[identifier.person_id, identifier.pk])
    assert "Enter why you are removing" in page(client.post(url, {"reason": ""}))
    assert client.post(url, {"reason": "Recorded in error"}).status_code == 302
    assert not identifier.person.identifiers.exists()


def test_address_add_ends_the_previous_one():
    child = PersonFactory.create()
    old = AddressFactory.create(person=child, started_on=dt.date(2020, 1, 1))
    client = signed_in(worker_who_sees(child))
    response = client.post(
        reverse("people:address-add", args=[child.pk]),
        {
            "line_1": "2 New Road",
            "postcode": "hd12tg",
            "started_on-day": "1",
            "started_on-month": "9",
            "started_on-year": "2026",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.ended_on == dt.date(2026, 8, 31)


def test_name_add_makes_the_former_name_searchable():
    child = PersonFactory.create(given_name="Ava", family_name="Okafor")
    worker = worker_who_sees(child)
    client = signed_in(worker)
    response = client.post(
        reverse("people:name-add", args=[child.pk]),
        {"kind": "former", "given_name": "Ava", "family_name": "Patel"},
    )
    assert response.status_code == 302
    assert child.full_name in page(client.get(reverse("people:search"), {"name": "Ava Patel"}))


def test_relationship_add_finds_visible_people_and_records_once():
    child = PersonFactory.create(given_name="Ava", family_name="Patel")
    mum = PersonFactory.create(given_name="Mina", family_name="Patel")
    stranger = PersonFactory.create(given_name="Mina", family_name="Patell")
    worker = worker_who_sees(child, mum)
    client = signed_in(worker)
    url = reverse("people:relationship-add", args=[child.pk])
    html = page(client.get(url, {"name": "Mina Patel"}))
    assert f"?other={mum.pk}" in html
    assert f"?other={stranger.pk}" not in html
    assert client.get(url, {"other": stranger.pk}).status_code == 404
    html = page(client.get(url, {"other": mum.pk}))
    assert "What is Mina Patel to Ava Patel?" in html
    response = client.post(url, {"other": mum.pk, "relation": "parent:other"})
    assert response.status_code == 302
    rel = Relationship.objects.get()
    assert (rel.person, rel.other, rel.kind) == (mum, child, RelationshipKind.PARENT)
    html = page(client.post(url, {"other": mum.pk, "relation": "parent:other"}))
    assert "already recorded" in html
    assert Relationship.objects.count() == 1


def test_relationship_add_without_a_choice_explains():
    child, mum = PersonFactory.create_batch(2)
    client = signed_in(worker_who_sees(child, mum))
    url = reverse("people:relationship-add", args=[child.pk])
    html = page(client.post(url, {"other": mum.pk}))
    assert "Select how they are related" in html


def test_contact_add():
    child = PersonFactory.create()
    client = signed_in(worker_who_sees(child))
    url = reverse("people:contact-add", args=[child.pk])
    html = page(client.post(url, {"kind": "email", "value": "nope"}))
    assert "Enter an email address in the correct format" in html
    assert client.post(url, {"kind": "email", "value": "a@example.com"}).status_code == 302


def test_pages_render_without_undefined_macro_keys():
    child = PersonFactory.create(date_of_birth=None, expected_date_of_birth=dt.date(2027, 1, 1))
    client = signed_in(worker_who_sees(child))
    for name in ("people:detail", "people:edit", "people:address-add", "people:name-add"):
        html = page(client.get(reverse(name, args=[child.pk])))
        assert not re.search(r"\{\{|jinja2\.runtime", html), name
    assert "Unborn" in page(client.get(reverse("people:detail", args=[child.pk])))
