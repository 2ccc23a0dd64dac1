"""Demo policy library for Willowbrook (R40, R41).

Five policies, each with a version in force:

* **Confidentiality and client access to records** (families and staff; both acknowledge): Emma
  Morgan and Sana Ahmed have confirmed it; Sarah, Tomasz, Grace, Amira and Daniel have acknowledged
  it; Chloe, Jamal, Bethan, Fiona, Karen and Niamh have not.
* **Safeguarding and child protection** (families and staff; both acknowledge): version 2 in force
  (version 1 replaced after a comment period), acknowledged by Emma and some of the staff.
* **Concerns and complaints** (families and staff; staff acknowledge, families are only told).
* **Admissions** (families acknowledge): due for review in a fortnight.
* **Late and non-collection** (families and staff): version 2 is open for parents' comments for
  three more weeks; Sana Ahmed has commented and had an answer, Jack Morgan has commented.

Idempotent: each policy is found by its title, each version by its number, each acknowledgement and
comment by who made it. No one is notified: these are the demo's past.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import (
    DANIEL,
    DOMAIN,
)
from tandem.people.management.commands.seed_demo import (
    DEPUTY_EMAIL as DEPUTY,
)
from tandem.people.management.commands.seed_demo import (
    DSL_EMAIL as DSL,
)
from tandem.people.management.commands.seed_demo import (
    KEY_PERSON_EMAIL as AMIRA,
)
from tandem.people.management.commands.seed_demo import (
    MANAGER_EMAIL as MANAGER,
)
from tandem.people.management.commands.seed_demo import (
    OTHER_PARENT_EMAIL as SANA,
)
from tandem.people.management.commands.seed_demo import (
    PARENT_EMAIL as EMMA,
)
from tandem.people.management.commands.seed_demo import (
    SEPARATED_PARENT_EMAIL as JACK,
)

from ..models.policies import Acknowledgement, Policy, PolicyComment, PolicyVersion

CONFIDENTIALITY = "Confidentiality and client access to records"
SAFEGUARDING = "Safeguarding and child protection"
COMPLAINTS = "Concerns and complaints"
ADMISSIONS = "Admissions"
LATE = "Late and non-collection"

CONFIDENTIALITY_V1 = """## Our aim

At Willowbrook we respect the privacy of the children and families in our care. Information about \
a child and their family is kept confidential within the setting.

## What we keep, and where

- We keep a record for each child: their registration form, consents, All About Me, learning \
journal and any notes of concerns.
- Records are kept securely in Tandem. Paper records are kept in the locked cabinet in the office.
- Staff, volunteers and students only see the records they need for their work with the child.

## Sharing information

- We share information with parents and carers, and with other staff on a need-to-know basis.
- We only share information with other agencies with a parent's agreement, unless a child is at \
risk of significant harm. Then we follow our safeguarding and child protection policy.
- Information other agencies share with us is kept in confidence and not passed on without their \
agreement.
- Staff do not discuss children or families outside the setting, on social media or with other \
parents.

## Your access to your child's records

- Parents with parental responsibility may see their own child's records. Ask the manager: we \
will arrange it within 14 days.
- We never let parents see the records of other children.

## Staff, volunteers and students

- Everyone who works here reads this policy when they start, and each time it changes, and \
confirms that they have read and understood it.
- A breach of confidentiality is a disciplinary matter.

Sarah Whitfield, Setting manager"""

SAFEGUARDING_V1 = """## Our commitment

The welfare of every child comes first. Everyone at Willowbrook has a duty to keep children safe.

## Our designated safeguarding lead

Grace Mensah is our designated safeguarding lead (DSL). In her absence, Sarah Whitfield takes \
the lead.

## If we are worried about a child

- Staff record any concern the same day and tell the DSL straight away.
- The DSL decides whether to contact children's social care. Where it is safe to do so, we talk \
to parents first.
- If a child is in immediate danger we call 999.

## Allegations against staff

