"""The statutory returns at scale: the CIN census, the SSDA903 and Annex A for a large council.

    BENCH_DATABASE=hearth_bench_returns .venv/bin/python benchmarks/returns.py \
        [--children 15000] [--looked-after 2000] [--runs 3]

The council is **synthetic statutory rows, bulk-inserted** by this benchmark (`build`), not the
demo council's case histories: making 15,000 children's histories through the services takes
too long on 2 shared cores to run routinely (the demo makes about 2,000 in 92 s). The rows are
the statutory record the returns read, in national proportions, written with `bulk_create` (so
pghistory's triggers still fire) and with the models' constraints in force:

* `--children` children with a CIN episode open in the 2025-26 census year (a third referred
  before it), a tenth referrals with no further action, an assessment for every other episode
  (most authorised, with factors), a child in need plan for a third, a strategy discussion, s47
  enquiry, ICPC and CP plan for an eighth (a few with a review), and two thirds closed in the
  year; most with a valid UPN, the rest with a UPN-unknown reason or none;
* `--looked-after` of them also looked after (periods from 2018, legal status, one or two
  placements, two reviews in the year, a social worker allocation, a missing episode for one in
  ten, previous permanence for those starting in the year).

Each run times, with its query count: building the CIN census, validating it (all 109 rules),
writing its XML; building the SSDA903 tables (and last year's, as validation reads them) and
validating them; building the Annex A lists and writing the workbook. The synthetic council
is made once and kept; drop the database to make it again.
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

PREFIX = "RET"
YEAR = 2026  # the 2025-26 collection
BATCH = 2000


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def build(children: int, looked_after: int, seed: int = 1) -> None:  # noqa: PLR0912, PLR0915 - one recipe
    """Bulk-insert the synthetic council's statutory record (skipped when it is already there)."""
    from django.db import transaction  # noqa: PLC0415

    from hearth.casework.models import (  # noqa: PLC0415
        Allocation,
        Assessment,
        ChildProtectionConference,
        ChildProtectionPlan,
        CINEpisode,
        CINPlan,
        Section47Enquiry,
        StrategyDiscussion,
    )
    from hearth.lookedafter.models import (  # noqa: PLC0415
        LACReview,
        LegalStatus,
        MissingEpisode,
        PeriodOfCare,
        Placement,
        PreviousPermanenceOrder,
    )
    from hearth.organisation.models import (  # noqa: PLC0415
        Service,
        Team,
        TeamMembership,
        Worker,
    )
    from hearth.people.codes import IdentifierKind  # noqa: PLC0415
    from hearth.people.identifiers import upn_check_letter  # noqa: PLC0415
    from hearth.people.models import Identifier, Person  # noqa: PLC0415

    if Person.objects.filter(reference__startswith=PREFIX).exists():
        print("Synthetic council already built; reusing it.")
        return
    rng = random.Random(seed)
    started = time.perf_counter()
    start, reference = dt.date(YEAR - 1, 4, 1), dt.date(YEAR, 3, 31)
    utc = dt.UTC
    with transaction.atomic():
        service = Service.objects.create(name="Returns benchmark")
        teams = [
            Team.objects.create(service=service, name=f"Returns benchmark team {i}")
            for i in range(20)
        ]
        workers = Worker.objects.bulk_create(
            [
                Worker(
                    username=f"ret.worker{i}",
                    first_name=f"Worker{i}",
                    last_name="Bench",
                    social_worker_id=f"SW{1000000 + i}",
                    started_on=dt.date(2015, 1, 1),
                )
                for i in range(300)
            ]
        )
        TeamMembership.objects.bulk_create(
            [
                TeamMembership(worker=w, team=teams[i % 20], started_on=dt.date(2015, 1, 1))
                for i, w in enumerate(workers)
            ]
        )
        actor = workers[0]

        people = []
        for n in range(children):
            born = _day(rng, dt.date(2008, 4, 1), dt.date(2025, 12, 31))
            people.append(
                Person(
                    reference=f"{PREFIX}{n:07d}",
                    given_name=f"Child{n}",
                    family_name=rng.choice(("Khan", "Smith", "Jones", "Begum", "Okafor")),
                    date_of_birth=born,
                    sex=rng.choice("MF"),
                    ethnicity=rng.choice(("WBRI", "WBRI", "WBRI", "APKN", "BAFR", "MWBC")),
                    disabilities=["NONE"] if rng.random() < 0.9 else ["LD"],
                    upn_unknown_reason=rng.choice(("", "UN2", "UN3")),
                )
            )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        identifiers = []
        for n, person in enumerate(people):
            assert person.date_of_birth is not None
            if rng.random() < 0.85 and (reference - person.date_of_birth).days > 5 * 365:
                body = f"382{2000 + n // 1000:04d}12{n % 1000:03d}"
                identifiers.append(
                    Identifier(
                        person=person,
                        kind=IdentifierKind.UPN,
                        value=upn_check_letter(body) + body,
                    )
                )
        Identifier.objects.bulk_create(identifiers, batch_size=BATCH)

        episodes = []
        for person in people:
            assert person.date_of_birth is not None
            referred = max(
                _day(rng, dt.date(YEAR - 2, 10, 1), reference - dt.timedelta(days=20)),
                person.date_of_birth,
            )
            nfa = rng.random() < 0.1
            closed = referred if nfa else None
            if not nfa and rng.random() < 0.66:
                closed = min(referred + dt.timedelta(days=rng.randrange(45, 300)), reference)
                if closed < start:
                    closed = start + dt.timedelta(days=rng.randrange(10, 200))
            episodes.append(
                CINEpisode(
                    child=person,
                    referral_date=referred,
                    referral_source=rng.choice(("6", "2A", "3A", "5A", "1A")),
                    primary_need_code="" if nfa else rng.choice(("N1", "N1", "N2", "N4")),
                    referral_nfa=nfa,
                    closure_date=closed,
                    reason_for_closure="RC7" if closed else "",
                    recorded_by=actor,
                )
            )
        episodes = CINEpisode.objects.bulk_create(episodes, batch_size=BATCH)

        assessments, plans, discussions = [], [], []
        for episode in episodes:
            if episode.referral_nfa:
                continue
            begun = episode.referral_date + dt.timedelta(days=1)
            done = begun + dt.timedelta(days=rng.randrange(10, 44))
            last = episode.closure_date or reference
            authorised = done if done < last else None
            assessments.append(
                Assessment(
                    episode=episode,
                    actual_start_date=begun,
                    due_date=begun + dt.timedelta(days=63),
                    authorisation_date=authorised,
                    factors=[rng.choice(("3B", "4B", "2B", "16A"))] if authorised else [],
                    outcome="cin" if authorised else "",
                    authorised_by=actor if authorised else None,
                    authorised_at=dt.datetime.combine(authorised, dt.time(12), utc)
                    if authorised
                    else None,
                    recorded_by=actor,
                )
            )
            roll = rng.random()
            if authorised and roll < 0.125:
                discussions.append(
                    StrategyDiscussion(
                        episode=episode,
                        held_on=begun,
                        agencies=["police", "health"],
                        s47_required=True,
                        recorded_by=actor,
                    )
                )
            elif authorised and roll < 0.45:
                plan_end = authorised + dt.timedelta(days=rng.randrange(60, 240))
                plans.append(
                    CINPlan(
                        episode=episode,
                        start_date=authorised,
                        end_date=plan_end if plan_end < last else None,
                        recorded_by=actor,
                    )
                )
        Assessment.objects.bulk_create(assessments, batch_size=BATCH)
        CINPlan.objects.bulk_create(plans, batch_size=BATCH)
        discussions = StrategyDiscussion.objects.bulk_create(discussions, batch_size=BATCH)
        enquiries = Section47Enquiry.objects.bulk_create(
            [
                Section47Enquiry(
                    episode=d.episode,
                    strategy_discussion=d,
                    actual_start_date=d.held_on,
                    icpc_target_date=d.held_on + dt.timedelta(days=21),
                    completed_on=d.held_on + dt.timedelta(days=10),
                    icpc_required=True,
                    recorded_by=actor,
                )
                for d in discussions
            ],
            batch_size=BATCH,
        )
        icpcs = ChildProtectionConference.objects.bulk_create(
            [
                ChildProtectionConference(
                    episode=e.episode,
                    kind="initial",
                    held_on=e.actual_start_date + dt.timedelta(days=14),
                    outcome="plan",
                    section47=e,
                    next_review_due_on=e.actual_start_date + dt.timedelta(days=104),
                    recorded_by=actor,
                )
                for e in enquiries
            ],
            batch_size=BATCH,
        )
        cp_plans = []
        for icpc in icpcs:
            last = icpc.episode.closure_date
            cp_plans.append(
                ChildProtectionPlan(
                    episode=icpc.episode,
                    initial_conference=icpc,
                    start_date=icpc.held_on,
                    initial_category=rng.choice(("NEG", "EMO", "PHY", "SAB")),
                    latest_category="NEG",
                    number_of_previous_plans=0,
                    first_core_group_due_on=icpc.held_on + dt.timedelta(days=14),
                    end_date=last if last and last > icpc.held_on else None,
                    end_reason="no_longer_at_risk" if last and last > icpc.held_on else "",
                    recorded_by=actor,
                )
            )
        cp_plans = ChildProtectionPlan.objects.bulk_create(cp_plans, batch_size=BATCH)
        ChildProtectionConference.objects.bulk_create(
            [
                ChildProtectionConference(
                    episode=p.episode,
                    kind="review",
                    held_on=p.start_date + dt.timedelta(days=90),
                    outcome="plan",
                    cp_plan=p,
                    next_review_due_on=p.start_date + dt.timedelta(days=270),
                    recorded_by=actor,
                )
                for p in cp_plans
                if (p.end_date or reference) > p.start_date + dt.timedelta(days=90)
            ],
            batch_size=BATCH,
        )

        # Looked after: the oldest `looked_after` children with open episodes, for simplicity.
        in_care = [e.child for e in episodes if not e.referral_nfa][:looked_after]
        periods = []
        for person in in_care:
            assert person.date_of_birth is not None
            began = max(_day(rng, dt.date(2018, 1, 1), dt.date(YEAR, 2, 1)), person.date_of_birth)
            periods.append(
                PeriodOfCare(
                    child=person,
                    started_on=began,
                    category_of_need=rng.choice(("N1", "N1", "N2", "N4")),
                    home_postcode="HD1 2TA",
                    recorded_by=actor,
                )
            )
        periods = PeriodOfCare.objects.bulk_create(periods, batch_size=BATCH)
        LegalStatus.objects.bulk_create(
            [
                LegalStatus(period=p, code="C2", started_on=p.started_on, recorded_by=actor)
                for p in periods
            ],
            batch_size=BATCH,
        )
        placements, reviews, missing, prev_perm, allocations = [], [], [], [], []
        for i, period in enumerate(periods):
            moved = period.started_on + dt.timedelta(days=rng.randrange(30, 400))
            two = moved < reference and rng.random() < 0.4
            common: dict[str, Any] = {
                "period": period,
                "provider": "PR1",
                "carer_name": "Foster carers",
                "ofsted_urn": "SC123456",
                "postcode": "HD8 9LS",
                "placement_la": "E08000034",
                "is_in_area": True,
                "distance_miles": 5,
                "recorded_by": actor,
            }
            placements.append(
                Placement(
                    placement_type="U6",
                    started_on=period.started_on,
                    ended_on=moved if two else None,
                    reason_for_change="CARPL" if two else "",
                    **common,
                )
            )
            if two:
                placements.append(Placement(placement_type="U4", started_on=moved, **common))
            for month in (6, 12):
                held = dt.date(YEAR - 1, month, 1 + i % 28)
                if held > period.started_on:
                    reviews.append(
                        LACReview(period=period, held_on=held, participation="PN1",
                                  recorded_by=actor)
                    )  # fmt: skip
            if rng.random() < 0.1:
                left = dt.datetime.combine(
                    _day(rng, max(start, period.started_on), reference), dt.time(21), utc
                )
                missing.append(
                    MissingEpisode(
                        child=period.child,
                        kind="M",
                        started_at=left,
                        ended_at=left + dt.timedelta(hours=12),
                        recorded_by=actor,
                    )
                )
            if period.started_on >= start:
                prev_perm.append(PreviousPermanenceOrder(period=period, kind="Z1",
                                                         recorded_by=actor))  # fmt: skip
            worker = workers[i % len(workers)]
            allocations.append(
                Allocation(
                    child=period.child,
                    team=teams[(i % len(workers)) % 20],
                    worker=worker,
                    started_on=period.started_on,
                    reason="Allocated",
                    sw_reason="FCONTA",
                )
            )
        Placement.objects.bulk_create(placements, batch_size=BATCH)
        LACReview.objects.bulk_create(reviews, batch_size=BATCH)
        MissingEpisode.objects.bulk_create(missing, batch_size=BATCH)
        PreviousPermanenceOrder.objects.bulk_create(prev_perm, batch_size=BATCH)
        Allocation.objects.bulk_create(allocations, batch_size=BATCH)
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"Built {children:,} CIN children ({len(assessments):,} assessments, {len(plans):,} CIN "
        f"plans, {len(cp_plans):,} CP plans) and {len(periods):,} looked after "
        f"({len(placements):,} placements) in {time.perf_counter() - started:.1f} s"
    )


