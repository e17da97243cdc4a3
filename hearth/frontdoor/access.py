"""Permission checks for the front door and casework: writing about children, loading contacts."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.access.access import access_person
from hearth.access.selectors import visible_people
from hearth.audit.models import AccessPurpose
from hearth.frontdoor.models import Contact
from hearth.organisation.models import Worker
from hearth.people.models import Person


def require_visible(actor: Worker, people: Iterable[Person]) -> None:
    """Refuse, alike for every person, unless `actor` may see them all (hearth.access rules).

    A worker can only record about a child whose record they can open: the front door (a
    council-wide team) reaches every unsealed child, an allocated team its own children.
    """
    ids = {person.pk for person in people}
    if not ids:
        return
    seen = set(visible_people(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if seen != ids:
        raise PermissionDenied("You cannot record on this child's record.")


class ContactNotFound(Http404):
    """Raised alike for a contact that does not exist and one the worker may not see."""


def access_contact(
    worker: Worker, contact_id: int, *, purpose: AccessPurpose, path: str = ""
) -> Contact:
    """Load a contact whose children the worker may all see, logging a view of each child.

    A contact about several children shows them all, so a worker who cannot see one of them
    gets the same not-found as for a contact that does not exist.
    """
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise ContactNotFound("No such contact")
    child_ids = list(contact.subjects.values_list("child_id", flat=True))
    try:
        for child_id in child_ids:
            access_person(worker, child_id, purpose=purpose, path=path)
    except Http404 as missing:
        raise ContactNotFound("No such contact") from missing
    return contact
