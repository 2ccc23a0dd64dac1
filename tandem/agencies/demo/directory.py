"""Demo directory for Willowbrook (R46) and two signpostings for the Morgan family (R47).

A realistic local directory: every category, some national services, named contacts at the
services later demos use (health visiting, speech and language therapy, the area SENCO, the local
authority's early years team, children's social care, the primary school most children move on
to). Later demos (sharing, visits, plans, multi-agency work) import the names below and look the
agencies up by name, never by id.

Everything here is invented: phone numbers are from Ofcom's ranges kept for drama (01632 960xxx,
0808 157 0xxx), email addresses end in example.org or .invalid. Idempotent: agencies are found by
name, contacts by name within their agency, signposting by child and agency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models import Agency, AgencyContact, Signposting

C = Agency.Category

# Names later demos look up (``Agency.objects.get(setting=…, name=SLT)``).
HEALTH_VISITING = "Somerset Public Health Nursing — Taunton health visiting team"  # as the complaints demo
SLT = "Willowbrook Children's Speech and Language Therapy"
AREA_SENCO = "Somerset Early Years Area SENCO Team"
SENDIAS = "Somerset SEND Information, Advice and Support Service"
FAMILY_HUB = "Willowbrook Family Hub"
EARLY_YEARS = "Somerset Council Early Years and Childcare Service"
SOCIAL_CARE = "Somerset Children's Social Care — Children's Front Door"
SCHOOL = "Willowbrook Church of England Primary School"
POLISH = "Willowbrook Polish Community Association"
SOUTH_ASIAN = "Somerset South Asian Families Network"
DRUGS_ALCOHOL = "Somerset Drug and Alcohol Service — Families Team"
DRUGS_ALCOHOL_NATIONAL = "Family Drug and Alcohol Helpline"
MONEY_ADVICE = "Willowbrook Money and Benefits Advice"
DEBT_LINE = "National Debt Advice Line"
ADULT_LEARNING = "Somerset Adult Learning — Willowbrook Centre"
DOMESTIC_ABUSE = "Somerset Domestic Abuse Support Service"
PARENT_LINE = "Parents' Listening Line"
FOOD_BANK = "Willowbrook Community Food Bank"


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Entry:
    name: str
    category: str
    description: str
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    languages: str = ""
    national: bool = False
    show_to_families: bool = True
    contacts: list[Contact] = field(default_factory=list)


DIRECTORY = [
    Entry(
        HEALTH_VISITING,
        C.HEALTH,
        "Health visitors support every family with a child under five: feeding, sleep, development, "
        "behaviour and your own wellbeing. They carry out the health and development review at two and "
        "a half, and run a weekly drop-in clinic at the Family Hub.",
        phone="01632 960201",
        email="taunton.hv@nhs.example.org",
        website="https://health-visiting.example.org",
        address="Taunton Community Health Centre\nWellsprings Road\nTaunton\nTA2 0ZZ",
        contacts=[
            Contact(
                "Claire Hollis",
                "Health visitor (Willowbrook)",
                "claire.hollis@nhs.example.org",
                "01632 960202",
                "Works Monday to Thursday. Send progress checks at two here before the health review.",
            )
        ],
    ),
    Entry(
        SLT,
        C.HEALTH,
        "Speech and language therapy for children under five: talking, understanding, stammering and "
        "eating and drinking. Parents can ask for an assessment themselves; there is a drop-in advice "
        "session at the Family Hub on the first Tuesday of the month.",
        phone="01632 960210",
        email="children.slt@nhs.example.org",
        website="https://speech-therapy.example.org",
        contacts=[
            Contact(
                "Hannah Lewis",
                "Speech and language therapist",
                "hannah.lewis@nhs.example.org",
                "01632 960211",
                "Visits the setting to observe children on her caseload; book through the manager.",
            )
        ],
    ),
    Entry(
        AREA_SENCO,
        C.SEND,
        "The local authority's area SENCOs advise early years settings on supporting children with special "
        "educational needs and disabilities, the graduated approach and requests for an education, health "
        "and care needs assessment.",
        phone="01632 960220",
        email="area.senco@somerset-council.example.org",
        show_to_families=False,
        contacts=[
            Contact(
                "David Crane", "Area SENCO (Taunton Deane)", "david.crane@somerset-council.example.org", "01632 960221"
            ),
        ],
    ),
    Entry(
        SENDIAS,
        C.SEND,
        "Free, impartial and confidential advice for parents and carers about special educational needs "
        "and disabilities: support in the early years, EHC plans, meetings and choosing a school.",
        phone="0808 157 0220",
        email="advice@sendias.example.org",
        website="https://sendias.example.org",
    ),
    Entry(
        FAMILY_HUB,
        C.CHILDRENS_CENTRE,
        "Stay and play sessions, baby groups, parenting courses, the health visitors' clinic and a family "
        "support worker who can help with anything from routines to housing. 'Chatter Club', for two-year-"
        "olds who are not talking much yet, runs on Tuesday mornings.",
        phone="01632 960230",
        email="familyhub@somerset-council.example.org",
        website="https://familyhub.example.org",
        address="Willowbrook Family Hub\nMill Street\nWillowbrook\nWB4 3ZZ",
        languages="Polish, Urdu (by appointment)",
        contacts=[
            Contact(
                "Lucy Armstrong", "Family support worker", "lucy.armstrong@somerset-council.example.org", "01632 960231"
            ),
        ],
    ),
    Entry(
        EARLY_YEARS,
        C.EARLY_YEARS,
        "The council's early years team: funded childcare for two, three and four-year-olds, "
        "inclusion funding, training for settings and the local offer.",
        phone="01632 960240",
        email="earlyyears@somerset-council.example.org",
        website="https://earlyyears.example.org",
        contacts=[
            Contact(
                "Joanne Fisher",
                "Early years improvement adviser",
                "joanne.fisher@somerset-council.example.org",
                "01632 960241",
            ),
        ],
    ),
    Entry(
        SOCIAL_CARE,
        C.SOCIAL_CARE,
        "Children's social care: for children in need and child protection. Staff call the Children's "
        "Front Door, with the DSL, when they are worried that a child is at risk of harm. Out of hours: "
        "the emergency duty team on the same number.",
        phone="01632 960250",
        email="childrens.frontdoor@somerset-council.example.org",
        show_to_families=False,
        contacts=[
            Contact(
                "Marcus Bell",
                "Social worker, duty and assessment team",
                "marcus.bell@somerset-council.example.org",
                "01632 960251",
                "Use the secure email for referrals; follow a phone referral up in writing within 24 hours.",
            ),
        ],
    ),
    Entry(
        SCHOOL,
        C.SCHOOL,
        "The village primary school most of our children move on to. Open mornings in the autumn term; "
        "reception applications are made to the council by 15 January.",
        phone="01632 960260",
        email="office@willowbrook-primary.example.org",
        website="https://willowbrook-primary.example.org",
        address="School Lane\nWillowbrook\nWB4 5ZZ",
        contacts=[
            Contact(
                "Rachel Thornton",
                "Reception teacher and early years lead",
                "r.thornton@willowbrook-primary.example.org",
                "01632 960261",
                "Visits in the summer term for transition; transition records go to her.",
            ),
        ],
    ),
    Entry(
        POLISH,
        C.CULTURAL,
        "A welcome for Polish-speaking families: Saturday Polish school, a parents' coffee morning and help "
        "with forms, letters and finding services.",
        phone="01632 960270",
        email="kontakt@polish-association.example.org",
        website="https://polish-association.example.org",
        address="St Mary's Church Hall\nChurch Lane\nWillowbrook\nWB4 7ZZ",
        languages="Polish",
    ),
    Entry(
        SOUTH_ASIAN,
        C.CULTURAL,
        "Support and friendship for South Asian families: a women's group, English conversation, "
        "interpreting at appointments and advice in community languages.",
        phone="01632 960280",
        email="hello@southasian-families.example.org",
        website="https://southasian-families.example.org",
        languages="Urdu, Punjabi, Bengali, Hindi, Gujarati",
    ),
    Entry(
        DRUGS_ALCOHOL,
        C.DRUGS_ALCOHOL,
        "Confidential help for anyone worried about their own or a family member's drinking or drug use, "
        "including support for parents and for children affected.",
        phone="01632 960290",
        email="families@drugs-alcohol.example.org",
        website="https://drugs-alcohol.example.org",
    ),
    Entry(
        DRUGS_ALCOHOL_NATIONAL,
        C.DRUGS_ALCOHOL,
        "A free, confidential national helpline for families affected by someone else's drinking or drug use.",
        phone="0808 157 0290",
        website="https://family-drug-helpline.example.org",
        national=True,
    ),
    Entry(
        MONEY_ADVICE,
        C.WELFARE_RIGHTS,
        "Free advice on benefits, debt, housing and work: checking what you are entitled to, help with forms "
        "and appeals. Drop in on Wednesdays at the library, or phone for an appointment.",
        phone="01632 960300",
        email="advice@money-benefits.example.org",
        website="https://money-benefits.example.org",
        address="Willowbrook Library\nHigh Street\nWillowbrook\nWB4 1ZZ",
    ),
    Entry(
        DEBT_LINE,
        C.WELFARE_RIGHTS,
        "Free national debt advice by phone and online, including help to set up a payment plan.",
        phone="0808 157 0300",
        website="https://debt-advice.example.org",
        national=True,
    ),
    Entry(
        ADULT_LEARNING,
        C.ADULT_EDUCATION,
        "Free courses for adults: English for speakers of other languages (ESOL), maths and English, "
        "digital skills and family learning, some with a crèche.",
        phone="01632 960310",
        email="learning@adult-learning.example.org",
        website="https://adult-learning.example.org",
        address="Willowbrook Community Centre\nMill Street\nWillowbrook\nWB4 3ZZ",
    ),
    Entry(
        DOMESTIC_ABUSE,
        C.OTHER,
        "Confidential support for anyone affected by domestic abuse: advice, safety planning, outreach and "
        "refuge. If you are in danger now, call 999.",
        phone="0808 157 0320",
        email="support@domestic-abuse.example.org",
        website="https://domestic-abuse.example.org",
    ),
    Entry(
        PARENT_LINE,
        C.OTHER,
        "A national listening line for parents and carers: someone to talk to about family life, behaviour "
        "or your own wellbeing, every day from 9am to 9pm.",
        phone="0808 157 0330",
        website="https://parents-listening-line.example.org",
        national=True,
    ),
    Entry(
        FOOD_BANK,
        C.OTHER,
        "Emergency food parcels with a voucher from the setting, the Family Hub or your health visitor. Open "
        "Tuesday and Friday mornings.",
        phone="01632 960340",
        email="foodbank@willowbrook.example.org",
        address="Methodist Church\nStation Road\nWillowbrook\nWB4 1ZZ",
    ),
]


def _agency(setting: Setting, entry: Entry) -> Agency:
    agency = Agency.objects.filter(setting=setting, name=entry.name).first()
    if agency is None:
        agency = Agency.objects.create(
            setting=setting,
            name=entry.name,
            category=entry.category,
            reach=Agency.Reach.NATIONAL if entry.national else Agency.Reach.LOCAL,
            description=entry.description,
            phone=entry.phone,
            email=entry.email,
            website=entry.website,
            address=entry.address,
            languages=entry.languages,
            show_to_families=entry.show_to_families,
        )
    for contact in entry.contacts:
        AgencyContact.objects.get_or_create(
            agency=agency,
            name=contact.name,
            defaults={"role": contact.role, "email": contact.email, "phone": contact.phone, "notes": contact.notes},
        )
    return agency


def _signpost(
    child: Child | None, agency: Agency, recorded_by: User | None, adult: Adult | None, **fields: Any
) -> None:
    if child is None or Signposting.objects.filter(child=child, agency=agency).exists():
        return
    Signposting.objects.create(child=child, agency=agency, recorded_by=recorded_by, adult=adult, **fields)


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, PARENT_EMAIL, PRACTITIONER_EMAIL

    agencies = {entry.name: _agency(setting, entry) for entry in DIRECTORY}

    emma = Adult.objects.filter(user__email=PARENT_EMAIL).first()
    isla = Child.objects.filter(setting=setting, first_name="Isla", last_name="Morgan").first()
    alfie = Child.objects.filter(setting=setting, first_name="Alfred", last_name="Morgan").first()
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    chloe = User.objects.filter(email=PRACTITIONER_EMAIL).first()
    now = timezone.now()
    today = timezone.localdate()
    # Shared with the family: Alfie's key person suggested the Family Hub's group for talking.
    _signpost(
        alfie,
        agencies[FAMILY_HUB],
        chloe,
        emma,
        reason="Emma said Alfie uses only a few words and gets frustrated when he is not understood. We "
        "suggested Chatter Club at the Family Hub (Tuesday mornings) and the speech and language drop-in there.",
        how="Talked at collection and gave Emma the hub's leaflet",
        shared_with_family=True,
        follow_up_on=today + dt.timedelta(days=21),
        recorded_at=now - dt.timedelta(days=9),
    )
    # Not shared: Emma asked in confidence; Isla's dad also has parental responsibility and reads the app.
    _signpost(
        isla,
        agencies[MONEY_ADVICE],
        amira,
        emma,
        reason="Emma asked, in confidence, where she could get advice about benefits and a letter about rent "
        "arrears. She asked that it is not shown in the family's app.",
        how="Private conversation in the office; gave the drop-in times",
        shared_with_family=False,
        outcome=Signposting.Outcome.CONTACTED,
        follow_up_on=today - dt.timedelta(days=2),
        recorded_at=now - dt.timedelta(days=23),
    )
