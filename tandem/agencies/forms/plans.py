"""Forms of support plans and SEN plans (R22, R23): plain words, hints, dates as dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tandem.core.forms import DateInput

from ..models import PlanReview, PlanTarget, Professional, SupportPlan
from ..services.plans import MAX_SHORT, MAX_TEXT

OUT_OF_DATE = "This form is out of date. Open the plan again and make your changes."
REAL_DATE = "Enter a real date, for example 5 June 2026."


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
    )


def text_field(
    label: str, required: str, *, help_text: str = "", rows: int = 4, limit: int = MAX_TEXT
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        required=bool(required),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required, "max_length": f"Keep this to {limit:,} characters or fewer."},
    )


def line_field(label: str, required: str, *, help_text: str = "", limit: int = MAX_SHORT) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        required=bool(required),
        error_messages={"required": required, "max_length": f"Keep this to {limit:,} characters or fewer."},
    )


def date_field(label: str, required: str, *, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=bool(required),
        widget=DateInput(),
        error_messages={"required": required, "invalid": REAL_DATE},
    )


class PlanForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=SupportPlan.Kind.choices,
        widget=forms.RadioSelect,
        initial=SupportPlan.Kind.SUPPORT,
        help_text="An SEN support plan is for a special educational need or disability; a support plan is for "
        "any other concern about a child's progress.",
        error_messages={"required": "Choose the kind of plan."},
    )
    concern = text_field(
        "The concern",
        "Write what the concern about progress is.",
        help_text="What we have noticed about the child's progress, in plain words the family will understand.",
        rows=5,
    )
    strengths = text_field(
        "What the child enjoys and does well",
        "",
        help_text="Start from strengths: what they love, what they are good at, what helps them.",
    )
    review_on = date_field(
        "Review date",
        "Enter the date of the next review.",
        help_text="When the key person, the family and anyone else involved look at the plan together again. "
        "Usually 6 to 8 weeks from now.",
    )
    version = version_field()

    def __init__(self, *args: Any, plan: SupportPlan | None = None, **kwargs: Any) -> None:
        if plan is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": plan.kind,
                    "concern": plan.concern,
                    "strengths": plan.strengths,
                    "review_on": plan.review_on,
                    "version": plan.version,
                },
            )
        super().__init__(*args, **kwargs)
        self.new = plan is None
        if self.new:
            del self.fields["version"]
            self.fields["review_on"].label = "First review date"

    def clean_review_on(self) -> Any:
        day = self.cleaned_data.get("review_on")
        if self.new and day is not None and day < timezone.localdate():
            raise forms.ValidationError("The review date cannot be in the past.")
        return day


class TargetForm(forms.Form):
    target = line_field(
        "Target",
        "Write what we want the child to be able to do.",
        help_text="Small and clear, for example: asks for help using two words together.",
    )
    in_setting = text_field(
        "What we will do at the setting",
        "Write what the setting will do.",
        help_text="For example: name and model two-word phrases during snack time and play.",
        rows=3,
    )
    at_home = text_field(
        "What the family will try at home",
        "Write what the family will try at home.",
        help_text="Ideas that fit into everyday life, for example: share a picture book at bedtime.",
        rows=3,
    )
    who = line_field(
        "Who does what",
        "Write who does what.",
        help_text="Names or roles, for example: key person daily; SENCO checks in weekly; Mum at bedtime.",
    )
    version = version_field()

    def __init__(self, *args: Any, plan: SupportPlan, target: PlanTarget | None = None, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"version": plan.version}
        if target is not None:
            initial |= {name: getattr(target, name) for name in ("target", "in_setting", "at_home", "who")}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)


class VersionForm(forms.Form):
    version = version_field()


class MoveForm(forms.Form):
    version = version_field()
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")], widget=forms.HiddenInput)


class CommentForm(forms.Form):
    body = text_field("Your comment", "Write your comment.", rows=4)


class ProfessionalField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        name = obj.user.get_full_name() or obj.user.email
        where = f", {obj.agency.name}" if obj.agency_id and obj.agency else ""
        return f"{name} ({obj.job_title}{where})"


class InviteForm(forms.Form):
    professional = ProfessionalField(
        label="Professional",
        queryset=Professional.objects.none(),
        empty_label="Choose a professional",
        help_text="Visiting professionals of the setting. They can read this plan and comment, and nothing else "
        "about the child.",
        error_messages={
            "required": "Choose the professional to invite.",
            "invalid_choice": "Choose a professional from the list.",
        },
    )
    role = line_field(
        "Their role on this plan",
        "",
        help_text="Shown beside their comments. Leave it empty to use their job title.",
        limit=200,
    )

    def __init__(self, *args: Any, choices: QuerySet[Professional], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = choices  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    held_on = date_field("Date of the review", "Enter the date of the review.")
    who_attended = line_field(
        "Who came", "Write who came to the review.", help_text="For example: Emma (Mum), Amira (key person), SENCO."
    )
    progress = text_field(
        "How the child has got on",
        "Write how the child has got on.",
        help_text="Against each target: what has changed, what has worked, what has not.",
        rows=5,
    )
    family_views = text_field("What the family said", "", help_text="The family's views, in their words.", rows=3)
    outcome = forms.ChoiceField(
        label="What happens next",
        choices=PlanReview.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens next."},
    )
    next_review_on = date_field(
        "Next review date",
        "",
        help_text="Needed unless the plan is closed.",
    )
    version = version_field()

    def __init__(self, *args: Any, plan: SupportPlan, targets: list[PlanTarget], **kwargs: Any) -> None:
        initial: dict[str, Any] = {"version": plan.version, "held_on": timezone.localdate()}
        initial |= {f"target_{t.pk}": t.progress for t in targets}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.targets = targets
        for t in targets:
            self.fields[f"target_{t.pk}"] = forms.ChoiceField(
                label=f"Progress: {t.target}",
                choices=PlanTarget.Progress.choices,
                error_messages={
                    "required": "Choose how this target is going.",
                    "invalid_choice": "Choose how this target is going.",
                },
            )

    def target_progress(self) -> dict[int, str]:
        return {
            t.pk: self.cleaned_data[f"target_{t.pk}"] for t in self.targets if f"target_{t.pk}" in self.cleaned_data
        }
