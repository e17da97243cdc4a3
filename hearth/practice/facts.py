"""Statutory facts: the bridge from a council's practice model to the fixed statutory record.

A practice model (YAML, configurable per council) says *how* work is done: steps, forms, order,
routing. The statutory record (typed tables in the domain apps: referrals, assessments, s47
enquiries, conferences, plans, visits, ...) says *what happened*, in the terms of the law and the
DfE returns. Each step type in a practice model declares which statutory facts it writes and maps
its form answers onto the fields of those facts. Outputs (returns, KPIs, chronology) read only the
statutory record, so a new practice model never breaks a return.

The domain apps register the fact kinds they own with `register_fact`, from their `facts.py`
module (imported by their AppConfig.ready). The practice engine validates models against this
registry (`hearth practice check`) and calls the writer when a step is completed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class FactFieldType(StrEnum):
    """The types a statutory fact field can take; form answers are checked against them."""

    DATE = "date"
    DATETIME = "datetime"
    TEXT = "text"
    CODE = "code"  # one of `codes`
    CODES = "codes"  # several of `codes`
    BOOLEAN = "boolean"
    INTEGER = "integer"


@dataclass(frozen=True)
class FactField:
    """One field of a statutory fact."""

    type: FactFieldType
    required: bool = False
    codes: tuple[str, ...] = ()
    description: str = ""


class FactWriter(Protocol):
    """A service that writes one statutory fact for one child and returns the record written.

    `context` carries what the engine knows about the step: at least `case_id` (the practice case),
    `step_id` (the step instance) and `occurred_on` (the date the step's event happened).
    """

    def __call__(
        self, *, actor: Any, child: Any, values: Mapping[str, Any], context: Mapping[str, Any]
    ) -> Any: ...


@dataclass(frozen=True)
class FactKind:
    """A kind of statutory fact, e.g. "referral" or "cp_plan_start"."""

    name: str
    description: str
    fields: Mapping[str, FactField]
    writer: FactWriter
    owner_app: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, FactKind] = {}


def register_fact(
    name: str, *, description: str, fields: Mapping[str, FactField]
) -> Callable[[FactWriter], FactWriter]:
    """Register the decorated service as the writer of the statutory fact `name`."""

    def decorate(writer: FactWriter) -> FactWriter:
        if name in _REGISTRY and _REGISTRY[name].writer is not writer:
            raise ValueError(f"Statutory fact {name!r} is registered twice")
        module = getattr(writer, "__module__", "")
        _REGISTRY[name] = FactKind(
            name=name,
            description=description,
            fields=dict(fields),
            writer=writer,
            owner_app=module.rsplit(".", 1)[0],
        )
        return writer

    return decorate


def fact_kinds() -> Mapping[str, FactKind]:
    """Every registered statutory fact kind, by name."""
    return dict(_REGISTRY)


def fact_kind(name: str) -> FactKind:
    """One fact kind; KeyError if no domain app registers it."""
    return _REGISTRY[name]
