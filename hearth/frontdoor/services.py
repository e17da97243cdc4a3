"""Writes to the front door's statutory record: contacts, MASH enquiries, contact decisions.

Each service takes the acting worker and a `reason`, runs in one transaction and sets the
pghistory context. A contact about several children is recorded once with every child linked;
the decision is then made, and filed, for each child.

Bad input raises `ValidationError` keyed by the field at fault; a child the worker cannot see
raises `PermissionDenied`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from hearth.frontdoor.access import require_visible
from hearth.frontdoor.codes import (
    MASH_AGENCIES,
    Agency,
    ContactInvolvement,
    ContactOutcome,
    RagRating,
    ReferralSource,
)
from hearth.frontdoor.models import (
    Contact,
    ContactChild,
    ContactDecision,
    ContactPerson,
    MashEnquiry,
    MashInformation,
)
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.timescales.calendar import add_working_days

# Decide the type of response within 1 working day of the contact (domain.md 3.1).
DECISION_WORKING_DAYS = 1


def _require_aware(name: str, moment: dt.datetime) -> None:
    if timezone.is_naive(moment):
        raise ValidationError({name: "Give the time with its time zone."})


def _not_in_future(name: str, moment: dt.datetime) -> None:
    if moment > timezone.now():
        raise ValidationError({name: "The date and time must not be in the future."})


@transaction.atomic
def contact_record(
    *,
    actor: Worker,
    reason: str,
    received_at: dt.datetime,
    source: str,
    children: Sequence[Person],
    contact_reason: str,
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_contact_details: str = "",
    people_involved: Sequence[tuple[Person, str]] = (),
    source_step: str = "",
) -> Contact:
    """Record a contact once, about every child it names, with its 1 working day decision date.

    `contact_reason` is what the contact is about, as told; `reason` is why this record is
    written, for the history. `people_involved` pairs other people with their
    `ContactInvolvement`.
    """
    _require_aware("received_at", received_at)
    _not_in_future("received_at", received_at)
    if source not in ReferralSource.values:
        raise ValidationError({"source": "Choose where the contact came from."})
    if not contact_reason.strip():
        raise ValidationError({"contact_reason": "Enter what the contact is about."})
    if not children:
        raise ValidationError({"children": "Name at least one child the contact is about."})
    child_ids = [child.pk for child in children]
    if len(set(child_ids)) != len(child_ids):
        raise ValidationError({"children": "Each child can be named only once."})
    involved_ids = [person.pk for person, _ in people_involved]
    if set(involved_ids) & set(child_ids) or len(set(involved_ids)) != len(involved_ids):
        raise ValidationError(
            {"people_involved": "Name each person once, either as a child or as involved."}
        )
    for _, involvement in people_involved:
        if involvement not in ContactInvolvement.values:
            raise ValidationError({"people_involved": "Choose how each person is involved."})
    require_visible(actor, [*children, *(person for person, _ in people_involved)])

    with pghistory.context(user=actor.pk, reason=reason):
        contact = Contact.objects.create(
            received_at=received_at,
            source=source,
            reason=contact_reason.strip(),
            referrer_name=referrer_name.strip(),
            referrer_organisation=referrer_organisation.strip(),
            referrer_contact_details=referrer_contact_details.strip(),
            decision_due_on=add_working_days(
                timezone.localdate(received_at), DECISION_WORKING_DAYS
            ),
            recorded_by=actor,
            source_step=source_step,
        )
        ContactChild.objects.bulk_create(
            [ContactChild(contact=contact, child=child) for child in children]
        )
        ContactPerson.objects.bulk_create(
            [
                ContactPerson(contact=contact, person=person, involvement=involvement)
                for person, involvement in people_involved
            ]
        )
    return contact


@transaction.atomic
def contact_child_add(
    *, actor: Worker, contact: Contact, child: Person, reason: str
) -> ContactChild:
    """Name one more child in a contact already recorded (a sibling found during checks)."""
    require_visible(actor, [child])
    if ContactChild.objects.filter(contact=contact, child=child).exists():
        raise ValidationError({"child": "The contact already names this child."})
    with pghistory.context(user=actor.pk, reason=reason):
        return ContactChild.objects.create(contact=contact, child=child)


def _require_contact_visible(actor: Worker, contact: Contact) -> None:
    require_visible(actor, Person.objects.filter(contact_subjects__contact=contact))


@transaction.atomic
def mash_enquiry_start(
    *,
    actor: Worker,
    contact: Contact,
    started_at: dt.datetime,
    reason: str,
    source_step: str = "",
) -> MashEnquiry:
    """Open the MASH's information gathering on a contact (one enquiry per contact)."""
    _require_aware("started_at", started_at)
    _require_contact_visible(actor, contact)
    if started_at < contact.received_at:
        raise ValidationError({"started_at": "The enquiry cannot start before the contact."})
    if MashEnquiry.objects.filter(contact=contact).exists():
        raise ValidationError(
            {"contact": "The MASH has already opened an enquiry on this contact."}
        )
    with pghistory.context(user=actor.pk, reason=reason):
        return MashEnquiry.objects.create(
            contact=contact, started_at=started_at, started_by=actor, source_step=source_step
        )