def _timed(step: Callable[[], Any]) -> tuple[float, int, Any]:
    """Seconds, queries and result of one call of `step`."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - began
    return seconds, len(queries.captured_queries), result


def run(runs: int) -> dict[str, list[tuple[float, int, str]]]:
    """Each step's (seconds, queries, note) for each run."""
    from django.utils import timezone  # noqa: PLC0415

    from hearth.returns.annex_a import annex_a_sheets  # noqa: PLC0415
    from hearth.returns.cin_validation import cin_census_validate  # noqa: PLC0415
    from hearth.returns.cin_xml import cin_census_to_xml  # noqa: PLC0415
    from hearth.returns.selectors import cin_census_build  # noqa: PLC0415
    from hearth.returns.ssda903 import ssda903_tables  # noqa: PLC0415
    from hearth.returns.ssda903_validation import ssda903_validate  # noqa: PLC0415
    from hearth.returns.xlsx import workbook_bytes  # noqa: PLC0415
    from hearth.returns.years import CollectionYear  # noqa: PLC0415

    collection = CollectionYear(YEAR)
    results: dict[str, list[tuple[float, int, str]]] = {}

    def record(name: str, step: Callable[[], Any], note: Callable[[Any], str]) -> Any:
        seconds, queries, value = _timed(step)
        results.setdefault(name, []).append((seconds, queries, note(value)))
        return value

    for _ in range(runs):
        census = record(
            "CIN census: build",
            lambda: cin_census_build(collection=collection, generated_at=timezone.now()),
            lambda c: f"{len(c.children):,} children",
        )
        record(
            "CIN census: validate (109 rules)",
            lambda census=census: cin_census_validate(census, collection=collection),
            lambda f: f"{len(f):,} failures",
        )
        record(
            "CIN census: XML",
            lambda census=census: cin_census_to_xml(census),
            lambda x: f"{len(x):,} bytes",
        )
        tables = record(
            "SSDA903: build tables",
            lambda: ssda903_tables(collection=collection),
            lambda t: f"{len(t['Header']):,} children, {len(t['Episodes']):,} episodes",
        )
        record(
            "SSDA903: validate (with last year's tables)",
            lambda tables=tables: ssda903_validate(collection=collection, tables=tables),
            lambda f: f"{len(f):,} failures",
        )
        sheets = record(
            "Annex A: build lists 1-11",
            lambda: annex_a_sheets(inspection_date=collection.reference_date),
            lambda s: f"{sum(len(x.rows) for x in s):,} rows",
        )
        record(
            "Annex A: workbook",
            lambda sheets=sheets: workbook_bytes(sheets),
            lambda b: f"{len(b):,} bytes",
        )
    return results


def report(results: dict[str, list[tuple[float, int, str]]], runs: int) -> None:
    """Print the results as a Markdown table."""
    print(f"\n{machine()}; {runs} runs; seconds and queries per step\n")
    print("| Step | p50 s | max s | Queries | Output |")
    print("|---|---:|---:|---:|---|")
    for name, samples in results.items():
        p50, _, worst = percentiles([s for s, _, _ in samples])
        queries = sorted({q for _, q, _ in samples})
        print(
            f"| {name} | {p50:.2f} | {worst:.2f} | {'/'.join(map(str, queries))} | "
            f"{samples[-1][2]} |"
        )
    total = sum(percentiles([s for s, _, _ in v])[0] for v in results.values())
    print(f"| All of it | {total:.2f} | | | |")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=15_000)
    parser.add_argument("--looked-after", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = setup_django()
    print(f"Benchmark database: {url}")
    build(args.children, args.looked_after)
    report(run(args.runs), args.runs)


if __name__ == "__main__":
    main()
