"""Load one realistic demo preschool: staff in every role, families of every shape (R1), needs.

Run ``python manage.py seed_demo``. Running it again changes nothing: rows are found by stable
keys (emails, names) and only written when they differ. Every demo sign-in uses
:data:`DEMO_PASSWORD`; staff also have a TOTP authenticator whose secret is :func:`totp_secret`.
Dates of birth are relative to today, so the children stay the same age whenever it is run.

Everyone here is invented. Phone numbers are from Ofcom's ranges kept for drama; emails end in
the reserved ``.invalid`` domain or ``example.org``.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, TypeVar

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone

from tandem.core.models import Organisation, OrganisationMembership, Room, Setting, SettingMembership, User
from tandem.core.roles import OrganisationRole, SettingRole
from tandem.people.models import Adult, Child, ChildAdult, Need, Relationship

DEMO_PASSWORD = "tandem-demo-2026"
DOMAIN = "demo.tandem.invalid"
SITE_URL = "http://127.0.0.1:8000/"


def demo_email(local: str) -> str:
    return f"{local}@{DOMAIN}"


# Sign-ins that demos and browser tests use.
OWNER_EMAIL = demo_email("trustee")
LINE_MANAGER_EMAIL = demo_email("operations")
MANAGER_EMAIL = demo_email("manager")
DEPUTY_EMAIL = demo_email("deputy")
DSL_EMAIL = demo_email("dsl")
SENCO_EMAIL = demo_email("senco")
KEY_PERSON_EMAIL = demo_email("keyperson")  # key person of the main demo parent's child, Isla
PRACTITIONER_EMAIL = demo_email("chloe")  # a practitioner in another room (Caterpillars)
ADMINISTRATOR_EMAIL = demo_email("admin")
VOLUNTEER_EMAIL = demo_email("volunteer")
PARENT_EMAIL = demo_email("parent")  # Emma Morgan: parental responsibility for Isla and Alfie
SEPARATED_PARENT_EMAIL = demo_email("separated")  # Jack Morgan: PR, does not live with them
STEP_PARENT_EMAIL = demo_email("stepparent")  # Liam Carter: step-parent, no PR
RESTRICTED_PARENT_EMAIL = demo_email("restricted")  # Craig Donnelly: PR but barred by a court order
OTHER_PARENT_EMAIL = demo_email("parent2")  # Sana Ahmed: a parent in another family
FOSTER_CARER_EMAIL = demo_email("foster")  # Janet Osborne: foster carer, no PR

# Other practitioners, by the first name used in their email.
DANIEL, BETHAN, JAMAL = demo_email("daniel"), demo_email("bethan"), demo_email("jamal")
AMIRA, CHLOE, FIONA = KEY_PERSON_EMAIL, PRACTITIONER_EMAIL, SENCO_EMAIL

MAIN_CHILD = ("Isla", "Morgan")  # the main demo parent's child, in Butterflies, key person KEY_PERSON_EMAIL
RESTRICTION_REFERENCE = "Child arrangements order, family court, 2025"


def totp_secret(email: str) -> str:
    """The fixed TOTP secret of a demo member of staff: the same on every run and every machine."""
    digest = hashlib.sha256(b"tandem-demo:" + email.strip().lower().encode()).digest()
    return base64.b32encode(digest[:20]).decode()


# --- The demo, as data ----------------------------------------------------------------------

ORGANISATION = {"name": "Willowbrook Community Preschool Charity", "legal_form": "charity"}
SETTING = {
    "name": "Willowbrook Community Preschool",
    "address": "The Old School Hall\nChurch Lane\nWillowbrook\nSomerset\nWB4 7QT",
    "phone": "01632 960123",
    "emergency_phone": "07700 900001",
    "email": "office@willowbrook-preschool.example.org",
    "ofsted_urn": "EY123456",
    "opening_hours": "Monday to Friday, 8:30am to 3:30pm, term time (38 weeks a year)",
}
ROOMS = {
    "Caterpillars": "2 to 3 years",
    "Ladybirds": "3 to 4 years",
    "Butterflies": "4 to 5 years: the year before school",
}


# (email, name, persona in the sign-ins table, [(role, room, job title shown to parents)]).
# A role is an organisation role (owner, line manager) or a role in the setting.
StaffRole = tuple[str, str | None, str]
STAFF: list[tuple[str, str, str, list[StaffRole]]] = [
    (OWNER_EMAIL, "Helen Fairbairn", "Trustee (owner)", [(OrganisationRole.OWNER, None, "Chair of trustees")]),
    (LINE_MANAGER_EMAIL, "Rajesh Patel", "Line manager", [(OrganisationRole.LINE_MANAGER, None, "Operations manager")]),
    (MANAGER_EMAIL, "Sarah Whitfield", "Setting manager", [(SettingRole.MANAGER, None, "Setting manager")]),
    (DEPUTY_EMAIL, "Tomasz Nowak", "Deputy manager", [(SettingRole.DEPUTY, None, "Deputy manager")]),
    (DSL_EMAIL, "Grace Mensah", "DSL", [(SettingRole.DSL, None, "Designated safeguarding lead")]),
    (
        SENCO_EMAIL,
        "Fiona Gallagher",
        "SENCO",
        [
            (SettingRole.SENCO, None, "Special educational needs co-ordinator (SENCO)"),
            (SettingRole.PRACTITIONER, "Ladybirds", "Early years practitioner, Ladybirds"),
        ],
    ),
    (KEY_PERSON_EMAIL, "Amira Hussain", "Key person", [(SettingRole.PRACTITIONER, "Butterflies", "Room leader")]),
    (DANIEL, "Daniel Osei", "Practitioner", [(SettingRole.PRACTITIONER, "Butterflies", "Early years practitioner")]),
    (PRACTITIONER_EMAIL, "Chloe Bennett", "Practitioner", [(SettingRole.PRACTITIONER, "Caterpillars", "Room leader")]),
    (BETHAN, "Bethan Lloyd", "Practitioner", [(SettingRole.PRACTITIONER, "Caterpillars", "Early years practitioner")]),
    (JAMAL, "Jamal Robinson", "Practitioner", [(SettingRole.PRACTITIONER, "Ladybirds", "Room leader")]),
    (ADMINISTRATOR_EMAIL, "Karen Doherty", "Administrator", [(SettingRole.ADMINISTRATOR, None, "Administrator")]),
    (
        VOLUNTEER_EMAIL,
        "Niamh Kelly",
        "Volunteer",
        [(SettingRole.VOLUNTEER, "Caterpillars", "Student on placement (early years educator, level 3)")],
    ),
]


@dataclass(frozen=True)
class ChildSpec:
    name: str  # "First Last": legal first name
    room: str
    age: tuple[int, int]  # (years, months) today
    started_months_ago: int
    key_person: str  # email
    backup_key_person: str  # email
    preferred_name: str = ""
    left_days_ago: int | None = None


CHILDREN = [
    # Caterpillars
    ChildSpec("Alfred Morgan", "Caterpillars", (2, 5), 4, CHLOE, BETHAN, preferred_name="Alfie"),
    ChildSpec("Jayden Price", "Caterpillars", (2, 9), 3, BETHAN, CHLOE),
    ChildSpec("Zofia Kowalska", "Caterpillars", (2, 8), 6, CHLOE, BETHAN, preferred_name="Zosia"),
    ChildSpec("Poppy Williams", "Caterpillars", (2, 3), 2, BETHAN, CHLOE),
    ChildSpec("Harry O'Brien", "Caterpillars", (2, 2), 1, CHLOE, BETHAN),
    ChildSpec("George Edwards", "Caterpillars", (2, 6), 5, BETHAN, CHLOE),
    ChildSpec("Rosie Green", "Caterpillars", (2, 11), 10, CHLOE, BETHAN),
    ChildSpec("Oscar Fielding", "Caterpillars", (2, 10), 8, BETHAN, CHLOE),
    # Ladybirds
    ChildSpec("Zara Ahmed", "Ladybirds", (3, 6), 16, JAMAL, FIONA),
    ChildSpec("Leo Walsh", "Ladybirds", (3, 2), 12, FIONA, JAMAL),
    ChildSpec("Mason Clarke", "Ladybirds", (3, 4), 9, JAMAL, FIONA),
    ChildSpec("Ana Popescu", "Ladybirds", (3, 10), 7, FIONA, JAMAL),
    ChildSpec("Ibrahim Rahman", "Ladybirds", (3, 7), 18, JAMAL, FIONA),
    ChildSpec("Maryam Rahman", "Ladybirds", (3, 7), 18, JAMAL, FIONA),
    ChildSpec("Aarav Sharma", "Ladybirds", (3, 0), 2, FIONA, JAMAL),
    ChildSpec("Ellie Marsh", "Ladybirds", (3, 9), 14, FIONA, JAMAL),
    # Butterflies
    ChildSpec("Isla Morgan", "Butterflies", (4, 3), 20, AMIRA, DANIEL),
    ChildSpec("Ruby Evans", "Butterflies", (4, 0), 11, DANIEL, AMIRA),
    ChildSpec("Freddie Hughes", "Butterflies", (4, 6), 24, AMIRA, DANIEL),
    ChildSpec("Amara Okoye", "Butterflies", (4, 1), 19, DANIEL, AMIRA),
    ChildSpec("Evie Johnson", "Butterflies", (4, 8), 26, AMIRA, DANIEL),
    ChildSpec("Lily Nguyen", "Butterflies", (4, 4), 15, DANIEL, AMIRA),
    ChildSpec("Theo Kaya", "Butterflies", (4, 2), 13, AMIRA, DANIEL),
    ChildSpec("Archie Dawson", "Butterflies", (4, 10), 22, DANIEL, AMIRA, left_days_ago=42),  # moved away
]


@dataclass(frozen=True)
class AdultSpec:
    name: str  # "First Last"
    sign_in: str = ""  # persona in the sign-ins table, if this adult signs in
    sign_in_email: str = ""
    has_email: bool = True
    home_languages: str = ""
    preferred_language: str = ""
    interpreter_needed: bool = False
    access_needs: str = ""


@dataclass(frozen=True)
class Link:
    """How one adult stands to one child (R1)."""

    child: str  # "First Last" (legal first name)
    adult: str  # "First Last"
    relationship: str
    detail: str = ""
    pr: bool = False  # parental responsibility
    lives: bool = False  # lives with the child
    guardian: bool = False  # legal guardian
    emergency: int | None = None  # emergency contact priority, 1 first
    restricted: bool = False  # no contact, no collection, no information (court order)


@dataclass(frozen=True)
class Family:
    address: str
    adults: list[AdultSpec]
    links: list[Link]


BIRTH = Relationship.BIRTH_PARENT

FAMILIES = [
    # Isla and Alfie: mum (the main demo parent) and step-dad at home; dad lives apart but has
    # parental responsibility and contact; nan is an emergency contact. Adults shared by siblings.
    Family(
        "14 Orchard Close\nWillowbrook\nWB4 2LS",
        [
            AdultSpec("Emma Morgan", "Parent with PR", PARENT_EMAIL),
            AdultSpec("Liam Carter", "Step-dad, no PR", STEP_PARENT_EMAIL),
            AdultSpec("Jack Morgan", "Separated parent", SEPARATED_PARENT_EMAIL),
            AdultSpec("Patricia Morgan", has_email=False),
        ],
        [
            Link("Isla Morgan", "Emma Morgan", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Isla Morgan", "Jack Morgan", BIRTH, "Dad; collects on Wednesdays", pr=True, emergency=2),
            Link("Isla Morgan", "Liam Carter", Relationship.STEP_PARENT, "Mum's partner", lives=True),
            Link("Isla Morgan", "Patricia Morgan", Relationship.GRANDPARENT, "Nan (dad's mum)", emergency=3),
            Link("Alfred Morgan", "Emma Morgan", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Alfred Morgan", "Jack Morgan", BIRTH, "Dad; collects on Wednesdays", pr=True, emergency=2),
            Link("Alfred Morgan", "Liam Carter", Relationship.STEP_PARENT, "Mum's partner", lives=True),
            Link("Alfred Morgan", "Patricia Morgan", Relationship.GRANDPARENT, "Nan (dad's mum)", emergency=3),
        ],
    ),
    # Zara: two parents at home; grandmother prefers Urdu and needs an interpreter.
    Family(
        "7 Station Road\nWillowbrook\nWB4 1HD",
        [
            AdultSpec(
                "Sana Ahmed",
                "Another family",
                OTHER_PARENT_EMAIL,
                home_languages="Urdu, Punjabi, English",
                preferred_language="Urdu",
            ),
            AdultSpec("Bilal Ahmed", home_languages="Urdu, English"),
            AdultSpec(
                "Nasreen Ahmed",
                has_email=False,
                home_languages="Urdu, Punjabi",
                preferred_language="Urdu",
                interpreter_needed=True,
            ),
        ],
        [
            Link("Zara Ahmed", "Sana Ahmed", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Zara Ahmed", "Bilal Ahmed", BIRTH, "Dad", pr=True, lives=True, emergency=2),
            Link("Zara Ahmed", "Nasreen Ahmed", Relationship.GRANDPARENT, "Grandmother", lives=True, emergency=3),
        ],
    ),
    # Leo: his father holds parental responsibility but a court order bars contact, collection
    # and information. He is never an emergency contact.
    Family(
        "3 Mill Lane\nWillowbrook\nWB4 6RN",
        [
            AdultSpec("Kirsty Walsh"),
            AdultSpec("Craig Donnelly", "Restricted parent", RESTRICTED_PARENT_EMAIL),
            AdultSpec("Shannon Walsh"),
        ],
        [
            Link("Leo Walsh", "Kirsty Walsh", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Leo Walsh", "Craig Donnelly", BIRTH, "Father", pr=True, restricted=True),
            Link("Leo Walsh", "Shannon Walsh", Relationship.OTHER, "Aunt", emergency=2),
        ],
    ),
    # Jayden: in foster care. The local authority holds parental responsibility.
    Family(
        "22 Beech Avenue\nWillowbrook\nWB4 3PF",
        [
            AdultSpec("Janet Osborne", "Foster carer", FOSTER_CARER_EMAIL),
            AdultSpec("Mike Osborne"),
        ],
        [
            Link(
                "Jayden Price",
                "Janet Osborne",
                Relationship.FOSTER_CARER,
                "The local authority holds parental responsibility",
                lives=True,
                emergency=1,
            ),
            Link(
                "Jayden Price",
                "Mike Osborne",
                Relationship.FOSTER_CARER,
                "The local authority holds parental responsibility",
                lives=True,
                emergency=2,
            ),
        ],
    ),
    # Ruby: lives with her grandmother under a special guardianship order.
    Family(
        "5 Rectory Gardens\nWillowbrook\nWB4 7AS",
        [AdultSpec("Linda Evans"), AdultSpec("Gareth Evans", has_email=False)],
        [
            Link(
                "Ruby Evans",
                "Linda Evans",
                Relationship.SPECIAL_GUARDIAN,
                "Grandmother; special guardianship order",
                pr=True,
                lives=True,
                guardian=True,
                emergency=1,
            ),
            Link("Ruby Evans", "Gareth Evans", Relationship.GRANDPARENT, "Grandad", lives=True, emergency=2),
        ],
    ),
    # Mason: lives with his aunt (kinship care); his mum keeps parental responsibility.
    Family(
        "41 Brook Street\nWillowbrook\nWB4 2QE",
        [AdultSpec("Danielle Clarke"), AdultSpec("Chantelle Clarke")],
        [
            Link(
                "Mason Clarke",
                "Danielle Clarke",
                Relationship.KINSHIP_CARER,
                "Aunt; child arrangements order",
                pr=True,
                lives=True,
                emergency=1,
            ),
            Link("Mason Clarke", "Chantelle Clarke", BIRTH, "Mum; visits on Saturdays", pr=True, emergency=2),
        ],
    ),
    # Zosia: Polish is spoken at home; dad would like an interpreter at meetings.
    Family(
        "9 Cedar Court\nWillowbrook\nWB4 5JT",
        [
            AdultSpec("Agnieszka Kowalska", home_languages="Polish, English", preferred_language="Polish"),
            AdultSpec("Piotr Kowalski", home_languages="Polish", preferred_language="Polish", interpreter_needed=True),
        ],
        [
            Link("Zofia Kowalska", "Agnieszka Kowalska", BIRTH, "Mama", pr=True, lives=True, emergency=1),
            Link("Zofia Kowalska", "Piotr Kowalski", BIRTH, "Tata", pr=True, lives=True, emergency=2),
        ],
    ),
    # Ana: Romanian at home; mum prefers written material in Romanian.
    Family(
        "18 Vicarage Road\nWillowbrook\nWB4 4BX",
        [
            AdultSpec(
                "Ioana Popescu",
                home_languages="Romanian, English",
                preferred_language="Romanian",
                interpreter_needed=True,
            ),
            AdultSpec("Andrei Popescu", home_languages="Romanian, English"),
        ],
        [
            Link("Ana Popescu", "Ioana Popescu", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Ana Popescu", "Andrei Popescu", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    # Freddie: mum is Deaf.
    Family(
        "2 Meadow View\nWillowbrook\nWB4 6TY",
        [
            AdultSpec(
                "Rachel Hughes",
                home_languages="British Sign Language, English",
                access_needs="Deaf: prefers written messages or BSL interpreter. Please text, do not phone.",
            ),
            AdultSpec("Tom Hughes", home_languages="English, British Sign Language"),
        ],
        [
            Link("Freddie Hughes", "Rachel Hughes", BIRTH, "Mum", pr=True, lives=True, emergency=2),
            Link("Freddie Hughes", "Tom Hughes", BIRTH, "Dad", pr=True, lives=True, emergency=1),
        ],
    ),
    # Amara: parents separated; dad has her every other weekend.
    Family(
        "30 Kingfisher Way\nWillowbrook\nWB4 8NU",
        [
            AdultSpec("Chioma Okoye", home_languages="English, Igbo"),
            AdultSpec("Emeka Okoye", home_languages="English, Igbo"),
        ],
        [
            Link("Amara Okoye", "Chioma Okoye", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Amara Okoye", "Emeka Okoye", BIRTH, "Dad; every other weekend", pr=True, emergency=2),
        ],
    ),
    # Oscar: adopted by his two dads.
    Family(
        "11 Willow Crescent\nWillowbrook\nWB4 3DG",
        [AdultSpec("Mark Fielding"), AdultSpec("Paul Fielding")],
        [
            Link(
                "Oscar Fielding",
                "Mark Fielding",
                Relationship.ADOPTIVE_PARENT,
                "Daddy",
                pr=True,
                lives=True,
                emergency=1,
            ),
            Link(
                "Oscar Fielding",
                "Paul Fielding",
                Relationship.ADOPTIVE_PARENT,
                "Papa",
                pr=True,
                lives=True,
                emergency=2,
            ),
        ],
    ),
    # Poppy: single mum; nan helps out.
    Family(
        "Flat 4, Riverside House\nWillowbrook\nWB4 1AA",
        [AdultSpec("Jade Williams"), AdultSpec("Sandra Williams", has_email=False)],
        [
            Link("Poppy Williams", "Jade Williams", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Poppy Williams", "Sandra Williams", Relationship.GRANDPARENT, "Nan", emergency=2),
        ],
    ),
    # Ibrahim and Maryam: twins; Sylheti and English at home.
    Family(
        "56 Hill Street\nWillowbrook\nWB4 2FW",
        [
            AdultSpec("Farhana Rahman", home_languages="Bengali (Sylheti), English"),
            AdultSpec("Abdul Rahman", home_languages="Bengali (Sylheti), English"),
        ],
        [
            Link("Ibrahim Rahman", "Farhana Rahman", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Ibrahim Rahman", "Abdul Rahman", BIRTH, "Dad", pr=True, lives=True, emergency=2),
            Link("Maryam Rahman", "Farhana Rahman", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Maryam Rahman", "Abdul Rahman", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "8 Primrose Lane\nWillowbrook\nWB4 5ER",
        [AdultSpec("Leanne Johnson"), AdultSpec("Marcus Johnson")],
        [
            Link("Evie Johnson", "Leanne Johnson", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Evie Johnson", "Marcus Johnson", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "27 Abbey Road\nWillowbrook\nWB4 4KL",
        [AdultSpec("Siobhan O'Brien"), AdultSpec("Connor O'Brien")],
        [
            Link("Harry O'Brien", "Siobhan O'Brien", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Harry O'Brien", "Connor O'Brien", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "15 Lime Tree Walk\nWillowbrook\nWB4 7HP",
        [
            AdultSpec("Neha Sharma", home_languages="Hindi, English"),
            AdultSpec("Vikram Sharma", home_languages="Hindi, English"),
        ],
        [
            Link("Aarav Sharma", "Neha Sharma", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Aarav Sharma", "Vikram Sharma", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "6 Swan Court\nWillowbrook\nWB4 8BQ",
        [
            AdultSpec("Linh Nguyen", home_languages="Vietnamese, English"),
            AdultSpec("Minh Nguyen", home_languages="Vietnamese", preferred_language="Vietnamese"),
        ],
        [
            Link("Lily Nguyen", "Linh Nguyen", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Lily Nguyen", "Minh Nguyen", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "19 Chapel Row\nWillowbrook\nWB4 3MU",
        [AdultSpec("Hannah Edwards"), AdultSpec("James Edwards")],
        [
            Link("George Edwards", "Hannah Edwards", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("George Edwards", "James Edwards", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "33 Foxglove Drive\nWillowbrook\nWB4 6WS",
        [AdultSpec("Gemma Marsh"), AdultSpec("Stuart Marsh")],
        [
            Link("Ellie Marsh", "Gemma Marsh", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Ellie Marsh", "Stuart Marsh", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "4 Tannery Yard\nWillowbrook\nWB4 1ZX",
        [
            AdultSpec("Elif Kaya", home_languages="Turkish, English"),
            AdultSpec("Mehmet Kaya", home_languages="Turkish, English"),
        ],
        [
            Link("Theo Kaya", "Elif Kaya", BIRTH, "Mum", pr=True, lives=True, emergency=1),
            Link("Theo Kaya", "Mehmet Kaya", BIRTH, "Dad", pr=True, lives=True, emergency=2),
        ],
    ),
    Family(
        "12 Harbour Street\nPortishead\nWB9 2LN",
        [AdultSpec("Nicola Dawson")],
        [Link("Archie Dawson", "Nicola Dawson", BIRTH, "Mum", pr=True, lives=True, emergency=1)],
    ),
    # Rosie: lives with her dad; her grandma is the other emergency contact.
    Family(
        "21 Pear Tree Close\nWillowbrook\nWB4 5CC",
        [AdultSpec("Ben Green"), AdultSpec("Margaret Green", has_email=False)],
        [
            Link("Rosie Green", "Ben Green", BIRTH, "Dad", pr=True, lives=True, emergency=1),
            Link("Rosie Green", "Margaret Green", Relationship.GRANDPARENT, "Grandma", emergency=2),
        ],
    ),
]


@dataclass(frozen=True)
class NeedSpec:
    child: str
    kind: str
    summary: str
    details: str = ""
    action_plan: str = ""
    severe: bool = False


NEEDS = [
    NeedSpec(
        "Isla Morgan",
        Need.Kind.ALLERGY,
        "Peanut and tree nut allergy (anaphylaxis)",
        "Two adrenaline auto-injectors (0.15 mg) are kept in her red medicine bag, which goes on every outing.",
        "Mild (itchy mouth, hives): give cetirizine 2.5 mg from her bag and watch her closely.\n"
        "Severe (coughing, wheeze, swollen tongue or throat, floppy or pale): use an auto-injector on the "
        "outer thigh, call 999 and say 'anaphylaxis', lie her down with legs raised, then call her parents. "
        "Give the second injector after 5 minutes if she is no better.",
        severe=True,
    ),
    NeedSpec(
        "Mason Clarke",
        Need.Kind.MEDICAL,
        "Asthma: blue reliever inhaler with spacer",
        "Triggered by colds and cold air. Inhaler and spacer are kept in the Ladybirds medicine box.",
        "Sit him up and stay calm. Give 2 puffs of salbutamol through the spacer, then 2 puffs every 2 minutes "
        "up to 10. Call 999 if he is no better or too breathless to talk, then call his aunt.",
    ),
    NeedSpec(
        "Leo Walsh",
        Need.Kind.SEN,
        "Speech and language: delayed expressive language",
        "Seen by the NHS speech and language therapy team; his targets are in his SEN support plan. "
        "Uses Makaton signs alongside words.",
        "Use short sentences and model single words. Sign 'more', 'finished' and 'help'. Give him time to answer.",
    ),
    NeedSpec("Zara Ahmed", Need.Kind.CULTURAL, "Halal food only", "No pork or gelatine. The family are Muslim."),
    NeedSpec("Freddie Hughes", Need.Kind.DIETARY, "Lactose intolerant", "Lactose-free milk and yoghurt only."),
    NeedSpec(
        "Ibrahim Rahman",
        Need.Kind.ALLERGY,
        "Egg allergy (mild)",
        "Gets hives from raw or lightly cooked egg. Baked egg in cakes is fine.",
        "Give cetirizine 2.5 mg from the medicine box and call a parent.",
    ),
    NeedSpec("Ana Popescu", Need.Kind.DIETARY, "Vegetarian", "No meat or fish; eggs and dairy are fine."),
    NeedSpec(
        "Evie Johnson",
        Need.Kind.DISABILITY,
        "Mild hearing loss: wears hearing aids in both ears",
        "Check the aids are on and working at drop-off. Spare batteries are in her bag.",
        "Get down to her level and face her when speaking. Seat her near the front at story time.",
    ),
    NeedSpec("Theo Kaya", Need.Kind.CULTURAL, "No pork", "The family would like him to have the vegetarian option."),
]


# --- Loading --------------------------------------------------------------------------------

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Find the row by ``lookup`` or make it; write ``values`` only when they differ."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def split_name(name: str) -> dict[str, str]:
    first_name, last_name = name.split(" ", 1)
    return {"first_name": first_name, "last_name": last_name}


def family_email(spec: AdultSpec) -> str:
    if spec.sign_in_email:
        return spec.sign_in_email
    if not spec.has_email:
        return ""
    local = spec.name.lower().replace(" ", ".").replace("'", "")
    return demo_email(local)


class Loader:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.password_hash = ""
        self.password_checked: dict[str, bool] = {}
        self.sign_ins: list[tuple[str, str, str, str]] = []  # persona, name, email, TOTP secret or "—"

    def run(self) -> None:
        organisation = upsert(Organisation, {"name": ORGANISATION["name"]}, {"legal_form": ORGANISATION["legal_form"]})
        values = {k: v for k, v in SETTING.items() if k != "name"}
        setting = upsert(Setting, {"organisation": organisation, "name": SETTING["name"]}, values)
        self.setting = setting
        rooms = {
            name: upsert(Room, {"setting": setting, "name": name}, {"age_range": age}) for name, age in ROOMS.items()
        }
        staff = {entry[0]: self.staff(entry, setting, rooms) for entry in STAFF}
        children = {c.name: self.child(c, setting, rooms, staff) for c in CHILDREN}
        phone = iter(range(100, 1000))
        for family in FAMILIES:
            adults = {a.name: self.adult(a, family, setting, f"07700 900{next(phone):03d}") for a in family.adults}
            for link in family.links:
                self.link(link, children[link.child], adults[link.adult])
        for need in NEEDS:
            upsert(
                Need,
                {"child": children[need.child], "kind": need.kind, "summary": need.summary},
                {"details": need.details, "action_plan": need.action_plan, "severe": need.severe},
            )

    def user(self, email: str, name: str) -> User:
        user = upsert(User, {"email": email}, {**split_name(name), "is_active": True, "is_staff": False})
        if user.password not in self.password_checked:
            self.password_checked[user.password] = check_password(DEMO_PASSWORD, user.password)
        if not self.password_checked[user.password]:
            # One hash for every demo user: PBKDF2 is slow on purpose.
            self.password_hash = self.password_hash or make_password(DEMO_PASSWORD)
            user.password = self.password_hash
            user.save(update_fields=["password"])
        return user

    def staff(self, entry: tuple[str, str, str, list[StaffRole]], setting: Setting, rooms: dict[str, Room]) -> User:
        email, name, persona, roles = entry
        user = self.user(email, name)
        for role, room, title in roles:
            if role in OrganisationRole.values:
                lookup: dict[str, Any] = {"user": user, "organisation": setting.organisation, "role": role}
                upsert(OrganisationMembership, lookup, {"title": title, "active": True})
            else:
                lookup = {"user": user, "setting": setting, "role": role}
                values = {"room": rooms[room] if room else None, "title": title, "active": True}
                upsert(SettingMembership, lookup, values)
        secret = totp_secret(email)
        enrol_totp(user, secret)
        self.sign_ins.append((persona, name, email, secret))
        return user

    def child(self, spec: ChildSpec, setting: Setting, rooms: dict[str, Room], staff: dict[str, User]) -> Child:
        years, months = spec.age
        # Spread birthdays across the month without changing the age in whole months.
        day_offset = sum(map(ord, spec.name)) % 25
        born = months_before(self.today, years * 12 + months) - dt.timedelta(days=day_offset)
        left = self.today - dt.timedelta(days=spec.left_days_ago) if spec.left_days_ago is not None else None
        return upsert(
            Child,
            {"setting": setting, **split_name(spec.name)},
            {
                "preferred_name": spec.preferred_name,
                "room": rooms[spec.room],
                "date_of_birth": born,
                "start_date": months_before(self.today, spec.started_months_ago),
                "leaving_date": left,
                "key_person": staff[spec.key_person],
                "backup_key_person": staff[spec.backup_key_person],
            },
        )

    def adult(self, spec: AdultSpec, family: Family, setting: Setting, phone: str) -> Adult:
        user = None
        if spec.sign_in_email:
            user = self.user(spec.sign_in_email, spec.name)
            self.sign_ins.append((spec.sign_in, spec.name, spec.sign_in_email, "—"))
        return upsert(
            Adult,
            {"setting": setting, **split_name(spec.name)},
            {
                "user": user,
                "email": family_email(spec),
                "phone": phone,
                "address": family.address,
                "home_languages": spec.home_languages,
                "preferred_language": spec.preferred_language,
                "interpreter_needed": spec.interpreter_needed,
                "access_needs": spec.access_needs,
            },
        )

    def link(self, link: Link, child: Child, adult: Adult) -> ChildAdult:
        if link.restricted and link.emergency is not None:
            raise CommandError(f"{link.adult} is restricted and cannot be an emergency contact")
        return upsert(
            ChildAdult,
            {"child": child, "adult": adult},
            {
                "relationship": link.relationship,
                "relationship_detail": link.detail,
                "parental_responsibility": link.pr,
                "lives_with_child": link.lives,
                "legal_guardian": link.guardian,
                "no_contact": link.restricted,
                "no_collection": link.restricted,
                "no_information": link.restricted,
                "restriction_reference": RESTRICTION_REFERENCE if link.restricted else "",
                "emergency_contact": link.emergency is not None,
                "emergency_priority": link.emergency,
            },
        )


def enrol_totp(user: User, secret: str) -> None:
    """Give the user a TOTP authenticator with ``secret`` (replacing one with another) and recovery codes."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is None or decrypt(existing.data.get("secret", "")) != secret:
        if existing is not None:
            existing.delete()
        TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


