"""Reading a practice model folder into pydantic models, keeping the file and line of everything.

`load_folder` gathers model.yaml, steps/*.yaml and forms/*.yaml into one tree (each part still
knowing its own file), validates the shape of the header and of each step separately, and turns
every pydantic error into a `Problem` with file and line. A broken step does not hide the problems
of the others: `hearth.practice.checks` then runs the cross-step checks on the steps that loaded.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from hearth.practice import schema
from hearth.practice.yamlsource import LineDict, LineList, Problem, load_yaml, locate

MODEL_FILE = "model.yaml"


@dataclass
class LoadResult:
    """What could be read of a model folder, and what was wrong with it."""

    root: LineDict
    folder: str
    header: schema.ModelHeader | None = None
    # Steps that loaded, with their index in `root["steps"]` (for locating problems).
    steps: list[tuple[int, schema.StepType]] = field(default_factory=list)
    # The id each step file declares, loaded or not, so an outcome leading to a broken step is
    # not reported as leading nowhere.
    declared_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, loc: tuple[Any, ...], message: str) -> None:
        """Record a problem at `loc` (a path of keys and indexes from the root)."""
        file, line = locate(self.root, loc, default_file=f"{self.folder}/{MODEL_FILE}")
        self.problems.append(Problem(file, line, message))


def _known_keys() -> set[str]:
    keys: set[str] = set()
    for value in vars(schema).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            for name, info in value.model_fields.items():
                keys.add(info.alias or name)
    return keys


_KNOWN_KEYS = _known_keys()


def _message(error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    last = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(last), _KNOWN_KEYS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {last!r}{hint}"
    if kind == "missing":
        return f"missing required key {last!r}"
    text = str(error["msg"])
    text = text.removeprefix("Value error, ")
    return f"{last}: {text}" if isinstance(last, str) and kind != "value_error" else text


def _validate(
    result: LoadResult, model: type[BaseModel], data: Any, prefix: tuple[Any, ...]
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            result.problem((*prefix, *item["loc"]), _message(item))
        return None


def _salvage_step(result: LoadResult, raw: LineDict, prefix: tuple[Any, ...]) -> Any:
    """Validate a step; if parts of it are broken, report them and check the rest without them.

    Dropping the broken top-level keys (a bad timescale, a typo'd key) lets the cross-step checks
    still see the step's id, form and outcomes, so one mistake does not hide the others.
    """
    data = dict(raw)
    for _ in range(len(raw) + 1):
        try:
            return schema.StepType.model_validate(data)
        except ValidationError as error:
            broken = {item["loc"][0] for item in error.errors() if item["loc"]}
            for item in error.errors():
                if (
                    item["loc"]
                    and item["loc"][0] in data
                    or not item["loc"]
                    or item["type"] == "missing"
                ):
                    result.problem((*prefix, *item["loc"]), _message(item))
            if not broken or broken & {"id", "title"} or not broken <= data.keys():
                return None
            data = {key: value for key, value in data.items() if key not in broken}
    return None


def _mapping(result: LoadResult, path: Path, name: str, what: str) -> LineDict | None:
    data, problems = load_yaml(path, name)
    result.problems.extend(problems)
    if data is None and problems:
        return None
    if not isinstance(data, LineDict):
        result.problems.append(Problem(name, 1, f"{what} must be a YAML mapping of keys"))
        return None
    return data


def _yaml_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def load_folder(path: Path | str) -> LoadResult:  # noqa: PLR0912 (one pass over the folder)
    """Read and shape-check the practice model in the folder `path`."""
    folder = Path(path)
    label = str(path).rstrip("/")
    root = LineDict()
    root.file, root.line, root.key_lines = f"{label}/{MODEL_FILE}", 1, {}
    result = LoadResult(root=root, folder=label)
    if not (folder / MODEL_FILE).is_file():
        result.problems.append(
            Problem(root.file, 1, f"no {MODEL_FILE} here: is {label} a practice model folder?")
        )
        return result
    header_raw = _mapping(result, folder / MODEL_FILE, root.file, MODEL_FILE)
    if header_raw is None:
        return result
    root.update(header_raw)
    root.key_lines = dict(header_raw.key_lines)

    steps = LineList()
    steps.file = root.file
    inline = header_raw.get("steps")
    steps.line = root.key_lines.get("steps", 1)
    steps.item_lines = []
    if isinstance(inline, LineList):
        steps.extend(inline)
        steps.item_lines.extend(inline.item_lines)
    for step_path in _yaml_files(folder / "steps"):
        raw = _mapping(result, step_path, f"{label}/steps/{step_path.name}", "a step file")
        if raw is not None:
            steps.append(raw)
            steps.item_lines.append(1)
    root["steps"] = steps
    root.key_lines.setdefault("steps", 1)

    forms: dict[str, LineDict | None] = {}
    for index, raw in enumerate(steps):
        if not isinstance(raw, LineDict):
            result.problem(("steps", index), "a step must be a YAML mapping of keys")
            continue
        form_ref = raw.get("form")
        if isinstance(form_ref, str):
            if form_ref not in forms:
                form_path = folder / "forms" / f"{form_ref}.yaml"
                forms[form_ref] = (
                    _mapping(result, form_path, f"{label}/forms/{form_path.name}", "a form file")
                    if form_path.is_file()
                    else None
                )
            if forms[form_ref] is None:
                result.problem(
                    ("steps", index, "form"),
                    f"form {form_ref!r} not found: expected {label}/forms/{form_ref}.yaml",
                )
                raw["form"] = {}
            else:
                raw["form"] = forms[form_ref]

    result.header = _validate(
        result, schema.ModelHeader, {k: v for k, v in root.items() if k != "steps"}, ()
    )
    for index, raw in enumerate(steps):
        if not isinstance(raw, LineDict):
            result.declared_ids.append("")
            continue
        result.declared_ids.append(str(raw.get("id", "")))
        step = _salvage_step(result, raw, ("steps", index))
        if step is not None:
            result.steps.append((index, step))
    if not steps:
        result.problem(("steps",), "the model has no steps: add one file per step type in steps/")
    return result
