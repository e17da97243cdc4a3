"""How long the demo council takes to make, and what its history triggers cost.

    .venv/bin/python benchmarks/demo_council.py [--children 50000] [--seed 1] [--skip-history-cost]
        [--histories]

Without `--histories` it measures the base council (people, organisation, allocations), as the
earlier results did; `list_pages.py` makes and times a council with case histories.

In the `hearth_bench` database (see `_setup.py`):
1. clear any earlier demo council (timed: the `--replace` path);
2. unless `--skip-history-cost`: make the council with pghistory's insert triggers disabled, in a
   transaction that is rolled back, to see what history capture costs;
3. make the council for real (history on), and keep it for `search.py`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import machine, setup_django  # noqa: E402


def _disable_history_triggers() -> int:
    """Disable every pghistory insert trigger for the rest of this transaction; return how many."""
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
            "WHERE NOT tgisinternal AND tgname LIKE 'pgtrigger_insert_insert_%'"
        )
        triggers = cursor.fetchall()
        for table, name in triggers:
            cursor.execute(f'ALTER TABLE {table} DISABLE TRIGGER "{name}"')
    return len(triggers)


def run(
    children: int, seed: int, *, history_cost: bool = True, histories: bool = False
) -> dict[str, Any]:
    """Run the generation benchmark; returns the numbers for the results table."""
    from django.db import transaction  # noqa: PLC0415

    from hearth.demo.services import (  # noqa: PLC0415
        demo_council_clear,
        demo_council_create,
        demo_council_exists,
    )
    from hearth.people.models import Person  # noqa: PLC0415

    def say(message: str) -> None:
        print(f"  {message}", flush=True)

    results: dict[str, Any] = {"children": children, "machine": machine()}
    if demo_council_exists():
        print("Clearing the earlier demo council...", flush=True)
        started = time.perf_counter()
        demo_council_clear(progress=say)
        results["clear_seconds"] = round(time.perf_counter() - started, 1)
    if Person.objects.exists():
        raise SystemExit("hearth_bench holds people the demo did not make: drop it and rerun")

    if history_cost:
        print(f"Making {children:,} children with history triggers off (rolled back)...")
        with transaction.atomic():
            disabled = _disable_history_triggers()
            without = demo_council_create(
                children=children, seed=seed, histories=histories, progress=say
            )
            transaction.set_rollback(True)
        results["without_history_seconds"] = without.seconds
        results["without_history_timings"] = without.timings
        results["history_triggers"] = disabled

    print(f"Making {children:,} children (history on)...", flush=True)
    summary = demo_council_create(children=children, seed=seed, histories=histories, progress=say)
    results.update(
        seconds=summary.seconds,
        timings=summary.timings,
        people=summary.people,
        workers=summary.workers,
        allocations=summary.allocations,
    )
    return results


def report(results: dict[str, Any]) -> None:
    """Print the generation results."""
    print(
        f"\nDemo council: {results['children']:,} children, {results['people']:,} people, "
        f"{results['workers']} workers, {results['allocations']:,} allocations"
    )
    print(f"  made in {results['seconds']:.1f} s {results['timings']}")
    if "without_history_seconds" in results:
        # Compare the writing steps only: planning does not touch the database.
        writing = ("organisation", "people", "allocations")
        cost = sum(results["timings"][k] for k in writing) - sum(
            results["without_history_timings"][k] for k in writing
        )
        print(
            f"  without history triggers: {results['without_history_seconds']:.1f} s "
            f"{results['without_history_timings']} (history adds {cost:.1f} s to writing)"
        )
    if "clear_seconds" in results:
        print(f"  clearing the earlier council (--replace): {results['clear_seconds']:.1f} s")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-history-cost", action="store_true")
    parser.add_argument(
        "--histories",
        action="store_true",
        help="with case histories (off by default: this measures the base council)",
    )
    args = parser.parse_args()
    setup_django()
    report(
        run(
            args.children,
            args.seed,
            history_cost=not args.skip_history_cost,
            histories=args.histories,
        )
    )


if __name__ == "__main__":
    main()
