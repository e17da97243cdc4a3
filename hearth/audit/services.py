"""Writes to the audit trail: the read audit and the links of the hash chain."""

from __future__ import annotations

from django.conf import settings
from django.db import connections, transaction

from hearth.audit.chain import LINK_SIZE, audit_sources, link_hash, quote, range_digest
from hearth.audit.models import GENESIS_HASH, AccessPurpose, AuditSeal, RecordAccess
from hearth.organisation.models import Worker
from hearth.people.models import Person


def audit_database_alias() -> str:
    """The database alias the read audit is written through.

    Normally `audit`, a separate autocommit connection, so the record of a view survives even if
    the request that showed the record fails afterwards (stack.md, gotcha 11).

    Under a test database the `audit` alias is a test mirror of `default` but a separate
    connection, so its rows would commit and outlive each test; there the log is written on
    `default` and rolls back with the test. A test that proves the separate connection sets
    `HEARTH_AUDIT_DATABASE = "audit"` (see `hearth/audit/tests/test_services.py`).
    """
    configured: str | None = getattr(settings, "HEARTH_AUDIT_DATABASE", None)
    if configured:
        return configured
    default = connections["default"].settings_dict
    if default["NAME"] == default.get("TEST", {}).get("NAME"):
        return "default"
    return "audit"


def record_access_write(
    *, worker: Worker, person: Person, purpose: AccessPurpose, path: str = ""
) -> RecordAccess:
    """Log that `worker` opened `person`'s record for `purpose`.

    Written through the `audit` alias, which autocommits: the record of a view survives even if the
    request that showed the record fails afterwards.
    """
    return RecordAccess.objects.using(audit_database_alias()).create(
        worker_id=worker.pk,
        worker_name=worker.display_name,
        person_id=person.pk,
        purpose=purpose,
        path=path[:300],
    )


def audit_chain_seal() -> list[AuditSeal]:
    """Append links to the hash chain covering every audit row written since the last seal.

    Run periodically (`hearth audit seal`), and publish the head hash outside the database.
    Each table is sealed in its own transaction holding two locks:

    * `EXCLUSIVE` on the seal table, so two seal runs cannot fork the chain;
    * `SHARE` on the audit table, which waits for transactions still writing to it to commit and
      holds new writers back for the moment hashing takes. Without it, a row with a lower id
      could commit after a higher one had been sealed and fall outside the chain.

    Only one audit table is locked at a time, so the seal cannot deadlock with application writes.
    """
    created: list[AuditSeal] = []
    for source in audit_sources():
        with transaction.atomic(), connections["default"].cursor() as cursor:
            cursor.execute(f"LOCK TABLE {quote(AuditSeal._meta.db_table)} IN EXCLUSIVE MODE")
            cursor.execute(f"LOCK TABLE {quote(source.table)} IN SHARE MODE")
            last_here = AuditSeal.objects.filter(source=source.table).order_by("-to_id").first()
            head = AuditSeal.objects.order_by("-id").first()
            from_id = last_here.to_id if last_here else 0
            previous_hash = head.hash if head else GENESIS_HASH
            columns = list(source.columns)
            pk = quote(source.pk_column)
            while True:
                cursor.execute(
                    f"SELECT max(pk) FROM (SELECT {pk} AS pk FROM {quote(source.table)} "  # noqa: S608
                    f"WHERE {pk} > %s ORDER BY {pk} LIMIT %s) batch",
                    [from_id, LINK_SIZE],
                )
                to_id = cursor.fetchone()[0]
                if to_id is None:
                    break
                count, digest = range_digest(
                    cursor,
                    table=source.table,
                    pk_column=source.pk_column,
                    columns=columns,
                    context_column=source.context_column,
                    from_id=from_id,
                    to_id=to_id,
                )
                seal = AuditSeal.objects.create(
                    source=source.table,
                    from_id=from_id,
                    to_id=to_id,
                    row_count=count,
                    columns=columns,
                    digest=digest,
                    previous_hash=previous_hash,
                    hash=link_hash(
                        cursor,
                        previous_hash=previous_hash,
                        source=source.table,
                        from_id=from_id,
                        to_id=to_id,
                        row_count=count,
                        columns=columns,
                        digest=digest,
                    ),
                )
                created.append(seal)
                previous_hash, from_id = seal.hash, to_id
    return created
