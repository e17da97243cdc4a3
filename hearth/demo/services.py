"""Writing and clearing the demo council.

`demo_council_create` plans the council in memory (`hearth.demo.plan`, deterministic by seed) and
writes it in one transaction: the organisation through the ORM (a few hundred rows), the people
and everything hanging off them with PostgreSQL `COPY` (about a million rows at 50,000 children),
with ids reserved up front from each table's sequence so no row needs a query of its own.
pghistory's triggers fire on `COPY` as on any insert, so every demo row has its "insert" event,
attached to one pghistory context whose reason says it was generated (and with which seed).

`demo_council_clear` removes exactly what earlier runs recorded in `DemoRecord`, newest kind of
row first, and refuses when the database holds people, teams or services the demo did not make.
The history events of cleared rows stay: the event tables are append-only by design.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pgtrigger
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from hearth.casework.models import Allocation
from hearth.demo.histories import CASE_HISTORY_GENERATORS, BuiltCouncil
from hearth.demo.journeys import JOURNEY_APPS, JOURNEY_TEAM_KINDS
from hearth.demo.looked_after import CARE_TEAM_KINDS
from hearth.demo.models import DemoCouncil, DemoRecord
from hearth.demo.plan import LA_CODE, AllocationRow, CouncilPlan, plan_council
from hearth.demo.selectors import DEMO_PASSWORD
from hearth.organisation.models import Service, Team, TeamMembership, Worker
from hearth.people.models import (
    Address,
    Group,
    GroupMembership,
    Identifier,
    Person,
    PersonName,
    Relationship,
)
from hearth.people.search import search_keys
from hearth.people.services import person_references_allocate

Progress = Callable[[str], None]


class DemoCouncilError(Exception):
    """The demo council cannot be made or cleared here; the message says why and what to do."""


@dataclass(frozen=True)
class DemoCouncilSummary:
    """What a run made, and how long each step took."""

    children: int
    people: int
    workers: int
    teams: int
    allocations: int
    seconds: float
    timings: dict[str, float]
    # What the case history generators made ("referrals", "cp_plans", ...).
    histories: dict[str, int]


def _quiet(_: str) -> None:
    """The default progress reporter: say nothing."""


def _demo_ids(model: type[models.Model]) -> models.QuerySet[DemoRecord, int]:
    return DemoRecord.objects.filter(model=model._meta.label_lower).values_list(
        "object_id", flat=True
    )


def demo_council_exists() -> bool:
    """Whether an earlier run's demo data is in the database."""
    return DemoCouncil.objects.exists()


def _not_demo(model: type[models.Model]) -> int:
    return model._default_manager.exclude(pk__in=_demo_ids(model)).count()


def demo_council_clear(*, progress: Progress = _quiet) -> dict[str, int]:
    """Delete every row earlier demo runs made; return how many of each kind went.

    Refuses (raising `DemoCouncilError`) when the database holds people, teams or services that
    the demo did not make: `--replace` is for demo databases, and never deletes real records.
    Allocations and team memberships that somebody added to demo children, teams or workers while
    trying the demo are demo data too, and go with them.
    """
    foreign = {str(m._meta.verbose_name_plural): _not_demo(m) for m in (Person, Team, Service)}
    foreign = {name: count for name, count in foreign.items() if count}
    if foreign:
        found = ", ".join(f"{count} {name}" for name, count in foreign.items())
        raise DemoCouncilError(
            f"This database holds {found} that the demo council did not make. "
            "Hearth will not delete them: use an empty database for the demo."
        )
    deleted: dict[str, int] = {}
    with transaction.atomic():
        _check_constraints_per_statement()
        people, teams, workers = _demo_ids(Person), _demo_ids(Team), _demo_ids(Worker)
        deleted["casework.allocation"] = Allocation.objects.filter(
            Q(child_id__in=people) | Q(team_id__in=teams) | Q(worker_id__in=workers)
        ).delete()[0]
        deleted["organisation.teammembership"] = TeamMembership.objects.filter(
            Q(team_id__in=teams) | Q(worker_id__in=workers)
        ).delete()[0]
        # Newest kind of row first: case histories, then allocations, groups, people, the
        # organisation; so nothing is deleted while something made later still points at it.
        labels = (
            DemoRecord.objects.values("model")
            .annotate(first=models.Min("id"))
            .order_by("-first")
            .values_list("model", flat=True)
        )
        histories = [label for label in labels if label.partition(".")[0] in JOURNEY_APPS]
        if histories:
            progress("Deleting demo case histories...")
            deleted |= _clear_histories(histories)
        rest = [label for label in labels if label not in histories]
        for label in rest:
            model = apps.get_model(label)
            progress(f"Deleting demo {model._meta.verbose_name_plural}...")
            try:
                # Append-only rows (an improvement plan's progress updates) refuse deletion in
                # a real council; their triggers are ignored here only, for rows the demo made.
                with pgtrigger.ignore(*_protections(rest)):
                    count = model._default_manager.filter(pk__in=_demo_ids(model)).delete()[0]
            except models.ProtectedError as error:
                blocking = sorted(
                    {str(type(o)._meta.verbose_name_plural) for o in error.protected_objects}
                )
                raise DemoCouncilError(
                    f"Cannot delete the demo {model._meta.verbose_name_plural}: "
                    f"records the demo did not make still refer to them ({', '.join(blocking)})."
                ) from error
            deleted[label] = deleted.get(label, 0) + count
        DemoRecord.objects.all().delete()
        DemoCouncil.objects.all().delete()
    return deleted


