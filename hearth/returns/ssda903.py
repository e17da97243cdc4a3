"""The SSDA903 (children looked after) tables, built from the statutory record (returns.md 2).

One CSV per table, with exactly the DfE's header row; dates `dd/mm/YYYY`; blanks empty. The
tables are built for any collection year from 2024-25; DoLo is included from 2026-27.

Episodes are derived from periods of care, legal statuses and placements by the looked-after
record's own pure function (`hearth.lookedafter.episodes.derive_episodes`), so the return, the
child's page and the tests agree. Everything is read in one query per table.

Partial, and why:

* `SW_REASON` (SWEpisodes) is the coded reason recorded when the worker took the child
  (`Allocation.sw_reason`, asked for on the allocation page). Allocations made before it was
  asked carry a blank reason, which rule SW01b reports.
* `UPN` holds the child's UPN; without one, the reason recorded on the child (UN1-UN5,
  `Person.upn_unknown_reason`); without either, `UN1` for a child under 5 at 31 March, and blank
  otherwise, which rule 168 reports.
* `HOME_POST`, `PL_POST` and `URN` are blank on short-break (V3/V4) episodes (rules 214, 398,
  420), and `HOME_POST` for a child who was UASC this year or last (406; the rules read both
  years' UASC tables), though the record holds them.
* OC3 takes each care leaver's latest contact recorded around a birthday (17th to 21st) that
  falls in the year; OC2's `HEALTH_CHECK`, `IMMUNISATIONS`, `TEETH_CHECK` and
  `HEALTH_ASSESSMENT` are 1 when the record holds one in the year and 0 otherwise.

Who is in which table:

* Header: every child with an episode in the year, and every care leaver in OC3 (INT06). A care
  leaver not looked after in the year has no motherhood details (628), and nor has a child whose
  episodes are all short breaks (399), who also has no Reviews rows. `MOTHER` counts a first
  child born by 31 March, or by the day she left care if earlier (625).
* UASC: children whose status was open at some time in the year (no DUC, or a DUC in the year
  or later): a status that ceased before the year was last year's to return (205A, 205B).
* OC3: not in touch (NO, REFU, NREQ), an activity or accommodation not known is returned as 0
  (153); after death or a return home (DIED, RHOM) both are blank (344).
* SWEpisodes: allocations to registered social workers only (a Social Work England number,
  `Worker.social_worker_id`); an allocation to a personal adviser or a family support worker is
  not a social worker episode, so none is written with a blank SW_ID (SW01a, SW02).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from hearth.casework.models import Allocation, SocialWorkerChangeReason
from hearth.lookedafter.episodes import (
    Episode,
    LegalStatusFacts,
    PeriodFacts,
    PlacementFacts,
    derive_episodes,
)
from hearth.lookedafter.models import (
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    Conviction,
    DeprivationOfLibertyOrder,
    HealthAssessment,
    HealthCheck,
    LACReview,
    MissingEpisode,
    PeriodOfCare,
    PreviousPermanenceOrder,
    SDQScore,
    SubstanceMisuse,
    UASCStatus,
)
from hearth.people.codes import IdentifierKind, Sex
from hearth.people.models import Identifier, Person, Relationship, RelationshipKind
from hearth.returns.years import CollectionYear

DOLO_FROM = 2027
# The DfE's SW_REASON codes (rule SW13), as the allocation records them.
SW_REASONS = frozenset(SocialWorkerChangeReason.values)
SHORT_BREAKS = frozenset({"V3", "V4"})
# IN_TOUCH answers with which the council holds no current activity or accommodation (OC3).
NOT_IN_TOUCH = frozenset({"NO", "REFU", "NREQ"})

HEADERS: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    "DoLo": ("CHILD", "DOB", "DOLO_START", "DOLO_END"),
}

Row = dict[str, str]
Tables = dict[str, list[Row]]


def table_names(collection: CollectionYear) -> list[str]:
    """The tables of the year's return, in the DfE's order (DoLo from 2026-27)."""
    return [n for n in HEADERS if n != "DoLo" or collection.end_year >= DOLO_FROM]


def d(day: dt.date | None) -> str:
    """A 903 date: dd/mm/YYYY, or blank."""
    return f"{day:%d/%m/%Y}" if day else ""


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _period_facts(
    period: PeriodOfCare,
) -> tuple[PeriodFacts, list[LegalStatusFacts], list[PlacementFacts]]:
    return (
        PeriodFacts(
            started_on=period.started_on,
            category_of_need=period.category_of_need,
            home_postcode=period.home_postcode,
            ended_on=period.ended_on,
            reason_ceased=period.reason_ceased,
        ),
        [
            LegalStatusFacts(code=s.code, started_on=s.started_on, ended_on=s.ended_on)
            for s in sorted(period.legal_statuses.all(), key=lambda s: s.pk)
        ],
        [
            PlacementFacts(
                place=p.placement_type,
                started_on=p.started_on,
                ended_on=p.ended_on,
                provider=p.provider,
                postcode=p.postcode,
                urn=p.ofsted_urn,
                same_carer_as_previous=p.same_carer_as_previous,
                reason_for_change=p.reason_for_change,
            )
            for p in sorted(period.placements.all(), key=lambda p: p.pk)
        ],
    )


def _episode_row(
    reference: str, episode: Episode, collection: CollectionYear, *, uasc: bool = False
) -> Row:
    ended = episode.dec if episode.dec and episode.dec <= collection.reference_date else None
    # A short break (V3/V4) carries no placement location (214, 398, 420), and a child who is
    # or was unaccompanied no home postcode, so no distance (406).
    short_break = episode.ls in SHORT_BREAKS
    return {
        "CHILD": reference,
        "DECOM": d(episode.decom),
        "RNE": episode.rne,
        "LS": episode.ls,
        "CIN": episode.cin,
        "PLACE": episode.place,
        "PLACE_PROVIDER": episode.place_provider,
        "DEC": d(ended),
        # Not yet ceased at the reference date: no reason, and no placement change either (233).
        "REC": episode.rec if ended else "",
        "REASON_PLACE_CHANGE": episode.reason_place_change if ended else "",
        "HOME_POST": "" if short_break or uasc else episode.home_post,
        "PL_POST": "" if short_break else episode.pl_post,
        "URN": "" if short_break else episode.urn,
    }


def _episodes_by_child(collection: CollectionYear) -> dict[int, list[Episode]]:
    """Every 903 episode open at some time in the year, by child."""
    periods = (
        PeriodOfCare.objects.filter(started_on__lte=collection.reference_date)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=collection.start))
        .prefetch_related("legal_statuses", "placements")
        .order_by("child_id", "started_on")
    )
    found: dict[int, list[Episode]] = defaultdict(list)
    for period in periods:
        for episode in derive_episodes(*_period_facts(period)):
            if episode.decom <= collection.reference_date and (
                episode.dec is None or episode.dec >= collection.start
            ):
                found[period.child_id].append(episode)
    return found


def ssda903_tables(*, collection: CollectionYear) -> Tables:
    """Every table of the year's SSDA903 return, as rows of column to text."""
    reference, start = collection.reference_date, collection.start
    episodes = _episodes_by_child(collection)
    tables: Tables = {name: [] for name in table_names(collection)}
    # Care leavers in OC3 who were not looked after in the year still need a Header row (INT06).
    leavers = _oc3(tables, collection)
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=set(episodes) | leavers).only(
            "pk", "reference", "sex", "date_of_birth", "ethnicity", "upn_unknown_reason"
        )
    }
    header_ids = sorted(people, key=lambda pk: people[pk].reference)
    child_ids = [pk for pk in header_ids if pk in episodes]

    def dob(pk: int) -> str:
        return d(people[pk].date_of_birth)

    def ref(pk: int) -> str:
        return people[pk].reference

    upns = dict(
        Identifier.objects.filter(person__in=header_ids, kind=IdentifierKind.UPN).values_list(
            "person_id", "value"
        )
    )
    # Short breaks only (every episode V3/V4): no motherhood details and no reviews (399).
    short_breaks_only = {
        pk for pk, eps in episodes.items() if all(e.ls in SHORT_BREAKS for e in eps)
    }
    first_child_born: dict[int, dt.date] = {}
    for parent_id, born in (
        Relationship.objects.filter(
            person__in=child_ids, kind=RelationshipKind.PARENT, other__date_of_birth__isnull=False
        )
        .order_by("other__date_of_birth")
        .values_list("person_id", "other__date_of_birth")
    ):
        # A mother by the end of the year, or by when she left care if earlier (625).
        if born is not None and born <= _last_looked_after(episodes[parent_id], collection):
            first_child_born.setdefault(parent_id, born)

    # Unaccompanied this year or last: no home postcode (406; the rules read both years' tables).
    uasc_since_last_year = set(
        UASCStatus.objects.filter(child__in=child_ids)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=collection.previous.start))
        .values_list("child_id", flat=True)
    )
    for pk in header_ids:
        person = people[pk]
        sex = Sex.NOT_KNOWN if person.sex == Sex.NOT_STATED else person.sex
        # The UPN; else the reason recorded for having none; else UN1 for a child under 5.
        upn = upns.get(pk, "") or person.upn_unknown_reason
        if not upn and person.date_of_birth and _age_on(person.date_of_birth, reference) < 5:
            upn = "UN1"
        # MOTHER for looked-after girls (393, 607), not on short breaks only (399), and not
        # for care leavers who were not looked after in the year (628).
        asked = person.sex == Sex.FEMALE and pk in episodes and pk not in short_breaks_only
        mother = pk in first_child_born
        tables["Header"].append(
            {
                "CHILD": person.reference,
                "SEX": str(sex),
                "DOB": d(person.date_of_birth),
                "ETHNIC": person.ethnicity,
                "UPN": upn,
                "MOTHER": _flag(mother) if asked else "",
                "MC_DOB": d(first_child_born.get(pk)) if asked and mother else "",
            }
        )
        tables["Episodes"].extend(
            _episode_row(person.reference, e, collection, uasc=pk in uasc_since_last_year)
            for e in episodes.get(pk, [])
        )

    reviewed = [pk for pk in child_ids if pk not in short_breaks_only]
    for child_id, held_on, code in (
        LACReview.objects.filter(
            period__child__in=reviewed, held_on__gte=start, held_on__lte=reference
        )
        .order_by("period__child__reference", "held_on")
        .values_list("period__child_id", "held_on", "participation")
    ):
        tables["Reviews"].append(
            {
                "CHILD": ref(child_id),
                "DOB": dob(child_id),
                "REVIEW": d(held_on),
                "REVIEW_CODE": code,
            }
        )

    # Unaccompanied at some time in the year: status open, or ceased in the year or later (205A,
    # 205B); a status that ceased before the year was last year's to report.
    for child_id, ceased in (
        UASCStatus.objects.filter(child__in=child_ids)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=start))
        .order_by("child__reference")
        .values_list("child_id", "ceased_on")
    ):
        sex = people[child_id].sex
        tables["UASC"].append(
            {
                "CHILD": ref(child_id),
                "SEX": str(Sex.NOT_KNOWN if sex == Sex.NOT_STATED else sex),
                "DOB": dob(child_id),
                "DUC": d(ceased if ceased and ceased <= reference else None),
            }
        )

    _oc2(tables, collection, episodes, people)
    _adoption(tables, collection, child_ids, people)

    for child_id, kind, la, day, month, year in (
        PreviousPermanenceOrder.objects.filter(
            period__child__in=child_ids,
            period__started_on__gte=start,
            period__started_on__lte=reference,
        )
        .order_by("period__child__reference")
        .values_list("period__child_id", "kind", "arranged_by_la", "day", "month", "year")
    ):
        date_perm = ""
        if kind != "Z1":
            date_perm = "/".join(
                (
                    f"{day:02d}" if day else "zz",
                    f"{month:02d}" if month else "zz",
                    f"{year:04d}" if year else "zzzz",
                )
            )
        tables["PrevPerm"].append(
            {
                "CHILD": ref(child_id),
                "DOB": dob(child_id),
                "PREV_PERM": kind,
                "LA_PERM": la,
                "DATE_PERM": date_perm,
            }
        )

    for child_id, kind, left_at, back_at in (
        MissingEpisode.objects.filter(child__in=child_ids, started_at__date__lte=reference)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=start))
        .order_by("child__reference", "started_at")
        .values_list("child_id", "kind", "started_at", "ended_at")
    ):
        end_day = timezone.localdate(back_at) if back_at else None
        tables["Missing"].append(
            {
                "CHILD": ref(child_id),
                "DOB": dob(child_id),
                "MISSING": kind,
                "MIS_START": d(timezone.localdate(left_at)),
                "MIS_END": d(end_day if end_day and end_day <= reference else None),
            }
        )

    for child_id, sw_id, started, ended, reason in _social_worker_episodes(child_ids, collection):
        tables["SWEpisodes"].append(
            {
                "CHILD": ref(child_id),
                "DOB": dob(child_id),
                "SW_ID": sw_id,
                "SW_DECOM": d(started),
                "SW_DEC": d(ended if ended and ended <= reference else None),
                "SW_REASON": reason,
            }
        )

    if "DoLo" in tables:
        for child_id, started, ended in (
            DeprivationOfLibertyOrder.objects.filter(child__in=child_ids, started_on__lte=reference)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            .order_by("child__reference", "started_on")
            .values_list("child_id", "started_on", "ended_on")
        ):
            tables["DoLo"].append(
                {
                    "CHILD": ref(child_id),
                    "DOB": dob(child_id),
                    "DOLO_START": d(started),
                    "DOLO_END": d(ended if ended and ended <= reference else None),
                }
            )
    return tables


