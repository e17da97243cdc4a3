"""Demo histories of looked-after children and care leavers, made through the looked-after services.

Registered after the child's journeys (`hearth.demo.journeys` imports this module at its end), so
children in care and care leavers are the open cases of the children-in-care and leaving-care
teams in the plan.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError

from hearth.demo.histories import BuiltCouncil, register_case_history
from hearth.demo.journeys import (
    LEGAL_STATUSES,
    OUT_OF_AREA,
    PLACEMENTS,
    PRIMARY_NEED,
    _analyze,
    _journey_models,
    _max_ids,
    _one_savepoint,
    _pick,
    _record_created,
    _Staff,
)
from hearth.demo.plan import AllocationRow
from hearth.geography.postcodes import postcodes_in_area
from hearth.lookedafter import services as lookedafter
from hearth.organisation.models import Worker
from hearth.people.models import Person
from hearth.timescales.calendar import add_working_days
from hearth.timescales.rules import add_months

log = logging.getLogger(__name__)


@dataclass
class _Care:
    council: BuiltCouncil
    staff: _Staff
    rng: random.Random
    today: dt.date
    kirklees: list[str]
    elsewhere: list[str]
    counts: Counter[str] = field(default_factory=Counter)

    def placement(
        self, child: Person, on: dt.date, *, kind: str = ""
    ) -> lookedafter.PlacementDetails:
        rng = self.rng
        place = kind or _pick(rng, PLACEMENTS)
        age = child.age_on(on) or 0
        if place == "K3" and age < 16:
            place = "U6"
        if place == "A6" and age > 6:
            place = "U4"
        provider = {"P1": "PR0", "K2": rng.choice(("PR1", "PR4", "PR4")), "R1": "PR3"}.get(
            place, rng.choice(("PR1", "PR1", "PR4", "PR5"))
        )
        if place in {"K2", "K1", "S1", "K3"}:
            urn = f"SC{rng.randint(100000, 999999)}"
        elif place in {"P1", "R1"}:
            urn = ""
        else:
            urn = str(rng.randint(1000000, 9999999))
        postcodes = self.elsewhere if rng.random() < 0.22 else self.kirklees
        return lookedafter.PlacementDetails(
            placement_type=place,
            carer_name="Parents" if place == "P1" else f"{rng.choice(NAMES)} carers",
            provider=provider,
            ofsted_urn=urn,
            postcode=rng.choice(postcodes),
            intended_until_18=place in {"U1", "U4"},
            placement_plan_on=on if rng.random() < 0.85 else None,
        )

    def period(
        self, child: Person, actor: Worker, started: dt.date, ends: dt.date | None, home: str
    ) -> None:
        """A period of care from `started` until `ends` (or today), with every duty in it."""
        rng, today = self.rng, self.today
        until = min(ends or today, today)
        age = child.age_on(started) or 0
        status = _pick(rng, LEGAL_STATUSES)
        if status == "E1" and age > 8:
            status = "C2"
        period = lookedafter.care_start(
            actor=actor,
            child=child,
            started_on=started,
            category_of_need=_pick(rng, PRIMARY_NEED),
            legal_status=status,
            placement=self.placement(child, started),
            home_postcode=home,
            reason="Became looked after",
        )
        self.counts["periods_of_care"] += 1
        lookedafter.care_plan_record(
            actor=actor,
            period=period,
            agreed_on=min(until, started + dt.timedelta(days=rng.randint(0, 16))),
            reason="Care plan agreed",
        )
        iros = self.staff.kinds.get("iro", [])
        iro_pool = [w for t in iros for w in self.staff.members(t, today)]
        if iro_pool:
            lookedafter.iro_allocate(
                actor=actor,
                period=period,
                iro=self.staff.worker(rng.choice(iro_pool)),
                allocated_on=min(until, add_working_days(started, rng.randint(0, 6))),
                reason="IRO appointed",
            )
        if status == "C1" and started + dt.timedelta(days=200) < until:
            lookedafter.legal_status_change(
                actor=actor,
                period=period,
                started_on=started + dt.timedelta(days=rng.randint(100, 200)),
                code="C2",
                reason="Final care order",
            )
        # A placement move for about a third.
        if rng.random() < 0.33 and (until - started).days > 60:
            moved = started + dt.timedelta(days=rng.randint(30, (until - started).days - 1))
            lookedafter.placement_change(
                actor=actor,
                period=period,
                started_on=moved,
                placement=self.placement(child, moved),
                same_carer_as_previous=False,
                reason_for_change=rng.choice(("CARPL", "CREQO", "CREQB", "CHILD", "OTHER")),
                reason="Placement changed",
            )
            self.counts["placement_moves"] += 1
        # Reviews: 20 working days, then 3 months, then every 6 months (a few late).
        review = add_working_days(started, rng.randint(12, 20))
        gap = 3
        while review <= until:
            late = rng.random() < 0.1
            held = review + dt.timedelta(days=rng.randint(3, 25)) if late else review
            if held > until:
                break
            age_then = child.age_on(held) or 0
            lookedafter.review_record(
                actor=actor,
                period=period,
                held_on=held,
                participation="PN0" if age_then < 4 else rng.choice(("PN1", "PN1", "PN2", "PN6")),
                reason="Review held",
            )
            self.counts["lac_reviews"] += 1
            review = add_months(held, gap) - dt.timedelta(days=rng.randint(0, 14))
            gap = 6
        # Visits: within a week, then at most every 6 weeks (some late).
        visit = started + dt.timedelta(days=rng.randint(2, 7))
        while visit <= until:
            lookedafter.visit_record(
                actor=actor,
                period=period,
                visited_on=visit,
                seen=True,
                seen_alone=(child.age_on(visit) or 0) >= 5 and rng.random() < 0.7,
                reason="Statutory visit",
            )
            self.counts["lac_visits"] += 1
            late = rng.random() < 0.12
            visit += dt.timedelta(days=rng.randint(43, 70) if late else rng.randint(21, 42))
        # Health: the initial assessment within 20 working days, then reviews.
        health = add_working_days(started, rng.randint(8, 26))
        while health <= until:
            lookedafter.health_assessment_record(
                actor=actor, child=child, completed_on=health, reason="Health assessment"
            )
            self.counts["health_assessments"] += 1
            months = 6 if (child.age_on(health) or 0) < 5 else 12
            health = add_months(health, months) + dt.timedelta(days=rng.randint(-20, 25))
        # Personal education plans for children of school age: started, then termly.
        pep = add_working_days(started, rng.randint(5, 14))
        while pep <= until and 4 <= (child.age_on(pep) or 0) < 18:
            lookedafter.pep_record(
                actor=actor,
                period=period,
                kind="initial" if pep <= add_working_days(started, 14) else "review",
                completed_on=pep,
                reason="Personal education plan",
            )
            pep += dt.timedelta(days=rng.randint(100, 130))
        if ends is not None:
            lookedafter.care_cease(
                actor=actor,
                period=period,
                ended_on=ends,
                reason_ceased=rng.choice(("E5", "E5", "E6", "E13", "E17")),
                reason="Left care at 18",
            )


NAMES = ("Ahmed", "Brook", "Clarke", "Dixon", "Evans", "Farooq", "Green", "Hussain", "Iqbal")


@register_case_history
def looked_after_and_care_leavers(council: BuiltCouncil) -> None:
    """periods of care, placements, reviews, visits and care leavers"""
    plan, today = council.plan, council.plan.today
    rng = council.rng("looked_after")
    staff = _Staff.load(council)
    care = _Care(
        council=council,
        staff=staff,
        rng=rng,
        today=today,
        kirklees=sorted({a.postcode for a in plan.addresses}),
        elsewhere=[p for la in OUT_OF_AREA[:1] for p in postcodes_in_area(la)[::200]],
    )
    start_ids = _max_ids(_journey_models())
    homes: dict[int, str] = {}
    for address in plan.addresses:
        if address.ended_on is None:
            homes.setdefault(address.person, address.postcode)
    open_rows = [
        (a, plan.teams[a.team].kind)
        for a in plan.allocations
        if a.ended_on is None and plan.teams[a.team].kind in ("children_in_care", "leaving_care")
    ]
    people = Person.objects.in_bulk([council.person_ids[a.child] for a, _ in open_rows])
    _analyze()
    for row, kind in open_rows:
        child = people[council.person_ids[row.child]]
        if child.date_of_birth is None or child.is_sealed:
            continue
        if row.worker is not None:
            actor = staff.worker(row.worker)
        else:
            managers = staff.members(row.team, today, manager=True) or [0]
            actor = staff.worker(managers[0])
        try:
            with _one_savepoint():
                if kind == "children_in_care":
                    _looked_after(care, child, actor, row, homes.get(row.child, ""))
                else:
                    _care_leaver(care, child, actor, homes.get(row.child, ""))
        except (ValidationError, PermissionDenied) as error:
            care.counts["care_skipped"] += 1
            log.warning("Demo care history skipped for %s: %s", child.pk, error)
    _record_created(council, start_ids)
    council.counts.update(care.counts)


def _looked_after(care: _Care, child: Person, actor: Worker, row: AllocationRow, home: str) -> None:
    born = child.date_of_birth
    assert born is not None  # checked by the caller
    started = max(row.started_on, born + dt.timedelta(days=1))
    if started >= care.today:
        return
    care.period(child, actor, started, None, home)
    care.counts["looked_after_now"] += 1


def _care_leaver(care: _Care, child: Person, actor: Worker, home: str) -> None:
    rng, today = care.rng, care.today
    born = child.date_of_birth
    assert born is not None  # checked by the caller
    eighteen = dt.date(born.year + 18, born.month, min(born.day, 28))
    if eighteen > today:
        return
    started = eighteen - dt.timedelta(days=rng.randint(400, 1300))
    care.period(child, actor, started, eighteen, home)
    lookedafter.leaving_care_start(
        actor=actor,
        child=child,
        personal_adviser=actor,
        started_on=eighteen,
        support_to_25=rng.random() < 0.2,
        reason="Leaving-care support",
    )
    plan_on = eighteen - dt.timedelta(days=rng.randint(60, 200))
    while plan_on <= today:
        lookedafter.pathway_plan_record(
            actor=actor, child=child, completed_on=plan_on, reason="Pathway plan"
        )
        plan_on = add_months(plan_on, 6) + dt.timedelta(days=rng.randint(-10, 30))
    for age in range(18, 22):
        birthday = dt.date(born.year + age, born.month, min(born.day, 28))
        contacted = birthday + dt.timedelta(days=rng.randint(-30, 30))
        if contacted > today:
            break
        lookedafter.care_leaver_contact_record(
            actor=actor,
            child=child,
            contacted_on=contacted,
            birthday_age=age,
            in_touch="YES" if rng.random() < 0.9 else "NO",
            reason="Birthday contact",
        )
    care.counts["care_leavers"] += 1
