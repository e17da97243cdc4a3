"""Permission checks for writing to children's records at the front door and in casework."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from hearth.access.selectors import visible_people
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
