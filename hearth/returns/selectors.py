"""Reads for the statutory returns: the CIN census built from the statutory record.

Returns read the **statutory record only** (hearth.people, hearth.frontdoor, hearth.casework),
never the practice engine's tables, so a council can change its practice model without changing
a return.

A return covers every child the DfE asks about, restricted records included: the duty to make
the return does not depend on who produces it. So these selectors do not filter by
`visible_people`; `hearth.returns.access.require_returns_producer` decides who may produce a
return (performance analysts and administrators), and the pages that show validation failures
show a child's council reference and record number only, never a name; the link to put a
failure right goes through the person page, which checks access as always.

Everything is read in a handful of set-based queries (one per table), then put together in
Python, so a return of 15,000 children takes seconds, not one query per child.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from hearth.casework.codes import ConferenceKind
from hearth.casework.models import (
    Assessment,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    Section47Enquiry,
)
from hearth.people.codes import IdentifierKind, Sex
from hearth.people.models import Identifier, Person
from hearth.returns import cin_census as census
from hearth.returns.years import CollectionYear

SOFTWARE_CODE = "Hearth"
# Below this age at the reference date a child without a UPN is "not of school age" (UN1).
SCHOOL_AGE = 5


def software_release() -> str:
    """Hearth's version, for the header's `Release`."""
    try:
        return version("hearth")
    except PackageNotFoundError:
        return "0.1.0"


def _in_window(day: dt.date | None, collection: CollectionYear) -> dt.date | None:
    """`day` if it happened by the reference date; a later date is not yet known to the return."""
    return day if day is not None and day <= collection.reference_date else None


def cin_episodes_in_year(collection: CollectionYear) -> QuerySet[CINEpisode]:
    """CIN episodes open at any time in the collection year (the census's scope, returns.md 3.1)."""
    return CINEpisode.objects.filter(referral_date__lte=collection.reference_date).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=collection.start)
    )


def _active_in_year(start: dt.date | None, end: dt.date | None, collection: CollectionYear) -> bool:
    """A record belongs in the return when it started by the reference date and had not ended
    before the window began."""
    return (
        start is not None
        and start <= collection.reference_date
        and (end is None or end >= collection.start)
    )


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# A subquery of episode or child ids, used inside each table's query (never a list of ids).
_Ids = QuerySet[CINEpisode, Any]


def _assessments(
    episode_ids: _Ids, collection: CollectionYear
) -> dict[int, list[census.Assessment]]:
    found: dict[int, list[census.Assessment]] = defaultdict(list)
    for row in (
        Assessment.objects.filter(episode__in=episode_ids)
        .order_by("actual_start_date", "pk")
        .values("pk", "episode_id", "actual_start_date", "authorisation_date", "factors")
    ):
        if not _active_in_year(row["actual_start_date"], row["authorisation_date"], collection):
            continue
        authorised = _in_window(row["authorisation_date"], collection)
        found[row["episode_id"]].append(
            census.Assessment(
                actual_start_date=row["actual_start_date"],
                authorisation_date=authorised,
                # Factors belong to a completed assessment only (8614).
                factors=list(row["factors"]) if authorised else [],
                record_id=row["pk"],
            )
        )
    return found


def _cin_plans(episode_ids: _Ids, collection: CollectionYear) -> dict[int, list[census.CINPlan]]:
    found: dict[int, list[census.CINPlan]] = defaultdict(list)
    for row in (
        CINPlan.objects.filter(episode__in=episode_ids)
        .order_by("start_date", "pk")
        .values("pk", "episode_id", "start_date", "end_date")
    ):
        if _active_in_year(row["start_date"], row["end_date"], collection):
            found[row["episode_id"]].append(
                census.CINPlan(
                    start_date=row["start_date"],
                    end_date=_in_window(row["end_date"], collection),
                    record_id=row["pk"],
                )
            )
    return found


