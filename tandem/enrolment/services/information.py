"""The setting's information pages (R68) and briefing meetings (R6): every write, audited.

Both records carry a ``revision`` number that goes up at every save. An edit made from an older
copy (someone else saved in between) is refused with a clear message, so two people editing the
same page or meeting at once never silently lose one of the edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child
from tandem.people.selectors import staff_of

from ..actions.information import BRIEFING_MANAGE, INFORMATION_MANAGE
from ..models.information import BriefingMeeting, InformationPage, Topic

MAX_BODY = 50_000
MAX_NOTES = 10_000
STALE = (
    "Someone else saved this {thing} while you were editing it, so your changes have not been saved. "
    "Your text is still below: copy anything you need, then open the {thing} again to see their version."
)


def save_information_page(
    *, actor: User, setting: Setting, topic: str, title: str, body: str, revision: int | None = None
) -> InformationPage:
    """Write or change one of the setting's information pages.

    ``revision`` is the page's revision the editor started from (``None`` or 0 for a new page)."""
    require(actor, INFORMATION_MANAGE, setting)
    if topic not in Topic.values:
        raise ValidationError({"topic": "Choose one of the setting's information topics."})
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for the page."
    elif len(title) > 200:
        errors["title"] = "Keep the title to 200 characters or fewer."
    if not body:
        errors["body"] = "Write the information parents should read."
    elif len(body) > MAX_BODY:
        errors["body"] = f"Keep the page to {MAX_BODY} characters or fewer."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            page = InformationPage.objects.select_for_update().filter(setting=setting, topic=topic).first()
            if page is None:
                if revision:
                    raise ValidationError(STALE.format(thing="page"))
                page = InformationPage(setting=setting, topic=topic)
            else:
                if revision != page.revision:
                    raise ValidationError(STALE.format(thing="page"))
                page.revision += 1
            page.title, page.body = title, body
            page.updated_at, page.updated_by = timezone.now(), actor
            page._history_user = actor  # type: ignore[attr-defined]
            page.full_clean(validate_unique=False)
            page.save()
            audit.record("enrolment.information_page.saved", actor, obj=page, setting_id=setting.pk)
    except IntegrityError:  # written by someone else at the very same moment
        raise ValidationError(STALE.format(thing="page")) from None
    return page


def _check_meeting(
    child: Child,
    staff_member: User | None,
    adults_present: Iterable[Adult],
    policies_discussed: Iterable[str],
    held_at: dt.datetime | None,
    notes: str,
) -> None:
    errors: dict[str, str] = {}
    if staff_member is not None and not staff_of(child.setting).filter(pk=staff_member.pk).exists():
        errors["staff_member"] = "Choose a member of staff of the child's setting."
    ids = {a.pk for a in adults_present}
    if ids:
        linked = set(
            child.links.filter(adult_id__in=ids, no_contact=False, no_information=False).values_list(
                "adult_id", flat=True
            )
        )
        if ids - linked:
            errors["adults_present"] = "Choose only adults linked to the child who may be given information."
    if set(policies_discussed) - set(Topic.values):
        errors["policies_discussed"] = "Choose only the setting's information topics."
    if held_at is not None and held_at > timezone.now() + dt.timedelta(minutes=5):
        errors["held_at"] = "The meeting cannot have been held in the future. Leave this blank until it has happened."
    if len(notes) > MAX_NOTES:
        errors["notes"] = f"Keep the notes to {MAX_NOTES} characters or fewer."
    if errors:
        raise ValidationError(errors)


def save_briefing_meeting(
    *,
    actor: User,
    child: Child,
    scheduled_for: dt.datetime,
    meeting: BriefingMeeting | None = None,
    revision: int | None = None,
    staff_member: User | None = None,
    held_at: dt.datetime | None = None,
    adults_present: Iterable[Adult] = (),
    policies_discussed: Iterable[str] = (),
    safeguarding_explained: bool = False,
    notes: str = "",
) -> BriefingMeeting:
    """Arrange a child's briefing meeting, or change it and record what was discussed."""
    from ..tasks_information import send_briefing_invitation

    require(actor, BRIEFING_MANAGE, child)
    if scheduled_for is None:
        raise ValidationError({"scheduled_for": "Enter the date and time of the meeting."})
    adults_present = list(adults_present)
    policies = sorted(set(policies_discussed), key=Topic.order)
    notes = (notes or "").strip()
    _check_meeting(child, staff_member, adults_present, policies, held_at, notes)
    with transaction.atomic():
        if meeting is None:
            meeting = BriefingMeeting(setting_id=child.setting_id, child=child, created_by=actor)
            event = "enrolment.briefing_meeting.scheduled"
            invite = True
        else:
            meeting = BriefingMeeting.objects.select_for_update().get(pk=meeting.pk)
            if meeting.child_id != child.pk:
                raise ValidationError("This meeting belongs to another child.")
            if revision != meeting.revision:
                raise ValidationError(STALE.format(thing="meeting"))
            meeting.revision += 1
            recorded_now = meeting.held_at is None and held_at is not None
            event = "enrolment.briefing_meeting." + ("recorded" if recorded_now else "updated")
            invite = meeting.scheduled_for != scheduled_for and held_at is None
        fields: dict[str, Any] = {
            "scheduled_for": scheduled_for,
            "staff_member": staff_member,
            "held_at": held_at,
            "policies_discussed": policies,
            "safeguarding_explained": safeguarding_explained,
            "notes": notes,
        }
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting._history_user = actor  # type: ignore[attr-defined]
        meeting.full_clean()
        meeting.save()
        meeting.adults_present.set(adults_present)
        audit.record(event, actor, child_ids=[child.pk], obj=meeting, setting_id=child.setting_id)
        if invite:
            meeting_id = meeting.pk
            transaction.on_commit(lambda: send_briefing_invitation.enqueue(meeting_id))
    return meeting
