"""Case histories for the demo council, made through the same services the pages use.

Two generators are registered with `hearth.demo.histories`:

* `childs_journeys`: contacts, MASH decisions, referrals, assessments, strategy discussions, s47
  enquiries, conferences, child protection and child in need plans, core groups, reviews, visits
  and closures, driven through the front door services (`contact_receive`,
  `front_door_decisions_record`), the practice engine (`step_complete`, `step_authorise`) and the
  casework services (`allocation_transfer`, `allocation_end`, `family_visit_record`,
  `case_note_write`), on the council's published practice model;
* `looked_after_and_care_leavers`: periods of care, placements, legal statuses, IROs, reviews,
  statutory visits, health assessments and PEPs for the children the plan allocated to the
  children in care teams, and the care history, leaving-care support, pathway plans and birthday
  contacts of the care leavers, through `hearth.lookedafter.services`.

Events are placed on past dates. The practice engine stamps some facts with the moment the work
is done (the day a manager authorised an assessment is the CIN census assessment end), so each
event of the child's journey runs with Django's clock (`django.utils.timezone.now`) set to the
day it happened: the services then check, date and file the work as they would have on that day,
including who could see the child (allocations and team memberships in force that day). The
looked-after services take their dates as arguments, and run on today's clock.

Volumes follow England's rates (see docs/subsystems/demo-council.md), spread over the last two
years, and some work is late on purpose: assessments past 45 working days, conferences and core
groups held late, visits missed, reviews overdue, MASH decisions waiting for authorisation.

Partial, on purpose: every referral goes to a child and family assessment (no referral straight to
a strategy discussion from the MASH), every strategy discussion starts a s47 enquiry, and the
looked-after children have no CIN episode (the shipped practice models have no route into care).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pghistory.models
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.utils import timezone

from hearth.casework import services as casework
from hearth.casework.models import Allocation, CINEpisode
from hearth.demo.histories import BuiltCouncil, register_case_history
from hearth.demo.plan import AllocationRow, CouncilPlan
from hearth.frontdoor import services as frontdoor
from hearth.geography.areas import BRADFORD, CALDERDALE, LEEDS, WAKEFIELD
from hearth.organisation.models import Role, Team, Worker
from hearth.people import services as people
from hearth.people.models import Person
from hearth.practice import services as practice
from hearth.practice.definitions import SHIPPED_MODELS_DIR
from hearth.practice.models import CaseStatus, Step, StepStatus
from hearth.timescales.calendar import add_working_days, next_working_day
from hearth.timescales.rules import add_months

log = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")

# Teams whose open allocations the journeys make (through `allocation_transfer`) instead of the
# plan writing them directly.
JOURNEY_TEAM_KINDS = frozenset({"front_door", "assessment", "child_protection"})

# How far back the histories reach.
HISTORY_DAYS = 730
# Routine visits to children on child in need and child protection plans are recorded for the
# last six months only: they are most of the events (a child on a plan is visited every 10 to 20
# working days), and what the trays, the visit principle and the team view look at is recent.
# Conferences, core groups, reviews and every other event are recorded for the whole history.
RECENT_VISIT_DAYS = 183

# England, per 10,000 children (DfE "Characteristics of children in need" 2023-24 and
# "Children looked after" 2024, rounded): referrals about 500 a year, about 21% of them
# re-referrals within 12 months; s47 enquiries about 180 a year; CP plans about 40 at any time.
REFERRALS_PER_CHILD_PER_YEAR = 0.05
RE_REFERRAL_SHARE = 0.21
RE_REFERRAL_CHANCE = 0.9
# Of contacts, the share that do not become referrals (NFA, advice, early help).
CONTACT_ONLY_SHARE = 0.35
# Of the child protection teams' current families, the share on a CP plan (the rest: CIN plans).
CP_SHARE_OF_CHILD_PROTECTION = 0.3

# Weighted choices (weights per hundred, roughly the national mix).
REFERRAL_SOURCES = (
    ("5A", 29), ("2A", 18), ("3A", 8), ("3B", 4), ("3C", 3), ("5B", 6), ("5C", 4),
    ("1A", 4), ("1B", 3), ("4", 3), ("6", 2), ("8", 8), ("9", 3), ("10", 3),
)  # fmt: skip
PRIMARY_NEED = (
    ("N1", 57), ("N2", 10), ("N3", 4), ("N4", 14), ("N5", 12), ("N6", 2), ("N8", 3),
)  # fmt: skip
CP_CATEGORIES = (("NEG", 50), ("EMO", 38), ("PHY", 6), ("SAB", 4), ("MUL", 3))
# What a completed assessment recommends (about 30% no further action nationally).
ASSESSMENT_OUTCOMES = (("nfa", 30), ("early_help", 12), ("cin", 26), ("strategy", 32))
CONTACT_ONLY_DECISIONS = (("nfa", 35), ("advice", 30), ("early_help", 35))
FACTORS = {
    "NEG": ["16A", "4B", "2B"],
    "EMO": ["17A", "3B", "3A"],
    "PHY": ["18C", "3B"],
    "SAB": ["19C"],
    "MUL": ["16A", "18C", "17A", "3B"],
}
OTHER_FACTORS = ["3B", "4B", "1B", "2B", "4A", "6A", "5B", "7A", "10A", "24A", "11A", "20"]

OUT_OF_AREA = (CALDERDALE, LEEDS, WAKEFIELD, BRADFORD)

Weights = Sequence[tuple[str, int]]


def _pick(rng: random.Random, weights: Weights) -> str:
    return rng.choices([v for v, _ in weights], weights=[w for _, w in weights])[0]


def _moment(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@contextmanager
def _one_savepoint() -> Iterator[None]:
    """Run a family's journey in one savepoint, with none inside the services it calls.

    Every service is `@transaction.atomic`, and nested in the generator's transaction each call
    would cost a SAVEPOINT and a RELEASE round trip (a quarter of all statements, measured). The
    journey is rolled back as a whole when a service refuses, so the services' own savepoints
    buy nothing here: Django is told this connection has none for the duration, and the one
    savepoint taken here is rolled back on a refusal (re-raised for the caller to count).
    """
    sid = connection.savepoint()
    if sid is None:
        raise RuntimeError("Case histories are written inside the demo council's transaction")
    features = connection.features
    features.uses_savepoints = False
    try:
        yield
    except BaseException:
        features.uses_savepoints = True
        # A service that failed without its own savepoint marked the transaction for rollback;
        # rolling back to ours undoes everything it did.
        connection.needs_rollback = False
        connection.savepoint_rollback(sid)
        raise
    else:
        features.uses_savepoints = True
        connection.savepoint_commit(sid)
    finally:
        del features.uses_savepoints  # back to the backend's class attribute


@contextmanager
def _clock(day: dt.date) -> Iterator[None]:
    """Run the services as on `day` (late afternoon), so "now" and "today" are that day's."""
    moment = _moment(day, 18, 30)
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


