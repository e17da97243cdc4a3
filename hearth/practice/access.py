"""Permission-checked loads of practice cases and steps: through the child's access check.

Missing and forbidden raise the same error, and each load writes the child's read audit.
"""

from __future__ import annotations

from django.http import Http404

from hearth.access.access import access_person
from hearth.audit.models import AccessPurpose
from hearth.organisation.models import Worker
from hearth.practice.models import Case, Step


class PracticeRecordNotFound(Http404):
    """Raised alike for a case or step that does not exist and one the worker may not see."""


def access_case(worker: Worker, case_id: int, *, purpose: AccessPurpose) -> Case:
    """Load a practice case whose child the worker may see, logging the view."""
    case = Case.objects.select_related("model_version").filter(pk=case_id).first()
    if case is None:
        raise PracticeRecordNotFound("No such case")
    try:
        case.child = access_person(worker, case.child_id, purpose=purpose)
    except Http404 as missing:
        raise PracticeRecordNotFound("No such case") from missing
    return case


def access_step(worker: Worker, step_id: int, *, purpose: AccessPurpose) -> Step:
    """Load a step whose child the worker may see, logging the view."""
    step = Step.objects.select_related("case__model_version").filter(pk=step_id).first()
    if step is None:
        raise PracticeRecordNotFound("No such step")
    step.case = access_case(worker, step.case_id, purpose=purpose)
    return step
