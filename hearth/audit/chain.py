"""The hash chain over the audit trail: which tables it covers and how a range of rows is hashed.

The chain covers the read audit (`RecordAccess`) and every pghistory event table (discovered at
run time, so event tables added by other apps are covered without changes here). A link
(`AuditSeal`) hashes the rows of one table in an id range. Each row is hashed by PostgreSQL as the
canonical `jsonb` text of the columns recorded in the link, together with the metadata of the
row's pghistory context (who changed it and why), so editing the who-and-why breaks the chain too.

Recording the column list in each link means a later migration that adds a column to an event
table does not break verification of links sealed before it.

`hearth.audit.services.audit_chain_seal` appends links; `hearth.audit.selectors.audit_chain_verify`
checks them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pghistory.models
from django.apps import apps
from django.db import connection
from django.db.backends.utils import CursorWrapper

from hearth.audit.models import RecordAccess

# How many rows one link covers at most: bounds the memory one hash needs and narrows down where
# tampering happened.
LINK_SIZE = 10_000


@dataclass(frozen=True)
class AuditSource:
    """One append-only table covered by the chain."""

    table: str
    pk_column: str
    columns: tuple[str, ...]
    context_column: str | None


def audit_sources() -> list[AuditSource]:
    """Every table the chain covers, in a fixed order (by table name)."""
    sources = [
        AuditSource(
            table=RecordAccess._meta.db_table,
            pk_column="id",
            columns=tuple(f.column for f in RecordAccess._meta.concrete_fields),
            context_column=None,
        )
    ]
    for model in apps.get_models():
        if not issubclass(model, pghistory.models.Event) or model._meta.proxy:
            continue
        if not model._meta.managed:
            continue
        columns = tuple(f.column for f in model._meta.concrete_fields)
        sources.append(
            AuditSource(
                table=model._meta.db_table,
                pk_column=model._meta.pk.column,
                columns=columns,
                context_column="pgh_context_id" if "pgh_context_id" in columns else None,
            )
        )
    return sorted(sources, key=lambda s: s.table)


def quote(name: str) -> str:
    """Quote an identifier (table or column names come from Django's model metadata)."""
    return connection.ops.quote_name(name)


def range_digest(
    cursor: CursorWrapper,
    *,
    table: str,
    pk_column: str,
    columns: list[str],
    context_column: str | None,
    from_id: int,
    to_id: int,
) -> tuple[int, str]:
    """Row count and SHA-256 digest of the rows of `table` with ids in (`from_id`, `to_id`].

    Runs under UTC so timestamps render the same whoever runs it.
    """
    context = "'{}'::jsonb"
    if context_column:
        # The column name comes from model metadata and is quoted.
        context = (
            "coalesce((SELECT c.metadata FROM pghistory_context c "  # noqa: S608
            f"WHERE c.id = t.{quote(context_column)}), 'null'::jsonb)"
        )
    # Identifiers come from model metadata, quoted; values are parameters.
    sql = f"""
        SELECT count(*)::integer,
               encode(sha256(convert_to(coalesce(string_agg(r.h, '' ORDER BY r.pk), ''),
                                        'UTF8')), 'hex')
        FROM (
            SELECT t.{quote(pk_column)} AS pk,
                   encode(sha256(convert_to((
                       jsonb_build_object(
                           'row', (SELECT coalesce(jsonb_object_agg(j.key, j.value), '{{}}')
                                   FROM jsonb_each(to_jsonb(t)) j
                                   WHERE j.key = ANY(%s::text[])),
                           'context', {context})
                   )::text, 'UTF8')), 'hex') AS h
            FROM {quote(table)} t
            WHERE t.{quote(pk_column)} > %s AND t.{quote(pk_column)} <= %s
        ) r
    """  # noqa: S608
    cursor.execute("SET LOCAL TIME ZONE 'UTC'")
    cursor.execute(sql, [columns, from_id, to_id])
    count, digest = cursor.fetchone()
    return int(count), str(digest)


def link_hash(
    cursor: CursorWrapper,
    *,
    previous_hash: str,
    source: str,
    from_id: int,
    to_id: int,
    row_count: int,
    columns: list[str],
    digest: str,
) -> str:
    """The hash of one link: SHA-256 over the previous link's hash and this link's fields."""
    message = "|".join(
        [previous_hash, source, str(from_id), str(to_id), str(row_count), ",".join(columns), digest]
    )
    cursor.execute("SELECT encode(sha256(convert_to(%s, 'UTF8')), 'hex')", [message])
    return str(cursor.fetchone()[0])
