"""How long each type of record is kept (R67): the legal or sector minimum, as data, and which of
Tandem's models holds each type.

Each setting sets its own periods from its retention policy (``RetentionRule``), never below the
minimum here. Nothing is destroyed automatically: a record past its period is *due for review*,
and the manager decides.

* **Children's records** (learning journal, registers, contacts, consents): 3 years after the
  child leaves.
* **Special educational needs**: until the child is 25 (counted from the date of birth).
* **Safeguarding and child protection**: until the child is 25.
* **Accidents, incidents and medication**: until the child is 21.
* **Complaints**: 3 years after the complaint is closed (the EYFS asks for a record of complaints
  kept for at least 3 years; the complaints app itself refuses to delete one sooner, and its
  rule is reused here).
* **Financial records**: 6 years after the end of the financial year. Tandem holds none today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tandem.complaints.models.complaints import RETENTION_YEARS as COMPLAINT_YEARS
from tandem.records.models.retention import RecordType, RetentionRule

LEFT = "left"
BIRTH = "birth"
CLOSED = "closed"
FINANCIAL_YEAR = "financial_year"


@dataclass(frozen=True)
class Minimum:
    record_type: str
    years: int
    basis: str  # LEFT, BIRTH, CLOSED or FINANCIAL_YEAR
    source: str  # where the minimum comes from, in plain English

    @property
    def label(self) -> str:
        return str(RecordType(self.record_type).label)

    def describe(self, years: int | None = None) -> str:
        """ "3 years after the child leaves", "until the child is 25"."""
        n = self.years if years is None else years
        if self.basis == BIRTH:
            return f"until the child is {n}"
        plural = "s" if n != 1 else ""
        if self.basis == CLOSED:
            return f"{n} year{plural} after the complaint is closed"
        if self.basis == FINANCIAL_YEAR:
            return f"{n} year{plural} after the end of the financial year"
        return f"{n} year{plural} after the child leaves"


MINIMUMS: dict[str, Minimum] = {
    RecordType.CHILD: Minimum(
        RecordType.CHILD,
        3,
        LEFT,
        "Sector guidance for early years providers: a child's records are kept for 3 years after they leave "
        "(long enough to answer a question from Ofsted, the local authority or the family).",
    ),
    RecordType.SEN: Minimum(
        RecordType.SEN,
        25,
        BIRTH,
        "SEND guidance: records of special educational needs are kept until the child is 25, in case they are "
        "needed for a claim or for later support.",
    ),
    RecordType.SAFEGUARDING: Minimum(
        RecordType.SAFEGUARDING,
        25,
        BIRTH,
        "Safeguarding guidance (Working Together, IICSA's advice on record keeping): child protection records are "
        "kept until the child is 25.",
    ),
    RecordType.ACCIDENTS: Minimum(
        RecordType.ACCIDENTS,
        21,
        BIRTH,
        "Limitation Act 1980: a child may bring a claim until 3 years after turning 18, so accident, incident and "
        "medication records are kept until the child is 21.",
    ),
    RecordType.COMPLAINTS: Minimum(
        RecordType.COMPLAINTS,
        COMPLAINT_YEARS,
        CLOSED,
        "EYFS statutory framework: a record of complaints is kept for at least 3 years (Tandem's complaints "
        "refuse deletion sooner).",
    ),
    RecordType.FINANCIAL: Minimum(
        RecordType.FINANCIAL,
        6,
        FINANCIAL_YEAR,
        "HMRC and the Companies Act: financial records are kept for 6 years after the end of the financial year.",
    ),
}

# Which record type each model that holds a child's data belongs to (model label → record type).
RECORD_TYPES: dict[str, str] = {
    # special educational needs: the plans, and what hangs off them (targets, reviews, comments, contributors)
    "agencies.SupportPlan": RecordType.SEN,
    "people.Need": RecordType.SEN,  # only needs of the SEN kind: see ONLY_WHERE
    # safeguarding and child protection
    "agencies.ProtectionPlan": RecordType.SAFEGUARDING,
    "agencies.SharingDecision": RecordType.SAFEGUARDING,
    "agencies.Referral": RecordType.SAFEGUARDING,
    "agencies.AgencyMeeting": RecordType.SAFEGUARDING,
    "agencies.ReceivedItem": RecordType.SAFEGUARDING,
    "complaints.Allegation": RecordType.SAFEGUARDING,
    # accidents, incidents and medication (Tandem has no accident book yet: medicines and their doses)
    "attendance.Medicine": RecordType.ACCIDENTS,
    # complaints
    "complaints.Complaint": RecordType.COMPLAINTS,
}

# Models shared between types: only these rows belong to the type above; the rest are children's records.
ONLY_WHERE: dict[str, Q] = {
    "people.Need": Q(kind="sen"),
    "agencies.Referral": Q(safeguarding=True),
    "agencies.AgencyMeeting": Q(safeguarding=True),
    "agencies.ReceivedItem": Q(safeguarding=True),
}

# Models that hold a child's data and are, deliberately, children's records: they go with the
# child's record (the Child row itself, and everything that cascades from it).
CHILD_RECORDS: frozenset[str] = frozenset(
    {
        "people.Child",
        "people.ChildAdult",
        "enrolment.AllAboutMe",
        "enrolment.ChangeRequest",
        "enrolment.ConsentDecision",
        "enrolment.AgreementSignature",
        "enrolment.BriefingMeeting",
        "enrolment.Registration",
        "enrolment.SessionChangeRequest",
        "enrolment.SettlingPlan",
        "enrolment.SettlingLogEntry",
        "journal.Book",
        "journal.Media",
        "journal.NextStep",
        "journal.Observation",
        "journal.ObservationChild",
        "journal.Comment",
        "journal.OutsideShare",
        "journal.Summary",
        "journal.ProgressCheck",
        "attendance.Collector",
        "attendance.OneOffCollector",
        "attendance.CollectionPassword",
        "attendance.PasswordAttempt",
        "attendance.Attendance",
        "attendance.Absence",
        "comms.Meeting",
        "comms.Thread",
        "comms.Post",
        "comms.Outing",
        "comms.OutingConsent",
        "agencies.Signposting",
        "agencies.Share",
        "agencies.Visit",
        "voice.VoteFamily",
        "voice.Participation",
        "records.AccessRequest",
        "records.Archive",
        "records.Transition",
        "records.RecordTransfer",
    }
)

FINANCIAL_NOTE = "Tandem holds no financial records today (fees and funding are kept outside it)."


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def financial_year_end(day: dt.date) -> dt.date:
    """The 31 March that ends the financial year ``day`` falls in."""
    end = dt.date(day.year, 3, 31)
    return end if day <= end else dt.date(day.year + 1, 3, 31)


def years_by_type(setting_rules: Mapping[str, int] | Iterable[RetentionRule] | None) -> dict[str, int]:
    """The setting's chosen years, each raised to the minimum when lower (or missing)."""
    chosen: dict[str, int] = {}
    if isinstance(setting_rules, Mapping):
        chosen = {str(k): int(v) for k, v in setting_rules.items()}
    elif setting_rules is not None:
        chosen = {rule.record_type: rule.years for rule in setting_rules}
    return {code: max(chosen.get(code, m.years), m.years) for code, m in MINIMUMS.items()}


