"""Looked-after children, care leavers and adoption: the statutory record behind the SSDA903.

What is stored is what happened; the 903 episodes are derived from it (`hearth.lookedafter.
episodes`), as is care-leaver status (`hearth.lookedafter.careleavers`).

* `PeriodOfCare`: from becoming looked after to leaving care (REC E-code), with the category of
  need fixed for the period (903 `CIN`, rule 504) and the child's home postcode (`HOME_POST`).
  Care plan date (reg 4: 10 working days).
* `LegalStatus` (903 `LS`) and `Placement` (`PLACE`, `PLACE_PROVIDER`, `URN`, `PL_POST`, reason for
  change). A placement also stores what is derived from its postcode when it is recorded: the
  council it is in (`PL_LA`), whether that is inside the council's own area (`PL_LOCATION`) and
  the straight-line distance from home in miles (`PL_DISTANCE`).
* `UASCStatus` (903 UASC `DUC`), `DeprivationOfLibertyOrder` (903 DoLo, from 2026-27).
* Duties: `IROAllocation`, `LACReview` (`REVIEW`, `REVIEW_CODE`), `StatutoryVisit`,
  `HealthAssessment`, `HealthCheck` (dental, immunisations, development), `SDQScore`,
  `PersonalEducationPlan`, `MissingEpisode` (903 Missing) with its `ReturnInterview`,
  `Conviction` and `SubstanceMisuse` (OC2).
* Care leavers: `LeavingCareSupport` (personal adviser), `PathwayPlan`, `CareLeaverContact` (903
  OC3), `StayingPut`.
* Adoption and permanence: `AdoptionDecision` (903 `DATE_INT`/`DATE_PLACED`, reversal
  `DATE_PLACED_CEASED`, `REASON_PLACED_CEASED`), `AdoptionMatch` (`DATE_MATCH` and the adopters:
  `NB_ADOPTR`, `SEX_ADOPTR`, `LS_ADOPTR`, `FOSTER_CARE`), `PreviousPermanenceOrder` (903
  PrevPerm, partial dates) and `PermanenceOrder` (SGO, CAO).

Every model is tracked by pghistory with append-only event tables. Writes go through
`hearth.lookedafter.services`; reads through `hearth.lookedafter.selectors`. Nothing here holds
business logic.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils import timezone

from hearth.lookedafter.codes import (
    ACCOMMODATION_CHOICES,
    CEASING_REASONS,
    Activity,
    CategoryOfNeed,
    HealthAssessmentKind,
    HealthCheckKind,
    InTouch,
    LegalStatusCode,
    LegalStatusOfAdopters,
    MissingKind,
    PEPKind,
    PermanenceOrderKind,
    PlacementProvider,
    PlacementType,
    PreviousPermanence,
    ReasonPlaceChange,
    ReasonPlacedCeased,
    ReviewParticipation,
    SDQReason,
    SexOfAdopters,
    VisitSchedule,
)
from hearth.organisation.models import Worker
from hearth.people.models import Person


def _ends_after_start(start: str, end: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


def _ends_strictly_after_start(start: str, end: str, name: str) -> models.CheckConstraint:
    # 903 episodes cannot start and end on the same day, so neither can what they derive from.
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gt": models.F(start)}),
        name=name,
    )


class _Recorded(models.Model):
    """Who wrote a record, and when."""

    recorded_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


@pghistory.track(append_only=True)
class PeriodOfCare(_Recorded):
    """A period of care: from the day the child became looked after to the day they left care."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="periods_of_care")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=CEASING_REASONS, blank=True)
    category_of_need = models.CharField(max_length=2, choices=CategoryOfNeed.choices)
    # The 903 HOME_POST: where the child lived before becoming looked after.
    home_postcode = models.CharField(max_length=8, blank=True)
    # Reg 4: the care plan is prepared before the first placement or within 10 working days.
    care_plan_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "-started_on"], name="period_of_care_child")]
        constraints = [
            _ends_strictly_after_start("started_on", "ended_on", "period_of_care_dates_order"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, reason_ceased="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(reason_ceased="")),
                name="period_of_care_end_with_reason",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="period_of_care_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Period of care from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


@pghistory.track(append_only=True)
class LegalStatus(_Recorded):
    """The legal basis on which the child is looked after, from `started_on` to `ended_on`."""

    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="legal_statuses"
    )
    code = models.CharField(max_length=2, choices=LegalStatusCode.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            _ends_after_start("started_on", "ended_on", "legal_status_dates_order"),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(ended_on__isnull=True),
                name="legal_status_one_open_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.started_on:%d %b %Y}"


@pghistory.track(append_only=True)
class Placement(_Recorded):
    """Where the child lives while looked after, and with whom."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="placements")
    placement_type = models.CharField(max_length=3, choices=PlacementType.choices)
    # Blank for T0-T3 and Z11-Z14 (rule 213), present otherwise (526).
    provider = models.CharField(max_length=3, choices=PlacementProvider.choices, blank=True)
    carer_name = models.CharField(max_length=200)
    # SC + 6 digits, 7 digits, or XXXXXXX (not Ofsted-inspected); blank where not required.
    ofsted_urn = models.CharField(max_length=8, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    # Derived from the postcode when recorded. `placement_la` is the ONS upper-tier code, or SCO,
    # WAL or NIR outside England (rule 169); blank when the postcode is not known.
    placement_la = models.CharField(max_length=9, blank=True)
    is_in_area = models.BooleanField(null=True, blank=True)
    distance_miles = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # On the placement that ended, for the ceasing 903 episode.
    reason_for_change = models.CharField(
        max_length=6, choices=ReasonPlaceChange.choices, blank=True
    )
    # Same carers as the placement before (the carer moved house, the provider or URN changed):
    # 903 RNE T (or U with a change of legal status) rather than P (or B).
    same_carer_as_previous = models.BooleanField(default=False)
    # Reg 28(2)(c): after the first year, visits every 3 months (not 6 weeks) when the placement
    # is intended to last until the child is 18.
    intended_until_18 = models.BooleanField(default=False)
    # Which reg 28 visiting rule applies (placed with a parent before assessment, connected
    # person, long-term agreed, care order with a parent, short breaks), or the standard one.
    visit_schedule = models.CharField(
        max_length=24, choices=VisitSchedule.choices, default=VisitSchedule.STANDARD
    )
    # Reg 9: the placement plan is prepared before the placement or within 5 working days.
    placement_plan_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            _ends_after_start("started_on", "ended_on", "placement_dates_order"),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(ended_on__isnull=True),
                name="placement_one_open_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type} with {self.carer_name} from {self.started_on:%d %b %Y}"


@pghistory.track(append_only=True)
class UASCStatus(_Recorded):
    """The child is (or was) an unaccompanied asylum-seeking child; 903 UASC table."""

    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="uasc_status")
    # 903 DUC: the date UASC status ceased (for example, on leave to remain or at 18).
    ceased_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return "UASC"


@pghistory.track(append_only=True)
class DeprivationOfLibertyOrder(_Recorded):
    """A deprivation of liberty order (903 DoLo table, from 2026-27)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="dolos")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            _ends_after_start("started_on", "ended_on", "dolo_dates_order"),
            # A DoLO cannot start while the previous one is open (rule 705).
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="dolo_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"DoLO from {self.started_on:%d %b %Y}"


@pghistory.track(append_only=True)
class IROAllocation(_Recorded):
    """The independent reviewing officer appointed for the child's period of care."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="iros")
    iro = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="iro_allocations")
    allocated_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            _ends_after_start("allocated_on", "ended_on", "iro_allocation_dates_order"),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(ended_on__isnull=True),
                name="iro_allocation_one_open_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"IRO {self.iro} from {self.allocated_on:%d %b %Y}"


@pghistory.track(append_only=True)
class LACReview(_Recorded):
    """A looked-after child review (903 Reviews: `REVIEW`, `REVIEW_CODE`)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)
    chaired_by = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "held_on"], name="lac_review_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Review on {self.held_on:%d %b %Y}"