def sign_ins_table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """Persona, name, email and TOTP secret in columns: under 100 characters wide."""
    header = ("Persona", "Name", "Email", "TOTP secret (staff)")
    rule = tuple("-" * max(len(row[i]) for row in [header, *rows]) for i in range(4))
    widths = [len(cell) for cell in rule]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in [header, rule, *rows]
    ]


def demo_modules() -> list[Any]:
    """Each feature's demo data, app by app in the order of INSTALLED_APPS (an app builds on those
    before it: the journal and the day on enrolment's consents), then by file name. Each ``seed``
    must be idempotent."""
    import importlib
    from pathlib import Path

    from django.conf import settings

    root = Path(__file__).resolve().parents[3]  # the tandem package
    order = {name.removeprefix("tandem."): i for i, name in enumerate(settings.INSTALLED_APPS)}
    found = sorted(root.glob("*/demo/*.py"), key=lambda p: (order.get(p.parent.parent.name, len(order)), p.stem))
    modules = [
        importlib.import_module(f"tandem.{p.parent.parent.name}.demo.{p.stem}") for p in found if p.stem != "__init__"
    ]
    return [m for m in modules if hasattr(m, "seed")]


class Command(BaseCommand):
    help = "Load the demo preschool (Willowbrook) with staff, families and sign-ins. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.TANDEM_DEMO:
            raise CommandError("The demo is off here (TANDEM_DEMO is false): its sign-ins have published passwords.")
        loader = Loader()
        with transaction.atomic():
            loader.run()
            # Feature apps add their part of the demo: tandem/<app>/demo/<feature>.py, seed(setting=…).
            for module in demo_modules():
                module.seed(setting=loader.setting)
                # A feature demo that makes sign-ins lists them: (persona, name, email).
                for persona, name, email in getattr(module, "SIGN_INS", ()):
                    loader.sign_ins.append((persona, name, email, "—"))
        out = self.stdout.write
        out(f"Demo loaded: {SETTING['name']}. Open {SITE_URL}")
        out(f"Every demo sign-in uses the password: {DEMO_PASSWORD}")
        out("")
        for row in sign_ins_table(loader.sign_ins):
            out(row)
        out("")
        out("Staff must enter a 6-digit code: add the TOTP secret to an authenticator app")
        out("""(or run: .venv/bin/python -c "import pyotp; print(pyotp.TOTP('SECRET').now())")""")