def _social_worker_episodes(
    child_ids: list[int], collection: CollectionYear
) -> list[tuple[int, str, dt.date, dt.date | None, str]]:
    """Each child's social worker episodes in the year: (child, SW_ID, start, end, SW_REASON).

    An episode is a run of allocations to the same named worker, each starting the day the one
    before ended: a move between teams with the same worker does not start a new episode. Its
    reason is the one recorded when the worker took the child. Only registered social workers
    (with a Social Work England number) have social worker episodes: an allocation to a personal
    adviser or a family support worker is not one (the table is of social workers, SW01a, SW02).
    """
    episodes: list[tuple[int, str, dt.date, dt.date | None, str]] = []
    last: tuple[int, int, dt.date | None] | None = None  # child, worker, end of the run
    for child_id, worker_id, sw_id, started, ended, reason in (
        Allocation.objects.filter(
            child__in=child_ids, worker__isnull=False, started_on__lte=collection.reference_date
        )
        .exclude(worker__social_worker_id="")
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=collection.start))
        .order_by("child__reference", "started_on", "pk")
        .values_list(
            "child_id", "worker_id", "worker__social_worker_id", "started_on", "ended_on",
            "sw_reason",
        )
    ):  # fmt: skip
        if last is not None and last == (child_id, worker_id, started):
            child, sw, began, _, why = episodes[-1]
            episodes[-1] = (child, sw, began, ended, why)
        else:
            episodes.append((child_id, sw_id, started, ended, reason))
        last = (child_id, worker_id, ended)
    return episodes


