"""The form bridge: radio and checkbox groups get ids the error summary can link to."""

from django import forms
from django.template import engines

from hearth.ui.govuk import error_summary, field_checkboxes, field_radios

RENDER = """
{%- from "govuk_frontend_jinja/components/radios/macro.html" import govukRadios -%}
{%- from "govuk_frontend_jinja/components/checkboxes/macro.html" import govukCheckboxes -%}
{%- from "govuk_frontend_jinja/components/error-summary/macro.html" import govukErrorSummary -%}
{{ govukErrorSummary(summary) }}{{ govukRadios(radios) }}{{ govukCheckboxes(checkboxes) }}
"""


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("home", "Home visit"), ("school", "School visit")], widget=forms.RadioSelect
    )
    needs = forms.MultipleChoiceField(
        choices=[("food", "Food"), ("warmth", "Warmth")], widget=forms.CheckboxSelectMultiple
    )


def test_error_summary_links_land_on_the_first_radio_and_checkbox():
    form = KindForm(data={})
    assert not form.is_valid()
    summary = error_summary(form)
    assert summary is not None
    assert [item["href"] for item in summary["errorList"]] == ["#id_kind", "#id_needs"]
    radios = field_radios(form["kind"])
    checkboxes = field_checkboxes(form["needs"])
    assert radios["idPrefix"] == "id_kind"
    assert checkboxes["idPrefix"] == "id_needs"
    html = (
        engines["jinja2"]
        .from_string(RENDER)
        .render({"summary": summary, "radios": radios, "checkboxes": checkboxes})
    )
    assert 'id="id_kind"' in html and 'href="#id_kind"' in html
    assert 'id="id_needs"' in html and 'href="#id_needs"' in html


def test_a_prefixed_form_keeps_its_prefix_in_the_ids():
    form = KindForm(data={}, prefix="visit")
    assert not form.is_valid()
    assert field_radios(form["kind"])["idPrefix"] == "id_visit-kind"
    summary = error_summary(form)
    assert summary is not None
    assert summary["errorList"][0]["href"] == "#id_visit-kind"
