"""Demo histories of looked-after children and care leavers, made through the looked-after services.

Registered after the child's journeys (`hearth.demo.journeys` imports this module at its end), so
children in care and care leavers are the open cases of the children-in-care and leaving-care
teams in the plan, and children who left care in the last two years are children nobody else's
journey touched.

Each child's history is first drawn as a `CareStory` (`care_story`, pure: no database), in
proportion to England's figures (DfE, "Children looked after in England including adoptions",
reporting year 2024; the figures and how they are used are in docs/subsystems/demo-council.md),
and then written through `hearth.lookedafter.services` (and `hearth.casework.services` for the
allocation of a child who has since left care), so every record obeys the same rules as one a
worker types. Three kinds of child:

* **looked after now** (the plan's children-in-care allocations): a period of care of a realistic
  length, legal statuses, placements and moves, and every duty in it; some unaccompanied
  asylum-seeking children, adoption plans, deprivation of liberty orders, missing episodes;
* **care leavers** (the plan's leaving-care allocations, 18 to 20): a period of care ending at 18,
  leaving-care support, pathway plans, birthday contacts with in touch, activity and
  accommodation, and staying put for some;
* **left care** in the last two years before turning 18: returned home, special guardianship,
  child arrangements orders, adoption and the rest, allocated to a children-in-care worker for the
  period and the allocation ended afterwards.

Partial, and why: recurring duties are recorded for recent years only, as the journeys record
routine visits for recent months only: reviews, health assessments and checks, SDQs and missing
episodes for the last `HISTORY_DAYS` (both return years in view), statutory visits and PEPs for
the last `RECENT_DAYS` (the first review, care plan, IRO, initial health assessment and first PEP
of an older period are recorded); care leavers' birthday contacts start at 18; the demo's
unaccompanied asylum-seeking children are children of the plan's families (the plan has no lone
arrivals); no short breaks (V3/V4), remands or temporary placements are generated; adoption
decisions are never reversed.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError

from hearth.casework import services as casework
from hearth.casework.models import CINEpisode
from hearth.demo.histories import BuiltCouncil, register_case_history
from hearth.demo.journeys import (
    OUT_OF_AREA,
    _analyze,
    _journey_models,
    _max_ids,
    _one_savepoint,
    _record_created,
    _Staff,
)
from hearth.demo.plan import AllocationRow
from hearth.geography.areas import KIRKLEES
from hearth.geography.postcodes import is_in_area, postcodes_in_area
from hearth.lookedafter import services as lookedafter
from hearth.lookedafter.careleavers import birthday
from hearth.lookedafter.models import AdoptionMatch, PeriodOfCare
from hearth.organisation.models import Role, Worker
from hearth.people import services as people
from hearth.people.codes import IdentifierKind
from hearth.people.models import Person
from hearth.timescales.calendar import add_working_days
from hearth.timescales.rules import add_months

log = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")
ONE_DAY = dt.timedelta(days=1)

Weights = Sequence[tuple[str, int]]

# --- England's figures (DfE, Children looked after in England including adoptions, 2024) ----
# Weights are per hundred (rounded); docs/subsystems/demo-council.md gives each with its source.

# How long children looked after on 31 March have been in their current period of care.
DURATION_DAYS = ((14, 365, 30), (365, 730, 18), (730, 1826, 30), (1826, 6570, 22))
# Legal status now: care orders 79% (full 68%, interim 11%), s20 16%, placement orders 5%.
LEGAL_STATUS_NOW = (("C2", 72), ("C1", 5), ("V2", 10), ("E1", 10))
# How a care order began: an interim order, or accommodation under s20 or police protection.
CARE_ORDER_ROUTE = (("C1", 75), ("V2", 17), ("L1", 8))
# Category of need of children looked after: abuse or neglect about two thirds.
CATEGORY_OF_NEED = (
    ("N1", 66), ("N2", 3), ("N3", 3), ("N4", 6), ("N5", 13), ("N6", 1), ("N8", 8),
)  # fmt: skip
# Foster care 68% (with relatives or friends about a fifth of it); the rest by age below.
FOSTER = (("U6", 36), ("U4", 16), ("U3", 8), ("U1", 6), ("U5", 2))
# Moves in the last year: 69% one placement, 21% two, 10% three or more.
MOVES_IN_YEAR = (("0", 69), ("1", 21), ("2", 7), ("3", 3))
# Why placements changed (2024, "change in the status of a placement only" left out).
REASON_PLACE_CHANGE = (
    ("CARPL", 34), ("OTHER", 22), ("CREQB", 9), ("CREQO", 8), ("CHILD", 3), ("STAND", 1),
    ("CLOSE", 1), ("ALLEG", 1), ("LAREQ", 1), ("APPRR", 1),
)  # fmt: skip
# Why children under 18 left care (those leaving at 18 are the care leavers).
REASON_CEASED = (
    ("E4A", 36), ("E4B", 4), ("E45", 7), ("E47", 8), ("E46", 1), ("E48", 1), ("E41", 6),
    ("E11", 9), ("E12", 5), ("E13", 5), ("E8", 8), ("E3", 2), ("E5", 5), ("E6", 3),
)  # fmt: skip
# Why the care leavers' periods ended at 18.
REASON_CEASED_AT_18 = (("E5", 38), ("E6", 12), ("E17", 24), ("E4A", 8), ("E13", 6), ("E8", 12))
# Previous permanence recorded when a period starts.
PREVIOUS_PERMANENCE = (("Z1", 88), ("P4", 3), ("P2", 4), ("P3", 3), ("P1", 2))
# Care leavers: in touch about 90%; activity (EET about 56% at 19-21); accommodation (suitable
# about 88%).
IN_TOUCH = (("YES", 90), ("NO", 6), ("REFU", 3), ("NREQ", 1))
ACTIVITY_AT_18 = (
    ("F2", 30), ("P2", 4), ("F4", 5), ("F5", 14), ("P5", 6), ("F1", 2), ("G4", 6), ("G5", 28),
    ("G6", 5),
)  # fmt: skip
ACTIVITY_19_TO_21 = (
    ("F1", 6), ("P1", 1), ("F2", 12), ("P2", 3), ("F4", 3), ("P4", 1), ("F5", 22), ("P5", 8),
    ("G4", 7), ("G5", 31), ("G6", 6),
)  # fmt: skip
ACCOMMODATION = (
    ("U1", 33), ("D1", 20), ("B1", 12), ("E1", 6), ("K1", 3), ("C1", 2), ("T1", 2), ("Y1", 2),
    ("U2", 3), ("D2", 2), ("B2", 2), ("X2", 3), ("S2", 2), ("V2", 1), ("W2", 1), ("K2", 1),
)  # fmt: skip
REVIEW_PARTICIPATION = (
    ("PN1", 55), ("PN2", 8), ("PN3", 3), ("PN4", 4), ("PN5", 5), ("PN6", 20), ("PN7", 5),
)  # fmt: skip
# Neighbouring councils' DfE numbers, where an earlier order was made (PrevPerm LA_PERM).
PERMANENCE_COUNCILS = ("382", "382", "382", "381", "383", "384", "380")

MISSING_SHARE_OF_11_PLUS = 0.3  # about 11% of all children looked after go missing in a year
RETURN_INTERVIEW_IN_72_HOURS = 0.8
SDQ_SCORE_SHARE = 0.78
HEALTH_ASSESSMENT_IN_TIME = 0.91
DENTAL_CHECK_SHARE = 0.83
IMMUNISATIONS_SHARE = 0.82
DEVELOPMENT_CHECK_SHARE = 0.88
OUT_OF_AREA_SHARE = 0.22
LEFT_CARE_SHARE_OF_CHILDREN = 0.004  # left care under 18 in the last two years
ADOPTED_SHARE_UNDER_6 = 0.45
LEFT_AFTER_A_YEAR = 0.55  # of those leaving care under 18, in care for more than a year
# The council's own (PR1) placements that may be outside its area: foster carers, adopters and
# supported accommodation (rule 1015).
OWN_PROVISION_ANYWHERE = frozenset(
    {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6", "K3"}
)
FOSTER_TYPES = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
# Foster placements a young person can stay put in after 18.
STAYING_PUT_FROM = frozenset({"U1", "U3", "U4", "U6"})
# From this age a child in care without a UPN needs a recorded reason (under 5 the return
# says UN1 itself).
UPN_FROM_AGE = 5
NEWLY_LOOKED_AFTER_DAYS = 90
HISTORY_DAYS = 760
RECENT_DAYS = (
    400  # visits and PEPs  # recurring duties are recorded for this long (both 903 years in view)
)

CARER_NAMES = (
    "Ahmed", "Brook", "Clarke", "Dixon", "Evans", "Farooq", "Green", "Hussain", "Iqbal",
    "Jones", "Khan", "Lee", "Mistry", "Nowak", "Oakes", "Patel", "Quinn", "Rahman", "Shaw",
)  # fmt: skip
HOMES = ("Oak Lodge", "Hillside House", "Birchwood", "The Willows", "Riverside House")


def _pick(rng: random.Random, weights: Weights) -> str:
    return rng.choices([v for v, _ in weights], weights=[w for _, w in weights])[0]


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A day from `first` to `last` inclusive (`first` when the range is empty)."""
    days = (last - first).days
    return first + dt.timedelta(days=rng.randint(0, days)) if days > 0 else first