def _protections(labels: list[str]) -> list[str]:
    """The append-only (Protect) triggers of the models named by `labels`."""
    return [
        f"{registered._meta.label}:{trigger.name}"
        for registered, trigger in pgtrigger.registered()
        if registered._meta.label_lower in labels and isinstance(trigger, pgtrigger.Protect)
    ]


def _clear_histories(labels: list[str]) -> dict[str, int]:
    """Delete the case history rows the demo recorded (every row of the journey apps it made).

    The statutory record refers both ways (a plan to its initial conference, a review conference
    to its plan) and mostly with PROTECT, so no order of ORM deletes works. Every row made is
    recorded, so the rows are deleted by id with foreign keys checked once, at the end; finalised
    case notes, addenda and other append-only rows refuse deletion in a real council, and their
    triggers are ignored here only, for rows the demo made.
    """
    models_ = [apps.get_model(label) for label in labels]
    deleted: dict[str, int] = {}
    with pgtrigger.ignore(*_protections(labels)), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for label, model in zip(labels, models_, strict=True):
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE "  # noqa: S608 (table names from the models, ids as parameters)
                f"{connection.ops.quote_name(model._meta.pk.column)} IN "
                f"(SELECT object_id FROM {DemoRecord._meta.db_table} WHERE model = %s)",
                [label],
            )
            deleted[label] = cursor.rowcount
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return deleted


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Take `count` ids from the model's id sequence, so rows can refer to each other."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _fill_value(field: models.Field[Any, Any], now: dt.datetime) -> object:
    """What the ORM would store for a field the loader does not set."""
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.empty_strings_allowed:
        return ""
    raise DemoCouncilError(
        f"The demo loader does not know what to put in {field.model._meta.label}.{field.name}: "
        "give it a default or teach hearth.demo.services about it."
    )


def _copy(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """COPY `rows` into the model's table; columns the loader leaves out get their defaults."""
    now = timezone.now()
    # Database-generated columns (the id, when not reserved) are left to the database.
    concrete = [
        f
        for f in model._meta.concrete_fields
        if f.column not in columns and not getattr(f, "db_returning", False)
    ]
    extra_columns = [f.column for f in concrete]
    extra_values = tuple(_fill_value(f, now) for f in concrete)
    names = ", ".join(connection.ops.quote_name(c) for c in [*columns, *extra_columns])
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor, for its COPY support
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, *extra_values))
                written += 1
    return written


def _record(model: type[models.Model], ids: Iterable[int]) -> None:
    label = model._meta.label_lower
    _copy(DemoRecord, ["model", "object_id"], ((label, i) for i in ids))


def _attach_history_context(reason: str, seed: int) -> None:
    """Attach every row written in this transaction to one pghistory context.

    pghistory adds its context to each statement Django executes; COPY goes to psycopg directly,
    so the two transaction-local settings its triggers read are set once, here, instead. The
    triggers create the context row (with this reason) on the first event.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pghistory.context_id', %s, true), "
            "set_config('pghistory.context_metadata', %s, true)",
            [str(uuid.uuid4()), json.dumps({"reason": reason, "demo_seed": seed})],
        )


def _check_constraints_per_statement() -> None:
    """Check foreign keys as each statement ends, not all at commit.

    Django makes its foreign keys DEFERRABLE INITIALLY DEFERRED. Deferred, every inserted row
    leaves a check queued until commit, and PostgreSQL re-walks that growing queue at the end of
    each later statement: measured, the fourth COPY of 20,000 rows took 26 s instead of 0.7 s.
    The loader writes parents before children, so checking at once costs nothing.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _write_organisation(plan: CouncilPlan) -> tuple[list[int], list[int]]:
    """Services, teams, workers and memberships through the ORM; returns team and worker ids."""
    services = Service.objects.bulk_create([Service(name=name) for name in plan.services])
    teams = Team.objects.bulk_create(
        [Team(service=services[t.service], name=t.name, scope=t.scope) for t in plan.teams]
    )
    # One hash for every demo worker: the password is published, and hashing it hundreds of
    # times would take minutes for nothing.
    password = make_password(DEMO_PASSWORD)
    workers = Worker.objects.bulk_create(
        [
            Worker(
                username=w.username,
                first_name=w.first_name,
                last_name=w.last_name,
                email=w.email,
                password=password,
                role=w.role,
                employment_type=w.employment_type,
                job_title=w.job_title,
                started_on=w.started_on,
                social_worker_id=w.social_worker_id,
            )
            for w in plan.workers
        ]
    )
    memberships = TeamMembership.objects.bulk_create(
        [
            TeamMembership(
                worker=workers[w],
                team=teams[t],
                is_manager=manager,
                started_on=started,
                ended_on=ended,
            )
            for w, t, manager, started, ended in plan.memberships
        ]
    )
    _record(Service, [s.pk for s in services])
    _record(Team, [t.pk for t in teams])
    _record(Worker, [w.pk for w in workers])
    _record(TeamMembership, [m.pk for m in memberships])
    return [t.pk for t in teams], [w.pk for w in workers]


