"""List pages over a demo council with case histories: response times and SQL queries per page.

    .venv/bin/python benchmarks/list_pages.py [--children 20000] [--repeats 30] [--make]

Runs in the `hearth_bench` database (`_setup.py`). Uses the demo council already there when it
has case histories (`--make` makes one, replacing what is there). Each page is requested through
Django's test Client, signed in as the demo worker a real user of that page would be:

* work tray (`/casework/tray/`): the social worker with the most open steps;
* team view (`/casework/team/`): the manager of the team with the most open cases;
* front door tray (`/front-door/`): a front door social worker;
* people search (`/people/?name=...`): a front door social worker, common family names;
* chronology and case page (`/casework/children/<id>/...`): the child with the most events,
  as their allocated worker.

For each page: p50, p95 and max milliseconds over `--repeats` requests (after one warm-up), and
the SQL queries of one request. Each page is also requested for a smaller subject (the quietest
worker, team or child) and the query counts compared: a page whose queries grow with its rows
is flagged as an N+1.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import machine, percentiles, setup_django  # noqa: E402

# A page "grows" when the bigger subject costs this many more queries than the smaller.
N_PLUS_ONE_SLACK = 3


@dataclass
class PageResult:
    page: str
    subject: str
    rows: int
    n: int
    p50: float
    p95: float
    worst: float
    queries: int
    small_rows: int
    small_queries: int

    @property
    def grows(self) -> bool:
        return self.rows > self.small_rows and self.queries > self.small_queries + N_PLUS_ONE_SLACK


def _queries(get: Callable[[], object]) -> int:
    from django.db import connections  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    contexts = [CaptureQueriesContext(connections[alias]) for alias in connections]
    for context in contexts:
        context.__enter__()
    try:
        get()
    finally:
        for context in contexts:
            context.__exit__(None, None, None)
    return sum(len(context) for context in contexts)


def _time(get: Callable[[], object], repeats: int) -> list[float]:
    get()  # warm-up
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        get()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def ensure_council(children: int, seed: int, *, make: bool) -> None:
    """Make the demo council with histories unless one is there already."""
    from hearth.demo.models import DemoCouncil  # noqa: PLC0415
    from hearth.demo.services import demo_council_create  # noqa: PLC0415
    from hearth.frontdoor.models import Contact  # noqa: PLC0415

    there = DemoCouncil.objects.first()
    if there is not None and Contact.objects.exists() and not make:
        print(f"Using the demo council there: {there} ({there.seconds:.0f} s to make)")
        return
    print(f"Making a demo council of {children:,} children with case histories...")
    summary = demo_council_create(
        children=children, seed=seed, replace=True, progress=lambda m: print(f"  {m}")
    )
    print(f"Made in {summary.seconds:.0f} s: {summary.timings}")
    print(f"Histories: {summary.histories}")


def subjects() -> dict[str, object]:  # noqa: PLR0914 (one query per subject, named)
    """The workers, teams and children the pages are measured for (big and small)."""
    from django.db.models import Count, Exists, OuterRef, Q  # noqa: PLC0415

    from hearth.casework.models import Allocation, CINEpisode, Visit  # noqa: PLC0415
    from hearth.organisation.models import Role, TeamMembership, Worker  # noqa: PLC0415
    from hearth.practice.models import OPEN_STATUSES, Step  # noqa: PLC0415

    open_steps = (
        Step.objects.filter(status__in=OPEN_STATUSES, case__status="open")
        .values("assigned_worker")
        .annotate(n=Count("id"))
        .filter(assigned_worker__role=Role.SOCIAL_WORKER)
        .order_by("-n", "assigned_worker")
    )
    busiest = open_steps.first()
    quietest = open_steps.last()
    assert busiest and quietest, "no open work: make the council with histories"
    open_episode = CINEpisode.objects.filter(
        child_id=OuterRef("child_id"), closure_date__isnull=True, referral_nfa=False
    )
    teams = (
        Allocation.objects.filter(ended_on__isnull=True)
        .filter(Exists(open_episode))
        .values("team")
        .annotate(n=Count("id"))
        .order_by("-n", "team")
    )
    managed = set(
        TeamMembership.objects.filter(is_manager=True, ended_on__isnull=True).values_list(
            "team", flat=True
        )
    )
    ranked = [t for t in teams if t["team"] in managed]
    children = (
        Visit.objects.filter(child__allocations__ended_on__isnull=True)
        .values("child")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "child")
    )
    child_big, child_small = children.first(), children.last()
    assert child_big and child_small

    def manager_of(team_id: int) -> Worker:
        return Worker.objects.get(
            memberships__team_id=team_id,
            memberships__is_manager=True,
            memberships__ended_on__isnull=True,
        )

    def allocated_worker(child_id: int) -> Worker:
        allocation = Allocation.objects.filter(child_id=child_id, ended_on__isnull=True).first()
        assert allocation is not None and allocation.worker is not None
        return allocation.worker

    front = (
        Worker.objects.filter(role=Role.SOCIAL_WORKER, memberships__team__scope="council")
        .filter(Q(memberships__ended_on__isnull=True))
        .order_by("pk")
        .first()
    )
    return {
        "tray_big": Worker.objects.get(pk=busiest["assigned_worker"]),
        "tray_big_rows": busiest["n"],
        "tray_small": Worker.objects.get(pk=quietest["assigned_worker"]),
        "tray_small_rows": quietest["n"],
        "team_big": ranked[0]["team"],
        "team_big_rows": ranked[0]["n"],
        "team_small": ranked[-1]["team"],
        "team_small_rows": ranked[-1]["n"],
        "manager_big": manager_of(ranked[0]["team"]),
        "manager_small": manager_of(ranked[-1]["team"]),
        "child_big": child_big["child"],
        "child_big_rows": child_big["n"],
        "child_small": child_small["child"],
        "child_small_rows": child_small["n"],
        "child_big_worker": allocated_worker(child_big["child"]),
        "child_small_worker": allocated_worker(child_small["child"]),
        "front_door": front,
    }


def run(repeats: int) -> list[PageResult]:  # noqa: PLR0914 (each page measured in turn)
    """Measure every list page; return one result per page."""
    from django.test import Client  # noqa: PLC0415

    from hearth.casework.models import ChildProtectionPlan  # noqa: PLC0415
    from hearth.frontdoor.selectors import contact_children_awaiting_decision  # noqa: PLC0415
    from hearth.organisation.models import Worker  # noqa: PLC0415
    from hearth.people.selectors import person_search  # noqa: PLC0415

    found = subjects()
    results = []

    def measure(
        page: str,
        subject: str,
        big: tuple[Worker, str, int],
        small: tuple[Worker, str, int],
    ) -> None:
        (worker, url, rows), (small_worker, small_url, small_rows) = big, small
        client = Client(HTTP_HOST="localhost")
        client.force_login(worker)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

        def get() -> object:
            return client.get(url)

        queries = _queries(get)
        samples = _time(get, repeats)
        small_client = Client(HTTP_HOST="localhost")
        small_client.force_login(small_worker)
        small_queries = _queries(lambda: small_client.get(small_url))
        p50, p95, worst = percentiles(samples)
        results.append(
            PageResult(
                page, subject, rows, len(samples), p50, p95, worst, queries, small_rows,
                small_queries,
            )
        )  # fmt: skip
        print(
            f"  {page:<18} {subject:<44} rows {rows:>5} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"max {worst:7.1f} ms  queries {queries:>4} (smaller: {small_rows} rows, "
            f"{small_queries} queries)"
        )

    tray_big, tray_small = found["tray_big"], found["tray_small"]
    assert isinstance(tray_big, Worker) and isinstance(tray_small, Worker)
    measure(
        "work tray",
        f"busiest social worker ({tray_big.username})",
        (tray_big, "/casework/tray/", int(str(found["tray_big_rows"]))),
        (tray_small, "/casework/tray/", int(str(found["tray_small_rows"]))),
    )
    manager_big, manager_small = found["manager_big"], found["manager_small"]
    assert isinstance(manager_big, Worker) and isinstance(manager_small, Worker)
    measure(
        "team view",
        f"manager of the team with most open cases ({manager_big.username})",
        (
            manager_big,
            f"/casework/team/?team={found['team_big']}",
            int(str(found["team_big_rows"])),
        ),
        (
            manager_small,
            f"/casework/team/?team={found['team_small']}",
            int(str(found["team_small_rows"])),
        ),
    )
    front = found["front_door"]
    assert isinstance(front, Worker)
    waiting = len(list(contact_children_awaiting_decision(front)[:200]))
    measure(
        "front door tray",
        f"front door social worker ({front.username})",
        (front, "/front-door/", waiting),
        (front, "/front-door/", waiting),
    )
    for name in ("Khan", "Smith", "Hussain"):
        measure(
            "search",
            f"name {name!r}, front door social worker",
            (front, f"/people/?name={name}", len(person_search(front, name=name))),
            (front, "/people/?name=Zzyzx", len(person_search(front, name="Zzyzx"))),
        )
    big_child, small_child = found["child_big"], found["child_small"]
    big_worker, small_worker = found["child_big_worker"], found["child_small_worker"]
    assert isinstance(big_worker, Worker) and isinstance(small_worker, Worker)
    big_rows, small_rows = int(str(found["child_big_rows"])), int(str(found["child_small_rows"]))
    measure(
        "chronology",
        f"child with most visits ({big_rows}), allocated worker",
        (big_worker, f"/casework/children/{big_child}/chronology/", big_rows),
        (small_worker, f"/casework/children/{small_child}/chronology/", small_rows),
    )
    measure(
        "case page",
        f"child with most visits ({big_rows}), allocated worker",
        (big_worker, f"/casework/children/{big_child}/", big_rows),
        (small_worker, f"/casework/children/{small_child}/", small_rows),
    )
    on_plan = ChildProtectionPlan.objects.filter(end_date__isnull=True).count()
    print(f"  ({on_plan} children on child protection plans now)")
    return results


def report(results: list[PageResult]) -> None:
    """Print the results as the Markdown table rows benchmarks/README.md keeps."""
    print(f"\nList pages, {machine()}\n")
    print("| Page | Signed in as | Rows | n | p50 ms | p95 ms | max ms | Queries | N+1? |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        flag = f"yes ({r.small_queries} queries at {r.small_rows} rows)" if r.grows else "no"
        print(
            f"| {r.page} | {r.subject} | {r.rows} | {r.n} | {r.p50:.1f} | {r.p95:.1f} | "
            f"{r.worst:.1f} | {r.queries} | {flag} |"
        )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--make", action="store_true", help="make a new demo council first")
    args = parser.parse_args()
    url = setup_django()
    print(f"Benchmark database: {url}\n")
    ensure_council(args.children, args.seed, make=args.make)
    report(run(args.repeats))


if __name__ == "__main__":
    main()