# --- The story: what happens to one child, drawn without the database -------------------------


@dataclass(frozen=True)
class PlacementStep:
    """One placement of a story: from `started_on`, of a type, by a provider, where."""

    started_on: dt.date
    placement_type: str
    provider: str
    urn: str
    carer_name: str
    out_of_area: bool
    reason_for_change: str = ""  # why the placement before this one ended


@dataclass(frozen=True)
class AdoptionStory:
    """The adoption plan: decision, match (with the adopters), placement, order."""

    decided_on: dt.date
    matched_on: dt.date | None = None
    placed_on: dt.date | None = None
    by_foster_carers: bool = False
    number_of_adopters: int = 2
    sex_of_adopters: str = "MF"
    legal_status_of_adopters: str = "L11"


@dataclass(frozen=True)
class MissingStory:
    """A missing (M) or away-without-authorisation (A) episode and its return interview."""

    kind: str
    left_at: dt.datetime
    back_at: dt.datetime
    offered_at: dt.datetime | None
    accepted: bool


@dataclass
class CareStory:
    """One child's period of care as drawn: the facts to write, in order."""

    kind: str  # "looked_after", "care_leaver" or "left_care"
    started_on: dt.date
    ended_on: dt.date | None
    reason_ceased: str
    category_of_need: str
    uasc: bool
    legal: list[tuple[dt.date, str]]
    placements: list[PlacementStep]
    previous_permanence: tuple[str, str, int | None, int | None]  # kind, LA, month, year
    adoption: AdoptionStory | None = None
    dolo: tuple[dt.date, dt.date | None] | None = None
    missing: list[MissingStory] = field(default_factory=list)
    staying_put: tuple[dt.date, dt.date | None] | None = None

    def legal_on(self, day: dt.date) -> str:
        """The legal status in force on `day`."""
        code = self.legal[0][1]
        for started, status in self.legal:
            if started <= day:
                code = status
        return code

    def placement_on(self, day: dt.date) -> PlacementStep:
        """The placement in force on `day`."""
        found = self.placements[0]
        for step in self.placements:
            if step.started_on <= day:
                found = step
        return found

    def placements_in_year_to(self, day: dt.date) -> int:
        """Placements the child had in the year to `day` (the DfE's placement stability)."""
        since = day - dt.timedelta(days=365)
        ends = [p.started_on for p in self.placements[1:]] + [self.ended_on or day]
        return sum(
            1
            for step, ended in zip(self.placements, ends, strict=True)
            if step.started_on <= day and ended > since
        )


def _placement_weights(age: int, legal: str) -> list[tuple[str, int]]:
    """Placement types for a child of `age` under legal status `legal`, as England's mix."""
    weights = dict(FOSTER)
    if legal != "V2":
        weights["P1"] = 9  # placed with parents needs a care order (rule 378)
    if age < 1:
        weights["R3"] = 3  # mother and baby units
        weights["U5"] = 6  # fostering for adoption or concurrent planning
    if age >= 8:
        weights["S1"] = 1
    # The demo's children in care are younger than England's (the plan picks families, not
    # care histories), so older children get more of the residential placements for the whole
    # mix to come out near England's.
    if 10 <= age < 16:
        weights["K2"] = 60
    if age >= 16:
        weights["K2"] = 30
        weights["K3"] = 70
        weights["P1"] = min(weights.get("P1", 0), 3)
    if age >= 13:
        weights["K1"] = 1
    return list(weights.items())


def _placement(
    rng: random.Random, day: dt.date, age: int, legal: str, *, kind: str = ""
) -> PlacementStep:
    place = kind or _pick(rng, _placement_weights(age, legal))
    if place in {"U1", "U3", "U2"}:
        provider = "PR1"
    elif place in {"U4", "U5", "U6"}:
        provider = _pick(rng, (("PR1", 60), ("PR4", 35), ("PR5", 5)))
    elif place in {"K2", "K3", "S1", "K1"}:
        provider = _pick(rng, (("PR4", 70), ("PR1", 20), ("PR5", 10)))
    elif place == "P1":
        provider = "PR0"
    elif place in {"A3", "A4", "A5", "A6"}:
        provider = _pick(rng, (("PR1", 80), ("PR5", 20)))
    else:
        provider = _pick(rng, (("PR3", 50), ("PR4", 50)))
    urn, carer = _urn_and_carer(rng, place)
    out_of_area = place != "P1" and rng.random() < OUT_OF_AREA_SHARE
    if out_of_area and provider == "PR1" and place not in OWN_PROVISION_ANYWHERE:
        provider = "PR4"  # the council's own homes are in its own area (rule 1015)
    return PlacementStep(day, place, provider, urn, carer, out_of_area)


