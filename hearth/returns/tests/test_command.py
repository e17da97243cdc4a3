"""`hearth returns`: files written, validation exit status, and the record left untouched."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from hearth.returns.cin_xml import cin_census_from_xml
from hearth.returns.tests.factories import (
    assessment,
    child,
    conference_and_plan,
    front_door_worker,
    referral,
    section47,
)

pytestmark = pytest.mark.django_db
D = dt.date


def history(upn="V382432125001"):
    worker = front_door_worker()
    person = child(worker, identifiers=[("upn", upn)] if upn else [])
    episode = referral(worker, person, D(2025, 6, 2))
    assessment(worker, episode, D(2025, 6, 3), D(2025, 7, 18))
    enquiry = section47(worker, episode, D(2025, 6, 4))
    conference_and_plan(worker, episode, enquiry, D(2025, 6, 24))
    return person


def row_counts():
    """Rows in every table Django knows, pghistory's event tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_cin_writes_the_xml_file(tmp_path):
    person = history()
    out = tmp_path / "cin.xml"
    stdout = StringIO()

    call_command("returns", "cin", "--year", "2026", "--out", str(out), stdout=stdout)

    census = cin_census_from_xml(out.read_bytes())
    assert [c.la_child_id for c in census.children] == [person.reference]
    assert census.header.year == 2026
    assert "1 children written" in stdout.getvalue()


def test_validate_passes_with_queries_only():
    history()
    stdout = StringIO()
    call_command("returns", "validate", "--return", "cin", "--year", "2026", stdout=stdout)
    assert "QUERY 2887Q whole return" in stdout.getvalue()
    assert "0 errors, 1 queries" in stdout.getvalue()


def test_validate_exits_non_zero_on_errors():
    person = history(upn="D000432125001")
    stderr = StringIO()
    with pytest.raises(CommandError, match="1 errors"):
        call_command("returns", "validate", "--return", "cin", "--year", "2026", stderr=stderr)
    assert f"ERROR 1530 {person.reference} (record {person.pk}) UPN" in stderr.getvalue()


def test_validate_a_file(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<Message><Header/><Children><Child/></Children></Message>")
    with pytest.raises(CommandError, match="errors"):
        call_command(
            "returns",
            "validate",
            "--return",
            "cin",
            "--year",
            "2026",
            "--file",
            str(bad),
            stderr=StringIO(),
            stdout=StringIO(),
        )
    with pytest.raises(CommandError, match="Cannot read"):
        call_command(
            "returns",
            "validate",
            "--return",
            "cin",
            "--year",
            "2026",
            "--file",
            str(tmp_path / "missing.xml"),
        )


def test_producing_and_validating_never_change_the_record(tmp_path):
    history()
    before = row_counts()

    call_command("returns", "cin", "--year", "2026", "--out", str(tmp_path / "c.xml"))
    call_command("returns", "validate", "--return", "cin", "--year", "2026", stdout=StringIO())

    assert row_counts() == before