An allegation against a member of staff, volunteer or student is passed to the manager and the \
local authority designated officer (LADO) within one working day."""

SAFEGUARDING_V2 = SAFEGUARDING_V1.replace(
    "- If a child is in immediate danger we call 999.",
    "- If a child is in immediate danger we call 999.\n"
    "- Mobile phones and smart watches are not used in the children's rooms: staff keep them in the "
    "office.",
)

COMPLAINTS_V1 = """## Tell us first

If something is not right, please tell your child's key person. Most concerns are put right the \
same day.

## A formal complaint

- You may make a complaint in Tandem, in writing or in person. The manager will investigate and \
reply within 28 days.
- If you are still not satisfied, the complaint goes to our operations manager, then to the board \
of trustees.
- You may complain to Ofsted at any time: 0300 123 1231."""

ADMISSIONS_V1 = """## Who we admit

We welcome children from 2 to 5 years, from every background. We offer funded places for two-, \
three- and four-year-olds.

## How places are offered

- Places are offered in the order applications are received, with priority for brothers and \
sisters of children already here and for children the local authority refers to us.
- We tell you within two weeks whether we can offer a place.
- Before your child starts we visit you at home or meet you here, and agree a settling-in plan."""

LATE_V1 = """## Collecting your child

- Sessions end at 11:30am, 12pm or 3:30pm. Please be on time: your child will be waiting for you.
- If you are running late, phone us on 01632 960123 as soon as you can.
- Only the adults you have named may collect your child.

## If no one comes

- After 15 minutes we phone you, then the other adults you have named.
- Two members of staff stay with your child until someone collects them.
- If no one can be reached after one hour we call children's social care, as the law requires."""

LATE_V2 = LATE_V1.replace(
    "- If you are running late, phone us on 01632 960123 as soon as you can.",
    "- If you are running late, phone us on 01632 960123 or send a message in Tandem as soon as you can.",
).replace(
    "## If no one comes",
    "## A late collection fee\n\n"
    "- A fee of £10 for each 15 minutes is charged after the first late collection in a term.\n\n"
    "## If no one comes",
)


@dataclass(frozen=True)
class DemoVersion:
    body: str
    changes: str
    status: str
    days_ago: int  # adopted, or opened for comments
    review_days: int = 0  # comment period: its length (closes this many days after it opened)
    next_review_days: int = 365  # from today


@dataclass(frozen=True)
class DemoPolicy:
    title: str
    category: str
    parents_acknowledge: bool
    staff_acknowledge: bool
    versions: list[DemoVersion]
    acknowledged: dict[int, list[str]] = field(default_factory=dict)  # version number → emails


ADOPTED, SUPERSEDED, REVIEW = "adopted", "superseded", "review"

POLICIES = [
    DemoPolicy(
        CONFIDENTIALITY,
        "Information and records",
        True,
        True,
        [DemoVersion(CONFIDENTIALITY_V1, "The first version.", ADOPTED, 240, next_review_days=120)],
        {1: [EMMA, SANA, MANAGER, DEPUTY, DSL, AMIRA, DANIEL]},
    ),
    DemoPolicy(
        SAFEGUARDING,
        "Safeguarding",
        True,
        True,
        [
            DemoVersion(SAFEGUARDING_V1, "The first version.", SUPERSEDED, 400),
            DemoVersion(
                SAFEGUARDING_V2,
                "Staff no longer keep mobile phones or smart watches in the children's rooms.",
                ADOPTED,
                60,
                review_days=21,
                next_review_days=300,
            ),
        ],
        {1: [EMMA, SANA, MANAGER, DSL, AMIRA], 2: [EMMA, MANAGER, DSL, AMIRA, DANIEL]},
    ),
    DemoPolicy(
        COMPLAINTS,
        "Working with parents",
        False,
        True,
        [DemoVersion(COMPLAINTS_V1, "The first version.", ADOPTED, 180, next_review_days=185)],
        {1: [MANAGER, DEPUTY, AMIRA]},
    ),
    DemoPolicy(
        ADMISSIONS,
        "Admissions",
        True,
        False,
        [DemoVersion(ADMISSIONS_V1, "The first version.", ADOPTED, 350, next_review_days=14)],
        {1: [SANA]},
    ),
    DemoPolicy(
        LATE,
        "Arrival and collection",
        True,
        True,
        [
            DemoVersion(LATE_V1, "The first version.", ADOPTED, 300, next_review_days=65),
            DemoVersion(
                LATE_V2,
                "You can now tell us you are running late by a message in Tandem. We propose a fee for "
                "late collection, after the first one in a term.",
                REVIEW,
                7,
                review_days=28,
            ),
        ],
        {1: [EMMA, SANA, MANAGER, AMIRA]},
    ),
]

