"""Casework pages: case page, chronology, allocation, visits, notes, work tray, team view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hearth.casework import services
from hearth.casework.models import Allocation, CaseNote, Visit
from hearth.casework.tests.journey import at, publish_restorative, setting
from hearth.frontdoor import services as frontdoor
from hearth.practice import services as practice
from hearth.practice.models import Step, StepStatus

pytestmark = pytest.mark.django_db


def referred(world):
    """The family's contact, decided (referral) and authorised; both children allocated to Sam."""
    frontdoor.contact_receive(
        actor=world.front_door,
        received_at=at(2026, 8, 28, 10, 30),
        source="2A",
        children=world.children,
        contact_reason="Bruise at school",
    )
    for child in world.children:
        step = Step.objects.get(case__child=child, step_type="mash_enquiry")
        practice.step_complete(
            actor=world.front_door,
            step=step,
            answers={"rag_rating": "red", "decision": "referral", "decision_rationale": "Harm"},
            completed_on=dt.date(2026, 9, 1),
        )
        practice.step_authorise(actor=world.mash_manager, step=step, approve=True)
        services.allocation_transfer(
            actor=world.front_door,
            child=child,
            team=world.assessment,
            worker=world.social_worker,
            started_on=dt.date(2026, 9, 1),
            reason="Referral accepted",
        )
        referral = Step.objects.get(case__child=child, step_type="referral")
        practice.step_complete(
            actor=world.social_worker,
            step=referral,
            answers={
                "cin_referral_date": "2026-09-01",
                "referral_source": "2A",
                "primary_need_code": "N1",
                "family_told": True,
                "response": "assessment",
            },
            completed_on=dt.date(2026, 9, 1),
        )


@pytest.fixture
def world():
    publish_restorative()
    world = setting()
    referred(world)
    return world


def test_case_page_shows_open_steps_with_due_dates_and_principles(world, client: Client):
    tayo = world.children[0]
    client.force_login(world.social_worker)
    page = client.get(f"/casework/children/{tayo.pk}/").content.decode()
    assert "Child and family assessment" in page
    # 45 working days from Tuesday 1 September 2026.
    assert "3 November 2026" in page
    assert "Five core principles" in page and "Allocated to Sam Tester" in page
    assert "Start a step" in page and 'value="visit"' in page


def test_start_an_ad_hoc_step(world, client: Client):
    tayo = world.children[0]
    client.force_login(world.social_worker)
    response = client.post(f"/casework/children/{tayo.pk}/steps/start/", {"step_type": "visit"})
    step = Step.objects.get(case__child=tayo, step_type="visit")
    assert response["Location"] == f"/practice/steps/{step.pk}/"
    assert step.assigned_worker == world.social_worker


def test_chronology_filters_by_kind_and_date_and_prints(world, client: Client):
    tayo = world.children[0]
    client.force_login(world.social_worker)
    url = f"/casework/children/{tayo.pk}/chronology/"
    page = client.get(url).content.decode()
    assert "Contact from Schools" in page and "Referral from Schools" in page
    assert "casework/print.css" in page and 'media="print"' in page
    only = client.get(url, {"kind": "referral"}).content.decode()
    assert "Referral from Schools" in only and "Contact from Schools" not in only
    later = client.get(
        url, {"start-day": "1", "start-month": "9", "start-year": "2026"}
    ).content.decode()
    assert "Contact from Schools" not in later and "Referral from Schools" in later
    wrong = client.get(
        url,
        {"start-day": "2", "start-month": "9", "start-year": "2026",
         "end-day": "1", "end-month": "9", "end-year": "2026"},
    ).content.decode()  # fmt: skip
    assert "The end date must be the same as or after the start date" in wrong