def _last_looked_after(episodes: list[Episode], collection: CollectionYear) -> dt.date:
    """The last day of the year the child was looked after: when care ended, or 31 March."""
    ended = [e.dec for e in episodes]
    if not ended or None in ended:
        return collection.reference_date
    return min(collection.reference_date, max(e for e in ended if e is not None))


def _cla12(episodes: list[Episode], collection: CollectionYear) -> bool:
    """Looked after continuously for the 12 months to 31 March (returns.md 2.5, CLA12)."""
    if not episodes:
        return False
    first = episodes[0]
    return (
        first.decom < collection.start
        and all(
            e.dec is None or e.dec > collection.reference_date or e.rec == "X1" for e in episodes
        )
        and not any(e.rne == "S" and e.decom >= collection.start for e in episodes)
        and not any(e.ls in SHORT_BREAKS for e in episodes)
    )


def _oc2(
    tables: Tables,
    collection: CollectionYear,
    episodes: dict[int, list[Episode]],
    people: dict[int, Person],
) -> None:
    start, reference = collection.start, collection.reference_date
    ids = sorted(
        (pk for pk, eps in episodes.items() if _cla12(eps, collection)),
        key=lambda pk: people[pk].reference,
    )
    in_year = {"gte": start, "lte": reference}
    sdq: dict[int, tuple[int | None, str]] = {}
    for child_id, score, reason in (
        SDQScore.objects.filter(child__in=ids, completed_on__range=(start, reference))
        .order_by("completed_on", "pk")
        .values_list("child_id", "score", "reason")
    ):
        sdq[child_id] = (score, reason)
    convicted = set(
        Conviction.objects.filter(
            child__in=ids, convicted_on__range=(start, reference)
        ).values_list("child_id", flat=True)
    )
    checks: dict[int, set[str]] = defaultdict(set)
    for child_id, kind in HealthCheck.objects.filter(
        child__in=ids, checked_on__range=(start, reference), up_to_date=True
    ).values_list("child_id", "kind"):
        checks[child_id].add(kind)
    assessed = set(
        HealthAssessment.objects.filter(
            child__in=ids, completed_on__range=(start, reference)
        ).values_list("child_id", flat=True)
    )
    misuse: dict[int, tuple[bool, bool]] = {}
    for child_id, offered, received in SubstanceMisuse.objects.filter(
        child__in=ids, identified_on__range=(start, reference)
    ).values_list("child_id", "intervention_offered", "intervention_received"):
        was = misuse.get(child_id, (False, False))
        misuse[child_id] = (was[0] or offered, was[1] or received)
    del in_year
    for pk in ids:
        person = people[pk]
        age = _age_on(person.date_of_birth, reference) if person.date_of_birth else None
        score, reason = sdq.get(pk, (None, ""))
        offered, received = misuse.get(pk, (False, False))
        tables["OC2"].append(
            {
                "CHILD": person.reference,
                "DOB": d(person.date_of_birth),
                "SDQ_SCORE": "" if score is None else str(score),
                "SDQ_REASON": reason,
                "CONVICTED": _flag(pk in convicted) if age is None or age >= 10 else "",
                "HEALTH_CHECK": _flag("development" in checks[pk])
                if age is not None and age < 5
                else "",
                "IMMUNISATIONS": _flag("immunisations" in checks[pk]),
                "TEETH_CHECK": _flag("dental" in checks[pk]),
                "HEALTH_ASSESSMENT": _flag(pk in assessed),
                "SUBSTANCE_MISUSE": _flag(pk in misuse),
                "INTERVENTION_RECEIVED": _flag(received) if pk in misuse else "",
                # Offered is asked only when no intervention was received (158, 159).
                "INTERVENTION_OFFERED": _flag(offered) if pk in misuse and not received else "",
            }
        )


