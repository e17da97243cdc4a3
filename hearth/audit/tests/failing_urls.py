"""A URL configuration for one test: a page that opens a record, then fails."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from hearth.access.access import access_person
from hearth.audit.models import AccessPurpose
from hearth.people.models import Person
from hearth.ui.requests import current_worker


class PageFailedError(RuntimeError):
    pass


def open_then_fail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(current_worker(request), person_id, purpose=AccessPurpose.VIEW_RECORD)
    # A write in the request's transaction, which the failure must roll back.
    Person.objects.filter(pk=person.pk).update(preferred_name="Rolled back")
    raise PageFailedError("The page failed after showing the record")


urlpatterns = [path("fail/<int:person_id>", open_then_fail)]
