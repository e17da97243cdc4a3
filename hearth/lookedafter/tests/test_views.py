"""Looked-after pages: access is checked and logged, errors keep what was typed, forms save."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.audit.models import AccessPurpose, RecordAccess
from hearth.lookedafter import services
from hearth.lookedafter.models import (
    AdoptionDecision,
    CareLeaverContact,
    HealthCheck,
    LeavingCareSupport,
    MissingEpisode,
    PeriodOfCare,
    SDQScore,
    StayingPut,
    UASCStatus,
)
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


def test_leaving_care_ends_an_open_dolo_and_says_so(signed_in, worker):
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 10, 1))
    services.dolo_start(actor=worker, child=child, started_on=D(2026, 10, 5), reason="Order")
    response = signed_in.post(
        url("cease", child.pk),
        {**date_fields("ended_on", D(2026, 11, 20)), "reason_ceased": "E4A"},
        follow=True,
    )
    assert "The deprivation of liberty order ended the same day" in response.content.decode()
    assert list(child.dolos.values_list("ended_on", flat=True)) == [D(2026, 11, 20)]


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


# --- Records whose services existed without a page ----------------------------------------------

NEW_PAGES = [
    "sdq",
    "health-check",
    "conviction",
    "substance-misuse",
    "uasc",
    "dolo",
    "dolo-end",
    "adoption-decision",
    "adoption-reverse",
    "adoption-match",
    "adoption-placed",
    "previous-permanence",
    "permanence-order",
    "birthday-contact",
    "staying-put",
    "staying-put-end",
    "personal-adviser",
]


@pytest.mark.parametrize("name", NEW_PAGES)
def test_every_new_page_is_404_for_a_worker_who_cannot_see_the_child(signed_in, worker, name):
    stranger_child = ChildFactory.create()
    assert signed_in.get(url(name, stranger_child.pk)).status_code == 404
    assert signed_in.post(url(name, stranger_child.pk), {}).status_code == 404


def _page(client, child):
    return client.get(url("child", child.pk)).content.decode()


def test_sdq_score_or_reason_with_field_errors(signed_in, worker):
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2025, 6, 2))
    response = signed_in.post(
        url("sdq", child.pk), {**date_fields("completed_on", D(2026, 11, 12)), "score": "45"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The score must be between 0 and 40" in page
    assert 'value="45"' in page
    assert 'value="12"' in page
    response = signed_in.post(url("sdq", child.pk), date_fields("completed_on", D(2026, 11, 12)))
    assert "Enter a score, or choose why there is no score" in response.content.decode()
    assert not SDQScore.objects.filter(child=child).exists()

    response = signed_in.post(
        url("sdq", child.pk), {**date_fields("completed_on", D(2026, 11, 12)), "score": "17"}
    )
    assert response.status_code == 302
    assert SDQScore.objects.get(child=child).score == 17
    response = signed_in.post(
        url("sdq", child.pk),
        {**date_fields("completed_on", D(2026, 11, 13)), "no_score_reason": "SDQ5"},
    )
    assert response.status_code == 302
    page = _page(signed_in, child)
    assert "SDQ5: Young person refused" in page
    # The next SDQ is due a year after the last one: 13 November 2027.
    sdq = next(d for d in duties_for_child(child, D(2026, 11, 22)) if d.key == "sdq")
    assert sdq.due == D(2027, 11, 13)


def test_health_checks_and_the_dental_check_due(signed_in, worker):
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2025, 6, 2))
    # Looked after since 2 June 2025 with no dental check: due 2 June 2026, overdue now.
    dental = next(d for d in duties_for_child(child, D(2026, 11, 22)) if d.key == "dental")
    assert dental.due == D(2026, 6, 2)
    assert dental.is_overdue
    response = signed_in.post(
        url("health-check", child.pk),
        {"kind": "immunisations", **date_fields("checked_on", D(2026, 11, 3))},
    )
    page = response.content.decode()
    assert "Say whether they were up to date" in page
    assert 'value="immunisations" checked' in page
    # The error summary links to the first radio of the question in error.
    assert 'href="#id_up_to_date"' in page
    assert 'id="id_up_to_date"' in page
    response = signed_in.post(
        url("health-check", child.pk),
        {"kind": "immunisations", "up_to_date": "no", **date_fields("checked_on", D(2026, 11, 3))},
    )
    assert response.status_code == 302
    assert HealthCheck.objects.get(child=child).up_to_date is False
    response = signed_in.post(
        url("health-check", child.pk),
        {"kind": "development", **date_fields("checked_on", D(2026, 11, 3)), "up_to_date": "yes"},
    )
    assert "Development checks are recorded for children under 5" in response.content.decode()
    response = signed_in.post(
        url("health-check", child.pk),
        {"kind": "dental", "up_to_date": "no", **date_fields("checked_on", D(2026, 1, 10))},
    )
    assert "Leave this blank for a dental check" in response.content.decode()
    response = signed_in.post(
        url("health-check", child.pk),
        {"kind": "dental", **date_fields("checked_on", D(2026, 1, 10))},
    )
    assert response.status_code == 302
    page = _page(signed_in, child)
    assert "Dental check due by 10 January 2027" in page
    assert "Immunisations up to date (IMMUNISATIONS)" in page


def test_conviction_and_substance_misuse(signed_in, worker):
    child = allocated_child(worker)  # born 1 June 2015
    response = signed_in.post(
        url("conviction", child.pk), date_fields("convicted_on", D(2025, 5, 1))
    )
    page = response.content.decode()
    assert "A child under 10 cannot be convicted" in page
    assert 'value="2025"' in page
    response = signed_in.post(
        url("conviction", child.pk), date_fields("convicted_on", D(2026, 7, 1))
    )
    assert response.status_code == 302

    response = signed_in.post(
        url("substance-misuse", child.pk),
        {
            **date_fields("identified_on", D(2026, 9, 1)),
            "intervention_offered": "no",
            "intervention_received": "yes",
        },
    )
    page = response.content.decode()
    assert "An intervention the child received was offered" in page
    assert 'value="no" checked' in page
    response = signed_in.post(
        url("substance-misuse", child.pk),
        {
            **date_fields("identified_on", D(2026, 9, 1)),
            "intervention_offered": "yes",
            "intervention_received": "no",
        },
    )
    assert response.status_code == 302
    page = _page(signed_in, child)
    assert "Convicted, or given a final warning or reprimand: 1 July 2026" in page
    assert "intervention offered, not received" in page


def test_uasc_status_and_when_it_ceased(signed_in, worker):
    child = allocated_child(worker, date_of_birth=D(2008, 3, 1))
    response = signed_in.post(url("uasc", child.pk), {})
    assert response.status_code == 302
    assert UASCStatus.objects.get(child=child).ceased_on is None
    response = signed_in.post(url("uasc", child.pk), date_fields("ceased_on", D(2026, 6, 1)))
    page = response.content.decode()
    assert "on or before the 18th birthday (rule 304)" in page
    assert 'value="6"' in page
    response = signed_in.post(
        url("uasc", child.pk),
        {"ceased_on_day": "31", "ceased_on_month": "2", "ceased_on_year": "2026"},
    )
    assert "Date UASC status ceased must be a real date" in response.content.decode()
    response = signed_in.post(url("uasc", child.pk), date_fields("ceased_on", D(2026, 2, 20)))
    assert response.status_code == 302
    assert "status ceased 20 February 2026" in _page(signed_in, child)


def test_deprivation_of_liberty_orders_start_and_end(signed_in, worker):
    child = allocated_child(worker)
    assert signed_in.get(url("dolo-end", child.pk)).status_code == 404
    response = signed_in.post(url("dolo", child.pk), date_fields("started_on", D(2026, 10, 5)))
    assert response.status_code == 302
    response = signed_in.post(url("dolo", child.pk), date_fields("started_on", D(2026, 11, 5)))
    assert "The previous order is still open (rule 705)" in response.content.decode()
    response = signed_in.post(url("dolo-end", child.pk), date_fields("ended_on", D(2026, 9, 1)))
    page = response.content.decode()
    assert "The order cannot end before it started (rule 702)" in page
    assert 'value="9"' in page
    response = signed_in.post(url("dolo-end", child.pk), date_fields("ended_on", D(2026, 11, 9)))
    assert response.status_code == 302
    assert "From 5 October 2026 to 9 November 2026" in _page(signed_in, child)


def test_adoption_decision_match_placement_and_reversal(signed_in, worker):
    child = allocated_child(worker, date_of_birth=D(2023, 2, 1))
    bring_into_care(worker, child, D(2025, 6, 2), legal_status="C2")
    assert signed_in.get(url("adoption-match", child.pk)).status_code == 404
    assert signed_in.get(url("adoption-reverse", child.pk)).status_code == 404
    response = signed_in.post(url("adoption-decision", child.pk), {})
    assert "Enter the date" in response.content.decode()
    response = signed_in.post(
        url("adoption-decision", child.pk), date_fields("decided_on", D(2026, 3, 2))
    )
    assert response.status_code == 302

    match = {
        **date_fields("matched_on", D(2026, 9, 14)),
        "number_of_adopters": "2",
        "sex_of_adopters": "M1",
        "legal_status_of_adopters": "L11",
        "by_foster_carers": "yes",
    }
    response = signed_in.post(url("adoption-match", child.pk), match)
    page = response.content.decode()
    assert "Two adopters are MM, FF or MF (rule 511)" in page
    assert 'value="M1" selected' in page
    assert 'value="2" checked' in page
    response = signed_in.post(url("adoption-match", child.pk), {**match, "sex_of_adopters": "MF"})
    assert response.status_code == 302
    response = signed_in.post(
        url("adoption-placed", child.pk), date_fields("placed_on", D(2026, 9, 1))
    )
    assert "The child cannot be placed before the match" in response.content.decode()
    response = signed_in.post(
        url("adoption-placed", child.pk), date_fields("placed_on", D(2026, 10, 5))
    )
    assert response.status_code == 302
    page = _page(signed_in, child)
    assert "MF: Mixed-sex couple" in page
    assert "L11: Married couple, different gender" in page
    assert "5 October 2026" in page

    response = signed_in.post(
        url("adoption-reverse", child.pk), date_fields("ceased_on", D(2026, 11, 2))
    )
    assert "Choose why the plan changed" in response.content.decode()
    response = signed_in.post(
        url("adoption-reverse", child.pk),
        {**date_fields("ceased_on", D(2026, 11, 2)), "reason_ceased": "RD1"},
    )
    assert response.status_code == 302
    decision = AdoptionDecision.objects.get(child=child)
    assert (decision.ceased_on, decision.reason_ceased) == (D(2026, 11, 2), "RD1")
    assert "reversed 2 November 2026 (RD1: The child&#39;s needs changed)" in _page(
        signed_in, child
    )


def test_previous_permanence_with_a_partial_date_and_permanence_orders(signed_in, worker):
    child = allocated_child(worker)
    assert signed_in.get(url("previous-permanence", child.pk)).status_code == 404
    bring_into_care(worker, child, D(2026, 9, 1))
    response = signed_in.post(
        url("previous-permanence", child.pk), {"kind": "P2", "day": "4", "year": "2019"}
    )
    page = response.content.decode()
    assert "A day needs its month, and a month needs its year" in page
    assert 'value="4"' in page
    assert "Its DfE number, for example 382" in page
    # Not a DfE LA number (rule 633): refused against the field, with what was typed kept.
    response = signed_in.post(
        url("previous-permanence", child.pk),
        {"kind": "P2", "arranged_by_la": "E09000999", "month": "3", "year": "2019"},
    )
    page = response.content.decode()
    assert "Enter the council&#39;s DfE number, for example 382" in page
    assert 'value="E09000999"' in page
    response = signed_in.post(
        url("previous-permanence", child.pk),
        {"kind": "P2", "arranged_by_la": "382", "month": "3", "year": "2019"},
    )
    assert response.status_code == 302
    assert "P2: Special guardianship order, arranged by 382, zz/03/2019" in _page(signed_in, child)

    response = signed_in.post(
        url("permanence-order", child.pk), date_fields("made_on", D(2026, 11, 2))
    )
    assert "Choose the order" in response.content.decode()
    response = signed_in.post(
        url("permanence-order", child.pk),
        {"kind": "sgo", **date_fields("made_on", D(2026, 11, 2)), "to_relatives_or_friends": "on"},
    )
    assert response.status_code == 302
    assert "Special guardianship order: 2 November 2026, to relatives or friends" in _page(
        signed_in, child
    )


@pytest.fixture
def care_leaver(worker):
    """Born 1 March 2008, looked after from 1 January 2022 to the 18th birthday."""
    child = allocated_child(worker, date_of_birth=D(2008, 3, 1))
    period = bring_into_care(worker, child, D(2022, 1, 1))
    services.care_cease(
        actor=worker, period=period, ended_on=D(2026, 3, 1), reason_ceased="E17", reason="18"
    )
    return child


def test_birthday_contacts_due_and_recorded(signed_in, worker, care_leaver):
    child = care_leaver
    found = {d.key: d for d in duties_for_child(child, D(2026, 11, 22))}
    # A 17th birthday spent looked after needs no contact (rule 1007); leaving care on the 18th
    # birthday itself is not leaving after it (rule 1016), so that one is due a month later.
    assert "birthday_contact_17" not in found
    assert found["birthday_contact_18"].due == D(2026, 4, 1)
    assert found["birthday_contact_18"].is_overdue
    # The 19th birthday (1 March 2027): the window opens on 1 December 2026.
    assert "birthday_contact_19" not in found
    found = {d.key: d for d in duties_for_child(child, D(2026, 12, 1))}
    assert found["birthday_contact_19"].due == D(2027, 4, 1)

    response = signed_in.post(
        url("birthday-contact", child.pk),
        {
            "birthday_age": "19",
            **date_fields("contacted_on", D(2026, 11, 20)),
            "in_touch": "YES",
            "activity": "F2",
        },
    )
    page = response.content.decode()
    assert "Choose the accommodation: the council is in touch (rule 153)" in page
    assert 'value="F2" selected' in page
    assert 'value="19" selected' in page
    response = signed_in.post(
        url("birthday-contact", child.pk),
        {
            "birthday_age": "19",
            **date_fields("contacted_on", D(2026, 11, 20)),
            "in_touch": "YES",
            "activity": "F2",
            "accommodation": "U1",
        },
    )
    assert response.status_code == 302
    assert CareLeaverContact.objects.get(child=child).accommodation == "U1"
    page = _page(signed_in, child)
    assert "F2: Other education, full time" in page
    keys = {d.key for d in duties_for_child(child, D(2026, 12, 1))}
    assert "birthday_contact_19" not in keys
    assert (
        'value="19" selected'
        in signed_in.get(url("birthday-contact", child.pk) + "?birthday=19").content.decode()
    )
    # Not in touch: nothing more is asked, and what is not known is recorded as 0 (153).
    response = signed_in.post(
        url("birthday-contact", child.pk),
        {"birthday_age": "19", **date_fields("contacted_on", D(2026, 11, 20)), "in_touch": "NO"},
    )
    assert response.status_code == 302
    contact = CareLeaverContact.objects.get(child=child)
    assert (contact.in_touch, contact.activity, contact.accommodation) == ("NO", "0", "0")


def test_staying_put_and_personal_adviser(signed_in, worker, care_leaver):
    child = care_leaver
    adviser = team_worker(role="personal_adviser", first_name="Priya", last_name="Adviser")
    other = team_worker(role="personal_adviser", first_name="Tom", last_name="Second")
    assert signed_in.get(url("personal-adviser", child.pk)).status_code == 404
    assert signed_in.get(url("staying-put-end", child.pk)).status_code == 404
    services.leaving_care_start(
        actor=worker,
        child=child,
        personal_adviser=adviser,
        started_on=D(2026, 3, 1),
        support_to_25=False,
        reason="x",
    )
    response = signed_in.post(url("personal-adviser", child.pk), {})
    assert "Choose the personal adviser" in response.content.decode()
    response = signed_in.post(url("personal-adviser", child.pk), {"personal_adviser": other.pk})
    assert response.status_code == 302
    assert LeavingCareSupport.objects.get(child=child).personal_adviser == other

    response = signed_in.post(
        url("staying-put", child.pk), date_fields("started_on", D(2026, 3, 1))
    )
    page = response.content.decode()
    assert "Enter the carers&#39; names" in page
    assert 'value="2026"' in page
    response = signed_in.post(
        url("staying-put", child.pk),
        {"carer_name": "Mr and Mrs Hussain", **date_fields("started_on", D(2026, 3, 1))},
    )
    assert response.status_code == 302
    assert "Mr and Mrs Hussain since 1 March 2026" in _page(signed_in, child)
    response = signed_in.post(
        url("staying-put-end", child.pk), date_fields("ended_on", D(2026, 2, 1))
    )
    assert "The arrangement cannot end before it started" in response.content.decode()
    response = signed_in.post(
        url("staying-put-end", child.pk), date_fields("ended_on", D(2026, 11, 1))
    )
    assert response.status_code == 302
    assert StayingPut.objects.get(child=child).ended_on == D(2026, 11, 1)


def test_a_placement_for_adoption_with_the_current_foster_carers_is_the_same_carers(
    signed_in, worker
):
    child = allocated_child(worker)
    bring_into_care(worker, child, D(2026, 10, 1))
    typed = {
        **date_fields("started_on", D(2026, 11, 9)),
        "same_carer_as_previous": "no",
        "reason_for_change": "CREQO",
        "placement_type": "A5",
        "provider": "PR1",
        "carer_name": "Mr and Mrs Hussain",
        "ofsted_urn": "SC123456",
        "postcode": "HD8 9LS",
    }
    page = signed_in.post(url("placement-change", child.pk), typed).content.decode()
    assert "with the current foster carers (A3 or A5) is with the same carers" in page
    assert 'value="Mr and Mrs Hussain"' in page  # nothing typed is lost
    response = signed_in.post(
        url("placement-change", child.pk), typed | {"same_carer_as_previous": "yes"}
    )
    assert response.status_code == 302


def test_a_placement_records_its_visit_schedule(signed_in, worker):
    child = allocated_child(worker)
    period = bring_into_care(worker, child, D(2026, 10, 1))
    services.review_record(
        actor=worker, period=period, held_on=D(2026, 10, 20), participation="PN1", reason="x"
    )
    response = signed_in.post(
        url("placement-change", child.pk),
        {
            **date_fields("started_on", D(2026, 11, 9)),
            "same_carer_as_previous": "no",
            "reason_for_change": "CREQO",
            "placement_type": "U3",
            "provider": "PR1",
            "carer_name": "Aunt Grace",
            "ofsted_urn": "SC123456",
            "postcode": "HD8 9LS",
            "visit_schedule": "connected_person",
        },
    )
    assert response.status_code == 302
    services.visit_record(
        actor=worker,
        period=PeriodOfCare.objects.get(child=child),
        visited_on=D(2026, 11, 13),
        seen=True,
        seen_alone=False,
        reason="x",
    )
    assert "Connected person temporarily approved" in _page(signed_in, child)
    # Connected person, no review since the placement started (the one on 20 October was
    # before it): weekly from the visit on 13 November.
    visit = next(d for d in duties_for_child(child, D(2026, 11, 22)) if d.key == "visit")
    assert visit.due == D(2026, 11, 20)
    services.review_record(
        actor=worker,
        period=PeriodOfCare.objects.get(child=child),
        held_on=D(2026, 11, 18),
        participation="PN1",
        reason="x",
    )
    # After the first review since the placement: 4 weeks from the visit, 11 December.
    visit = next(d for d in duties_for_child(child, D(2026, 11, 22)) if d.key == "visit")
    assert visit.due == D(2026, 12, 11)
