"""Front door pages: the tray of decisions due, recording a contact, and the family's contact page.

Thin: parse, call a service or selector, render. Contacts and decisions are written through each
child's practice case (`contact_receive`, `front_door_decisions_record`), so the council's
practice model writes the statutory record. Every child is loaded through the access layer: a
worker who may not see a child named in a contact gets a 404 for the whole contact.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.selectors import visible_people
from hearth.audit.models import AccessPurpose
from hearth.frontdoor import selectors, services
from hearth.frontdoor.access import access_contact
from hearth.frontdoor.codes import ContactInvolvement
from hearth.frontdoor.forms import ContactForm, NewPersonForm
from hearth.frontdoor.models import Contact, ContactDecision
from hearth.people import services as people_services
from hearth.people.models import Person
from hearth.people.selectors import person_search
from hearth.practice import definitions
from hearth.practice import forms as step_forms
from hearth.practice.models import Step, StepStatus
from hearth.practice.selectors import visible_steps
from hearth.timescales.rules import status
from hearth.ui.govuk import error_summary, field_date
from hearth.ui.requests import current_worker

GET_POST = require_http_methods(["GET", "POST"])

# Form errors from the services, by the service's field name, shown on the contact form's fields.
CONTACT_FIELDS = {
    "received_at": "received_time",
    "referral_source": "source",
    "source": "source",
    "contact_reason": "contact_reason",
    "referrer_name": "referrer_name",
    "referrer_organisation": "referrer_organisation",
    "referrer_contact_details": "referrer_contact_details",
}


def tray(request: HttpRequest) -> HttpResponse:
    """The front door's tray: each child in a contact awaiting a decision, earliest due first."""
    worker = current_worker(request)
    today = timezone.localdate()
    rows = [
        {
            "subject": subject,
            "status": status(subject.contact.decision_due_on, today=today, due_soon_days=1),
        }
        for subject in selectors.contact_children_awaiting_decision(worker)[:200]
    ]
    return render(
        request,
        "frontdoor/tray.html",
        {"rows": rows, "today": today, "page_title": "Front door"},
    )


def _chosen_people(worker: Any, data: QueryDict) -> tuple[list[Person], list[tuple[Person, str]]]:
    """The children and other people already added to the contact (hidden fields, re-checked)."""
    child_ids = [int(v) for v in data.getlist("child") if v.isdigit()]
    involved: dict[int, str] = {}
    for value in data.getlist("involved"):
        pk, _, involvement = value.partition(":")
        if pk.isdigit() and involvement in ContactInvolvement.values:
            involved[int(pk)] = involvement
    visible = visible_people(worker).in_bulk([*child_ids, *involved])
    children = [visible[pk] for pk in dict.fromkeys(child_ids) if pk in visible]
    others = [(visible[pk], how) for pk, how in involved.items() if pk in visible]
    return children, others


def _apply_action(
    worker: Any,
    action: str,
    *,
    data: QueryDict,
    children: list[Person],
    others: list[tuple[Person, str]],
    new_person: NewPersonForm,
) -> None:
    """Add or remove a person in the contact being written (everything typed is kept)."""
    verb, _, pk_text = action.partition(":")
    if verb == "new-person":
        if new_person.is_valid():
            born = new_person.cleaned_data.get("new_date_of_birth")
            person = people_services.person_create(
                actor=worker,
                reason="Recorded at the front door, named in a contact",
                given_name=new_person.cleaned_data["new_given_name"],
                family_name=new_person.cleaned_data["new_family_name"],
                **({"date_of_birth": born} if born else {}),
            )
            role = new_person.cleaned_data["new_role"]
            if role == "child":
                children.append(person)
            else:
                others.append((person, role))
        return
    if not pk_text.isdigit():
        return
    pk = int(pk_text)
    chosen = {p.pk for p in children} | {p.pk for p, _ in others}
    if verb == "remove":
        children[:] = [p for p in children if p.pk != pk]
        others[:] = [(p, how) for p, how in others if p.pk != pk]
        return
    found = visible_people(worker).filter(pk=pk).first()
    if found is None or pk in chosen:
        return
    if verb == "add-child":
        children.append(found)
    elif verb == "add-person":
        how = data.get(f"involvement-{pk}", "")
        others.append((found, how if how in ContactInvolvement.values else "other"))


