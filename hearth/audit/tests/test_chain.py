"""The hash chain: sealing, verifying, and catching edits made by the table's owner."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from hearth.access.tests.factories import PersonFactory
from hearth.audit.chain import LINK_SIZE
from hearth.audit.context import change_context
from hearth.audit.models import AccessPurpose, AuditSeal
from hearth.audit.selectors import audit_chain_head, audit_chain_verify
from hearth.audit.services import audit_chain_seal, record_access_write
from hearth.organisation.tests.factories import WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed_trail():
    worker = WorkerFactory.create()
    with change_context(worker, "Recorded at the front door"):
        people = [PersonFactory.create() for _ in range(3)]
    for person in people:
        record_access_write(worker=worker, person=person, purpose=AccessPurpose.VIEW_RECORD)
    links = audit_chain_seal()
    assert links
    return worker, people, links


def as_owner(sql: str, params: list[str | int], table: str) -> None:
    """Edit an audit row as the table's owner would: switch the protecting triggers off first."""
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        cursor.execute(sql, params)
        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')


def person_event_table() -> str:
    return "people_personevent"


def test_sealed_chain_verifies_and_links_follow_each_other(sealed_trail):
    _, _, links = sealed_trail
    report = audit_chain_verify()
    assert report.is_intact
    assert report.head_hash == audit_chain_head() == links[-1].hash
    for earlier, later in zip(links, links[1:], strict=False):
        assert later.previous_hash == earlier.hash


def test_sealing_again_only_adds_new_rows(sealed_trail):
    worker, people, _ = sealed_trail
    assert audit_chain_seal() == []
    record_access_write(worker=worker, person=people[0], purpose=AccessPurpose.VIEW_HISTORY)
    [link] = audit_chain_seal()
    assert link.source == "audit_recordaccess"
    assert link.row_count == 1
    assert audit_chain_verify().is_intact


def test_edited_event_row_breaks_the_chain_at_its_link(sealed_trail):
    _, people, _ = sealed_trail
    table = person_event_table()
    as_owner(
        "UPDATE people_personevent SET given_name = %s WHERE pgh_obj_id = %s",
        ["Forged", people[1].pk],
        table,
    )
    report = audit_chain_verify()
    assert report.broken is not None
    assert report.broken.source == table
    assert "changed after they were sealed" in report.broken.problem


def test_deleted_access_log_row_breaks_the_chain(sealed_trail):
    _, people, _ = sealed_trail
    as_owner(
        "DELETE FROM audit_recordaccess WHERE person_id = %s", [people[0].pk], "audit_recordaccess"
    )
    report = audit_chain_verify()
    assert report.broken is not None
    assert report.broken.source == "audit_recordaccess"
    assert "rows and now covers" in report.broken.problem


def test_rewritten_reason_breaks_the_chain(sealed_trail):
    as_owner(
        'UPDATE pghistory_context SET metadata = metadata || \'{"reason": "Rewritten"}\'',
        [],
        "pghistory_context",
    )
    assert not audit_chain_verify().is_intact


def test_edited_link_breaks_the_chain_from_the_next_link(sealed_trail):
    _, _, links = sealed_trail
    first = links[0]
    as_owner(
        "UPDATE audit_auditseal SET row_count = row_count + 1 WHERE id = %s",
        [first.pk],
        "audit_auditseal",
    )
    report = audit_chain_verify()
    assert report.broken is not None
    assert report.broken.seal_id == first.pk


def test_command_seals_and_reports_the_first_broken_link(sealed_trail, capsys):
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    table = person_event_table()
    as_owner("UPDATE people_personevent SET family_name = %s", ["Forged"], table)
    with pytest.raises(CommandError, match="broken at link"):
        call_command("audit", "verify")
    call_command("audit", "seal")
    assert "Chain head:" in capsys.readouterr().out


def test_long_runs_are_split_into_links(monkeypatch):
    monkeypatch.setattr("hearth.audit.services.LINK_SIZE", 2)
    worker = WorkerFactory.create()
    person = PersonFactory.create()
    for _ in range(5):
        record_access_write(worker=worker, person=person, purpose=AccessPurpose.VIEW_RECORD)
    audit_chain_seal()
    links = AuditSeal.objects.filter(source="audit_recordaccess").order_by("id")
    assert [link.row_count for link in links][-3:] == [2, 2, 1]
    assert LINK_SIZE > 2
    assert audit_chain_verify().is_intact
