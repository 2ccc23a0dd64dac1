"""Reads of consultations (R39), filtered by the access layer in the database."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting

from ..actions.consultations import CONSULTATION_RESPOND, CONSULTATION_VIEW
from ..models import Consultation, ConsultationResponse


def consultations(user: Any, setting: Setting) -> QuerySet[Consultation]:
    return permitted(user, CONSULTATION_VIEW, Consultation.objects.filter(setting=setting)).order_by(
        "-created_at", "-pk"
    )


def response_of(user: Any, consultation: Consultation) -> ConsultationResponse | None:
    return ConsultationResponse.objects.filter(consultation=consultation, author=user).first()


def tally(consultation: Consultation) -> dict[str, int]:
    """How many families agreed, disagreed, were unsure, or only commented. One query."""
    counts = ConsultationResponse.objects.filter(consultation=consultation).aggregate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(answer=value)) for value in ConsultationResponse.Answer.values},
        comments=Count("pk", filter=~Q(comment="")),
    )
    return {key: value or 0 for key, value in counts.items()}


def responses(consultation: Consultation) -> QuerySet[ConsultationResponse]:
    return ConsultationResponse.objects.filter(consultation=consultation).select_related("author")


def open_for(user: Any) -> list[Consultation]:
    """Open consultations the parent has not yet answered (for the "Have your say" hub)."""
    found = permitted(
        user,
        CONSULTATION_RESPOND,
        Consultation.objects.filter(closes_on__gte=timezone.localdate()).exclude(responses__author=user),
    )
    return list(found.select_related("setting").order_by("closes_on", "pk")[:10])
