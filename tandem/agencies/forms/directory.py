"""Forms of the directory (R46) and of signposting (R47). The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import ConcurrencyMixin, DateInput
from tandem.people.models import Adult, Child, ChildAdult

from ..models import Agency, AgencyContact, Signposting
from ..selectors.directory import informed_links, signpost_agencies
from ..services.directory import website_error

ALL_CATEGORIES = [("", "All kinds of support"), *Agency.Category.choices]


def follow_up_field() -> forms.DateField:
    return forms.DateField(
        label="Follow up on",
        required=False,
        widget=DateInput(),
        help_text="When to ask the family how it went. Leave it empty if there is nothing to follow up.",
        error_messages={"invalid": "Enter a real date, for example 5 June 2026."},
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100, help_text="A name, a need or a language.")
    category = forms.ChoiceField(label="Kind of support", choices=ALL_CATEGORIES, required=False)


class StaffSearchForm(DirectorySearchForm):
    inactive = forms.BooleanField(label="Show agencies no longer used", required=False)


class SignpostingFilterForm(forms.Form):
    category = forms.ChoiceField(label="Kind of support", choices=ALL_CATEGORIES, required=False)
    due = forms.BooleanField(label="Only follow-ups due", required=False)


class AgencyForm(ConcurrencyMixin):
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="An address starting with https://",
        error_messages={"invalid": "Enter a website address that starts with https:// or http://."},
    )

    class Meta:
        model = Agency
        fields = [
            "name",
            "category",
            "reach",
            "description",
            "phone",
            "email",
            "website",
            "address",
            "languages",
            "show_to_families",
        ]
        labels = {
            "name": "Name",
            "category": "Kind of support",
            "reach": "Local or national",
            "description": "What they offer",
            "phone": "Phone number",
            "email": "Email address",
            "address": "Address",
            "languages": "Languages",
            "show_to_families": "List it in the support directory that parents see",
        }
        help_texts = {
            "description": "What they offer and to whom, in plain English. Parents read this.",
            "phone": "Give at least one way to reach them: a phone number, an email address, a website or an address.",
            "address": "Where families can go, if they can drop in.",
            "languages": "Languages they work in, besides English. For example: Polish, Urdu.",
            "show_to_families": "Parents see the agency's own details, never the named contacts. Children's social "
            "care is usually not listed.",
        }
        widgets = {
            "category": forms.Select,
            "reach": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        error_messages = {
            "name": {"required": "Write the agency's name."},
            "category": {"required": "Choose what kind of agency it is."},
            "email": {"invalid": "Enter an email address like name@example.org."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category: Any = self.fields["category"]
        category.choices = [("", "Choose…"), *Agency.Category.choices]

    def clean_website(self) -> str:
        website = self.cleaned_data.get("website") or ""
        if message := website_error(website):
            raise forms.ValidationError(message)
        return website


class ContactForm(ConcurrencyMixin):
    class Meta:
        model = AgencyContact
        fields = ["name", "role", "email", "phone", "notes"]
        labels = {
            "name": "Name",
            "role": "Job title",
            "email": "Email address",
            "phone": "Phone number",
            "notes": "Notes for staff",
        }
        help_texts = {
            "email": "A secure work address. Give an email address or a phone number, or both.",
            "notes": "For example: works Monday to Wednesday. Staff only: parents never see contacts.",
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        error_messages = {
            "name": {"required": "Write the contact's name."},
            "email": {"invalid": "Enter an email address like name@example.org."},
        }


def _adult_label(link: ChildAdult) -> str:
    return f"{link.adult.first_name} {link.adult.last_name} ({link.get_relationship_display().lower()})"


class SignpostForm(forms.Form):
    adult = forms.TypedChoiceField(
        label="Who you talked to",
        coerce=int,
        help_text="Only parents and carers whom no restriction keeps from information are listed.",
        error_messages={
            "required": "Choose the parent or carer you talked to.",
            "invalid_choice": "Choose from the list.",
        },
    )
    agency = forms.TypedChoiceField(
        label="Agency",
        coerce=int,
        error_messages={"required": "Choose an agency.", "invalid_choice": "Choose an agency from the list."},
    )
    reason = forms.CharField(
        label="What the family needed help with",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write what the family needed help with."},
    )
    how = forms.CharField(
        label="How you signposted them",
        max_length=200,
        required=False,
        help_text="For example: talked at collection, gave a leaflet, helped them phone.",
    )
    shared_with_family = forms.BooleanField(label="Share it with the family", required=False, initial=True)
    follow_up_on = follow_up_field()

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        links = informed_links(child)
        self.adults: dict[int, Adult] = {link.adult.pk: link.adult for link in links}
        adult_field: Any = self.fields["adult"]
        adult_field.choices = [("", "Choose…")] + [
            (
                link.adult.pk,
                f"{link.adult.first_name} {link.adult.last_name} ({link.get_relationship_display().lower()})",
            )
            for link in links
        ]
        self.agencies: dict[int, Agency] = {a.pk: a for a in signpost_agencies(child)}
        groups: dict[str, list[tuple[int, str]]] = {}
        for agency in self.agencies.values():
            groups.setdefault(agency.get_category_display(), []).append((agency.pk, agency.name))
        agency_field: Any = self.fields["agency"]
        agency_field.choices = [("", "Choose…"), *groups.items()]
        self.fields["shared_with_family"].help_text = (
            f"Everyone with parental responsibility for {child.display_name} whom no restriction keeps from "
            "information sees the agency and what you wrote, under 'Support we suggested'. Leave it unticked "
            "for something said in confidence."
        )

    def clean_adult(self) -> Adult:
        return self.adults[self.cleaned_data["adult"]]

    def clean_agency(self) -> Agency:
        return self.agencies[self.cleaned_data["agency"]]


class OutcomeForm(ConcurrencyMixin):
    follow_up_on = follow_up_field()

    class Meta:
        model = Signposting
        fields = ["outcome", "follow_up_on", "shared_with_family"]
        labels = {"outcome": "How it turned out", "shared_with_family": "Share it with the family"}
        help_texts = {
            "shared_with_family": "The family sees the agency and what the family needed help with, under "
            "'Support we suggested'."
        }
        widgets = {"outcome": forms.RadioSelect}
