"""Run every benchmark (`make benchmark`): demo council generation, then people search.

    .venv/bin/python benchmarks/run.py [--children 50000] [--queries 200] [--skip-history-cost]

Everything runs in the `hearth_bench` database (see `_setup.py`), never the development one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_council  # noqa: E402
import search  # noqa: E402
from _setup import setup_django  # noqa: E402


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--skip-history-cost", action="store_true")
    args = parser.parse_args()
    url = setup_django()
    print(f"Benchmark database: {url}\n")
    generation = demo_council.run(args.children, args.seed, history_cost=not args.skip_history_cost)
    demo_council.report(generation)
    search.report(search.run(args.children, args.queries))


if __name__ == "__main__":
    main()