# --- Who works where, and when ------------------------------------------------------------------


@dataclass
class _Staff:
    """The plan's organisation with its database rows: who was in which team on a given day."""

    plan: CouncilPlan
    workers: dict[int, Worker]
    teams: dict[int, Team]
    worker_ids: list[int]
    team_ids: list[int]
    kinds: dict[str, list[int]] = field(default_factory=dict)
    # The plan's memberships by team (plan index), built on first use.
    by_team: dict[int, list[tuple[int, int, bool, dt.date, dt.date | None]]] = field(
        default_factory=dict
    )

    @classmethod
    def load(cls, council: BuiltCouncil) -> _Staff:
        staff = cls(
            plan=council.plan,
            workers=Worker.objects.in_bulk(council.worker_ids),
            teams=Team.objects.in_bulk(council.team_ids),
            worker_ids=council.worker_ids,
            team_ids=council.team_ids,
        )
        for index, team in enumerate(council.plan.teams):
            staff.kinds.setdefault(team.kind, []).append(index)
        return staff

    def worker(self, index: int) -> Worker:
        return self.workers[self.worker_ids[index]]

    def team(self, index: int) -> Team:
        return self.teams[self.team_ids[index]]

    def members(self, team: int, day: dt.date, *, manager: bool = False) -> list[int]:
        """Plan indexes of the team's members (or managers) on `day`, employed that day."""
        if not self.by_team:
            for row in self.plan.memberships:
                self.by_team.setdefault(row[1], []).append(row)
        return [
            w
            for w, _, is_manager, started, ended in self.by_team.get(team, [])
            if is_manager == manager
            and started <= day
            and (ended is None or ended >= day)
            and self.plan.workers[w].started_on <= day
        ]

    def practitioner(self, team: int, day: dt.date, rng: random.Random) -> int | None:
        found = [
            w for w in self.members(team, day) if self.plan.workers[w].role == Role.SOCIAL_WORKER
        ]
        return rng.choice(found) if found else None

    def manager(
        self, kind: str, day: dt.date, rng: random.Random, *, team: int | None = None
    ) -> Worker:
        """A team manager who can authorise the work on `day`: the manager of the child's team,
        else a front door manager (who sees every child), else any manager of that kind."""
        for candidate in [team, *self.kinds.get("front_door", []), *self.kinds.get(kind, [])]:
            if candidate is None:
                continue
            found = [
                w
                for w in self.members(candidate, day, manager=True)
                if self.plan.workers[w].role == Role.TEAM_MANAGER
            ]
            if found:
                return self.worker(rng.choice(found))
        fallback = [
            i
            for i, w in enumerate(self.plan.workers)
            if w.role == Role.TEAM_MANAGER and w.started_on <= day
        ]
        return self.worker(rng.choice(fallback or [0]))

    def front_door(self, day: dt.date, rng: random.Random) -> Worker | None:
        """Someone in the front door (a council-wide team, so they see every child) on `day`."""
        for team in self.kinds.get("front_door", []):
            found = self.practitioner(team, day, rng)
            if found is not None:
                return self.worker(found)
        for team in self.kinds.get("front_door", []):
            managers = self.members(team, day, manager=True)
            if managers:
                return self.worker(rng.choice(managers))
        return None


# --- The child's journey ------------------------------------------------------------------------


@dataclass
class _Fate:
    """How one family's journey goes: decided up front from the seeded random source."""

    decision: str = "referral"  # the MASH decision
    assessment: str = "nfa"  # what the assessment recommends
    icpc: bool = True  # whether the s47 enquiry calls a conference
    plan: bool = True  # whether the conference makes a CP plan
    category: str = "NEG"
    after_s47: str = "close"  # "cin" or "close", when there is no plan
    after_plan: str = "close"  # when the plan ends
    plan_days: int = 270
    cin_days: int = 180
    # The state held today, for the families the plan allocated now: "mash", "assessment",
    # "cin", "cp"; None runs the journey to its end (or today).
    hold: str | None = None
    # The allocation the plan chose for the held state (team and worker plan indexes).
    team: int | None = None
    worker: int | None = None


class _JourneyError(Exception):
    """A service refused a step of a demo journey (a generator bug): the family is skipped."""


