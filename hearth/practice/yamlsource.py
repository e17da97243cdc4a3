"""YAML that remembers where everything came from, so every problem names a file and a line.

`load_yaml` reads a file with PyYAML's SafeLoader, but builds mappings and sequences that carry
the file name and the line of each key and item (`LineDict`, `LineList`). `locate` walks such a
tree along a path of keys and indexes (a pydantic error location, or one our own checks build)
and answers with the file and line of the deepest part of that path that exists.

Two deliberate differences from plain YAML 1.1:

* only `true` and `false` are booleans (as in YAML 1.2). Practice models are full of choices
  called `yes`, `no`, `on` and `off`; YAML 1.1 would silently turn them into True and False.
* a key repeated in one mapping is reported as a problem instead of the later one silently
  winning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[Any, Any]):
    """A YAML mapping with the file it came from, its own line and the line of each key."""

    file: str
    line: int
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A YAML sequence with the file it came from, its own line and the line of each item."""

    file: str
    line: int
    item_lines: list[int]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a practice model, where it is, and what to do about it."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class _Loader(yaml.SafeLoader):
    """SafeLoader building LineDict/LineList and YAML 1.2 booleans."""

    problems: list[Problem]


# YAML 1.2 booleans: drop SafeLoader's resolver for yes/no/on/off and add one for true/false only.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.file = loader.name
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.problems.append(
                Problem(
                    loader.name,
                    line,
                    f"key {key!r} appears twice in this mapping "
                    f"(first on line {result.key_lines[key]})",
                )
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.file = loader.name
    result.line = node.start_mark.line + 1
    result.item_lines = []
    for child in node.value:
        result.append(loader.construct_object(child, deep=True))
        result.item_lines.append(child.start_mark.line + 1)
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def load_yaml_text(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text named `name` (for messages); return the tree and any problems found."""
    loader = _Loader(text)
    loader.name = name
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = error.problem or str(error)
        return None, [*loader.problems, Problem(name, line, f"this is not valid YAML: {problem}")]
    finally:
        loader.dispose()
    return data, loader.problems


def load_yaml(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """Parse the YAML file at `path`; `name` is how messages refer to it (a relative path)."""
    return load_yaml_text(path.read_text(encoding="utf-8"), name)


def locate(root: Any, loc: tuple[Any, ...], *, default_file: str) -> tuple[str, int]:
    """The file and line of `loc` in a tree of LineDict/LineList, as deep as the path exists."""
    file = getattr(root, "file", default_file)
    line = getattr(root, "line", 1)
    node = root
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            file, line = node.file, node.key_lines.get(part, node.line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            file, line = node.file, node.item_lines[part]
            node = node[part]
        else:
            break
        # A nested mapping from another file (a step file, a form file) starts there.
        if isinstance(node, LineDict | LineList) and node.file != file:
            file, line = node.file, node.line
    return file, line
