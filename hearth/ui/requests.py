"""Small helpers for views."""

from __future__ import annotations

from django.http import HttpRequest

from hearth.organisation.models import Worker


def current_worker(request: HttpRequest) -> Worker:
    """The signed-in worker. LoginRequiredMiddleware guarantees one on every non-open page."""
    user = request.user
    if not isinstance(user, Worker):
        raise PermissionError("No signed-in worker")
    return user