def _write_people(plan: CouncilPlan, progress: Progress) -> list[int]:
    """People and everything about them, by COPY; returns the people's ids in plan order."""
    people = plan.people
    ids = _reserve_ids(Person, len(people))
    references = person_references_allocate(len(people))
    now = timezone.now()

    def person_rows() -> Iterable[tuple[object, ...]]:
        for pk, reference, p in zip(ids, references, people, strict=True):
            grams, phonetic = search_keys(p.all_names)
            yield (
                pk,
                reference,
                p.given_name,
                p.middle_names,
                p.family_name,
                p.date_of_birth,
                p.expected_date_of_birth,
                str(p.sex),
                str(p.ethnicity),
                p.disabilities,
                p.first_language,
                p.needs_interpreter,
                p.religion,
                p.is_sealed,
                now,
                grams,
                phonetic,
            )

    progress(f"Writing {len(people):,} people...")
    _copy(
        Person,
        [
            "id",
            "reference",
            "given_name",
            "middle_names",
            "family_name",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "ethnicity",
            "disabilities",
            "first_language",
            "needs_interpreter",
            "religion",
            "is_sealed",
            "created_at",
            "search_grams",
            "search_phonetic",
        ],
        person_rows(),
    )
    _copy(
        PersonName,
        ["person_id", "kind", "given_name", "family_name", "used_until"],
        (
            (ids[i], str(kind), given, family, until)
            for i, p in enumerate(people)
            for kind, given, family, until in p.other_names
        ),
    )
    progress(f"Writing {len(plan.identifiers):,} identifiers...")
    _copy(
        Identifier,
        ["person_id", "kind", "value"],
        ((ids[i], str(kind), value) for i, kind, value in plan.identifiers),
    )
    progress(f"Writing {len(plan.addresses):,} addresses...")
    _copy(
        Address,
        ["person_id", "line_1", "line_2", "town", "postcode", "started_on", "ended_on",
         "is_sealed"],
        (
            (ids[a.person], a.line_1, a.line_2, a.town, a.postcode, a.started_on, a.ended_on,
             a.is_sealed)
            for a in plan.addresses
        ),
    )  # fmt: skip
    progress(f"Writing {len(plan.relationships):,} relationships...")
    _copy(
        Relationship,
        ["person_id", "other_id", "kind", "has_parental_responsibility", "started_on"],
        ((ids[a], ids[b], str(kind), pr, on) for a, b, kind, pr, on in plan.relationships),
    )
    progress(f"Writing {len(plan.groups):,} families and households...")
    group_ids = _reserve_ids(Group, len(plan.groups))
    _copy(
        Group,
        ["id", "kind", "name"],
        ((pk, str(kind), name) for pk, (kind, name) in zip(group_ids, plan.groups, strict=True)),
    )
    _copy(
        GroupMembership,
        ["group_id", "person_id", "started_on"],
        ((group_ids[g], ids[p], on) for g, p, on in plan.group_members),
    )
    _record(Person, ids)
    _record(Group, group_ids)
    return ids