def _oc3(tables: Tables, collection: CollectionYear) -> set[int]:
    """Fill OC3; returns the care leavers in it (each needs a Header row, INT06)."""
    latest: dict[int, tuple[str, str, str, str, dt.date | None]] = {}
    for child_id, reference, born, age, in_touch, activity, accommodation in (
        CareLeaverContact.objects.filter(
            birthday_age__gte=17, birthday_age__lte=21, contacted_on__lte=collection.reference_date
        )
        .order_by("child__reference", "contacted_on", "pk")
        .values_list(
            "child_id",
            "child__reference",
            "child__date_of_birth",
            "birthday_age",
            "in_touch",
            "activity",
            "accommodation",
        )
    ):
        if born is None:
            continue
        try:
            birthday = born.replace(year=born.year + age)
        except ValueError:
            birthday = born.replace(year=born.year + age, day=28)
        if collection.contains(birthday):
            latest[child_id] = (reference, in_touch, activity, accommodation, born)
    for reference, in_touch, activity, accommodation, born in sorted(latest.values()):
        # Not in touch: activity and accommodation are coded 0 unless known (153).
        unknown = "0" if in_touch in NOT_IN_TOUCH else ""
        tables["OC3"].append(
            {
                "CHILD": reference,
                "DOB": d(born),
                "IN_TOUCH": in_touch,
                "ACTIV": activity or unknown,
                "ACCOM": accommodation or unknown,
            }
        )
    return set(latest)


