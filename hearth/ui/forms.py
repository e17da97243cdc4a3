"""What a form page does with a service's refusal."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_to_form(
    form: forms.BaseForm, error: ValidationError, rename: dict[str, str] | None = None
) -> None:
    """Put a service's field errors beside the form's fields (others at the top of the page).

    `rename` maps a service's field name to the form's where they differ (a service's
    `occurred_at` is the form's `visit_time`, say).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        name = (rename or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)
