"""Casework: the statutory record of the child's journey from referral to child protection.

* `Allocation`: a child allocated to a team and usually a worker; it is what gives a team's
  workers sight of the record (hearth.access). One open allocation per child; a transfer ends the
  old one, so history stays.
* `CINEpisode`: the CIN census "CIN details", from referral to closure, with everything that
  happens in it: `Assessment`, `StrategyDiscussion`, `Section47Enquiry`,
  `ChildProtectionConference`, `ChildProtectionPlan` (+ `CoreGroup`), `CINPlan` (+
  `CINPlanReview`).
* `Visit` and `CaseNote`: recorded once for a sibling group and filed to each child as the
  child's own record. A finalised case note cannot be changed (a database trigger refuses it);
  it is corrected by an `Addendum`.

Due dates (assessment 45 WD, ICPC 15 WD, first core group 10 WD, review conferences 3 then 6
months) are worked out by `hearth.timescales` when the record is written and stored, so a later
edit to the calendar does not move a deadline that has already been set.

Tables mirror the DfE returns; the element each field feeds is named in
docs/subsystems/statutory-record.md. Writes go through `hearth.casework.services`; reads through
`hearth.casework.selectors`. Nothing here holds business logic.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pghistory
import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from hearth.casework.codes import (
    AssessmentFactor,
    AssessmentOutcome,
    CaseNoteKind,
    CategoryOfAbuse,
    ConferenceKind,
    ConferenceOutcome,
    PlanEndReason,
    PrimaryNeedCode,
    ReasonForClosure,
    VisitKind,
)
from hearth.frontdoor.codes import Agency, ReferralSource
from hearth.frontdoor.models import SOURCE_STEP_LENGTH, ContactDecision
from hearth.organisation.models import Team, Worker
from hearth.people.models import Person


def _ends_after_start(start: str, end: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


class SocialWorkerChangeReason(models.TextChoices):
    """Why the child's social worker changed: the DfE's 903 SWEpisodes `SW_REASON` (rule SW13).

    Asked for whenever an allocation names a new worker; required for social worker episodes
    starting on or after `SW_REASON_REQUIRED_FROM` (rule SW01b), so earlier allocations, and
    those made before Hearth asked, may be blank.
    """

    MANAGE = "MANAGE", "Managing caseloads"
    FCONTA = "FCONTA", "First contact or re-referral"
    LEFTRL = "LEFTRL", "The previous social worker left the role"
    ORGRST = "ORGRST", "Organisational restructure"
    TSPROC = "TSPROC", "Transfer to another team under the standard process"
    ABSENC = "ABSENC", "Absence of the previous social worker, or their return"
    CHCHAN = "CHCHAN", "The child asked for a change of social worker"
    PCCHAN = "PCCHAN", "A parent or carer asked for a change of social worker"
    SWDIED = "SWDIED", "The previous social worker died"
    OTHERS = "OTHERS", "Other reason"


# The DfE requires SW_REASON for every social worker episode starting on or after this day (SW01b).
SW_REASON_REQUIRED_FROM = dt.date(2023, 4, 1)


@pghistory.track(append_only=True)
class Allocation(models.Model):
    """A child allocated to a team, and usually to a named worker in it, for a period.

    `sw_reason` is why a new social worker took the child (903 `SW_REASON`); blank when the
    worker did not change (a move between teams with the same worker) and on allocations made
    before the reason was asked.
    """

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="allocations", null=True, blank=True
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    sw_reason = models.CharField(max_length=6, choices=SocialWorkerChangeReason.choices, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["team", "child"],
                name="allocation_open_team",
                condition=models.Q(ended_on__isnull=True),
            ),
            models.Index(
                fields=["worker"],
                name="allocation_open_worker",
                condition=models.Q(ended_on__isnull=True),
            ),
        ]
        constraints = [
            _ends_after_start("started_on", "ended_on", "allocation_ends_after_start"),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="allocation_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} to {self.team}"


class _Recorded(models.Model):
    """Who wrote a record, when, and which practice-model step (if any) wrote it."""

    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    source_step = models.CharField(max_length=SOURCE_STEP_LENGTH, blank=True)

    class Meta:
        abstract = True


@pghistory.track(append_only=True)
class CINEpisode(_Recorded):
    """A CIN census "CIN details" module: one referral to children's social care, to closure.

    `is_re_referral` is worked out when the referral is recorded (a previous referral for the
    child within the 12 months before this one) and stored, so the answer does not change when
    older records are corrected.
    """

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cin_episodes")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    primary_need_code = models.CharField(max_length=2, choices=PrimaryNeedCode.choices, blank=True)
    referral_nfa = models.BooleanField(default=False)
    closure_date = models.DateField(null=True, blank=True)
    reason_for_closure = models.CharField(
        max_length=3, choices=ReasonForClosure.choices, blank=True
    )
    is_re_referral = models.BooleanField(default=False)
    contact_decision = models.OneToOneField(
        ContactDecision,
        on_delete=models.PROTECT,
        related_name="cin_episode",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "CIN episode"
        indexes = [models.Index(fields=["child", "-referral_date"], name="cin_episode_child")]
        constraints = [
            _ends_after_start("referral_date", "closure_date", "cin_episode_closes_after_referral"),
            # Closure date and reason come together (rules 8805, 8810).
            models.CheckConstraint(
                condition=models.Q(closure_date__isnull=True, reason_for_closure="")
                | (models.Q(closure_date__isnull=False) & ~models.Q(reason_for_closure="")),
                name="cin_episode_closure_with_reason",
            ),
            # One open episode per child, referrals with no further action apart (8815).
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(closure_date__isnull=True, referral_nfa=False),
                name="cin_episode_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"CIN episode from {self.referral_date:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


@pghistory.track(append_only=True)
class Assessment(_Recorded):
    """A child and family assessment: CIN census `Assessments`, Annex A List 4.

    `authorisation_date` is the CIN census `AssessmentAuthorisationDate`, the assessment's end:
    the day a manager authorised it (`authorised_by`, `authorised_at`).
    """

    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="assessments")
    actual_start_date = models.DateField()
    # 45 working days from the referral date (domain.md 3.1).
    due_date = models.DateField()
    authorisation_date = models.DateField(null=True, blank=True)
    factors = ArrayField(
        models.CharField(max_length=3, choices=AssessmentFactor.choices), default=list, blank=True
    )
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    authorised_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    authorised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            _ends_after_start("actual_start_date", "authorisation_date", "assessment_dates_order"),
            models.CheckConstraint(
                condition=models.Q(
                    authorisation_date__isnull=True,
                    authorised_by__isnull=True,
                    authorised_at__isnull=True,
                    outcome="",
                )
                | (
                    models.Q(
                        authorisation_date__isnull=False,
                        authorised_by__isnull=False,
                        authorised_at__isnull=False,
                    )
                    & ~models.Q(outcome="")
                ),
                name="assessment_authorisation_complete",
            ),
            # Factors only on completed assessments (8614), and present on them (8897Q).
            models.CheckConstraint(
                condition=models.Q(authorisation_date__isnull=True, factors__len=0)
                | models.Q(authorisation_date__isnull=False, factors__len__gt=0),
                name="assessment_factors_when_complete",
            ),
            # "21" (no factors) stands alone (8869).
            models.CheckConstraint(
                condition=~models.Q(factors__contains=[AssessmentFactor.F21.value])
                | models.Q(factors__len=1),
                name="assessment_no_factors_alone",
            ),
            # No concurrent assessments in an episode (8863Q, 8896).
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(authorisation_date__isnull=True),
                name="assessment_one_open_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment started {self.actual_start_date:%d %b %Y}"


@pghistory.track(append_only=True)
class StrategyDiscussion(_Recorded):
    """A strategy discussion (or meeting) about a child; there may be several in an episode."""

    episode = models.ForeignKey(
        CINEpisode, on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_on = models.DateField()
    agencies = ArrayField(models.CharField(max_length=20, choices=Agency.choices), default=list)
    s47_required = models.BooleanField()
    rationale = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agencies__len__gt=0), name="strategy_discussion_agencies"
            ),
        ]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_on:%d %b %Y}"


@pghistory.track(append_only=True)
class Section47Enquiry(_Recorded):
    """A section 47 enquiry: CIN census `Section47`, Annex A List 5.

    `icpc_target_date` (CIN census `InitialCPCtarget`) is 15 working days from the strategy
    discussion at which the enquiry was initiated, even when there were several discussions.
    `icpc_required` is None while the enquiry is open; False is `ICPCnotRequired`.
    """

    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="section47s")
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section47"
    )
    actual_start_date = models.DateField()
    icpc_target_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    icpc_required = models.BooleanField(null=True, blank=True)
    outcome_rationale = models.TextField(blank=True)

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [
            _ends_after_start("actual_start_date", "completed_on", "section47_dates_order"),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True, icpc_required__isnull=True)
                | models.Q(completed_on__isnull=False, icpc_required__isnull=False),
                name="section47_outcome_complete",
            ),
            # One open s47 in an episode (8839, 8890).
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(completed_on__isnull=True),
                name="section47_one_open_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Section 47 enquiry started {self.actual_start_date:%d %b %Y}"

    @property
    def icpc_not_required(self) -> bool:
        """CIN census `ICPCnotRequired`: the enquiry ended without the need for a conference."""
        return self.icpc_required is False


@pghistory.track(append_only=True)
class ChildProtectionPlan(_Recorded):
    """A child protection plan: CIN census `ChildProtectionPlans`, Annex A List 7.

    It starts on the day of the initial conference that decided it (rule 2885).
    `number_of_previous_plans` (`NumberOfPreviousCPP`) counts the child's earlier plans when this
    one starts; `first_core_group_due_on` is 10 working days after that conference.
    """

    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="cp_plans")
    initial_conference = models.OneToOneField(
        "ChildProtectionConference", on_delete=models.PROTECT, related_name="plan_started"
    )
    start_date = models.DateField()
    initial_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    latest_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    number_of_previous_plans = models.PositiveSmallIntegerField()
    first_core_group_due_on = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)

    class Meta:
        verbose_name = "child protection plan"
        constraints = [
            # A plan cannot start and end on the same day (8840).
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="cp_plan_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True, end_reason="")
                | (models.Q(end_date__isnull=False) & ~models.Q(end_reason="")),
                name="cp_plan_end_with_reason",
            ),
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(end_date__isnull=True),
                name="cp_plan_one_open_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.start_date:%d %b %Y}"


@pghistory.track(append_only=True)
class ChildProtectionConference(_Recorded):
    """An initial (ICPC) or review (RCPC) child protection conference.

    `next_review_due_on` is set when the conference decides on (or continues) a plan: 3 calendar
    months after the ICPC for the first review, then 6 months after each review.
    """

    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    held_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=ConferenceOutcome.choices)
    section47 = models.OneToOneField(
        Section47Enquiry,
        on_delete=models.PROTECT,
        related_name="initial_conference",
        null=True,
        blank=True,
    )
    cp_plan = models.ForeignKey(
        ChildProtectionPlan,
        on_delete=models.PROTECT,
        related_name="review_conferences",
        null=True,
        blank=True,
    )
    next_review_due_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            # A review reviews a plan; an initial conference comes before any plan.
            models.CheckConstraint(
                condition=models.Q(kind=ConferenceKind.REVIEW, cp_plan__isnull=False)
                | models.Q(kind=ConferenceKind.INITIAL, cp_plan__isnull=True),
                name="conference_review_has_plan",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=ConferenceKind.INITIAL) | models.Q(section47__isnull=True),
                name="conference_s47_only_initial",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome=ConferenceOutcome.PLAN, next_review_due_on__isnull=False)
                | models.Q(outcome=ConferenceOutcome.NO_PLAN, next_review_due_on__isnull=True),
                name="conference_next_review_with_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d %b %Y}"


@pghistory.track(append_only=True)
class CoreGroup(_Recorded):
    """A core group meeting for a child on a child protection plan."""

    cp_plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.PROTECT, related_name="core_groups"
    )
    held_on = models.DateField()
    agencies = ArrayField(
        models.CharField(max_length=20, choices=Agency.choices), default=list, blank=True
    )
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Core group {self.held_on:%d %b %Y}"


@pghistory.track(append_only=True)
class CINPlan(_Recorded):
    """A child in need plan: CIN census `CINPlanDates`."""

    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="cin_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "CIN plan"
        constraints = [
            _ends_after_start("start_date", "end_date", "cin_plan_ends_after_start"),
            # One open CIN plan (4004).
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(end_date__isnull=True),
                name="cin_plan_one_open_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"CIN plan from {self.start_date:%d %b %Y}"


@pghistory.track(append_only=True)
class CINPlanReview(_Recorded):
    """A review of a child in need plan."""

    cin_plan = models.ForeignKey(CINPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"CIN plan review {self.held_on:%d %b %Y}"


@pghistory.track(append_only=True)
class Visit(_Recorded):
    """A visit to one child. Siblings visited together share a `visit_group`, each with a copy.

    `seen_alone` and `bedroom_seen` feed Annex A Lists 6 and 7 ("Date Child Was Last Seen",
    "Was the Child Seen Alone?"). `bedroom_seen` is None where it does not apply (at school).
    """

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="visits")
    visit_group = models.UUIDField(default=uuid.uuid4, db_index=True)
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    occurred_at = models.DateTimeField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField()
    bedroom_seen = models.BooleanField(null=True, blank=True)
    present = models.TextField(blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "-occurred_at"], name="visit_child")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seen_alone=False) | models.Q(child_seen=True),
                name="visit_seen_alone_means_seen",
            ),
            models.UniqueConstraint(fields=["visit_group", "child"], name="visit_once_per_child"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%d %b %Y}"


@pgtrigger.register(
    # Written once: the per-child copies are what change, never the note as first written.
    pgtrigger.Protect(
        name="case_note_group_append_only", operation=pgtrigger.Update | pgtrigger.Delete
    )
)
@pghistory.track(append_only=True)
class CaseNoteGroup(_Recorded):
    """A case note written once for several children (a sibling group), as it was written.

    Each child gets a `CaseNote` copy of their own, which the worker may adjust (for instance,
    take out what is only about a sibling) before finalising it.
    """

    kind = models.CharField(max_length=20, choices=CaseNoteKind.choices)
    occurred_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    text = models.TextField()

    def __str__(self) -> str:
        return self.title


@pgtrigger.register(
    # A finalised note is the child's record: the database refuses to change or remove it, whoever
    # asks. Corrections are addenda.
    pgtrigger.Protect(
        name="case_note_finalised_immutable",
        operation=pgtrigger.Update | pgtrigger.Delete,
        condition=pgtrigger.Q(old__finalised_at__isnull=False),
    )
)
@pghistory.track(append_only=True)
class CaseNote(_Recorded):
    """A case note on one child's record; a draft until finalised, then immutable."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_notes")
    group = models.ForeignKey(
        CaseNoteGroup, on_delete=models.PROTECT, related_name="notes", null=True, blank=True
    )
    kind = models.CharField(max_length=20, choices=CaseNoteKind.choices)
    occurred_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        indexes = [models.Index(fields=["child", "-occurred_at"], name="case_note_child")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finalised_at__isnull=True, finalised_by__isnull=True)
                | models.Q(finalised_at__isnull=False, finalised_by__isnull=False),
                name="case_note_finalised_by_someone",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="case_note_has_text"),
            models.UniqueConstraint(
                fields=["group", "child"],
                condition=models.Q(group__isnull=False),
                name="case_note_one_copy_per_child",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finalised(self) -> bool:
        return self.finalised_at is not None


@pgtrigger.register(
    pgtrigger.Protect(name="addendum_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
@pghistory.track(append_only=True)
class Addendum(models.Model):
    """A correction or addition to a finalised case note, itself unchangeable once written."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()
    reason = models.TextField()
    written_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "addenda"
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="addendum_has_text"),
        ]

    def __str__(self) -> str:
        return f"Addendum to note {self.note_id}"
