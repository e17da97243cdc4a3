"""Returns pages: who may see them, the failure tables with links, downloads, record unchanged."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.casework.tests.factories import WorkerFactory
from hearth.organisation.models import Role
from hearth.returns.cin_xml import cin_census_from_xml
from hearth.returns.models import ReturnSubmission
from hearth.returns.ssda903 import ssda903_tables
from hearth.returns.submissions import return_submission_record
from hearth.returns.tests.test_command import history, row_counts
from hearth.returns.tests.test_ssda903 import history as looked_after_history
from hearth.returns.years import CollectionYear

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


def ssda903_history():
    """A child looked after from May 2025, on an interim care order (C2) from June."""
    person, _ = looked_after_history()
    return person


def test_recording_the_ssda903_as_submitted_needs_a_confirmation_naming_year_and_counts(client):
    ssda903_history()
    client.force_login(WorkerFactory.create(role=Role.SOCIAL_WORKER))
    assert client.get(reverse("returns:ssda903-record", args=[2026])).status_code == 403
    assert client.post(reverse("returns:ssda903-record", args=[2026])).status_code == 403
    assert client.get(reverse("returns:ssda903", args=[2026])).status_code == 403

    analyst = WorkerFactory.create(
        role=Role.PERFORMANCE_ANALYST, first_name="Priya", last_name="Nair"
    )
    client.force_login(analyst)
    page = client.get(reverse("returns:ssda903", args=[2026])).content.decode()
    assert "No return has been recorded as submitted for this year." in page
    assert reverse("returns:ssda903-record", args=[2026]) in page
    before = row_counts()

    confirm = client.get(reverse("returns:ssda903-record", args=[2026])).content.decode()
    assert "Record the SSDA903 2025-26 as submitted" in confirm
    assert re.search(r"Episodes</td><td[^>]*>2</td>", confirm)
    assert re.search(r"Header</td><td[^>]*>1</td>", confirm)
    assert row_counts() == before  # showing the confirmation records nothing
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', confirm)
    assert digest

    done = client.post(
        reverse("returns:ssda903-record", args=[2026]),
        {"digest": digest.group(1), "note": "COLLECT ref 441"},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("returns:ssda903", args=[2026]) + "#submissions"
    submission = ReturnSubmission.objects.get()
    assert (submission.collection_year, submission.recorded_by, submission.note) == (
        2026,
        analyst,
        "COLLECT ref 441",
    )

    page = client.get(reverse("returns:ssda903", args=[2026])).content.decode()
    assert "SSDA903 2025-26 recorded as submitted." in page
    assert "Priya Nair" in page
    assert "COLLECT ref 441" in page
    assert "Episodes 2" in page
    download = reverse("returns:ssda903-submission-download", args=[2026, submission.pk])
    assert download in page


def test_the_next_years_page_says_what_it_compared_with(analyst_client):
    ssda903_history()
    page = analyst_client.get(reverse("returns:ssda903", args=[2027])).content.decode()
    assert "compared with last year as rebuilt from the record" in page
    # 2026-27 has not ended: nothing to record yet.
    assert reverse("returns:ssda903-record", args=[2027]) not in page
    assert "The year ends on 31 March 2027" in page
    early = analyst_client.get(reverse("returns:ssda903-record", args=[2027]), follow=True)
    assert early.redirect_chain == [(reverse("returns:ssda903", args=[2027]), 302)]
    assert "can be recorded as submitted only after that" in early.content.decode()

    recorder = WorkerFactory.create(role=Role.ADMINISTRATOR, first_name="Olu", last_name="Bankole")
    submission = return_submission_record(
        actor=recorder,
        collection=CollectionYear(2026),
        tables=ssda903_tables(collection=CollectionYear(2026)),
    )
    page = analyst_client.get(reverse("returns:ssda903", args=[2027])).content.decode()
    day = timezone.localtime(submission.recorded_at)
    assert f"compared with the return submitted on {day:%d/%m/%Y} by Olu Bankole" in page


def test_a_record_changed_since_confirming_is_shown_again_with_the_note_kept(analyst_client):
    ssda903_history()
    stale = "0" * 64
    page = analyst_client.post(
        reverse("returns:ssda903-record", args=[2026]), {"digest": stale, "note": "Keep me"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert "The record has changed since you checked the return" in html
    assert "Keep me" in html
    assert stale not in html  # the counts shown now are confirmed next time
    assert not ReturnSubmission.objects.exists()

    long_note = analyst_client.post(
        reverse("returns:ssda903-record", args=[2026]),
        {"digest": stale, "note": "y" * 2001},
    ).content.decode()
    assert "Keep the note to 2000 characters or fewer." in long_note
    assert 'href="#id_note"' in long_note
    assert "y" * 2001 in long_note
    assert not ReturnSubmission.objects.exists()


def test_a_submission_downloads_exactly_as_recorded(analyst_client):
    ssda903_history()
    recorder = WorkerFactory.create(role=Role.PERFORMANCE_ANALYST)
    submission = return_submission_record(
        actor=recorder,
        collection=CollectionYear(2026),
        tables=ssda903_tables(collection=CollectionYear(2026)),
    )
    stored = {f"{t.name}.csv": t.content.encode() for t in submission.tables.all()}
    before = row_counts()

    response = analyst_client.get(
        reverse("returns:ssda903-submission-download", args=[2026, submission.pk])
    )

    assert response["Content-Type"] == "application/zip"
    assert 'filename="ssda903-2025-26-submitted-' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == list(stored)
        assert {name: archive.read(name) for name in archive.namelist()} == stored
    again = analyst_client.get(
        reverse("returns:ssda903-submission-download", args=[2026, submission.pk])
    )
    assert again.content == response.content
    assert row_counts() == before
    assert (
        analyst_client.get(
            reverse("returns:ssda903-submission-download", args=[2027, submission.pk])
        ).status_code
        == 404
    )
