"""Where later case histories plug into the demo council.

The base demo council is people, families, addresses, identifiers, the organisation and
allocations. Case histories (contacts, referrals, assessments, s47 enquiries, conferences, plans,
periods of care: `hearth.demo.journeys`) are made through the journey apps' own services, so
that demo histories obey the same rules, timescales and history capture as real ones.

A journey app adds its generator by registering a function:

    from hearth.demo.histories import BuiltCouncil, register_case_history

    @register_case_history
    def contacts_and_referrals(council: BuiltCouncil) -> None:
        for child_id in council.allocated_child_ids("assessment"):
            ...  # call the journey services, then council.record(Contact, [ids])

Generators run in registration order, inside the generator's transaction, after the base council
is written. Each must be deterministic given `council.rng(name)`, and must `record` the rows it
creates (by model) so that `hearth demo-council --replace` deletes them before the people they
belong to.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from hearth.demo.plan import AllocationRow, CouncilPlan


@dataclass
class BuiltCouncil:
    """The written demo council: its plan, and the database ids of what was planned."""

    plan: CouncilPlan
    person_ids: list[int]
    worker_ids: list[int]
    team_ids: list[int]
    # Open allocations the plan chose but did not write, because a case history generator makes
    # them through the allocation services at the right point of the child's journey.
    withheld: list[AllocationRow] = field(default_factory=list)
    # Rows created by case history generators, by model, to be recorded as demo data.
    recorded: dict[type[models.Model], list[int]] = field(default_factory=dict)
    # What the generators made, by name ("referrals", "cp_plans", ...), for the summary.
    counts: Counter[str] = field(default_factory=Counter)

    def rng(self, name: str) -> random.Random:
        """A generator's own seeded random source, so adding one never changes another's output."""
        return random.Random(f"{self.plan.seed}:{name}")  # noqa: S311 (seeded on purpose)

    def allocated_child_ids(self, kind: str) -> list[int]:
        """Ids of the children allocated now to teams of `kind` ("assessment", "early_help"...)."""
        teams = {i for i, team in enumerate(self.plan.teams) if team.kind == kind}
        return [
            self.person_ids[a.child]
            for a in self.plan.allocations
            if a.ended_on is None and a.team in teams
        ]

    def record(self, model: type[models.Model], ids: Iterable[int]) -> None:
        """Note rows a generator created, so `--replace` clears them."""
        self.recorded.setdefault(model, []).extend(ids)


CaseHistoryGenerator = Callable[[BuiltCouncil], None]
CASE_HISTORY_GENERATORS: list[CaseHistoryGenerator] = []


def register_case_history(generator: CaseHistoryGenerator) -> CaseHistoryGenerator:
    """Add a case history generator to the demo council (usable as a decorator)."""
    if generator not in CASE_HISTORY_GENERATORS:
        CASE_HISTORY_GENERATORS.append(generator)
    return generator
