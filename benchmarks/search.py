"""People search latency over the demo council (50,000 children and their adults).

    .venv/bin/python benchmarks/search.py [--children 50000] [--queries 200]

Uses the demo council in `hearth_bench` (making it first if there is none, or a smaller one).
Queries are drawn, with a fixed seed, from people in the database, the way a front door worker
types them: a full name, a name with a typo (letters swapped, dropped or doubled), a name and
date of birth, a date of birth alone, an NHS number, a UPN, and a postcode typed in lower case
without its space. Each query goes through `hearth.people.selectors.person_search` as:

* a front door (MASH) social worker, who may see every unsealed record (the widest search), and
* the demo social worker, whose search is limited to children allocated to their team and the
  people linked to them (the narrowest, with the most joins).

For each kind of query: p50, p95 and max in milliseconds, and how often the person the query was
drawn from is among the first 10 results (for the front door worker; the social worker can see
only a few of them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import machine, percentiles, setup_django  # noqa: E402

Query = dict[str, Any]


def _typo(word: str, rng: random.Random) -> str:
    """One typing slip: two letters swapped, one dropped, or one doubled."""
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    slip = rng.choice(("swap", "drop", "double"))
    if slip == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if slip == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def build_queries(count: int, seed: int = 42) -> dict[str, list[tuple[int, Query]]]:
    """(person id, query) pairs of each kind, drawn from people in the database."""
    from hearth.people.codes import IdentifierKind  # noqa: PLC0415
    from hearth.people.models import Address, Identifier, Person  # noqa: PLC0415

    rng = random.Random(seed)
    ids = sorted(
        Person.objects.filter(is_sealed=False, date_of_birth__isnull=False).values_list(
            "id", flat=True
        )
    )
    chosen = rng.sample(ids, min(count, len(ids)))
    people = Person.objects.in_bulk(chosen)
    nhs = dict(
        Identifier.objects.filter(person_id__in=chosen, kind=IdentifierKind.NHS).values_list(
            "person_id", "value"
        )
    )
    upn_ids = list(
        Identifier.objects.filter(kind=IdentifierKind.UPN).values_list("person_id", "value")[
            : count * 20
        ]
    )
    upns = rng.sample(upn_ids, min(count, len(upn_ids)))
    postcodes = dict(
        Address.objects.filter(person_id__in=chosen, ended_on__isnull=True).values_list(
            "person_id", "postcode"
        )
    )
    queries: dict[str, list[tuple[int, Query]]] = {
        "name": [],
        "name with typo": [],
        "name and date of birth": [],
        "date of birth": [],
        "NHS number": [],
        "UPN": [],
        "postcode": [],
    }
    for pk in chosen:
        person = people[pk]
        name = f"{person.given_name} {person.family_name}"
        queries["name"].append((pk, {"name": name}))
        typo = f"{person.given_name} {_typo(person.family_name, rng)}"
        queries["name with typo"].append((pk, {"name": typo}))
        queries["name and date of birth"].append(
            (pk, {"name": name, "date_of_birth": person.date_of_birth})
        )
        queries["date of birth"].append((pk, {"date_of_birth": person.date_of_birth}))
        if pk in nhs:
            value = nhs[pk]
            queries["NHS number"].append(
                (pk, {"identifier": f"{value[:3]} {value[3:6]} {value[6:]}"})
            )
        if pk in postcodes:
            queries["postcode"].append((pk, {"postcode": postcodes[pk].replace(" ", "").lower()}))
    for pk, value in upns:
        queries["UPN"].append((pk, {"identifier": value.lower()}))
    return queries


def _time(search: Callable[..., list[Any]], worker: Any, query: Query) -> tuple[float, list[Any]]:
    started = time.perf_counter()
    found = search(worker, **query)
    return (time.perf_counter() - started) * 1000, found


def run(children: int, count: int) -> dict[str, Any]:
    """Run the search benchmark; returns rows for the results table."""
    from hearth.demo.services import demo_council_create  # noqa: PLC0415
    from hearth.organisation.models import Worker  # noqa: PLC0415
    from hearth.people.models import Person  # noqa: PLC0415
    from hearth.people.selectors import person_search  # noqa: PLC0415

    known = Person.objects.count()
    if known == 0:
        print(f"No demo council in hearth_bench: making {children:,} children first...")
        demo_council_create(children=children, seed=1, histories=False)
    front_door = Worker.objects.filter(
        memberships__team__name="Front Door and MASH", memberships__ended_on__isnull=True
    ).order_by("pk")[0]
    social_worker = Worker.objects.get(username="demo.social_worker")
    queries = build_queries(count)
    rows = []
    for kind, pairs in queries.items():
        for label, worker in (("front door", front_door), ("social worker", social_worker)):
            if pairs:
                _time(person_search, worker, pairs[0][1])  # warm the plan cache
            samples, hits = [], 0
            for pk, query in pairs:
                ms, found = _time(person_search, worker, query)
                samples.append(ms)
                hits += pk in [p.pk for p in found[:10]]
            p50, p95, top = percentiles(samples)
            rows.append(
                {
                    "kind": kind,
                    "worker": label,
                    "n": len(samples),
                    "p50": p50,
                    "p95": p95,
                    "max": top,
                    "found": hits / len(samples) if samples else 0.0,
                }
            )
    return {
        "date": dt.date.today().isoformat(),  # noqa: DTZ011 (a label for the results table)
        "machine": machine(),
        "people": Person.objects.count(),
        "rows": rows,
    }


def report(results: dict[str, Any]) -> None:
    """Print the search results as a Markdown table."""
    print(f"\nPeople search over {results['people']:,} people ({results['machine']})\n")
    print("| Query | Worker | n | p50 ms | p95 ms | max ms | In top 10 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for row in results["rows"]:
        found = f"{row['found']:.0%}" if row["worker"] == "front door" else "-"
        print(
            f"| {row['kind']} | {row['worker']} | {row['n']} | {row['p50']:.1f} | "
            f"{row['p95']:.1f} | {row['max']:.1f} | {found} |"
        )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    report(run(args.children, args.queries))


if __name__ == "__main__":
    main()