def _section47s(episode_ids: _Ids, collection: CollectionYear) -> dict[int, list[census.Section47]]:
    found: dict[int, list[census.Section47]] = defaultdict(list)
    for row in (
        Section47Enquiry.objects.filter(episode__in=episode_ids)
        .order_by("actual_start_date", "pk")
        .values(
            "pk",
            "episode_id",
            "actual_start_date",
            "icpc_target_date",
            "completed_on",
            "icpc_required",
            "initial_conference__held_on",
        )
    ):
        icpc_on = _in_window(row["initial_conference__held_on"], collection)
        not_required = row["icpc_required"] is False and (
            _in_window(row["completed_on"], collection) is not None
        )
        # In the census an enquiry ends at its conference, or when one was found not needed.
        ended = icpc_on or (row["completed_on"] if not_required else None)
        if _active_in_year(row["actual_start_date"], ended, collection):
            found[row["episode_id"]].append(
                census.Section47(
                    actual_start_date=row["actual_start_date"],
                    initial_cpc_target=row["icpc_target_date"],
                    date_of_initial_cpc=icpc_on,
                    icpc_not_required=not_required,
                    record_id=row["pk"],
                )
            )
    return found


def _conferences(
    episode_ids: _Ids, collection: CollectionYear
) -> tuple[dict[int, dt.date], dict[int, list[dt.date | None]]]:
    """Initial conferences held without an enquiry (by episode), and reviews (by plan).

    A conference that followed an enquiry goes in its `Section47`, never also at episode level
    (rule 2884).
    """
    episode_icpc: dict[int, dt.date] = {}
    reviews: dict[int, list[dt.date | None]] = defaultdict(list)
    for row in (
        ChildProtectionConference.objects.filter(
            episode__in=episode_ids,
            held_on__gte=collection.start,
            held_on__lte=collection.reference_date,
        )
        .filter(Q(kind=ConferenceKind.REVIEW) | Q(section47__isnull=True))
        .order_by("held_on", "pk")
        .values("episode_id", "kind", "held_on", "cp_plan_id")
    ):
        if row["kind"] == ConferenceKind.REVIEW and row["cp_plan_id"] is not None:
            reviews[row["cp_plan_id"]].append(row["held_on"])
        else:
            episode_icpc.setdefault(row["episode_id"], row["held_on"])
    return episode_icpc, reviews


def _cp_plans(episode_ids: _Ids, collection: CollectionYear) -> dict[int, list[census.CPPlan]]:
    _, reviews = _conferences(episode_ids, collection)
    found: dict[int, list[census.CPPlan]] = defaultdict(list)
    for row in (
        ChildProtectionPlan.objects.filter(episode__in=episode_ids)
        .order_by("start_date", "pk")
        .values(
            "pk",
            "episode_id",
            "start_date",
            "end_date",
            "initial_category",
            "latest_category",
            "number_of_previous_plans",
        )
    ):
        if _active_in_year(row["start_date"], row["end_date"], collection):
            found[row["episode_id"]].append(
                census.CPPlan(
                    start_date=row["start_date"],
                    end_date=_in_window(row["end_date"], collection),
                    initial_category=row["initial_category"],
                    latest_category=row["latest_category"],
                    number_of_previous_cpp=row["number_of_previous_plans"],
                    review_dates=list(reviews.get(row["pk"], [])),
                    record_id=row["pk"],
                )
            )
    return found


def _upns(child_ids: _Ids) -> tuple[dict[int, str], dict[int, str]]:
    """Each child's UPN, and the first former UPN recorded."""
    upns: dict[int, str] = {}
    former_upns: dict[int, str] = {}
    for row in (
        Identifier.objects.filter(
            person__in=child_ids, kind__in=[IdentifierKind.UPN, IdentifierKind.FORMER_UPN]
        )
        .order_by("pk")
        .values("person_id", "kind", "value")
    ):
        target = upns if row["kind"] == IdentifierKind.UPN else former_upns
        target.setdefault(row["person_id"], row["value"])
    return upns, former_upns