@transaction.atomic
def mash_information_add(
    *,
    actor: Worker,
    enquiry: MashEnquiry,
    agency: str,
    information: str,
    provided_at: dt.datetime,
    reason: str,
) -> MashInformation:
    """File one partner agency's information in a MASH enquiry."""
    _require_aware("provided_at", provided_at)
    _require_contact_visible(actor, enquiry.contact)
    if agency not in {str(code) for code in MASH_AGENCIES}:
        raise ValidationError({"agency": "Choose the partner agency that gave the information."})
    if not information.strip():
        raise ValidationError({"information": "Enter the information the agency gave."})
    with pghistory.context(user=actor.pk, reason=reason):
        return MashInformation.objects.create(
            enquiry=enquiry,
            agency=Agency(agency),
            information=information.strip(),
            provided_at=provided_at,
            recorded_by=actor,
        )


@transaction.atomic
def mash_enquiry_rate(
    *,
    actor: Worker,
    enquiry: MashEnquiry,
    rag_rating: str,
    rag_rationale: str,
    rated_at: dt.datetime,
    reason: str,
) -> MashEnquiry:
    """RAG-rate a MASH enquiry (a later rating replaces the earlier one; history keeps both)."""
    _require_aware("rated_at", rated_at)
    _require_contact_visible(actor, enquiry.contact)
    if rag_rating not in RagRating.values:
        raise ValidationError({"rag_rating": "Choose red, amber or green."})
    if rated_at < enquiry.started_at:
        raise ValidationError({"rated_at": "The rating cannot come before the enquiry started."})
    with pghistory.context(user=actor.pk, reason=reason):
        enquiry.rag_rating = rag_rating
        enquiry.rag_rationale = rag_rationale.strip()
        enquiry.rated_at = rated_at
        enquiry.rated_by = actor
        enquiry.save(update_fields=["rag_rating", "rag_rationale", "rated_at", "rated_by"])
    return enquiry


@transaction.atomic
def contact_decision_record(
    *,
    actor: Worker,
    contact: Contact,
    child: Person,
    outcome: str,
    decided_at: dt.datetime,
    reason: str,
    rationale: str = "",
    source_step: str = "",
) -> ContactDecision:
    """File the front door's decision for one child named in the contact."""
    _require_aware("decided_at", decided_at)
    _not_in_future("decided_at", decided_at)
    require_visible(actor, [child])
    if outcome not in ContactOutcome.values:
        raise ValidationError({"outcome": "Choose what happens next for this child."})
    if not ContactChild.objects.filter(contact=contact, child=child).exists():
        raise ValidationError({"child": "The contact does not name this child."})
    if ContactDecision.objects.filter(contact=contact, child=child).exists():
        raise ValidationError({"child": "A decision has already been recorded for this child."})
    if decided_at < contact.received_at:
        raise ValidationError({"decided_at": "The decision cannot come before the contact."})
    with pghistory.context(user=actor.pk, reason=reason):
        return ContactDecision.objects.create(
            contact=contact,
            child=child,
            outcome=outcome,
            decided_at=decided_at,
            rationale=rationale.strip(),
            decided_by=actor,
            source_step=source_step,
        )


@transaction.atomic
def contact_person_add(
    *, actor: Worker, contact: Contact, person: Person, involvement: str, reason: str
) -> ContactPerson:
    """Name someone else involved in a contact (a parent, a person alleged to have caused harm)."""
    require_visible(actor, [person])
    if involvement not in ContactInvolvement.values:
        raise ValidationError({"involvement": "Choose how the person is involved."})
    if ContactChild.objects.filter(contact=contact, child=person).exists():
        raise ValidationError({"person": "The contact is about this person, as a child."})
    if ContactPerson.objects.filter(contact=contact, person=person).exists():
        raise ValidationError({"person": "The contact already names this person."})
    with pghistory.context(user=actor.pk, reason=reason):
        return ContactPerson.objects.create(contact=contact, person=person, involvement=involvement)


# --- The front door through the council's practice model ---------------------------------------
#
# The front door's pages do not write the contact, the MASH enquiry or the decisions directly:
# each child gets a practice case on the council's model, and the model's steps write the
# statutory facts (`writes:` in the model). These services complete the children's steps from
# one form, so a family is recorded once.

# Fields of the front door's decision step that are answered per child; every other answer is the
# family's (partner checks, the rating) and is given once.
PER_CHILD_FIELDS = ("decision", "decision_rationale")


