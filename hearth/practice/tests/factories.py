"""Factories and small test practice models for the practice engine's tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from hearth.organisation.models import Role, Service, Team, TeamMembership, TeamScope, Worker
from hearth.people.models import Person


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = "Children's social care"


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    service = SubFactory(ServiceFactory)
    name = Sequence(lambda n: f"Practice team {n}")
    scope = TeamScope.COUNCIL


class WorkerFactory(DjangoModelFactory[Worker]):
    class Meta:
        model = Worker

    username = Sequence(lambda n: f"practice-worker-{n}")
    first_name = "Sam"
    last_name = Sequence(lambda n: f"Worker{n}")
    role = Role.SOCIAL_WORKER


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    reference = Sequence(lambda n: f"PR{n:06d}")
    given_name = "Alex"
    family_name = Sequence(lambda n: f"Child{n}")


def worker_in(team: Team, *, is_manager: bool = False, **fields: object) -> Worker:
    """A worker who belongs (from 2020) to `team`, which sees every unsealed child."""
    worker = WorkerFactory.create(**fields)
    TeamMembership.objects.create(
        worker=worker, team=team, is_manager=is_manager, started_on="2020-01-01"
    )
    return worker


ALPHA_MODEL = """\
name: test_alpha
version: 1
title: Alpha practice
start: [referral]
"""

ALPHA_STEPS = {
    "referral": """\
id: referral
title: Referral
roles: [social_worker]
timescale: {amount: 1, unit: working_days}
form:
  fields:
    - id: referral_date
      label: Date of the referral
      type: date
      required: true
      not_in_future: true
    - id: source
      label: Source
      type: choice
      required: true
      choices: [school, police, family]
    - id: worries
      label: Worries
      type: textarea
      required: true
outcomes:
  - id: assess
    label: Assess
    next: [assessment]
writes:
  - fact: test_referral
    values:
      referral_date: answer.referral_date
      source: {from: answer.source, map: {school: "2A", police: "6", family: "1A"}}
""",
    "assessment": """\
id: assessment
title: Assessment
roles: [social_worker]
authorisation: {roles: [team_manager]}
timescale: {amount: 45, unit: working_days, from: referral.answer.referral_date}
form:
  fields:
    - id: family_strengths
      label: Family strengths
      type: textarea
      required: true
    - id: outcome
      label: Outcome
      type: choice
      required: true
      choices: [close, support]
outcomes:
  - id: close
    label: Close
    next: [closure]
    when: {field: outcome, equals: close}
  - id: support
    label: Support
    next: [family_meeting, visit]
    when: {field: outcome, equals: support}
writes:
  - fact: test_assessment_start
    on: started
    values:
      started_on: step.started_on
  - fact: test_assessment
    values:
      authorised_on: step.authorised_on
""",
    "family_meeting": """\
id: family_meeting
title: Family meeting
ad_hoc: true
repeatable: true
form:
  fields:
    - id: held_on
      label: Held on
      type: date
      required: true
    - id: plan_agreed
      label: Plan agreed?
      type: yes_no
      required: true
    - id: plan
      label: The plan
      type: textarea
      required: true
      show_if: {field: plan_agreed, equals: yes}
outcomes:
  - id: done
    label: Done
""",
    "visit": """\
id: visit
title: Visit
ad_hoc: true
repeatable: true
timescale:
  amount: 10
  unit: working_days
  repeat: {amount: 10, unit: working_days}
form:
  fields:
    - id: seen_alone
      label: Seen alone?
      type: yes_no
      required: true
outcomes:
  - id: next
    label: Next visit
    next: [visit]
writes:
  - fact: test_visit
    values:
      visit_date: step.completed_on
      seen_alone: answer.seen_alone
""",
    "closure": """\
id: closure
title: Closure
closes_case: true
form:
  fields:
    - id: reason
      label: Reason
      type: choice
      required: true
      choices: [RC7, RC8]
writes:
  - fact: test_closure
    values:
      closure_date: step.completed_on
      reason: answer.reason
""",
}

BETA_MODEL = ALPHA_MODEL.replace("test_alpha", "test_beta").replace("Alpha", "Beta")

BETA_STEPS = {
    "referral": ALPHA_STEPS["referral"].replace("[assessment]", "[risk_assessment]"),
    "risk_assessment": ALPHA_STEPS["assessment"]
    .replace("id: assessment", "id: risk_assessment")
    .replace("title: Assessment", "title: Risk assessment")
    .replace(
        """    - id: family_strengths
      label: Family strengths
      type: textarea
      required: true
""",
        """    - id: danger_statement
      label: Danger statement
      type: textarea
      required: true
    - id: safety_scale
      label: Safety scale
      type: number
      min: 0
      max: 10
""",
    )
    .replace("[family_meeting, visit]", "[safety_meeting, visit]"),
    "safety_meeting": ALPHA_STEPS["family_meeting"]
    .replace("id: family_meeting", "id: safety_meeting")
    .replace("Family meeting", "Safety planning meeting"),
    "visit": ALPHA_STEPS["visit"]
    .replace("amount: 10, unit", "amount: 4, unit")
    .replace("unit: working_days}", "unit: weeks}"),
    "closure": ALPHA_STEPS["closure"],
}


def write_model(folder: Path, model: str, steps: dict[str, str]) -> Path:
    """Write a model folder (model.yaml and steps/*.yaml) and return its path."""
    (folder / "steps").mkdir(parents=True, exist_ok=True)
    (folder / "model.yaml").write_text(textwrap.dedent(model))
    for name, text in steps.items():
        (folder / "steps" / f"{name}.yaml").write_text(textwrap.dedent(text))
    return folder