def _adoption(
    tables: Tables, collection: CollectionYear, child_ids: list[int], people: dict[int, Person]
) -> None:
    start, reference = collection.start, collection.reference_date
    for child_id, decided, ceased, reason in (
        AdoptionDecision.objects.filter(child__in=child_ids, decided_on__lte=reference)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=start))
        .order_by("child__reference", "decided_on")
        .values_list("child_id", "decided_on", "ceased_on", "reason_ceased")
    ):
        known = ceased if ceased and ceased <= reference else None
        tables["PlacedAdoption"].append(
            {
                "CHILD": people[child_id].reference,
                "DOB": d(people[child_id].date_of_birth),
                "DATE_PLACED": d(decided),
                "DATE_PLACED_CEASED": d(known),
                "REASON_PLACED_CEASED": reason if known else "",
            }
        )
    for match in (
        AdoptionMatch.objects.filter(
            decision__child__in=child_ids, adoption_order_on__range=(start, reference)
        )
        .select_related("decision__child")
        .order_by("decision__child__reference")
    ):
        person = match.decision.child
        tables["AD1"].append(
            {
                "CHILD": person.reference,
                "DOB": d(person.date_of_birth),
                "DATE_INT": d(match.decision.decided_on),
                "DATE_MATCH": d(match.matched_on),
                "FOSTER_CARE": _flag(match.by_foster_carers),
                "NB_ADOPTR": str(match.number_of_adopters),
                "SEX_ADOPTR": match.sex_of_adopters,
                "LS_ADOPTR": match.legal_status_of_adopters,
            }
        )


def table_csv(name: str, rows: Iterable[Row]) -> str:
    """One table as CSV text: the DfE header row, then the rows (blank fields empty)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS[name], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def ssda903_write(*, collection: CollectionYear, folder: Path) -> dict[str, int]:
    """Write each table as `<folder>/<Table>.csv`; returns the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = ssda903_tables(collection=collection)
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(table_csv(name, rows), encoding="utf-8", newline="")
    return {name: len(rows) for name, rows in tables.items()}