def _urn_and_carer(rng: random.Random, place: str) -> tuple[str, str]:
    """An Ofsted URN of the right shape for the placement type (rules 218, 222), and a name."""
    if place in {"K1", "K2", "K3", "S1"}:
        urn = f"SC{rng.randint(100000, 999999)}"
    elif place in {"P1", "R1", "R2", "R5"}:
        urn = ""
    else:
        urn = str(rng.randint(1000000, 9999999))
    if place == "P1":
        return urn, "Parents"
    if place in {"K1", "K2", "K3", "S1", "R3"}:
        return urn, rng.choice(HOMES)
    return urn, f"{rng.choice(CARER_NAMES)} carers"


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _legal_path(
    rng: random.Random, started: dt.date, until: dt.date, now: str
) -> list[tuple[dt.date, str]]:
    """The legal statuses from `started` that end in `now` by `until`."""
    days = (until - started).days
    if now == "V2":
        return [(started, "V2")]
    first = _pick(rng, CARE_ORDER_ROUTE)
    path = [(started, first)]
    if first == "L1":  # police protection lasts up to 72 hours, then an interim order
        path.append((started + dt.timedelta(days=rng.randint(1, 3)), "C1"))
    elif first == "V2" and days > 60:
        path.append((started + dt.timedelta(days=rng.randint(20, min(days - 30, 200))), "C1"))
    if now == "C2":
        # The final hearing: 26 weeks is the target, many take longer.
        final = started + dt.timedelta(days=rng.randint(100, 240))
        if final < until and final > path[-1][0]:
            path.append((final, "C2"))
    return path


def care_story(  # noqa: PLR0911, PLR0912, PLR0915 (one child's whole period, in order)
    rng: random.Random,
    *,
    born: dt.date,
    today: dt.date,
    kind: str,
    male: bool = True,
    force: frozenset[str] = frozenset(),
) -> CareStory | None:
    """Draw one child's period of care in proportion to England's figures.

    `kind` is "looked_after" (in care now), "care_leaver" (left care at 18) or "left_care" (left
    care before 18, in the last two years). `force` names features to give the child if their age
    allows ("uasc", "adoption", "dolo", "missing", "staying_put"), so a small demo council still
    has one of each. Returns None when the child is too young for the story.
    """
    age_now = _age(born, today)
    if kind == "care_leaver" and "staying_put" in force:
        # Staying put needs foster care at 18: not a UASC's supported lodgings or a DoLO's home.
        force = force - {"uasc", "dolo"}
    uasc = False
    adoption_wanted = False
    if kind == "care_leaver":
        eighteen = birthday(born, 18)
        if eighteen > today:
            return None
        if rng.random() < 0.3:  # in care since childhood
            started = _between(rng, born + dt.timedelta(days=400), birthday(born, 12))
        else:  # came into care as a teenager (at least 13 weeks before 18, after 14)
            started = _between(rng, birthday(born, 14), eighteen - dt.timedelta(days=120))
        ended: dt.date | None = eighteen
        until = eighteen
        # Former UASC are a larger share of care leavers than of children in care.
        if ("uasc" in force or (male and rng.random() < 0.18)) and started >= birthday(born, 14):
            uasc = True
        reason = _pick(rng, REASON_CEASED_AT_18)
        now = "V2" if uasc else _pick(rng, (("C2", 70), ("V2", 30)))
    elif kind == "left_care":
        if age_now < 1:
            return None
        # Adopted children are young (3 on average): under 6, close to half leave by adoption.
        if age_now < 6 and ("adoption" in force or rng.random() < ADOPTED_SHARE_UNDER_6):
            reason = _pick(rng, (("E11", 65), ("E12", 35)))
        else:
            reason = _pick(
                rng,
                [
                    (code, weight)
                    for code, weight in REASON_CEASED
                    if code not in {"E11", "E12"} and (age_now >= 17 or code not in {"E5", "E6"})
                ],
            )
        ended = today - dt.timedelta(days=rng.randint(10, 700))
        if ended <= born + dt.timedelta(days=60):
            return None
        if reason in {"E11", "E12"}:  # adopted: decision, order, match, placement, order
            # Late enough after birth for the whole adoption process.
            ended = min(today - dt.timedelta(days=10), max(ended, born + dt.timedelta(days=700)))
            started = max(born + ONE_DAY, ended - dt.timedelta(days=rng.randint(600, 900)))
            if (ended - started).days < 450:
                reason = "E4A"
        long_stay = rng.random() < LEFT_AFTER_A_YEAR
        if reason not in {"E11", "E12"}:
            stay = rng.randint(366, 1800) if long_stay else rng.randint(20, 365)
            started = max(born + ONE_DAY, ended - dt.timedelta(days=stay))
        if (ended - started).days < 14:
            return None
        until = ended
        now = "E1" if reason in {"E11", "E12"} else _pick(rng, (("C2", 55), ("C1", 15), ("V2", 30)))
        if reason in {"E45", "E46", "E47", "E48", "E41"} and now == "V2":
            now = "C2"
        adoption_wanted = reason in {"E11", "E12"}
    else:
        low, high, _ = rng.choices(DURATION_DAYS, weights=[w for *_, w in DURATION_DAYS])[0]
        started = max(born + ONE_DAY, today - dt.timedelta(days=rng.randint(low, high)))
        ended = None
        until = today
        reason = ""
        uasc_chance = (
            (0.8 if age_now >= 16 else 0.35 if age_now >= 14 else 0.0)
            if male
            else (0.15 if age_now >= 15 else 0.0)
        )
        if age_now >= 14 and ("uasc" in force or rng.random() < uasc_chance):
            uasc = True
            # Arrived at 14 or later, within the last couple of years.
            started = max(started, birthday(born, 14), today - dt.timedelta(days=730))
        now = "V2" if uasc else _pick(rng, LEGAL_STATUS_NOW)
        if now == "E1" or ("adoption" in force and age_now < 6):
            started = min(started, today - dt.timedelta(days=rng.randint(300, 500)))
            started = max(started, born + ONE_DAY)
            if age_now < 8 and (today - started).days >= 300:
                now, adoption_wanted = "C1", True
            elif now == "E1":
                now = "C2"
    if started >= until - dt.timedelta(days=7):
        return None
    legal = [(started, "V2")] if uasc else _legal_path(rng, started, until, now)
    adoption: AdoptionStory | None = None
    if adoption_wanted:
        decided = started + dt.timedelta(days=rng.randint(120, 200))
        order = decided + dt.timedelta(days=rng.randint(30, 90))
        if order < until:
            legal = [s for s in legal if s[0] < order] + [(order, "E1")]
            matched = order + dt.timedelta(days=rng.randint(60, 160))
            placed = matched + dt.timedelta(days=rng.randint(14, 42))
            couple = rng.random() < 0.85
            sex = (
                _pick(rng, (("MF", 80), ("FF", 10), ("MM", 10)))
                if couple
                else (_pick(rng, (("F1", 85), ("M1", 15))))
            )
            if not couple:
                status = "L0"
            elif sex == "MF":
                status = _pick(rng, (("L11", 70), ("L3", 30)))
            else:
                status = _pick(rng, (("L12", 50), ("L2", 30), ("L4", 20)))
            adoption = AdoptionStory(
                decided_on=decided,
                matched_on=matched if matched < until else None,
                placed_on=placed if placed < until else None,
                by_foster_carers=rng.random() < 0.15,
                number_of_adopters=2 if couple else 1,
                sex_of_adopters=sex,
                legal_status_of_adopters=status,
            )
            if kind == "left_care" and (
                adoption.placed_on is None or until - placed < ONE_DAY * 90
            ):
                # The order needs the child to have lived with the adopters for a while.
                return care_story(rng, born=born, today=today, kind=kind, male=male)
        elif kind == "left_care":
            return care_story(rng, born=born, today=today, kind=kind, male=male)
    placements = _placements(rng, born, started, until, legal, adoption, uasc)
    age_at_end = _age(born, until)
    if adoption is None:
        # A forced feature needs its placement: a children's home for a DoLO, foster carers
        # for staying put.
        wanted = ""
        if "dolo" in force and age_at_end >= 12 and placements[-1].placement_type != "K2":
            wanted = "K2"
        if (
            kind == "care_leaver"
            and "staying_put" in force
            and not uasc
            and placements[-1].placement_type not in STAYING_PUT_FROM
        ):
            wanted = "U4"
        if wanted and placements[-1].placement_type != wanted:
            last = placements[-1]
            day = max(last.started_on + dt.timedelta(days=7), until - dt.timedelta(days=120))
            if day < until - dt.timedelta(days=14) and _age(born, day) >= 10:
                placements.append(
                    replace(
                        _placement(rng, day, _age(born, day), legal[-1][1], kind=wanted),
                        reason_for_change="CARPL",
                    )
                )
    story = CareStory(
        kind=kind,
        started_on=started,
        ended_on=ended,
        reason_ceased=reason,
        category_of_need="N8" if uasc else _pick(rng, CATEGORY_OF_NEED),
        uasc=uasc,
        legal=legal,
        placements=placements,
        previous_permanence=_previous_permanence(rng, born, started),
        adoption=adoption,
    )
    last = placements[-1]
    if last.placement_type == "K2" and ("dolo" in force or rng.random() < 0.12):
        dolo_from = last.started_on + dt.timedelta(days=rng.randint(7, 60))
        if dolo_from < until:
            story.dolo = (dolo_from, ended)
    if reason == "E17" or (kind == "care_leaver" and "staying_put" in force):
        if last.placement_type in STAYING_PUT_FROM and ended is not None:
            story.reason_ceased = "E17"
            sp_end = ended + dt.timedelta(days=rng.randint(200, 1100))
            story.staying_put = (ended, sp_end if sp_end < today else None)
        elif reason == "E17":
            story.reason_ceased = "E5"
    if story.reason_ceased in {"E45", "E46"} and placements[-1].placement_type not in FOSTER_TYPES:
        # Special guardianship to former foster carers needs foster carers (rule 516).
        story.reason_ceased = "E47" if story.reason_ceased == "E45" else "E48"
    story.missing = _missing(rng, born, story, until, today, forced="missing" in force)
    return story


