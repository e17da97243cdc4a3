"""The front door's statutory record: contacts, MASH enquiries and contact decisions.

A contact is recorded once, however many children it is about: each child named in it is a
`ContactChild`, and the front door decides for each child separately (`ContactDecision`), within
1 working day of the contact (the due date is stored on the contact when it is recorded).

Every table is tracked by pghistory with append-only event tables. Writes go through
`hearth.frontdoor.services`; reads through `hearth.frontdoor.selectors` and the chronology in
`hearth.casework.selectors`.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils import timezone

from hearth.frontdoor.codes import (
    Agency,
    ContactInvolvement,
    ContactOutcome,
    RagRating,
    ReferralSource,
)
from hearth.organisation.models import Worker
from hearth.people.models import Person

# The practice-model step instance that wrote a record through a statutory fact, if any. A second
# call for another child in the same step joins the record already written (record once).
SOURCE_STEP_LENGTH = 64


@pghistory.track(append_only=True)
class Contact(models.Model):
    """Information received about one or more children (Annex A List 1: date and source)."""

    received_at = models.DateTimeField()
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_contact_details = models.CharField(max_length=300, blank=True)
    reason = models.TextField()
    # 1 working day from the day the contact was received (domain.md 3.1), worked out by
    # hearth.timescales when the contact is recorded, so later calendar edits do not move it.
    decision_due_on = models.DateField()
    children: models.ManyToManyField[Person, ContactChild] = models.ManyToManyField(
        Person, through="ContactChild", related_name="contacts"
    )
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    source_step = models.CharField(max_length=SOURCE_STEP_LENGTH, blank=True)

    class Meta:
        indexes = [models.Index(fields=["-received_at"], name="contact_received")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="contact_reason_given"),
            models.UniqueConstraint(
                fields=["source_step"],
                condition=~models.Q(source_step=""),
                name="contact_one_per_step",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact received {self.received_at:%d %b %Y %H:%M}"


@pghistory.track(append_only=True)
class ContactChild(models.Model):
    """A child the contact is about. Each child gets their own decision."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="subjects")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contact_subjects")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="contact_child_once"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} in contact {self.contact_id}"


@pghistory.track(append_only=True)
class ContactPerson(models.Model):
    """Someone else in a contact: a parent, a household member, a person alleged to harm."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="people_involved")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="contact_involvements"
    )
    involvement = models.CharField(max_length=20, choices=ContactInvolvement.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="contact_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.involvement}) in contact {self.contact_id}"


@pghistory.track(append_only=True)
class MashEnquiry(models.Model):
    """The MASH's gathering of partner agencies' information about a contact, and its RAG rating.

    One per contact: the MASH checks the family once, whichever children the contact names.
    """

    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="mash_enquiry")
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    rag_rating = models.CharField(max_length=5, choices=RagRating.choices, blank=True)
    rag_rationale = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rated_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    source_step = models.CharField(max_length=SOURCE_STEP_LENGTH, blank=True)

    class Meta:
        verbose_name_plural = "MASH enquiries"
        constraints = [
            # A rating is a decision someone made at a time: all three or none.
            models.CheckConstraint(
                condition=(
                    models.Q(rag_rating="", rated_at__isnull=True, rated_by__isnull=True)
                    | (
                        ~models.Q(rag_rating="")
                        & models.Q(rated_at__isnull=False, rated_by__isnull=False)
                    )
                ),
                name="mash_rating_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"MASH enquiry on contact {self.contact_id}"


@pghistory.track(append_only=True)
class MashInformation(models.Model):
    """One partner agency's information for a MASH enquiry."""

    enquiry = models.ForeignKey(MashEnquiry, on_delete=models.PROTECT, related_name="information")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    information = models.TextField()
    provided_at = models.DateTimeField()
    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(agency=Agency.CHILDRENS_SOCIAL_CARE),
                name="mash_information_from_partner",
            ),
            models.CheckConstraint(
                condition=~models.Q(information=""), name="mash_information_given"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} information for enquiry {self.enquiry_id}"


@pghistory.track(append_only=True)
class ContactDecision(models.Model):
    """The front door's decision for one child named in a contact.

    (contact, child) must be a `ContactChild`: migration 0002 adds a composite foreign key, so a
    decision can never be filed against a child the contact is not about.
    """

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="decisions")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contact_decisions")
    decided_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices)
    rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    source_step = models.CharField(max_length=SOURCE_STEP_LENGTH, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="contact_decision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.child_id}"

    @property
    def decided_in_time(self) -> bool:
        """Whether the decision was made by the contact's 1 working day due date."""
        return timezone.localdate(self.decided_at) <= self.contact.decision_due_on
