"""The organisation page for administrators: teams, their managers, and workers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.access.rules import can_manage_organisation
from hearth.organisation.selectors import team_list, worker_list
from hearth.ui.requests import current_worker


def overview(request: HttpRequest) -> HttpResponse:
    """Every team (with its service, managers and size) and every worker (with their teams)."""
    if not can_manage_organisation(current_worker(request)):
        raise PermissionDenied("Only administrators manage the organisation")
    return render(
        request,
        "organisation/overview.html",
        {"teams": team_list(), "workers": worker_list(), "page_title": "Teams and workers"},
    )