def _placements(  # noqa: PLR0917 (the story so far)
    rng: random.Random,
    born: dt.date,
    started: dt.date,
    until: dt.date,
    legal: list[tuple[dt.date, str]],
    adoption: AdoptionStory | None,
    uasc: bool,
) -> list[PlacementStep]:
    """The placements from `started`: moves in the last year as England's, fewer before."""
    last_year = max(started, until - dt.timedelta(days=365))
    moves: set[dt.date] = set()
    for _ in range(int(_pick(rng, MOVES_IN_YEAR))):
        moves.add(_between(rng, last_year + ONE_DAY, until - dt.timedelta(days=3)))
    earlier = (last_year - started).days
    for _ in range(earlier // 365):
        if rng.random() < 0.3:
            moves.add(_between(rng, started + ONE_DAY, last_year))
    placed = adoption.placed_on if adoption else None
    if placed is not None:
        moves = {m for m in moves if m < placed - dt.timedelta(days=14)} | {placed}
    steps: list[PlacementStep] = []
    legal_now = dict(legal)

    def status(day: dt.date) -> str:
        code = legal[0][1]
        for when, value in sorted(legal_now.items()):
            if when <= day:
                code = value
        return code

    for day in sorted({started} | {m for m in moves if started < m < until}):
        age = _age(born, day)
        if day == placed and adoption is not None:
            kind = "A5" if adoption.by_foster_carers else "A6"
            step = _placement(rng, day, age, status(day), kind=kind)
        elif uasc:
            step = _placement(rng, day, age, "V2", kind="K3" if age >= 16 else "U6")
        elif adoption is not None and age < 2 and not steps:
            step = _placement(rng, day, age, status(day), kind=rng.choice(("U5", "U6", "U6")))
        else:
            step = _placement(rng, day, age, status(day))
            # Placed with parents only under a care order, whatever comes later (rule 378).
            if step.placement_type == "P1" and any(
                code == "V2" for when, code in legal if when >= day
            ):
                step = _placement(rng, day, age, "V2", kind="U6")
        if steps:
            step = PlacementStep(
                step.started_on,
                step.placement_type,
                step.provider,
                step.urn,
                step.carer_name,
                step.out_of_area,
                _pick(rng, REASON_PLACE_CHANGE),
            )
        steps.append(step)
    return steps


def _previous_permanence(
    rng: random.Random, born: dt.date, started: dt.date
) -> tuple[str, str, int | None, int | None]:
    kind = _pick(rng, PREVIOUS_PERMANENCE)
    if kind == "P4":  # an order is known of, but not where or when (999: not known)
        return ("P4", "999", None, None)
    if kind == "Z1" or started - born < dt.timedelta(days=200):
        return ("Z1", "", None, None)
    made = _between(rng, born + dt.timedelta(days=90), started - dt.timedelta(days=60))
    return (kind, rng.choice(PERMANENCE_COUNCILS), made.month, made.year)


def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _missing(
    rng: random.Random,
    born: dt.date,
    story: CareStory,
    until: dt.date,
    today: dt.date,
    *,
    forced: bool,
) -> list[MissingStory]:
    """Missing episodes for about 3 in 10 children of 11 and over, a few each, recently."""
    window = max(story.started_on + ONE_DAY, until - dt.timedelta(days=HISTORY_DAYS))
    old_enough = max(window, birthday(born, 11))
    if old_enough >= until - dt.timedelta(days=5):
        return []
    if not forced and rng.random() >= MISSING_SHARE_OF_11_PLUS:
        return []
    found: list[MissingStory] = []
    day = _between(rng, old_enough, until - dt.timedelta(days=5))
    for _ in range(rng.choice((1, 1, 2, 3, 4, 6, 9))):
        if day >= until - dt.timedelta(days=4) or day >= today:
            break
        left = _moment(day, rng.randint(15, 23), rng.choice((0, 15, 30, 45)))
        back = left + dt.timedelta(hours=rng.randint(3, 70))
        if back.date() >= until or back.date() >= today:
            break
        roll = rng.random()
        if roll < RETURN_INTERVIEW_IN_72_HOURS:
            offered: dt.datetime | None = back + dt.timedelta(hours=rng.randint(2, 70))
        elif roll < RETURN_INTERVIEW_IN_72_HOURS + 0.12:
            offered = back + dt.timedelta(hours=rng.randint(73, 150))
        else:
            offered = None  # no interview offered: the overdue list shows it
        if offered is not None and offered.date() >= today:
            offered = None
        found.append(MissingStory(rng.choice("MMMA"), left, back, offered, rng.random() < 0.55))
        day = back.date() + dt.timedelta(days=rng.randint(5, 60))
    return found


# --- Writing a story through the services ----------------------------------------------------


@dataclass
class _Care:
    council: BuiltCouncil
    staff: _Staff
    rng: random.Random
    today: dt.date
    kirklees: list[str]
    elsewhere: list[str]
    # Children the plan gave no UPN (asked why when they come into care, 903 Header UPN).
    without_upn: set[int] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)

    def details(self, step: PlacementStep, started: dt.date) -> lookedafter.PlacementDetails:
        rng = self.rng
        postcodes = self.elsewhere if step.out_of_area and self.elsewhere else self.kirklees
        return lookedafter.PlacementDetails(
            placement_type=step.placement_type,
            carer_name=step.carer_name,
            provider=step.provider,
            ofsted_urn=step.urn,
            postcode=rng.choice(postcodes),
            intended_until_18=step.placement_type in {"U1", "U4"},
            placement_plan_on=started if rng.random() < 0.85 else None,
        )

    def iro(self) -> Worker | None:
        iros = [
            w for t in self.staff.kinds.get("iro", []) for w in self.staff.members(t, self.today)
        ]
        return self.staff.worker(self.rng.choice(iros)) if iros else None

    def write(self, child: Person, actor: Worker, story: CareStory, home: str) -> None:  # noqa: PLR0912, PLR0915
        """Write `story` for `child` through the services, as `actor`."""
        rng, today = self.rng, self.today
        born = child.date_of_birth
        assert born is not None  # checked by the caller
        until = min(story.ended_on or today, today)
        window = max(story.started_on, until - dt.timedelta(days=HISTORY_DAYS))
        first = story.placements[0]
        period = lookedafter.care_start(
            actor=actor,
            child=child,
            started_on=story.started_on,
            category_of_need=story.category_of_need,
            legal_status=story.legal[0][1],
            placement=self.details(first, story.started_on),
            home_postcode="" if story.uasc else home,
            reason="Became looked after",
        )
        self.counts["periods_of_care"] += 1
        if child.pk in self.without_upn and _age(born, until) >= UPN_FROM_AGE:
            if story.uasc:
                why = "UN3"  # educated outside England
            elif (until - story.started_on).days < NEWLY_LOOKED_AFTER_DAYS:
                why = "UN4"
            else:
                why = "UN5"
            people.person_update(
                actor=actor, reason="Why there is no UPN", person=child, upn_unknown_reason=why
            )
            self.counts["upn_unknown_reasons"] += 1
        kind, la, month, year = story.previous_permanence
        lookedafter.previous_permanence_record(
            actor=actor,
            period=period,
            kind=kind,
            arranged_by_la=la,
            month=month,
            year=year,
            reason="Previous permanence asked when the child came into care",
        )
        lookedafter.care_plan_record(
            actor=actor,
            period=period,
            agreed_on=min(until, story.started_on + dt.timedelta(days=rng.randint(0, 16))),
            reason="Care plan agreed",
        )
        iro = self.iro()
        if iro is not None:
            lookedafter.iro_allocate(
                actor=actor,
                period=period,
                iro=iro,
                allocated_on=min(until, add_working_days(story.started_on, rng.randint(0, 6))),
                reason="IRO appointed",
            )
        if story.uasc:
            lookedafter.uasc_record(
                actor=actor,
                child=child,
                ceased_on=birthday(born, 18) if story.kind == "care_leaver" else None,
                reason="Unaccompanied asylum-seeking child",
            )
            self.counts["uasc"] += 1
        # Legal statuses and placements, in date order (a same-day change is one episode, B).
        changes: list[tuple[dt.date, int, object]] = [
            (day, 0, code) for day, code in story.legal[1:]
        ] + [(step.started_on, 1, step) for step in story.placements[1:]]
        match: AdoptionMatch | None = None
        adoption = story.adoption
        if adoption is not None:
            decision = lookedafter.adoption_decision_record(
                actor=actor,
                child=child,
                decided_on=adoption.decided_on,
                reason="Agency decision: should be placed for adoption",
            )
            self.counts["adoption_decisions"] += 1
            if adoption.matched_on is not None:
                match = lookedafter.adoption_match_record(
                    actor=actor,
                    decision=decision,
                    matched_on=adoption.matched_on,
                    number_of_adopters=adoption.number_of_adopters,
                    sex_of_adopters=adoption.sex_of_adopters,
                    legal_status_of_adopters=adoption.legal_status_of_adopters,
                    by_foster_carers=adoption.by_foster_carers,
                    reason="Matched with prospective adopters",
                )
                self.counts["adoption_matches"] += 1
        for day, _, change in sorted(changes, key=lambda c: (c[0], c[1])):
            if day > until:
                break
            if isinstance(change, str):
                lookedafter.legal_status_change(
                    actor=actor, period=period, started_on=day, code=change, reason="Court order"
                )
            else:
                assert isinstance(change, PlacementStep)
                lookedafter.placement_change(
                    actor=actor,
                    period=period,
                    started_on=day,
                    placement=self.details(change, day),
                    same_carer_as_previous=False,
                    reason_for_change=change.reason_for_change,
                    reason="Placement changed",
                )
                self.counts["placement_moves"] += 1
                if match is not None and adoption is not None and day == adoption.placed_on:
                    lookedafter.adoption_placement_record(
                        actor=actor, match=match, placed_on=day, reason="Placed for adoption"
                    )
                    self.counts["placed_for_adoption"] += 1
        self._reviews(child, actor, period, story=story, iro=iro, window=window, until=until)
        # Visits and PEPs (not in any return) for the last year or so only: they are the most
        # numerous records, and the trays and figures look at recent ones.
        recent = max(story.started_on, until - dt.timedelta(days=RECENT_DAYS))
        self._visits(child, actor, period, window=recent, until=until, started=story.started_on)
        self._health(child, actor, story, window, until)
        self._peps(child, actor, period, window=recent, until=until, started=story.started_on)
        self._missing(child, actor, story)
        if story.dolo is not None:
            order_made = lookedafter.dolo_start(
                actor=actor,
                child=child,
                started_on=story.dolo[0],
                reason="Deprivation of liberty order made",
            )
            self.counts["dolos"] += 1
            if story.dolo[1] is not None:
                lookedafter.dolo_end(
                    actor=actor,
                    order=order_made,
                    ended_on=story.dolo[1],
                    reason="Order ended when care ended",
                )
        if story.ended_on is not None:
            lookedafter.care_cease(
                actor=actor,
                period=period,
                ended_on=story.ended_on,
                reason_ceased=story.reason_ceased,
                reason="Left care",
            )
            self.counts[f"ceased_{story.reason_ceased}"] += 1
            if story.reason_ceased in {"E45", "E46", "E47", "E48", "E41"}:
                lookedafter.permanence_order_record(
                    actor=actor,
                    child=child,
                    kind="cao" if story.reason_ceased == "E41" else "sgo",
                    made_on=story.ended_on,
                    to_former_foster_carers=story.reason_ceased in {"E45", "E46"},
                    to_relatives_or_friends=story.reason_ceased in {"E45", "E47", "E41"},
                    reason="Order made: left care",
                )
            if story.reason_ceased in {"E11", "E12"}:
                self.counts["adopted"] += 1

    def _reviews(
        self,
        child: Person,
        actor: Worker,
        period: PeriodOfCare,
        *,
        story: CareStory,
        iro: Worker | None,
        window: dt.date,
        until: dt.date,
    ) -> None:
        """Reviews: 20 working days, then 3 months, then every 6 months (a few late)."""
        rng = self.rng
        review = add_working_days(story.started_on, rng.randint(12, 20))
        gap = 3
        while review <= until:
            late = rng.random() < 0.1
            held = review + dt.timedelta(days=rng.randint(3, 25)) if late else review
            if held > until:
                break
            if held >= window or gap == 3:
                age_then = child.age_on(held) or 0
                lookedafter.review_record(
                    actor=actor,
                    period=period,
                    held_on=held,
                    participation="PN0" if age_then < 4 else _pick(rng, REVIEW_PARTICIPATION),
                    chaired_by=iro,
                    reason="Review held",
                )
                self.counts["lac_reviews"] += 1
            review = add_months(held, gap) - dt.timedelta(days=rng.randint(0, 14))
            gap = 6

    def _visits(
        self,
        child: Person,
        actor: Worker,
        period: PeriodOfCare,
        *,
        window: dt.date,
        until: dt.date,
        started: dt.date,
    ) -> None:
        """Visits within a week of the start, then at most every 6 weeks (some late)."""
        rng = self.rng
        visit = started + dt.timedelta(days=rng.randint(2, 7))
        if visit < window:
            visit = window + dt.timedelta(days=rng.randint(0, 20))
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

    def _health(
        self, child: Person, actor: Worker, story: CareStory, window: dt.date, until: dt.date
    ) -> None:
        """Health assessments (initial within 20 working days, then reviews), and each year
        in care the dental check, immunisations, development checks under 5, an SDQ from 4 to
        16, and for a few teenagers a conviction or substance misuse."""
        rng = self.rng
        born = child.date_of_birth
        assert born is not None
        health = add_working_days(story.started_on, rng.randint(8, 26))
        kind = "initial"
        while health <= until:
            if kind == "initial" or health >= window:
                lookedafter.health_assessment_record(
                    actor=actor,
                    child=child,
                    completed_on=health,
                    kind=kind,
                    reason="Health assessment",
                )
                self.counts["health_assessments"] += 1
            kind = "review"
            months = 6 if _age(born, health) < 5 else 12
            slip = rng.randint(20, 90) if rng.random() > HEALTH_ASSESSMENT_IN_TIME else 0
            health = add_months(health, months) + dt.timedelta(days=rng.randint(-25, 0) + slip)
        # Each return year (1 April to 31 March) of care in the window: checks, and an SDQ for a
        # child in care when the year began (the OC2 cohort) aged 4 to 16 in it.
        first_year = window.year - (1 if window < dt.date(window.year, 4, 1) else 0)
        for year in range(first_year, until.year + 1):
            year_start, year_end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
            low = max(year_start, window, story.started_on + dt.timedelta(days=30))
            high = min(year_end, until)
            if low > high:
                continue
            day = _between(rng, low, high)
            age = _age(born, day)
            if rng.random() < DENTAL_CHECK_SHARE and age >= 1:
                self._check(child, actor, "dental", day)
            if rng.random() < IMMUNISATIONS_SHARE:
                self._check(child, actor, "immunisations", day)
            if age < 5 and rng.random() < DEVELOPMENT_CHECK_SHARE:
                self._check(child, actor, "development", day)
            cohort = story.started_on < year_start <= until
            if cohort and _age(born, year_end) >= 4 and _age(born, year_start) <= 16:
                scored = rng.random() < SDQ_SCORE_SHARE
                lookedafter.sdq_record(
                    actor=actor,
                    child=child,
                    completed_on=_between(rng, year_start, high),
                    score=max(0, min(40, round(rng.gauss(14, 7)))) if scored else None,
                    no_score_reason=""
                    if scored
                    else _pick(rng, (("SDQ2", 30), ("SDQ4", 40), ("SDQ5", 20), ("SDQ3", 10))),
                    reason="Strengths and difficulties questionnaire",
                )
                self.counts["sdq_scores" if scored else "sdq_reasons"] += 1
            if age >= 12 and rng.random() < 0.04:
                lookedafter.conviction_record(
                    actor=actor, child=child, convicted_on=day, reason="Conviction"
                )
                self.counts["convictions"] += 1
            if age >= 12 and rng.random() < 0.05:
                offered = rng.random() < 0.85
                lookedafter.substance_misuse_record(
                    actor=actor,
                    child=child,
                    identified_on=day,
                    intervention_offered=offered,
                    intervention_received=offered and rng.random() < 0.6,
                    reason="Substance misuse identified",
                )
                self.counts["substance_misuse"] += 1

    def _check(self, child: Person, actor: Worker, kind: str, day: dt.date) -> None:
        lookedafter.health_check_record(
            actor=actor, child=child, kind=kind, checked_on=day, up_to_date=True, reason="Check"
        )
        self.counts[f"health_checks_{kind}"] += 1

    def _peps(
        self,
        child: Person,
        actor: Worker,
        period: PeriodOfCare,
        *,
        window: dt.date,
        until: dt.date,
        started: dt.date,
    ) -> None:
        """Personal education plans for children of school age: started, then termly."""
        rng = self.rng
        pep = add_working_days(started, rng.randint(5, 14))
        first = True
        while pep <= until:
            age = child.age_on(pep) or 0
            if 4 <= age < 18 and (first or pep >= window):
                lookedafter.pep_record(
                    actor=actor,
                    period=period,
                    kind="initial" if first else "review",
                    completed_on=pep,
                    reason="Personal education plan",
                )
                self.counts["peps"] += 1
                first = False
            pep += dt.timedelta(days=rng.randint(100, 130))

    def _missing(self, child: Person, actor: Worker, story: CareStory) -> None:
        for missing in story.missing:
            episode = lookedafter.missing_episode_record(
                actor=actor,
                child=child,
                kind=missing.kind,
                started_at=missing.left_at,
                ended_at=missing.back_at,
                reason="Missing from placement",
            )
            self.counts["missing_episodes"] += 1
            if missing.offered_at is not None:
                held = missing.offered_at.date() + dt.timedelta(days=1)
                lookedafter.return_interview_record(
                    actor=actor,
                    episode=episode,
                    offered_at=missing.offered_at,
                    accepted=missing.accepted,
                    held_on=held if missing.accepted and held <= self.today else None,
                    reason="Return home interview offered",
                )
                self.counts["return_interviews"] += 1

    def leaving_care(self, child: Person, actor: Worker, story: CareStory) -> None:
        """Leaving-care support from 18: pathway plans, birthday contacts, staying put."""
        rng, today = self.rng, self.today
        born = child.date_of_birth
        assert born is not None and story.ended_on is not None
        eighteen = story.ended_on
        lookedafter.leaving_care_start(
            actor=actor,
            child=child,
            personal_adviser=actor,
            started_on=eighteen,
            support_to_25=rng.random() < 0.2,
            reason="Leaving-care support",
        )
        plan_on = max(
            eighteen - dt.timedelta(days=rng.randint(60, 200)), story.started_on + ONE_DAY
        )
        while plan_on <= today:
            lookedafter.pathway_plan_record(
                actor=actor, child=child, completed_on=plan_on, reason="Pathway plan"
            )
            plan_on = add_months(plan_on, 6) + dt.timedelta(days=rng.randint(-10, 30))
        staying = story.staying_put
        if staying is not None:
            arrangement = lookedafter.staying_put_start(
                actor=actor,
                child=child,
                carer_name=story.placements[-1].carer_name,
                started_on=staying[0],
                reason="Staying put with former foster carers",
            )
            self.counts["staying_put"] += 1
            if staying[1] is not None:
                lookedafter.staying_put_end(
                    actor=actor,
                    arrangement=arrangement,
                    ended_on=staying[1],
                    reason="Moved on from staying put",
                )
        for age in range(18, 22):
            day = birthday(born, age)
            contacted = day + dt.timedelta(days=rng.randint(-60, 25))
            if contacted > today:
                break
            in_touch = _pick(rng, IN_TOUCH)
            if in_touch == "YES":
                activity = _pick(rng, ACTIVITY_AT_18 if age == 18 else ACTIVITY_19_TO_21)
                if staying is not None and (staying[1] is None or staying[1] > contacted):
                    accommodation = "Z1"
                else:
                    accommodation = _pick(rng, ACCOMMODATION)
            else:
                activity = accommodation = "0"  # not in touch: neither is known (rule 153)
            lookedafter.care_leaver_contact_record(
                actor=actor,
                child=child,
                contacted_on=contacted,
                birthday_age=age,
                in_touch=in_touch,
                activity=activity,
                accommodation=accommodation,
                reason="Birthday contact",
            )
            self.counts["birthday_contacts"] += 1


