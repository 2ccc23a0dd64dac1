"""The directory of local and national agencies (R46) and the record of each signposting (R47)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting

__all__ = ["Agency", "AgencyContact", "Signposting"]


class Agency(models.Model):
    """A service the setting works with or points families to. Kept per setting: each setting
    keeps its own local directory (national services are listed with ``reach`` national)."""

    class Category(models.TextChoices):
        HEALTH = "health", "Health (health visitors, GPs, speech and language therapy)"
        SEND = "send", "Special educational needs and disabilities (SEND)"
        CHILDRENS_CENTRE = "childrens_centre", "Children's centres and family hubs"
        EARLY_YEARS = "early_years", "Local authority early years"
        SOCIAL_CARE = "social_care", "Children's social care"
        CULTURAL = "cultural", "Ethnic and cultural organisations"
        DRUGS_ALCOHOL = "drugs_alcohol", "Drug and alcohol services"
        WELFARE_RIGHTS = "welfare_rights", "Welfare rights and money advice"
        ADULT_EDUCATION = "adult_education", "Adult education"
        SCHOOL = "school", "Schools"
        OTHER = "other", "Other support"

    class Reach(models.TextChoices):
        LOCAL = "local", "Local"
        NATIONAL = "national", "National"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices)
    reach = models.CharField(max_length=10, choices=Reach.choices, default=Reach.LOCAL)
    description = models.TextField(blank=True, help_text="What they offer and who to, in plain English.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    languages = models.CharField(max_length=200, blank=True, help_text="Languages they work in, besides English.")
    show_to_families = models.BooleanField(
        default=True, help_text="Listed in the support directory parents see. Social care is usually not."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category", "name"]
        verbose_name_plural = "agencies"
        indexes = [models.Index(fields=["setting", "category", "name"], name="agency_setting_category_idx")]

    def __str__(self) -> str:
        return self.name


class AgencyContact(models.Model):
    """A named person at an agency: who a share, a referral or a visit is with."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text="For example: health visitor, social worker.")
    email = models.EmailField(blank=True, help_text="A secure work address: shared records are sent here.")
    phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class Signposting(models.Model):
    """A member of staff pointed a family to an agency (R47)."""

    class Outcome(models.TextChoices):
        SUGGESTED = "suggested", "Suggested to the family"
        CONTACTED = "contacted", "The family got in touch"
        HELPED = "helped", "The family is getting support"
        NOT_TAKEN_UP = "not_taken_up", "Not taken up"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="signpostings")
    adult = models.ForeignKey(
        "people.Adult",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signpostings",
        help_text="The parent or carer it was discussed with.",
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="signpostings")
    reason = models.TextField(help_text="What the family needed help with.")
    how = models.CharField(max_length=200, blank=True, help_text="For example: talked at collection, gave a leaflet.")
    shared_with_family = models.BooleanField(default=True, help_text="The family sees it under 'Support we suggested'.")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.SUGGESTED)
    follow_up_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["child", "-recorded_at"], name="signposting_child_idx")]

    def __str__(self) -> str:
        return f"Signposting #{self.pk}"
