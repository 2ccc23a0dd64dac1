"""Background work for the progress check at two: the PDF (WeasyPrint, nothing fetched) and emails.

Tasks take ids only; names and text are read here, inside the task. Emails never carry the
check itself, only a link to the permission-checked page, and never the child's name in the subject.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from tandem.core.files import render_pdf

from .models import ProgressCheck
from .models.twocheck import check_pdf_path

logger = logging.getLogger("tandem.journal")


def check_for_pdf(check_id: int) -> ProgressCheck | None:
    return (
        ProgressCheck.objects.select_related("child", "child__setting", "author", "signed_off_by")
        .prefetch_related("areas__area")
        .filter(pk=check_id, status__in=[ProgressCheck.Status.SIGNED_OFF, ProgressCheck.Status.SHARED])
        .first()
    )


def check_html(check: ProgressCheck) -> str:
    return render_to_string(
        "journal/twocheck/pdf.html", {"check": check, "child": check.child, "setting": check.child.setting}
    )


def render_check_pdf(check: ProgressCheck) -> bytes:
    return render_pdf(check_html(check))


@task()
def make_check_pdf(check_id: int, notify: bool) -> bool:
    """Make the PDF of a signed-off check, keep it in private storage and, if ``notify``, tell the family."""
    check = check_for_pdf(check_id)
    if check is None:
        return False
    pdf = render_check_pdf(check)
    name = default_storage.save(check_pdf_path(check, "check.pdf"), ContentFile(pdf))
    ProgressCheck.objects.filter(pk=check.pk).update(pdf=name, pdf_made_at=timezone.now())
    old = check.pdf.name
    if old and old != name:
        default_storage.delete(old)
    logger.info("progress check pdf made check=%s", check.pk)
    if notify and check.status == ProgressCheck.Status.SHARED:
        family_email(check, "journal/twocheck/email/shared.txt", "Your child's progress check at two is ready")
    return True


@task()
def email_family_asked(check_id: int) -> int:
    """Ask the family (parental responsibility, no restriction) to add their part online."""
    check = ProgressCheck.objects.select_related("child", "child__setting").filter(pk=check_id).first()
    if check is None or not check.is_draft or check.family_asked_at is None:
        return 0
    subject = "Please tell us about your child for the check at two"
    return family_email(check, "journal/twocheck/email/asked.txt", subject)


def family_email(check: ProgressCheck, template: str, subject: str) -> int:
    from tandem.people.models import ChildAdult

    links = ChildAdult.objects.filter(
        child_id=check.child_id, parental_responsibility=True, no_information=False, no_contact=False
    ).select_related("adult", "adult__user")
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("journal:twocheck_child", args=[check.child_id])
    sent = 0
    for one in links:
        to = one.adult.email or (one.adult.user.email if one.adult.user_id and one.adult.user else "")
        if not to:
            continue
        body = render_to_string(template, {"adult": one.adult, "child": check.child, "check": check, "link": link})
        sent += EmailMessage(subject=f"{subject} ({check.child.setting.name})", body=body, to=[to]).send()
    return sent