@GET_POST
def contact_new(request: HttpRequest) -> HttpResponse:
    """Record a contact: when, from whom, about what, and every child and person in it, once."""
    worker = current_worker(request)
    data = request.POST if request.method == "POST" else QueryDict()
    action = data.get("action", "")
    children, others = _chosen_people(worker, data)
    form = ContactForm(data if request.method == "POST" else None)
    new_person = NewPersonForm(data if action == "new-person" else None)
    people_error = ""
    if action == "record":
        if not children:
            people_error = "Add at least one child the contact is about"
        if form.is_valid() and not people_error:
            try:
                contact = services.contact_receive(
                    actor=worker,
                    received_at=form.cleaned_data["received_at"],
                    source=form.cleaned_data["source"],
                    children=children,
                    contact_reason=form.cleaned_data["contact_reason"],
                    referrer_name=form.cleaned_data["referrer_name"],
                    referrer_organisation=form.cleaned_data["referrer_organisation"],
                    referrer_contact_details=form.cleaned_data["referrer_contact_details"],
                    people_involved=others,
                )
            except ValidationError as refused:
                people_error = _errors_to_form(form, refused)
            else:
                messages.success(request, "Contact recorded")
                return redirect("frontdoor:contact", contact.pk)
    elif request.method == "POST":
        _apply_action(
            worker, action, data=data, children=children, others=others, new_person=new_person
        )
        form.is_valid()
        form.errors.clear()  # nothing is wrong yet: the worker is still adding people
    query = data.get("q", "").strip()
    chosen = {p.pk for p in children} | {p.pk for p, _ in others}
    results = [p for p in person_search(worker, name=query, limit=20) if p.pk not in chosen]
    summary = error_summary(form) or (
        {"titleText": "There is a problem", "errorList": []} if people_error else None
    )
    if people_error and summary is not None:
        summary["errorList"].insert(0, {"text": people_error, "href": "#people"})
    if new_person.errors and action == "new-person":
        summary = error_summary(new_person)
    return render(
        request,
        "frontdoor/contact_new.html",
        {
            "form": form,
            "new_person": new_person,
            "children": children,
            "others": others,
            "query": query,
            "searched": bool(query),
            "results": results,
            "involvements": ContactInvolvement.choices,
            "involvement_labels": dict(ContactInvolvement.choices),
            "people_error": people_error,
            "summary": summary,
            "field_date": field_date,
            "page_title": "Record a contact",
        },
    )


def _errors_to_form(form: ContactForm, refused: ValidationError) -> str:
    """Put the service's field errors on the form; return a message about the people, if any."""
    people_error = ""
    for name, errors in getattr(refused, "message_dict", {"": refused.messages}).items():
        target = CONTACT_FIELDS.get(name)
        if target:
            form.add_error(target, errors)
        else:
            people_error = " ".join(errors)
    return people_error


def _step_errors_summary(errors: dict[str, str], fields: list[Any]) -> dict[str, Any] | None:
    if not errors:
        return None
    dated = {f.id for f in fields if f.component == "date"}
    items = []
    for name, message in errors.items():
        if name == "_form":
            anchor = "family-form"
        elif name in dated or name == "_completed_on":
            anchor = f"{name}-day"
        else:
            anchor = name
        items.append({"text": message, "href": f"#{anchor}"})
    return {"titleText": "There is a problem", "errorList": items}