# The teams whose open allocations this generator makes itself when the demo loader withholds
# them (so a child's allocation starts when their period of care did).
CARE_TEAM_KINDS = frozenset({"children_in_care", "leaving_care"})


@register_case_history
def looked_after_and_care_leavers(council: BuiltCouncil) -> None:
    """periods of care, placements, reviews, visits, care leavers and children who left care"""
    plan, today = council.plan, council.plan.today
    rng = council.rng("looked_after")
    staff = _Staff.load(council)
    care = _Care(
        council=council,
        staff=staff,
        rng=rng,
        today=today,
        # Some families live over the border: "in area" means the council's own postcodes.
        kirklees=sorted({a.postcode for a in plan.addresses if is_in_area(a.postcode, KIRKLEES)}),
        elsewhere=[p for la in OUT_OF_AREA[:1] for p in postcodes_in_area(la)[::200]],
    )
    with_upn = {p for p, kind, _ in plan.identifiers if kind == IdentifierKind.UPN}
    care.without_upn = {pk for index, pk in enumerate(council.person_ids) if index not in with_upn}
    start_ids = _max_ids(_journey_models())
    homes: dict[int, str] = {}
    for address in plan.addresses:
        if address.ended_on is None:
            homes.setdefault(address.person, address.postcode)
    withheld = [a for a in council.withheld if plan.teams[a.team].kind in CARE_TEAM_KINDS]
    written = [
        a
        for a in plan.allocations
        if a.ended_on is None
        and plan.teams[a.team].kind in ("children_in_care", "leaving_care")
        and a not in withheld
    ]
    allocated = {a.child for a in plan.allocations}
    left_care = _left_care_children(council, rng, allocated)
    wanted = [council.person_ids[a.child] for a in written + withheld] + [
        council.person_ids[i] for i in left_care
    ]
    people = Person.objects.in_bulk(wanted)
    _analyze()
    # Features even a small council should show (given to the first child who can have them).
    pending = {
        "looked_after": {"uasc", "adoption", "dolo", "missing"},
        "care_leaver": {"staying_put", "uasc", "missing", "dolo"},
        "left_care": {"adoption"},
    }
    for row in written + withheld:
        child = people[council.person_ids[row.child]]
        if child.date_of_birth is None or child.is_sealed:
            continue
        kind = "care_leaver" if plan.teams[row.team].kind == "leaving_care" else "looked_after"
        _one_child(
            care,
            child,
            row,
            kind=kind,
            pending=pending,
            home=homes.get(row.child, ""),
            allocate=row in withheld,
        )
    for index in left_care:
        child = people[council.person_ids[index]]
        _left_care(care, child, pending=pending, home=homes.get(index, ""))
    _record_created(council, start_ids)
    council.counts.update(care.counts)


