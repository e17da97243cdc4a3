"""The demo council plan: deterministic by seed, realistic, and every identifier valid."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from hearth.demo.plan import DFE_LA_NUMBER, plan_council
from hearth.geography.areas import KIRKLEES
from hearth.geography.postcodes import postcode_lookup
from hearth.organisation.models import Role, TeamScope
from hearth.people.codes import IdentifierKind
from hearth.people.identifiers import validate_identifier
from hearth.people.models import RelationshipKind

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def plan():
    return plan_council(children=300, seed=7, today=TODAY)


def _fingerprint(plan):
    return (
        [
            (p.given_name, p.middle_names, p.family_name, p.date_of_birth, p.ethnicity, p.sex)
            for p in plan.people
        ],
        plan.identifiers,
        plan.addresses,
        plan.relationships,
        [(w.username, w.role, w.employment_type) for w in plan.workers],
        plan.allocations,
    )


def test_the_same_seed_makes_the_same_council(plan):
    again = plan_council(children=300, seed=7, today=TODAY)
    assert _fingerprint(again) == _fingerprint(plan)


def test_another_seed_makes_another_council(plan):
    other = plan_council(children=300, seed=8, today=TODAY)
    assert _fingerprint(other)[0] != _fingerprint(plan)[0]


def test_it_makes_at_least_the_children_asked_for_in_whole_families(plan):
    assert len(plan.children) >= 300
    assert len(plan.children) < 300 + 6  # the last family may overshoot by its size
    assert sorted(c for family in plan.families for c in family) == sorted(plan.children)
    adults = len(plan.people) - len(plan.children)
    assert adults > len(plan.children)  # mothers, fathers, grandparents


def test_children_are_mostly_under_18_with_some_unborn_and_care_leavers(plan):
    ages: Counter[str] = Counter()
    for i in plan.children:
        person = plan.people[i]
        if person.date_of_birth is None:
            assert person.expected_date_of_birth is not None
            assert person.expected_date_of_birth > TODAY
            ages["unborn"] += 1
        else:
            age = (TODAY - person.date_of_birth).days // 365
            ages["care leaver" if age >= 18 else "child"] += 1
            assert age <= 21
    assert ages["unborn"] >= 1
    assert ages["care leaver"] >= 1
    assert ages["child"] > 0.9 * len(plan.children)


def test_every_identifier_passes_its_check(plan):
    for _, kind, value in plan.identifiers:
        assert validate_identifier(kind, value) == value
    values = [(kind, value) for _, kind, value in plan.identifiers]
    assert len(values) == len(set(values))
    kinds = Counter(kind for _, kind, _ in plan.identifiers)
    assert kinds[IdentifierKind.NHS] > 0.8 * len(plan.people)
    assert kinds[IdentifierKind.UPN] > 0
    assert kinds[IdentifierKind.ULN] > 0


def test_identifiers_fit_the_person(plan):
    for person, kind, value in plan.identifiers:
        born = plan.people[person].date_of_birth
        assert born is not None  # nobody unborn has an identifier
        age = (TODAY - born).days // 365
        if kind == IdentifierKind.UPN:
            assert value[1:4] == str(DFE_LA_NUMBER)
            assert 4 <= age <= 20
        if kind == IdentifierKind.ULN:
            assert age >= 14
        if kind == IdentifierKind.NHS:
            assert value.startswith("999")  # the range kept for test data


def test_the_family_home_is_a_real_kirklees_postcode(plan):
    children = set(plan.children)
    for address in plan.addresses:
        info = postcode_lookup(address.postcode)
        assert info is not None, address.postcode
        if address.person in children:
            assert info.la_code == KIRKLEES
        assert address.ended_on is None or address.ended_on >= address.started_on


def test_everyone_has_a_current_address(plan):
    current = {a.person for a in plan.addresses if a.ended_on is None}
    assert current == set(range(len(plan.people)))


def test_mothers_have_parental_responsibility_and_siblings_are_linked(plan):
    parents = [r for r in plan.relationships if r[2] == RelationshipKind.PARENT]
    assert {r[1] for r in parents} == set(plan.children)
    assert any(r[3] for r in parents)
    assert any(r[2] == RelationshipKind.SIBLING for r in plan.relationships)
    assert any(r[2] == RelationshipKind.HALF_SIBLING for r in plan.relationships)


def test_ethnicity_is_mostly_white_british_with_a_large_south_asian_minority(plan):
    mix = Counter(plan.people[i].ethnicity for i in plan.children)
    assert mix["WBRI"] == max(mix.values())
    assert mix["APKN"] + mix["AIND"] > 0.12 * len(plan.children)


def test_every_role_has_a_demo_sign_in_and_the_front_door_sees_the_council(plan):
    assert set(plan.sign_ins) == set(Role)
    for role, worker in plan.sign_ins.items():
        assert plan.workers[worker].role == role
        assert plan.workers[worker].username == f"demo.{role}"
    scopes = {team.kind: team.scope for team in plan.teams}
    assert scopes["front_door"] == TeamScope.COUNCIL
    assert scopes["assessment"] == TeamScope.ALLOCATED


def test_about_one_in_seven_workers_is_agency(plan):
    big = plan_council(children=5000, seed=1, today=TODAY)
    agency = sum(w.employment_type == "agency" for w in big.workers)
    assert 0.08 < agency / len(big.workers) < 0.22


def test_allocations_give_the_demo_social_worker_a_caseload(plan):
    open_allocations = [a for a in plan.allocations if a.ended_on is None]
    assert open_allocations
    children = [a.child for a in open_allocations]
    assert len(children) == len(set(children))  # one open allocation per child
    social_worker = plan.sign_ins[Role.SOCIAL_WORKER]
    assert any(a.worker == social_worker for a in open_allocations)
    assert any(a.ended_on is not None for a in plan.allocations)  # closed earlier work