@pghistory.track(append_only=True)
class StatutoryVisit(_Recorded):
    """A statutory visit to a looked-after child in their placement (reg 28 SI 2010/959)."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    seen = models.BooleanField(default=True)
    seen_alone = models.BooleanField(default=False)
    visited_by = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on:%d %b %Y}"


@pghistory.track(append_only=True)
class HealthAssessment(_Recorded):
    """An initial or review health assessment (OC2 `HEALTH_ASSESSMENT`)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_assessments")
    kind = models.CharField(max_length=10, choices=HealthAssessmentKind.choices)
    completed_on = models.DateField()

    class Meta:
        ordering = ["completed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.completed_on:%d %b %Y}"


@pghistory.track(append_only=True)
class HealthCheck(_Recorded):
    """A dental check, an immunisation check or an under-5 development check (OC2)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_checks")
    kind = models.CharField(max_length=20, choices=HealthCheckKind.choices)
    checked_on = models.DateField()
    # For immunisations and development checks: up to date on that day.
    up_to_date = models.BooleanField(default=True)

    class Meta:
        ordering = ["checked_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.checked_on:%d %b %Y}"


@pghistory.track(append_only=True)
class SDQScore(_Recorded):
    """A strengths and difficulties questionnaire: a score of 0 to 40, or the reason for none."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sdq_scores")
    completed_on = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=4, choices=SDQReason.choices, blank=True)

    class Meta:
        ordering = ["completed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(score__isnull=False, score__lte=40) & models.Q(reason=""))
                | (models.Q(score__isnull=True) & ~models.Q(reason="")),
                name="sdq_score_or_reason",
            )
        ]

    def __str__(self) -> str:
        return f"SDQ on {self.completed_on:%d %b %Y}"


