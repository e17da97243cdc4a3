"""Ofsted Annex A (ILACS) child-level lists, from the statutory record, as an Excel workbook.

Each list starts with the common columns (Child Unique ID, Gender, Ethnicity, Date of Birth, Age
of Child (Years)) and covers the 12 months up to the inspection date (the look-back period in
Ofsted's template may differ by list: returns.md 5 marks the periods [verify]). Allocated team
and worker are the child's allocation on the inspection date.

Partial, and why: Lists 1 and 3 to 7 (contacts, referrals, assessments, s47 and ICPC, children
in need, child protection) come from the front door and casework record. Lists 2 (early help),
8 (children in care), 9 (care leavers), 10 (adoption) and 11 (adopters) are not produced yet:
early help and adopters have no statutory record in Hearth, and the looked-after lists are to
be built on hearth.lookedafter's record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from hearth.casework.codes import ConferenceKind, ConferenceOutcome, VisitKind
from hearth.casework.models import (
    Allocation,
    Assessment,
    ChildProtectionConference,
    ChildProtectionPlan,
    CINEpisode,
    CINPlan,
    Section47Enquiry,
    Visit,
)
from hearth.frontdoor.models import ContactChild
from hearth.people.models import Person
from hearth.returns.xlsx import Cell, Sheet, workbook_bytes

COMMON = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)")
ALLOCATED = ("Allocated Team", "Allocated Worker")


@dataclass(frozen=True)
class Window:
    """The look-back period: the 12 months to the inspection date, inclusive."""

    start: dt.date
    end: dt.date


def _window(inspection_date: dt.date) -> Window:
    try:
        start = inspection_date.replace(year=inspection_date.year - 1)
    except ValueError:
        start = inspection_date.replace(year=inspection_date.year - 1, day=28)
    return Window(start + dt.timedelta(days=1), inspection_date)


class _People:
    """The common columns and allocation of every child the lists name, read in two queries."""

    def __init__(self, ids: Iterable[int], on: dt.date) -> None:
        self.on = on
        self.people = {p.pk: p for p in Person.objects.filter(pk__in=set(ids))}
        self.allocations: dict[int, tuple[str, str]] = {}
        for allocation in (
            Allocation.objects.filter(child__in=self.people, started_on__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
            .select_related("team", "worker")
        ):
            self.allocations[allocation.child_id] = (
                allocation.team.name,
                str(allocation.worker) if allocation.worker else "",
            )

    def common(self, pk: int) -> list[Cell]:
        person = self.people[pk]
        age = person.age_on(self.on)
        return [person.reference, person.sex, person.ethnicity, person.date_of_birth, age]

    def allocated(self, pk: int) -> list[Cell]:
        return list(self.allocations.get(pk, ("", "")))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


def annex_a_sheets(*, inspection_date: dt.date) -> list[Sheet]:
    """Lists 1 and 3 to 7 for an inspection on `inspection_date`."""
    window = _window(inspection_date)
    contacts = list(
        ContactChild.objects.filter(
            contact__received_at__date__gte=window.start,
            contact__received_at__date__lte=window.end,
        )
        .order_by("contact__received_at")
        .values_list("child_id", "contact__received_at", "contact__source")
    )
    episodes = list(
        CINEpisode.objects.filter(referral_date__lte=window.end)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=window.start))
        .order_by("referral_date", "pk")
    )
    assessments = list(
        Assessment.objects.filter(actual_start_date__lte=window.end)
        .filter(Q(authorisation_date__isnull=True) | Q(authorisation_date__gte=window.start))
        .select_related("episode")
        .order_by("actual_start_date", "pk")
    )
    enquiries = list(
        Section47Enquiry.objects.filter(actual_start_date__range=(window.start, window.end))
        .select_related("episode", "strategy_discussion")
        .order_by("actual_start_date", "pk")
    )
    icpcs = {
        c.section47_id: c
        for c in ChildProtectionConference.objects.filter(
            section47__in=[e.pk for e in enquiries], kind=ConferenceKind.INITIAL
        )
    }
    plans = list(
        ChildProtectionPlan.objects.filter(start_date__lte=window.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=window.start))
        .select_related("episode")
        .order_by("start_date", "pk")
    )
    ids = (
        {c[0] for c in contacts}
        | {e.child_id for e in episodes}
        | {a.episode.child_id for a in assessments}
        | {e.episode.child_id for e in enquiries}
        | {p.episode.child_id for p in plans}
    )
    people = _People(ids, inspection_date)

    # Counts over the 12 months, for the "number in the last 12 months" columns.
    referrals_12 = Counter(e.child_id for e in episodes if e.referral_date >= window.start)
    s47_12 = Counter(e.episode.child_id for e in enquiries)
    icpc_12 = Counter(
        c.episode.child_id
        for c in ChildProtectionConference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__range=(window.start, window.end)
        ).select_related("episode")
    )
    seen_on: dict[int, list[dt.date]] = defaultdict(list)
    last_seen: dict[int, dt.datetime] = {}
    last_cp_visit: dict[int, tuple[dt.datetime, bool]] = {}
    for visit in Visit.objects.filter(
        child__in=ids, occurred_at__date__lte=window.end, child_seen=True
    ).order_by("occurred_at"):
        last_seen[visit.child_id] = visit.occurred_at
        seen_on[visit.child_id].append(timezone.localdate(visit.occurred_at))
        if visit.kind == VisitKind.CHILD_PROTECTION:
            last_cp_visit[visit.child_id] = (visit.occurred_at, visit.seen_alone)
    open_cin_plans = set(
        CINPlan.objects.filter(start_date__lte=window.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=window.end))
        .values_list("episode_id", flat=True)
    )
    open_assessments = {a.episode_id for a in assessments if a.authorisation_date is None}
    # Ordered by date, so each plan keeps its latest review.
    latest_review: dict[int | None, dt.date] = dict(
        ChildProtectionConference.objects.filter(
            kind=ConferenceKind.REVIEW, cp_plan__in=[p.pk for p in plans], held_on__lte=window.end
        )
        .order_by("held_on")
        .values_list("cp_plan_id", "held_on")
    )
    on_plan = {p.episode_id for p in plans if p.end_date is None or p.end_date > window.end}

    list1 = Sheet(
        "List 1 Contacts",
        [*COMMON, "Date of Contact", "Contact Source"],
        [
            [*people.common(c), timezone.localdate(received), source]
            for c, received, source in contacts
        ],
    )
    list3 = Sheet(
        "List 3 Referrals",
        [*COMMON, "Date of referral", "Referral Source", "Referral NFA?",
         "Number of Referrals in Last 12 Months", *ALLOCATED],
        [
            [*people.common(e.child_id), e.referral_date, e.referral_source,
             _yes_no(e.referral_nfa), referrals_12[e.child_id], *people.allocated(e.child_id)]
            for e in episodes
            if e.referral_date >= window.start
        ],
    )  # fmt: skip
    list4 = Sheet(
        "List 4 Assessments",
        [*COMMON, "Does the Child have a Disability", "Continuous Assessment Start Date",
         "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
         "Was the child assessed as requiring LA children's social care support?", *ALLOCATED],
        [
            [*people.common(a.episode.child_id),
             _yes_no(bool(set(people.people[a.episode.child_id].disabilities) - {"NONE"})),
             a.actual_start_date,
             _yes_no(any(a.actual_start_date <= day <= (a.authorisation_date or window.end)
                         for day in seen_on[a.episode.child_id])),
             a.authorisation_date,
             _yes_no(a.outcome not in ("", "nfa", "early_help")) if a.outcome else "",
             *people.allocated(a.episode.child_id)]
            for a in assessments
        ],
    )  # fmt: skip
    list5 = Sheet(
        "List 5 S47 and ICPC",
        [*COMMON, "Strategy discussion initiating Section 47 Enquiry Start Date",
         "Was an ICPC deemed unnecessary?", "Date of ICPC", "Did the ICPC result in a CP Plan",
         "Number of S47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
         *ALLOCATED],
        [
            [*people.common(e.episode.child_id), e.strategy_discussion.held_on,
             _yes_no(e.icpc_not_required) if e.completed_on else "",
             icpcs[e.pk].held_on if e.pk in icpcs else None,
             _yes_no(icpcs[e.pk].outcome == ConferenceOutcome.PLAN) if e.pk in icpcs else "",
             s47_12[e.episode.child_id], icpc_12[e.episode.child_id],
             *people.allocated(e.episode.child_id)]
            for e in enquiries
        ],
    )  # fmt: skip
    list6 = Sheet(
        "List 6 Children in need",
        [*COMMON, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
         "CIN Closure Date", "Reason for Closure", "Case Status", *ALLOCATED],
        [
            [*people.common(e.child_id), e.referral_date, e.primary_need_code,
             timezone.localdate(last_seen[e.child_id]) if e.child_id in last_seen else None,
             e.closure_date if e.closure_date and e.closure_date <= window.end else None,
             e.reason_for_closure if e.closure_date and e.closure_date <= window.end else "",
             _case_status(e, on_plan, open_cin_plans, open_assessments, window.end),
             *people.allocated(e.child_id)]
            for e in episodes
            if not e.referral_nfa
        ],
    )  # fmt: skip
    list7 = Sheet(
        "List 7 Child protection",
        [*COMMON, "CPP Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
         "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
         "Date of latest review conference", "CPP End Date", "Number of Previous CPPs",
         *ALLOCATED],
        [
            [*people.common(p.episode.child_id), p.start_date, p.initial_category,
             p.latest_category,
             timezone.localdate(last_cp_visit[p.episode.child_id][0])
             if p.episode.child_id in last_cp_visit else None,
             _yes_no(last_cp_visit[p.episode.child_id][1])
             if p.episode.child_id in last_cp_visit else "",
             latest_review.get(p.pk),
             p.end_date if p.end_date and p.end_date <= window.end else None,
             p.number_of_previous_plans, *people.allocated(p.episode.child_id)]
            for p in plans
        ],
    )  # fmt: skip
    return [list1, list3, list4, list5, list6, list7]


def _case_status(
    episode: CINEpisode,
    on_plan: set[int],
    open_cin_plans: set[int],
    open_assessments: set[int],
    on: dt.date,
) -> str:
    if episode.closure_date and episode.closure_date <= on:
        return "Closed episode"
    if episode.pk in on_plan:
        return "CP plan"
    if episode.pk in open_cin_plans:
        return "CIN plan"
    if episode.pk in open_assessments:
        return "Open assessment"
    return "Open episode"


def annex_a_workbook(*, inspection_date: dt.date) -> bytes:
    """The Annex A lists as an .xlsx workbook, one sheet per list."""
    return workbook_bytes(annex_a_sheets(inspection_date=inspection_date))
