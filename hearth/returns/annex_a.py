"""Ofsted Annex A (ILACS) child-level lists, from the statutory record, as an Excel workbook.

Each list starts with the common columns (Child Unique ID, Gender, Ethnicity, Date of Birth, Age
of Child (Years)) and covers the 12 months up to the inspection date (the look-back period in
Ofsted's template may differ by list: returns.md 5 marks the periods [verify]). Allocated team
and worker are the child's allocation on the inspection date.

Lists 1 and 3 to 7 (contacts, referrals, assessments, s47 and ICPC, children in need, child
protection) come from the front door and casework record; lists 8 to 11 (children in care, care
leavers, adoption, adopters) from hearth.lookedafter's record. Each list is a few set-based
queries, whatever the number of children.

Partial, and why (columns the statutory record cannot fill are left blank, never guessed):

* List 2 (early help): Hearth holds no early help assessments (early help is often led by
  partner agencies outside Hearth). The list names each child children's social care stepped
  down to early help in the period (a front door decision of early help, an assessment whose
  outcome was early help, or an episode closed RC9), with "Assessment start date" the date of
  that decision; the completion date and the organisation are blank.
* List 8: "Permanence plan" is blank (the record holds no permanence plan type). "Date of Last
  IRO Visit/Contact" is the latest review chaired by an IRO, the only IRO contact the record
  holds. "Second or subsequent period LAC within last 12 months" is Y when the child's latest
  period of care began in the 12 months and an earlier period had ended in the 12 months
  before it began. "Return Interview offered / accepted" is two Y/N answers over the missing
  episodes that began in the 12 months ("Y/N": offered, not accepted), blank with none.
* List 9: "Type of Accommodation" is the letter of the 903 ACCOM code and "Suitability" its
  digit (1 suitable, 2 unsuitable), from the latest contact recorded; eligibility is derived
  from the care history (`hearth.lookedafter.careleavers`).
* List 11 (adopters): Hearth records adopters only as the 903 AD1 asks (how many, their sexes
  and legal status), one family per match. Adopter recruitment (enquiry, stages 1 and 2,
  application, approval, leaving the process), adopters' ethnicity and disability are not
  recorded, so those columns are blank. Identifiers are "M<match>" per family and
  "M<match>-1"/"-2" per adopter.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from hearth.casework.codes import (
    AssessmentOutcome,
    ConferenceKind,
    ConferenceOutcome,
    ReasonForClosure,
    VisitKind,
)
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
from hearth.frontdoor.codes import ContactOutcome
from hearth.frontdoor.models import ContactChild, ContactDecision
from hearth.lookedafter.careleavers import CareSpan, care_leaver_status
from hearth.lookedafter.codes import SHORT_BREAK_STATUSES, CareLeaverStatus, HealthCheckKind
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    HealthAssessment,
    HealthCheck,
    LACReview,
    LeavingCareSupport,
    LegalStatus,
    MissingEpisode,
    PeriodOfCare,
    PermanenceOrder,
    Placement,
    StatutoryVisit,
    UASCStatus,
)
from hearth.people.models import Person
from hearth.returns.xlsx import Cell, Sheet, workbook_bytes

COMMON = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)")
ALLOCATED = ("Allocated Team", "Allocated Worker")


@dataclass(frozen=True)
class Window:
    """The look-back period: the 12 months to the inspection date, inclusive."""

    start: dt.date
    end: dt.date


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _window(inspection_date: dt.date) -> Window:
    return Window(_years_before(inspection_date, 1) + dt.timedelta(days=1), inspection_date)


def _any_of(ids: Iterable[int]) -> RawSQL:
    """`ids` as one array parameter for `__in`: thousands of ids cost one bound value, not one
    each (Django prepares every element of a list separately)."""
    return RawSQL("SELECT unnest(%s::bigint[])", (sorted(ids),))


class _People:
    """The common columns and allocation of every child the lists name, read in two queries."""

    def __init__(self, ids: Iterable[int], on: dt.date) -> None:
        self.on = on
        chosen = _any_of(set(ids))
        self.people = {
            p.pk: p
            for p in Person.objects.filter(pk__in=chosen).only(
                "pk", "reference", "sex", "ethnicity", "date_of_birth", "disabilities"
            )
        }
        self.allocations: dict[int, tuple[str, str]] = {}
        for child_id, team, first, last, username in (
            Allocation.objects.filter(child__in=chosen, started_on__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
            .values_list(
                "child_id", "team__name", "worker__first_name", "worker__last_name",
                "worker__username",
            )
        ):  # fmt: skip
            # As `Worker.__str__` names them: full name, else the username.
            worker = f"{first or ''} {last or ''}".strip() or (username or "")
            self.allocations[child_id] = (team, worker)

    def common(self, pk: int) -> list[Cell]:
        person = self.people[pk]
        age = person.age_on(self.on)
        return [person.reference, person.sex, person.ethnicity, person.date_of_birth, age]

    def allocated(self, pk: int) -> list[Cell]:
        return list(self.allocations.get(pk, ("", "")))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


def annex_a_sheets(*, inspection_date: dt.date) -> list[Sheet]:
    """Lists 1 to 11, in order, for an inspection on `inspection_date`."""
    window = _window(inspection_date)
    early_help = _EarlyHelp(window)
    in_care = _ChildrenInCare(window)
    leavers = _CareLeavers(window)
    adoption = _Adoption(window)
    casework = _casework_sheets(
        window, inspection_date, early_help.ids | in_care.ids | leavers.ids | adoption.ids
    )
    people = casework.people
    list1, list3, list4, list5, list6, list7 = casework.sheets
    return [
        list1,
        early_help.sheet(people),
        list3,
        list4,
        list5,
        list6,
        list7,
        in_care.sheet(people),
        leavers.sheet(people),
        adoption.sheet(people),
        _adopters_sheet(window),
    ]


@dataclass(frozen=True)
class _Casework:
    sheets: list[Sheet]
    people: _People


# What lists 3 and 6 read of an episode: loading whole rows for every episode in a large
# council's year costs seconds.
_EPISODE_FIELDS = (
    "child_id", "referral_date", "referral_source", "referral_nfa", "primary_need_code",
    "closure_date", "reason_for_closure",
)  # fmt: skip


def _casework_sheets(window: Window, inspection_date: dt.date, more_ids: set[int]) -> _Casework:
    """Lists 1 and 3 to 7, and the people (common columns) of every list."""
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
        .only(*_EPISODE_FIELDS)
        .order_by("referral_date", "pk")
    )
    assessments = list(
        Assessment.objects.filter(actual_start_date__lte=window.end)
        .filter(Q(authorisation_date__isnull=True) | Q(authorisation_date__gte=window.start))
        .select_related("episode")
        .only("episode__child_id", "actual_start_date", "authorisation_date", "outcome")
        .order_by("actual_start_date", "pk")
    )
    enquiries = list(
        Section47Enquiry.objects.filter(actual_start_date__range=(window.start, window.end))
        .select_related("episode", "strategy_discussion")
        .only(
            "episode__child_id",
            "strategy_discussion__held_on",
            "actual_start_date",
            "completed_on",
            "icpc_required",
        )
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
        .only(
            "episode__child_id",
            "start_date",
            "end_date",
            "initial_category",
            "latest_category",
            "number_of_previous_plans",
        )
        .order_by("start_date", "pk")
    )
    ids = (
        {c[0] for c in contacts}
        | {e.child_id for e in episodes}
        | {a.episode.child_id for a in assessments}
        | {e.episode.child_id for e in enquiries}
        | {p.episode.child_id for p in plans}
    )
    people = _People(ids | more_ids, inspection_date)

    # Counts over the 12 months, for the "number in the last 12 months" columns.
    referrals_12 = Counter(e.child_id for e in episodes if e.referral_date >= window.start)
    s47_12 = Counter(e.episode.child_id for e in enquiries)
    icpc_12 = Counter(
        ChildProtectionConference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__range=(window.start, window.end)
        ).values_list("episode__child_id", flat=True)
    )
    seen_on: dict[int, list[dt.date]] = defaultdict(list)
    last_seen: dict[int, dt.datetime] = {}
    last_cp_visit: dict[int, tuple[dt.datetime, bool]] = {}
    for child_id, occurred_at, kind, seen_alone in (
        Visit.objects.filter(
            child__in=_any_of(ids), occurred_at__date__lte=window.end, child_seen=True
        )
        .order_by("occurred_at")
        .values_list("child_id", "occurred_at", "kind", "seen_alone")
    ):
        last_seen[child_id] = occurred_at
        seen_on[child_id].append(timezone.localdate(occurred_at))
        if kind == VisitKind.CHILD_PROTECTION:
            last_cp_visit[child_id] = (occurred_at, seen_alone)
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
    return _Casework([list1, list3, list4, list5, list6, list7], people)


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


# --- List 2: early help -------------------------------------------------------------------------

EARLY_HELP = "List 2 Early help"


class _EarlyHelp:
    """Children stepped down to early help in the period, with the day of each decision."""

    def __init__(self, window: Window) -> None:
        found: set[tuple[int, dt.date]] = set()
        for child_id, decided_at in ContactDecision.objects.filter(
            outcome=ContactOutcome.EARLY_HELP,
            decided_at__date__gte=window.start,
            decided_at__date__lte=window.end,
        ).values_list("child_id", "decided_at"):
            found.add((child_id, timezone.localdate(decided_at)))
        stepped_down = Assessment.objects.filter(
            outcome=AssessmentOutcome.EARLY_HELP,
            authorisation_date__range=(window.start, window.end),
        ).values_list("episode__child_id", "authorisation_date")
        closed = CINEpisode.objects.filter(
            reason_for_closure=ReasonForClosure.RC9,
            closure_date__range=(window.start, window.end),
        ).values_list("child_id", "closure_date")
        found.update((c, day) for c, day in [*stepped_down, *closed] if day is not None)
        # An assessment ending in early help and its episode's RC9 closure on the same day are
        # one step down, so (child, day) pairs are kept once.
        self.rows = sorted(found, key=lambda pair: (pair[1], pair[0]))
        self.ids = {child_id for child_id, _ in self.rows}

    def sheet(self, people: _People) -> Sheet:
        return Sheet(
            EARLY_HELP,
            [*COMMON, "Assessment start date", "Assessment completion date",
             "Organisation completing assessment"],
            [[*people.common(child_id), day, None, ""] for child_id, day in self.rows],
        )  # fmt: skip


# --- List 8: children in care -------------------------------------------------------------------

IN_CARE_COLUMNS = (
    "Date Started to be Looked After",
    "Child's Category of Need",
    "Second or subsequent period LAC within last 12 months (Y/N)",
    "Start date of current legal status",
    "Child's Legal Status",
    "Date of Latest Statutory Review",
    "Date of Last Social Work Visit",
    "Permanence plan",
    "Date of Last IRO Visit/Contact",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After",
    "Reason Ceased",
    "Start Date of Most Recent Placement",
    "Placement Type",
    "Placement Provider",
    "Placement postcode",
    "URN of Placement",
    "Placement Location",
    "LA of Placement",
    "Number of Missing / Absent episodes in last 12 months",
    "Return Interview offered / accepted (Y/N)",
    "UASC within last 12 months (Y/N)",
)


def _latest(pairs: Iterable[tuple[int, dt.date]], *, by: dt.date) -> dict[int, dt.date]:
    """The latest date on or before `by`, per key."""
    found: dict[int, dt.date] = {}
    for key, day in pairs:
        if day is not None and day <= by and (key not in found or day > found[key]):
            found[key] = day
    return found


class _ChildrenInCare:
    """List 8: every child looked after at some time in the period, one row for the latest period
    of care in it."""

    def __init__(self, window: Window) -> None:
        self.window = window
        start, end = window.start, window.end
        periods = list(
            PeriodOfCare.objects.filter(started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            .order_by("child_id", "started_on", "pk")
        )
        # The latest period in the window, per child (ordered, so the last one wins).
        self.periods = {p.child_id: p for p in periods}
        self.ids = set(self.periods)
        period_ids = {p.pk for p in self.periods.values()}
        earlier_ends: dict[int, list[dt.date]] = defaultdict(list)
        for child_id, ended in PeriodOfCare.objects.filter(
            child__in=_any_of(self.ids), ended_on__isnull=False
        ).values_list("child_id", "ended_on"):
            if ended is not None:
                earlier_ends[child_id].append(ended)
        self.earlier_ends = earlier_ends

        self.status: dict[int, tuple[dt.date, str]] = {}
        for period_id, code, started in (
            LegalStatus.objects.filter(period__in=_any_of(period_ids), started_on__lte=end)
            .order_by("started_on", "pk")
            .values_list("period_id", "code", "started_on")
        ):
            self.status[period_id] = (started, code)
        self.review = _latest(
            LACReview.objects.filter(period__in=_any_of(period_ids)).values_list(
                "period_id", "held_on"
            ),
            by=end,
        )
        self.iro_contact = _latest(
            LACReview.objects.filter(
                period__in=_any_of(period_ids), chaired_by__isnull=False
            ).values_list("period_id", "held_on"),
            by=end,
        )
        self.visit = _latest(
            StatutoryVisit.objects.filter(placement__period__in=_any_of(period_ids)).values_list(
                "placement__period_id", "visited_on"
            ),
            by=end,
        )
        self.health = _latest(
            HealthAssessment.objects.filter(child__in=_any_of(self.ids)).values_list(
                "child_id", "completed_on"
            ),
            by=end,
        )
        self.dental = _latest(
            HealthCheck.objects.filter(
                child__in=_any_of(self.ids), kind=HealthCheckKind.DENTAL
            ).values_list("child_id", "checked_on"),
            by=end,
        )
        self.placements_12: Counter[int] = Counter()
        self.placement: dict[int, Placement] = {}
        for placement in (
            Placement.objects.filter(period__child__in=_any_of(self.ids), started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            .select_related("period")
            .order_by("started_on", "pk")
        ):
            self.placements_12[placement.period.child_id] += 1
            if placement.period_id in period_ids:
                self.placement[placement.period_id] = placement
        self.missing: Counter[int] = Counter()
        self.interviews: dict[int, tuple[bool, bool]] = {}
        for child_id, offered_at, accepted in MissingEpisode.objects.filter(
            child__in=_any_of(self.ids), started_at__date__gte=start, started_at__date__lte=end
        ).values_list("child_id", "return_interview__offered_at", "return_interview__accepted"):
            self.missing[child_id] += 1
            was = self.interviews.get(child_id, (False, False))
            offered = offered_at is not None and timezone.localdate(offered_at) <= end
            self.interviews[child_id] = (was[0] or offered, was[1] or bool(offered and accepted))
        self.uasc = set(
            UASCStatus.objects.filter(child__in=_any_of(self.ids))
            .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=start))
            .values_list("child_id", flat=True)
        )

    def _returned(self, period: PeriodOfCare) -> str:
        """Y when this period began in the window within 12 months of an earlier one ending."""
        if period.started_on < self.window.start:
            return "N"
        year_before = _window(period.started_on).start
        ends = self.earlier_ends.get(period.child_id, [])
        return _yes_no(any(year_before <= e <= period.started_on for e in ends))

    def _row(self, people: _People, child_id: int) -> list[Cell]:
        period = self.periods[child_id]
        end = self.window.end
        status_started, status = self.status.get(period.pk, (None, ""))
        ceased = period.ended_on if period.ended_on and period.ended_on <= end else None
        placement = self.placement.get(period.pk)
        interview = self.interviews.get(child_id)
        return [
            *people.common(child_id),
            period.started_on,
            period.category_of_need,
            self._returned(period),
            status_started,
            status,
            self.review.get(period.pk),
            self.visit.get(period.pk),
            "",
            self.iro_contact.get(period.pk),
            self.health.get(child_id),
            self.dental.get(child_id),
            self.placements_12[child_id],
            ceased,
            period.reason_ceased if ceased else "",
            placement.started_on if placement else None,
            placement.placement_type if placement else "",
            placement.provider if placement else "",
            placement.postcode if placement else "",
            placement.ofsted_urn if placement else "",
            _location(placement),
            placement.placement_la if placement else "",
            self.missing[child_id],
            f"{_yes_no(interview[0])}/{_yes_no(interview[1])}" if interview else "",
            _yes_no(child_id in self.uasc),
            *people.allocated(child_id),
        ]

    def sheet(self, people: _People) -> Sheet:
        ordered = sorted(self.ids, key=lambda pk: (self.periods[pk].started_on, pk))
        return Sheet(
            "List 8 Children in care",
            [*COMMON, *IN_CARE_COLUMNS, *ALLOCATED],
            [self._row(people, child_id) for child_id in ordered],
        )


def _location(placement: Placement | None) -> str:
    if placement is None or placement.is_in_area is None:
        return ""
    return "IN" if placement.is_in_area else "OUT"


# --- List 9: care leavers -----------------------------------------------------------------------

_SGO_RECS = frozenset({"E45", "E46", "E47", "E48"})
_CARE_LEAVER_LABELS = {
    CareLeaverStatus.RELEVANT: "Relevant",
    CareLeaverStatus.FORMER_RELEVANT: "Former relevant",
    CareLeaverStatus.QUALIFYING: "Qualifying",
}


class _CareLeavers:
    """List 9: young people who are relevant, former relevant or qualifying care leavers on the
    inspection date (eligible children are still looked after, so they are in list 8)."""

    def __init__(self, window: Window) -> None:
        on = window.end
        # Care leavers are 16 to 25: only those born in that span can be one.
        youngest_born, oldest_born = _years_before(on, 16), _years_before(on, 26)
        spans: dict[int, list[CareSpan]] = defaultdict(list)
        sgo_rec: set[int] = set()
        born: dict[int, tuple[dt.date, dt.date | None]] = {}
        for period in (
            PeriodOfCare.objects.filter(
                started_on__lte=on,
                child__date_of_birth__lte=youngest_born,
                child__date_of_birth__gt=oldest_born,
            )
            .select_related("child")
            .prefetch_related("legal_statuses")
        ):
            codes = {s.code for s in period.legal_statuses.all()}
            spans[period.child_id].append(
                CareSpan(
                    started_on=period.started_on,
                    # An end after the inspection date is not known yet.
                    ended_on=period.ended_on if period.ended_on and period.ended_on <= on else None,
                    is_short_break=bool(codes) and codes <= SHORT_BREAK_STATUSES,
                )
            )
            if period.reason_ceased in _SGO_RECS and period.ended_on and period.ended_on <= on:
                sgo_rec.add(period.child_id)
            child = period.child
            if child.date_of_birth is not None:
                born[period.child_id] = (child.date_of_birth, child.date_of_death)
        to_25 = set(
            LeavingCareSupport.objects.filter(
                child__in=_any_of(born), support_to_25=True, started_on__lte=on
            ).values_list("child_id", flat=True)
        )
        sgo = set(
            PermanenceOrder.objects.filter(
                child__in=list(sgo_rec), kind="sgo", made_on__lte=on
            ).values_list("child_id", flat=True)
        )
        self.status: dict[int, CareLeaverStatus] = {}
        for child_id, (date_of_birth, date_of_death) in born.items():
            status = care_leaver_status(
                date_of_birth=date_of_birth,
                spans=spans[child_id],
                on=on,
                date_of_death=date_of_death,
                support_to_25=child_id in to_25,
                special_guardianship_after_care=child_id in sgo,
            )
            if status in _CARE_LEAVER_LABELS:
                self.status[child_id] = CareLeaverStatus(status)
        self.ids = set(self.status)
        self.contact: dict[int, tuple[str, str, str]] = {}
        for child_id, in_touch, accommodation, activity in (
            CareLeaverContact.objects.filter(child__in=_any_of(self.ids), contacted_on__lte=on)
            .order_by("contacted_on", "pk")
            .values_list("child_id", "in_touch", "accommodation", "activity")
        ):
            self.contact[child_id] = (in_touch, accommodation, activity)

    def sheet(self, people: _People) -> Sheet:
        rows: list[list[Cell]] = []
        for child_id in sorted(self.ids, key=lambda pk: people.people[pk].reference):
            in_touch, accommodation, activity = self.contact.get(child_id, ("", "", ""))
            suitable = {"1": "Suitable", "2": "Unsuitable"}.get(accommodation[1:], "")
            rows.append(
                [
                    *people.common(child_id),
                    *people.allocated(child_id),
                    _CARE_LEAVER_LABELS[self.status[child_id]],
                    in_touch,
                    accommodation[:1] if accommodation != "0" else accommodation,
                    suitable,
                    activity,
                ]
            )
        return Sheet(
            "List 9 Care leavers",
            [*COMMON, *ALLOCATED, "Eligibility Category", "LA in Touch",
             "Type of Accommodation", "Suitability of Accommodation", "Activity Status"],
            rows,
        )  # fmt: skip


# --- List 10: adoption --------------------------------------------------------------------------

ADOPTION_COLUMNS = (
    "Date the Child Entered Care",
    "Date of Decision that Child Should be Placed for Adoption",
    "Date of Placement Order",
    "Date of Matching",
    "Date Placed for Adoption",
    "Date of Adoption Order",
    "Date of Decision that Child Should No Longer be Placed for Adoption",
    "Reason no longer placed",
    "Date placed in FFA/concurrent planning placement",
)
# Foster placements that are also approved adopters: fostering for adoption, concurrent planning.
_FFA_PLACEMENTS = ("U2", "U5")


class _Adoption:
    """List 10: every decision that a child should be placed for adoption that was in force at
    some time in the period (not reversed, and no adoption order, before it began), one row each,
    with what followed it by the inspection date."""

    def __init__(self, window: Window) -> None:
        start, end = window.start, window.end
        self.window = window
        self.decisions = list(
            AdoptionDecision.objects.filter(decided_on__lte=end)
            .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=start))
            # An adoption order before the period ended the decision's part in it.
            .exclude(matches__adoption_order_on__lt=start)
            .order_by("decided_on", "pk")
        )
        self.ids = {d.child_id for d in self.decisions}
        self.match: dict[int, AdoptionMatch] = {}
        for match in AdoptionMatch.objects.filter(
            decision__in=_any_of(d.pk for d in self.decisions), matched_on__lte=end
        ).order_by("matched_on", "pk"):
            self.match[match.decision_id] = match
        self.periods: dict[int, list[tuple[dt.date, dt.date | None, int]]] = defaultdict(list)
        for child_id, started, ended, pk in (
            PeriodOfCare.objects.filter(child__in=_any_of(self.ids), started_on__lte=end)
            .order_by("started_on")
            .values_list("child_id", "started_on", "ended_on", "pk")
        ):
            self.periods[child_id].append((started, ended, pk))
        self.placement_order: dict[int, dt.date] = {}
        for period_id, started in (
            LegalStatus.objects.filter(
                period__child__in=_any_of(self.ids), code="E1", started_on__lte=end
            )
            .order_by("-started_on")
            .values_list("period_id", "started_on")
        ):
            self.placement_order[period_id] = started
        self.ffa: dict[int, dt.date] = {}
        for period_id, started in (
            Placement.objects.filter(
                period__child__in=_any_of(self.ids),
                placement_type__in=_FFA_PLACEMENTS,
                started_on__lte=end,
            )
            .order_by("-started_on")
            .values_list("period_id", "started_on")
        ):
            self.ffa[period_id] = started

    def _period(self, decision: AdoptionDecision) -> int | None:
        """The period of care the decision was made in (the latest begun by then)."""
        found = None
        for started, _, pk in self.periods.get(decision.child_id, []):
            if started <= decision.decided_on:
                found = pk
        return found

    def sheet(self, people: _People) -> Sheet:
        end = self.window.end
        rows: list[list[Cell]] = []
        for decision in self.decisions:
            period_id = self._period(decision)
            entered = next(
                (s for s, _, pk in self.periods.get(decision.child_id, []) if pk == period_id),
                None,
            )
            match = self.match.get(decision.pk)
            placed = (
                match.placed_on if match and match.placed_on and match.placed_on <= end else None
            )
            order = (
                match.adoption_order_on
                if match and match.adoption_order_on and match.adoption_order_on <= end
                else None
            )
            ceased = (
                decision.ceased_on if decision.ceased_on and decision.ceased_on <= end else None
            )
            rows.append(
                [
                    *people.common(decision.child_id),
                    entered,
                    decision.decided_on,
                    self.placement_order.get(period_id) if period_id else None,
                    match.matched_on if match else None,
                    placed,
                    order,
                    ceased,
                    decision.reason_ceased if ceased else "",
                    self.ffa.get(period_id) if period_id else None,
                ]
            )
        return Sheet("List 10 Adoption", [*COMMON, *ADOPTION_COLUMNS], rows)


# --- List 11: adopters --------------------------------------------------------------------------

ADOPTER_COLUMNS = (
    "Individual adopter identifier",
    "Family identifier",
    "Gender",
    "Ethnicity",
    "Disability",
    "Is the (prospective) adopter fostering for adoption?",
    "Date enquiry received",
    "Stage 1 started",
    "Stage 1 ended",
    "Stage 2 started",
    "Stage 2 ended",
    "Date application submitted",
    "Date application approved",
    "Date matched",
    "Date child(ren) placed",
    "No. of children placed",
    "Date of Adoption Order",
    "Date of leaving adoption process",
    "Reason for leaving",
)
# The 903 SEX_ADOPTR code, adopter by adopter.
_ADOPTER_SEXES = {"M1": "M", "F1": "F", "MM": "MM", "FF": "FF", "MF": "MF"}


def _adopters_sheet(window: Window) -> Sheet:
    """List 11: the adopters of every match in force at some time in the period, one row per
    adopter (a couple is one family of two rows)."""
    start, end = window.start, window.end
    matches = list(
        AdoptionMatch.objects.filter(matched_on__lte=end)
        .filter(Q(adoption_order_on__isnull=True) | Q(adoption_order_on__gte=start))
        .select_related("decision")
        .order_by("matched_on", "pk")
    )
    fostering = set(
        Placement.objects.filter(
            period__child__in={m.decision.child_id for m in matches},
            placement_type__in=_FFA_PLACEMENTS,
            started_on__lte=end,
        ).values_list("period__child_id", flat=True)
    )
    rows: list[list[Cell]] = []
    for match in matches:
        placed = match.placed_on if match.placed_on and match.placed_on <= end else None
        order = (
            match.adoption_order_on
            if match.adoption_order_on and match.adoption_order_on <= end
            else None
        )
        family = f"M{match.pk}"
        for number, sex in enumerate(_ADOPTER_SEXES.get(match.sex_of_adopters, ""), start=1):
            rows.append(
                [
                    f"{family}-{number}",
                    family,
                    sex,
                    "",
                    "",
                    _yes_no(match.decision.child_id in fostering),
                    None, None, None, None, None, None, None,
                    match.matched_on,
                    placed,
                    1 if placed else 0,
                    order,
                    None,
                    "",
                ]
            )  # fmt: skip
    return Sheet("List 11 Adopters", list(ADOPTER_COLUMNS), rows)