@dataclass
class _Journeys:
    council: BuiltCouncil
    staff: _Staff
    rng: random.Random
    today: dt.date
    people: dict[int, Person] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    # Routine visits to children on plans are recorded from this day on (see RECENT_VISIT_DAYS).
    recent: dt.date = dt.date.min
    # The team and worker (plan indexes) the family in hand is allocated to.
    team: int | None = None
    worker_index: int | None = None
    # A transfer to the planned worker once they join the team: (team, worker, on).
    pending: tuple[int, int, dt.date] | None = None

    # Plumbing ------------------------------------------------------------------------------

    def _reset(self) -> None:
        """Forget the last family's allocation before the next journey."""
        self.team = self.worker_index = self.pending = None

    def wd(self, day: dt.date, low: int, high: int) -> dt.date:
        """A working day `low` to `high` working days after `day`."""
        return add_working_days(day, self.rng.randint(low, high))

    def open_step(self, child: Person, step_type: str) -> Step | None:
        return (
            Step.objects.filter(
                case__child=child,
                case__status=CaseStatus.OPEN,
                step_type=step_type,
                status=StepStatus.OPEN,
            )
            .order_by("pk")
            .first()
        )

    def practitioner_on(self, children: Sequence[Person], worker: Worker, on: dt.date) -> Worker:
        """The family's allocated worker on `on`; if they have left the team by then, the work
        is transferred to a colleague there (as a manager would), who carries on."""
        if self.pending is not None and on >= self.pending[2]:
            pending, self.pending = self.pending, None
            self.transfer(children, *pending)
        team, index = self.team, self.worker_index
        if team is None or index is None:
            return worker
        if index in self.staff.members(team, on):
            return self.staff.worker(index)
        replacement = self.staff.practitioner(team, on, self.rng)
        if replacement is None:
            kind = self.staff.plan.teams[team].kind
            return self.allocate(children, kind, on, _Fate(), planned=False)
        self.transfer(children, team, replacement, on)
        self.counts["transfers_worker_left"] += 1
        return self.staff.worker(replacement)

    def complete(
        self,
        children: Sequence[Person],
        step_type: str,
        *,
        worker: Worker,
        on: dt.date,
        answers: dict[str, Any],
        kind: str,
        outcome: str | None = None,
        hold_for_authorisation: bool = False,
    ) -> dt.date | None:
        """Complete each child's open step of this type on `on` (a manager authorising it when
        the model asks, a few working days later); return the day it was finished, or None when
        it is still with the manager today."""
        worker = self.practitioner_on(children, worker, on)
        steps = []
        for child in children:
            step = self.open_step(child, step_type)
            if step is None:
                raise _JourneyError(f"{child.pk} has no open {step_type} step")
            with _clock(on):
                steps.append(
                    practice.step_complete(
                        actor=worker,
                        step=step,
                        answers=answers,
                        outcome=outcome,
                        completed_on=on,
                        reason=f"{step_type.replace('_', ' ').capitalize()} recorded",
                    )
                )
        waiting = [s for s in steps if s.status == StepStatus.AWAITING_AUTHORISATION]
        if not waiting:
            return on
        authorised = self.wd(on, 0, 3)
        if hold_for_authorisation or authorised > self.today:
            return None
        manager = self.staff.manager(kind, authorised, self.rng, team=self.team)
        with _clock(authorised):
            for step in waiting:
                practice.step_authorise(
                    actor=manager, step=step, approve=True, reason="Authorised by the manager"
                )
        return authorised

    def allocate(
        self, children: Sequence[Person], kind: str, on: dt.date, fate: _Fate, *, planned: bool
    ) -> Worker:
        """Allocate the family to a practitioner in a team of `kind` on `on` (the MASH does it).

        For a family the plan allocated now, the planned team and worker, as soon as the worker
        is there; until then, a colleague in the same team.
        """
        teams = self.staff.kinds[kind]
        team = fate.team if planned and fate.team is not None else self.rng.choice(teams)
        worker = fate.worker if planned else None
        now_worker = worker
        if (
            worker is None
            or worker not in self.staff.members(team, on)
            or (self.staff.plan.workers[worker].role == Role.TEAM_MANAGER)
        ):
            now_worker = self.staff.practitioner(team, on, self.rng)
            if now_worker is None:
                # Nobody in that team yet (a small council's team all joined later): another
                # team of the kind, else the front door holds the work until someone joins.
                kinds = (kind, "front_door", "assessment", "child_protection", "children_in_care")
                staffed = [
                    t
                    for k in kinds
                    for t in self.staff.kinds.get(k, [])
                    if self.staff.practitioner(t, on, self.rng) is not None
                ]
                if staffed:
                    team = staffed[0]
                    now_worker = self.staff.practitioner(team, on, self.rng)
        actor = self.staff.front_door(on, self.rng)
        if actor is None or now_worker is None:
            raise _JourneyError(f"nobody in the front door or a {kind} team on {on}")
        current = (
            Allocation.objects.filter(child=children[0], ended_on__isnull=True)
            .values_list("team_id", "worker_id")
            .first()
        )
        if current != (self.staff.team_ids[team], self.staff.worker_ids[now_worker]):
            with _clock(on):
                for child in children:
                    casework.allocation_transfer(
                        actor=actor,
                        child=child,
                        team=self.staff.team(team),
                        worker=self.staff.worker(now_worker),
                        started_on=on,
                        reason=f"Allocated to {self.staff.team(team).name}",
                        # A new team for the next stage of the child's journey (903 SW_REASON).
                        sw_reason="TSPROC",
                    )
        self.team, self.worker_index = team, now_worker
        self.pending = None
        if planned and worker is not None and worker != now_worker:
            joined = max(
                [s for w, t, _, s, e in self.staff.plan.memberships if w == worker and t == team]
                + [self.staff.plan.workers[worker].started_on]
            )
            moved = max(next_working_day(joined), add_working_days(on, 1))
            if moved <= self.today:
                # The planned worker takes the family when they join (see practitioner_on).
                self.pending = (team, worker, moved)
        return self.staff.worker(now_worker)

    def transfer(self, children: Sequence[Person], team: int, worker: int, on: dt.date) -> None:
        actor = self.staff.front_door(on, self.rng)
        if actor is None:
            return
        with _clock(on):
            for child in children:
                casework.allocation_transfer(
                    actor=actor,
                    child=child,
                    team=self.staff.team(team),
                    worker=self.staff.worker(worker),
                    started_on=on,
                    reason="Transferred to the allocated worker",
                    sw_reason="MANAGE",
                )
        self.team, self.worker_index = team, worker

    def end_allocations(self, children: Sequence[Person], on: dt.date) -> None:
        actor = self.staff.front_door(on, self.rng)
        if actor is None:
            return
        with _clock(on):
            for allocation in Allocation.objects.filter(
                child__in=children, ended_on__isnull=True
            ).select_related("child"):
                casework.allocation_end(
                    actor=actor, allocation=allocation, ended_on=on, reason="Case closed"
                )

    def visit(self, children: Sequence[Person], worker: Worker, on: dt.date, kind: str) -> None:
        worker = self.practitioner_on(children, worker, on)
        with _clock(on):
            casework.family_visit_record(
                actor=worker,
                kind=kind,
                occurred_at=_moment(on, self.rng.randint(9, 16), self.rng.choice((0, 15, 30))),
                children=[
                    casework.VisitedChild(
                        child=c,
                        child_seen=self.rng.random() < 0.95,
                        seen_alone=False,
                        bedroom_seen=self.rng.random() < 0.7,
                    )
                    for c in children
                ],
                reason="Visit recorded",
                present="Mother and children",
                summary="Saw the children at home; talked about the plan and what is changing.",
            )
        self.counts["visits"] += len(children)

    def note(self, children: Sequence[Person], worker: Worker, on: dt.date, title: str) -> None:
        worker = self.practitioner_on(children, worker, on)
        with _clock(on):
            casework.case_note_write(
                actor=worker,
                children=children,
                kind="management" if worker.role == Role.TEAM_MANAGER else "professional",
                occurred_at=_moment(on, 15),
                title=title,
                text=f"{title}. Discussed with the family and the professionals involved.",
                reason="Case note written",
            )
        self.counts["case_notes"] += len(children)

    # Fates ---------------------------------------------------------------------------------

    def fate(self, hold: str | None = None) -> _Fate:
        rng = self.rng
        fate = _Fate(hold=hold, category=_pick(rng, CP_CATEGORIES))
        fate.plan_days = int(rng.triangular(120, 720, 250))
        fate.cin_days = int(rng.triangular(90, 540, 180))
        fate.after_plan = "cin" if rng.random() < 0.4 else "close"
        fate.after_s47 = "cin" if rng.random() < 0.45 else "close"
        if hold == "mash":
            return fate
        if hold is None and rng.random() < CONTACT_ONLY_SHARE:
            fate.decision = _pick(rng, CONTACT_ONLY_DECISIONS)
            return fate
        fate.assessment = _pick(rng, ASSESSMENT_OUTCOMES)
        fate.icpc = rng.random() < 0.4
        fate.plan = rng.random() < 0.87
        if hold == "cp":
            fate.assessment, fate.icpc, fate.plan = "strategy", True, True
            fate.plan_days = 10_000
        elif hold == "cin":
            fate.assessment = "cin"
            fate.cin_days = 10_000
        return fate

    def length(self, fate: _Fate) -> int:
        """Roughly how many days the journey takes, so a closed one can end before today."""
        if fate.decision != "referral":
            return 5
        days = 60
        if fate.assessment == "cin":
            days += fate.cin_days
        elif fate.assessment == "strategy" and fate.icpc and fate.plan:
            days += 30 + fate.plan_days + (fate.cin_days if fate.after_plan == "cin" else 0)
        elif fate.assessment == "strategy":
            days += 30 + (fate.cin_days if fate.after_s47 == "cin" else 0)
        return days

    # The journey ---------------------------------------------------------------------------

    def children_on(self, family: Sequence[int], day: dt.date) -> list[Person]:
        """The family's children who were born and under 18 on `day` (sealed records aside)."""
        plan = self.council.plan
        found = []
        for index in family:
            row = plan.people[index]
            born = row.date_of_birth
            if born is None or row.is_sealed or born >= day:
                continue
            if (day - born).days >= 18 * 365:
                continue
            found.append(self.people[self.council.person_ids[index]])
        return found

    def run(self, family: Sequence[int], contact_on: dt.date, fate: _Fate) -> dt.date | None:
        """One family's journey from a contact on `contact_on`; returns the referral date of a
        journey that closed (for re-referrals), else None. Refusals skip the family."""
        contact_on = next_working_day(contact_on) if contact_on.weekday() >= 5 else contact_on
        if contact_on > self.today:
            return None
        children = self.children_on(family, contact_on)
        # A child whose CIN episode is still open is not referred again (rule 8815): news about
        # them goes to their allocated worker, not through the front door as a new referral.
        already_open = set(
            CINEpisode.objects.filter(
                child__in=children, closure_date__isnull=True, referral_nfa=False
            ).values_list("child_id", flat=True)
        )
        children = [c for c in children if c.pk not in already_open]
        if not children:
            return None
        self._reset()
        try:
            with _one_savepoint():
                referred = self._journey(children, contact_on, fate)
                if self.pending is not None:
                    team, worker, on = self.pending
                    current = (
                        Allocation.objects.filter(child=children[0], ended_on__isnull=True)
                        .values_list("started_on", flat=True)
                        .first()
                    )
                    on = max(on, add_working_days(current, 1)) if current else on
                    if current and on <= self.today:
                        self.transfer(children, team, worker, on)
                return referred
        except (_JourneyError, ValidationError, PermissionDenied, practice.PracticeError) as error:
            self.counts["families_skipped"] += 1
            log.warning("Demo journey skipped for %s: %s", [c.pk for c in children], error)
            return None

    def _journey(self, children: list[Person], d0: dt.date, fate: _Fate) -> dt.date | None:  # noqa: PLR0911, PLR0912, PLR0915 (one journey, told in order)
        rng, today = self.rng, self.today
        front = self.staff.front_door(d0, rng)
        if front is None:
            raise _JourneyError(f"no front door worker on {d0}")
        source = _pick(rng, REFERRAL_SOURCES)
        with _clock(d0):
            frontdoor.contact_receive(
                actor=front,
                received_at=_moment(d0, rng.randint(8, 15), rng.choice((0, 10, 25, 40, 55))),
                source=source,
                children=children,
                contact_reason=(
                    "Worried about the children at home: "
                    + rng.choice(
                        (
                            "neglect of their basic care.",
                            "domestic abuse between the adults.",
                            "a parent's drinking and mental health.",
                            "an injury the school noticed.",
                            "the child's behaviour and going missing.",
                        )
                    )
                ),
                referrer_name=rng.choice(("Ms Shah", "Mr Brook", "PC Walsh", "Dr Iqbal")),
                referrer_organisation=rng.choice(("School", "Police", "GP practice", "Health")),
            )
        self.counts["contacts"] += 1
        self.counts["contact_children"] += len(children)
        if fate.hold == "mash":
            self.allocate(children, "front_door", d0, fate, planned=True)
        if fate.hold == "mash" and rng.random() < 0.5:
            return None
        decided = self.wd(d0, 0, 1) if rng.random() < 0.92 else self.wd(d0, 2, 4)
        decided = min(decided, today)
        data: dict[str, Any] = {
            "police_information": "Checked: " + rng.choice(("no trace.", "two call-outs.")),
            "health_information": "Registered with a GP; immunisations up to date.",
            "education_information": "Attendance " + rng.choice(("good.", "88%.", "poor.")),
            "rag_rating": rng.choice(("red", "amber", "amber", "green")),
            "rag_rationale": "Agreed by the MASH partners.",
        }
        for child in children:
            data[f"decision-{child.pk}"] = fate.decision
            data[f"decision_rationale-{child.pk}"] = "Decided with the partners' information."
        steps = {}
        for child in children:
            step = self.open_step(child, "mash_enquiry")
            if step is None:
                raise _JourneyError("no MASH enquiry step")
            steps[child.pk] = step
        with _clock(decided):
            done = frontdoor.front_door_decisions_record(
                actor=front, steps=steps, data=data, completed_on=decided
            )
        if fate.hold == "mash":
            return None
        authorised = decided if rng.random() < 0.7 else self.wd(decided, 1, 2)
        if authorised > today:
            return None
        manager = self.staff.manager("front_door", authorised, rng)
        with _clock(authorised):
            for step in done:
                practice.step_authorise(actor=manager, step=step, approve=True, reason="Agreed")
        if fate.decision != "referral":
            self.counts["contacts_not_referred"] += 1
            return None

        # Referral: the CIN episode starts, and the family is allocated for assessment.
        referred = authorised
        self.complete(
            children,
            "referral",
            worker=front,
            on=referred,
            kind="front_door",
            answers={
                "cin_referral_date": referred,
                "referral_source": source,
                "primary_need_code": _pick(rng, PRIMARY_NEED),
                "family_told": True,
                "response": "assessment",
            },
        )
        self.counts["referrals"] += len(children)
        # The referral asks whether the child is disabled when nobody had recorded it (the CIN
        # census needs it for every child in it, rule 8540).
        for child in children:
            if not child.disabilities:
                code = "NONE" if rng.random() < 0.9 else rng.choice(("LD", "AUT", "COMM"))
                with _clock(referred):
                    people.person_update(
                        actor=front,
                        reason="Disability recorded at referral",
                        person=child,
                        disabilities=[code],
                    )
        planned = fate.hold == "assessment"
        social_worker = self.allocate(children, "assessment", referred, fate, planned=planned)
        seen = self.wd(referred, 1, 5)
        if seen <= today:
            self.visit(children, social_worker, seen, "assessment")

        # Assessment: median about 25 working days; about one in seven past 45.
        duration = int(rng.triangular(8, 60, 25)) if rng.random() < 0.9 else rng.randint(46, 70)
        finished = add_working_days(referred, duration)
        category = fate.category
        need = "N1" if fate.assessment == "strategy" else _pick(rng, PRIMARY_NEED)
        factors = (
            FACTORS[category]
            if fate.assessment == "strategy"
            else rng.sample(OTHER_FACTORS, rng.randint(1, 3))
        )
        if fate.hold == "assessment" or finished > today:
            if fate.hold == "assessment" and finished <= today and rng.random() < 0.35:
                self._assessment(
                    children, social_worker, today, factors=factors, need=need, fate=fate, hold=True
                )
            return None
        authorised_on = self._assessment(
            children, social_worker, finished, factors=factors, need=need, fate=fate
        )
        if authorised_on is None:
            return None
        if fate.assessment in ("nfa", "early_help"):
            code = "RC8" if fate.assessment == "nfa" else "RC9"
            self._close(children, social_worker, authorised_on, code, "assessment")
            return referred
        if fate.assessment == "cin":
            worker = self.allocate(
                children, "child_protection", authorised_on, fate, planned=fate.hold == "cin"
            )
            return self._cin(children, worker, authorised_on, fate, referred)
        return self._protection(children, social_worker, authorised_on, fate, referred)

    def _assessment(
        self,
        children: Sequence[Person],
        worker: Worker,
        on: dt.date,
        *,
        factors: list[str],
        need: str,
        fate: _Fate,
        hold: bool = False,
    ) -> dt.date | None:
        authorised = self.complete(
            children,
            "assessment",
            worker=worker,
            on=on,
            kind="assessment",
            hold_for_authorisation=hold,
            answers={
                "childs_voice": "Seen at home and at school; talked about home and friends.",
                "working_well": "A warm relationship with their mother; school attendance.",
                "worries": "What the contact described, confirmed in part by partners.",
                "family_network": "A grandmother nearby who helps.",
                "assessment_factors": factors,
                "primary_need_code": need,
                "recommendation": fate.assessment,
            },
        )
        if authorised is not None:
            self.counts["assessments"] += len(children)
            self.counts[f"assessment_{fate.assessment}"] += len(children)
        return authorised

    def _close(
        self,
        children: Sequence[Person],
        worker: Worker,
        after: dt.date,
        code: str,
        kind: str,
    ) -> dt.date | None:
        closed_on = self.wd(after, 0, 4)
        if closed_on > self.today:
            return None
        done = self.complete(
            children,
            "closure",
            worker=worker,
            on=closed_on,
            kind=kind,
            answers={
                "cin_closure_date": closed_on,
                "reason_for_closure": code,
                "closing_summary": "The work is finished; the family know how to get help.",
            },
        )
        if done is None:
            return None
        self.end_allocations(children, done)
        self.counts["closures"] += len(children)
        return done

    def _cin(
        self,
        children: Sequence[Person],
        worker: Worker,
        since: dt.date,
        fate: _Fate,
        referred: dt.date,
    ) -> dt.date | None:
        rng, today = self.rng, self.today
        started = self.wd(since, 2, 10)
        if started > today:
            return None
        for child in children:
            if self.open_step(child, "family_network_meeting") is not None:
                self.complete(
                    [child],
                    "family_network_meeting",
                    worker=worker,
                    on=started,
                    kind="child_protection",
                    answers={
                        "held_on": started,
                        "attended": "Mother, grandmother, the social worker.",
                        "plan_agreed": True,
                        "family_plan": "Grandmother helps with school runs; weekly check-ins.",
                    },
                )
        self.complete(
            children,
            "cin_plan",
            worker=worker,
            on=started,
            kind="child_protection",
            answers={"plan": "Support at home and school, reviewed every three months.",
                     "family_agreed": True},
        )  # fmt: skip
        self.counts["cin_plans"] += len(children)
        ends = started + dt.timedelta(days=fate.cin_days)
        next_visit = self.wd(started, 10, 25)
        next_review = add_months(started, 3) - dt.timedelta(days=rng.randint(0, 14))
        if rng.random() < 0.12:
            next_review += dt.timedelta(days=rng.randint(20, 45))  # a review held late
        while True:
            event = min(next_visit, next_review)
            if event > today:
                return None
            if event == next_visit:
                if event >= self.recent:
                    self.visit(children, worker, event, "cin")
                # Child in need visits about every 20 working days (local), some late.
                late = rng.random() < 0.15
                next_visit = self.wd(event, 23, 35) if late else self.wd(event, 16, 20)
                continue
            review = next_working_day(event)
            decision = "end" if review >= ends else "continue"
            self.complete(
                children,
                "cin_review",
                worker=worker,
                on=review,
                kind="child_protection",
                answers={
                    "cin_plan_review_date": review,
                    "summary": "Progress reviewed with the family and professionals.",
                    "decision": decision,
                },
            )
            if decision == "end":
                self._close(children, worker, review, "RC7", "child_protection")
                return referred
            next_review = add_months(review, 3) - dt.timedelta(days=rng.randint(0, 10))
            if rng.random() < 0.12:
                next_review += dt.timedelta(days=rng.randint(20, 45))

    def _protection(  # noqa: PLR0911, PLR0912, PLR0915 (strategy to plan's end, in order)
        self,
        children: Sequence[Person],
        worker: Worker,
        since: dt.date,
        fate: _Fate,
        referred: dt.date,
    ) -> dt.date | None:
        rng, today = self.rng, self.today
        held = self.wd(since, 0, 1)
        if held > today:
            return None
        self.complete(
            children,
            "strategy_discussion",
            worker=worker,
            on=held,
            kind="assessment",
            answers={
                "strategy_discussion_date": held,
                "agencies": ["csc", "police", "health", "education"][: rng.randint(2, 4)],
                "s47_required": True,
                "rationale": "Reasonable cause to suspect significant harm.",
            },
        )
        self.counts["strategy_discussions"] += len(children)
        self.note(children, worker, held, "Strategy discussion held")
        finished = self.wd(held, 3, 12)
        if finished > today:
            return None
        answers: dict[str, Any] = {
            "findings": "The enquiry found the concerns substantiated in part.",
            "family_view": "The family accept there is a problem and want help.",
            "icpc_needed": fate.icpc,
        }
        if not fate.icpc:
            answers["next_if_not"] = fate.after_s47
        done = self.complete(
            children, "s47_enquiry", worker=worker, on=finished, kind="assessment", answers=answers
        )
        if done is None:
            return None
        self.counts["s47"] += len(children)
        if not fate.icpc:
            if fate.after_s47 == "cin":
                worker = self.allocate(children, "child_protection", done, fate, planned=False)
                return self._cin(children, worker, done, fate, referred)
            return self._finish(children, worker, done)
        late = rng.random() < 0.12
        conference = self.wd(held, 16, 24) if late else self.wd(held, max(4, 0), 15)
        conference = max(conference, add_working_days(done, 1))
        if conference > today:
            return None
        outcome: dict[str, Any] = {
            "date_of_initial_cpc": conference,
            "conference_outcome": "plan" if fate.plan else "no_plan",
            "family_voice": "Mother attended with an advocate.",
        }
        if fate.plan:
            outcome["category"] = fate.category
        else:
            outcome["no_plan_next"] = fate.after_s47
        self.complete(
            children, "icpc", worker=worker, on=conference, kind="child_protection", answers=outcome
        )
        self.counts["icpc"] += len(children)
        if not fate.plan:
            if fate.after_s47 == "cin":
                worker = self.allocate(
                    children, "child_protection", conference, fate, planned=False
                )
                return self._cin(children, worker, conference, fate, referred)
            return self._finish(children, worker, conference)
        self.counts["cp_plans"] += len(children)
        self.counts[f"cp_{fate.category}"] += len(children)
        worker = self.allocate(
            children, "child_protection", conference, fate, planned=fate.hold == "cp"
        )
        plan_written = self.wd(conference, 2, 8)
        if plan_written <= today:
            self.complete(
                children,
                "cp_plan",
                worker=worker,
                on=plan_written,
                kind="child_protection",
                answers={"plan": "What must change, by whom and when.", "family_agreed": True},
            )
        ends = conference + dt.timedelta(days=fate.plan_days)
        core = self.wd(conference, 16, 22) if rng.random() < 0.1 else self.wd(conference, 5, 10)
        visit = self.wd(conference, 3, 10)
        review = add_months(conference, 3) - dt.timedelta(days=rng.randint(0, 14))
        if rng.random() < 0.08:
            review += dt.timedelta(days=rng.randint(5, 30))
        while True:
            event = min(core, visit, review)
            if event > today:
                return None
            if event == visit:
                if event >= self.recent:
                    self.visit(children, worker, visit, "cp")
                # Child protection visits at least every 10 working days (local), some late.
                late = rng.random() < 0.18
                visit = self.wd(visit, 11, 20) if late else self.wd(visit, 8, 10)
            elif event == core:
                self.complete(
                    children,
                    "core_group",
                    worker=worker,
                    on=core,
                    kind="child_protection",
                    outcome="next",
                    answers={
                        "core_group_date": core,
                        "agencies": ["csc", "health", "education"],
                        "summary": "The plan is reviewed; actions agreed.",
                    },
                )
                self.counts["core_groups"] += len(children)
                late = rng.random() < 0.15
                core = self.wd(core, 21, 32) if late else self.wd(core, 14, 20)
            else:
                held_on = next_working_day(review)
                answers = {"cpp_review_date": held_on}
                if held_on < ends:
                    answers |= {"conference_outcome": "plan", "latest_category": fate.category}
                else:
                    answers |= {
                        "conference_outcome": "no_plan",
                        "end_reason": "no_longer_at_risk",
                        "then": fate.after_plan,
                    }
                self.complete(
                    children,
                    "rcpc",
                    worker=worker,
                    on=held_on,
                    kind="child_protection",
                    answers=answers,
                )
                self.counts["rcpc"] += len(children)
                if held_on >= ends:
                    if fate.after_plan == "cin":
                        return self._cin(children, worker, held_on, fate, referred)
                    return self._close(children, worker, held_on, "RC7", "child_protection")
                review = add_months(held_on, 6) - dt.timedelta(days=rng.randint(0, 20))

    def _finish(self, children: Sequence[Person], worker: Worker, after: dt.date) -> dt.date | None:
        return self._close(children, worker, after, "RC7", "assessment")


