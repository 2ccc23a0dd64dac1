"""Demo: Willowbrook's partnership agreement, in two versions.

Version 1 (last year) was replaced by version 2 this term, after the fees changed. Most families
have signed version 2, and the setting has countersigned most of those; Isla and Alfie Morgan's
mum (the main demo parent) signed version 1 only, so she is asked to "Please sign the new
agreement". Signed copies (PDFs) are left to the background task: the download page prepares
one on first request.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child, ChildAdult

from ..models.contract import AgreementSignature, AgreementVersion, agreement_fingerprint

TITLE = "Our partnership agreement"

BODY_V2 = """\
Welcome to Willowbrook Community Preschool. We are a small, friendly, charity-run preschool, and we
believe children do best when their family and their preschool work together. This agreement sets
out what you can expect from us, and what we ask of you. Please read it, and ask us about anything
that is not clear: the office is open every morning from 8:30am.

## Our promise to you

* Your child will have a **key person** who gets to know them and you well, and who is your first
  point of contact for anything about your child's day, care and learning.
* We will share your child's learning and development with you regularly, and listen to what you
  tell us about your child at home.
* We will keep your child safe, following our safeguarding and child protection policy.
* We will keep information about your child and your family confidential, and share it only as
  our privacy notice explains.
* We will tell you promptly about any accident, incident or concern.

## Sessions, fees and funded hours

* Sessions run Monday to Friday, term time only (38 weeks a year): mornings 8:30am to 11:45am,
  afternoons 12:15pm to 3:30pm, or a full day with lunch.
* Our fee for hours that are not funded is **£6.40 an hour**. Lunch club is £2.50 a day; please
  send a packed lunch, or ask us about a hot meal.
* Many children are entitled to **funded hours** (15 or 30 hours a week, for up to 38 weeks). We
  claim these from the local authority on your behalf. Funded hours are free: you are never asked
  to pay for them. We may ask for a voluntary contribution towards snacks and outings, and you may
  say no.
* If you need to claim 30 hours, please give us your eligibility code before the start of each
  term and reconfirm it every three months. If the code lapses, we will talk to you before any
  fees are charged.
* Invoices are sent at the start of each half term and are due within 14 days. If you are finding
  it hard to pay, please talk to the manager in confidence: we would much rather help than chase.

## Changing sessions, and notice

* You can ask to change your child's sessions at any time through Tandem. The manager will reply
  within a week. We cannot always say yes, as we must keep the right ratios in every room.
* Please give us **four weeks' notice in writing** (through Tandem or by email) when your child is
  going to leave. Fees for non-funded hours are payable during the notice period.

## When your child is unwell

* Please keep your child at home if they are unwell, and for **48 hours after the last bout of
  sickness or diarrhoea**.
* Tell us by 9:30am if your child will not be coming in, and why, so we can keep everyone safe.
* If your child becomes unwell at preschool, we will call you and ask you (or your emergency
  contact) to collect them as soon as possible.
* We give medicine only with your written consent, and we record every dose.

## Dropping off and collecting

* Please hand your child to a member of staff at the door, and collect them on time.
* Only the adults you have told us about may collect your child. If someone different is coming,
  tell us in advance and give them your collection password.
* If you are going to be late, please phone us. Late collection makes for a worried child; if it
  happens often, we may charge £10 for each 15 minutes, and we follow our non-collection procedure
  if we cannot reach you.

## Working together

We ask you to:

* share what your child enjoys, what worries them, and any changes at home that may affect them;
* keep your contact details and your child's needs up to date in Tandem;
* read the messages and newsletters we send, and come to your child's review meetings;
* treat our staff, children and other families with kindness and respect, as we will treat you.

If something is not right, please tell us: talk to your child's key person or the manager. Our
complaints procedure explains what happens if we cannot sort it out together.

Thank you for choosing Willowbrook. We look forward to getting to know your family.
"""

BODY_V1 = BODY_V2.replace("£6.40 an hour", "£6.00 an hour").replace(
    "Lunch club is £2.50 a day", "Lunch club is £2.25 a day"
)

# Children whose family signed version 2: (child "First Last", adult "First Last", countersigned?)
SIGNED_V2 = [
    ("Zara Ahmed", "Sana Ahmed", True),
    ("Leo Walsh", "Kirsty Walsh", True),
    ("Ruby Evans", "Linda Evans", True),
    ("Zofia Kowalska", "", True),
    ("Freddie Hughes", "", True),
    ("Evie Johnson", "", False),
    ("Theo Kaya", "", False),
]
# The main demo parent signed version 1 for both her children, then version 2 came out.
SIGNED_V1_ONLY = [("Isla Morgan", "Emma Morgan"), ("Alfred Morgan", "Emma Morgan")]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _version(setting: Setting, number: int, body: str, published: dt.datetime, by: User | None) -> AgreementVersion:
    version = AgreementVersion.objects.filter(setting=setting, number=number).first()
    if version is None:
        version = AgreementVersion.objects.create(
            setting=setting,
            number=number,
            title=TITLE,
            body=body,
            created_by=by,
            created_at=published - dt.timedelta(days=3),
            published_at=published,
            published_by=by,
            fingerprint=agreement_fingerprint(TITLE, body),
        )
    return version


def _sign(version: AgreementVersion, child: Child, adult: Adult, when: dt.datetime, counter: User | None) -> None:
    if AgreementSignature.objects.filter(version=version, child=child, adult=adult).exists():
        return
    AgreementSignature.objects.create(
        version=version,
        child=child,
        adult=adult,
        user=adult.user,
        typed_name=f"{adult.first_name} {adult.last_name}",
        signed_at=when,
        fingerprint=version.fingerprint,
        countersigned_by=counter,
        countersigned_at=when + dt.timedelta(days=1) if counter else None,
    )


def _pr_adult(child: Child, name: str) -> Adult | None:
    links = ChildAdult.objects.filter(child=child, parental_responsibility=True, no_information=False)
    if name:
        first, last = name.split(" ", 1)
        links = links.filter(adult__first_name=first, adult__last_name=last)
    link = links.select_related("adult", "adult__user").order_by("pk").first()
    return link.adult if link else None


def _child(setting: Setting, name: str) -> Child | None:
    first, last = name.split(" ", 1)
    return Child.objects.filter(setting=setting, first_name=first, last_name=last).first()


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import DEPUTY_EMAIL, MANAGER_EMAIL

    manager, deputy = _user(MANAGER_EMAIL), _user(DEPUTY_EMAIL)
    now = timezone.now().replace(microsecond=0)
    v1 = _version(setting, 1, BODY_V1, now - dt.timedelta(days=380), manager)
    v2 = _version(setting, 2, BODY_V2, now - dt.timedelta(days=24), manager)
    for offset, (child_name, adult_name) in enumerate(SIGNED_V1_ONLY):
        child = _child(setting, child_name)
        adult = _pr_adult(child, adult_name) if child else None
        if child and adult:
            _sign(v1, child, adult, now - dt.timedelta(days=370 - offset), manager)
    for offset, (child_name, adult_name, countersigned) in enumerate(SIGNED_V2):
        child = _child(setting, child_name)
        adult = _pr_adult(child, adult_name) if child else None
        if child and adult:
            _sign(v2, child, adult, now - dt.timedelta(days=20 - offset), deputy if countersigned else None)
