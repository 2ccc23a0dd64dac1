"""Every write about consents (R9): keyword-only, one transaction, audited.

A decision is always a new row: giving, refusing and withdrawing append to the child's history,
and the current state is the latest decision. Only an adult with parental responsibility for the
child, under no restriction, decides; staff never decide on a parent's behalf.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import Setting, User
from tandem.people.models import Child, ChildAdult

from ..actions.consents import CONSENT_TYPES_MANAGE, CONSENTS_DECIDE, CONSENTS_VIEW
from ..models.consents import ConsentCode, ConsentDecision, ConsentType

ONLY_PARENTAL_RESPONSIBILITY = "Only someone with parental responsibility can give or refuse consent."
WORDING_CHANGED = "The wording of this consent has changed since you opened the page. Please read it again and decide."
NOTHING_TO_WITHDRAW = "There is no consent to withdraw: it has not been given."
NOT_ASKED_HERE = "This consent is not asked by your child's setting."

# The standard consents of an early years setting in England, in the order parents read them.
DEFAULT_CONSENT_TYPES: list[tuple[str, str, str]] = [
    (
        ConsentCode.EMERGENCY_TREATMENT,
        "Emergency medical treatment",
        "If your child is badly hurt or suddenly very ill and we cannot reach you or your emergency "
        "contacts, we will call 999 and a member of staff will go with your child to hospital.\n\n"
        "With your consent, the doctors may give the **emergency advice, first aid or treatment** they "
        "judge necessary, including an anaesthetic, until you arrive. We keep trying to reach you the "
        "whole time.",
    ),
    (
        ConsentCode.ADMINISTERING_MEDICATION,
        "Giving medicine",
        "We only give medicine your child's doctor, dentist, nurse or pharmacist has prescribed, or "
        "non-prescription medicine such as a pain or fever remedy that you have asked for in writing.\n\n"
        "Each time, you tell us in writing what to give, how much and when. Two members of staff check "
        "every dose and we record it; you sign the record when you collect your child. Giving this "
        "consent does not mean we give any medicine without asking you first.",
    ),
    (
        ConsentCode.LOCAL_OUTINGS,
        "Local outings",
        "We take small groups on short walks and visits near the setting: the park, the library, the "
        "shops, the post box. Each outing is risk-assessed, has more adults than usual, and staff carry "
        "a first aid kit, a phone and your contact details.\n\n"
        "We tell you about longer trips, and any trip in a vehicle, separately and ask you each time.",
    ),
    (
        ConsentCode.PHOTOS_RECORDS,
        "Photographs for your child's records",
        "Staff take photographs and short videos of your child playing and learning, using the "
        "setting's own devices, never personal phones. They go into your child's learning records, "
        "which you and the staff who work with your child can see.\n\n"
        "Without this consent we do not photograph your child at all.",
    ),
    (
        ConsentCode.PHOTOS_DISPLAY,
        "Photographs on display",
        "We put some photographs up on the walls of the setting, in displays and in floor books that "
        "visitors and other families may see. We never add your child's full name, and we never put "
        "photographs on public websites or social media.",
    ),
    (
        ConsentCode.ONLINE_JOURNAL,
        "Using the online learning journal",
        "Your child's key person records observations, photographs and next steps in Tandem, the online "
        "learning journal. You can see them, add your own from home and comment.\n\n"
        "Group observations may include your child in another child's journal, without their name.",
    ),
    (
        ConsentCode.SHARE_OTHER_SETTING,
        "Sharing records with another setting",
        "If your child also goes to another nursery or childminder, sharing a summary of their learning "
        "and development helps both settings support them in the same way.\n\n"
        "With your consent we share your child's progress summary and next steps with that setting. We "
        "do not share anything about your family, or any concern, without telling you, except where "
        "the law requires us to protect a child.",
    ),
]


def ensure_default_consent_types(setting: Setting) -> list[ConsentType]:
    """Make sure the setting asks the standard seven consents (used by the demo, tests and the
    manager's "set up" button). Existing consent types are left exactly as they are."""
    with transaction.atomic():
        for order, (code, title, explanation) in enumerate(DEFAULT_CONSENT_TYPES, start=1):
            ConsentType.objects.get_or_create(
                setting=setting, code=code, defaults={"title": title, "explanation": explanation, "order": order}
            )
    return list(ConsentType.objects.filter(setting=setting).order_by("order", "pk"))


def set_up_consent_types(*, actor: User, setting: Setting) -> list[ConsentType]:
    """A manager adds the standard consents their setting does not ask yet."""
    require(actor, CONSENT_TYPES_MANAGE, setting)
    with transaction.atomic():
        before = ConsentType.objects.filter(setting=setting).count()
        types = ensure_default_consent_types(setting)
        if len(types) != before:
            audit.record("enrolment.consent_types.set_up", actor, obj=setting, setting_id=setting.pk)
    return types


def update_consent_type(
    *,
    actor: User,
    consent_type: ConsentType,
    title: str,
    explanation: str,
    active: bool,
    seen_version: int,
) -> ConsentType:
    """Change a consent's wording (a new version: earlier decisions then need renewing) or whether
    it is asked. ``seen_version`` is the version the manager edited, so two managers editing at
    once never silently overwrite each other."""
    require(actor, CONSENT_TYPES_MANAGE, consent_type.setting)
    title, explanation = title.strip(), explanation.strip()
    if not title:
        raise ValidationError({"title": "Enter a title for this consent."})
    if not explanation:
        raise ValidationError({"explanation": "Explain to parents what this consent allows."})
    with transaction.atomic():
        current = ConsentType.objects.select_for_update().get(pk=consent_type.pk)
        if current.version != seen_version:
            raise ValidationError(
                "Someone else changed this consent while you were editing it. Check its wording and try again."
            )
        reworded = (current.title, current.explanation) != (title, explanation)
        if not reworded and current.active == active:
            return current
        current.title, current.explanation, current.active = title, explanation, active
        if reworded:
            current.version += 1
        current.updated_at = timezone.now()
        current.save()
        audit.record(
            "enrolment.consent_type.reworded" if reworded else "enrolment.consent_type.updated",
            actor,
            obj=current,
            setting_id=current.setting_id,
        )
    return current


def _deciding_link(actor: User, child: Child) -> ChildAdult:
    """The actor's own link to the child, if it lets them decide: parental responsibility, no restriction."""
    link = ChildAdult.objects.select_related("adult").filter(child=child, adult__user=actor).first()
    if link is None or not link.parental_responsibility or link.is_restricted or not can(actor, CONSENTS_DECIDE, child):
        raise ValidationError(ONLY_PARENTAL_RESPONSIBILITY)
    return link


def decide_consent(
    *,
    actor: User,
    child: Child,
    consent_type: ConsentType,
    kind: str,
    seen_version: int | None = None,
) -> ConsentDecision:
    """Give, refuse or withdraw one consent for a child. Takes effect at once.

    ``seen_version`` is the version of the wording the adult read: giving or refusing consent to
    wording that has changed since is refused, so no one agrees to words they have not seen. A
    withdrawal needs no version: it always takes effect. Repeating the current decision changes
    nothing. A withdrawal emails the child's key person (after the commit, by id only)."""
    from ..tasks_consents import notify_consent_withdrawn

    require(actor, CONSENTS_VIEW, child)
    if kind not in ConsentDecision.Kind.values:
        raise ValidationError("Choose whether to give, refuse or withdraw consent.")
    if consent_type.setting_id != child.setting_id or not consent_type.active:
        raise ValidationError(NOT_ASKED_HERE)
    link = _deciding_link(actor, child)
    with transaction.atomic():
        current = ConsentType.objects.select_for_update().get(pk=consent_type.pk)
        if not current.active:
            raise ValidationError(NOT_ASKED_HERE)
        latest = ConsentDecision.objects.filter(child=child, consent_type=current).order_by("-at", "-pk").first()
        if kind == ConsentDecision.Kind.WITHDRAWN:
            if latest is not None and latest.kind == ConsentDecision.Kind.WITHDRAWN:
                return latest
            if latest is None or latest.kind != ConsentDecision.Kind.GIVEN:
                raise ValidationError(NOTHING_TO_WITHDRAW)
        else:
            if seen_version is not None and seen_version != current.version:
                raise ValidationError(WORDING_CHANGED)
            if latest is not None and latest.kind == kind and latest.type_version == current.version:
                return latest
        decision = ConsentDecision.objects.create(
            child=child,
            consent_type=current,
            type_version=current.version,
            kind=kind,
            given=kind == ConsentDecision.Kind.GIVEN,
            decided_by=link.adult,
            decided_by_user=actor,
            at=timezone.now(),
        )
        audit.record(
            f"enrolment.consent.{kind}",
            actor,
            child_ids=[child.pk],
            person_ids=[link.adult_id],
            obj=decision,
            setting_id=child.setting_id,
        )
        if kind == ConsentDecision.Kind.WITHDRAWN:
            decision_id = decision.pk
            transaction.on_commit(lambda: notify_consent_withdrawn.enqueue(decision_id))
    return decision


def give_consent(**kwargs: Any) -> ConsentDecision:
    return decide_consent(kind=ConsentDecision.Kind.GIVEN, **kwargs)


def refuse_consent(**kwargs: Any) -> ConsentDecision:
    return decide_consent(kind=ConsentDecision.Kind.REFUSED, **kwargs)


def withdraw_consent(**kwargs: Any) -> ConsentDecision:
    return decide_consent(kind=ConsentDecision.Kind.WITHDRAWN, **kwargs)
