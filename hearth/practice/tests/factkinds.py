"""Small statutory fact kinds for the practice engine's tests, written to a test table.

They do not depend on the domain apps' real facts, so the engine's tests do not move when the
statutory record changes. The table is created inside each test's transaction (`fact_table`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection

from hearth.practice.facts import FactField, FactFieldType, FactKind, fact_kinds, register_fact

TABLE = "practice_test_fact"


def create_table() -> None:
    """Create the test table (in the current transaction, so it rolls back with the test)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "  # noqa: S608 (constant name)
            "(id serial PRIMARY KEY, fact text, child_id bigint, step_id bigint, vals jsonb)"
        )


def rows() -> list[tuple[str, int, dict[str, Any]]]:
    """Every fact written, oldest first: (fact, child id, values)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT fact, child_id, vals FROM {TABLE} ORDER BY id")  # noqa: S608
        return [
            (fact, child, json.loads(v) if isinstance(v, str) else v)
            for fact, child, v in cursor.fetchall()
        ]


def _writer(name: str) -> Any:
    def write(
        *, actor: Any, child: Any, values: Mapping[str, Any], context: Mapping[str, Any]
    ) -> int:
        missing = [
            k for k, f in fact_kinds()[name].fields.items() if f.required and values.get(k) is None
        ]
        if missing:
            raise ValidationError(f"{name} needs {', '.join(missing)}")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (fact, child_id, step_id, vals) VALUES (%s, %s, %s, %s) "  # noqa: S608
                "RETURNING id",
                [name, child.pk, context["step_id"], json.dumps(dict(values), default=str)],
            )
            return int(cursor.fetchone()[0])

    write.__module__ = __name__
    return write


D, T, C, B = FactFieldType.DATE, FactFieldType.TEXT, FactFieldType.CODE, FactFieldType.BOOLEAN

KINDS: dict[str, dict[str, FactField]] = {
    "test_referral": {
        "referral_date": FactField(D, required=True),
        "source": FactField(C, required=True, codes=("1A", "2A", "6", "8")),
    },
    "test_assessment_start": {"started_on": FactField(D, required=True)},
    "test_assessment": {"authorised_on": FactField(D, required=True)},
    "test_visit": {
        "visit_date": FactField(D, required=True),
        "seen_alone": FactField(B, required=True),
    },
    "test_closure": {
        "closure_date": FactField(D, required=True),
        "reason": FactField(C, required=True, codes=("RC7", "RC8")),
    },
}

for _name, _fields in KINDS.items():
    if _name not in fact_kinds():
        register_fact(_name, description=f"Test fact {_name}", fields=_fields)(_writer(_name))


def kinds() -> dict[str, FactKind]:
    """The test fact kinds only (for `check_model(facts=...)`)."""
    return {name: fact_kinds()[name] for name in KINDS}
