"""Statutory facts the front door registers with the practice engine (hearth.practice.facts).

* `contact`: records a contact about the child. When the same practice step writes the fact for
  a sibling, or a sibling's own step writes the same contact (`sibling_contact`), the sibling joins
  the contact already written (a contact is recorded once).
* `mash_enquiry`: the MASH's partner information and RAG rating on the child's contact; each
  agency's words are filed once, however many of the children's steps carry them.
* `contact_decision`: the front door's decision for the child.

The contact a fact applies to is `context["contact_id"]` when the engine gives it, otherwise the
child's latest contact with no decision for them yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.frontdoor import services
from hearth.frontdoor.codes import MASH_AGENCIES, ContactOutcome, RagRating, ReferralSource
from hearth.frontdoor.fact_values import (
    code_value,
    datetime_value,
    int_of,
    reason_of,
    required_datetime,
    step_of,
    text_value,
)
from hearth.frontdoor.models import Contact, ContactChild, ContactDecision, MashEnquiry
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.practice.facts import FactField, FactFieldType, register_fact

_DATETIME = FactFieldType.DATETIME
_TEXT = FactFieldType.TEXT
_CODE = FactFieldType.CODE


def child_contact(child: Person, context: Mapping[str, Any]) -> Contact:
    """The contact a fact about `child` applies to (see the module docstring)."""
    contact_id = int_of(context, "contact_id")
    if contact_id is not None:
        contact = Contact.objects.filter(pk=contact_id, subjects__child=child).first()
    else:
        decided = ContactDecision.objects.filter(child=child).values("contact_id")
        contact = (
            Contact.objects.filter(subjects__child=child)
            .exclude(pk__in=decided)
            .order_by("-received_at")
            .first()
        )
    if contact is None:
        raise ValidationError(
            {"contact": "There is no contact about this child awaiting a decision."}
        )
    return contact


def sibling_contact(
    *, actor: Worker, child: Person, received_at: dt.datetime, source: str, contact_reason: str
) -> Contact | None:
    """The contact a sibling's practice step already wrote, which this child joins.

    Each child has their own practice case, so siblings' contact steps are different steps. The
    front door completes them from one form: the same worker, the same moment received, the same
    source and the same words. Such a contact, written through a practice step and not yet naming
    this child, is the family's contact: the child joins it instead of a second one being recorded.
    """
    return (
        Contact.objects.filter(
            received_at=received_at,
            source=source,
            reason=contact_reason,
            recorded_by=actor,
        )
        .exclude(source_step="")
        .exclude(subjects__child=child)
        .order_by("pk")
        .first()
    )


@register_fact(
    "contact",
    description=(
        "A contact received about the child (Annex A List 1). Recorded once for every child the "
        "same step names; the decision is due 1 working day after it was received."
    ),
    fields={
        "received_at": FactField(_DATETIME, required=True, description="When it was received"),
        "referral_source": FactField(
            _CODE,
            required=True,
            codes=tuple(ReferralSource.values),
            description="CIN census ReferralSource",
        ),
        "contact_reason": FactField(_TEXT, required=True, description="What the contact is about"),
        "referrer_name": FactField(_TEXT),
        "referrer_organisation": FactField(_TEXT),
        "referrer_contact_details": FactField(_TEXT),
    },
)
def write_contact(
    *, actor: Worker, child: Person, values: Mapping[str, Any], context: Mapping[str, Any]
) -> Contact:
    """Write (or join the child to) the contact for this step."""
    step = step_of(context)
    reason = reason_of(context, "Contact recorded")
    received_at = required_datetime(values, "received_at")
    source = code_value(values, "referral_source", ReferralSource.values)
    contact_reason = text_value(values, "contact_reason", required=True)
    existing = Contact.objects.filter(source_step=step).first() if step else None
    if existing is None and step:
        existing = sibling_contact(
            actor=actor,
            child=child,
            received_at=received_at,
            source=source,
            contact_reason=contact_reason,
        )
    if existing is not None:
        if not ContactChild.objects.filter(contact=existing, child=child).exists():
            services.contact_child_add(actor=actor, contact=existing, child=child, reason=reason)
        return existing
    return services.contact_record(
        actor=actor,
        reason=reason,
        received_at=received_at,
        source=source,
        children=[child],
        contact_reason=contact_reason,
        referrer_name=text_value(values, "referrer_name"),
        referrer_organisation=text_value(values, "referrer_organisation"),
        referrer_contact_details=text_value(values, "referrer_contact_details"),
        source_step=step,
    )


_MASH_FIELDS = {f"{agency}_information": agency for agency in MASH_AGENCIES}


@register_fact(
    "mash_enquiry",
    description=(
        "The MASH's partner agency checks on the child's contact and its RAG rating. One enquiry "
        "per contact, shared by the children it names."
    ),
    fields={
        **{
            name: FactField(_TEXT, description=f"What {agency.label.lower()} shared")
            for name, agency in _MASH_FIELDS.items()
        },
        "information_received_at": FactField(
            _DATETIME, description="When the partners' information came in (default: now)"
        ),
        "rag_rating": FactField(_CODE, codes=tuple(RagRating.values)),
        "rag_rationale": FactField(_TEXT),
    },
)
def write_mash_enquiry(
    *, actor: Worker, child: Person, values: Mapping[str, Any], context: Mapping[str, Any]
) -> MashEnquiry:
    """Open (or add to) the MASH enquiry on the child's contact; rate it if a rating is given."""
    contact = child_contact(child, context)
    step = step_of(context)
    reason = reason_of(context, "MASH enquiry recorded")
    enquiry = MashEnquiry.objects.filter(contact=contact).first()
    if enquiry is not None and step and enquiry.source_step == step:
        # The same step writing for a sibling: the family's enquiry is already recorded.
        return enquiry
    now = timezone.now()
    provided_at = datetime_value(values, "information_received_at", required=False) or now
    rating = code_value(values, "rag_rating", RagRating.values, required=False)
    if enquiry is None:
        enquiry = services.mash_enquiry_start(
            actor=actor,
            contact=contact,
            started_at=min(provided_at, now),
            reason=reason,
            source_step=step,
        )
    already = set(enquiry.information.values_list("agency", "information"))
    for name, agency in _MASH_FIELDS.items():
        information = text_value(values, name)
        # A sibling's step carries the family's checks too: file each agency's words once.
        if information and (str(agency), information) not in already:
            services.mash_information_add(
                actor=actor,
                enquiry=enquiry,
                agency=agency,
                information=information,
                provided_at=provided_at,
                reason=reason,
            )
    rationale = text_value(values, "rag_rationale")
    if rating and (rating, rationale) != (enquiry.rag_rating, enquiry.rag_rationale):
        enquiry = services.mash_enquiry_rate(
            actor=actor,
            enquiry=enquiry,
            rag_rating=rating,
            rag_rationale=rationale,
            rated_at=max(now, enquiry.started_at),
            reason=reason,
        )
    return enquiry


@register_fact(
    "contact_decision",
    description="The front door's decision for the child on their contact.",
    fields={
        "contact_outcome": FactField(_CODE, required=True, codes=tuple(ContactOutcome.values)),
        "decided_at": FactField(_DATETIME, description="When it was decided (default: now)"),
        "rationale": FactField(_TEXT),
    },
)
def write_contact_decision(
    *, actor: Worker, child: Person, values: Mapping[str, Any], context: Mapping[str, Any]
) -> ContactDecision:
    """File the decision for the child on their contact."""
    return services.contact_decision_record(
        actor=actor,
        contact=child_contact(child, context),
        child=child,
        outcome=code_value(values, "contact_outcome", ContactOutcome.values),
        decided_at=datetime_value(values, "decided_at", required=False) or timezone.now(),
        rationale=text_value(values, "rationale"),
        reason=reason_of(context, "Contact decision recorded"),
        source_step=step_of(context),
    )
