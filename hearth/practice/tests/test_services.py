"""The practice engine against PostgreSQL: publishing, cases, steps, deadlines, authorisation,
switching a council's model by configuration, and migrating cases in flight."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import IntegrityError, ProgrammingError, transaction
from django.test import override_settings

from hearth.organisation.models import Role, Team
from hearth.practice import definitions, selectors, services
from hearth.practice.inflight import StepMap
from hearth.practice.models import Case, CaseStatus, PracticeModelVersion, Step, StepStatus
from hearth.practice.tests import factkinds
from hearth.practice.tests.factories import (
    ALPHA_MODEL,
    ALPHA_STEPS,
    BETA_MODEL,
    BETA_STEPS,
    PersonFactory,
    TeamFactory,
    worker_in,
    write_model,
)

pytestmark = pytest.mark.django_db

# Monday 1 December 2025: 45 working days on is Thursday 5 February 2026 (counted by hand,
# skipping 25 and 26 December and 1 January; day 0 is the referral date).
REFERRAL_DATE = dt.date(2025, 12, 1)


@pytest.fixture(autouse=True)
def fact_table(settings) -> None:
    factkinds.create_table()
    settings.HEARTH_PRACTICE_MODEL = "test_alpha"


@pytest.fixture
def team() -> Team:
    return TeamFactory.create()


@pytest.fixture
def worker(team: Team):
    return worker_in(team)


@pytest.fixture
def manager(team: Team):
    return worker_in(team, is_manager=True, role=Role.TEAM_MANAGER)


@pytest.fixture
def alpha(tmp_path: Path) -> PracticeModelVersion:
    folder = write_model(tmp_path / "alpha", ALPHA_MODEL, ALPHA_STEPS)
    return services.practice_model_publish(actor=None, path=folder)


@pytest.fixture
def beta(tmp_path: Path) -> PracticeModelVersion:
    folder = write_model(tmp_path / "beta", BETA_MODEL, BETA_STEPS)
    return services.practice_model_publish(actor=None, path=folder)


def referral_answers() -> dict[str, object]:
    return {"referral_date": REFERRAL_DATE.isoformat(), "source": "school", "worries": "Bruises"}


def open_and_refer(worker, child) -> Case:
    case = services.case_open(actor=worker, child=child, opened_on=REFERRAL_DATE)
    referral = case.steps.get(step_type="referral")
    services.step_complete(
        actor=worker, step=referral, answers=referral_answers(), completed_on=REFERRAL_DATE
    )
    return case


def test_publish_is_immutable_and_idempotent(alpha: PracticeModelVersion, tmp_path: Path) -> None:
    again = services.practice_model_publish(actor=None, path=tmp_path / "alpha")
    assert again.pk == alpha.pk
    assert len(alpha.content_hash) == 64
    # Changed content under the same version is refused with advice.
    changed = write_model(
        tmp_path / "alpha2", ALPHA_MODEL.replace("Alpha practice", "Alpha v2"), ALPHA_STEPS
    )
    with pytest.raises(services.PracticeError, match=r"raise `version:` in model.yaml \(to 2\)"):
        services.practice_model_publish(actor=None, path=changed)
    # The database itself refuses updates and deletes.
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        PracticeModelVersion.objects.filter(pk=alpha.pk).update(title="Changed")
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        PracticeModelVersion.objects.filter(pk=alpha.pk).delete()


def test_publishing_a_broken_model_is_refused(tmp_path: Path) -> None:
    folder = write_model(
        tmp_path / "bad",
        ALPHA_MODEL,
        {**ALPHA_STEPS, "closure": ALPHA_STEPS["closure"].replace("test_closure", "no_such")},
    )
    with pytest.raises(services.ModelHasProblemsError, match="unknown statutory fact 'no_such'"):
        services.practice_model_publish(actor=None, path=folder)


@override_settings(HEARTH_PRACTICE_MODEL="test_alpha")
def test_case_runs_through_the_model_and_writes_the_statutory_record(
    alpha: PracticeModelVersion, worker, manager
) -> None:
    child = PersonFactory.create()
    case = services.case_open(actor=worker, child=child, opened_on=REFERRAL_DATE)
    assert case.model_version == alpha
    referral = case.steps.get()
    assert (referral.step_type, referral.status) == ("referral", StepStatus.OPEN)
    assert referral.due_on == dt.date(2025, 12, 2)  # 1 working day

    services.step_complete(
        actor=worker, step=referral, answers=referral_answers(), completed_on=REFERRAL_DATE
    )
    referral.refresh_from_db()
    assert referral.status == StepStatus.COMPLETED
    assert referral.outcome == "assess"  # the only outcome
    assessment = case.steps.get(step_type="assessment")
    assert assessment.due_on == dt.date(2026, 2, 5)  # 45 working days from the referral date
    assert factkinds.rows() == [
        ("test_referral", child.pk, {"referral_date": "2025-12-01", "source": "2A"}),
        ("test_assessment_start", child.pk, {"started_on": "2025-12-01"}),
    ]

    # Needs a manager: first it waits, then a manager (never the worker) authorises it.
    services.step_complete(
        actor=worker, step=assessment, answers={"family_strengths": "Gran", "outcome": "support"}
    )
    assessment.refresh_from_db()
    assert assessment.status == StepStatus.AWAITING_AUTHORISATION
    assert list(selectors.step_list_awaiting_authorisation(manager)) == [assessment]
    with pytest.raises(services.StepNotAllowedError):
        services.step_authorise(actor=worker, step=assessment, approve=True)
    with pytest.raises(services.PracticeError, match="Say why"):
        services.step_authorise(actor=manager, step=assessment, approve=False)
    services.step_authorise(actor=manager, step=assessment, approve=True)
    assessment.refresh_from_db()
    assert assessment.status == StepStatus.COMPLETED
    assert assessment.authorised_by == manager
    assert assessment.completed_by == worker
    assert {s.step_type for s in case.steps.filter(status=StepStatus.OPEN)} == {
        "family_meeting",
        "visit",
    }
    assert factkinds.rows()[-1][0] == "test_assessment"


def test_bad_answers_give_field_messages_and_keep_what_was_typed(
    alpha: PracticeModelVersion, worker
) -> None:
    case = services.case_open(
        actor=worker, child=PersonFactory.create(), opened_on=REFERRAL_DATE, model_version=alpha
    )
    referral = case.steps.get()
    with pytest.raises(services.StepAnswersInvalidError) as raised:
        services.step_complete(
            actor=worker,
            step=referral,
            answers={"referral_date": "2099-01-01", "source": "", "worries": "Typed text"},
        )
    parsed = raised.value.parsed
    assert parsed.errors == {
        "referral_date": "Date of the referral must be today or in the past",
        "source": "Select source",
    }
    assert parsed.raw["worries"] == "Typed text"
    assert parsed.raw["referral_date-year"] == "2099"
    referral.refresh_from_db()
    assert referral.status == StepStatus.OPEN
    assert factkinds.rows() == []


def test_roles_are_enforced(alpha: PracticeModelVersion, manager) -> None:
    case = services.case_open(
        actor=manager, child=PersonFactory.create(), opened_on=REFERRAL_DATE, model_version=alpha
    )
    with pytest.raises(services.StepNotAllowedError, match="Referral is done by social worker"):
        services.step_complete(actor=manager, step=case.steps.get(), answers=referral_answers())


def test_repeating_visits_count_from_the_actual_last_visit(
    alpha: PracticeModelVersion, worker
) -> None:
    case = services.case_open(
        actor=worker, child=PersonFactory.create(), opened_on=REFERRAL_DATE, model_version=alpha
    )
    first = services.step_start(
        actor=worker, case=case, step_type="visit", started_on=dt.date(2026, 1, 5)
    )
    assert first.due_on == dt.date(2026, 1, 19)  # 10 working days
    # Done late, on 21 January: the next is due 10 working days after that, not after 19th.
    services.step_complete(
        actor=worker, step=first, answers={"seen_alone": True}, completed_on=dt.date(2026, 1, 21)
    )
    following = case.steps.filter(step_type="visit", status=StepStatus.OPEN).get()
    assert following.due_on == dt.date(2026, 2, 4)
    with pytest.raises(services.PracticeError, match="starts when an earlier step leads to it"):
        services.step_start(actor=worker, case=case, step_type="assessment")


def test_work_tray_selectors(alpha: PracticeModelVersion, worker, team: Team) -> None:
    case = services.case_open(
        actor=worker, child=PersonFactory.create(), opened_on=REFERRAL_DATE, model_version=alpha
    )
    referral = case.steps.get()
    assert list(selectors.step_list_open(worker)) == [referral]
    assert list(selectors.step_list_overdue(worker, today=dt.date(2025, 12, 3))) == [referral]
    assert list(selectors.step_list_due(worker, today=dt.date(2025, 12, 1))) == [referral]
    assert list(selectors.step_list_overdue(worker, today=dt.date(2025, 12, 2))) == []
    # Another team's worker (who cannot see the child) sees nothing.
    outsider = worker_in(TeamFactory.create(scope="allocated"))
    assert list(selectors.visible_steps(outsider)) == []


def test_closing_step_closes_the_case_and_cancels_open_work(
    alpha: PracticeModelVersion, worker, manager
) -> None:
    case = open_and_refer(worker, PersonFactory.create())
    visit = services.step_start(actor=worker, case=case, step_type="visit")
    assessment = case.steps.get(step_type="assessment")
    services.step_complete(
        actor=worker, step=assessment, answers={"family_strengths": "x", "outcome": "close"}
    )
    services.step_authorise(actor=manager, step=assessment, approve=True)
    closure = case.steps.get(step_type="closure")
    services.step_complete(actor=worker, step=closure, answers={"reason": "RC8"})
    case.refresh_from_db()
    visit.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert visit.status == StepStatus.CANCELLED
    assert visit.cancelled_reason == "Case closed by Closure"


def test_switching_model_by_configuration_and_migrating_cases_in_flight(
    alpha: PracticeModelVersion, beta: PracticeModelVersion, worker, manager
) -> None:
    """A council moves from one model to the other with no code change: new cases open on the
    new model, cases in flight are migrated by a map, and the statutory record written for the
    same events is the same under both models and untouched by the migration."""
    with override_settings(HEARTH_PRACTICE_MODEL="test_alpha"):
        old_child = PersonFactory.create()
        old_case = open_and_refer(worker, old_child)
        meeting = services.step_start(actor=worker, case=old_case, step_type="family_meeting")
        services.step_complete(
            actor=worker,
            step=meeting,
            answers={"held_on": "2025-12-02", "plan_agreed": False},
        )
    assert old_case.model_version == alpha

    with override_settings(HEARTH_PRACTICE_MODEL="test_beta"):
        new_child = PersonFactory.create()
        new_case = open_and_refer(worker, new_child)
    assert new_case.model_version == beta
    # Same events, same statutory record (per child), whichever model recorded them.
    by_child = {
        child: [(fact, values) for fact, c, values in factkinds.rows() if c == child]
        for child in (old_child.pk, new_child.pk)
    }
    assert (
        by_child[old_child.pk]
        == by_child[new_child.pk]
        == [
            ("test_referral", {"referral_date": "2025-12-01", "source": "2A"}),
            ("test_assessment_start", {"started_on": "2025-12-01"}),
        ]
    )

    record_before = factkinds.rows()
    incomplete = StepMap(steps={"referral": "referral", "assessment": "risk_assessment"})
    with pytest.raises(services.MigrationRefusedError) as refused:
        services.cases_migrate(actor=None, source=alpha, target=beta, step_map=incomplete)
    assert refused.value.plan.refusals == [
        f"case {old_case.pk}, step {meeting.pk} (family_meeting, completed): 'family_meeting' "
        "has no mapping; map it to a step type or to `retire`",
    ]
    # Answers to a field the new form does not have must be dropped knowingly.
    assessment = old_case.steps.get(step_type="assessment")
    Step.objects.filter(pk=assessment.pk).update(answers={"family_strengths": "Gran helps"})
    step_map = StepMap(
        steps={
            "referral": "referral",
            "assessment": "risk_assessment",
            "family_meeting": "retire",
        }
    )
    with pytest.raises(services.MigrationRefusedError, match="'family_strengths' have no field"):
        services.cases_migrate(actor=None, source=alpha, target=beta, step_map=step_map)

    acknowledged = StepMap(steps=step_map.steps, drop_fields={"assessment": ["family_strengths"]})
    dry = services.cases_migrate(
        actor=None, source=alpha, target=beta, step_map=acknowledged, dry_run=True
    )
    assert dry.lines() == [
        "Migrating 1 open case(s) from test_alpha@1 to test_beta@1",
        f"case {old_case.pk} (child {old_child.pk}):",
        f"  step {old_case.steps.get(step_type='referral').pk} referral (completed) -> referral",
        f"  step {assessment.pk} assessment (open) -> risk_assessment; drops family_strengths",
        f"  step {meeting.pk} family_meeting (completed) -> retired (kept as history)",
    ]
    old_case.refresh_from_db()
    assert old_case.model_version == alpha  # the dry run changed nothing

    services.cases_migrate(actor=manager, source=alpha, target=beta, step_map=acknowledged)
    old_case.refresh_from_db()
    assessment.refresh_from_db()
    meeting.refresh_from_db()
    assert old_case.model_version == beta
    assert old_case.migrations[0]["from"] == "test_alpha@1"
    assert (assessment.step_type, assessment.answers) == ("risk_assessment", {})
    assert assessment.due_on == dt.date(2026, 2, 5)  # deadlines already given never move
    assert meeting.retired and meeting.step_type == "family_meeting"
    assert factkinds.rows() == record_before  # the statutory record is untouched

    # The migrated case carries on under the new model.
    services.step_complete(
        actor=worker,
        step=assessment,
        answers={"danger_statement": "Worry", "safety_scale": "7", "outcome": "close"},
    )
    assessment.refresh_from_db()
    assert assessment.answers == {
        "danger_statement": "Worry",
        "safety_scale": 7,
        "outcome": "close",
    }


def test_active_model_not_published_says_what_to_do() -> None:
    with (
        override_settings(HEARTH_PRACTICE_MODEL="nowhere"),
        pytest.raises(definitions.PracticeModelNotPublishedError, match="hearth practice publish"),
    ):
        definitions.active_version()


def test_version_numbers_are_unique(alpha: PracticeModelVersion) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeModelVersion.objects.create(
            name=alpha.name, version=1, title="x", content_hash="0", definition={}
        )