def _write_allocations(
    plan: CouncilPlan,
    allocations: list[AllocationRow],
    person_ids: list[int],
    team_ids: list[int],
    worker_ids: list[int],
) -> None:
    allocation_ids = _reserve_ids(Allocation, len(allocations))
    _copy(
        Allocation,
        ["id", "child_id", "team_id", "worker_id", "started_on", "ended_on", "reason", "sw_reason"],
        (
            (
                pk,
                person_ids[a.child],
                team_ids[a.team],
                None if a.worker is None else worker_ids[a.worker],
                a.started_on,
                a.ended_on,
                a.reason,
                # Each planned allocation opens a piece of work: the worker's first contact with
                # the child, or a re-referral (903 SW_REASON FCONTA), as the service records it.
                "" if a.worker is None else "FCONTA",
            )
            for pk, a in zip(allocation_ids, allocations, strict=True)
        ),
    )
    _record(Allocation, allocation_ids)


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load, so the first pages are fast.

    Every table, because the case histories write to most of them (ANALYZE samples, so this
    takes seconds even at 50,000 children).
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def demo_council_create(
    *,
    children: int,
    seed: int,
    replace: bool = False,
    histories: bool = True,
    today: dt.date | None = None,
    progress: Progress = _quiet,
) -> DemoCouncilSummary:
    """Create the synthetic Kirklees council: `children` children, the same for the same seed.

    Refuses (raising `DemoCouncilError`) when the database already holds people, teams or
    services, unless `replace` is given, which first clears earlier demo data (and still refuses
    to touch anything the demo did not make). Dates are counted back from `today` (default: the
    current date), so children's ages stay realistic whenever the demo is made. With `histories`
    (the default) the registered case history generators run too (`hearth.demo.journeys`); the
    open allocations of the teams whose work they drive (front door, assessment, child
    protection) are then made by those generators, through the allocation services, at the point
    of each child's journey where the work moved.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 2)
        return now

    has_data = Person.objects.exists() or Team.objects.exists() or Service.objects.exists()
    if has_data and not replace:
        raise DemoCouncilError(
            "This database already holds people or teams. The demo council is only made in an "
            "empty database; run with --replace to delete an earlier demo council first "
            "(records the demo did not make are never deleted)."
        )
    today = today or timezone.localdate()
    progress(f"Planning a council of {children:,} children (seed {seed})...")
    plan = plan_council(children=children, seed=seed, today=today)
    mark = lap("plan", started)
    # One transaction for clearing and writing: a failed run leaves the earlier council as it was.
    with transaction.atomic():
        _check_constraints_per_statement()
        if has_data:
            progress("Clearing the earlier demo council...")
            demo_council_clear(progress=progress)
            mark = lap("clear", mark)
        clashes = sorted(
            Worker.objects.filter(username__in=[w.username for w in plan.workers]).values_list(
                "username", flat=True
            )
        )
        if clashes:
            raise DemoCouncilError(
                "Workers not made by the demo already use these usernames: "
                + ", ".join(clashes[:5])
            )
        _attach_history_context(f"Demo council generated (seed {seed})", seed)
        progress(f"Writing {len(plan.teams)} teams and {len(plan.workers)} workers...")
        team_ids, worker_ids = _write_organisation(plan)
        mark = lap("organisation", mark)
        person_ids = _write_people(plan, progress)
        mark = lap("people", mark)
        withheld_kinds = (JOURNEY_TEAM_KINDS | CARE_TEAM_KINDS) if histories else frozenset()
        written: list[AllocationRow] = []
        withheld: list[AllocationRow] = []
        for allocation in plan.allocations:
            person = plan.people[allocation.child]
            # Journeys are made for born children whose records are open to the front door.
            by_journey = (
                allocation.ended_on is None
                and plan.teams[allocation.team].kind in withheld_kinds
                and person.date_of_birth is not None
                and not person.is_sealed
            )
            (withheld if by_journey else written).append(allocation)
        progress(f"Writing {len(written):,} allocations...")
        _write_allocations(plan, written, person_ids, team_ids, worker_ids)
        mark = lap("allocations", mark)
        built = BuiltCouncil(
            plan=plan,
            person_ids=person_ids,
            worker_ids=worker_ids,
            team_ids=team_ids,
            withheld=withheld,
        )
        for generator in CASE_HISTORY_GENERATORS if histories else []:
            progress(f"Case histories: {generator.__doc__ or generator.__name__}".strip())
            generator(built)
        for model, ids in built.recorded.items():
            _record(model, ids)
        mark = lap("case_histories", mark)
        total = time.perf_counter() - started
        DemoCouncil.objects.create(
            seed=seed,
            children=len(plan.children),
            la_code=LA_CODE,
            generated_on=today,
            seconds=round(total, 2),
        )
    progress("Refreshing database statistics...")
    _analyze()
    lap("analyze", mark)
    return DemoCouncilSummary(
        children=len(plan.children),
        people=len(plan.people),
        workers=len(plan.workers),
        teams=len(plan.teams),
        allocations=len(plan.allocations),
        seconds=round(time.perf_counter() - started, 2),
        timings=timings,
        histories=dict(sorted(built.counts.items())),
    )