@pghistory.track(append_only=True)
class PersonalEducationPlan(_Recorded):
    """A personal education plan started or reviewed."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="peps")
    kind = models.CharField(max_length=10, choices=PEPKind.choices)
    completed_on = models.DateField()

    class Meta:
        ordering = ["completed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.completed_on:%d %b %Y}"


@pghistory.track(append_only=True)
class MissingEpisode(_Recorded):
    """Missing (M) or away from placement without authorisation (A): 903 Missing table.

    Every episode counts, whatever its length; an unresolved one stays open (domain.md 6.10).
    """

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=MissingKind.choices)
    # MIS_START: left the placement, or last seen by a responsible adult.
    started_at = models.DateTimeField()
    # MIS_END: found or returned.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [_ends_after_start("started_at", "ended_at", "missing_dates_order")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%d %b %Y}"


@pghistory.track(append_only=True)
class ReturnInterview(_Recorded):
    """The independent return home interview offered after a missing episode (within 72 hours)."""

    episode = models.OneToOneField(
        MissingEpisode, on_delete=models.PROTECT, related_name="return_interview"
    )
    offered_at = models.DateTimeField()
    accepted = models.BooleanField()
    held_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Return interview offered {self.offered_at:%d %b %Y}"


@pghistory.track(append_only=True)
class Conviction(_Recorded):
    """The child was convicted or given a final warning or reprimand (OC2 `CONVICTED`)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="convictions")
    convicted_on = models.DateField()

    def __str__(self) -> str:
        return f"Conviction on {self.convicted_on:%d %b %Y}"


@pghistory.track(append_only=True)
class SubstanceMisuse(_Recorded):
    """A substance misuse problem identified, and the intervention offered or received (OC2)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="substance_misuse")
    identified_on = models.DateField()
    intervention_offered = models.BooleanField(default=False)
    intervention_received = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intervention_received=False)
                | models.Q(intervention_offered=True),
                name="substance_misuse_received_was_offered",
            )
        ]

    def __str__(self) -> str:
        return f"Substance misuse identified {self.identified_on:%d %b %Y}"


# --- Care leavers ------------------------------------------------------------------------------


@pghistory.track(append_only=True)
class LeavingCareSupport(_Recorded):
    """Leaving-care support for a young person, with their personal adviser."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leaving_care")
    personal_adviser = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # The young person asked for support to 25, or is in education or training (CSWA 2017).
    support_to_25 = models.BooleanField(default=False)

    class Meta:
        constraints = [
            _ends_after_start("started_on", "ended_on", "leaving_care_dates_order"),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="leaving_care_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Leaving-care support from {self.started_on:%d %b %Y}"


@pghistory.track(append_only=True)
class PathwayPlan(_Recorded):
    """A pathway plan prepared (the first) or reviewed (at most 6 months apart)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pathway_plans")
    completed_on = models.DateField()
    is_review = models.BooleanField(default=False)

    class Meta:
        ordering = ["completed_on", "id"]

    def __str__(self) -> str:
        return f"Pathway plan on {self.completed_on:%d %b %Y}"


@pghistory.track(append_only=True)
class CareLeaverContact(_Recorded):
    """Contact around a birthday from 17 to 21: 903 OC3 (`IN_TOUCH`, `ACTIV`, `ACCOM`)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="care_leaver_contacts")
    contacted_on = models.DateField()
    # Which birthday this contact is "around" (17 to 21).
    birthday_age = models.PositiveSmallIntegerField()
    in_touch = models.CharField(max_length=4, choices=InTouch.choices)
    activity = models.CharField(max_length=2, choices=Activity.choices, blank=True)
    accommodation = models.CharField(max_length=2, choices=ACCOMMODATION_CHOICES, blank=True)

    class Meta:
        ordering = ["contacted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birthday_age__gte=17, birthday_age__lte=21),
                name="care_leaver_contact_age_17_to_21",
            ),
            models.UniqueConstraint(
                fields=["child", "birthday_age"], name="care_leaver_contact_once_per_birthday"
            ),
        ]

    def __str__(self) -> str:
        return f"Contact around birthday {self.birthday_age}"


