"""Returns pages: who may see them, the failure tables with links, downloads, record unchanged."""

import io
import zipfile

import pytest
from django.urls import reverse

from hearth.casework.tests.factories import WorkerFactory
from hearth.organisation.models import Role
from hearth.returns.cin_xml import cin_census_from_xml
from hearth.returns.tests.test_command import history, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client):
    client.force_login(WorkerFactory.create(role=Role.PERFORMANCE_ANALYST))
    return client


def test_only_analysts_and_administrators_produce_returns(client):
    client.force_login(WorkerFactory.create(role=Role.SOCIAL_WORKER))
    for url in (
        reverse("returns:index"),
        reverse("returns:cin", args=[2026]),
        reverse("returns:cin-download", args=[2026]),
        reverse("returns:ssda903-download", args=[2026]),
        reverse("returns:annex-a"),
        reverse("returns:annex-a-download"),
    ):
        assert client.get(url).status_code == 403


def test_the_cin_page_lists_failures_with_a_link_to_put_them_right(analyst_client):
    person = history(upn="D000432125001")
    before = row_counts()

    page = analyst_client.get(reverse("returns:cin", args=[2026]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "CIN census 2025-26" in html
    assert "UPN invalid (characters 2-4 not a recognised LA code)" in html
    assert person.reference in html
    assert person.full_name not in html
    assert f'href="{reverse("people:detail", args=[person.pk])}"' in html
    assert row_counts() == before


def test_downloads(analyst_client):
    person = history()
    before = row_counts()

    xml = analyst_client.get(reverse("returns:cin-download", args=[2026]))
    assert xml["Content-Type"] == "application/xml"
    assert cin_census_from_xml(xml.content).children[0].la_child_id == person.reference

    tables = analyst_client.get(reverse("returns:ssda903-download", args=[2026]))
    with zipfile.ZipFile(io.BytesIO(tables.content)) as archive:
        assert "Episodes.csv" in archive.namelist()

    book = analyst_client.get(reverse("returns:annex-a-download"), {"date": "2025-11-22"})
    assert book.status_code == 200
    assert zipfile.is_zipfile(io.BytesIO(book.content))
    assert (
        analyst_client.get(reverse("returns:annex-a-download"), {"date": "soon"}).status_code == 404
    )

    assert analyst_client.get(reverse("returns:ssda903", args=[2026])).status_code == 200
    assert analyst_client.get(reverse("returns:index")).status_code == 200
    assert analyst_client.get(reverse("returns:cin", args=[2019])).status_code == 404
    assert row_counts() == before


def test_the_annex_a_page_lists_every_list_with_its_rows_and_keeps_a_bad_date(analyst_client):
    person = history()
    before = row_counts()

    page = analyst_client.get(
        reverse("returns:annex-a"), {"date-day": "22", "date-month": "11", "date-year": "2025"}
    ).content.decode()
    assert "Lists for an inspection on 22 November 2025" in page
    for name in ("List 2 Early help", "List 8 Children in care", "List 9 Care leavers",
                 "List 10 Adoption", "List 11 Adopters"):  # fmt: skip
        assert name in page
    assert "annex-a/download/?date=2025-11-22" in page
    assert person.full_name not in page

    wrong = analyst_client.get(
        reverse("returns:annex-a"), {"date-day": "31", "date-month": "2", "date-year": "2026"}
    ).content.decode()
    assert "Inspection date must be a real date" in wrong
    assert 'value="31"' in wrong
    assert "Lists for an inspection" not in wrong
    assert row_counts() == before