def _features(story: CareStory) -> set[str]:
    """The rarer features a story has (for the "show each once" rule)."""
    adoption = story.adoption
    got = {
        "uasc": story.uasc,
        "adoption": adoption is not None and adoption.placed_on is not None,
        "dolo": story.dolo is not None,
        "missing": bool(story.missing),
        "staying_put": story.staying_put is not None,
    }
    return {name for name, present in got.items() if present}


def _worker_for_row(care: _Care, row: AllocationRow) -> Worker:
    """Who records the child's history: their allocated worker, else their team's manager."""
    staff = care.staff
    if row.worker is not None:
        return staff.worker(row.worker)
    managers = staff.members(row.team, care.today, manager=True) or [0]
    return staff.worker(managers[0])


def _one_child(
    care: _Care,
    child: Person,
    row: AllocationRow,
    *,
    kind: str,
    pending: dict[str, set[str]],
    home: str,
    allocate: bool,
) -> None:
    """Draw and write the story of a child the plan allocated to a care team now."""
    born = child.date_of_birth
    assert born is not None  # checked by the caller
    story = care_story(
        care.rng,
        born=born,
        today=care.today,
        kind=kind,
        male=child.sex == "M",
        force=frozenset(pending[kind]),
    )
    if story is None:
        if allocate:  # no story to tell, but the plan's allocation stands
            with _one_savepoint():
                _allocate_from_start(care, child, row, None)
        return
    actor = _worker_for_row(care, row)
    try:
        with _one_savepoint():
            if allocate:
                _allocate_from_start(care, child, row, story)
            care.write(child, actor, story, home)
            if kind == "care_leaver":
                care.leaving_care(child, actor, story)
    except (ValidationError, PermissionDenied) as error:
        care.counts["care_skipped"] += 1
        log.warning("Demo care history skipped for %s: %s", child.pk, error)
        return
    pending[kind] -= _features(story)
    care.counts["looked_after_now" if kind == "looked_after" else "care_leavers"] += 1


