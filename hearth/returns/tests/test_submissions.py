"""Submitted SSDA903 returns: who may record one, kept unchanged, and compared with next year."""

import copy
import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.utils import timezone
from pghistory.models import Context

from hearth.casework.tests.factories import WorkerFactory
from hearth.organisation.models import Role
from hearth.returns.models import ReturnSubmission, SubmittedTable
from hearth.returns.ssda903 import ssda903_tables, table_csv
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.submissions import (
    return_submission_record,
    ssda903_last_year,
    submission_tables,
    tables_digest,
)
from hearth.returns.tests.test_command import row_counts
from hearth.returns.tests.test_ssda903 import history
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db
LAST_YEAR = CollectionYear(2026)
THIS_YEAR = CollectionYear(2027)


def analyst(**values):
    values.setdefault("role", Role.PERFORMANCE_ANALYST)
    return WorkerFactory.create(first_name="Priya", last_name="Nair", **values)


def record(actor, tables=None, note=""):
    return return_submission_record(
        actor=actor,
        collection=LAST_YEAR,
        tables=tables if tables is not None else ssda903_tables(collection=LAST_YEAR),
        note=note,
    )


def as_sent_with_legal_status(code):
    """Last year's tables as a council might have sent them: the open episode's LS differs."""
    tables = copy.deepcopy(ssda903_tables(collection=LAST_YEAR))
    open_episode = next(r for r in tables["Episodes"] if not r["DEC"])
    open_episode["LS"] = code
    return tables


def codes_for(failures, child):
    return {f.code for f in failures if f.la_child_id == child}


def test_only_working_analysts_and_administrators_record_a_submission():
    history()
    for role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER):
        with pytest.raises(PermissionDenied):
            record(WorkerFactory.create(role=role))
    with pytest.raises(PermissionDenied):
        record(analyst(is_active=False))
    with pytest.raises(PermissionDenied):
        record(analyst(ended_on=dt.date(2026, 1, 31)))
    assert not ReturnSubmission.objects.exists()

    assert record(analyst()).collection_year == 2026
    assert record(WorkerFactory.create(role=Role.ADMINISTRATOR)).collection_year == 2026


def test_a_year_is_recorded_only_once_it_has_ended():
    history()
    with pytest.raises(ValidationError, match="The 2026-27 year ends on 31/03/2027"):
        return_submission_record(
            actor=analyst(), collection=THIS_YEAR, tables=ssda903_tables(collection=THIS_YEAR)
        )
    assert not ReturnSubmission.objects.exists()


def test_the_tables_are_kept_exactly_as_their_csv_files():
    person, _ = history()
    tables = ssda903_tables(collection=LAST_YEAR)
    actor = analyst()

    submission = record(actor, tables, note="  Sent through DfE COLLECT, ref 903-441  ")

    stored = list(submission.tables.all())
    assert [t.name for t in stored] == list(tables)
    for table in stored:
        assert table.content == table_csv(table.name, tables[table.name])
        assert table.row_count == len(tables[table.name])
    assert submission.note == "Sent through DfE COLLECT, ref 903-441"
    assert submission.recorded_by == actor
    assert submission.digest == tables_digest(tables)
    assert submission_tables(submission) == tables
    assert submission_tables(submission)["Header"][0]["CHILD"] == person.reference


def test_recording_writes_only_the_submission_with_who_and_why():
    history()
    actor = analyst()
    before = row_counts()

    submission = record(actor)

    changed = {label for label, count in row_counts().items() if count != before[label]}
    assert changed == {
        "pghistory.Context",  # who recorded it, and why
        "returns.ReturnSubmission",
        "returns.ReturnSubmissionEvent",
        "returns.SubmittedTable",
        "returns.SubmittedTableEvent",
    }
    event = submission.events.get()
    metadata = Context.objects.get(pk=event.pgh_context_id).metadata
    assert metadata["user"] == actor.pk
    assert metadata["reason"] == "SSDA903 2025-26 recorded as submitted"


