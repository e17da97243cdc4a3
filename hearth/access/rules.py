"""Who may do what: `rules` predicates for actions, decided by role and team management.

Visibility (which records a worker may see) is `hearth.access.selectors.visible_people`; these
predicates decide *actions* on a record the worker can already see, or council-wide actions.
Services and views call them directly, for example `can_view_history(worker, person)`. They never
consult `has_perm`, `is_superuser` or `is_staff` (stack.md, gotcha 1), and they are not registered
as Django permissions, so `has_perm` cannot be used to bypass them.

Decisions (docs/subsystems/access.md):

* A record's change history and access log are for administrators and for team managers who
  manage a team the person is reached by (a child allocated to the team, or someone related to
  such a child). Callers must also load the record with `access_person`, so a sealed record still
  needs a grant, for administrators too.
* Granting access to a sealed record, and sealing or unsealing a record, is for administrators
  only. An administrator may not grant access to themselves (see `grant_create`).
* Managing the working-day calendar (closure days) and the organisation (teams, workers) is for
  administrators.
* Authorising (manager decisions on a child's case) is for managers of a team the child is
  allocated to today.

Every predicate is false for a worker whose account is inactive or whose employment has ended.
"""

from __future__ import annotations

from rules.predicates import Predicate

from hearth.access.selectors import (
    child_allocated_to_managed_team,
    is_working,
    person_in_managed_reach,
)
from hearth.organisation.models import Role, Worker
from hearth.people.models import Person


def _is_working_worker(worker: Worker) -> bool:
    """An active account, within its employment dates."""
    return is_working(worker)


def _is_administrator(worker: Worker) -> bool:
    """A worker in the administrator role (by role, never by Django's superuser flag)."""
    return worker.role == Role.ADMINISTRATOR


def _manages_team_reaching(worker: Worker, person: Person | None) -> bool:
    """A manager of a team that reaches `person` (allocated child, or related to one)."""
    return person is not None and person_in_managed_reach(worker, person)


def _manages_team_of_child(worker: Worker, person: Person | None) -> bool:
    """A manager of a team the child is allocated to today."""
    return person is not None and child_allocated_to_managed_team(worker, person)


is_working_worker = Predicate(_is_working_worker, name="is_working_worker")
is_administrator = Predicate(_is_administrator, name="is_administrator")
manages_team_reaching = Predicate(_manages_team_reaching, name="manages_team_reaching")
manages_team_of_child = Predicate(_manages_team_of_child, name="manages_team_of_child")

can_view_history = is_working_worker & (is_administrator | manages_team_reaching)
can_view_access_log = is_working_worker & (is_administrator | manages_team_reaching)
can_grant_access = is_working_worker & is_administrator
can_seal_record = is_working_worker & is_administrator
can_manage_closure_days = is_working_worker & is_administrator
can_manage_organisation = is_working_worker & is_administrator
can_authorise = is_working_worker & manages_team_of_child

# The same rules by name, for templates and for listing them in the documentation. Deliberately a
# plain mapping, not registered with Django's permission system (`has_perm` is never used).
ACTIONS: dict[str, Predicate] = {
    "audit.view_history": can_view_history,
    "audit.view_access_log": can_view_access_log,
    "access.grant": can_grant_access,
    "access.seal": can_seal_record,
    "timescales.manage_closure_days": can_manage_closure_days,
    "organisation.manage": can_manage_organisation,
    "casework.authorise": can_authorise,
}


def can(worker: Worker, action: str, target: object = None) -> bool:
    """Whether `worker` may do the named action (a key of `ACTIONS`), optionally on `target`."""
    return ACTIONS[action].test(worker, target)