def _social_worker_from(care: _Care, team: int, day: dt.date) -> tuple[int, dt.date] | None:
    """A social worker in `team` today, and the first day they were in it on or after `day`."""
    staff = care.staff
    today_members = set(staff.members(team, care.today))
    best: tuple[int, dt.date] | None = None
    for worker, team_index, is_manager, started, _ in staff.plan.memberships:
        if (
            team_index != team
            or is_manager
            or worker not in today_members
            or staff.plan.workers[worker].role != Role.SOCIAL_WORKER
        ):
            continue
        begun = max(day, started, staff.plan.workers[worker].started_on)
        if best is None or begun < best[1]:
            best = (worker, begun)
    return best


def _allocate_from_start(
    care: _Care, child: Person, row: AllocationRow, story: CareStory | None
) -> None:
    """Allocate a child in care from the start of the period (a withheld plan allocation).

    The front door (who sees every child) allocates them to a social worker in the team from the
    day care began, who hands over to the plan's worker on the plan's date; when the plan's
    allocation is the earlier, it is the only one.
    """
    staff, rng, today = care.staff, care.rng, care.today
    front_door = staff.front_door(today, rng)
    if front_door is None:
        raise ValidationError("No front door worker to allocate the child")
    if staff.plan.teams[row.team].kind == "leaving_care":
        _allocate_care_leaver(care, child, row, story, front_door)
        return
    team = staff.team(row.team)
    planned = staff.worker(row.worker) if row.worker is not None else None
    first = _social_worker_from(care, row.team, story.started_on) if story else None
    if planned is None and first is not None:
        # A child in care always has a social worker (the return's SW rules): the plan's
        # unallocated place goes to the team's social worker from when care began.
        casework.allocation_start(
            actor=front_door,
            child=child,
            team=team,
            worker=staff.worker(first[0]),
            started_on=first[1],
            reason=row.reason,
            sw_reason="FCONTA",
        )
        return
    if first is not None and first[1] < row.started_on and first[0] != row.worker:
        casework.allocation_start(
            actor=front_door,
            child=child,
            team=team,
            worker=staff.worker(first[0]),
            started_on=first[1],
            reason=row.reason,
            sw_reason="FCONTA",
        )
        sw_reason = "MANAGE" if planned is not None else ""
    else:
        sw_reason = "FCONTA" if planned is not None else ""
    starts = (
        min(row.started_on, first[1])
        if first is not None and first[0] == row.worker
        else row.started_on
    )
    if row.worker is not None:
        # The plan may date the allocation before its worker joined the team: not before then.
        joined = [
            max(began, staff.plan.workers[row.worker].started_on)
            for w, team_index, _, began, _ in staff.plan.memberships
            if w == row.worker and team_index == row.team
        ]
        if joined:
            starts = max(starts, min(joined))
    casework.allocation_start(
        actor=front_door,
        child=child,
        team=team,
        worker=planned,
        started_on=starts,
        reason=row.reason,
        sw_reason=sw_reason,
    )


