"""`hearth practice` subcommands."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.practice.definitions import SHIPPED_MODELS_DIR
from hearth.practice.models import PracticeModelVersion
from hearth.practice.tests.factories import ALPHA_MODEL, ALPHA_STEPS, write_model


def test_check_reports_every_problem_and_fails(tmp_path: Path) -> None:
    steps = {**ALPHA_STEPS, "referral": ALPHA_STEPS["referral"].replace("[assessment]", "[x]")}
    folder = write_model(tmp_path / "bad", ALPHA_MODEL, steps)
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("practice", "check", str(folder), "--no-facts", stderr=err)
    assert raised.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert f"{folder}/steps/referral.yaml:24: outcome 'assess' leads to unknown step 'x'" in lines
    assert len(lines) == 3  # the dangling outcome and two steps it no longer reaches


def test_check_passes_shipped_model() -> None:
    out = StringIO()
    call_command("practice", "check", str(SHIPPED_MODELS_DIR / "restorative"), stdout=out)
    assert "restorative@1: 16 step types, no problems" in out.getvalue()


def test_diagram_writes_svg(tmp_path: Path) -> None:
    target = tmp_path / "out" / "model.svg"
    call_command(
        "practice", "diagram", str(SHIPPED_MODELS_DIR / "risk_focused"), "--out", str(target)
    )
    assert target.read_text().startswith("<svg")


@pytest.mark.django_db
def test_publish_versions_and_migrate_dry_run(tmp_path: Path) -> None:
    out = StringIO()
    call_command("practice", "publish", str(SHIPPED_MODELS_DIR / "restorative"), stdout=out)
    call_command("practice", "publish", str(SHIPPED_MODELS_DIR / "risk_focused"), stdout=out)
    assert PracticeModelVersion.objects.count() == 2
    call_command("practice", "versions", stdout=out)
    assert "restorative@1 (active)" in out.getvalue()
    out = StringIO()
    call_command(
        "practice", "migrate", "--from", "restorative@1", "--to", "risk_focused@1",
        "--map", str(SHIPPED_MODELS_DIR / "maps" / "restorative-1-to-risk_focused-1.yaml"),
        "--dry-run", stdout=out,
    )  # fmt: skip
    assert "Migrating 0 open case(s) from restorative@1 to risk_focused@1" in out.getvalue()
    with pytest.raises(CommandError, match="NAME@VERSION"):
        call_command("practice", "migrate", "--from", "restorative", "--to", "x@1", "--map", "m")
