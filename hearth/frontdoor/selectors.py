"""Reads of the front door's record, always over the people the worker may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from hearth.access.selectors import visible_people
from hearth.frontdoor.models import Contact, ContactChild, ContactDecision, ContactPerson
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.practice import definitions
from hearth.practice.models import CaseStatus, Step, StepStatus
from hearth.practice.selectors import case_list


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


def contact_children(contact: Contact) -> list[Person]:
    """The children a contact is about, in the order they were named."""
    return [subject.child for subject in contact.subjects.select_related("child").order_by("pk")]


def contact_people_involved(contact: Contact) -> QuerySet[ContactPerson]:
    """Other people named in a contact, with how they are involved."""
    return contact.people_involved.select_related("person").order_by("pk")


def front_door_steps(worker: Worker, contact: Contact) -> dict[int, Step]:
    """Each child's open front door decision step for this contact, by child id.

    The decision step is the one the model's contact step leads to (the MASH enquiry in the
    restorative model, screening in the risk-focused one), open in the child's practice case.
    Children whose step is already done (or who have no case) are left out.
    """
    found: dict[int, Step] = {}
    for child in contact_children(contact):
        for case in case_list(worker, child_id=child.pk).filter(status=CaseStatus.OPEN):
            model = definitions.model_of(case.model_version)
            following = {
                target
                for start in model.start
                for outcome in getattr(model.step(start), "outcomes", [])
                for target in outcome.next
            }
            step = (
                case.steps.filter(step_type__in=following, status=StepStatus.OPEN)
                .order_by("pk")
                .first()
            )
            if step is not None:
                found[child.pk] = step
    return found
