"""The demo council, planned in memory: every row it will hold, decided by one seeded generator.

`plan_council(children=N, seed=S, today=D)` returns a `CouncilPlan` and touches no database, so the
same seed and day always give the same council (the same people, names, dates, identifiers,
addresses, teams and caseloads), and the loader (`hearth.demo.services`) only has to write it.
Rows refer to each other by their position in the plan's lists; the loader turns positions into
database ids.

What it makes (numbers for 50,000 children):
* families, each with one to five children (some unborn, a few young people of 18 to 20 who have
  left care), their mother, often a resident father or partner, sometimes a father living
  elsewhere (a few over the border in a neighbouring council) and a grandparent; half-siblings
  where the older children have a different father; about 115,000 people in all;
* a family group and a household group for each family, parent and sibling relationships (parental
  responsibility for mothers and most fathers), current and previous addresses on real Kirklees
  postcodes;
* NHS numbers (from the 999 range the NHS keeps for testing, so none can belong to anyone), UPNs
  with LA number 382 and ULNs for young people of 14 and over, all passing their checks;
* the council's services, teams and workers in every role, and allocations of about one child in
  ten to a team and worker, siblings together, so every practitioner holds a realistic caseload.

Ethnicity follows Kirklees's child population roughly (White British about 58%, Pakistani about
20%, Indian 5%, then Eastern European, mixed, Black African and others), and names come from the
synthetic lists in `hearth.demo.names` that fit each family's heritage.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from hearth.demo import names as pools
from hearth.geography.areas import BRADFORD, CALDERDALE, KIRKLEES, LEEDS, WAKEFIELD
from hearth.geography.postcodes import postcodes_in_area
from hearth.organisation.models import EmploymentType, Role, TeamScope
from hearth.people.codes import Disability, GroupKind, IdentifierKind, NameKind, Sex
from hearth.people.identifiers import nhs_check_digit, uln_is_consistent, upn_check_letter
from hearth.people.models import RelationshipKind

T = TypeVar("T")

LA_CODE = KIRKLEES
DFE_LA_NUMBER = 382
EMAIL_DOMAIN = "kirklees.example"
DEMO_USERNAME_PREFIX = "demo."

SERVICES = (
    "Front door (MASH)",
    "Assessment",
    "Child protection and court",
    "Children in care",
    "Leaving care",
    "Fostering and adoption",
    "Early help",
    "Performance",
    "Finance",
)

# Kirklees's districts, used to name teams the way councils do.
DISTRICTS = (
    "Huddersfield North",
    "Huddersfield South",
    "Dewsbury and Mirfield",
    "Batley and Spen",
    "Kirklees Rural",
)

# Roughly the ethnicity of Kirklees's children (school census and 2021 census), per thousand.
ETHNICITY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("WBRI", 580),
    ("APKN", 200),
    ("AIND", 50),
    ("WOTH", 40),
    ("MWBC", 20),
    ("MWAS", 20),
    ("BAFR", 20),
    ("MOTH", 15),
    ("BCRB", 10),
    ("AOTH", 10),
    ("OOTH", 10),
    ("ABAN", 5),
    ("MWBA", 5),
    ("WROM", 5),
    ("CHNE", 3),
    ("BOTH", 3),
    ("WIRI", 2),
    ("WIRT", 2),
    ("REFU", 2),
    ("NOBT", 3),
)
CHILDREN_PER_FAMILY = ((1, 50), (2, 27), (3, 13), (4, 6), (5, 4))

# Share of the children allocated to each kind of team now (the rest are known but closed), near
# England's rates per 10,000 children (docs/subsystems/demo-council.md): a contact being screened
# about 20; in assessment about 60; on a child protection plan about 40 and on a child in need plan
# about 100 (both held by the child protection teams); looked after about 70.
ALLOCATION_SHARES = {
    "front_door": 0.002,
    "early_help": 0.04,
    "assessment": 0.006,
    "child_protection": 0.014,
    "children_in_care": 0.007,
}
# Children per practitioner: a manageable caseload in each kind of team.
CASELOADS = {
    "front_door": 15,
    "early_help": 18,
    "assessment": 18,
    "child_protection": 16,
    "children_in_care": 15,
    "leaving_care": 20,
    "iro": 60,
}
PRACTITIONERS_PER_TEAM = 7
CARE_LEAVER_SHARE = 0.008
UNBORN_SHARE = 0.006
SEALED_SHARE = 0.002


@dataclass(slots=True)
class PersonRow:
    given_name: str
    family_name: str
    sex: str
    ethnicity: str
    middle_names: str = ""
    date_of_birth: dt.date | None = None
    expected_date_of_birth: dt.date | None = None
    disabilities: list[str] = field(default_factory=list)
    first_language: str = "English"
    needs_interpreter: bool = False
    religion: str = ""
    is_sealed: bool = False
    # (kind, given name, family name, used until)
    other_names: list[tuple[str, str, str, dt.date | None]] = field(default_factory=list)

    @property
    def all_names(self) -> list[str]:
        """Every name the person is known by, as `search_keys` wants them."""
        full = " ".join(p for p in (self.given_name, self.middle_names, self.family_name) if p)
        return [full] + [f"{g} {f}".strip() for _, g, f, _ in self.other_names]


@dataclass(frozen=True, slots=True)
class AddressRow:
    person: int
    line_1: str
    line_2: str
    town: str
    postcode: str
    started_on: dt.date
    ended_on: dt.date | None
    is_sealed: bool


@dataclass(frozen=True, slots=True)
class TeamRow:
    name: str
    service: int
    scope: str
    kind: str


@dataclass(slots=True)
class WorkerRow:
    username: str
    first_name: str
    last_name: str
    role: str
    employment_type: str
    job_title: str
    started_on: dt.date
    social_worker_id: str

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


@dataclass(frozen=True, slots=True)
class AllocationRow:
    child: int
    team: int
    worker: int | None
    started_on: dt.date
    ended_on: dt.date | None
    reason: str


@dataclass
class CouncilPlan:
    """Every row of the demo council; rows refer to each other by list position."""

    seed: int
    today: dt.date
    people: list[PersonRow] = field(default_factory=list)
    # The people who are "the children" (0-17, unborn, or care leavers up to 20).
    children: list[int] = field(default_factory=list)
    families: list[list[int]] = field(default_factory=list)
    identifiers: list[tuple[int, str, str]] = field(default_factory=list)
    addresses: list[AddressRow] = field(default_factory=list)
    # (person, other, kind, has parental responsibility, started on)
    relationships: list[tuple[int, int, str, bool, dt.date | None]] = field(default_factory=list)
    groups: list[tuple[str, str]] = field(default_factory=list)
    # (group, person, started on)
    group_members: list[tuple[int, int, dt.date | None]] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    teams: list[TeamRow] = field(default_factory=list)
    workers: list[WorkerRow] = field(default_factory=list)
    # (worker, team, is manager, started on, ended on)
    memberships: list[tuple[int, int, bool, dt.date, dt.date | None]] = field(default_factory=list)
    allocations: list[AllocationRow] = field(default_factory=list)
    sign_ins: dict[str, int] = field(default_factory=dict)


class _Weighted:
    """A fast weighted choice over a fixed list (cumulative weights, bisect)."""

    def __init__(self, items: Sequence[tuple[T, int]]) -> None:
        self.values = [v for v, _ in items]
        self.cumulative = list(itertools.accumulate(w for _, w in items))

    def pick(self, rng: random.Random) -> object:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _pick_str(chooser: _Weighted, rng: random.Random) -> str:
    value = chooser.pick(rng)
    assert isinstance(value, str)
    return value


def _days_before(day: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return day - dt.timedelta(days=rng.randint(low, high))


def _years(n: float) -> int:
    return round(n * 365.25)


class _Identifiers:
    """Unique, valid identifiers drawn from the plan's generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def _fresh(self, make: Callable[[], str | None]) -> str:
        while True:
            value = make()
            if value is not None and value not in self.seen:
                self.seen.add(value)
                return value

    def nhs(self) -> str:
        def make() -> str | None:
            # 999 000 000x - 999 999 999x is reserved by the NHS for test data.
            first_nine = f"999{self.rng.randrange(1_000_000):06d}"
            check = nhs_check_digit(first_nine)
            return None if check is None else f"{first_nine}{check}"

        return self._fresh(make)

    def upn(self, born: dt.date) -> str:
        def make() -> str:
            school = self.rng.choice((2, 2, 2, 3, 4))  # primary (2xxx, 3xxx) or secondary (4xxx)
            establishment = f"{school}{self.rng.randrange(1000):03d}"
            year = (born.year + 4) % 100  # allocated when the child starts school
            body = f"{DFE_LA_NUMBER}{establishment}{year:02d}{self.rng.randrange(1000):03d}"
            return upn_check_letter(body) + body

        return self._fresh(make)

    def uln(self) -> str:
        def make() -> str | None:
            first_nine = f"{self.rng.randint(1, 9)}{self.rng.randrange(100_000_000):08d}"
            for last in range(10):
                candidate = f"{first_nine}{last}"
                if uln_is_consistent(candidate):
                    return candidate
            return None

        return self._fresh(make)