def _rename(params: dict[str, Any], suffix: str, child: Person) -> dict[str, Any]:
    """A per-child copy of a question's GOV.UK parameters (names and ids end `-<child id>`)."""
    renamed = dict(params)
    for key in ("name", "id", "idPrefix"):
        if key in renamed and renamed[key]:
            renamed[key] = f"{renamed[key]}-{suffix}"
    if "fieldset" in renamed:
        legend = dict(renamed["fieldset"]["legend"])
        legend["text"] = f"{legend['text']} ({child.given_name})"
        renamed["fieldset"] = {"legend": legend}
    if "label" in renamed:
        label = dict(renamed["label"])
        label["text"] = f"{label['text']} ({child.given_name})"
        renamed["label"] = label
    return renamed


@GET_POST
def contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    """A contact: who it is about, the MASH's checks, and the decision for each child.

    While the children's front door steps are open, the page shows the step's form once for the
    family, with the decision asked for each child; submitting completes every child's step.
    """
    worker = current_worker(request)
    purpose = AccessPurpose.EDIT_RECORD if request.method == "POST" else AccessPurpose.CASEWORK
    contact = access_contact(worker, contact_id, purpose=purpose, path=request.path)
    children = selectors.contact_children(contact)
    steps = selectors.front_door_steps(worker, contact)
    step_def = None
    errors: dict[str, str] = {}
    raw: dict[str, Any] = {}
    if steps:
        first = next(iter(steps.values()))
        step_def = definitions.step_type_of(first.case.model_version, first.step_type)
    if request.method == "POST" and step_def is not None:
        completed = step_forms.parse_completed_on(request.POST, "_completed_on")
        raw = step_forms.parse_answers(step_def, request.POST).raw | completed.raw
        if completed.error:
            errors["_completed_on"] = completed.error
        else:
            try:
                services.front_door_decisions_record(
                    actor=worker, steps=steps, data=request.POST, completed_on=completed.value
                )
            except services.FamilyAnswersInvalidError as invalid:
                errors = invalid.errors
            else:
                messages.success(request, "Front door decisions recorded")
                return redirect("frontdoor:contact", contact.pk)
    context = _contact_context(worker, contact, children, steps)
    if step_def is not None:
        shared = [
            f
            for f in step_forms.render_fields(step_def, raw, errors)
            if f.id not in services.PER_CHILD_FIELDS
        ]
        per_child = []
        for child in children:
            if child.pk not in steps:
                continue
            own_raw = {
                name: request.POST.get(f"{name}-{child.pk}", "")
                for name in services.PER_CHILD_FIELDS
            }
            own_errors = {
                name: errors[f"{name}-{child.pk}"]
                for name in services.PER_CHILD_FIELDS
                if f"{name}-{child.pk}" in errors
            }
            questions = []
            for form_field in step_def.form.fields:
                if form_field.id not in services.PER_CHILD_FIELDS:
                    continue
                component, params = step_forms.field_params(form_field, own_raw, own_errors)
                questions.append(
                    {"component": component, "params": _rename(params, str(child.pk), child)}
                )
            per_child.append({"child": child, "questions": questions})
        context |= {
            "step_def": step_def,
            "shared": shared,
            "per_child": per_child,
            "completed_on_params": step_forms.completed_on_params(
                "_completed_on", raw, timezone.localdate(), errors
            ),
            "summary": _step_errors_summary(errors, shared),
            "errors": errors,
        }
    return render(request, "frontdoor/contact_detail.html", context)


def _contact_context(
    worker: Any, contact: Contact, children: list[Person], steps: dict[int, Step]
) -> dict[str, Any]:
    decisions = {d.child_id: d for d in ContactDecision.objects.filter(contact=contact)}
    enquiry = getattr(contact, "mash_enquiry", None)
    waiting = visible_steps(worker).filter(
        case__child__in=children, status=StepStatus.AWAITING_AUTHORISATION
    )
    return {
        "contact": contact,
        "children": children,
        "decisions": decisions,
        "others": selectors.contact_people_involved(contact),
        "enquiry": enquiry,
        "information": enquiry.information.order_by("pk") if enquiry else [],
        "waiting": waiting,
        "open_steps": steps,
        "received_on": timezone.localdate(contact.received_at),
        "page_title": f"Contact received {contact.received_at:%d %B %Y}",
    }
