"""Demo: Willowbrook's information for parents (R68) and two briefing meetings (R6).

Pages are written once and then left alone, so a manager's edits in the demo survive a re-run.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models.information import BriefingMeeting, InformationPage, Topic

OFSTED = """**Ofsted**, Applications, Regulatory and Contact (ARC) Team,
Piccadilly Gate, Store Street, Manchester M1 2WD.
Telephone: [0300 123 1231](tel:03001231231)."""

PAGES: dict[str, tuple[str, str]] = {
    Topic.SAFEGUARDING: (
        "Keeping children safe: safeguarding and the Prevent Duty",
        """Every member of our team has a duty to keep children safe. We follow the safeguarding and
welfare requirements of the Early Years Foundation Stage (EYFS) and the procedures of the Somerset
Safeguarding Children Partnership.

## Who to talk to
- **Grace Mensah** is our designated safeguarding lead (DSL).
- **Sarah Whitfield**, our manager, is the deputy safeguarding lead.
- If you are worried about a child, speak to either of them straight away, or phone the setting.
- If a child is in immediate danger, call **999**.

## What we do
- All staff are checked (enhanced DBS), trained in safeguarding, and know the signs of abuse and neglect.
- We write down any concern, however small, and share it with the right people. We will usually talk
  to you first, unless doing so could put a child at risk.
- Mobile phones and cameras are not used in the rooms. Photographs are taken only on setting devices,
  and only with your consent.
- If an allegation is made against a member of staff or a volunteer, we tell the local authority
  designated officer (LADO) and Ofsted.

## The Prevent Duty
Under the Counter-Terrorism and Security Act 2015, early years providers must have due regard to the need
to prevent people from being drawn into terrorism. For young children this means:

- promoting **fundamental British values** in ways that suit their age: taking turns, sharing, making
  choices together, knowing right from wrong, and respecting people who are different from them;
- being alert to any risk to a child from extremist views in their life, and acting on a concern in the
  same way as any other safeguarding concern.

## Your part
Please tell us about anything that may affect your child's safety or wellbeing, such as a court order,
a change in who may collect them, or a worry at home. Tell us about changes in Tandem
("Tell us about a change") or at the door.
""",
    ),
    Topic.ADMISSIONS: (
        "Admissions",
        """We welcome children from **2 to 5 years old**, from every background and of every ability.

## How to apply
1. Ask the office for a place, or fill in our enquiry form.
2. We offer places in this order: children already with us asking for more sessions, brothers and
   sisters of children here, children eligible for funded places for two-year-olds, then the date you
   asked.
3. When we offer a place, we arrange a **briefing meeting** with you: we get to know your child, talk
   through how we work, and explain our policies and how we keep children safe.
4. You complete the registration form, sign our parent agreement, and give your consents.
5. Your child's key person agrees a settling-in plan with you.

If we cannot offer a place straight away, we put your child on the waiting list and tell you how long
it is likely to be.
""",
    ),
    Topic.FEES: (
        "Fees and funded hours",
        """## Funded early education
- **All three- and four-year-olds** can have **15 hours a week** of funded early education, for 38 weeks
  a year (570 hours), from the term after their third birthday.
- **Working families** may be able to have up to **30 hours a week** for children from 9 months old.
  Apply on the government's Childcare Choices website and give us your code before the start of term.
- **Some two-year-olds** can have 15 funded hours a week, for example if the family receives certain
  benefits or the child is looked after. Ask us, or the local authority, if you are not sure.

Funded hours are free. We never charge for them, and never make a place depend on buying extra hours.

## Hours that are not funded
- **£6.50 an hour.** Sessions are booked by the term and invoiced at the start of each month.
- Snack and drinks are included. Lunch is brought from home.
- If fees are hard to pay, please talk to the manager in confidence: we will work out a plan with you.

## Notice
Please give **one month's notice** in writing if your child is leaving or if you want fewer sessions.
""",
    ),
    Topic.LATE_COLLECTION: (
        "Late collection",
        """We close at **3:30pm**. If you are going to be late, please **phone us as soon as you know**
on the number on your home page, and tell us who will collect your child.

- Your child stays with two members of staff, calm and cared for, until you arrive.
- For collections after 3:40pm we charge **£10 for each 15 minutes** (or part of 15 minutes), because
  two members of staff must stay.
- Only people you have named to us may collect your child. If someone new is coming, tell us their
  name and agree a collection password.
- If we cannot reach you or anyone you have named, we follow our procedure for a child who is not
  collected.
""",
    ),
    Topic.NON_COLLECTION: (
        "If a child is not collected",
        """If a child has not been collected by **4pm** and we have not heard from the family:

1. We phone the parents, then every emergency contact, in the order you gave us.
2. Two members of staff, one of them the manager or deputy, stay with your child at the setting. Your
   child is **never** taken home by a member of staff or left with anyone not named to us.
3. If we have reached nobody by **4:30pm**, we contact Somerset Children's Social Care (and, out of
   hours, the emergency duty team), who will arrange care for your child, and we tell Ofsted.