def test_transfer_moves_the_allocation_and_the_open_work(world, client: Client):
    tayo = world.children[0]
    client.force_login(world.manager)
    bad = client.post(
        f"/casework/children/{tayo.pk}/allocate/",
        {"team": world.assessment.pk, "worker": world.outsider.pk, "reason": "Transfer",
         "sw_reason": "ABSENC",
         "started_on-day": "2", "started_on-month": "9", "started_on-year": "2026"},
    )  # fmt: skip
    assert "The worker is not a member of that team on that date." in bad.content.decode()
    ok = client.post(
        f"/casework/children/{tayo.pk}/allocate/",
        {"team": world.assessment.pk, "worker": world.manager.pk, "reason": "Cover",
         "sw_reason": "ABSENC",
         "started_on-day": "2", "started_on-month": "9", "started_on-year": "2026"},
    )  # fmt: skip
    assert ok.status_code == 302
    history = list(Allocation.objects.filter(child=tayo).order_by("started_on", "pk"))
    assert [a.ended_on for a in history] == [dt.date(2026, 9, 2), None]
    assert (
        Step.objects.get(case__child=tayo, step_type="assessment").assigned_worker == world.manager
    )
    page = client.get(f"/casework/children/{tayo.pk}/allocate/").content.decode()
    assert "Referral accepted" in page and "Cover" in page


def test_visit_recorded_once_for_siblings_with_what_was_seen_of_each(world, client: Client):
    tayo, kemi = world.children
    client.force_login(world.social_worker)
    url = f"/casework/children/{tayo.pk}/visits/new/"
    page = client.get(url).content.decode()
    assert "Kemi Adebayo" in page
    data = {
        "kind": "assessment", "visit_date-day": "3", "visit_date-month": "9",
        "visit_date-year": "2026", "visit_time": "16:00", "present": "Grace (mother)",
        "summary": "Both children at home.",
        f"visited_{tayo.pk}": "on", f"seen_{tayo.pk}": "yes", f"alone_{tayo.pk}": "yes",
        f"bedroom_{tayo.pk}": "yes", f"visited_{kemi.pk}": "on", f"seen_{kemi.pk}": "yes",
        f"alone_{kemi.pk}": "",
    }  # fmt: skip
    bad = client.post(url, data).content.decode()
    assert "Say whether Kemi was seen alone" in bad and "Both children at home." in bad
    assert client.post(url, data | {f"alone_{kemi.pk}": "no"}).status_code == 302
    visits = Visit.objects.order_by("child_id")
    assert visits.count() == 2 and len({v.visit_group for v in visits}) == 1
    assert {(v.child_id, v.seen_alone) for v in visits} == {(tayo.pk, True), (kemi.pk, False)}


def test_visit_completes_an_open_visit_step(world, client: Client):
    tayo = world.children[0]
    step = practice.step_start(
        actor=world.social_worker,
        case=Step.objects.filter(case__child=tayo).select_related("case").first().case,  # type: ignore[union-attr]
        step_type="visit",
        started_on=dt.date(2026, 9, 2),
    )  # noqa: E501
    client.force_login(world.social_worker)
    data = {
        "kind": "assessment", "visit_date-day": "3", "visit_date-month": "9",
        "visit_date-year": "2026", "visit_time": "16:00", "summary": "Seen at home.",
        f"visited_{tayo.pk}": "on", f"seen_{tayo.pk}": "yes", f"alone_{tayo.pk}": "no",
    }  # fmt: skip
    assert client.post(f"/casework/children/{tayo.pk}/visits/new/", data).status_code == 302
    step.refresh_from_db()
    assert step.status == StepStatus.COMPLETED
    assert Visit.objects.filter(child=tayo).count() == 1  # the step found the visit recorded
    following = Step.objects.get(case__child=tayo, step_type="visit", status=StepStatus.OPEN)
    assert following.due_on == dt.date(2026, 9, 17)  # 10 working days after 3 September


