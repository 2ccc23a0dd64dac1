"""Every write about the privacy notice (R10): keyword-only, one transaction, audited.

A published version is never changed: the manager publishes a new one, and every parent is then
asked to read it. A parent confirms reading one version, once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User

from ..actions.privacy import PRIVACY_ACKNOWLEDGE, PRIVACY_PUBLISH
from ..models.privacy import PrivacyAcknowledgement, PrivacyNotice

PUBLISHED_MEANWHILE = (
    "Someone else published a new version while you were writing. Read the current version and make your changes to it."
)
NEWER_VERSION = "A newer version of the privacy notice has been published. Please read it before you confirm."


def starter_notice(setting: Setting) -> str:
    """A realistic first draft for an early years setting in England, for the manager to adapt."""
    name = setting.name
    provider = setting.organisation.name
    contact = setting.email or "the office"
    phone = f" or {setting.phone}" if setting.phone else ""
    return f"""## Who we are

{name} is run by {provider}, the **data controller** for the personal information we hold about the
children in our care and their families. You can contact us about anything in this notice at
{contact}{phone}, or speak to the setting manager.

## What we collect

- **About your child:** name, date of birth, address, attendance, their learning and development
  records, photographs (only with your consent), and any health needs, allergies, special
  educational needs or disabilities you tell us about.
- **About you:** names, addresses, phone numbers and email addresses of parents, carers and
  emergency contacts; who has parental responsibility; any court order that affects your child;
  and the information we need for funded hours and fees.

## Why we collect it, and our lawful bases

Under the UK General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018 we
must have a lawful basis for each use of personal information:

- **Legal obligation:** the Early Years Foundation Stage (EYFS) statutory framework, safeguarding
  and child protection law, Ofsted registration requirements, and the early years census for
  funded places all require us to keep certain records.
- **Contract:** to provide the sessions set out in our parent agreement, and to invoice for them.
- **Consent:** for photographs, the online learning journal, outings and sharing records with
  another setting your child attends. You can withdraw consent at any time in Tandem.
- **Vital interests:** to share information in an emergency to protect your child's life.
- **Substantial public interest and health:** for health information and special educational
  needs, so that we can keep your child safe and meet their needs.

## Who we share it with

We only share information when the law requires or allows it, or you have agreed:

- the local authority (funded places, the early years census, special educational needs support);
- Ofsted, when an inspector needs to see records;
- the school your child moves on to (their transition record and learning summary);
- health professionals and other agencies working with your child, with your agreement;
- the local authority's children's social care or the police, **without asking you first** if we
  believe a child is at risk of harm.

We never sell your information or use it for marketing.

## How long we keep it

- Your child's learning journal: until they leave, when we give it to you.
- Registers, accident and medicine records: until the child reaches 21 years and 3 months (the
  time limit for a claim about an injury).
- Safeguarding and child protection records: passed to the child's next school or setting, and
  kept for as long as the law and local safeguarding guidance require.
- Financial records: 6 years after the end of the financial year.
- Everything else: 3 years after your child leaves, then securely deleted.

## How we keep it safe

Tandem is protected by passwords and two-factor sign-in for staff. Staff only see what they need
for their role, and every look at a child's sensitive records is logged. Paper records are kept
in a locked cabinet.

## Your rights

You have the right to:

- ask for a copy of the information we hold about you or your child (a subject access request:
  we reply within one month);
- ask us to correct information that is wrong or incomplete;
- ask us to delete information, or to restrict how we use it, where the law allows;
- object to how we use your information, and withdraw any consent you have given.

To use any of these rights, contact the setting manager.

## Complaints

If you are unhappy with how we have used your information, please tell us first so we can put it
right. You can also complain to the **Information Commissioner's Office (ICO)**:
[ico.org.uk/make-a-complaint](https://ico.org.uk/make-a-complaint/), telephone 0303 123 1113,
Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.
"""


def publish_privacy_notice(*, actor: User, setting: Setting, body: str, based_on_version: int | None) -> PrivacyNotice:
    """Publish a new version. ``based_on_version`` is the version the manager started from (0 or
    None for the first): if someone published meanwhile, nothing is written and they are told."""
    require(actor, PRIVACY_PUBLISH, setting)
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the privacy notice."})
    with transaction.atomic():
        Setting.objects.select_for_update().filter(pk=setting.pk).first()  # publishers of a setting queue here
        latest = PrivacyNotice.objects.filter(setting=setting).order_by("-version").first()
        current_version = latest.version if latest else 0
        if (based_on_version or 0) != current_version:
            raise ValidationError(PUBLISHED_MEANWHILE)
        if latest is not None and latest.body.strip() == body:
            raise ValidationError({"body": "This is the same as the current version. Change the text to publish."})
        try:
            with transaction.atomic():
                notice = PrivacyNotice.objects.create(
                    setting=setting,
                    version=current_version + 1,
                    body=body,
                    published_at=timezone.now(),
                    published_by=actor,
                )
        except IntegrityError:
            raise ValidationError(PUBLISHED_MEANWHILE) from None
        audit.record("enrolment.privacy_notice.published", actor, obj=notice, setting_id=setting.pk)
    return notice


def acknowledge_privacy_notice(*, actor: User, setting: Setting, version: int) -> PrivacyAcknowledgement:
    """The person confirms reading ``version`` of the setting's notice, which must be the current one.
    Confirming twice changes nothing."""
    require(actor, PRIVACY_ACKNOWLEDGE, setting)
    latest = PrivacyNotice.objects.filter(setting=setting).order_by("-version").first()
    if latest is None:
        raise ValidationError("There is no privacy notice to confirm yet.")
    if latest.version != version:
        raise ValidationError(NEWER_VERSION)
    existing = PrivacyAcknowledgement.objects.filter(notice=latest, user=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            acknowledgement = PrivacyAcknowledgement.objects.create(notice=latest, user=actor, at=timezone.now())
            audit.record(
                "enrolment.privacy_notice.acknowledged",
                actor,
                person_ids=_adult_ids(actor),
                obj=latest,
                setting_id=setting.pk,
            )
    except IntegrityError:  # the same person confirmed twice at once: the first one counts
        return PrivacyAcknowledgement.objects.get(notice=latest, user=actor)
    return acknowledgement


def _adult_ids(user: User) -> list[int]:
    from tandem.people.models import Adult

    return list(Adult.objects.filter(user=user).values_list("pk", flat=True))