def _allocate_care_leaver(
    care: _Care, child: Person, row: AllocationRow, story: CareStory | None, actor: Worker
) -> None:
    """A care leaver's allocations: a children-in-care social worker while they were looked
    after, then the plan's leaving-care worker (their personal adviser) from the day care ended.
    """
    staff = care.staff
    cic_teams = [i for i, t in enumerate(staff.plan.teams) if t.kind == "children_in_care"]
    first = (
        _social_worker_from(care, cic_teams[0], story.started_on)
        if story is not None and cic_teams
        else None
    )
    starts = row.started_on
    if (
        story is not None
        and first is not None
        and story.ended_on is not None
        and first[1] < story.ended_on
    ):
        casework.allocation_start(
            actor=actor,
            child=child,
            team=staff.team(cic_teams[0]),
            worker=staff.worker(first[0]),
            started_on=first[1],
            reason="Looked after",
            sw_reason="FCONTA",
        )
        starts = max(row.started_on, story.ended_on)
    if row.worker is not None:
        joined = [
            max(began, staff.plan.workers[row.worker].started_on)
            for w, team_index, _, began, _ in staff.plan.memberships
            if w == row.worker and team_index == row.team
        ]
        if joined:
            starts = max(starts, min(joined))
    casework.allocation_start(
        actor=actor,
        child=child,
        team=staff.team(row.team),
        worker=staff.worker(row.worker) if row.worker is not None else None,
        started_on=min(starts, care.today),
        reason=row.reason,
        sw_reason="TSPROC",
    )


def _left_care_children(
    council: BuiltCouncil, rng: random.Random, allocated: set[int]
) -> list[int]:
    """Plan indexes of children to have left care in the last two years.

    Children nobody works with now and nobody has worked with (no allocation in the plan, no
    CIN episode from the journeys), so a period of care never overlaps another history.
    """
    plan, today = council.plan, council.plan.today
    candidates = [
        i
        for i in plan.children
        if i not in allocated
        and not plan.people[i].is_sealed
        and (born := plan.people[i].date_of_birth) is not None
        and 1 <= _age(born, today) < 18
    ]
    rng.shuffle(candidates)
    # One child of 2 to 5 first, so even a small council has an adoption.
    young = next(
        (i for i in candidates if 2 <= _age(plan.people[i].date_of_birth or today, today) < 6),
        None,
    )
    if young is not None:
        candidates.remove(young)
        candidates.insert(0, young)
    wanted = max(3, round(LEFT_CARE_SHARE_OF_CHILDREN * len(plan.children)))
    chosen = candidates[: wanted * 2]
    known = set(
        CINEpisode.objects.filter(child_id__in=[council.person_ids[i] for i in chosen]).values_list(
            "child_id", flat=True
        )
    )
    return [i for i in chosen if council.person_ids[i] not in known][:wanted]


def _left_care(care: _Care, child: Person, *, pending: dict[str, set[str]], home: str) -> None:
    """A child who left care before 18: allocated to a children-in-care social worker for the
    period (by the front door, who sees every child), the allocation ended after they left."""
    staff, rng, today = care.staff, care.rng, care.today
    born = child.date_of_birth
    assert born is not None
    story = care_story(
        rng,
        born=born,
        today=today,
        kind="left_care",
        male=child.sex == "M",
        force=frozenset(pending["left_care"]),
    )
    if story is None or story.ended_on is None:
        return
    found = [
        (worker, begun, team)
        for team in staff.kinds.get("children_in_care", [])
        if (chosen := _social_worker_from(care, team, story.started_on)) is not None
        for worker, begun in [chosen]
        if begun < story.ended_on
    ]
    front_door = staff.front_door(today, rng)
    if not found or front_door is None:
        return
    worker_index, allocated_from, team_index = min(found, key=lambda f: f[1])
    worker = staff.worker(worker_index)
    try:
        with _one_savepoint():
            allocation = casework.allocation_start(
                actor=front_door,
                child=child,
                team=staff.team(team_index),
                worker=worker,
                started_on=allocated_from,
                reason="Looked after",
                sw_reason="FCONTA",
            )
            care.write(child, worker, story, home)
            casework.allocation_end(
                actor=worker,
                allocation=allocation,
                ended_on=min(today, story.ended_on + dt.timedelta(days=rng.randint(0, 40))),
                reason="Case closed after the child left care",
            )
    except (ValidationError, PermissionDenied) as error:
        care.counts["care_skipped"] += 1
        log.warning("Demo care history skipped for %s: %s", child.pk, error)
        return
    pending["left_care"] -= _features(story)
    care.counts["left_care"] += 1
