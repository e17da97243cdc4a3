"""Front door pages: the tray, recording a contact once for a family, deciding for each child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hearth.casework.tests.journey import publish_restorative, setting
from hearth.frontdoor.models import Contact, ContactDecision, ContactPerson, MashInformation
from hearth.practice import services as practice
from hearth.practice.models import Case, Step, StepStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    publish_restorative()
    return setting()


def contact_post(world, **extra):
    data = {
        "child": [str(c.pk) for c in world.children],
        "involved": [f"{world.mother.pk}:parent_carer"],
        "received_on-day": "28",
        "received_on-month": "8",
        "received_on-year": "2026",
        "received_time": "10:30",
        "source": "2A",
        "referrer_name": "Ms Head",
        "contact_reason": "Tayo came to school with a bruise and said his dad hit him.",
        "action": "record",
    }
    return data | extra


def test_record_a_contact_once_for_two_children_through_their_cases(world, client: Client):
    client.force_login(world.front_door)
    page = client.get("/front-door/contacts/new/").content.decode()
    assert "Record a contact" in page

    found = client.post(
        "/front-door/contacts/new/", {"q": "Adebayo", "action": "search"}
    ).content.decode()
    assert "Tayo Adebayo" in found and "Add as a child" in found

    response = client.post("/front-door/contacts/new/", contact_post(world))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert response["Location"] == f"/front-door/contacts/{contact.pk}/"
    assert sorted(contact.children.values_list("pk", flat=True)) == sorted(
        c.pk for c in world.children
    )
    assert ContactPerson.objects.get().person == world.mother
    # 28 August 2026 is a Friday; Monday 31 August is the summer bank holiday.
    assert contact.decision_due_on == dt.date(2026, 9, 1)
    for child in world.children:
        case = Case.objects.get(child=child)
        assert case.opened_on == dt.date(2026, 8, 28)
        assert case.steps.get(step_type="contact").status == StepStatus.COMPLETED
        mash = case.steps.get(step_type="mash_enquiry")
        assert mash.due_on == dt.date(2026, 9, 1)

    tray = client.get("/front-door/").content.decode()
    assert "Tayo Adebayo" in tray and "Kemi Adebayo" in tray and "1 September 2026" in tray


def test_contact_errors_are_on_the_fields_and_keep_what_was_typed(world, client: Client):
    client.force_login(world.front_door)
    response = client.post(
        "/front-door/contacts/new/",
        contact_post(world, child=[], source="", received_time="25:99"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Add at least one child the contact is about" in page
    assert "Choose where the contact came from" in page
    assert "Enter the time received as hours and minutes" in page
    assert "said his dad hit him" in page  # nothing typed is lost
    assert 'value="Ms Head"' in page
    assert not Contact.objects.exists()


def test_a_new_person_is_recorded_and_added_to_the_contact(world, client: Client):
    client.force_login(world.front_door)
    page = client.post(
        "/front-door/contacts/new/",
        {
            "action": "new-person",
            "new_given_name": "Bola",
            "new_family_name": "Adebayo",
            "new_role": "alleged_harm",
            "contact_reason": "Typed before adding",
        },
    ).content.decode()
    assert "Bola Adebayo" in page and "Person alleged to have caused harm" in page
    assert "Typed before adding" in page


def decide(world, client: Client, contact: Contact, **extra):
    data = {
        "police_information": "Two call-outs for domestic abuse this year.",
        "health_information": "",
        "rag_rating": "red",
        "rag_rationale": "Injury to a child",
        "_completed_on-day": "1",
        "_completed_on-month": "9",
        "_completed_on-year": "2026",
    }
    for child in world.children:
        data[f"decision-{child.pk}"] = "referral"
        data[f"decision_rationale-{child.pk}"] = f"Worried about {child.given_name}"
    return client.post(f"/front-door/contacts/{contact.pk}/", data | extra)


def test_the_family_decision_is_asked_once_and_filed_per_child(world, client: Client):
    client.force_login(world.front_door)
    client.post("/front-door/contacts/new/", contact_post(world))
    contact = Contact.objects.get()
    page = client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert page.count('name="rag_rating"') == 3  # one question, three choices
    for child in world.children:
        assert f'name="decision-{child.pk}"' in page

    tayo = world.children[0]
    bad = decide(world, client, contact, **{f"decision-{tayo.pk}": ""})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "There is a problem" in text and f'href="#decision-{tayo.pk}"' in text
    assert "Two call-outs for domestic abuse this year." in text
    assert not Step.objects.filter(status=StepStatus.AWAITING_AUTHORISATION).exists()

    assert decide(world, client, contact).status_code == 302
    waiting = Step.objects.filter(status=StepStatus.AWAITING_AUTHORISATION)
    assert waiting.count() == 2
    for step in waiting:
        practice.step_authorise(actor=world.mash_manager, step=step, approve=True)
    decisions = ContactDecision.objects.filter(contact=contact)
    assert sorted(decisions.values_list("outcome", flat=True)) == ["referral", "referral"]
    # The partner information is filed once for the family, not once per child.
    assert MashInformation.objects.count() == 1
    for child in world.children:
        referral = Step.objects.get(case__child=child, step_type="referral")
        assert referral.started_on == dt.date(2026, 9, 1)
        assert referral.due_on == dt.date(2026, 9, 2)
    page = client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Referral to children&#39;s social care" in page


def test_a_worker_outside_scope_gets_404(world, client: Client):
    client.force_login(world.front_door)
    client.post("/front-door/contacts/new/", contact_post(world))
    contact = Contact.objects.get()
    client.force_login(world.outsider)
    assert client.get(f"/front-door/contacts/{contact.pk}/").status_code == 404
    assert client.get("/front-door/contacts/999999/").status_code == 404
    assert "Tayo" not in client.get("/front-door/").content.decode()
