"""Looked-after pages: access is checked and logged, errors keep what was typed, forms save."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.audit.models import AccessPurpose, RecordAccess
from hearth.lookedafter.models import MissingEpisode, PeriodOfCare
from hearth.lookedafter.selectors import duties_for_child
from hearth.lookedafter.tests.factories import (
    ChildFactory,
    WorkerFactory,
    allocated_child,
    bring_into_care,
    team_worker,
)
from hearth.people.models import Address

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return team_worker()


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    return client


def url(name, *args):
    return reverse(f"lookedafter:{name}", args=args)


def date_fields(name, day):
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_the_page_is_logged_and_hidden_from_workers_who_cannot_see_the_child(signed_in, worker):
    child = allocated_child(worker)
    response = signed_in.get(url("child", child.pk))
    assert response.status_code == 200
    assert "Bring into care" in response.content.decode()
    assert RecordAccess.objects.filter(
        person_id=child.pk, worker_id=worker.pk, purpose=AccessPurpose.CASEWORK
    ).exists()
    stranger_child = ChildFactory.create()
    assert signed_in.get(url("child", stranger_child.pk)).status_code == 404
    assert signed_in.get(url("care-start", stranger_child.pk)).status_code == 404


def test_bring_into_care_shows_field_errors_and_keeps_what_was_typed(signed_in, worker):
    child = allocated_child(worker)
    Address.objects.create(
        person=child, line_1="1 Mill Lane", postcode="HD1 2TA", started_on=D(2020, 1, 1)
    )
    form = signed_in.get(url("care-start", child.pk)).content.decode()
    assert 'value="HD1 2TA"' in form
    response = signed_in.post(
        url("care-start", child.pk),
        {
            **date_fields("started_on", D(2026, 11, 2)),
            "category_of_need": "N1",
            "legal_status": "C1",
            "home_postcode": "HD1 2TA",
            "placement_type": "U6",
            "provider": "PR1",
            "carer_name": "Mr and Mrs Hussain",
            "postcode": "ZZ9 9ZZ",
            "started_on_month": "11",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a real postcode for the placement" in page
    assert 'value="ZZ9 9ZZ"' in page
    assert 'value="Mr and Mrs Hussain"' in page
    assert not PeriodOfCare.objects.filter(child=child).exists()

    response = signed_in.post(
        url("care-start", child.pk),
        {
            **date_fields("started_on", D(2026, 11, 2)),
            "category_of_need": "N1",
            "legal_status": "C1",
            "home_postcode": "HD1 2TA",
            "placement_type": "U6",
            "provider": "PR1",
            "carer_name": "Mr and Mrs Hussain",
            "ofsted_urn": "SC123456",
            "postcode": "LS1 4AP",
            **date_fields("care_plan_on", D(2026, 11, 2)),
        },
    )
    assert response.status_code == 302
    period = PeriodOfCare.objects.get(child=child)
    assert period.care_plan_on == D(2026, 11, 2)
    page = signed_in.get(url("child", child.pk)).content.decode()
    assert "14.0 miles" in page
    assert "No (E08000035)" in page


def test_a_missing_date_part_is_named(signed_in, worker):
    child = allocated_child(worker)
    response = signed_in.post(
        url("care-start", child.pk), {"started_on_day": "2", "started_on_year": "2026"}
    )
    page = response.content.decode()
    assert "Date must include a month" in page
    assert "#id_started_on_month" in page


def test_record_a_review_visit_and_missing_episode_with_its_interview(signed_in, worker):
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 11, 2))
    response = signed_in.post(
        url("review", child.pk), {**date_fields("held_on", D(2026, 11, 20)), "participation": "PN1"}
    )
    assert response.status_code == 302
    response = signed_in.post(
        url("visit", child.pk), {**date_fields("visited_on", D(2026, 11, 6)), "seen": "on"}
    )
    assert response.status_code == 302
    response = signed_in.post(
        url("missing", child.pk),
        {
            "kind": "M",
            **date_fields("started_on", D(2026, 11, 19)),
            "started_time": "22:00",
            **date_fields("ended_on", D(2026, 11, 20)),
            "ended_time": "25:00",
        },
    )
    assert "Enter a time like 14:30" in response.content.decode()
    response = signed_in.post(
        url("missing", child.pk),
        {
            "kind": "M",
            **date_fields("started_on", D(2026, 11, 19)),
            "started_time": "22:00",
            **date_fields("ended_on", D(2026, 11, 20)),
            "ended_time": "18:00",
        },
    )
    assert response.status_code == 302
    episode = MissingEpisode.objects.get(child=child)
    page = signed_in.get(url("child", child.pk)).content.decode()
    assert "23 November 2026 at 18:00" in page
    response = signed_in.post(
        url("return-interview", child.pk, episode.pk),
        {**date_fields("offered_on", D(2026, 11, 21)), "offered_time": "10:00", "accepted": "yes"},
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.return_interview.accepted is True


def test_cease_care_and_forms_for_a_child_not_in_care(signed_in, worker):
    child = allocated_child(worker)
    assert signed_in.get(url("placement-change", child.pk)).status_code == 404
    bring_into_care(worker, child, D(2026, 11, 2))
    response = signed_in.post(
        url("cease", child.pk), {**date_fields("ended_on", D(2026, 11, 2)), "reason_ceased": "E4A"}
    )
    assert "after the current placement" in response.content.decode()
    response = signed_in.post(
        url("cease", child.pk), {**date_fields("ended_on", D(2026, 11, 20)), "reason_ceased": "E4A"}
    )
    assert response.status_code == 302
    assert PeriodOfCare.objects.get(child=child).reason_ceased == "E4A"


def test_plans_iro_and_pep_complete_their_duties(signed_in, worker):
    iro = WorkerFactory.create(role="iro", first_name="Iris", last_name="Reid")
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 11, 2))
    response = signed_in.post(url("plans", child.pk), {"iro": str(iro.pk)})
    assert "Give both the reviewing officer" in response.content.decode()
    response = signed_in.post(url("plans", child.pk), {})
    assert "Fill in at least one date" in response.content.decode()
    response = signed_in.post(
        url("plans", child.pk),
        {
            **date_fields("care_plan_on", D(2026, 11, 10)),
            **date_fields("placement_plan_on", D(2026, 11, 5)),
            "iro": str(iro.pk),
            **date_fields("iro_allocated_on", D(2026, 11, 4)),
            **date_fields("pep_on", D(2026, 11, 12)),
        },
    )
    assert response.status_code == 302
    keys = {duty.key for duty in duties_for_child(child, D(2026, 11, 22))}
    assert not keys & {"care_plan", "placement_plan", "iro"}
    pep = next(d for d in duties_for_child(child, D(2026, 11, 22)) if d.key == "pep")
    # Autumn-term PEP: the next is due by the end of the spring term (Easter Day 2027).
    assert pep.due == D(2027, 3, 28)
