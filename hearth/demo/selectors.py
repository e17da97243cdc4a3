"""Reads about the demo council."""

from __future__ import annotations

DEMO_PASSWORD = "hearth-demo-password"  # noqa: S105 (a published demo credential, not a secret)


def demo_sign_ins() -> list[tuple[str, str, str]]:
    """(role, username, password) for one demo worker in each role, for the sign-in banner."""
    from hearth.organisation.models import Role, Worker  # noqa: PLC0415

    rows = []
    for role in Role:
        worker = (
            Worker.objects.filter(role=role, username__startswith="demo.").order_by("pk").first()
        )
        if worker:
            rows.append((role.label, worker.username, DEMO_PASSWORD))
    return rows
