"""Writes to the audit trail."""

from __future__ import annotations

from hearth.audit.models import AccessPurpose, RecordAccess
from hearth.organisation.models import Worker
from hearth.people.models import Person


def record_access_write(
    *, worker: Worker, person: Person, purpose: AccessPurpose, path: str = ""
) -> RecordAccess:
    """Log that `worker` opened `person`'s record for `purpose`.

    Written through the `audit` alias, which autocommits: the record of a view survives even if the
    request that showed the record fails afterwards.
    """
    return RecordAccess.objects.using("audit").create(
        worker_id=worker.pk,
        worker_name=worker.display_name,
        person_id=person.pk,
        purpose=purpose,
        path=path[:300],
    )