def _complaints_closing(child: Any) -> tuple[dt.datetime | None, bool]:
    """(the latest closing of a complaint about the child, whether one is still open). Uses the
    annotations ``complaints_last_closed`` and ``complaints_open`` when the list selector made them."""
    if hasattr(child, "complaints_open"):
        return child.complaints_last_closed, bool(child.complaints_open)
    from tandem.complaints.models import Complaint

    rows = list(Complaint.objects.filter(child_id=child.pk).values_list("closed_at", flat=True))
    closed = [at for at in rows if at is not None]
    return (max(closed) if closed else None), len(closed) < len(rows)


def retained_until(
    child: Any, record_type: str, setting_rules: Mapping[str, int] | Iterable[RetentionRule] | None = None
) -> dt.date | None:
    """The last day ``record_type`` of the child's records must be kept, or None while the child is on
    roll (or, for complaints, while a complaint about them is still open)."""
    today = timezone.localdate()
    if child.leaving_date is None or child.leaving_date > today:
        return None
    minimum = MINIMUMS[record_type]
    years = years_by_type(setting_rules)[record_type]
    if minimum.basis == BIRTH:
        return add_years(child.date_of_birth, years)
    if minimum.basis == FINANCIAL_YEAR:
        return add_years(financial_year_end(child.leaving_date), years)
    if minimum.basis == CLOSED:
        last_closed, still_open = _complaints_closing(child)
        if still_open:
            return None
        if last_closed is None:  # no complaint about the child: nothing to keep
            return child.leaving_date
        return add_years(timezone.localdate(last_closed), years)
    return add_years(child.leaving_date, years)
