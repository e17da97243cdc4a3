"""The performance dashboard at scale: every figure, and the whole dashboard request.

    .venv/bin/python benchmarks/dashboard.py [--children 50000] [--years 10] [--repeats 10]
                                             [--rebuild] [--pack]

Runs in its own database, `hearth_bench_dashboard` (set `BENCH_DATABASE` for another; see
`_setup.py`). The first run (or `--rebuild`) builds a large council's statutory record: the
children, their contacts, referrals, assessments, child in need plans and reviews, strategy
discussions, section 47 enquiries, conferences, child protection plans, core groups and visits,
periods of care with legal statuses, placements, statutory visits, reviews, missing episodes and
return interviews, leaving-care support, pathway plans and care leavers' contacts, allocations,
and the workforce (teams, workers, sickness absence and practice-model training), over `--years`
years to today.

**These are synthetic rows bulk-inserted with COPY, not made through the services**: the
services would take hours at this scale, and the figures read only the statutory tables. The
rows keep the record's own rules (check and unique constraints hold: one open episode,
allocation, period of care and placement per child; dates in order), but history triggers and
foreign-key triggers are off while loading (`session_replication_role = replica`), so there is
no pghistory event for any of them. The mix follows national rates loosely (see `Rates`), and the
random numbers are seeded, so every build is the same.

Then it measures, for the default dashboard period (1 April of the reporting year to today) and
the last full reporting year:

* each figure (`figures.compute`): p50/p95/max milliseconds over `--repeats` runs;
* all figures together (`compute_all`);
* the whole dashboard request (`GET /performance/`, Django's test Client signed in as a
  performance analyst: middleware, figures, targets, Jinja2 rendering);
* with `--pack`, the scrutiny pack PDF request (every figure and its 12-month trend).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# This benchmark's own database, unless BENCH_DATABASE says otherwise (read by _setup on import).
os.environ.setdefault("BENCH_DATABASE", "hearth_bench_dashboard")

from _setup import machine, percentiles, setup_django  # noqa: E402

SEED = 20261122
MARKER = "Bench dashboard"  # the service name that says the record is already built
FAMILY_NAMES = ("Smith", "Khan", "Jones", "Hussain", "Taylor", "Brown", "Ali", "Wilson", "Patel")
GIVEN_NAMES = ("Amelia", "Noah", "Aisha", "Oliver", "Isla", "Zain", "Freya", "Leo", "Maryam")


@dataclass(frozen=True)
class Rates:
    """Per child per year, or shares: loosely national rates (Children in Need census 2024)."""

    contacts_per_child_year: float = 0.3
    contact_to_referral: float = 0.42
    referral_nfa: float = 0.07
    assessment_outcomes: tuple[tuple[str, float], ...] = (
        ("nfa", 0.36),
        ("early_help", 0.08),
        ("cin", 0.34),
        ("strategy", 0.17),
        ("looked_after", 0.05),
    )
    s47_to_icpc: float = 0.45
    icpc_to_plan: float = 0.85
    cp_to_looked_after: float = 0.15
    missing_per_lac_year: float = 0.8


@dataclass
class Table:
    """Rows for one table, with ids given here so rows can point at each other."""

    model: Any
    rows: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 1

    def add(self, **values: Any) -> int:
        row_id = self.next_id
        self.next_id += 1
        values["id"] = row_id
        self.rows.append(values)
        return row_id


# --- Building the record ------------------------------------------------------------------------


class Builder:
    def __init__(self, *, children: int, years: int, today: dt.date) -> None:
        from django.apps import apps  # noqa: PLC0415

        self.random = random.Random(SEED)
        self.children = children
        self.today = today
        self.start = dt.date(today.year - years, today.month, 1)
        self.rates = Rates()
        names = [
            "organisation.Service",
            "organisation.Team",
            "organisation.Worker",
            "people.Person",
            "frontdoor.Contact",
            "frontdoor.ContactChild",
            "frontdoor.ContactDecision",
            "casework.CINEpisode",
            "casework.Assessment",
            "casework.CINPlan",
            "casework.CINPlanReview",
            "casework.StrategyDiscussion",
            "casework.Section47Enquiry",
            "casework.ChildProtectionConference",
            "casework.ChildProtectionPlan",
            "casework.CoreGroup",
            "casework.Visit",
            "casework.Allocation",
            "lookedafter.PeriodOfCare",
            "lookedafter.LegalStatus",
            "lookedafter.Placement",
            "lookedafter.StatutoryVisit",
            "lookedafter.LACReview",
            "lookedafter.MissingEpisode",
            "lookedafter.ReturnInterview",
            "lookedafter.LeavingCareSupport",
            "lookedafter.PathwayPlan",
            "lookedafter.CareLeaverContact",
            "workforce.Course",
            "workforce.Absence",
            "workforce.TrainingRecord",
        ]
        self.tables = {}
        for name in names:
            model = apps.get_model(name)
            # New ids follow whatever the migrations seeded.
            last = model.objects.order_by("-id").values_list("id", flat=True).first() or 0
            self.tables[name.split(".")[1]] = Table(model, next_id=last + 1)
        self.leavers: set[int] = set()
        self.social_workers: list[int] = []
        self.advisers: list[int] = []
        self.iros: list[int] = []
        self.teams: list[int] = []
        self.recorder = 0

    # Helpers ----------------------------------------------------------------------------------

    def t(self, name: str) -> Table:
        return self.tables[name]

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        span = (last - first).days
        return first + dt.timedelta(days=self.random.randint(0, max(span, 0)))

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)

    def pick(self, weighted: Sequence[tuple[str, float]]) -> str:
        roll, total = self.random.random(), 0.0
        for value, weight in weighted:
            total += weight
            if roll < total:
                return value
        return weighted[-1][0]

    def recorded(self, day: dt.date) -> dict[str, Any]:
        return {"recorded_by_id": self.recorder, "recorded_at": self.at(day)}

    def open_or(self, day: dt.date) -> dt.date | None:
        """None when `day` is after today (still open), else the day."""
        return None if day > self.today else day

    # The organisation and workforce ---------------------------------------------------------

    def organisation(self) -> None:
        service = self.t("Service").add(name=MARKER)
        for number in range(30):
            self.teams.append(
                self.t("Team").add(service_id=service, name=f"Bench team {number + 1}")
            )
        workers = self.t("Worker")
        roles = (
            [("social_worker", 320), ("team_manager", 40), ("iro", 12)]
            + [("personal_adviser", 30), ("early_help_practitioner", 25)]
            + [("performance_analyst", 3), ("administrator", 2)]
        )
        for role, count in roles:
            for number in range(count):
                started = self.day_between(self.start - dt.timedelta(days=2000), self.today)
                # About one in eight has left; about 15% of social workers are agency staff.
                left = self.random.random() < 0.12 and started < self.today - dt.timedelta(60)
                worker = workers.add(
                    username=f"bench.{role}.{number}",
                    password="!",  # noqa: S106 - an unusable password: nobody signs in as these
                    first_name=self.random.choice(GIVEN_NAMES),
                    last_name=self.random.choice(FAMILY_NAMES),
                    role=role,
                    employment_type="agency"
                    if role == "social_worker" and self.random.random() < 0.15
                    else "permanent",
                    started_on=started,
                    ended_on=self.day_between(started, self.today) if left else None,
                    is_active=True,
                    date_joined=self.at(started),
                )
                if role == "social_worker" and not left:
                    self.social_workers.append(worker)
                elif role == "personal_adviser":
                    self.advisers.append(worker)
                elif role == "iro":
                    self.iros.append(worker)
                elif role == "administrator":
                    self.recorder = worker
        course = self.t("Course").add(name="Restorative practice", is_practice_model=True)
        for row in workers.rows:
            if row["role"] in {"performance_analyst", "administrator"}:
                continue
            if self.random.random() < 0.7:
                self.t("TrainingRecord").add(
                    worker_id=row["id"],
                    course_id=course,
                    completed_on=self.day_between(row["started_on"], self.today),
                    recorded_by_id=self.recorder,
                )
            # About 8 working days of sickness a year, in spells of 1 to 10 days.
            day = max(row["started_on"], self.start)
            last = row["ended_on"] or self.today
            while True:
                day += dt.timedelta(days=self.random.randint(60, 240))
                if day > last:
                    break
                ends = day + dt.timedelta(days=self.random.randint(0, 9))
                self.t("Absence").add(
                    worker_id=row["id"],
                    kind="sickness" if self.random.random() < 0.8 else "special",
                    starts_on=day,
                    ends_on=ends,
                    recorded_by_id=self.recorder,
                )
                day = ends

    # Children ----------------------------------------------------------------------------------

    def people(self) -> list[tuple[int, dt.date]]:
        people = self.t("Person")
        children = []
        for number in range(self.children):
            born = self.day_between(self.today - dt.timedelta(days=365 * 25), self.today)
            child = people.add(
                reference=f"BD{number:07d}",
                given_name=self.random.choice(GIVEN_NAMES),
                family_name=self.random.choice(FAMILY_NAMES),
                date_of_birth=born,
                sex=self.random.choice("MF"),
                gender_identity="same",
                religion="none",
                first_language="ENG",
                created_at=self.at(self.start),
            )
            children.append((child, born))
        return children

    def histories(self, children: Iterable[tuple[int, dt.date]]) -> None:
        for child, born in children:
            first = max(born, self.start)
            eighteenth = dt.date(born.year + 18, born.month, min(born.day, 28))
            if first >= min(eighteenth, self.today):
                continue
            years = (min(eighteenth, self.today) - first).days / 365.25
            day = first
            contacts = self._poisson(self.rates.contacts_per_child_year * years)
            days = sorted(self.day_between(first, min(eighteenth, self.today)) for _ in contacts)
            previous_closure: dt.date | None = None
            for day in days:
                if previous_closure is not None and day <= previous_closure:
                    continue  # still open: a contact about an open case is not a new referral
                closure = self.contact(child, born, day, previous_closure)
                if closure is not None:
                    previous_closure = closure
                    if closure > self.today:
                        break

    def _poisson(self, mean: float) -> range:
        # Knuth's method is fine for the small means here.
        limit, product, count = math.exp(-mean), self.random.random(), 0
        while product > limit:
            product *= self.random.random()
            count += 1
        return range(count)

    def contact(
        self, child: int, born: dt.date, day: dt.date, previous: dt.date | None
    ) -> dt.date | None:
        """A contact; when it becomes a referral, the episode. Returns the episode's closure."""
        contact = self.t("Contact").add(
            received_at=self.at(day, 9),
            source=self.random.choice(("1A", "1B", "2A", "2B", "3A", "5A")),
            reason="Concern reported",
            decision_due_on=day + dt.timedelta(days=1),
            **self.recorded(day),
        )
        self.t("ContactChild").add(contact_id=contact, child_id=child)
        decided = day + dt.timedelta(days=self.random.choice((0, 0, 1, 1, 2, 3)))
        refer = self.random.random() < self.rates.contact_to_referral
        decision = self.t("ContactDecision").add(
            contact_id=contact,
            child_id=child,
            decided_at=self.at(decided, 15),
            outcome="referral" if refer else self.random.choice(("nfa", "advice", "early_help")),
            rationale="Decided",
            decided_by_id=self.recorder,
        )
        if not refer or decided > self.today:
            return None
        return self.episode(child, born, decided, decision, previous)

    def episode(
        self, child: int, born: dt.date, referred: dt.date, decision: int, previous: dt.date | None
    ) -> dt.date | None:
        rates = self.rates
        nfa = self.random.random() < rates.referral_nfa
        episode_row: dict[str, Any] = {
            "child_id": child,
            "referral_date": referred,
            "referral_source": self.random.choice(("1A", "2A", "3A", "5A")),
            "primary_need_code": self.random.choice(("N1", "N2", "N3", "N4", "N5", "N6")),
            "referral_nfa": nfa,
            "is_re_referral": previous is not None and (referred - previous).days <= 365,
            "contact_decision_id": decision,
            **self.recorded(referred),
        }
        episodes = self.t("CINEpisode")
        stored = len(episodes.rows)
        episode = episodes.add(**episode_row)
        worker = self.random.choice(self.social_workers)
        team = self.random.choice(self.teams)
        closed = referred if nfa else self.assessment(child, born, episode, referred)
        closure = self.open_or(closed)
        episodes.rows[stored]["closure_date"] = closure
        episodes.rows[stored]["reason_for_closure"] = ("RC8" if nfa else "RC1") if closure else ""
        self.t("Allocation").add(
            child_id=child,
            team_id=team,
            worker_id=worker,
            started_on=referred,
            ended_on=closure,
            reason="Allocated",
        )
        return closed

    def assessment(self, child: int, born: dt.date, episode: int, started: dt.date) -> dt.date:
        """The assessment and what follows; the day the episode closes (maybe after today)."""
        due = started + dt.timedelta(days=63)  # 45 working days, near enough for synthetic rows
        done = started + dt.timedelta(days=self.random.choice((20, 30, 40, 50, 55, 60, 70, 85)))
        outcome = self.pick(self.rates.assessment_outcomes)
        finished = done <= self.today
        self.t("Assessment").add(
            episode_id=episode,
            actual_start_date=started,
            due_date=due,
            authorisation_date=done if finished else None,
            authorised_at=self.at(done) if finished else None,
            authorised_by_id=self.recorder if finished else None,
            outcome=outcome if finished else "",
            factors=["1C"] if finished else [],
            **self.recorded(started),
        )
        if not finished:
            return dt.date.max
        if outcome in {"nfa", "early_help"}:
            return done
        if outcome == "cin":
            return self.cin_plan(child, episode, done)
        if outcome == "looked_after":
            return self.period_of_care(child, born, done)
        return self.section47(child, born, episode, done)

    def cin_plan(self, child: int, episode: int, start: dt.date) -> dt.date:
        ends = start + dt.timedelta(days=self.random.randint(90, 540))
        plan = self.t("CINPlan").add(
            episode_id=episode,
            start_date=start,
            end_date=self.open_or(ends),
            **self.recorded(start),
        )
        review = start
        while True:
            review += dt.timedelta(days=self.random.choice((70, 80, 90, 90, 95, 120)))
            if review > min(ends, self.today):
                break
            self.t("CINPlanReview").add(
                cin_plan_id=plan, held_on=review, summary="Reviewed", **self.recorded(review)
            )
        self.visits(child, "cin", start, ends, (20, 30, 35, 45))
        return ends

    def visits(
        self, child: int, kind: str, first: dt.date, last: dt.date, gaps: Sequence[int]
    ) -> None:
        day = first
        while True:
            day += dt.timedelta(days=self.random.choice(gaps))
            if day > min(last, self.today):
                break
            seen = self.random.random() < 0.95
            self.t("Visit").add(
                child_id=child,
                visit_group=uuid.UUID(int=self.random.getrandbits(128)),
                kind=kind,
                occurred_at=self.at(day, 11),
                child_seen=seen,
                seen_alone=seen and self.random.random() < 0.6,
                **self.recorded(day),
            )

    def section47(self, child: int, born: dt.date, episode: int, start: dt.date) -> dt.date:
        discussion = self.t("StrategyDiscussion").add(
            episode_id=episode,
            held_on=start,
            agencies=["POL", "HEA"],
            s47_required=True,
            **self.recorded(start),
        )
        target = start + dt.timedelta(days=21)
        icpc = self.random.random() < self.rates.s47_to_icpc
        completed = start + dt.timedelta(days=self.random.randint(5, 20))
        finished = completed <= self.today
        enquiry = self.t("Section47Enquiry").add(
            episode_id=episode,
            strategy_discussion_id=discussion,
            actual_start_date=start,
            icpc_target_date=target,
            completed_on=completed if finished else None,
            icpc_required=icpc if finished else None,
            **self.recorded(start),
        )
        if not finished:
            return dt.date.max
        if not icpc:
            return completed
        held = target + dt.timedelta(days=self.random.choice((-6, -3, -1, 0, 0, 2, 5, 12)))
        if held > self.today:
            return dt.date.max
        plan = self.random.random() < self.rates.icpc_to_plan
        conference = self.t("ChildProtectionConference").add(
            episode_id=episode,
            kind="initial",
            held_on=held,
            outcome="plan" if plan else "no_plan",
            section47_id=enquiry,
            next_review_due_on=held + dt.timedelta(days=90) if plan else None,
            **self.recorded(held),
        )
        if not plan:
            return held
        return self.cp_plan(child, born, episode, conference, held)

    def cp_plan(
        self, child: int, born: dt.date, episode: int, conference: int, start: dt.date
    ) -> dt.date:
        ends = start + dt.timedelta(days=self.random.randint(120, 600))
        to_care = self.random.random() < self.rates.cp_to_looked_after
        end = self.open_or(ends)
        category = self.random.choice(("NEG", "NEG", "EMO", "EMO", "PHY", "SAB", "MUL"))
        plan = self.t("ChildProtectionPlan").add(
            episode_id=episode,
            initial_conference_id=conference,
            start_date=start,
            initial_category=category,
            latest_category=category,
            number_of_previous_plans=1 if self.random.random() < 0.23 else 0,
            first_core_group_due_on=start + dt.timedelta(days=14),
            end_date=end,
            end_reason=("looked_after" if to_care else "no_longer_at_risk") if end else "",
            **self.recorded(start),
        )
        group = start + dt.timedelta(days=self.random.choice((7, 10, 12, 14, 14, 18)))
        while group <= min(ends, self.today):
            self.t("CoreGroup").add(
                cp_plan_id=plan, held_on=group, summary="Met", **self.recorded(group)
            )
            group += dt.timedelta(days=self.random.randint(35, 50))
        self.visits(child, "cp", start, ends, (7, 9, 10, 12, 14, 16))
        if to_care and end is not None:
            return self.period_of_care(child, born, end)
        return ends

    def period_of_care(self, child: int, born: dt.date, start: dt.date) -> dt.date:
        eighteenth = dt.date(born.year + 18, born.month, min(born.day, 28))
        if start >= eighteenth:
            return start
        ends = min(start + dt.timedelta(days=self.random.randint(60, 3000)), eighteenth)
        ends = max(ends, start + dt.timedelta(days=1))
        end = self.open_or(ends)
        period = self.t("PeriodOfCare").add(
            child_id=child,
            started_on=start,
            ended_on=end,
            reason_ceased=("E8" if ends >= eighteenth else "E11") if end else "",
            category_of_need=self.random.choice(("N1", "N1", "N2", "N4")),
            home_postcode="HD1 1AA",
            **self.recorded(start),
        )
        self.t("LegalStatus").add(
            period_id=period,
            code=self.pick((("C2", 0.4), ("C1", 0.3), ("V2", 0.2), ("E1", 0.05), ("D1", 0.05))),
            started_on=start,
            ended_on=end,
            **self.recorded(start),
        )
        self.placements(period, start, ends, end)
        review = start + dt.timedelta(days=self.random.choice((20, 25, 28, 35)))
        gap = 90
        while review <= min(ends, self.today):
            self.t("LACReview").add(
                period_id=period,
                held_on=review,
                participation="PN1",
                chaired_by_id=self.random.choice(self.iros),
                **self.recorded(review),
            )
            review += dt.timedelta(days=gap + self.random.choice((-10, 0, 0, 5, 30)))
            gap = 182
        self.missing(child, start, ends)
        if ends >= eighteenth - dt.timedelta(days=1) or (ends - born).days > 16 * 365:
            self.leaving_care(child, born, eighteenth)
        return ends

    def placements(self, period: int, start: dt.date, ends: dt.date, end: dt.date | None) -> None:
        count = self.random.choice((1, 1, 1, 2, 2, 3, 4))
        span = max((ends - start).days, 1)
        cuts = sorted({start + dt.timedelta(days=span * i // count) for i in range(count)})
        cuts = [cut for cut in cuts if cut <= self.today]
        for index, first in enumerate(cuts):
            if index + 1 < len(cuts):
                last = max(cuts[index + 1] - dt.timedelta(days=1), first)
                placement_end: dt.date | None = last
            else:
                last, placement_end = ends, end
            in_area = self.random.random() < 0.65
            placement = self.t("Placement").add(
                period_id=period,
                placement_type=self.pick(
                    (("U4", 0.5), ("U6", 0.2), ("K2", 0.1), ("P1", 0.07), ("U1", 0.13))
                ),
                provider="PR1",
                carer_name="Carers",
                postcode="HD1 1AA",
                placement_la="382",
                is_in_area=in_area,
                distance_miles=self.random.randint(1, 8) if in_area else self.random.randint(5, 80),
                started_on=first,
                ended_on=placement_end,
                reason_for_change="" if placement_end is None else "CARPL",
                same_carer_as_previous=False,
                intended_until_18=self.random.random() < 0.2,
                **self.recorded(first),
            )
            day = first
            while True:
                day += dt.timedelta(days=self.random.choice((6, 20, 30, 40, 42, 45, 60)))
                if day > min(last, self.today):
                    break
                self.t("StatutoryVisit").add(
                    placement_id=placement,
                    visited_on=day,
                    seen=True,
                    seen_alone=self.random.random() < 0.6,
                    visited_by_id=self.random.choice(self.social_workers),
                    **self.recorded(day),
                )

    def missing(self, child: int, start: dt.date, ends: dt.date) -> None:
        years = (min(ends, self.today) - start).days / 365.25
        for _ in self._poisson(self.rates.missing_per_lac_year * years):
            day = self.day_between(start, min(ends, self.today))
            went = self.at(day, 20)
            back = went + dt.timedelta(hours=self.random.randint(2, 60))
            if back.date() > self.today:
                continue
            episode = self.t("MissingEpisode").add(
                child_id=child,
                kind=self.random.choice("MA"),
                started_at=went,
                ended_at=back,
                **self.recorded(day),
            )
            if self.random.random() < 0.9:
                offered = back + dt.timedelta(hours=self.random.choice((12, 24, 48, 70, 90, 140)))
                self.t("ReturnInterview").add(
                    episode_id=episode,
                    offered_at=offered,
                    accepted=self.random.random() < 0.7,
                    held_on=None,
                    **self.recorded(offered.date()),
                )

    def leaving_care(self, child: int, born: dt.date, eighteenth: dt.date) -> None:
        if eighteenth > self.today or child in self.leavers:
            return
        self.leavers.add(child)
        twenty_first = dt.date(born.year + 21, born.month, min(born.day, 28))
        self.t("LeavingCareSupport").add(
            child_id=child,
            personal_adviser_id=self.random.choice(self.advisers),
            started_on=eighteenth,
            ended_on=self.open_or(twenty_first),
            **self.recorded(eighteenth),
        )
        plan = eighteenth - dt.timedelta(days=180)
        while plan <= min(twenty_first, self.today):
            self.t("PathwayPlan").add(
                child_id=child,
                completed_on=plan,
                is_review=plan > eighteenth,
                **self.recorded(plan),
            )
            plan += dt.timedelta(days=self.random.choice((150, 180, 182, 200, 260)))
        for age in range(18, 22):
            birthday = dt.date(born.year + age, born.month, min(born.day, 28))
            if birthday > self.today:
                break
            self.t("CareLeaverContact").add(
                child_id=child,
                contacted_on=birthday,
                birthday_age=age,
                in_touch="YES",
                activity=self.pick(
                    (("F1", 0.3), ("P1", 0.15), ("F2", 0.1), ("G4", 0.25), ("G6", 0.2))
                ),
                accommodation="B1",
                **self.recorded(birthday),
            )

    def build(self) -> None:
        self.organisation()
        self.histories(self.people())


# --- Loading ------------------------------------------------------------------------------------


def _default(model_field: Any) -> Any:
    from django.db import models  # noqa: PLC0415

    if model_field.has_default():
        return model_field.get_default()
    if model_field.null:
        return None
    if isinstance(model_field, models.BooleanField):
        return False
    if isinstance(model_field, models.CharField | models.TextField):
        return ""
    if isinstance(model_field, models.IntegerField):
        return 0
    raise ValueError(f"{model_field.model.__name__}.{model_field.name} needs a value")


def load(tables: dict[str, Table]) -> dict[str, int]:
    """COPY every table (history and FK triggers off), then move each id sequence on."""
    from django.db import connection  # noqa: PLC0415

    counts: dict[str, int] = {}
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for name, table in tables.items():
            fields = table.model._meta.concrete_fields
            columns = [f.column for f in fields]
            defaults = {f.attname: f for f in fields}
            sql = f"COPY {table.model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in table.rows:
                    copy.write_row(
                        [
                            row[attname] if attname in row else _default(model_field)
                            for attname, model_field in defaults.items()
                        ]
                    )
            counts[name] = len(table.rows)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 - a model's table
                f"(SELECT coalesce(max(id), 1) FROM {table.model._meta.db_table}))",
                [table.model._meta.db_table],
            )
        cursor.execute("SET session_replication_role = origin")
    raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


def build_record(*, children: int, years: int) -> dict[str, int]:
    """Build and load the synthetic record into an empty benchmark database."""
    from django.utils import timezone  # noqa: PLC0415

    from hearth.performance.models import ChildPopulation  # noqa: PLC0415

    builder = Builder(children=children, years=years, today=timezone.localdate())
    started = time.perf_counter()
    builder.build()
    planned = time.perf_counter() - started
    started = time.perf_counter()
    counts = load(builder.tables)
    loaded = time.perf_counter() - started
    ChildPopulation.objects.update_or_create(
        year=timezone.localdate().year - 1, defaults={"count": children, "source": "Benchmark"}
    )
    print(f"Planned in {planned:.1f} s, loaded in {loaded:.1f} s: {sum(counts.values()):,} rows")
    return counts


# --- Measuring ----------------------------------------------------------------------------------


def timed(call: Callable[[], object], repeats: int) -> list[float]:
    call()  # warm-up
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(label: str, samples: list[float]) -> str:
    p50, p95, worst = percentiles(samples)
    return f"| {label} | {p50:,.0f} | {p95:,.0f} | {worst:,.0f} |"


def measure(*, repeats: int, pack: bool) -> list[str]:
    from django.test import Client  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from hearth.organisation.models import Worker  # noqa: PLC0415
    from hearth.performance.figures import FIGURES, Period, compute, compute_all  # noqa: PLC0415
    from hearth.performance.forms import default_period, period_query  # noqa: PLC0415

    current = default_period(timezone.localdate())
    last_year = Period(
        start=dt.date(current.start.year - 1, 4, 1), end=dt.date(current.start.year, 3, 31)
    )
    analyst = Worker.objects.filter(role="performance_analyst", ended_on__isnull=True).first()
    if analyst is None:
        raise SystemExit("No performance analyst in the benchmark record")
    client = Client(HTTP_HOST="localhost")
    client.force_login(analyst)
    lines = []
    for period in (current, last_year):
        lines += [
            "",
            f"Period {period.label}. Milliseconds, {repeats} runs after a warm-up.",
            "",
            "| Measured | p50 | p95 | max |",
            "|---|---:|---:|---:|",
        ]
        for figure in FIGURES:
            lines.append(
                row(
                    f"`{figure.key}`",
                    timed(lambda f=figure, p=period: compute(f, p), repeats),  # type: ignore[misc]
                )
            )
        lines.append(
            row("**every figure** (`compute_all`)", timed(lambda p=period: compute_all(p), repeats))
        )
        query = period_query(period)

        def dashboard(q: dict[str, str] = query) -> None:
            response = client.get("/performance/", q)
            assert response.status_code == 200, response.status_code  # noqa: S101

        lines.append(row("**dashboard request** (`GET /performance/`)", timed(dashboard, repeats)))
        if pack:

            def pdf(q: dict[str, str] = query) -> None:
                response = client.get("/performance/", q | {"format": "pdf"})
                assert response.status_code == 200, response.status_code  # noqa: S101

            lines.append(row("scrutiny pack PDF (with 12-month trends)", timed(pdf, 2)))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true", help="Drop and rebuild the database")
    parser.add_argument("--pack", action="store_true", help="Also time the scrutiny pack PDF")
    args = parser.parse_args()
    if args.rebuild:
        _drop_database()
    setup_django()
    from hearth.organisation.models import Service  # noqa: PLC0415

    if not Service.objects.filter(name=MARKER).exists():
        counts = build_record(children=args.children, years=args.years)
        for name, count in counts.items():
            print(f"  {name}: {count:,}")
    print(f"\nMachine: {machine()}")
    for line in measure(repeats=args.repeats, pack=args.pack):
        print(line)


def _drop_database() -> None:
    import psycopg  # noqa: PLC0415
    from _setup import BENCH_DATABASE, _with_database  # noqa: PLC0415

    given = os.environ.get("DATABASE_URL")
    if given:
        admin = _with_database(given, "postgres")
    else:
        from hearth.embedded import embedded_url, ensure_running  # noqa: PLC0415

        ensure_running()
        admin = embedded_url("postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
