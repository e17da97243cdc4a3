"""The one read path for people's records: which people a worker may see.

Every page, list, search and export that shows a person builds on `visible_people`. The rules:

* a worker sees the children allocated (now) to any team they belong to (now), and the people
  linked to those children by a relationship;
* members of a council-wide team (the front door), administrators and performance analysts see
  everybody;
* nobody sees a sealed record without an explicit, unexpired, unrevoked `AccessGrant`, whatever
  their role. Superuser status is never consulted (stack.md, gotcha 1).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access.models import AccessGrant
from hearth.casework.models import Allocation
from hearth.organisation.models import Role, TeamMembership, TeamScope, Worker
from hearth.people.models import Person, Relationship

COUNCIL_WIDE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PERFORMANCE_ANALYST})


def current_team_ids(worker: Worker) -> QuerySet[TeamMembership, int]:
    """Ids of the teams the worker belongs to today."""
    today = timezone.localdate()
    return (
        TeamMembership.objects.filter(worker=worker, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("team_id", flat=True)
    )


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


def visible_people(worker: Worker) -> QuerySet[Person]:
    """Every person the worker may see. Start every read of people's records here."""
    if not worker.is_authenticated or not worker.is_active:
        return Person.objects.none()
    not_sealed_or_granted = Q(is_sealed=False) | Q(id__in=granted_person_ids(worker))
    people = Person.objects.filter(not_sealed_or_granted)
    if has_council_wide_reach(worker):
        return people
    teams = current_team_ids(worker)
    allocated = Allocation.objects.filter(ended_on__isnull=True, team_id__in=teams)
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
    return people.filter(reached)
