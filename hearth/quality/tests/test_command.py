"""`hearth audit-tools`: lists versions and refuses a used version whose file changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from hearth.quality import services
from hearth.quality.tools import load_file

pytestmark = pytest.mark.django_db


def test_lists_the_shipped_versions() -> None:
    out = io.StringIO()
    call_command("audit_tools", stdout=out)
    text = out.getvalue()
    assert "case-file-audit version 1: Case file audit, 5 questions, superseded, 0 audits" in text
    assert "case-file-audit version 2: Case file audit, 7 questions, offered for new audits" in text
    assert "Audit tools are valid." in text


def test_reports_broken_files_repeats_and_changed_used_versions(tmp_path: Path) -> None:
    mine = tmp_path / "mine-v1.yaml"
    mine.write_text("key: mine\nversion: 1\ntitle: Mine\nquestions:\n  - {key: a, text: First}\n")
    services.audit_tool_version_publish(definition=load_file(mine))
    mine.write_text("key: mine\nversion: 1\ntitle: Mine\nquestions:\n  - {key: a, text: Edited}\n")
    (tmp_path / "broken.yaml").write_text("key: broken\n")
    shipped = Path(__file__).resolve().parents[1] / "audit_tools" / "dip-sample-v1.yaml"
    (tmp_path / "copy.yaml").write_text(shipped.read_text())
    with (
        override_settings(HEARTH_AUDIT_TOOLS_DIRS=[str(tmp_path)]),
        pytest.raises(CommandError) as raised,
    ):
        call_command("audit_tools", stdout=io.StringIO())
    message = str(raised.value)
    assert "broken.yaml: " in message
    assert "copy.yaml: dip-sample version 1 is also defined in dip-sample-v1.yaml" in message
    assert "mine-v1.yaml: mine version 1 has been used for audits and has since changed" in message