def test_a_submission_can_never_be_changed_or_deleted():
    history()
    submission = record(analyst(), note="First")
    table = submission.tables.first()

    attempts = [
        lambda: ReturnSubmission.objects.filter(pk=submission.pk).update(note="Changed"),
        lambda: ReturnSubmission.objects.filter(pk=submission.pk).delete(),
        lambda: SubmittedTable.objects.filter(pk=table.pk).update(content="CHILD\r\n"),
        lambda: SubmittedTable.objects.filter(pk=table.pk).delete(),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()

    submission.refresh_from_db()
    table.refresh_from_db()
    assert submission.note == "First"
    assert table.content.startswith("CHILD,")


def test_a_changed_record_since_confirming_records_nothing():
    history()
    with pytest.raises(ValidationError, match="The record has changed"):
        return_submission_record(
            actor=analyst(),
            collection=LAST_YEAR,
            tables=ssda903_tables(collection=LAST_YEAR),
            expected_digest=tables_digest(as_sent_with_legal_status("C1")),
        )
    assert not ReturnSubmission.objects.exists()


def test_a_note_too_long_is_refused_by_field():
    history()
    with pytest.raises(ValidationError) as error:
        record(analyst(), note="x" * 2001)
    assert "note" in error.value.message_dict
    assert not ReturnSubmission.objects.exists()


def test_next_years_rules_compare_with_the_submission_not_the_rebuilt_year():
    person, _ = history()
    rebuilt = ssda903_validate(collection=THIS_YEAR)
    assert "503B" not in codes_for(rebuilt, person.reference)
    assert ssda903_last_year(collection=THIS_YEAR).description == (
        "compared with last year as rebuilt from the record"
    )

    # Last year's return went with the child on C1; the record now says C2 throughout.
    submission = record(analyst(), as_sent_with_legal_status("C1"))

    compared = ssda903_validate(collection=THIS_YEAR)
    assert "503B" in codes_for(compared, person.reference)
    failure = next(f for f in compared if f.code == "503B")
    assert failure.field == "Episodes.LS"
    last_year = ssda903_last_year(collection=THIS_YEAR)
    assert last_year.submission == submission
    assert last_year.description == (
        f"compared with the return submitted on "
        f"{timezone.localtime(submission.recorded_at):%d/%m/%Y} by Priya Nair"
    )


def test_the_latest_submission_for_last_year_is_the_one_compared_with():
    person, _ = history()
    record(analyst(), as_sent_with_legal_status("C1"))
    corrected = record(analyst(), note="Resubmitted with C2")

    assert ssda903_last_year(collection=THIS_YEAR).submission == corrected
    assert "503B" not in codes_for(ssda903_validate(collection=THIS_YEAR), person.reference)


def test_validating_never_changes_the_record():
    history()
    record(analyst(), as_sent_with_legal_status("C1"))
    before = row_counts()
    ssda903_validate(collection=THIS_YEAR)
    assert row_counts() == before


def command(*args):
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("returns", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue() + stderr.getvalue() + str(error)
    return stdout.getvalue() + stderr.getvalue()


def validate_this_year(*extra):
    return command("validate", "--return", "ssda903", "--year", "2027", *extra)


def test_the_command_records_the_files_it_writes_as_submitted(tmp_path):
    history()
    actor = analyst(username="priya.nair")
    before = row_counts()

    output = command(
        "ssda903", "--year", "2026", "--out", str(tmp_path), "--record-submission",
        "--by", "priya.nair", "--note", "Scheduled job",
    )  # fmt: skip

    submission = ReturnSubmission.objects.get()
    assert submission.recorded_by == actor
    assert submission.note == "Scheduled job"
    for table in submission.tables.all():
        assert (tmp_path / f"{table.name}.csv").read_bytes() == table.content.encode()
    assert f"SSDA903 2025-26 recorded as submitted by Priya Nair (submission {submission.pk})" in (
        output
    )
    changed = {label for label, count in row_counts().items() if count != before[label]}
    assert changed <= {
        "pghistory.Context",
        "returns.ReturnSubmission",
        "returns.ReturnSubmissionEvent",
        "returns.SubmittedTable",
        "returns.SubmittedTableEvent",
    }


def test_the_command_refuses_to_record_without_a_permitted_worker(tmp_path):
    history()
    WorkerFactory.create(username="sam.social", role=Role.SOCIAL_WORKER)
    analyst(username="priya.nair")
    args = ("ssda903", "--year", "2026", "--out", str(tmp_path), "--record-submission")

    assert "needs --by USERNAME" in command(*args)
    assert "No worker has the username nobody" in command(*args, "--by", "nobody")
    assert "sam.social: Only performance analysts" in command(*args, "--by", "sam.social")
    assert "The 2026-27 year ends on 31/03/2027" in command(
        "ssda903", "--year", "2027", "--out", str(tmp_path), "--record-submission",
        "--by", "priya.nair",
    )  # fmt: skip
    assert "--by and --note are for --record-submission" in command(
        "ssda903", "--year", "2026", "--out", str(tmp_path), "--by", "sam.social"
    )
    assert not ReturnSubmission.objects.exists()


def test_the_command_says_what_it_compared_with_and_previous_still_wins(tmp_path):
    person, _ = history()
    rebuilt = validate_this_year()
    assert "(compared with last year as rebuilt from the record)" in rebuilt
    assert f"503B {person.reference}" not in rebuilt

    submission = record(analyst(), as_sent_with_legal_status("C1"))
    compared = validate_this_year()
    assert "compared with the return submitted on " in compared
    assert "by Priya Nair)" in compared
    assert f"ERROR 503B {person.reference}" in compared

    # Files given on the command line win over the recorded submission.
    for name, rows in ssda903_tables(collection=LAST_YEAR).items():
        (tmp_path / f"{name}.csv").write_text(table_csv(name, rows), encoding="utf-8", newline="")
    given = validate_this_year("--previous", str(tmp_path))
    assert f"compared with last year's files in {tmp_path}" in given
    assert f"503B {person.reference}" not in given
    assert ReturnSubmission.objects.get() == submission
