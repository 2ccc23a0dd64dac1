"""Background work for medication: telling the family a dose was given.

Tasks take ids only. The subject never names the medicine or the child; the email links to the
permission-checked medicines page, where the family sees the dose and acknowledges it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.people.models import ChildAdult

from .models import Dose


@task()
def email_dose_given(dose_id: int) -> int:
    dose = Dose.objects.select_related("medicine__child__setting").filter(pk=dose_id).first()
    if dose is None:
        return 0
    child = dose.medicine.child
    links = ChildAdult.objects.filter(
        child=child, parental_responsibility=True, no_information=False, no_contact=False
    ).select_related("adult", "adult__user")
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("attendance:medicines", args=[child.pk])
    subject = f"Your child was given medicine today ({child.setting.name})"
    sent = 0
    for one in links:
        to = one.adult.email or (one.adult.user.email if one.adult.user_id and one.adult.user else "")
        if not to:
            continue
        body = render_to_string(
            "attendance/medication/email/dose_given.txt",
            {"adult": one.adult, "child": child, "dose": dose, "link": link},
        )
        sent += EmailMessage(subject=subject, body=body, to=[to]).send()
    return sent
