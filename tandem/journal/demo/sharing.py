"""Demo of sending to another setting (R25): Alfie Morgan's progress check at two, sent to the
childminder he also attends, with the family's consent. The link's token is random and thrown
away (only its hash is kept), so the demo shows the log and the openings, not a working link."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.enrolment.models import ConsentCode, ConsentDecision, ConsentType
from tandem.enrolment.selectors.consents import consent_now
from tandem.people.models import ChildAdult

from ..models import OutsideShare, OutsideShareOpening
from ..selectors.sharing import token_hash
from .twocheck import alfie_check


def _consent(check_child_id: int) -> ConsentDecision | None:
    state = consent_now(check_child_id, ConsentCode.SHARE_OTHER_SETTING)
    if state.given:
        return state.decision
    link = (
        ChildAdult.objects.filter(child_id=check_child_id, parental_responsibility=True, no_information=False)
        .select_related("adult", "child")
        .first()
    )
    consent_type = (
        ConsentType.objects.filter(
            code=ConsentCode.SHARE_OTHER_SETTING, active=True, setting_id=link.child.setting_id
        ).first()
        if link
        else None
    )
    if link is None or consent_type is None:
        return None
    return ConsentDecision.objects.create(
        child_id=check_child_id,
        consent_type=consent_type,
        type_version=consent_type.version,
        kind=ConsentDecision.Kind.GIVEN,
        given=True,
        decided_by=link.adult,
        decided_by_user=link.adult.user,
        at=timezone.now() - dt.timedelta(days=100),
    )


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import PRACTITIONER_EMAIL

    check = alfie_check(setting)
    if check is None or OutsideShare.objects.filter(child_id=check.child_id).exists():
        return
    decision = _consent(check.child_id)
    if decision is None:
        return
    now = timezone.now().replace(microsecond=0)
    share = OutsideShare.objects.create(
        child_id=check.child_id,
        item=OutsideShare.Item.CHECK,
        progress_check=check,
        recipient_setting="Little Acorns Childminding",
        recipient_name="Grace Bennett",
        recipient_email="grace@little-acorns.demo.tandem.invalid",
        reason="Alfie also spends Thursdays and Fridays with Grace, his childminder.",
        token_hash=token_hash(secrets.token_urlsafe(32)),
        expires_at=now + dt.timedelta(days=9),
        consent_decision=decision,
        sent_by=User.objects.filter(email=PRACTITIONER_EMAIL).first(),
        sent_at=now - dt.timedelta(days=5),
    )
    OutsideShareOpening.objects.create(share=share, opened_at=now - dt.timedelta(days=4, hours=3))
