"""People pages: search, the person page, recording and changing a person.

Thin: parse with a form, call a selector or service, render. Every person is loaded through
`access_person` (which checks visibility and writes the read audit), so a guessed id for someone
out of the worker's sight gets the same 404 as an id that does not exist.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.access import access_person
from hearth.access.rules import can
from hearth.audit.models import AccessPurpose
from hearth.organisation.models import Worker
from hearth.people import services
from hearth.people.codes import Disability, IdentifierKind
from hearth.people.forms import (
    AddressForm,
    ContactDetailForm,
    FindPersonForm,
    IdentifierForm,
    IdentifierRemoveForm,
    NameForm,
    PersonCreateForm,
    PersonEditForm,
    PersonSearchForm,
    RelationshipForm,
)
from hearth.people.models import Person
from hearth.people.selectors import (
    current_postcodes,
    person_record,
    person_search,
    possible_duplicates,
)
from hearth.people.services import EDITABLE_FIELDS
from hearth.ui.forms import errors_to_form
from hearth.ui.govuk import field_date
from hearth.ui.requests import current_worker

GET_POST = require_http_methods(["GET", "POST"])


def optional_url(name: str, *args: Any) -> str | None:
    """The URL for `name`, or None while no app provides it (so pages link only to real pages)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    # `field_date` is not (yet) a global of the Jinja environment, which this app does not own.
    return render(request, f"people/{template}", {"field_date": field_date, **context})


def _reason(form: forms.Form, default: str) -> str:
    typed = str(form.cleaned_data.get("reason") or "").strip()
    return typed or default


def search(request: HttpRequest) -> HttpResponse:
    """Search people the worker may see, by name, date of birth, identifier or postcode."""
    worker = current_worker(request)
    searched = any(
        k in request.GET for k in ("name", "identifier", "postcode", "date_of_birth-day")
    )
    form = PersonSearchForm(request.GET if searched else None)
    results: list[Person] | None = None
    postcodes: dict[int, str] = {}
    if searched and form.is_valid():
        data = form.cleaned_data
        results = person_search(
            worker,
            name=data["name"] or None,
            date_of_birth=data["date_of_birth"],
            identifier=data["identifier"] or None,
            postcode=data["postcode"] or None,
        )
        postcodes = current_postcodes(worker, results)
    return _render(
        request,
        "search.html",
        {
            "form": form,
            "results": results,
            "postcodes": postcodes,
            "today": timezone.localdate(),
            "page_title": "Search people" if not form.errors else "Error: Search people",
        },
    )


def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person page: who they are, their identifiers, addresses, relationships and groups."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.VIEW_RECORD, path=request.path)
    return _render(
        request,
        "detail.html",
        {
            "record": person_record(worker, person),
            "person": person,
            "disability_labels": [Disability(d).label for d in person.disabilities],
            "today": timezone.localdate(),
            "history_url": (
                optional_url("audit:person-history", person.pk)
                if can(worker, "audit.view_history", person)
                else None
            ),
            "access_log_url": (
                optional_url("audit:person-access-log", person.pk)
                if can(worker, "audit.view_access_log", person)
                else None
            ),
            "page_title": person.full_name,
        },
    )


@GET_POST
def create(request: HttpRequest) -> HttpResponse:
    """Record a new person, warning (not blocking) when they may already be recorded."""
    worker = current_worker(request)
    form = PersonCreateForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nhs = data["nhs_number"]
        duplicates = possible_duplicates(
            worker,
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"] or data["expected_date_of_birth"],
            identifiers=[(IdentifierKind.NHS, nhs)] if nhs else [],
        )
        if not duplicates or data["confirmed_new"]:
            person = _person_create(worker, form)
            if person is not None:
                messages.success(request, f"{person.full_name} recorded as {person.reference}")
                return redirect("people:detail", person.pk)
            duplicates = []
    return _render(
        request,
        "create.html",
        {
            "form": form,
            "duplicates": duplicates,
            "page_title": ("Error: " if form.errors else "") + "Record a new person",
        },
    )


def _person_create(worker: Worker, form: PersonCreateForm) -> Person | None:
    data = form.cleaned_data
    details = {f: data[f] for f in EDITABLE_FIELDS if f not in ("given_name", "family_name")}
    try:
        return services.person_create(
            actor=worker,
            given_name=data["given_name"],
            family_name=data["family_name"],
            identifiers=[(IdentifierKind.NHS, data["nhs_number"])] if data["nhs_number"] else [],
            **details,
        )
    except ValidationError as error:
        errors_to_form(form, error, {"value": "nhs_number", "kind": "nhs_number"})
        return None


