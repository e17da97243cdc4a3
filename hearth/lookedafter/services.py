"""Writes to the looked-after record: periods of care, legal statuses, placements and every duty.

Each service takes the acting worker and a `reason`, checks the worker can see the child, runs in
one transaction and sets the pghistory context. Checks from the SSDA903 rules are made before
writing, with a message keyed by the field at fault (rule numbers in comments), so a form can show
it beside what was typed; database constraints are the backstop.

Consecutive records meet on the same day: a new placement's start is the old one's end, as 903
episodes do. A change must come after the record it replaces started, because an episode cannot
start and end on the same day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.frontdoor.access import require_visible
from hearth.geography.areas import local_authority
from hearth.geography.postcodes import distance_miles, postcode_lookup
from hearth.lookedafter.careleavers import CareSpan, birthday, care_leaver_status
from hearth.lookedafter.codes import (
    ACCOMMODATION_CHOICES,
    ADOPTED,
    NO_PROVIDER_PLACEMENTS,
    NO_URN_PLACEMENTS,
    SHORT_BREAK_STATUSES,
    TEMPORARY_PLACEMENTS,
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
    ReasonEpisodeCeased,
    ReasonPlaceChange,
    ReasonPlacedCeased,
    ReviewParticipation,
    SDQReason,
    SexOfAdopters,
    VisitSchedule,
)
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    Conviction,
    DeprivationOfLibertyOrder,
    HealthAssessment,
    HealthCheck,
    IROAllocation,
    LACReview,
    LeavingCareSupport,
    LegalStatus,
    MissingEpisode,
    PathwayPlan,
    PeriodOfCare,
    PermanenceOrder,
    PersonalEducationPlan,
    Placement,
    PreviousPermanenceOrder,
    ReturnInterview,
    SDQScore,
    StatutoryVisit,
    StayingPut,
    SubstanceMisuse,
    UASCStatus,
)
from hearth.organisation.models import Worker
from hearth.people.models import ADULT_AGE, Person
from hearth.returns.ssda903_rules.rules_6xx_up import LA_NUMBERS

URN_SHAPE = re.compile(r"^(SC\d{6}|\d{7}|XXXXXXX)$")
MAX_SDQ_SCORE = 40
# PN0 is for a child under 4 at the review, and only for them (rules 440, 441).
PN0_UNDER_AGE = 4
# Outside England the 903 names the nation, not the council (rule 169).
NATIONS = {"S": "SCO", "W": "WAL", "N": "NIR"}
ONE_DECIMAL = Decimal("0.1")
CUSTODY_MIN_AGE = 10


def _history(actor: Worker, reason: str) -> pghistory.context:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is being changed."})
    return pghistory.context(user=actor.pk, reason=reason.strip())


def _not_in_future(name: str, day: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({name: "The date must not be in the future."})


def _not_before_birth(name: str, child: Person, day: dt.date) -> None:
    if child.date_of_birth is not None and day < child.date_of_birth:
        raise ValidationError({name: "The date must not be before the child's date of birth."})


def _code(name: str, value: str, choices: list[str], message: str) -> None:
    if value not in choices:
        raise ValidationError({name: message})


def _within_period(name: str, period: PeriodOfCare, day: dt.date) -> None:
    if day < period.started_on or (period.ended_on is not None and day > period.ended_on):
        raise ValidationError({name: "The date must be within the period of care."})


# --- Where a placement is ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementLocation:
    """What the 903 derives from a placement's postcode (returns.md 2.5)."""

    postcode: str = ""
    placement_la: str = ""
    is_in_area: bool | None = None
    distance_miles: Decimal | None = None


def _la_for(la_code: str, upper_tier_code: str) -> str:
    return NATIONS.get(la_code[:1], upper_tier_code)


def home_postcode_clean(postcode: str, *, field: str = "home_postcode") -> str:
    """The printed form of a real home postcode, or "" for none; a field error otherwise."""
    if not postcode.strip():
        return ""
    info = postcode_lookup(postcode)
    if info is None:
        raise ValidationError({field: "Enter a real postcode, like HD1 2TA, or leave it blank."})
    return info.postcode


