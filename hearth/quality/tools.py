"""Audit tools: the questions and grades a case audit is recorded against, read from YAML.

A tool is a YAML file (see `audit_tools/` for the shipped ones, and docs/adr/0005) naming its
`key`, `version`, `title`, its `questions` (each with a stable `key` and its `text`) and, if it
does not use Ofsted's four-point scale, its own `grades` (best first). The council adds or
changes a tool without code by dropping a new file (a new `version` of the same `key`) into
`audit_tools/` or into a folder named by `settings.HEARTH_AUDIT_TOOLS_DIRS`.

A version is immutable once audits use it: when an audit is recorded, the version's definition is
copied into the database (`AuditToolVersion`, through `services.audit_tool_version_publish`), and
every audit points at that copy, so past audits keep the questions they were graded on even if
the file is later edited or removed. Publishing a changed file under a version number already used
is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SHIPPED_TOOLS = Path(__file__).resolve().parent / "audit_tools"


class Grade(BaseModel):
    """One point on a grading scale, `code` stored, `label` shown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str = Field(min_length=1, max_length=120)


# Ofsted's four-point judgement scale (ILACS), best first.
OFSTED_GRADES: tuple[Grade, ...] = (
    Grade(code="outstanding", label="Outstanding"),
    Grade(code="good", label="Good"),
    Grade(code="requires-improvement", label="Requires improvement to be good"),
    Grade(code="inadequate", label="Inadequate"),
)


class Question(BaseModel):
    """One question of a tool. `key` stays the same across versions when the question does."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")
    text: str = Field(min_length=1, max_length=500)
    hint: str = ""


class ToolDefinition(BaseModel):
    """A whole tool version, as written in its YAML file and as copied into the database."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    grades: tuple[Grade, ...] = OFSTED_GRADES
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> ToolDefinition:
        for name, codes in (
            ("question key", [q.key for q in self.questions]),
            ("grade code", [g.code for g in self.grades]),
        ):
            repeated = sorted({c for c in codes if codes.count(c) > 1})
            if repeated:
                raise ValueError(f"Each {name} must be used once: {', '.join(repeated)} repeated")
        if len(self.grades) < 2:  # noqa: PLR2004 - a scale needs at least two points
            raise ValueError("A tool needs at least two grades")
        return self

    def grade_label(self, code: str) -> str:
        """The label of grade `code` on this tool's scale (the code itself if unknown)."""
        return next((g.label for g in self.grades if g.code == code), code)

    def question_text(self, key: str) -> str:
        return next((q.text for q in self.questions if q.key == key), key)


class ToolFileError(ValueError):
    """A tool file that cannot be read, with the file named in the message."""


@dataclass(frozen=True)
class ToolFile:
    path: Path
    definition: ToolDefinition


def tool_dirs() -> list[Path]:
    """The shipped tools folder, then any the council adds in settings."""
    extra: list[str] = list(getattr(settings, "HEARTH_AUDIT_TOOLS_DIRS", []))
    return [SHIPPED_TOOLS, *(Path(p) for p in extra)]


def definition_from_data(data: Any) -> ToolDefinition:
    """Validate a parsed definition (from YAML, or a copy held in the database)."""
    return ToolDefinition.model_validate(data)


def load_file(path: Path) -> ToolDefinition:
    """Read and validate one tool file; `ToolFileError` names the file and every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return definition_from_data(data)
    except yaml.YAMLError as error:
        raise ToolFileError(f"{path.name}: not valid YAML ({error})") from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in error.errors()
        )
        raise ToolFileError(f"{path.name}: {problems}") from error


def tool_files() -> list[ToolFile]:
    """Every tool version on disk, by key then version. Two files for one version are an error."""
    found: dict[tuple[str, int], ToolFile] = {}
    for folder in tool_dirs():
        for path in sorted(folder.glob("*.yaml")):
            definition = load_file(path)
            slot = (definition.key, definition.version)
            if slot in found:
                raise ToolFileError(
                    f"{path.name}: {definition.key} version {definition.version} is also "
                    f"defined in {found[slot].path.name}"
                )
            found[slot] = ToolFile(path=path, definition=definition)
    return [found[slot] for slot in sorted(found)]


def current_tools() -> list[ToolDefinition]:
    """The newest version of each tool on disk: the ones offered for new audits."""
    newest: dict[str, ToolDefinition] = {}
    for tool in tool_files():
        newest[tool.definition.key] = tool.definition
    return sorted(newest.values(), key=lambda d: d.title)


def current_tool(key: str) -> ToolDefinition:
    """The newest version of the tool `key`; KeyError when there is none."""
    for definition in current_tools():
        if definition.key == key:
            return definition
    raise KeyError(key)
