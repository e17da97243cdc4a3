"""The Jinja2 environment: GOV.UK Frontend macros, URL reversing, static files, council branding."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from hearth.ui import govuk


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(value: dt.date | dt.datetime | None, default: str = "") -> str:
    """A date as GOV.UK style writes it: 5 February 2027."""
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        from django.utils import timezone  # noqa: PLC0415

        local = timezone.localtime(value)
        return f"{local.day} {local:%B %Y} at {local:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def _can(worker: Any, action: str, target: object = None) -> bool:
    """Templates ask `can(request.user, "access.seal")` to decide whether to offer an action."""
    from hearth.access.rules import can  # noqa: PLC0415 (rules import models; load lazily)

    return bool(getattr(worker, "is_authenticated", False)) and can(worker, action, target)


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("autoescape", True)
    options.setdefault("extensions", ["jinja2.ext.do"])
    env = Environment(**options)  # noqa: S701 (autoescape is set above)
    env.globals.update(
        {
            "url": url,
            "static": static,
            "council": settings.HEARTH_COUNCIL,
            "get_messages": messages.get_messages,
            "can": _can,
            "field_input": govuk.field_input,
            "field_textarea": govuk.field_textarea,
            "field_date": govuk.field_date,
            "field_select": govuk.field_select,
            "field_radios": govuk.field_radios,
            "field_checkboxes": govuk.field_checkboxes,
            "field_checkbox": govuk.field_checkbox,
            "error_summary": govuk.error_summary,
        }
    )
    env.filters["govuk_date"] = govuk_date
    return env
