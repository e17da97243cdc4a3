"""Published definitions: the parsed practice model of a stored version, and which one is active.

A council chooses its practice model in configuration, never in code:

    HEARTH_PRACTICE_MODEL = "restorative"      # the newest published version of that model
    HEARTH_PRACTICE_MODEL = "risk_focused@2"   # or one version exactly

Changing it affects cases opened from then on; cases in flight stay on their version until
`hearth practice migrate` moves them.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from django.conf import settings

from hearth.paths import PROJECT_DIR
from hearth.practice.models import PracticeModelVersion
from hearth.practice.schema import PracticeModel, StepType

DEFAULT_MODEL = "restorative"
SHIPPED_MODELS_DIR = PROJECT_DIR / "practice_models"


class PracticeModelNotPublishedError(LookupError):
    """The configured practice model has no published version in this database."""


def canonical_json(definition: dict[str, Any]) -> str:
    """The one JSON spelling of a definition, so equal models hash equal."""
    return json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(definition: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of a definition."""
    return hashlib.sha256(canonical_json(definition).encode()).hexdigest()


@lru_cache(maxsize=64)
def _parse(content_hash: str, text: str) -> PracticeModel:
    return PracticeModel.model_validate_json(text)


def model_of(version: PracticeModelVersion) -> PracticeModel:
    """The parsed practice model of a published version (parsed once per process and hash)."""
    return _parse(version.content_hash, canonical_json(version.definition))


def step_type_of(version: PracticeModelVersion, step_type: str) -> StepType:
    """The definition of one step type of a version; KeyError if the version has no such type."""
    found = model_of(version).step(step_type)
    if found is None:
        raise KeyError(f"{version.label} has no step type {step_type!r}")
    return found


def configured_model() -> tuple[str, int | None]:
    """The council's configured practice model name and, if pinned, version."""
    value = str(getattr(settings, "HEARTH_PRACTICE_MODEL", DEFAULT_MODEL))
    name, _, version = value.partition("@")
    return name, int(version) if version else None


def parse_label(label: str) -> tuple[str, int]:
    """`name@version` into its parts; ValueError with a clear message otherwise."""
    name, at, version = label.partition("@")
    if not at or not version.isdigit() or not name:
        raise ValueError(f"{label!r} is not NAME@VERSION, for example restorative@1")
    return name, int(version)


def version_get(name: str, version: int | None = None) -> PracticeModelVersion:
    """A published version (the newest when `version` is None).

    Raises PracticeModelNotPublishedError, saying how to publish it, when there is none.
    """
    versions = PracticeModelVersion.objects.filter(name=name)
    if version is not None:
        versions = versions.filter(version=version)
    found = versions.order_by("-version").first()
    if found is None:
        wanted = f"{name}@{version}" if version is not None else name
        raise PracticeModelNotPublishedError(
            f"Practice model {wanted} is not published: run "
            f"`hearth practice publish practice_models/{name}`"
        )
    return found


def active_version() -> PracticeModelVersion:
    """The version new cases open on: the configured model's newest (or pinned) version."""
    name, version = configured_model()
    return version_get(name, version)
