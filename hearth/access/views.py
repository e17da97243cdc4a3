"""Pages for administrators: sealed records, their grants, and sealing or unsealing a record.

These pages show a sealed record's reference only, never its contents: an administrator manages
who may see a sealed record without being able to see it themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from hearth.access.access import access_grant, access_sealable_record
from hearth.access.forms import GrantForm, ReasonForm
from hearth.access.rules import can_grant_access
from hearth.access.selectors import grant_list, sealed_people_list
from hearth.access.services import grant_create, grant_revoke, person_seal, person_unseal
from hearth.ui.requests import current_worker


def _add_errors(form: Form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def sealed_records(request: HttpRequest) -> HttpResponse:
    """Every sealed record, by reference, with a link to manage its grants."""
    if not can_grant_access(current_worker(request)):
        raise Http404("No such page")
    return render(
        request,
        "access/sealed_records.html",
        {"people": sealed_people_list(), "page_title": "Sealed records"},
    )


def grants(request: HttpRequest, person_id: int) -> HttpResponse:
    """List a sealed record's grants and grant access to another worker."""
    worker = current_worker(request)
    person = access_sealable_record(worker, person_id, path=request.path)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = grant_create(
                actor=worker,
                person=person,
                worker=form.cleaned_data["worker"],
                reason=form.cleaned_data["reason"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{grant.worker} can now see record {person.reference}")
            return redirect("access:grants", person.pk)
    return render(
        request,
        "access/grants.html",
        {
            "person": person,
            "grants": grant_list(person=person),
            "now": timezone.now(),
            "form": form,
            "page_title": f"Who may see sealed record {person.reference}",
        },
    )


def grant_revoke_page(request: HttpRequest, person_id: int, grant_id: int) -> HttpResponse:
    """Confirm, with a reason, and revoke one grant."""
    worker = current_worker(request)
    person = access_sealable_record(worker, person_id, path=request.path)
    grant = access_grant(worker, person, grant_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant_revoke(actor=worker, grant=grant, reason=form.cleaned_data["reason"])
        messages.success(request, f"{grant.worker} can no longer see record {person.reference}")
        return redirect("access:grants", person.pk)
    return render(
        request,
        "access/grant_revoke.html",
        {"person": person, "grant": grant, "form": form, "page_title": "Revoke access"},
    )


def seal(request: HttpRequest, person_id: int) -> HttpResponse:
    """Seal an unsealed record, or unseal a sealed one, with a reason."""
    worker = current_worker(request)
    person = access_sealable_record(worker, person_id, path=request.path)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = person_unseal if person.is_sealed else person_seal
        try:
            change(actor=worker, person=person, reason=form.cleaned_data["reason"])
        except PermissionDenied as denied:
            raise Http404("No such person") from denied
        state = "sealed" if person.is_sealed else "unsealed"
        messages.success(request, f"Record {person.reference} is now {state}")
        return redirect("access:grants" if person.is_sealed else "access:seal", person.pk)
    return render(
        request,
        "access/seal.html",
        {
            "person": person,
            "form": form,
            "page_title": f"{'Unseal' if person.is_sealed else 'Seal'} record {person.reference}",
        },
    )
