"""Audit tools: the shipped YAML loads, bad files name themselves, the newest version is offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from hearth.quality.tools import (
    OFSTED_GRADES,
    ToolFileError,
    current_tool,
    current_tools,
    load_file,
    tool_files,
)


def test_shipped_tools_load_and_the_newest_version_is_offered() -> None:
    slots = [(t.definition.key, t.definition.version) for t in tool_files()]
    assert ("case-file-audit", 1) in slots
    assert ("case-file-audit", 2) in slots
    offered = {t.key: t.version for t in current_tools()}
    assert offered["case-file-audit"] == 2
    assert offered["dip-sample"] == 1
    audit = current_tool("case-file-audit")
    assert audit.grades == OFSTED_GRADES
    assert [g.label for g in audit.grades] == [
        "Outstanding",
        "Good",
        "Requires improvement to be good",
        "Inadequate",
    ]
    assert [g.code for g in current_tool("dip-sample").grades] == ["met", "partly-met", "not-met"]


def test_unknown_tool() -> None:
    with pytest.raises(KeyError):
        current_tool("no-such-tool")


def test_a_broken_file_is_named_with_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "key: broken\nversion: 0\ntitle: Broken\nquestions:\n"
        "  - {key: a, text: One}\n  - {key: a, text: Two}\n"
    )
    with pytest.raises(ToolFileError) as raised:
        load_file(path)
    assert str(raised.value).startswith("broken.yaml: ")
    assert "version" in str(raised.value)


def test_repeated_question_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "repeat.yaml"
    path.write_text(
        "key: repeat\nversion: 1\ntitle: Repeat\nquestions:\n"
        "  - {key: a, text: One}\n  - {key: a, text: Two}\n"
    )
    with pytest.raises(ToolFileError, match="question key must be used once: a repeated"):
        load_file(path)


def test_a_council_folder_adds_versions_and_may_not_redefine_one(tmp_path: Path) -> None:
    (tmp_path / "v3.yaml").write_text(
        "key: case-file-audit\nversion: 3\ntitle: Case file audit\n"
        "questions:\n  - {key: voice-of-the-child, text: Is the child heard}\n"
    )
    with override_settings(HEARTH_AUDIT_TOOLS_DIRS=[str(tmp_path)]):
        assert current_tool("case-file-audit").version == 3  # noqa: PLR2004
        (tmp_path / "again.yaml").write_text(
            "key: case-file-audit\nversion: 2\ntitle: Case file audit\n"
            "questions:\n  - {key: voice-of-the-child, text: Changed}\n"
        )
        with pytest.raises(ToolFileError, match="also defined in case-file-audit-v2.yaml"):
            tool_files()
