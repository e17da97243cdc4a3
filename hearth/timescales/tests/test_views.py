"""Calendar pages: the year view, and administrators adding and removing closure days."""

import datetime as dt

import pytest
from django.test import Client

from hearth.timescales.calendar import is_working_day
from hearth.timescales.models import NonWorkingDay
from hearth.timescales.tests.factories import administrator, social_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(administrator())
    return client


def test_year_view_lists_special_days(client: Client):
    client.force_login(social_worker())
    page = client.get("/calendar/2022/").content.decode()
    assert "Non-working days in 2022" in page
    assert "Platinum Jubilee of Elizabeth II" in page
    assert "State Funeral of Queen Elizabeth II" in page
    assert "Christmas Day (observed)" in page  # Tue 27 Dec 2022
    assert "Add a non-working day" not in page  # not an administrator


def test_year_view_defaults_to_this_year(admin_client: Client):
    page = admin_client.get("/calendar/").content.decode()
    assert f"Non-working days in {dt.datetime.now(tz=dt.UTC).year}" in page
    assert "Add a non-working day" in page


def test_year_view_warns_outside_the_seeded_range(admin_client: Client):
    page = admin_client.get("/calendar/2040/").content.decode()
    assert "skip weekends only" in page


def test_administrator_adds_a_closure_day(admin_client: Client):
    response = admin_client.post(
        "/calendar/closure-days/add/",
        {
            "date_day": "24",
            "date_month": "12",
            "date_year": "2026",
            "name": "Council closure day",
            "kind": "council_closure",
            "reason": "Christmas Eve closure agreed by the chief executive",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/calendar/2026/"
    assert not is_working_day(dt.date(2026, 12, 24))
    page = admin_client.get("/calendar/2026/").content.decode()
    assert "Christmas Eve closure agreed by the chief executive" in page
    assert "/calendar/closure-days/2026-12-24/remove/" in page
    # Bank holidays have no remove link.
    assert "/calendar/closure-days/2026-12-25/remove/" not in page


def test_bad_date_keeps_what_was_typed(admin_client: Client):
    response = admin_client.post(
        "/calendar/closure-days/add/",
        {
            "date_day": "31",
            "date_month": "2",
            "date_year": "2027",
            "name": "My closure",
            "kind": "council_closure",
            "reason": "",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Date must be a real date" in page
    assert "Enter why the calendar is changing" in page
    assert 'value="31"' in page
    assert 'value="2027"' in page
    assert 'value="My closure"' in page
    assert 'href="#id_date_day"' in page
    assert "govuk-input--error" in page
    assert not NonWorkingDay.objects.filter(name="My closure").exists()


def test_missing_month_is_named_and_marked(admin_client: Client):
    page = admin_client.post(
        "/calendar/closure-days/add/",
        {"date_day": "24", "date_year": "2026", "name": "X", "kind": "council_closure"},
    ).content.decode()
    assert "Date must include a month" in page
    assert 'href="#id_date_month"' in page


def test_service_errors_appear_against_the_date(admin_client: Client):
    page = admin_client.post(
        "/calendar/closure-days/add/",
        {
            "date_day": "25",
            "date_month": "12",
            "date_year": "2026",
            "name": "Closure",
            "kind": "council_closure",
            "reason": "Because",
        },
    ).content.decode()
    assert "25 December 2026 is already a non-working day (Christmas Day)" in page
    assert 'value="25"' in page


def test_administrator_removes_a_closure_day(admin_client: Client):
    admin_client.post(
        "/calendar/closure-days/add/",
        {
            "date_day": "24",
            "date_month": "12",
            "date_year": "2026",
            "name": "Council closure day",
            "kind": "council_closure",
            "reason": "Christmas Eve",
        },
    )
    url = "/calendar/closure-days/2026-12-24/remove/"
    assert "Remove Thursday 24 December 2026" in admin_client.get(url).content.decode()
    page = admin_client.post(url, {"reason": ""}).content.decode()
    assert "Enter why the calendar is changing" in page
    assert not is_working_day(dt.date(2026, 12, 24))
    response = admin_client.post(url, {"reason": "Opening after all"})
    assert response.status_code == 302
    assert is_working_day(dt.date(2026, 12, 24))


def test_bank_holiday_remove_page_explains_and_refuses(admin_client: Client):
    url = "/calendar/closure-days/2026-12-25/remove/"
    assert "cannot be removed here" in admin_client.get(url).content.decode()
    admin_client.post(url, {"reason": "Open on Christmas"})
    assert not is_working_day(dt.date(2026, 12, 25))


def test_not_a_non_working_day_is_404(admin_client: Client):
    assert admin_client.get("/calendar/closure-days/2026-12-23/remove/").status_code == 404
    assert admin_client.get("/calendar/closure-days/2026-02-30/remove/").status_code == 404


def test_others_cannot_edit(client: Client):
    client.force_login(social_worker())
    assert client.get("/calendar/closure-days/add/").status_code == 403
    response = client.post(
        "/calendar/closure-days/add/",
        {"date_day": "24", "date_month": "12", "date_year": "2026", "name": "X", "reason": "Y"},
    )
    assert response.status_code == 403
    assert is_working_day(dt.date(2026, 12, 24))
    assert client.get("/calendar/closure-days/2026-12-25/remove/").status_code == 403