# Refresh the planner's statistics every so many families while generating.
ANALYZE_EVERY = 250


def _analyze() -> None:
    """Refresh the planner's statistics on the tables the journeys read and write.

    Everything is written in one transaction, and a new database has no statistics for it yet:
    with none, PostgreSQL plans the services' queries as if the tables were empty (measured: an
    allocation transfer's step update took 6 s instead of a millisecond). ANALYZE inside the
    transaction samples the rows it has written.
    """
    tables = [
        model._meta.db_table
        for label in ("people", "organisation", *JOURNEY_APPS)
        for model in apps.get_app_config(label).get_models()
        if not model._meta.proxy
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _ensure_models_published() -> None:
    """Publish every shipped practice model (idempotent: the same content returns the same)."""
    for folder in sorted(SHIPPED_MODELS_DIR.iterdir()):
        if (folder / "model.yaml").exists():
            practice.practice_model_publish(actor=None, path=folder)


def _withheld_families(withheld: list[AllocationRow]) -> list[list[AllocationRow]]:
    """The plan's withheld allocations grouped back into the families it allocated together."""
    groups: dict[tuple[int, int | None, dt.date], list[AllocationRow]] = {}
    for row in withheld:
        groups.setdefault((row.team, row.worker, row.started_on), []).append(row)
    return list(groups.values())


@register_case_history
def childs_journeys(council: BuiltCouncil) -> None:  # noqa: PLR0912, PLR0915 (plan, then run)
    """contacts, referrals, assessments, s47 enquiries, conferences and plans"""
    _ensure_models_published()
    plan, today = council.plan, council.plan.today
    rng = council.rng("childs_journeys")
    staff = _Staff.load(council)
    journeys = _Journeys(council=council, staff=staff, rng=rng, today=today)
    journeys.recent = today - dt.timedelta(days=RECENT_VISIT_DAYS)
    start_ids = _max_ids(_journey_models())

    # Families the plan allocated now to the front door, assessment and child protection teams.
    held: list[tuple[list[int], _Fate, dt.date]] = []
    journey_rows = [r for r in council.withheld if plan.teams[r.team].kind in JOURNEY_TEAM_KINDS]
    for rows in _withheld_families(journey_rows):
        kind = plan.teams[rows[0].team].kind
        family = [row.child for row in rows]
        if kind == "front_door":
            fate = journeys.fate("mash")
            contact_on = add_working_days(today, -rng.randint(0, 2))
        elif kind == "assessment":
            fate = journeys.fate("assessment")
            # The first family's assessment is past 45 working days, so every demo has one.
            first = not any(f.hold == "assessment" for _, f, _ in held)
            contact_on = add_working_days(
                today, -rng.randint(50, 60) if first else -rng.randint(2, 60)
            )
        else:
            # The first family is on a CP plan, so every demo has one.
            first = not any(f.hold in ("cp", "cin") for _, f, _ in held)
            hold = "cp" if first or rng.random() < CP_SHARE_OF_CHILD_PROTECTION else "cin"
            fate = journeys.fate(hold)
            contact_on = today - dt.timedelta(days=rng.randint(60, 540))
        fate.team, fate.worker = rows[0].team, rows[0].worker
        held.append((family, fate, contact_on))

    # Families with no allocation from the plan: the rest of the last two years' work.
    allocated = {a.child for a in plan.allocations}
    free = [
        family
        for family in plan.families
        if not any(child in allocated for child in family)
        and any(plan.people[c].date_of_birth is not None for c in family)
    ]
    rng.shuffle(free)
    target = round(len(plan.children) * REFERRALS_PER_CHILD_PER_YEAR * HISTORY_DAYS / 365)
    expected_children = sum(len(f) for f, _, _ in held)
    needed_people = [council.person_ids[c] for f, _, _ in held for c in f]
    chosen: list[tuple[list[int], _Fate, dt.date]] = []
    referred_children = expected_children
    for family in free:
        # Re-referrals (below) make up the rest of the target.
        if referred_children >= target * (1 - RE_REFERRAL_SHARE):
            break
        fate = journeys.fate()
        length = journeys.length(fate)
        latest = HISTORY_DAYS - 20 if length > HISTORY_DAYS - 40 else max(20, length + 20)
        contact_on = today - dt.timedelta(days=rng.randint(latest, HISTORY_DAYS))
        if length <= HISTORY_DAYS - 40:
            contact_on = today - dt.timedelta(days=rng.randint(length + 20, HISTORY_DAYS))
        chosen.append((family, fate, contact_on))
        needed_people += [council.person_ids[c] for c in family]
        if fate.decision == "referral":
            referred_children += len(family)
    journeys.people = Person.objects.in_bulk(needed_people)

    _analyze()
    # A re-referral is the same family back within 12 months of the earlier referral.
    for number, (family, fate, contact_on) in enumerate(sorted(chosen, key=lambda item: item[2])):
        if number and number % ANALYZE_EVERY == 0:
            _analyze()
        referred = journeys.run(family, contact_on, fate)
        # Fewer than half the journeys close with room for a return within 12 months of the
        # referral, so most of those that do come back (as a referral) to make about a fifth.
        if referred is not None and rng.random() < RE_REFERRAL_CHANCE:
            again = referred + dt.timedelta(days=rng.randint(90, 340))
            episodes = CINEpisode.objects.filter(
                child_id__in=[council.person_ids[c] for c in family]
            )
            still_open = episodes.filter(closure_date__isnull=True).exists()
            closed = (
                None
                if still_open
                else episodes.order_by("-closure_date")
                .values_list("closure_date", flat=True)
                .first()
            )
            if closed is not None and again > closed and again <= today:
                journeys.counts["re_referral_families"] += 1
                returned = journeys.fate()
                returned.decision = "referral"
                journeys.run(family, again, returned)
    _analyze()
    for family, fate, contact_on in held:
        journeys.run(family, contact_on, fate)

    _record_created(council, start_ids)
    council.counts.update(journeys.counts)


# The apps whose records the journeys write through their services.
JOURNEY_APPS = ("frontdoor", "casework", "practice", "lookedafter")
# Kept when the demo is cleared: published practice models are the council's configuration,
# and allocations go with the demo's children (`demo_council_clear`).
NOT_RECORDED = frozenset({"practice.practicemodelversion", "casework.allocation"})


def _journey_models() -> list[type[models.Model]]:
    """The journey apps' record models, each after every model it points at.

    `demo_council_clear` deletes the kind recorded last first, so recording in this order
    deletes a record before the records it refers to (many of those references are PROTECT).
    """
    found = [
        model
        for label in JOURNEY_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, pghistory.models.Event)
        and model._meta.label_lower not in NOT_RECORDED
        and not model._meta.proxy
    ]
    ordered: list[type[models.Model]] = []

    def visit(model: type[models.Model], seen: frozenset[type[models.Model]]) -> None:
        if model in ordered or model in seen:
            return
        for relation in model._meta.concrete_fields:
            target = relation.related_model if relation.is_relation else None
            if isinstance(target, type) and target in found and target is not model:
                visit(target, seen | {model})
        ordered.append(model)

    for model in found:
        visit(model, frozenset())
    return ordered


def _max_ids(models: Sequence[type[models.Model]]) -> dict[type[models.Model], int]:
    """The highest id of each model now, so what a generator then creates can be recorded."""
    found = {}
    for model in models:
        top = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        found[model] = int(top or 0)
    return found


def _record_created(council: BuiltCouncil, before: dict[type[models.Model], int]) -> None:
    for model, first in before.items():
        ids = list(model._default_manager.filter(pk__gt=first).values_list("pk", flat=True))
        if ids:
            council.record(model, ids)


# Registered after the journeys above, in this order: the looked-after histories build on the
# same plan, the case audits on the allocations the journeys made; then the workforce records.
from hearth.demo import looked_after, quality, workforce  # noqa: E402, F401