class _Planner:
    def __init__(self, *, children: int, seed: int, today: dt.date) -> None:
        self.target = children
        # Not for security: seeded on purpose, so the same seed gives the same council.
        self.rng = random.Random(seed)  # noqa: S311
        self.plan = CouncilPlan(seed=seed, today=today)
        self.today = today
        self.ids = _Identifiers(random.Random(seed + 1))  # noqa: S311 (seeded on purpose)
        self.ethnicity = _Weighted(ETHNICITY_WEIGHTS)
        self.family_size = _Weighted(CHILDREN_PER_FAMILY)
        self.pool_choosers = {
            code: _Weighted(choices) for code, choices in pools.POOLS_BY_ETHNICITY.items()
        }
        self.kirklees = postcodes_in_area(KIRKLEES)
        self.neighbours = [
            pc
            for code in (CALDERDALE, WAKEFIELD, LEEDS, BRADFORD)
            for pc in postcodes_in_area(code)
        ]
        self.disability = _Weighted(
            [
                (Disability.LD, 3),
                (Disability.AUT, 3),
                (Disability.COMM, 2),
                (Disability.BEH, 2),
                (Disability.MOB, 1),
                (Disability.HEAR, 1),
                (Disability.VIS, 1),
            ]
        )
        self.sealed_left = max(1, round(children * SEALED_SHARE))
        self.care_leavers_left = max(2, round(children * CARE_LEAVER_SHARE))
        self.unborn_left = max(1, round(children * UNBORN_SHARE))
        self.care_leavers: set[int] = set()
        self.pool_traits = {
            id(pool): (_Weighted(pool.religions), _Weighted(pool.languages))
            for pool in {id(p): p for c in pools.POOLS_BY_ETHNICITY.values() for p, _ in c}.values()
        }

    # People -------------------------------------------------------------------------------

    def pool(self, ethnicity: str) -> pools.NamePool:
        value = self.pool_choosers[ethnicity].pick(self.rng)
        assert isinstance(value, pools.NamePool)
        return value

    def add_person(self, person: PersonRow) -> int:
        self.plan.people.append(person)
        return len(self.plan.people) - 1

    def religion_and_language(self, pool: pools.NamePool, adult: bool) -> tuple[str, str, bool]:
        religions, languages = self.pool_traits[id(pool)]
        religion = _pick_str(religions, self.rng)
        language = _pick_str(languages, self.rng)
        if not adult and language != "English" and self.rng.random() < 0.5:
            language = "English"  # many children born here speak English first
        interpreter = adult and language != "English" and self.rng.random() < 0.25
        return religion, language, interpreter

    def adult(
        self, *, pool: pools.NamePool, ethnicity: str, sex: str, born: dt.date, family_name: str
    ) -> int:
        given = self.rng.choice(pool.women if sex == Sex.FEMALE else pool.men)
        religion, language, interpreter = self.religion_and_language(pool, adult=True)
        return self.add_person(
            PersonRow(
                given_name=given,
                family_name=family_name,
                sex=sex,
                ethnicity=ethnicity,
                date_of_birth=born,
                religion=religion,
                first_language=language,
                needs_interpreter=interpreter,
            )
        )

    def child_disabilities(self) -> list[str]:
        roll = self.rng.random()
        if roll < 0.07:
            first = _pick_str(self.disability, self.rng)
            second = _pick_str(self.disability, self.rng)
            return sorted({first, second}) if self.rng.random() < 0.2 else [first]
        return [Disability.NONE] if roll < 0.6 else []

    def family(self) -> None:  # noqa: PLR0912, PLR0915 (one family is one story, told in order)
        rng, today = self.rng, self.today
        ethnicity = _pick_str(self.ethnicity, rng)
        other = pools.MIXED_OTHER_PARENT.get(ethnicity)
        if other and rng.random() < 0.5:
            mother_ethnicity, father_ethnicity = "WBRI", other
        elif other:
            mother_ethnicity, father_ethnicity = other, "WBRI"
        else:
            mother_ethnicity = father_ethnicity = ethnicity
        mother_pool = self.pool(mother_ethnicity)
        father_pool = self.pool(father_ethnicity)
        child_pool = self.pool(ethnicity)

        count = self.family_size.pick(rng)
        assert isinstance(count, int)
        care_leaver = self.care_leavers_left > 0 and rng.random() < 0.05
        # The eldest child's birthday, then the rest one to five years apart.
        if care_leaver:
            self.care_leavers_left -= 1
            eldest = _days_before(today, rng, _years(18) + 1, _years(21) - 1)
        else:
            eldest = _days_before(today, rng, 0, _years(18) - 1)
        births = [eldest]
        for _ in range(count - 1):
            nxt = births[-1] + dt.timedelta(days=rng.randint(_years(1), _years(5)))
            if nxt > today:
                break
            births.append(nxt)
        unborn = self.unborn_left > 0 and (
            rng.random() < 0.03 or (len(self.plan.children) > self.target * 0.8)
        )
        mother_born = _days_before(eldest, rng, _years(17), _years(38))
        if unborn and (today - mother_born).days > _years(44):
            unborn = False

        resident_father = rng.random() < 0.5
        previous_father = len(births) >= 2 and rng.random() < 0.2
        absent_father = not resident_father and rng.random() < 0.35
        father_family = rng.choice(father_pool.family)
        mother_birth_name = rng.choice(mother_pool.family)
        if resident_father and rng.random() < 0.7:
            mother_family = father_family
        else:
            mother_family = mother_birth_name
        mother = self.adult(
            pool=mother_pool,
            ethnicity=mother_ethnicity,
            sex=Sex.FEMALE,
            born=mother_born,
            family_name=mother_family,
        )
        if mother_family != mother_birth_name:
            self.plan.people[mother].other_names.append(
                (NameKind.BIRTH, "", mother_birth_name, None)
            )

        # Who fathered which children: the older ones may have an earlier father.
        split = rng.randint(1, len(births) - 1) if previous_father else 0
        fathers: list[tuple[int, list[int]]] = []
        family_members: list[int] = [mother]
        household: list[int] = [mother]

        def father_of(*, family_name: str, eldest_born: dt.date) -> int:
            born = _days_before(eldest_born, rng, _years(18), _years(42))
            return self.adult(
                pool=father_pool,
                ethnicity=father_ethnicity,
                sex=Sex.MALE,
                born=born,
                family_name=family_name,
            )

        first_father: int | None = None
        if previous_father:
            first_father = father_of(
                family_name=rng.choice(father_pool.family),
                eldest_born=births[0],
            )
        current_father: int | None = None
        if resident_father or not absent_father:
            current_father = father_of(
                family_name=father_family,
                eldest_born=births[split],
            )

        # The children.
        kids: list[int] = []
        child_family_name = father_family if current_father is not None else mother_family
        for i, born in enumerate(births):
            sex = Sex.FEMALE if rng.random() < 0.49 else Sex.MALE
            given = rng.choice(child_pool.girls if sex == Sex.FEMALE else child_pool.boys)
            middle = ""
            if rng.random() < 0.3:
                middle = rng.choice(child_pool.girls if sex == Sex.FEMALE else child_pool.boys)
                if middle == given:
                    middle = ""
            family_name = child_family_name
            if i < split and first_father is not None:
                family_name = self.plan.people[first_father].family_name
                if rng.random() < 0.5:
                    family_name = mother_birth_name
            religion, language, _ = self.religion_and_language(child_pool, adult=False)
            sealed = self.sealed_left > 0 and rng.random() < 0.01
            if sealed:
                self.sealed_left -= 1
            kids.append(
                self.add_person(
                    PersonRow(
                        given_name=given,
                        middle_names=middle,
                        family_name=family_name,
                        sex=sex,
                        ethnicity=ethnicity,
                        date_of_birth=born,
                        disabilities=self.child_disabilities(),
                        religion=religion,
                        first_language=language,
                        is_sealed=sealed,
                    )
                )
            )
        if unborn:
            self.unborn_left -= 1
            kids.append(
                self.add_person(
                    PersonRow(
                        given_name="Unborn",
                        family_name=child_family_name,
                        sex=Sex.NOT_KNOWN,
                        ethnicity=ethnicity,
                        expected_date_of_birth=today + dt.timedelta(days=rng.randint(7, 180)),
                    )
                )
            )
        self.plan.children.extend(kids)
        self.plan.families.append(kids)
        self.care_leavers.update(k for k in kids if (self.age(self.plan.people[k]) or 0) >= 18)

        # Relationships: mother to every child; fathers to theirs; siblings to each other.
        rels = self.plan.relationships
        for kid in kids:
            rels.append((mother, kid, RelationshipKind.PARENT, True, self.born_or_due(kid)))
        if first_father is not None:
            fathers.append((first_father, kids[:split]))
        if current_father is not None:
            fathers.append((current_father, kids[split:]))
            if split:
                for kid in kids[:split]:
                    rels.append((current_father, kid, RelationshipKind.STEP_PARENT, False, None))
        for father, theirs in fathers:
            pr = rng.random() < 0.85
            for kid in theirs:
                rels.append((father, kid, RelationshipKind.PARENT, pr, self.born_or_due(kid)))
            family_members.append(father)
        if current_father is not None and resident_father:
            household.append(current_father)
            rels.append((mother, current_father, RelationshipKind.PARTNER, False, None))
        for a, b in itertools.combinations(range(len(kids)), 2):
            same_father = (a < split) == (b < split)
            kind = RelationshipKind.SIBLING if same_father else RelationshipKind.HALF_SIBLING
            rels.append((kids[a], kids[b], kind, False, None))

        grandparent: int | None = None
        if rng.random() < 0.12:
            grandparent = self.adult(
                pool=mother_pool,
                ethnicity=mother_ethnicity,
                sex=Sex.FEMALE,
                born=_days_before(mother_born, rng, _years(17), _years(35)),
                family_name=mother_birth_name,
            )
            family_members.append(grandparent)
            for kid in kids:
                rels.append((grandparent, kid, RelationshipKind.GRANDPARENT, False, None))

        # Identifiers.
        for person in [*family_members, *kids]:
            self.identify(person)

        # Addresses: the family home (maybe a previous one); fathers and grandparents elsewhere.
        living_with_family = [k for k in kids if not self.is_care_leaver(k)]
        household.extend(living_with_family)
        moved_in = _days_before(today, rng, 30, _years(12))
        home = self.address_line(self.kirklees)
        previous = self.address_line(self.kirklees) if rng.random() < 0.35 else None
        for person in household:
            self.live_at(person, home, moved_in, None)
            if previous is not None:
                self.live_at(
                    person,
                    previous,
                    _days_before(moved_in, rng, _years(1), _years(8)),
                    moved_in - dt.timedelta(days=1),
                )
        for person in family_members:
            if person in household:
                continue
            area = self.neighbours if rng.random() < 0.15 else self.kirklees
            self.live_at(person, self.address_line(area), _days_before(today, rng, 60, 3000), None)
        for kid in kids:
            if self.is_care_leaver(kid):
                left = _days_before(today, rng, 30, 700)
                self.live_at(kid, self.address_line(self.kirklees), left, None)
                self.live_at(kid, home, self.born_or_due(kid) or moved_in, left - dt.timedelta(1))

        # Groups: the family, and the household at home.
        name = child_family_name
        self.plan.groups.append((GroupKind.FAMILY, f"{name} family"))
        family_group = len(self.plan.groups) - 1
        for person in [*family_members, *kids]:
            self.plan.group_members.append((family_group, person, None))
        self.plan.groups.append((GroupKind.HOUSEHOLD, f"{name} household, {home[0]}"))
        household_group = len(self.plan.groups) - 1
        for person in household:
            started = max(moved_in, self.born_or_due(person) or moved_in)
            self.plan.group_members.append((household_group, person, started))

    def born_or_due(self, person: int) -> dt.date | None:
        row = self.plan.people[person]
        return row.date_of_birth or row.expected_date_of_birth

    def is_care_leaver(self, person: int) -> bool:
        """A young person of 18 to 20 among the children: they have left care."""
        return person in self.care_leavers

    def age(self, row: PersonRow) -> int | None:
        born = row.date_of_birth
        if born is None:
            return None
        today = self.today
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def identify(self, person: int) -> None:
        row = self.plan.people[person]
        age = self.age(row)
        if age is None:
            return  # unborn: no NHS number until birth
        ids = self.plan.identifiers
        if self.rng.random() < (0.97 if age < 18 else 0.85):
            ids.append((person, IdentifierKind.NHS, self.ids.nhs()))
        assert row.date_of_birth is not None
        if 4 <= age <= 20 and self.rng.random() < 0.94:
            ids.append((person, IdentifierKind.UPN, self.ids.upn(row.date_of_birth)))
            if self.rng.random() < 0.01:
                ids.append((person, IdentifierKind.FORMER_UPN, self.ids.upn(row.date_of_birth)))
        if 14 <= age <= 20 and self.rng.random() < 0.9:
            ids.append((person, IdentifierKind.ULN, self.ids.uln()))

    def address_line(self, postcodes: list[str]) -> tuple[str, str, str]:
        rng = self.rng
        postcode = rng.choice(postcodes)
        street = f"{rng.choice(pools.STREET_WORDS)} {rng.choice(pools.STREET_ENDINGS)}"
        line_1 = f"{rng.randint(1, 180)} {street}"
        if rng.random() < 0.08:
            line_1 = f"Flat {rng.randint(1, 24)}, {line_1}"
        outward = postcode.split(" ")[0]
        area = outward.rstrip("0123456789")
        town = pools.POST_TOWNS.get(outward) or pools.AREA_TOWNS.get(area, "")
        return (line_1, postcode, town)

    def live_at(
        self,
        person: int,
        address: tuple[str, str, str],
        started: dt.date,
        ended: dt.date | None,
    ) -> None:
        born = self.born_or_due(person)
        if born is not None and born > started:
            if ended is not None and ended < born:
                return  # this home was before the person was born
            started = born if born <= self.today else self.today
        if ended is not None and ended < started:
            return
        row = self.plan.people[person]
        self.plan.addresses.append(
            AddressRow(
                person=person,
                line_1=address[0],
                line_2="",
                town=address[2],
                postcode=address[1],
                started_on=started,
                ended_on=ended,
                is_sealed=row.is_sealed,
            )
        )

    def people(self) -> None:
        while len(self.plan.children) < self.target:
            self.family()
        # The last family may overshoot the target: that is fine, and keeps families whole.

    # Organisation -------------------------------------------------------------------------

    def worker(self, role: str, *, username: str | None = None, agency_rate: float = 0.0) -> int:
        rng, today = self.rng, self.today
        pool = _pick_str(_Weighted([("british", 75), ("asian", 20), ("other", 5)]), rng)
        chosen = {
            "british": pools.BRITISH,
            "asian": pools.SOUTH_ASIAN_MUSLIM,
            "other": pools.AFRICAN,
        }[pool]
        first = rng.choice(chosen.women if rng.random() < 0.8 else chosen.men)
        last = rng.choice(chosen.family)
        agency = rng.random() < agency_rate
        if username is None:
            base = f"{first}.{last}".lower()
            username = base
            n = 1
            while username in self.usernames:
                n += 1
                username = f"{base}{n}"
        self.usernames.add(username)
        registered = role in {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO}
        started = (
            _days_before(today, rng, 14, 700) if agency else _days_before(today, rng, 60, 7300)
        )
        self.plan.workers.append(
            WorkerRow(
                username=username,
                first_name=first,
                last_name=last,
                role=role,
                employment_type=EmploymentType.AGENCY if agency else EmploymentType.PERMANENT,
                job_title=self.job_title(role),
                started_on=started,
                social_worker_id=f"SW{rng.randrange(10_000, 999_999):06d}" if registered else "",
            )
        )
        return len(self.plan.workers) - 1

    def job_title(self, role: str) -> str:
        titles = {
            Role.SOCIAL_WORKER: ("Social Worker", "Senior Social Worker", "Advanced Practitioner"),
            Role.TEAM_MANAGER: ("Team Manager",),
            Role.IRO: ("Independent Reviewing Officer", "Child Protection Chair"),
            Role.PERSONAL_ADVISER: ("Personal Adviser",),
            Role.EARLY_HELP_PRACTITIONER: ("Early Help Practitioner", "Family Support Worker"),
            Role.PERFORMANCE_ANALYST: ("Performance Analyst", "Senior Performance Analyst"),
            Role.FINANCE_OFFICER: ("Finance Officer", "Placements Finance Officer"),
            Role.ADMINISTRATOR: ("Systems Administrator",),
        }
        return self.rng.choice(titles[Role(role)])

    def team(
        self,
        *,
        name: str,
        service: str,
        kind: str,
        role: str,
        practitioners: int,
        manager_role: str = Role.TEAM_MANAGER,
        scope: str = TeamScope.ALLOCATED,
        agency_rate: float = 0.0,
        demo_member: str | None = None,
        demo_manager: str | None = None,
    ) -> int:
        plan = self.plan
        plan.teams.append(TeamRow(name, SERVICES.index(service), scope, kind))
        team = len(plan.teams) - 1
        manager = self.worker(manager_role, username=demo_manager, agency_rate=agency_rate / 2)
        if demo_manager:
            plan.sign_ins[manager_role] = manager
        self.join(manager, team, is_manager=True)
        members = []
        for i in range(practitioners):
            username = demo_member if i == 0 else None
            member = self.worker(role, username=username, agency_rate=agency_rate)
            if username:
                plan.sign_ins[role] = member
            self.join(member, team, is_manager=False)
            members.append(member)
        self.team_members[team] = members
        return team

    def join(self, worker: int, team: int, *, is_manager: bool) -> None:
        started = self.plan.workers[worker].started_on
        if self.plan.teams and self.rng.random() < 0.2 and len(self.plan.teams) > 1:
            # Some workers moved here from another team.
            earlier = self.rng.randrange(len(self.plan.teams))
            moved = started + dt.timedelta(days=(self.today - started).days // 2)
            if earlier != team and moved > started:
                self.plan.memberships.append(
                    (worker, earlier, False, started, moved - dt.timedelta(days=1))
                )
                started = moved
        self.plan.memberships.append((worker, team, is_manager, started, None))

    def organisation(self, demand: dict[str, int]) -> dict[str, list[int]]:
        """Make teams big enough for the caseloads in `demand`; return the teams of each kind."""
        self.usernames: set[str] = set()
        self.team_members: dict[int, list[int]] = {}
        self.plan.services = list(SERVICES)
        n = self.target
        teams: dict[str, list[int]] = {}

        def practitioners(kind: str) -> int:
            return max(1, math.ceil(demand.get(kind, 0) / CASELOADS[kind]))

        def spread(
            *,
            kind: str,
            service: str,
            base: str,
            role: str,
            count: int,
            agency_rate: float,
            demo: bool = False,
            demo_manager: bool = False,
        ) -> None:
            team_count = max(1, math.ceil(count / PRACTITIONERS_PER_TEAM))
            for t in range(team_count):
                size = count // team_count + (1 if t < count % team_count else 0)
                suffix = ""
                if team_count > 1:
                    district = DISTRICTS[t % len(DISTRICTS)]
                    round_ = t // len(DISTRICTS)
                    suffix = f" ({district}{' ' + str(round_ + 1) if round_ else ''})"
                first = demo and t == 0
                teams.setdefault(kind, []).append(
                    self.team(
                        name=f"{base}{suffix}",
                        service=service,
                        kind=kind,
                        role=role,
                        practitioners=max(1, size),
                        agency_rate=agency_rate,
                        demo_member=f"{DEMO_USERNAME_PREFIX}{role}" if first else None,
                        demo_manager=(
                            f"{DEMO_USERNAME_PREFIX}{Role.TEAM_MANAGER}"
                            if first and demo_manager
                            else None
                        ),
                    )
                )

        teams["front_door"] = [
            self.team(
                name="Front Door and MASH",
                service="Front door (MASH)",
                kind="front_door",
                role=Role.SOCIAL_WORKER,
                practitioners=max(2, practitioners("front_door"), math.ceil(n / 5000)),
                scope=TeamScope.COUNCIL,
                agency_rate=0.2,
            )
        ]
        spread(
            kind="assessment",
            service="Assessment",
            base="Assessment Team",
            role=Role.SOCIAL_WORKER,
            count=practitioners("assessment"),
            agency_rate=0.22,
            demo=True,
            demo_manager=True,
        )
        spread(
            kind="child_protection",
            service="Child protection and court",
            base="Child Protection and Court Team",
            role=Role.SOCIAL_WORKER,
            count=practitioners("child_protection"),
            agency_rate=0.22,
        )
        spread(
            kind="iro",
            service="Child protection and court",
            base="Independent Reviewing Service",
            role=Role.IRO,
            count=practitioners("iro"),
            agency_rate=0.18,
            demo=True,
        )
        spread(
            kind="children_in_care",
            service="Children in care",
            base="Children in Care Team",
            role=Role.SOCIAL_WORKER,
            count=practitioners("children_in_care"),
            agency_rate=0.2,
        )
        spread(
            kind="leaving_care",
            service="Leaving care",
            base="Leaving Care Team",
            role=Role.PERSONAL_ADVISER,
            count=practitioners("leaving_care"),
            agency_rate=0.12,
            demo=True,
        )
        for name in ("Fostering Team", "Adoption Team"):
            spread(
                kind="fostering_adoption",
                service="Fostering and adoption",
                base=name,
                role=Role.SOCIAL_WORKER,
                count=max(1, math.ceil(n / 12_500)),
                agency_rate=0.1,
            )
        spread(
            kind="early_help",
            service="Early help",
            base="Early Help Team",
            role=Role.EARLY_HELP_PRACTITIONER,
            count=practitioners("early_help"),
            agency_rate=0.14,
            demo=True,
        )
        for kind, service, name, role, count in (
            ("performance", "Performance", "Performance and Intelligence",
             Role.PERFORMANCE_ANALYST, max(2, math.ceil(n / 10_000))),
            ("administration", "Performance", "Hearth Administration", Role.ADMINISTRATOR,
             max(1, math.ceil(n / 20_000))),
            ("finance", "Finance", "Children's Services Finance", Role.FINANCE_OFFICER,
             max(2, math.ceil(n / 10_000))),
        ):  # fmt: skip
            team = self.team(
                name=name,
                service=service,
                kind=kind,
                role=role,
                practitioners=count,
                manager_role=role,
                demo_member=f"{DEMO_USERNAME_PREFIX}{role}",
            )
            teams[kind] = [team]
        return teams

    # Caseloads ----------------------------------------------------------------------------

    def caseloads(self) -> None:  # noqa: PLR0915 (choose, size teams, allocate: one pass)
        rng, today, plan = self.rng, self.today, self.plan
        under_18: list[list[int]] = []
        care_leavers: list[int] = []
        for family in plan.families:
            young = [k for k in family if not self.is_care_leaver(k)]
            care_leavers += [k for k in family if self.is_care_leaver(k)]
            if young:
                under_18.append(young)
        order = list(range(len(under_18)))
        rng.shuffle(order)
        wanted = {
            kind: max(2, round(share * self.target)) for kind, share in ALLOCATION_SHARES.items()
        }
        chosen: dict[str, list[list[int]]] = {kind: [] for kind in wanted}
        kinds = list(wanted)
        counts = dict.fromkeys(wanted, 0)
        position = 0
        for kind in kinds:
            while counts[kind] < wanted[kind] and position < len(order):
                family = under_18[order[position]]
                position += 1
                if kind == "children_in_care":
                    family = [k for k in family if plan.people[k].date_of_birth is not None]
                if not family:
                    continue
                chosen[kind].append(family)
                counts[kind] += len(family)
        closed = [under_18[i] for i in order[position:] if rng.random() < 0.15]

        demand = dict(counts)
        demand["leaving_care"] = len(care_leavers)
        demand["iro"] = counts["child_protection"] + counts["children_in_care"]
        teams = self.organisation(demand)

        load: dict[int, int] = {}

        def allocate(kind: str, families: list[list[int]], reason: str) -> None:
            team_ids = teams[kind]
            for i, family in enumerate(families):
                team = team_ids[i % len(team_ids)]
                members = self.team_members[team]
                worker: int | None = min(members, key=lambda w: (load.get(w, 0), w))
                if worker is not None and rng.random() < 0.05 and kind != "leaving_care":
                    worker = None  # awaiting allocation to a named worker
                started = _days_before(today, rng, 1, 540 if kind != "front_door" else 3)
                for child in family:
                    begun = max(started, self.born_or_due(child) or started)
                    begun = min(begun, today)
                    plan.allocations.append(AllocationRow(child, team, worker, begun, None, reason))
                    if worker is not None:
                        load[worker] = load.get(worker, 0) + 1

        allocate("front_door", chosen["front_door"], "Contact being screened")
        allocate("early_help", chosen["early_help"], "Early help assessment and plan")
        allocate("assessment", chosen["assessment"], "Child and family assessment")
        allocate("child_protection", chosen["child_protection"], "Child protection plan")
        allocate("children_in_care", chosen["children_in_care"], "Looked after")
        allocate("leaving_care", [[c] for c in care_leavers], "Care leaver: pathway plan")
        # IROs are not allocated: a child has one open allocation (to the team doing the work);
        # the IRO service is sized for the children on plans and in care.
        # Children known before: a closed allocation from an earlier piece of work.
        history_teams = teams["assessment"] + teams["early_help"]
        for family in closed:
            team = rng.choice(history_teams)
            worker = rng.choice(self.team_members[team])
            ended = _days_before(today, rng, 30, 1500)
            started = ended - dt.timedelta(days=rng.randint(20, 300))
            for child in family:
                born = self.born_or_due(child)
                if born is None or born > started:
                    continue
                plan.allocations.append(
                    AllocationRow(child, team, worker, started, ended, "Case closed")
                )

    def build(self) -> CouncilPlan:
        self.people()
        self.caseloads()
        return self.plan


def plan_council(*, children: int, seed: int, today: dt.date) -> CouncilPlan:
    """Plan a demo council of about `children` children; the same arguments give the same plan."""
    if children < 1:
        raise ValueError("A demo council needs at least one child")
    return _Planner(children=children, seed=seed, today=today).build()
