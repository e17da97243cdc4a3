"""Reads of the front door's record, always over the people the worker may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from hearth.access.selectors import visible_people
from hearth.frontdoor.models import Contact, ContactChild, ContactDecision
from hearth.organisation.models import Worker


def contact_list_for_child(worker: Worker, child_id: int) -> QuerySet[Contact]:
    """The contacts about a child, newest first; none if the worker cannot see the child."""
    return (
        Contact.objects.filter(subjects__child__in=visible_people(worker).filter(pk=child_id))
        .prefetch_related("subjects__child")
        .order_by("-received_at")
    )


def contact_children_awaiting_decision(worker: Worker) -> QuerySet[ContactChild]:
    """Children named in contacts with no decision yet, the earliest due first (front door tray).

    Each row is one child in one contact; `contact.decision_due_on` is the 1 working day date.
    """
    decided = ContactDecision.objects.filter(
        contact_id=OuterRef("contact_id"), child_id=OuterRef("child_id")
    )
    return (
        ContactChild.objects.filter(child__in=visible_people(worker))
        .filter(~Exists(decided))
        .select_related("contact", "child")
        .order_by("contact__decision_due_on", "contact__received_at")
    )
