"""The error summary links each error to its field, radio groups included (WCAG 3.3.1)."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_every_error_links_to_an_element_on_the_page() -> None:
    form = _Form(data={})
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert 'href="#id_name"' in summary
    assert 'href="#id_kind"' in summary  # the radio group's container, not "#"
    assert 'href="#"' not in summary
    assert 'id="id_kind"' in str(form["kind"])  # the target exists