COMMENTS = [
    (
        LATE,
        2,
        SANA,
        "£10 is a lot for families on low incomes. Could the fee start after two late collections?",
        "Thank you, Sana. We will look again at when the fee starts before we decide.",
    ),
    (LATE, 2, JACK, "Please make sure the message in Tandem reaches the room, not only the office.", ""),
]


def seed(*, setting: Setting) -> None:
    people = {u.email: u for u in User.objects.filter(email__endswith="@" + DOMAIN)}
    manager = people.get(MANAGER)
    now = timezone.now()
    today = timezone.localdate()
    for spec in POLICIES:
        policy, _ = Policy.objects.get_or_create(
            setting=setting,
            title=spec.title,
            defaults={
                "category": spec.category,
                "audience": Policy.Audience.EVERYONE,
                "parents_acknowledge": spec.parents_acknowledge,
                "staff_acknowledge": spec.staff_acknowledge,
                "created_at": now - dt.timedelta(days=spec.versions[0].days_ago + 10),
            },
        )
        versions = {}
        for number, demo in enumerate(spec.versions, start=1):
            versions[number] = _version(policy, number, demo, manager, now, today)
        for number, emails in spec.acknowledged.items():
            version = versions[number]
            for email in emails:
                _acknowledge(version, people.get(email), setting)
    for title, number, email, body, response in COMMENTS:
        author = people.get(email)
        if author is None:
            continue
        version = PolicyVersion.objects.get(policy__setting=setting, policy__title=title, number=number)
        PolicyComment.objects.get_or_create(
            version=version,
            author=author,
            body=body,
            defaults={
                "author_role": Acknowledgement.As.PARENT.label,
                "response": response,
                "created_at": (version.review_opened_at or now) + dt.timedelta(days=2),
            },
        )


def _version(
    policy: Policy, number: int, demo: DemoVersion, manager: User | None, now: Any, today: dt.date
) -> PolicyVersion:
    existing = PolicyVersion.objects.filter(policy=policy, number=number).first()
    if existing is not None:
        return existing
    at = now - dt.timedelta(days=demo.days_ago)
    values: dict[str, Any] = {
        "body": demo.body,
        "changes": demo.changes,
        "status": demo.status,
        "created_by": manager,
        "created_at": at - dt.timedelta(days=demo.review_days + 3),
    }
    if demo.status in (ADOPTED, SUPERSEDED):
        values.update(
            adopted_at=at, adopted_by=manager, next_review_on=today + dt.timedelta(days=demo.next_review_days)
        )
        if demo.review_days:
            values.update(
                review_opened_at=at - dt.timedelta(days=demo.review_days),
                review_closes_on=timezone.localdate(at) - dt.timedelta(days=1),
            )
    else:
        values.update(
            review_opened_at=at, review_closes_on=timezone.localdate(at) + dt.timedelta(days=demo.review_days)
        )
    return PolicyVersion.objects.create(policy=policy, number=number, **values)


def _acknowledge(version: PolicyVersion, user: User | None, setting: Setting) -> None:
    if user is None or version.adopted_at is None:
        return
    staff = user.setting_memberships.filter(setting=setting, active=True).exists()
    group = Acknowledgement.As.STAFF if staff else Acknowledgement.As.PARENT
    Acknowledgement.objects.get_or_create(
        version=version,
        user=user,
        acknowledged_as=group,
        defaults={"at": version.adopted_at + dt.timedelta(days=3 + user.pk % 10)},
    )