@GET_POST
def edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """Change a person's details, saying why."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    initial = {f: getattr(person, f) for f in EDITABLE_FIELDS}
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in EDITABLE_FIELDS}
        try:
            services.person_update(
                actor=worker, reason=form.cleaned_data["reason"], person=person, **changes
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "Details changed")
            return redirect("people:detail", person.pk)
    return _render(
        request,
        "edit.html",
        {"form": form, "person": person, "page_title": f"Change details: {person.full_name}"},
    )


@GET_POST
def identifier_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Add an NHS number, UPN, former UPN or ULN, checked as it is typed."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    form = IdentifierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            identifier = services.identifier_add(
                actor=worker,
                reason="Identifier added",
                person=person,
                kind=form.cleaned_data["kind"],
                value=form.cleaned_data["value"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"{identifier.get_kind_display()} added")
            return redirect("people:detail", person.pk)
    return _render(
        request,
        "identifier_add.html",
        {"form": form, "person": person, "page_title": f"Add an identifier: {person.full_name}"},
    )


@GET_POST
def identifier_remove(request: HttpRequest, person_id: int, identifier_id: int) -> HttpResponse:
    """Remove an identifier recorded in error, saying why."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    identifier = get_object_or_404(person.identifiers, pk=identifier_id)
    form = IdentifierRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.identifier_remove(
            actor=worker, reason=form.cleaned_data["reason"], identifier=identifier
        )
        messages.success(request, f"{identifier.get_kind_display()} removed")
        return redirect("people:detail", person.pk)
    return _render(
        request,
        "identifier_remove.html",
        {
            "form": form,
            "person": person,
            "identifier": identifier,
            "page_title": f"Remove an identifier: {person.full_name}",
        },
    )


@GET_POST
def address_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a new current address; the previous one ends the day before."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.address_add(
                actor=worker,
                reason=_reason(form, "New address recorded"),
                person=person,
                line_1=data["line_1"],
                line_2=data["line_2"],
                town=data["town"],
                postcode=data["postcode"],
                started_on=data["started_on"],
                is_sealed=data["is_sealed"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "Address added")
            return redirect("people:detail", person.pk)
    return _render(
        request,
        "address_add.html",
        {"form": form, "person": person, "page_title": f"Add an address: {person.full_name}"},
    )


@GET_POST
def name_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a former name, a name at birth or an alias."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_name_add(
                actor=worker,
                reason=_reason(form, "Other name recorded"),
                person=person,
                kind=data["kind"],
                given_name=data["given_name"],
                family_name=data["family_name"],
                used_until=data["used_until"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "Name added")
            return redirect("people:detail", person.pk)
    return _render(
        request,
        "name_add.html",
        {"form": form, "person": person, "page_title": f"Add another name: {person.full_name}"},
    )


@GET_POST
def contact_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a phone number or email address."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    form = ContactDetailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_detail_add(
                actor=worker, reason="Contact detail recorded", person=person, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "Contact detail added")
            return redirect("people:detail", person.pk)
    return _render(
        request,
        "contact_add.html",
        {"form": form, "person": person, "page_title": f"Add a contact detail: {person.full_name}"},
    )


@GET_POST
def relationship_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Find the other person (among those the worker may see), then say how they are related."""
    worker = current_worker(request)
    person = access_person(worker, person_id, purpose=AccessPurpose.EDIT_RECORD, path=request.path)
    find = FindPersonForm(request.GET if "name" in request.GET else None)
    candidates: list[Person] = []
    if find.is_bound and find.is_valid():
        candidates = [
            p
            for p in person_search(worker, name=find.cleaned_data["name"], limit=20)
            if p.pk != person.pk
        ]
    chosen_id = request.POST.get("other") or request.GET.get("other")
    other = None
    if chosen_id and chosen_id.isdigit():
        other = access_person(
            worker, int(chosen_id), purpose=AccessPurpose.EDIT_RECORD, path=request.path
        )
    form = RelationshipForm(request.POST or None, initial={"other": other.pk if other else None})
    if request.method == "POST" and form.is_valid() and other is not None:
        data = form.cleaned_data
        kind, side = data["relation"].split(":")
        # "parent:other": the other person is this one's parent, so they are recorded first.
        first, second = (other, person) if side == "other" else (person, other)
        try:
            services.relationship_record(
                actor=worker,
                reason=_reason(form, "Relationship recorded"),
                person=first,
                other=second,
                kind=kind,
                has_parental_responsibility=data["has_parental_responsibility"],
                started_on=data["started_on"],
            )
        except ValidationError as error:
            errors_to_form(form, error, {"kind": "relation", "other": "relation"})
        else:
            messages.success(request, "Relationship recorded")
            return redirect("people:detail", person.pk)
    return _render(
        request,
        "relationship_add.html",
        {
            "find": find,
            "candidates": candidates,
            "form": form,
            "person": person,
            "other": other,
            "page_title": f"Add a relationship: {person.full_name}",
        },
    )