4. We write down everything that happened and when, and talk it through with you afterwards.

Please keep your contact details and emergency contacts up to date in Tandem.
""",
    ),
    Topic.SEN: (
        "Special educational needs and disabilities (SEND)",
        """Every child is welcome here. We follow the **SEND Code of Practice: 0 to 25 years** and make
reasonable adjustments for disabled children.

## Who to talk to
**Fiona Gallagher** is our special educational needs co-ordinator (SENCO). Talk to her or to your
child's key person if you have any worry about your child's development.

## How we support children
- Your child's key person watches how your child plays and learns and shares it with you.
- If your child needs more help, we use a **graduated approach**: *assess, plan, do, review*, with you
  at every step, and a support plan with clear targets.
- With your agreement, we work with health visitors, speech and language therapists, the local
  authority's early years SEND team and others.
- If your child needs more support than we can give from our own resources, we help you ask the local
  authority for an education, health and care (EHC) needs assessment.

Somerset's **local offer** describes the services for children with SEND and their families.
""",
    ),
    Topic.COMPLAINTS: (
        "Complaints",
        f"""We want to hear when something is not right, so that we can put it right.

1. **Talk to us.** Most worries are sorted out quickly by talking to your child's key person or the
   manager.
2. **Write to us.** If you are not happy with the answer, write to the manager (or to the chair of
   trustees if your complaint is about the manager). We will investigate and tell you the outcome **in
   writing within 28 days**.
3. **Meet.** If you are still not satisfied, we will meet you, with a friend or supporter if you wish,
   and write down what was agreed.

We keep a record of every complaint and its outcome, and show it to Ofsted when they ask.

## Ofsted
You can contact Ofsted at any time, whether or not you have complained to us first:

{OFSTED}
""",
    ),
    Topic.POLICIES: (
        "Our policies at a glance",
        """You can read every policy in full in the entrance hall or ask the office for a copy.

| Policy | In short |
| --- | --- |
| Safeguarding and child protection | How we keep children safe, including the Prevent Duty. |
| Partnership with parents | How we work with you and share your child's learning. |
| Key person and settling in | Every child has a key person and a settling-in plan agreed with you. |
| Special educational needs | How we identify and support children with SEND. |
| Administering medicines | Medicines only with your written consent and a record of each dose. |
| Health and sickness | When children should stay at home, and for how long. |
| Arrivals and departures | Who may collect, passwords, late and non-collection. |
| Data protection and privacy | What we keep about your child, why, and for how long. |
| Complaints | How to raise a concern, and how to contact Ofsted. |
| Equality and inclusion | Every child and family is welcome and treated fairly. |
""",
    ),
}


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import (
        AMIRA,
        CHLOE,
        MAIN_CHILD,
        MANAGER_EMAIL,
        PARENT_EMAIL,
    )

    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    for topic, (title, body) in PAGES.items():
        if not InformationPage.objects.filter(setting=setting, topic=topic).exists():
            InformationPage.objects.create(
                setting=setting, topic=topic, title=title, body=body.strip(), updated_by=manager
            )

    isla = Child.objects.filter(setting=setting, first_name=MAIN_CHILD[0], last_name=MAIN_CHILD[1]).first()
    alfie = Child.objects.filter(setting=setting, first_name="Alfred", last_name=MAIN_CHILD[1]).first()
    emma = Adult.objects.filter(setting=setting, user__email=PARENT_EMAIL).first()
    liam = Adult.objects.filter(setting=setting, first_name="Liam", last_name="Carter").first()
    if isla is not None and not BriefingMeeting.objects.filter(child=isla, held_at__isnull=False).exists():
        day = (isla.start_date or timezone.localdate()) - dt.timedelta(days=14)
        day -= dt.timedelta(days=max(0, day.weekday() - 4))  # a weekday: the Friday before a weekend
        held = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        meeting = BriefingMeeting.objects.create(
            setting=setting,
            child=isla,
            scheduled_for=held,
            held_at=held,
            staff_member=User.objects.filter(email=AMIRA).first(),
            policies_discussed=[t.value for t in Topic],
            safeguarding_explained=True,
            notes="Mum and her partner came. Isla is shy with new adults at first; a photo book of the "
            "room will help. Talked through the 30 hours application.",
            created_by=manager,
        )
        meeting.adults_present.set([a for a in (emma, liam) if a is not None])
    if alfie is not None and not BriefingMeeting.objects.filter(child=alfie).exists():
        when = timezone.localdate() + dt.timedelta(days=7)
        when += dt.timedelta(days=(7 - when.weekday()) % 7 if when.weekday() > 4 else 0)  # the Monday after
        BriefingMeeting.objects.create(
            setting=setting,
            child=alfie,
            scheduled_for=timezone.make_aware(dt.datetime.combine(when, dt.time(9, 30))),
            staff_member=User.objects.filter(email=CHLOE).first(),
            created_by=manager,
        )
