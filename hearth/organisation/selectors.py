"""Reads of the organisation: teams, workers and who is in which team."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from hearth.organisation.models import Service, Team, TeamMembership, Worker


def _current(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}started_on__lte": today}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": today})
    )


def service_list() -> QuerySet[Service]:
    """Every service, by name."""
    return Service.objects.order_by("name")


def team_list() -> QuerySet[Team]:
    """Every team with its service, the number of current members, and its current managers."""
    managers = TeamMembership.objects.filter(_current(), is_manager=True).select_related("worker")
    return (
        Team.objects.select_related("service")
        .annotate(member_count=Count("memberships", filter=_current("memberships__")))
        .prefetch_related(Prefetch("memberships", queryset=managers, to_attr="current_managers"))
        .order_by("service__name", "name")
    )


def worker_list() -> QuerySet[Worker]:
    """Every worker, with their current team memberships."""
    current = TeamMembership.objects.filter(_current()).select_related("team")
    return Worker.objects.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    ).order_by("last_name", "first_name", "username")


def team_members(*, team: Team) -> QuerySet[TeamMembership]:
    """The team's memberships in force today, managers first."""
    return (
        TeamMembership.objects.filter(_current(), team=team)
        .select_related("worker")
        .order_by("-is_manager", "worker__last_name")
    )