class FamilyAnswersInvalidError(ValidationError):
    """Answers that one of the children's steps refuses; `errors` is keyed like the form.

    A shared question's message is keyed by its field id; a per-child question's by
    `<field>-<child id>`; anything else by `_form`.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def contact_receive(
    *,
    actor: Worker,
    received_at: dt.datetime,
    source: str,
    children: Sequence[Person],
    contact_reason: str,
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_contact_details: str = "",
    people_involved: Sequence[tuple[Person, str]] = (),
    reason: str = "Contact received at the front door",
) -> Contact:
    """Receive a contact about one or more children: once, through each child's practice case.

    Opens a practice case for each child on the council's model (opened on the day the contact
    came in) and completes each child's contact step with the same answers: the model's `writes`
    record the contact once, every child joining it (`facts.sibling_contact`). The people
    involved are then named in it. Bad input raises `ValidationError` keyed by field.
    """
    from hearth.practice import services as practice  # noqa: PLC0415 (practice imports our facts)

    _require_aware("received_at", received_at)
    _not_in_future("received_at", received_at)
    if not children:
        raise ValidationError({"children": "Add at least one child the contact is about."})
    if len({child.pk for child in children}) != len(children):
        raise ValidationError({"children": "Each child can be named only once."})
    require_visible(actor, [*children, *(person for person, _ in people_involved)])
    answers = {
        "received_at": received_at,
        "referral_source": source,
        "contact_reason": contact_reason,
        "referrer_name": referrer_name,
        "referrer_organisation": referrer_organisation,
        "referrer_contact_details": referrer_contact_details,
    }
    received_on = timezone.localdate(received_at)
    contact: Contact | None = None
    for child in children:
        case = practice.case_open(actor=actor, child=child, opened_on=received_on, reason=reason)
        for step in case.steps.filter(status="open"):
            try:
                done = practice.step_complete(
                    actor=actor, step=step, answers=answers, completed_on=received_on, reason=reason
                )
            except practice.StepAnswersInvalidError as invalid:
                raise ValidationError(invalid.parsed.errors) from invalid
            except practice.PracticeError as refused:
                raise ValidationError({"children": str(refused)}) from refused
            contact = contact or Contact.objects.filter(source_step=str(done.pk)).first()
    if contact is None:
        # The council's model does not write the contact: record it here, once.
        return contact_record(
            actor=actor,
            reason=reason,
            received_at=received_at,
            source=source,
            children=children,
            contact_reason=contact_reason,
            referrer_name=referrer_name,
            referrer_organisation=referrer_organisation,
            referrer_contact_details=referrer_contact_details,
            people_involved=people_involved,
        )
    for child in children:
        if not ContactChild.objects.filter(contact=contact, child=child).exists():
            contact_child_add(actor=actor, contact=contact, child=child, reason=reason)
    for person, involvement in people_involved:
        contact_person_add(
            actor=actor, contact=contact, person=person, involvement=involvement, reason=reason
        )
    return contact


@transaction.atomic
def front_door_decisions_record(
    *,
    actor: Worker,
    steps: Mapping[int, Any],
    data: Mapping[str, Any],
    completed_on: dt.date | None,
    reason: str = "Front door decision",
) -> list[Any]:
    """Complete each child's front door step (MASH enquiry and decision) from one family form.

    `steps` maps each child's id to their open step. `data` is the submitted form: the family's
    answers under the step's field ids, each child's decision under `<field>-<child id>` for
    the fields in `PER_CHILD_FIELDS`. Each step goes for authorisation or completes, as the
    model says. Any refusal raises `FamilyAnswersInvalidError` and nothing is saved.
    """
    from hearth.practice import services as practice  # noqa: PLC0415 (practice imports our facts)

    errors: dict[str, str] = {}
    done = []
    for child_id, step in steps.items():
        answers: MultiValueDict[str, Any] = MultiValueDict()
        for key in data:
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
            answers.setlist(key, list(values))
        for name in PER_CHILD_FIELDS:
            own = f"{name}-{child_id}"
            typed = data.getlist(own) if hasattr(data, "getlist") else [data.get(own, "")]
            answers.setlist(name, [v for v in typed if v is not None])
        try:
            done.append(
                practice.step_complete(
                    actor=actor,
                    step=step,
                    answers=answers,
                    completed_on=completed_on,
                    reason=reason,
                )
            )
        except practice.StepAnswersInvalidError as invalid:
            for name, message in invalid.parsed.errors.items():
                key = f"{name}-{child_id}" if name in PER_CHILD_FIELDS else name
                errors.setdefault(key, message)
        except practice.PracticeError as refused:
            errors.setdefault("_form", str(refused))
    if errors:
        raise FamilyAnswersInvalidError(errors)
    return done
