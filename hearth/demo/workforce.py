"""Demo workforce records: the practice model course, who has done it, and sickness absence.

Made through `hearth.workforce.services`, as an administrator would record them, so the
dashboard's "practitioners trained in the practice model" and "working days lost to sickness"
have something to count. Proportions follow the DfE's children's social work workforce
statistics for England (2023-24): about 3% of practitioners' working days lost to sickness
(roughly 7 days a practitioner a year), most absences short and a few long; and, for a council
some way into adopting a practice model, about two thirds of practitioners trained.
"""

from __future__ import annotations

import datetime as dt

from hearth.demo.histories import BuiltCouncil, register_case_history
from hearth.organisation.models import Role, Worker
from hearth.timescales.calendar import add_working_days
from hearth.workforce import services as workforce
from hearth.workforce.models import Absence, AbsenceKind, Course, TrainingRecord

PRACTITIONERS = frozenset(
    {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.IRO, Role.PERSONAL_ADVISER}
    | {Role.EARLY_HELP_PRACTITIONER}
)
TRAINED_SHARE = 0.65
# Spells of sickness a practitioner has in a year, and how long they last (working days): most a
# few days, some a week or two, a few long-term.
SPELLS_PER_YEAR = 1.6
SPELL_LENGTHS = ((1, 3, 0.65), (4, 10, 0.27), (15, 40, 0.08))
YEARS = 2


@register_case_history
def workforce_records(council: BuiltCouncil) -> None:
    """training in the practice model and sickness absence"""
    rng = council.rng("workforce")
    today = council.plan.today
    workers = list(Worker.objects.filter(pk__in=council.worker_ids).order_by("pk"))
    admin = next((w for w in workers if w.role == Role.ADMINISTRATOR and w.is_active), None)
    if admin is None:
        return
    course = workforce.course_add(
        actor=admin,
        name="Restorative practice: the council's practice model",
        is_practice_model=True,
    )
    council.record(Course, [course.pk])
    training: list[int] = []
    absences: list[int] = []
    window_start = today - dt.timedelta(days=365 * YEARS)
    for worker in workers:
        if worker.role not in PRACTITIONERS:
            continue
        began = max(worker.started_on or window_start, window_start)
        if began >= today:
            continue
        if rng.random() < TRAINED_SHARE:
            completed = began + dt.timedelta(days=rng.randint(0, (today - began).days))
            training.append(
                workforce.training_record(
                    actor=admin, worker=worker, course=course, completed_on=completed
                ).pk
            )
        # Spells start as a Poisson process from when the worker joined (or the window opened).
        spells: list[dt.date] = []
        at = rng.expovariate(SPELLS_PER_YEAR)
        while (day := began + dt.timedelta(days=round(at * 365))) < today:
            spells.append(day)
            at += rng.expovariate(SPELLS_PER_YEAR)
        free_from = began
        for spell in spells:
            starts = max(spell, free_from)
            if starts.weekday() >= 5:
                starts += dt.timedelta(days=7 - starts.weekday())
            low, high, _ = rng.choices(SPELL_LENGTHS, weights=[w for *_, w in SPELL_LENGTHS])[0]
            ends = min(add_working_days(starts, rng.randint(low, high) - 1), today)
            if starts > today or ends < starts:
                break
            absences.append(
                workforce.absence_record(
                    actor=admin,
                    worker=worker,
                    kind=AbsenceKind.SICKNESS,
                    starts_on=starts,
                    ends_on=ends,
                ).pk
            )
            free_from = ends + dt.timedelta(days=1)
    council.record(TrainingRecord, training)
    council.record(Absence, absences)
    council.counts.update({"trained": len(training), "sickness_absences": len(absences)})