def cin_census_build(
    *,
    collection: CollectionYear,
    generated_at: dt.datetime,
    serial_no: str = "001",
) -> census.CINCensus:
    """The CIN census for `collection`, from the statutory record as it stands.

    Records dated after the reference date are left out, and an end dated after it is not yet
    known to the return (the episode, assessment or plan is shown open). See
    docs/subsystems/returns.md for how each element is derived.
    """
    episodes = cin_episodes_in_year(collection)
    episode_ids = episodes.values("pk")
    child_ids = episodes.values("child_id")
    assessments = _assessments(episode_ids, collection)
    cin_plans = _cin_plans(episode_ids, collection)
    section47s = _section47s(episode_ids, collection)
    episode_icpc, _ = _conferences(episode_ids, collection)
    cp_plans = _cp_plans(episode_ids, collection)
    upns, former_upns = _upns(child_ids)

    details: dict[int, list[census.CINDetails]] = defaultdict(list)
    for row in episodes.order_by("child_id", "referral_date", "pk").values(
        "pk",
        "child_id",
        "referral_date",
        "referral_source",
        "primary_need_code",
        "referral_nfa",
        "closure_date",
        "reason_for_closure",
    ):
        closed_on = _in_window(row["closure_date"], collection)
        pk = row["pk"]
        details[row["child_id"]].append(
            census.CINDetails(
                referral_date=row["referral_date"],
                referral_source=row["referral_source"],
                referral_nfa=row["referral_nfa"],
                primary_need_code=row["primary_need_code"],
                closure_date=closed_on,
                reason_for_closure=row["reason_for_closure"] if closed_on else "",
                date_of_initial_cpc=episode_icpc.get(pk),
                assessments=assessments.get(pk, []),
                cin_plans=cin_plans.get(pk, []),
                section47s=section47s.get(pk, []),
                cp_plans=cp_plans.get(pk, []),
                episode_id=pk,
            )
        )

    children = [
        _child(
            _PersonRow(**person),
            details[person["pk"]],
            upn=upns.get(person["pk"], ""),
            former_upn=former_upns.get(person["pk"], ""),
            collection=collection,
        )
        for person in Person.objects.filter(pk__in=child_ids)
        .order_by("reference")
        .values(*_PersonRow.__dataclass_fields__)
    ]
    return census.CINCensus(
        header=census.Header(
            collection="CIN",
            year=collection.end_year,
            reference_date=collection.reference_date,
            source_level="L",
            lea=str(settings.HEARTH_COUNCIL["dfe_la_number"]),
            software_code=SOFTWARE_CODE,
            release=software_release(),
            serial_no=serial_no,
            date_time=generated_at,
        ),
        children=children,
    )


@dataclass(frozen=True)
class _PersonRow:
    pk: int
    reference: str
    date_of_birth: dt.date | None
    expected_date_of_birth: dt.date | None
    date_of_death: dt.date | None
    sex: str
    ethnicity: str
    disabilities: list[str]
    upn_unknown_reason: str


def _child(
    person: _PersonRow,
    details: list[census.CINDetails],
    *,
    upn: str,
    former_upn: str,
    collection: CollectionYear,
) -> census.Child:
    """One `Child`, as the child was at the reference date."""
    born, expected = person.date_of_birth, person.expected_date_of_birth
    sex = person.sex
    # A child born after the reference date was unborn at it: the return gives the expected
    # date (the actual birth date is the best one the record holds) and sex not known (8750).
    if born is not None and born > collection.reference_date:
        born, expected, sex = None, born, Sex.NOT_KNOWN
    unborn = born is None and expected is not None
    # The census has no "not stated": it is not known (U) there.
    if sex == Sex.NOT_STATED:
        sex = Sex.NOT_KNOWN
    upn_unknown = ""
    if not upn:
        # The reason recorded on the child comes first; without one, what the record implies.
        if person.upn_unknown_reason:
            upn_unknown = person.upn_unknown_reason
        elif details and all(d.referral_nfa for d in details):
            upn_unknown = "UN7"
        elif unborn or (born is not None and _age_on(born, collection.reference_date) < SCHOOL_AGE):
            upn_unknown = "UN1"
    return census.Child(
        la_child_id=person.reference,
        upn=upn,
        former_upn=former_upn,
        upn_unknown=upn_unknown,
        birth_date=born,
        expected_birth_date=expected if born is None else None,
        sex=str(sex),
        death_date=_in_window(person.date_of_death, collection),
        ethnicity=person.ethnicity,
        # An unborn child has no disability recorded in the census.
        disabilities=[] if unborn else list(person.disabilities),
        details=details,
        person_id=person.pk,
    )