def test_note_written_once_finalised_then_only_addenda(world, client: Client):
    tayo, kemi = world.children
    client.force_login(world.social_worker)
    url = f"/casework/children/{tayo.pk}/notes/new/"
    bad = client.post(url, {"children": [str(tayo.pk)], "title": "Home visit"}).content.decode()
    assert "Enter the note" in bad and 'value="Home visit"' in bad
    response = client.post(
        url,
        {"children": [str(tayo.pk), str(kemi.pk)], "kind": "family", "note_date-day": "3",
         "note_date-month": "9", "note_date-year": "2026", "note_time": "17:00",
         "title": "Home visit", "text": "Spoke with both children."},
    )  # fmt: skip
    note = CaseNote.objects.get(child=tayo)
    assert response["Location"] == f"/casework/notes/{note.pk}/"
    assert CaseNote.objects.filter(group=note.group).count() == 2
    page = client.get(f"/casework/notes/{note.pk}/").content.decode()
    assert "Kemi Adebayo" in page and "Finalise note" in page
    client.post(f"/casework/notes/{note.pk}/", {"action": "finalise"})
    page = client.get(f"/casework/notes/{note.pk}/").content.decode()
    assert "cannot be changed" in page and 'name="title"' not in page
    client.post(f"/casework/notes/{note.pk}/", {"action": "revise", "title": "X", "text": "Y"})
    note.refresh_from_db()
    assert note.text == "Spoke with both children."
    missing = client.post(f"/casework/notes/{note.pk}/", {"action": "addendum", "reason": "Typo"})
    assert "Enter the addendum" in missing.content.decode()
    client.post(
        f"/casework/notes/{note.pk}/",
        {"action": "addendum", "addendum": "Kemi, not Tayo, said it.", "reason": "Correction"},
    )
    assert note.addenda.get().text == "Kemi, not Tayo, said it."
    chronology = client.get(f"/casework/children/{tayo.pk}/chronology/").content.decode()
    assert "Home visit" in chronology and "Addendum to" in chronology


def test_work_tray_and_manager_queue(world, client: Client):
    tayo = world.children[0]
    client.force_login(world.social_worker)
    tray = client.get("/casework/tray/").content.decode()
    assert "Child and family assessment" in tray and "Tayo Adebayo" in tray
    assessment = Step.objects.get(case__child=tayo, step_type="assessment")
    practice.step_complete(
        actor=world.social_worker,
        step=assessment,
        answers={"childs_voice": "Talked", "working_well": "Love", "worries": "Hitting",
                 "assessment_factors": ["18C"], "primary_need_code": "N1",
                 "recommendation": "strategy"},
        completed_on=dt.date(2026, 9, 11),
    )  # fmt: skip
    client.force_login(world.manager)
    tray = client.get("/casework/tray/").content.decode()
    assert "Awaiting your authorisation" in tray and f"/practice/steps/{assessment.pk}/" in tray
    team = client.get("/casework/team/").content.decode()
    assert "Assessment team" in team and "Sam Tester" in team and "Authorisation queue" in team
    assert "Children not seen within the standard" in team
    assert "Tayo Adebayo" in team


def test_team_page_is_for_managers(world, client: Client):
    client.force_login(world.social_worker)
    assert client.get("/casework/team/").status_code == 404


def test_pages_404_for_a_worker_outside_scope(world, client: Client):
    tayo = world.children[0]
    note = services.case_note_write(
        actor=world.social_worker, children=[tayo], kind="family", occurred_at=at(2026, 9, 3),
        title="Note", text="Text", reason="Note",
    )[0]  # fmt: skip
    client.force_login(world.outsider)
    for url in (
        f"/casework/children/{tayo.pk}/",
        f"/casework/children/{tayo.pk}/chronology/",
        f"/casework/children/{tayo.pk}/allocate/",
        f"/casework/children/{tayo.pk}/visits/new/",
        f"/casework/children/{tayo.pk}/notes/new/",
        f"/casework/notes/{note.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/casework/children/{tayo.pk}/steps/start/").status_code == 404
