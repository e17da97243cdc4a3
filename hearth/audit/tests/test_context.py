import pghistory
import pytest
from pghistory.models import Context

from hearth.access.tests.factories import PersonFactory
from hearth.audit.context import MissingReasonError, change_context
from hearth.organisation.tests.factories import WorkerFactory
from hearth.people.models import Person

pytestmark = pytest.mark.django_db


def last_context(person: Person) -> dict[str, object]:
    event = person.events.order_by("-pgh_id").first()  # type: ignore[attr-defined]
    metadata: dict[str, object] = Context.objects.get(pk=event.pgh_context_id).metadata
    return metadata


def test_change_records_worker_and_reason():
    worker = WorkerFactory.create()
    person = PersonFactory.create()
    with change_context(worker, "Corrected spelling at the family's request"):
        Person.objects.filter(pk=person.pk).update(given_name="Jon")
    metadata = last_context(person)
    assert metadata["user"] == worker.pk
    assert metadata["reason"] == "Corrected spelling at the family's request"


def test_each_write_in_one_request_keeps_its_own_reason():
    worker = WorkerFactory.create()
    first, second = PersonFactory.create(), PersonFactory.create()
    # The request middleware opens an outer context; plain pghistory nesting would merge them.
    with pghistory.context(user=worker.pk, url="/people/1/"):
        with change_context(worker, "First reason"):
            Person.objects.filter(pk=first.pk).update(given_name="A")
        with change_context(worker, "Second reason"):
            Person.objects.filter(pk=second.pk).update(given_name="B")
    assert last_context(first)["reason"] == "First reason"
    assert last_context(second)["reason"] == "Second reason"
    assert last_context(first)["url"] == "/people/1/"


def test_a_change_needs_a_reason():
    with pytest.raises(MissingReasonError), change_context(WorkerFactory.create(), "  "):
        pass
