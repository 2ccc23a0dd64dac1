"""Forms for summaries: the staff's summary (a section per area of learning) and the parents' views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tandem.people.forms import DateInput
from tandem.people.models import Child

from ..models import Area, Band, NextStep, Summary
from ..services.eyfs import journal_settings
from ..services.summaries import MAX_AREA_TEXT, MAX_TEXT, MAX_TITLE, AreaSection, band_for_age


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter the {label.lower()} as a real date, for example 01/04/2027.",
        },
    )


class SummaryForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=MAX_TITLE,
        help_text="For example: Spring term 2027.",
        error_messages={
            "required": "Give the summary a title, for example: Spring term.",
            "max_length": f"Keep the title to {MAX_TITLE} characters or fewer.",
        },
    )
    period_start = _date("Start of the period")
    period_end = _date("End of the period")
    overview = forms.CharField(
        label="Overview",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="How the child has been, what they enjoy, what has changed. The family reads this. Markdown is "
        "allowed.",
        error_messages={"max_length": f"Keep the overview to {MAX_TEXT:,} characters or fewer."},
    )
    next_steps = forms.ModelMultipleChoiceField(
        label="Next steps in this summary",
        queryset=NextStep.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The next steps the child is working on now.",
        error_messages={
            "invalid_choice": "Choose only this child's next steps.",
            "invalid_pk_value": "Choose only this child's next steps.",
        },
    )

    def __init__(self, *args: Any, child: Child, summary: Summary | None = None, **kwargs: Any) -> None:
        self.areas = list(Area.objects.order_by("order"))
        framework = journal_settings(child.setting_id).framework
        bands = Band.objects.filter(framework=framework).order_by("order")
        steps = NextStep.objects.filter(child=child, status=NextStep.Status.OPEN).select_related("area")
        initial: dict[str, Any] = {}
        if summary is None:
            years, months = child.age_on(timezone.localdate())
            guess = band_for_age(framework, years * 12 + months)
            initial["next_steps"] = [s.pk for s in steps]
            for area in self.areas:
                initial[f"band_{area.code}"] = guess.pk if guess else None
        else:
            initial.update(
                title=summary.title,
                period_start=summary.period_start,
                period_end=summary.period_end,
                overview=summary.overview,
                next_steps=[s.pk for s in summary.next_steps.all()],
            )
            for row in summary.areas.all():
                code = next(a.code for a in self.areas if a.pk == row.area_id)
                initial[f"band_{code}"] = row.band_id
                initial[f"text_{code}"] = row.text
            steps = NextStep.objects.filter(child=child).filter(
                pk__in=[*initial["next_steps"], *steps.values_list("pk", flat=True)]
            )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["next_steps"].queryset = steps.order_by("area__order", "pk")  # type: ignore[attr-defined]
        self.sections = []
        for area in self.areas:
            band_field = forms.ModelChoiceField(
                label=f"Band for {area.name}",
                queryset=bands,
                required=False,
                empty_label="Not recorded",
                error_messages={"invalid_choice": "Choose a band from the list."},
            )
            text_field = forms.CharField(
                label=f"{area.name}: what we have seen",
                required=False,
                max_length=MAX_AREA_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": f"Keep this to {MAX_AREA_TEXT:,} characters or fewer."},
            )
            self.fields[f"band_{area.code}"] = band_field
            self.fields[f"text_{area.code}"] = text_field
            self.sections.append((area, f"band_{area.code}", f"text_{area.code}"))

    def area_fields(self) -> list[tuple[Area, forms.BoundField, forms.BoundField]]:
        return [(area, self[band], self[text]) for area, band, text in self.sections]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start.")
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        sections: list[AreaSection] = [
            (area, data.get(band), data.get(text) or "") for area, band, text in self.sections
        ]
        return {
            "title": data["title"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "overview": data["overview"],
            "areas": sections,
            "next_steps": list(data["next_steps"]),
        }


class ParentsViewsForm(forms.Form):
    parents_views = forms.CharField(
        label="Your views",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you think of the summary, what you see at home, and anything you would like the setting "
        "to know or to work on together.",
        error_messages={
            "required": "Write your views, in a sentence or more.",
            "max_length": f"Keep this to {MAX_TEXT:,} characters or fewer.",
        },
    )
