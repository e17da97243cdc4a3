"""Who changed a record and why: the pghistory context every service write must carry.

Every tracked change (pghistory event) points at a context row holding `user` (the worker's id)
and `reason`. Services wrap their writes in `change_context`:

    @transaction.atomic
    def address_add(*, actor: Worker, person: Person, ..., reason: str) -> Address:
        with change_context(actor, reason):
            return Address.objects.create(...)

Why not plain `pghistory.context(user=..., reason=...)`? pghistory nests contexts by *merging*
metadata into the outer context, and the request middleware opens one context per request. Two
service calls in one request with different reasons would share one context row, and the second
reason would overwrite the first, so the first change would appear to have been made for the
wrong reason. `change_context` gives each service write its own context row instead, keeping the
outer metadata (the request's URL) and restoring the outer context afterwards.

This relies on pghistory's thread-local tracker (`pghistory.runtime._tracker`), a private detail
of django-pghistory 3.9.2; `hearth/audit/tests/test_context.py` pins the behaviour so an upgrade
that changes it fails loudly.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pghistory
from pghistory import runtime

from hearth.organisation.models import Worker

MAX_REASON_LENGTH = 500


class MissingReasonError(ValueError):
    """A change to tracked data was attempted without saying why."""


@contextmanager
def change_context(actor: Worker, reason: str, **extra: Any) -> Iterator[uuid.UUID]:
    """Record the changes made inside the block as made by `actor`, for `reason`.

    Yields the context id (the `pgh_context_id` of every event written inside the block).
    `reason` is required: a blank reason raises `MissingReasonError` before anything is written.
    """
    reason = reason.strip()
    if not reason:
        raise MissingReasonError("A change to a record needs a reason")
    metadata: dict[str, Any] = {
        **extra,
        "user": actor.pk,
        "worker_name": actor.display_name,
        "reason": reason[:MAX_REASON_LENGTH],
    }
    outer = getattr(runtime._tracker, "value", None)  # noqa: SLF001 (see module docstring)
    if outer is None:
        with pghistory.context(**metadata) as ctx:
            yield ctx.id
        return
    # Inside an existing context (the request middleware's, or an outer service's): start a
    # fresh context row, keeping the outer metadata (such as the URL) beneath our own, so that
    # this write's who and why are not merged into (or overwritten by) anybody else's.
    inner = runtime.Context(id=uuid.uuid4(), metadata={**outer.metadata, **metadata})
    runtime._tracker.value = inner  # noqa: SLF001
    try:
        yield inner.id
    finally:
        runtime._tracker.value = outer  # noqa: SLF001
