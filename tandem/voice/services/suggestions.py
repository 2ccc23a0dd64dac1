"""Suggestions (R37): made by parents, named or anonymous, and answered by the manager.

An anonymous suggestion records no author: not on the row, not in the audit trail (its event has
no actor), not in a notification. Its date is a day, not a time.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import MANAGERS

from ..actions.suggestions import SUGGESTION_ANSWER, SUGGESTION_MAKE
from ..models import Suggestion

RECEIVED_KIND = "voice.suggestions.received"
ANSWERED_KIND = "voice.suggestions.answered"
PRIVATE_TO_ANONYMOUS = (
    "This suggestion was made anonymously, so a private reply cannot reach anyone. Make the reply public, "
    "or leave it empty."
)


def make_suggestion(*, actor: User, setting: Setting, tone: str, text: str, anonymous: bool) -> Suggestion:
    require(actor, SUGGESTION_MAKE, setting)
    text = (text or "").strip()
    errors = {}
    if tone not in Suggestion.Tone.values:
        errors["tone"] = "Choose what kind of suggestion it is."
    if not text:
        errors["text"] = "Write your suggestion."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            setting=setting, tone=tone, text=text, author=None if anonymous else actor
        )
        audit.record("voice.suggestion.received", None if anonymous else actor, obj=suggestion, setting_id=setting.pk)
        leaders = SettingMembership.objects.filter(setting=setting, role__in=MANAGERS, active=True)
        notify(
            kind=RECEIVED_KIND,
            user_ids=set(leaders.values_list("user_id", flat=True)),
            title="A new suggestion from a family",
            body=f"{Suggestion.Tone(tone).label}. Open Tandem to read it and reply.",
            url=reverse("voice:suggestion", args=[suggestion.pk]),
            setting_id=setting.pk,
        )
    return suggestion


def answer(
    *, actor: User, suggestion: Suggestion, reply: str, reply_public: bool, status: str, we_did: str
) -> Suggestion:
    require(actor, SUGGESTION_ANSWER, suggestion)
    reply, we_did = (reply or "").strip(), (we_did or "").strip()
    if status not in Suggestion.Status.values:
        raise ValidationError({"status": "Choose where it stands."})
    if reply and not reply_public and suggestion.author_id is None:
        raise ValidationError({"reply_public": PRIVATE_TO_ANONYMOUS})
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        new_reply = reply != locked.reply
        now = timezone.now()
        locked.reply, locked.reply_public, locked.status = reply, reply_public, status
        if new_reply:
            locked.replied_by, locked.replied_at = (actor, now) if reply else (None, None)
        if we_did and not locked.we_did:
            locked.we_did_on = timezone.localdate(now)
        elif not we_did:
            locked.we_did_on = None
        locked.we_did = we_did
        locked.save()
        audit.record("voice.suggestion.answered", actor, obj=locked, setting_id=locked.setting_id)
        if locked.author_id and ((new_reply and reply) or (we_did and we_did != suggestion.we_did)):
            notify(
                kind=ANSWERED_KIND,
                user_ids=[locked.author_id],
                title="The setting has answered your suggestion",
                body="Open Tandem to read the reply.",
                url=reverse("voice:my_suggestion", args=[locked.pk]),
                setting_id=locked.setting_id,
            )
    return locked