def placement_location(postcode: str, *, home_postcode: str) -> PlacementLocation:
    """The placement's council, whether it is in the council's own area, and miles from home.

    The council is the ONS upper-tier code of the placement postcode (SCO, WAL or NIR outside
    England) and "in area" compares it with `settings.HEARTH_COUNCIL["ons_code"]` (903 PL_LA and
    PL_LOCATION). The distance is the straight line between the two postcodes' grid references,
    in miles to one decimal place (PL_DISTANCE); it is left empty when the home postcode is not
    known or is outside England (the return then writes 999.9).
    """
    if not postcode.strip():
        return PlacementLocation()
    info = postcode_lookup(postcode)
    if info is None:
        raise ValidationError(
            {"postcode": "Enter a real postcode for the placement, like HD1 2TA."}
        )
    la = _la_for(info.la_code, info.upper_tier_code)
    miles: Decimal | None = None
    home = postcode_lookup(home_postcode) if home_postcode else None
    if home is not None and home.la_code.startswith("E"):
        distance = distance_miles(home, info)
        if distance is not None:
            miles = Decimal(str(distance)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return PlacementLocation(
        postcode=info.postcode,
        placement_la=la,
        is_in_area=la == settings.HEARTH_COUNCIL["ons_code"],
        distance_miles=miles,
    )


# --- Period of care, legal status, placement ------------------------------------------------


@dataclass(frozen=True)
class PlacementDetails:
    """What a worker records about a placement (903 PLACE, PLACE_PROVIDER, URN, PL_POST)."""

    placement_type: str
    carer_name: str
    provider: str = ""
    ofsted_urn: str = ""
    address: str = ""
    postcode: str = ""
    intended_until_18: bool = False
    placement_plan_on: dt.date | None = None
    visit_schedule: str = VisitSchedule.STANDARD


def _check_placement(details: PlacementDetails, child: Person, started_on: dt.date) -> None:
    place = details.placement_type
    _code(
        "placement_type",
        place,
        list(PlacementType.values),
        "Choose a placement type from the list.",
    )
    if not details.carer_name.strip():
        raise ValidationError({"carer_name": "Enter the carer's or the setting's name."})
    provider = details.provider
    if place in NO_PROVIDER_PLACEMENTS:
        if provider:
            raise ValidationError(
                {"provider": "Leave the provider blank for this placement type (rule 213)."}
            )
    else:
        _code("provider", provider, list(PlacementProvider.values), "Choose the provider.")
        if provider == PlacementProvider.PR0 and place != PlacementType.P1:
            raise ValidationError(
                {"provider": "PR0 is only for placements with parents (P1) (rule 550)."}
            )
        if place == PlacementType.P1 and provider in {"PR2", "PR4", "PR5"}:
            raise ValidationError(
                {"provider": "A placement with parents cannot have this provider (528, 531)."}
            )
    urn = details.ofsted_urn.strip().upper()
    if place in NO_URN_PLACEMENTS:
        if urn:
            raise ValidationError(
                {"ofsted_urn": "Leave the Ofsted URN blank for this placement type (rule 222)."}
            )
    elif urn and not URN_SHAPE.match(urn):
        raise ValidationError(
            {"ofsted_urn": "Enter the URN as SC and 6 digits, 7 digits, or XXXXXXX."}
        )
    age = child.age_on(started_on)
    if place == PlacementType.K3 and age is not None and age < 16:
        raise ValidationError(
            {"placement_type": "Supported accommodation (K3) is for young people of 16 or over."}
        )
    if details.placement_plan_on is not None:
        _not_in_future("placement_plan_on", details.placement_plan_on)
    _code(
        "visit_schedule",
        details.visit_schedule,
        list(VisitSchedule.values),
        "Choose how often the child must be visited.",
    )


def _new_placement(
    *,
    actor: Worker,
    period: PeriodOfCare,
    details: PlacementDetails,
    started_on: dt.date,
    same_carer_as_previous: bool,
) -> Placement:
    location = placement_location(details.postcode, home_postcode=period.home_postcode)
    return Placement.objects.create(
        period=period,
        placement_type=details.placement_type,
        provider=details.provider,
        carer_name=details.carer_name.strip(),
        ofsted_urn=details.ofsted_urn.strip().upper(),
        address=details.address.strip(),
        postcode=location.postcode,
        placement_la=location.placement_la,
        is_in_area=location.is_in_area,
        distance_miles=location.distance_miles,
        started_on=started_on,
        same_carer_as_previous=same_carer_as_previous,
        intended_until_18=details.intended_until_18,
        placement_plan_on=details.placement_plan_on,
        visit_schedule=details.visit_schedule,
        recorded_by=actor,
    )


@transaction.atomic
def care_start(
    *,
    actor: Worker,
    child: Person,
    started_on: dt.date,
    category_of_need: str,
    legal_status: str,
    placement: PlacementDetails,
    home_postcode: str,
    reason: str,
) -> PeriodOfCare:
    """The child becomes looked after: a period of care, its first legal status and placement.

    The category of need is fixed for the whole period (rule 504). The home postcode (903
    HOME_POST) is where the child lived before; distances to every placement are measured from it.
    """
    require_visible(actor, [child])
    _not_in_future("started_on", started_on)
    _not_before_birth("started_on", child, started_on)
    age = child.age_on(started_on)
    if age is not None and age >= ADULT_AGE:
        raise ValidationError({"started_on": "The child must be under 18 on this date."})
    _code(
        "category_of_need",
        category_of_need,
        list(CategoryOfNeed.values),
        "Choose the category of need.",
    )
    _code("legal_status", legal_status, list(LegalStatusCode.values), "Choose the legal status.")
    _check_placement(placement, child, started_on)
    home = home_postcode_clean(home_postcode)
    with _history(actor, reason):
        periods = PeriodOfCare.objects.select_for_update().filter(child=child)
        if periods.filter(ended_on__isnull=True).exists():
            raise ValidationError({"started_on": "The child is already looked after."})
        if periods.filter(ended_on__gt=started_on).exists():
            raise ValidationError({"started_on": "This date is inside an earlier period of care."})
        period = PeriodOfCare.objects.create(
            child=child,
            started_on=started_on,
            category_of_need=category_of_need,
            home_postcode=home,
            recorded_by=actor,
        )
        LegalStatus.objects.create(
            period=period, code=legal_status, started_on=started_on, recorded_by=actor
        )
        _new_placement(
            actor=actor,
            period=period,
            details=placement,
            started_on=started_on,
            same_carer_as_previous=False,
        )
        return period


def _open(period: PeriodOfCare) -> None:
    if period.ended_on is not None:
        raise ValidationError({"period": "This period of care has ended."})


@transaction.atomic
def placement_change(
    *,
    actor: Worker,
    period: PeriodOfCare,
    started_on: dt.date,
    placement: PlacementDetails,
    same_carer_as_previous: bool,
    reason_for_change: str,
    reason: str,
) -> Placement:
    """The child moves placement (or the same carers' placement changes: RNE T).

    The current placement ends the day the new one starts, with the reason for the change (903
    REASON_PLACE_CHANGE on the ceasing episode); no reason is recorded when the placement ending
    or the new one is temporary (rule 226). CUSTOD is not for a child under 10 (rule 234).
    """
    require_visible(actor, [period.child])
    _open(period)
    _not_in_future("started_on", started_on)
    _check_placement(placement, period.child, started_on)
    with _history(actor, reason):
        current = (
            Placement.objects.select_for_update().filter(period=period, ended_on__isnull=True).get()
        )
        if started_on <= current.started_on:
            raise ValidationError(
                {"started_on": "The new placement must start after the current one started."}
            )
        if TEMPORARY_PLACEMENTS & {current.placement_type, placement.placement_type}:
            # A move into or out of a temporary placement carries no reason (226).
            reason_for_change = ""
        else:
            _code(
                "reason_for_change",
                reason_for_change,
                list(ReasonPlaceChange.values),
                "Choose the reason the placement changed.",
            )
            age = period.child.age_on(started_on)
            if (
                reason_for_change == ReasonPlaceChange.CUSTOD
                and age is not None
                and age < CUSTODY_MIN_AGE
            ):
                raise ValidationError(
                    {"reason_for_change": "Custody is not a reason for a child under 10."}
                )
        current.ended_on = started_on
        current.reason_for_change = reason_for_change
        current.save(update_fields=["ended_on", "reason_for_change"])
        return _new_placement(
            actor=actor,
            period=period,
            details=placement,
            started_on=started_on,
            same_carer_as_previous=same_carer_as_previous,
        )


@transaction.atomic
def legal_status_change(
    *, actor: Worker, period: PeriodOfCare, started_on: dt.date, code: str, reason: str
) -> LegalStatus:
    """The legal basis changes (for example an interim care order becomes a full care order)."""
    require_visible(actor, [period.child])
    _open(period)
    _not_in_future("started_on", started_on)
    _code("code", code, list(LegalStatusCode.values), "Choose the legal status.")
    with _history(actor, reason):
        current = (
            LegalStatus.objects.select_for_update()
            .filter(period=period, ended_on__isnull=True)
            .get()
        )
        if code == current.code:
            raise ValidationError({"code": "This is the child's legal status already."})
        if started_on <= current.started_on:
            raise ValidationError(
                {"started_on": "The new legal status must start after the current one started."}
            )
        current.ended_on = started_on
        current.save(update_fields=["ended_on"])
        return LegalStatus.objects.create(
            period=period, code=code, started_on=started_on, recorded_by=actor
        )


@transaction.atomic
def care_cease(
    *,
    actor: Worker,
    period: PeriodOfCare,
    ended_on: dt.date,
    reason_ceased: str,
    reason: str,
) -> PeriodOfCare:
    """The child leaves care: the period, its legal status, placement and IRO end that day.

    `reason_ceased` is the 903 REC of the last episode (any E-code; X1 is for episodes that
    continue). On adoption the date is the adoption order's (903 DEC). A deprivation of liberty
    order still open ends the same day, since it authorised the council's care and a child who
    has left care cannot have one open (rule 707); one that starts after the date is refused.
    """
    require_visible(actor, [period.child])
    _open(period)
    _not_in_future("ended_on", ended_on)
    codes = [code for code in ReasonEpisodeCeased.values if code != ReasonEpisodeCeased.X1]
    _code("reason_ceased", reason_ceased, codes, "Choose why the child left care.")
    with _history(actor, reason):
        latest = max(
            [period.started_on]
            + [s.started_on for s in period.legal_statuses.filter(ended_on__isnull=True)]
            + [p.started_on for p in period.placements.filter(ended_on__isnull=True)]
        )
        if ended_on <= latest:
            raise ValidationError(
                {
                    "ended_on": "The date must be after the current placement and legal status "
                    "started."
                }
            )
        open_orders = DeprivationOfLibertyOrder.objects.select_for_update().filter(
            child=period.child, ended_on__isnull=True
        )
        if open_orders.filter(started_on__gt=ended_on).exists():
            raise ValidationError(
                {
                    "ended_on": "A deprivation of liberty order starts after this date. End or "
                    "correct the order first."
                }
            )
        open_orders.update(ended_on=ended_on)
        period.legal_statuses.filter(ended_on__isnull=True).update(ended_on=ended_on)
        period.placements.filter(ended_on__isnull=True).update(ended_on=ended_on)
        period.iros.filter(ended_on__isnull=True).update(ended_on=ended_on)
        period.ended_on = ended_on
        period.reason_ceased = reason_ceased
        period.save(update_fields=["ended_on", "reason_ceased"])
        if reason_ceased in ADOPTED:
            AdoptionMatch.objects.filter(
                decision__child=period.child,
                decision__ceased_on__isnull=True,
                adoption_order_on__isnull=True,
            ).update(adoption_order_on=ended_on)
        return period


@transaction.atomic
def care_plan_record(
    *, actor: Worker, period: PeriodOfCare, agreed_on: dt.date, reason: str
) -> PeriodOfCare:
    """The care plan is agreed (reg 4: before the first placement, or within 10 working days)."""
    require_visible(actor, [period.child])
    _not_in_future("agreed_on", agreed_on)
    with _history(actor, reason):
        period.care_plan_on = agreed_on
        period.save(update_fields=["care_plan_on"])
        return period


@transaction.atomic
def placement_plan_record(
    *, actor: Worker, placement: Placement, agreed_on: dt.date, reason: str
) -> Placement:
    """The placement plan is agreed (reg 9: before the placement, or within 5 working days)."""
    require_visible(actor, [placement.period.child])
    _not_in_future("agreed_on", agreed_on)
    with _history(actor, reason):
        placement.placement_plan_on = agreed_on
        placement.save(update_fields=["placement_plan_on"])
        return placement


@transaction.atomic
def iro_allocate(
    *, actor: Worker, period: PeriodOfCare, iro: Worker, allocated_on: dt.date, reason: str
) -> IROAllocation:
    """Appoint the child's independent reviewing officer, ending any earlier appointment."""
    require_visible(actor, [period.child])
    _open(period)
    _not_in_future("allocated_on", allocated_on)
    _within_period("allocated_on", period, allocated_on)
    if not iro.is_active:
        raise ValidationError({"iro": "Choose a reviewing officer who is working now."})
    with _history(actor, reason):
        current = IROAllocation.objects.select_for_update().filter(
            period=period, ended_on__isnull=True
        )
        for allocation in current:
            if allocated_on < allocation.allocated_on:
                raise ValidationError(
                    {"allocated_on": "The date must not be before the current IRO was appointed."}
                )
            allocation.ended_on = allocated_on
            allocation.save(update_fields=["ended_on"])
        return IROAllocation.objects.create(
            period=period, iro=iro, allocated_on=allocated_on, recorded_by=actor
        )


# --- Duties --------------------------------------------------------------------------------


@transaction.atomic
def review_record(
    *,
    actor: Worker,
    period: PeriodOfCare,
    held_on: dt.date,
    participation: str,
    reason: str,
    chaired_by: Worker | None = None,
) -> LACReview:
    """A looked-after child review was held (903 Reviews)."""
    require_visible(actor, [period.child])
    _not_in_future("held_on", held_on)
    _within_period("held_on", period, held_on)
    _code(
        "participation",
        participation,
        list(ReviewParticipation.values),
        "Choose how the child took part.",
    )
    age = period.child.age_on(held_on)
    if age is not None:
        if age < PN0_UNDER_AGE and participation != ReviewParticipation.PN0:
            raise ValidationError(
                {"participation": "The child was under 4 at the review: choose PN0 (rule 441)."}
            )
        if age >= PN0_UNDER_AGE and participation == ReviewParticipation.PN0:
            raise ValidationError(
                {"participation": "PN0 is only for a child under 4 at the review (rule 440)."}
            )
    if LACReview.objects.filter(period=period, held_on=held_on).exists():
        raise ValidationError({"held_on": "A review is already recorded on this date."})
    with _history(actor, reason):
        return LACReview.objects.create(
            period=period,
            held_on=held_on,
            participation=participation,
            chaired_by=chaired_by,
            recorded_by=actor,
        )


@transaction.atomic
def visit_record(
    *,
    actor: Worker,
    period: PeriodOfCare,
    visited_on: dt.date,
    seen: bool,
    seen_alone: bool,
    reason: str,
) -> StatutoryVisit:
    """A statutory visit to the child in the placement they were in on that day (reg 28)."""
    require_visible(actor, [period.child])
    _not_in_future("visited_on", visited_on)
    _within_period("visited_on", period, visited_on)
    if seen_alone and not seen:
        raise ValidationError({"seen_alone": "A child seen alone was seen: tick both."})
    placement = (
        Placement.objects.filter(period=period, started_on__lte=visited_on)
        .exclude(ended_on__lte=visited_on)
        .order_by("-started_on", "-id")
        .first()
    )
    if placement is None:
        # The last day of a period belongs to the placement that ended that day.
        placement = period.placements.filter(ended_on=visited_on).order_by("-id").first()
    if placement is None:
        raise ValidationError({"visited_on": "The child had no placement on this date."})
    with _history(actor, reason):
        return StatutoryVisit.objects.create(
            placement=placement,
            visited_on=visited_on,
            seen=seen,
            seen_alone=seen_alone,
            visited_by=actor,
            recorded_by=actor,
        )


@transaction.atomic
def health_assessment_record(
    *,
    actor: Worker,
    child: Person,
    completed_on: dt.date,
    reason: str,
    kind: str = "",
) -> HealthAssessment:
    """A health assessment was completed.

    Without `kind`, the first assessment since the child's latest period of care started is the
    initial one and later ones are reviews.
    """
    require_visible(actor, [child])
    _not_in_future("completed_on", completed_on)
    _not_before_birth("completed_on", child, completed_on)
    if not kind:
        period = PeriodOfCare.objects.filter(child=child).order_by("-started_on").first()
        earlier = HealthAssessment.objects.filter(child=child)
        if period is not None:
            earlier = earlier.filter(completed_on__gte=period.started_on)
        kind = HealthAssessmentKind.REVIEW if earlier.exists() else HealthAssessmentKind.INITIAL
    _code("kind", kind, list(HealthAssessmentKind.values), "Choose initial or review.")
    with _history(actor, reason):
        return HealthAssessment.objects.create(
            child=child, kind=kind, completed_on=completed_on, recorded_by=actor
        )


@transaction.atomic
def health_check_record(
    *,
    actor: Worker,
    child: Person,
    kind: str,
    checked_on: dt.date,
    up_to_date: bool,
    reason: str,
) -> HealthCheck:
    """A dental check, immunisation check or under-5 development check (OC2)."""
    require_visible(actor, [child])
    _not_in_future("checked_on", checked_on)
    _not_before_birth("checked_on", child, checked_on)
    _code("kind", kind, list(HealthCheckKind.values), "Choose the kind of check.")
    age = child.age_on(checked_on)
    if kind == HealthCheckKind.DEVELOPMENT and age is not None and age >= 5:
        raise ValidationError(
            {"kind": "Development checks are recorded for children under 5 (rule 545)."}
        )
    with _history(actor, reason):
        return HealthCheck.objects.create(
            child=child, kind=kind, checked_on=checked_on, up_to_date=up_to_date, recorded_by=actor
        )


@transaction.atomic
def sdq_record(
    *,
    actor: Worker,
    child: Person,
    completed_on: dt.date,
    score: int | None,
    no_score_reason: str,
    reason: str,
) -> SDQScore:
    """A strengths and difficulties questionnaire: a score of 0 to 40, or why there is none."""
    require_visible(actor, [child])
    _not_in_future("completed_on", completed_on)
    if (score is None) == (not no_score_reason):
        raise ValidationError({"score": "Enter a score, or choose why there is no score."})
    if score is not None and not 0 <= score <= MAX_SDQ_SCORE:
        raise ValidationError({"score": "The score must be between 0 and 40 (rule 180)."})
    if no_score_reason:
        _code("no_score_reason", no_score_reason, list(SDQReason.values), "Choose a reason.")
    with _history(actor, reason):
        return SDQScore.objects.create(
            child=child,
            completed_on=completed_on,
            score=score,
            reason=no_score_reason,
            recorded_by=actor,
        )


@transaction.atomic
def pep_record(
    *, actor: Worker, period: PeriodOfCare, kind: str, completed_on: dt.date, reason: str
) -> PersonalEducationPlan:
    """A personal education plan was started or reviewed."""
    require_visible(actor, [period.child])
    _not_in_future("completed_on", completed_on)
    _within_period("completed_on", period, completed_on)
    _code("kind", kind, list(PEPKind.values), "Choose started or reviewed.")
    with _history(actor, reason):
        return PersonalEducationPlan.objects.create(
            period=period, kind=kind, completed_on=completed_on, recorded_by=actor
        )


def _aware(name: str, moment: dt.datetime) -> None:
    if timezone.is_naive(moment):
        raise ValidationError({name: "Give the time with its time zone."})
    if moment > timezone.now():
        raise ValidationError({name: "The time must not be in the future."})


@transaction.atomic
def missing_episode_record(
    *,
    actor: Worker,
    child: Person,
    kind: str,
    started_at: dt.datetime,
    reason: str,
    ended_at: dt.datetime | None = None,
) -> MissingEpisode:
    """The child went missing (M) or was away without authorisation (A); open until they return."""
    require_visible(actor, [child])
    _code("kind", kind, list(MissingKind.values), "Choose missing or away without authorisation.")
    _aware("started_at", started_at)
    _not_before_birth("started_at", child, timezone.localdate(started_at))
    if ended_at is not None:
        _aware("ended_at", ended_at)
        if ended_at <= started_at:
            raise ValidationError({"ended_at": "The child must return after they went missing."})
    with _history(actor, reason):
        overlapping = MissingEpisode.objects.select_for_update().filter(child=child)
        for other in overlapping:
            starts_before_this_ends = ended_at is None or other.started_at < ended_at
            ends_after_this_starts = other.ended_at is None or started_at < other.ended_at
            if starts_before_this_ends and ends_after_this_starts:
                raise ValidationError(
                    {"started_at": "This overlaps another missing episode (rule 576)."}
                )
        return MissingEpisode.objects.create(
            child=child, kind=kind, started_at=started_at, ended_at=ended_at, recorded_by=actor
        )


@transaction.atomic
def missing_episode_end(
    *, actor: Worker, episode: MissingEpisode, ended_at: dt.datetime, reason: str
) -> MissingEpisode:
    """The child was found or came back: the missing episode ends."""
    require_visible(actor, [episode.child])
    _aware("ended_at", ended_at)
    if episode.ended_at is not None:
        raise ValidationError({"ended_at": "This episode has already ended."})
    if ended_at <= episode.started_at:
        raise ValidationError({"ended_at": "The child must return after they went missing."})
    with _history(actor, reason):
        episode.ended_at = ended_at
        episode.save(update_fields=["ended_at"])
        return episode


@transaction.atomic
def return_interview_record(
    *,
    actor: Worker,
    episode: MissingEpisode,
    offered_at: dt.datetime,
    accepted: bool,
    reason: str,
    held_on: dt.date | None = None,
) -> ReturnInterview:
    """The return home interview was offered (due within 72 hours of return), accepted or not."""
    require_visible(actor, [episode.child])
    _aware("offered_at", offered_at)
    if episode.ended_at is None:
        raise ValidationError(
            {"offered_at": "Record when the child came back before the return interview."}
        )
    if offered_at < episode.ended_at:
        raise ValidationError({"offered_at": "The offer must be made after the child returned."})
    if held_on is not None:
        _not_in_future("held_on", held_on)
        if not accepted:
            raise ValidationError({"held_on": "An interview that was refused was not held."})
        if held_on < timezone.localdate(offered_at):
            raise ValidationError({"held_on": "The interview must be held after it was offered."})
    if ReturnInterview.objects.filter(episode=episode).exists():
        raise ValidationError({"offered_at": "A return interview is already recorded."})
    with _history(actor, reason):
        return ReturnInterview.objects.create(
            episode=episode,
            offered_at=offered_at,
            accepted=accepted,
            held_on=held_on,
            recorded_by=actor,
        )


@transaction.atomic
def conviction_record(
    *, actor: Worker, child: Person, convicted_on: dt.date, reason: str
) -> Conviction:
    """The child was convicted (OC2 CONVICTED; not under 10, rule 543)."""
    require_visible(actor, [child])
    _not_in_future("convicted_on", convicted_on)
    age = child.age_on(convicted_on)
    if age is not None and age < CUSTODY_MIN_AGE:
        raise ValidationError({"convicted_on": "A child under 10 cannot be convicted."})
    with _history(actor, reason):
        return Conviction.objects.create(child=child, convicted_on=convicted_on, recorded_by=actor)


@transaction.atomic
def substance_misuse_record(
    *,
    actor: Worker,
    child: Person,
    identified_on: dt.date,
    intervention_offered: bool,
    intervention_received: bool,
    reason: str,
) -> SubstanceMisuse:
    """A substance misuse problem identified, with any intervention offered and received (OC2)."""
    require_visible(actor, [child])
    _not_in_future("identified_on", identified_on)
    if intervention_received and not intervention_offered:
        raise ValidationError(
            {"intervention_offered": "An intervention that was received was offered."}
        )
    with _history(actor, reason):
        return SubstanceMisuse.objects.create(
            child=child,
            identified_on=identified_on,
            intervention_offered=intervention_offered,
            intervention_received=intervention_received,
            recorded_by=actor,
        )


@transaction.atomic
def uasc_record(
    *, actor: Worker, child: Person, reason: str, ceased_on: dt.date | None = None
) -> UASCStatus:
    """Record that the child is (or was) an unaccompanied asylum-seeker, and when that ceased."""
    require_visible(actor, [child])
    if ceased_on is not None:
        _not_in_future("ceased_on", ceased_on)
        _not_before_birth("ceased_on", child, ceased_on)
        if child.date_of_birth is not None and ceased_on > birthday(child.date_of_birth, 18):
            raise ValidationError(
                {"ceased_on": "UASC status ceases on or before the 18th birthday (rule 304)."}
            )
    with _history(actor, reason):
        status, _ = UASCStatus.objects.update_or_create(
            child=child, defaults={"ceased_on": ceased_on, "recorded_by": actor}
        )
        return status


@transaction.atomic
def dolo_start(
    *, actor: Worker, child: Person, started_on: dt.date, reason: str
) -> DeprivationOfLibertyOrder:
    """A deprivation of liberty order is made (903 DoLo; one open at a time, rule 705)."""
    require_visible(actor, [child])
    _not_in_future("started_on", started_on)
    _not_before_birth("started_on", child, started_on)
    with _history(actor, reason):
        if DeprivationOfLibertyOrder.objects.filter(child=child, ended_on__isnull=True).exists():
            raise ValidationError({"started_on": "The previous order is still open (rule 705)."})
        return DeprivationOfLibertyOrder.objects.create(
            child=child, started_on=started_on, recorded_by=actor
        )


@transaction.atomic
def dolo_end(
    *, actor: Worker, order: DeprivationOfLibertyOrder, ended_on: dt.date, reason: str
) -> DeprivationOfLibertyOrder:
    """A deprivation of liberty order ends."""
    require_visible(actor, [order.child])
    _not_in_future("ended_on", ended_on)
    if ended_on < order.started_on:
        raise ValidationError({"ended_on": "The order cannot end before it started (rule 702)."})
    with _history(actor, reason):
        order.ended_on = ended_on
        order.save(update_fields=["ended_on"])
        return order


# --- Care leavers ------------------------------------------------------------------------------


def care_spans(child: Person) -> list[CareSpan]:
    """The child's periods of care as spans for care-leaver status, short breaks marked."""
    spans: list[CareSpan] = []
    for period in PeriodOfCare.objects.filter(child=child).prefetch_related("legal_statuses"):
        codes = {status.code for status in period.legal_statuses.all()}
        spans.append(
            CareSpan(
                started_on=period.started_on,
                ended_on=period.ended_on,
                is_short_break=bool(codes) and codes <= SHORT_BREAK_STATUSES,
            )
        )
    return spans


@transaction.atomic
def leaving_care_start(
    *,
    actor: Worker,
    child: Person,
    personal_adviser: Worker,
    started_on: dt.date,
    support_to_25: bool,
    reason: str,
) -> LeavingCareSupport:
    """A young person starts leaving-care support with a personal adviser.

    They must have a care-leaver status on that day (eligible, relevant, former relevant or
    qualifying), worked out from their care history.
    """
    require_visible(actor, [child])
    _not_in_future("started_on", started_on)
    if child.date_of_birth is None:
        raise ValidationError({"started_on": "Record the young person's date of birth first."})
    status = care_leaver_status(
        date_of_birth=child.date_of_birth,
        spans=care_spans(child),
        on=started_on,
        date_of_death=child.date_of_death,
        support_to_25=support_to_25,
    )
    if status is None:
        raise ValidationError({"started_on": "The young person is not a care leaver on this date."})
    if not personal_adviser.is_active:
        raise ValidationError({"personal_adviser": "Choose an adviser who is working now."})
    with _history(actor, reason):
        if LeavingCareSupport.objects.filter(child=child, ended_on__isnull=True).exists():
            raise ValidationError({"started_on": "Leaving-care support has already started."})
        return LeavingCareSupport.objects.create(
            child=child,
            personal_adviser=personal_adviser,
            started_on=started_on,
            support_to_25=support_to_25,
            recorded_by=actor,
        )


@transaction.atomic
def personal_adviser_change(
    *, actor: Worker, support: LeavingCareSupport, personal_adviser: Worker, reason: str
) -> LeavingCareSupport:
    """A new personal adviser takes over (the history keeps the earlier one)."""
    require_visible(actor, [support.child])
    if not personal_adviser.is_active:
        raise ValidationError({"personal_adviser": "Choose an adviser who is working now."})
    with _history(actor, reason):
        support.personal_adviser = personal_adviser
        support.save(update_fields=["personal_adviser"])
        return support


@transaction.atomic
def pathway_plan_record(
    *, actor: Worker, child: Person, completed_on: dt.date, reason: str
) -> PathwayPlan:
    """A pathway plan was prepared (the first) or reviewed (every later one)."""
    require_visible(actor, [child])
    _not_in_future("completed_on", completed_on)
    _not_before_birth("completed_on", child, completed_on)
    with _history(actor, reason):
        is_review = PathwayPlan.objects.filter(child=child).exists()
        return PathwayPlan.objects.create(
            child=child, completed_on=completed_on, is_review=is_review, recorded_by=actor
        )


@transaction.atomic
def care_leaver_contact_record(
    *,
    actor: Worker,
    child: Person,
    contacted_on: dt.date,
    birthday_age: int,
    in_touch: str,
    reason: str,
    activity: str = "",
    accommodation: str = "",
) -> CareLeaverContact:
    """Contact around the 17th to 21st birthday: in touch, activity, accommodation (903 OC3).

    In touch (YES), activity and accommodation are both needed and neither is 0 (153, 345).
    After death or a return home (DIED, RHOM) neither is given (344). Not in touch otherwise
    (NO, REFU, NREQ), what is known may be given and the rest is recorded as 0 (153).
    """
    require_visible(actor, [child])
    _not_in_future("contacted_on", contacted_on)
    if not 17 <= birthday_age <= 21:
        raise ValidationError({"birthday_age": "Choose a birthday from 17 to 21."})
    _code("in_touch", in_touch, list(InTouch.values), "Choose whether the council is in touch.")
    answers = {"activity": activity, "accommodation": accommodation}
    if activity:
        _code("activity", activity, list(Activity.values), "Choose the main activity.")
    if accommodation:
        _code(
            "accommodation",
            accommodation,
            [code for code, _ in ACCOMMODATION_CHOICES],
            "Choose the accommodation.",
        )
    if in_touch == InTouch.YES:
        for name, value in answers.items():
            if value in {"", "0"}:
                raise ValidationError(
                    {name: f"When the council is in touch, give the {name} (rules 153, 345)."}
                )
    elif in_touch in {InTouch.DIED, InTouch.RHOM}:
        for name, value in answers.items():
            if value:
                raise ValidationError(
                    {
                        name: "Leave this blank when the young person has died or returned "
                        "home (rule 344)."
                    }
                )
    else:
        activity, accommodation = activity or "0", accommodation or "0"
    if accommodation.startswith("Z") and birthday_age == 17:
        raise ValidationError(
            {"accommodation": "Former foster carers is not an answer at 17 (rule 3001)."}
        )
    if accommodation.startswith("T") and birthday_age < 18:
        raise ValidationError({"accommodation": "A foyer is not an answer under 18 (rule 347)."})
    with _history(actor, reason):
        contact, _ = CareLeaverContact.objects.update_or_create(
            child=child,
            birthday_age=birthday_age,
            defaults={
                "contacted_on": contacted_on,
                "in_touch": in_touch,
                "activity": activity,
                "accommodation": accommodation,
                "recorded_by": actor,
            },
        )
        return contact


@transaction.atomic
def staying_put_start(
    *, actor: Worker, child: Person, carer_name: str, started_on: dt.date, reason: str
) -> StayingPut:
    """A young person stays with former foster carers after 18 (staying put)."""
    require_visible(actor, [child])
    _not_in_future("started_on", started_on)
    if not carer_name.strip():
        raise ValidationError({"carer_name": "Enter the carers' names."})
    with _history(actor, reason):
        if StayingPut.objects.filter(child=child, ended_on__isnull=True).exists():
            raise ValidationError({"started_on": "A staying put arrangement is already open."})
        return StayingPut.objects.create(
            child=child, carer_name=carer_name.strip(), started_on=started_on, recorded_by=actor
        )


@transaction.atomic
def staying_put_end(
    *, actor: Worker, arrangement: StayingPut, ended_on: dt.date, reason: str
) -> StayingPut:
    """A staying put arrangement ends (the young person moves on from their former carers)."""
    require_visible(actor, [arrangement.child])
    _not_in_future("ended_on", ended_on)
    if arrangement.ended_on is not None:
        raise ValidationError({"ended_on": "This arrangement has already ended."})
    if ended_on < arrangement.started_on:
        raise ValidationError({"ended_on": "The arrangement cannot end before it started."})
    with _history(actor, reason):
        arrangement.ended_on = ended_on
        arrangement.save(update_fields=["ended_on"])
        return arrangement


# --- Adoption and permanence ----------------------------------------------------------------


@transaction.atomic
def adoption_decision_record(
    *, actor: Worker, child: Person, decided_on: dt.date, reason: str
) -> AdoptionDecision:
    """The decision that the child should be placed for adoption (903 DATE_INT, DATE_PLACED)."""
    require_visible(actor, [child])
    _not_in_future("decided_on", decided_on)
    _not_before_birth("decided_on", child, decided_on)
    with _history(actor, reason):
        if AdoptionDecision.objects.filter(child=child, ceased_on__isnull=True).exists():
            raise ValidationError({"decided_on": "A decision to place is already in force."})
        return AdoptionDecision.objects.create(
            child=child, decided_on=decided_on, recorded_by=actor
        )


@transaction.atomic
def adoption_decision_reverse(
    *,
    actor: Worker,
    decision: AdoptionDecision,
    ceased_on: dt.date,
    reason_ceased: str,
    reason: str,
) -> AdoptionDecision:
    """The child should no longer be placed for adoption (DATE_PLACED_CEASED and its reason)."""
    require_visible(actor, [decision.child])
    _not_in_future("ceased_on", ceased_on)
    _code(
        "reason_ceased",
        reason_ceased,
        list(ReasonPlacedCeased.values),
        "Choose why the plan changed.",
    )
    if decision.ceased_on is not None:
        raise ValidationError({"ceased_on": "This decision has already been reversed."})
    if ceased_on < decision.decided_on:
        raise ValidationError({"ceased_on": "The date must not be before the decision."})
    with _history(actor, reason):
        decision.ceased_on = ceased_on
        decision.reason_ceased = reason_ceased
        decision.save(update_fields=["ceased_on", "reason_ceased"])
        return decision


_COUPLES = {SexOfAdopters.MM, SexOfAdopters.FF, SexOfAdopters.MF}


def _check_adopters(number: int, sex: str, legal_status: str) -> None:
    """903 adopter rules 511-518: couples are couples, single adopters are single."""
    _code("sex_of_adopters", sex, list(SexOfAdopters.values), "Choose the adopters' sex.")
    _code(
        "legal_status_of_adopters",
        legal_status,
        list(LegalStatusOfAdopters.values),
        "Choose the adopters' legal status.",
    )
    if number not in {1, 2}:
        raise ValidationError({"number_of_adopters": "Choose one or two adopters."})
    if number == 2 and sex not in _COUPLES:
        raise ValidationError({"sex_of_adopters": "Two adopters are MM, FF or MF (rule 511)."})
    if number == 1 and sex in _COUPLES:
        raise ValidationError({"sex_of_adopters": "A single adopter is M1 or F1."})
    if (legal_status == LegalStatusOfAdopters.L0) != (number == 1):
        raise ValidationError(
            {"legal_status_of_adopters": "L0 is for a single adopter, and only for one (514)."}
        )
    if legal_status == LegalStatusOfAdopters.L3 and sex != SexOfAdopters.MF:
        raise ValidationError(
            {"sex_of_adopters": "An unmarried different-gender couple is MF (rule 517)."}
        )
    if legal_status == LegalStatusOfAdopters.L4 and sex not in {SexOfAdopters.MM, SexOfAdopters.FF}:
        raise ValidationError({"sex_of_adopters": "A same-gender couple is MM or FF (rule 518)."})


@transaction.atomic
def adoption_match_record(
    *,
    actor: Worker,
    decision: AdoptionDecision,
    matched_on: dt.date,
    number_of_adopters: int,
    sex_of_adopters: str,
    legal_status_of_adopters: str,
    by_foster_carers: bool,
    reason: str,
) -> AdoptionMatch:
    """The child is matched with prospective adopters (903 DATE_MATCH and the adopter items)."""
    require_visible(actor, [decision.child])
    _not_in_future("matched_on", matched_on)
    if decision.ceased_on is not None:
        raise ValidationError({"matched_on": "The decision to place has been reversed."})
    if matched_on < decision.decided_on:
        raise ValidationError({"matched_on": "The match must not be before the decision to place."})
    _check_adopters(number_of_adopters, sex_of_adopters, legal_status_of_adopters)
    with _history(actor, reason):
        return AdoptionMatch.objects.create(
            decision=decision,
            matched_on=matched_on,
            number_of_adopters=number_of_adopters,
            sex_of_adopters=sex_of_adopters,
            legal_status_of_adopters=legal_status_of_adopters,
            by_foster_carers=by_foster_carers,
            recorded_by=actor,
        )


@transaction.atomic
def adoption_placement_record(
    *, actor: Worker, match: AdoptionMatch, placed_on: dt.date, reason: str
) -> AdoptionMatch:
    """The child moves in with the matched adopters (the A3-A6 placement starts that day)."""
    require_visible(actor, [match.decision.child])
    _not_in_future("placed_on", placed_on)
    if placed_on < match.matched_on:
        raise ValidationError({"placed_on": "The child cannot be placed before the match."})
    with _history(actor, reason):
        match.placed_on = placed_on
        match.save(update_fields=["placed_on"])
        return match


def dfe_la_number(value: str) -> str:
    """The DfE LA number (or WAL, SCO, NIR, NUK) for what a worker typed, for 903 LA_PERM.

    Blank stays blank. A listed council's ONS code becomes its DfE number. Anything else that is
    not on the DfE's list (rule 633) is refused against the field.
    """
    typed = value.strip().upper()
    if not typed:
        return ""
    council = local_authority(typed)
    if council is not None:
        return str(council.dfe_number)
    if typed not in LA_NUMBERS:
        raise ValidationError(
            {
                "arranged_by_la": "Enter the council's DfE number, for example 382, or WAL, "
                "SCO, NIR or NUK for Wales, Scotland, Northern Ireland or outside the UK."
            }
        )
    return typed


@transaction.atomic
def previous_permanence_record(
    *,
    actor: Worker,
    period: PeriodOfCare,
    kind: str,
    reason: str,
    arranged_by_la: str = "",
    day: int | None = None,
    month: int | None = None,
    year: int | None = None,
) -> PreviousPermanenceOrder:
    """Permanence the child had before this period of care (903 PrevPerm), with a partial date.

    `arranged_by_la` is the 903 LA_PERM: the DfE's three-digit number of the council that
    arranged the order, or WAL, SCO, NIR or NUK outside England (rule 633). The ONS code of a
    council Hearth knows (`hearth.geography.areas`) is taken and stored as its DfE number.
    """
    require_visible(actor, [period.child])
    _code("kind", kind, list(PreviousPermanence.values), "Choose the previous permanence.")
    arranged_by_la = dfe_la_number(arranged_by_la)
    if kind == PreviousPermanence.Z1 and (arranged_by_la or day or month or year):
        raise ValidationError(
            {"kind": "With no previous permanence, leave the council and date blank (635)."}
        )
    if (day and not month) or (month and not year):
        raise ValidationError({"day": "A day needs its month, and a month needs its year."})
    if year and month and day:
        try:
            dt.date(year, month, day)
        except ValueError as error:
            raise ValidationError({"day": "The date must be a real date."}) from error
    if month is not None and not 1 <= month <= 12:
        raise ValidationError({"month": "The month must be from 1 to 12."})
    with _history(actor, reason):
        order, _ = PreviousPermanenceOrder.objects.update_or_create(
            period=period,
            defaults={
                "kind": kind,
                "arranged_by_la": arranged_by_la,
                "day": day,
                "month": month,
                "year": year,
                "recorded_by": actor,
            },
        )
        return order


@transaction.atomic
def permanence_order_record(
    *,
    actor: Worker,
    child: Person,
    kind: str,
    made_on: dt.date,
    to_former_foster_carers: bool,
    to_relatives_or_friends: bool,
    reason: str,
) -> PermanenceOrder:
    """A special guardianship order or child arrangements order was made."""
    require_visible(actor, [child])
    _not_in_future("made_on", made_on)
    _code("kind", kind, list(PermanenceOrderKind.values), "Choose the order.")
    with _history(actor, reason):
        return PermanenceOrder.objects.create(
            child=child,
            kind=kind,
            made_on=made_on,
            to_former_foster_carers=to_former_foster_carers,
            to_relatives_or_friends=to_relatives_or_friends,
            recorded_by=actor,
        )
