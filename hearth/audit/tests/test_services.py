import pytest
from django.test import Client

from hearth.access.tests.factories import PersonFactory
from hearth.audit.models import RecordAccess
from hearth.audit.services import audit_database_alias
from hearth.audit.tests.failing_urls import PageFailedError
from hearth.organisation.models import Role
from hearth.organisation.tests.factories import WorkerFactory
from hearth.people.models import Person


@pytest.mark.django_db
def test_under_a_test_database_the_log_is_written_on_default_and_rolls_back():
    assert audit_database_alias() == "default"


@pytest.mark.urls("hearth.audit.tests.failing_urls")
@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_access_log_survives_a_failing_request_on_the_separate_audit_connection(settings):
    settings.HEARTH_AUDIT_DATABASE = "audit"
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"]
    worker = WorkerFactory.create(role=Role.ADMINISTRATOR)
    person = PersonFactory.create(preferred_name="")
    client = Client(raise_request_exception=True)
    client.force_login(worker)

    with pytest.raises(PageFailedError):
        client.get(f"/fail/{person.pk}")

    # The request's own write was rolled back with it...
    assert Person.objects.get(pk=person.pk).preferred_name == ""
    # ...but the record that the worker saw the child was committed on its own connection.
    logged = RecordAccess.objects.using("audit").get(person_id=person.pk)
    assert logged.worker_id == worker.pk
    assert logged.path == ""