@pghistory.track(append_only=True)
class StayingPut(_Recorded):
    """A staying put arrangement: the young person stays with former foster carers after 18."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="staying_put")
    carer_name = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [_ends_after_start("started_on", "ended_on", "staying_put_dates_order")]

    def __str__(self) -> str:
        return f"Staying put with {self.carer_name}"


# --- Adoption and permanence ------------------------------------------------------------------


@pghistory.track(append_only=True)
class AdoptionDecision(_Recorded):
    """The decision that the child should be placed for adoption, and any reversal.

    `decided_on` is both 903 AD1 `DATE_INT` and PlacedAdoption `DATE_PLACED`; `ceased_on` and
    `reason_ceased` are `DATE_PLACED_CEASED` and `REASON_PLACED_CEASED`.
    """

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="adoption_decisions")
    decided_on = models.DateField()
    ceased_on = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=ReasonPlacedCeased.choices, blank=True)

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            _ends_after_start("decided_on", "ceased_on", "adoption_decision_dates_order"),
            models.CheckConstraint(
                condition=models.Q(ceased_on__isnull=True, reason_ceased="")
                | (models.Q(ceased_on__isnull=False) & ~models.Q(reason_ceased="")),
                name="adoption_decision_reversal_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Should be placed for adoption ({self.decided_on:%d %b %Y})"


@pghistory.track(append_only=True)
class AdoptionMatch(_Recorded):
    """The match with prospective adopters, and the adopters' details for 903 AD1."""

    decision = models.ForeignKey(AdoptionDecision, on_delete=models.PROTECT, related_name="matches")
    matched_on = models.DateField()
    number_of_adopters = models.PositiveSmallIntegerField(choices=[(1, "1"), (2, "2")])
    sex_of_adopters = models.CharField(max_length=2, choices=SexOfAdopters.choices)
    legal_status_of_adopters = models.CharField(max_length=3, choices=LegalStatusOfAdopters.choices)
    # FOSTER_CARE: adopted by the child's former foster carers.
    by_foster_carers = models.BooleanField(default=False)
    # The day the child moved in with the adopters (the A3-A6 placement's start).
    placed_on = models.DateField(null=True, blank=True)
    # The adoption order: the period of care ends that day with E11 or E12.
    adoption_order_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["matched_on", "id"]

    def __str__(self) -> str:
        return f"Matched {self.matched_on:%d %b %Y}"


@pghistory.track(append_only=True)
class PreviousPermanenceOrder(_Recorded):
    """Permanence before this period of care (903 PrevPerm), with a partial date.

    `DATE_PERM` may be partial: the day, the month, or the whole date may not be known (rule 632);
    unknown parts are null and written as `zz`.
    """

    period = models.OneToOneField(
        PeriodOfCare, on_delete=models.PROTECT, related_name="previous_permanence"
    )
    kind = models.CharField(max_length=2, choices=PreviousPermanence.choices)
    # LA_PERM: the council that arranged it (its DfE LA number, or WAL/SCO/NIR/NUK), when known.
    arranged_by_la = models.CharField(max_length=9, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            # Z1 (none) with a council or a date is an error (rule 635).
            models.CheckConstraint(
                condition=~models.Q(kind="Z1")
                | models.Q(
                    arranged_by_la="", day__isnull=True, month__isnull=True, year__isnull=True
                ),
                name="previous_permanence_none_has_no_details",
            ),
            # A day needs its month, a month its year.
            models.CheckConstraint(
                condition=(models.Q(day__isnull=True) | models.Q(month__isnull=False))
                & (models.Q(month__isnull=True) | models.Q(year__isnull=False)),
                name="previous_permanence_partial_date_shape",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def date_perm(self) -> str:
        """The 903 DATE_PERM: dd/mm/YYYY with unknown parts as zz (zz/zz/zzzz when unknown)."""
        day = f"{self.day:02d}" if self.day else "zz"
        month = f"{self.month:02d}" if self.month else "zz"
        year = f"{self.year:04d}" if self.year else "zzzz"
        return f"{day}/{month}/{year}"


@pghistory.track(append_only=True)
class PermanenceOrder(_Recorded):
    """A special guardianship order or child arrangements order made for the child."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="permanence_orders")
    kind = models.CharField(max_length=3, choices=PermanenceOrderKind.choices)
    made_on = models.DateField()
    # Who holds the order: former foster carers, and relatives or friends, decide the 903 REC.
    to_former_foster_carers = models.BooleanField(default=False)
    to_relatives_or_friends = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} made {self.made_on:%d %b %Y}"
