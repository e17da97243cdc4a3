"""`hearth returns validate --return ssda903 --previous DIR`: last year's files as submitted."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hearth.returns.ssda903 import ssda903_tables, table_csv, table_names
from hearth.returns.tests.test_ssda903 import history
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db
YEAR = CollectionYear(2026)


def validate(*extra):
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command(
            "returns", "validate", "--return", "ssda903", "--year", "2026", *extra,
            stdout=stdout, stderr=stderr,
        )  # fmt: skip
    except CommandError as error:
        return stdout.getvalue() + stderr.getvalue() + str(error)
    return stdout.getvalue() + stderr.getvalue()


def submitted_last_year(folder, person, mc_dob):
    """Last year's files as the council sent them: the same child, a first child's birth date."""
    tables = ssda903_tables(collection=YEAR)
    for row in tables["Header"]:
        row.update(MOTHER="1", MC_DOB=mc_dob)
    for name in table_names(YEAR.previous):
        rows = tables.get(name, [])
        (folder / f"{name}.csv").write_text(table_csv(name, rows), encoding="utf-8", newline="")
    assert [r["CHILD"] for r in tables["Header"]] == [person.reference]
    return folder


def test_rules_comparing_years_read_last_years_files_when_given(tmp_path):
    person, _ = history()
    without = validate()
    assert "624" not in without

    folder = submitted_last_year(tmp_path, person, "01/01/2020")
    given = validate("--previous", str(folder))
    # Last year's return said he had a first child born in 2020; this year's says nothing.
    assert f"ERROR 624 {person.reference}" in given
    assert "Header.MC_DOB" in given


def test_last_years_files_with_the_wrong_columns_are_refused_by_name(tmp_path):
    person, _ = history()
    folder = submitted_last_year(tmp_path, person, "")
    (folder / "Episodes.csv").write_text("CHILD,DECOM,RNE\r\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command(
            "returns", "validate", "--return", "ssda903", "--year", "2026",
            "--previous", str(folder), stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
    message = str(error.value)
    assert message.startswith("Last year's return: Episodes.csv: missing columns LS, CIN")


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a folder of SSDA903 CSV files"):
        call_command(
            "returns", "validate", "--return", "ssda903", "--year", "2026",
            "--previous", str(tmp_path / "nowhere"), stdout=StringIO(),
        )  # fmt: skip


def test_previous_is_only_for_the_ssda903(tmp_path):
    with pytest.raises(CommandError, match="--previous is for the SSDA903"):
        call_command(
            "returns", "validate", "--return", "cin", "--year", "2026",
            "--previous", str(tmp_path), stdout=StringIO(),
        )  # fmt: skip
