"""Permission-checked loads: fetch a record and check the worker may see it, in one call."""

from __future__ import annotations

from django.http import Http404

from hearth.access.selectors import visible_people
from hearth.audit.models import AccessPurpose
from hearth.audit.services import record_access_write
from hearth.organisation.models import Worker
from hearth.people.models import Person


class PersonNotFound(Http404):
    """Raised alike for a record that does not exist and one the worker may not see.

    One error for both, so that guessing ids reveals nothing about which records exist.
    """


def access_person(worker: Worker, person_id: int, *, purpose: AccessPurpose) -> Person:
    """Load a person the worker may see, and log the view in the record's access log."""
    person = visible_people(worker).filter(pk=person_id).first()
    if person is None:
        raise PersonNotFound("No such person")
    record_access_write(worker=worker, person=person, purpose=purpose)
    return person
