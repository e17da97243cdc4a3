"""The audit trail cannot be edited: triggers refuse UPDATE and DELETE on every audit table."""

import pytest
from django.db import DatabaseError, connection, transaction
from pghistory.models import Context

from hearth.access.tests.factories import PersonFactory
from hearth.audit.chain import audit_sources
from hearth.audit.context import change_context
from hearth.audit.models import AccessPurpose, RecordAccess
from hearth.audit.services import record_access_write
from hearth.organisation.tests.factories import WorkerFactory

pytestmark = pytest.mark.django_db


def refused(sql: str, params: list[str | int]) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_every_audit_table_refuses_update_and_delete():
    worker = WorkerFactory.create()
    with change_context(worker, "Setting up"):
        person = PersonFactory.create()
    record_access_write(worker=worker, person=person, purpose=AccessPurpose.VIEW_RECORD)
    assert refused("UPDATE people_personevent SET given_name = %s", ["Edited"])
    assert refused("DELETE FROM people_personevent WHERE pgh_obj_id = %s", [person.pk])
    assert refused("UPDATE audit_recordaccess SET worker_name = %s", ["Someone else"])
    assert refused("DELETE FROM audit_recordaccess WHERE person_id = %s", [person.pk])


def test_orm_update_of_an_event_row_raises():
    person = PersonFactory.create()
    event = person.events.first()  # type: ignore[attr-defined]
    event.given_name = "Edited"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()


def test_every_event_table_is_protected_by_a_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'pgtrigger_append_only%%' "
            "   OR t.tgname LIKE 'pgtrigger_record_access_append_only%%'"
        )
        protected = {row[0] for row in cursor.fetchall()}
    assert {s.table for s in audit_sources()} <= protected


def test_who_and_why_cannot_be_changed_after_the_change_was_committed():
    worker = WorkerFactory.create()
    with change_context(worker, "Original reason") as context_id:
        PersonFactory.create()
    # Within the creating transaction pghistory may still add metadata; afterwards it is frozen.
    # In a test everything is one transaction, so make the row look older, as a later one would.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE pghistory_context DISABLE TRIGGER hearth_protect_pgh_context")
        cursor.execute(
            "UPDATE pghistory_context SET created_at = created_at - interval '1 day' WHERE id = %s",
            [str(context_id)],
        )
        cursor.execute("ALTER TABLE pghistory_context ENABLE TRIGGER hearth_protect_pgh_context")
    assert refused(
        'UPDATE pghistory_context SET metadata = metadata || \'{"reason": "Rewritten"}\' '
        "WHERE id = %s",
        [str(context_id)],
    )
    assert refused("DELETE FROM pghistory_context WHERE id = %s", [str(context_id)])
    assert Context.objects.get(pk=context_id).metadata["reason"] == "Original reason"


def test_record_access_model_has_no_foreign_keys_so_the_log_outlives_records():
    assert not any(f.is_relation for f in RecordAccess._meta.fields)
