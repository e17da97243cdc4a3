"""The one read path for people's records: which people a worker may see.

Every page, list, search and export that shows a person builds on `visible_people`. The rules:

* a worker whose account is inactive, or whose employment has ended (or not yet started), sees
  nobody;
* a worker sees the children allocated (today) to any team they belong to (today), and the people
  linked to those children by a relationship, recorded on either side and whether or not the
  relationship has ended (a child's file includes past partners and carers);
* members of a council-wide team (the front door), administrators and performance analysts see
  everybody;
* nobody sees a sealed record without an explicit, unexpired, unrevoked `AccessGrant`, whatever
  their role; a grant alone is enough (the worker need not be in an allocated team). Superuser
  and staff status are never consulted (stack.md, gotcha 1).

Sealed addresses of a visible person are hidden the same way: see `visible_addresses`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access.models import AccessGrant
from hearth.casework.models import Allocation
from hearth.organisation.models import Role, TeamMembership, TeamScope, Worker
from hearth.people.models import Address, Person, Relationship

COUNCIL_WIDE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PERFORMANCE_ANALYST})


def is_working(worker: Worker) -> bool:
    """Whether the worker may see anything today: an active account within their employment."""
    if not worker.is_authenticated or not worker.is_active:
        return False
    return worker.is_employed_on(timezone.localdate())


def current_memberships(worker: Worker) -> QuerySet[TeamMembership]:
    """The worker's team memberships that are in force today."""
    today = timezone.localdate()
    return TeamMembership.objects.filter(worker=worker, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def current_team_ids(worker: Worker) -> QuerySet[TeamMembership, int]:
    """Ids of the teams the worker belongs to today."""
    return current_memberships(worker).values_list("team_id", flat=True)


def managed_team_ids(worker: Worker) -> QuerySet[TeamMembership, int]:
    """Ids of the teams the worker manages today."""
    return current_memberships(worker).filter(is_manager=True).values_list("team_id", flat=True)


def has_council_wide_reach(worker: Worker) -> bool:
    """Whether the worker sees every unsealed record, by role or through a council-wide team."""
    if worker.role in COUNCIL_WIDE_ROLES:
        return True
    return current_team_ids(worker).filter(team__scope=TeamScope.COUNCIL).exists()


def granted_person_ids(worker: Worker) -> QuerySet[AccessGrant, int]:
    """Ids of the sealed records the worker holds a live grant for."""
    return AccessGrant.objects.filter(
        worker=worker, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).values_list("person_id", flat=True)


def current_allocations(
    team_ids: Iterable[int] | QuerySet[TeamMembership, int],
) -> QuerySet[Allocation]:
    """Allocations in force today to any of the given teams."""
    today = timezone.localdate()
    return Allocation.objects.filter(team_id__in=team_ids, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def reached_by_teams(team_ids: Iterable[int] | QuerySet[TeamMembership, int]) -> Q:
    """People a team reaches: children allocated to it today, and anyone related to them."""
    allocated = current_allocations(team_ids)
    reached = Q(Exists(allocated.filter(child_id=OuterRef("pk"))))
    reached |= Q(
        Exists(
            Relationship.objects.filter(other_id=OuterRef("pk")).filter(
                Exists(allocated.filter(child_id=OuterRef("person_id")))
            )
        )
    )
    reached |= Q(
        Exists(
            Relationship.objects.filter(person_id=OuterRef("pk")).filter(
                Exists(allocated.filter(child_id=OuterRef("other_id")))
            )
        )
    )
    return reached


def visible_people(worker: Worker) -> QuerySet[Person]:
    """Every person the worker may see. Start every read of people's records here."""
    if not is_working(worker):
        return Person.objects.none()
    granted = Q(id__in=granted_person_ids(worker))
    if has_council_wide_reach(worker):
        return Person.objects.filter(Q(is_sealed=False) | granted)
    reached = Q(is_sealed=False) & reached_by_teams(current_team_ids(worker))
    return Person.objects.filter(reached | granted)


def visible_addresses(worker: Worker) -> QuerySet[Address]:
    """Addresses of visible people; a sealed one (a refuge, an adoptive home) only with a grant."""
    return Address.objects.filter(person__in=visible_people(worker)).filter(
        Q(is_sealed=False) | Q(person_id__in=granted_person_ids(worker))
    )


def person_in_managed_reach(worker: Worker, person: Person) -> bool:
    """Whether `person` is reached by a team the worker manages today (a team manager's reach)."""
    if not is_working(worker):
        return False
    return (
        Person.objects.filter(pk=person.pk)
        .filter(reached_by_teams(managed_team_ids(worker)))
        .exists()
    )


def child_allocated_to_managed_team(worker: Worker, person: Person) -> bool:
    """Whether `person` is allocated today to a team the worker manages."""
    if not is_working(worker):
        return False
    return current_allocations(managed_team_ids(worker)).filter(child=person).exists()


def grant_list(*, person: Person) -> QuerySet[AccessGrant]:
    """Every grant ever made for `person`'s sealed record, newest first (for administrators)."""
    return (
        AccessGrant.objects.filter(person=person)
        .select_related("worker", "granted_by")
        .order_by("-granted_at", "-id")
    )


def sealed_people_list() -> QuerySet[Person]:
    """Sealed records, for the administrators who manage grants. Shows references only."""
    return Person.objects.filter(is_sealed=True).only("id", "reference").order_by("reference")
