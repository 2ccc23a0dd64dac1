"""Everything Tandem holds about a child or an adult, for access on request (R66; UK GDPR right of
access). Found by introspection, so nothing is forgotten:

* **A child** (:func:`walk_child`): the child's own row and its earlier versions; every model with a
  concrete ForeignKey, OneToOne or ManyToMany to ``people.Child`` (level 1, django-simple-history's
  ``Historical*`` models too: earlier versions are data held as well); every model with a
  ForeignKey to a level-1 model (level 2: observation comments, medicine doses, plan targets, ...),
  rows filtered to this child.
* **An adult's own data** (:func:`walk_adult`): their own row, its earlier versions and their
  sign-in; every model with a relation to ``people.Adult`` for that adult, and every row whose
  relation to the User model is the adult's user. (``core.AuditEvent`` and ``AuditSubject`` hold
  ids only and no relation: they are not reached; they are the audit of the record.)

Which models are walked is declared below (:data:`CHILD_MODELS`, :data:`ADULT_MODELS`) and every
model left out is in :data:`EXCLUDED` with its reason. ``tests/test_holdings.py`` finds the models
from ``django.apps`` again and fails when a model is neither walked nor excluded, so a model added
later must be decided on before it ships. voice.Participation and voice.VoteFamily are included:
they only say that the family took part, never what they answered.

Each row becomes a dict of its concrete fields: relations as the ``str()`` of the related object,
dates in ISO 8601, files by their name only; secrets never (:func:`is_secret`). Other children are
never named: a post, an outing or a photo shared with other children lists this child and "and N
other children" (in an adult's own data, their own children only), and per-recipient rows of a
shared post (:data:`PER_RECIPIENT`) are only this child's family's. Rows that must be reviewed
before release are flagged (:func:`flag_of`): information from a third party, safeguarding
information (shares without consent, child protection transfers and their traces), and
observations or photos naming other children.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import re
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet

from tandem.people.models import Adult, Child, ChildAdult

THIRD_PARTY, SAFEGUARDING, OTHER_PEOPLE = "third_party", "safeguarding", "other_people"  # ReviewItem.Reason
CHILD, SELF = "child", "self"  # the two scopes (AccessRequest.Subject)

# The models walked for a child's records.
CHILD_MODELS = (
    "agencies.AgencyAction",
    "agencies.AgencyMeeting",
    "agencies.PlanComment",
    "agencies.PlanContributor",
    "agencies.PlanReview",
    "agencies.PlanTarget",
    "agencies.ProtectionPlan",
    "agencies.ProtectionTask",
    "agencies.ReceivedConsent",
    "agencies.ReceivedItem",
    "agencies.Referral",
    "agencies.Share",
    "agencies.ShareItem",
    "agencies.ShareOpening",
    "agencies.SharingDecision",
    "agencies.Signposting",
    "agencies.SupportPlan",
    "agencies.Visit",
    "attendance.Absence",
    "attendance.Attendance",
    "attendance.CollectionPassword",
    "attendance.Collector",
    "attendance.Dose",
    "attendance.LateCase",
    "attendance.Medicine",
    "attendance.OneOffCollector",
    "attendance.PasswordAttempt",
    "comms.Meeting",
    "comms.MeetingOption",
    "comms.Message",
    "comms.Outing",
    "comms.OutingConsent",
    "comms.Post",
    "comms.PostRecipient",
    "comms.Thread",
    "comms.ThreadParticipant",
    "comms.ThreadRead",
    "complaints.AgencyLetter",
    "complaints.Allegation",
    "complaints.Complaint",
    "complaints.ComplaintStep",
    "complaints.Deadline",
    "complaints.InvestigationReport",
    "complaints.PracticeReview",
    "complaints.RecordEntry",
    "complaints.RecordExport",
    "enrolment.AgreementSignature",
    "enrolment.AllAboutMe",
    "enrolment.BriefingMeeting",
    "enrolment.ChangeRequest",
    "enrolment.ConsentDecision",
    "enrolment.HistoricalAgreementSignature",
    "enrolment.HistoricalAllAboutMe",
    "enrolment.HistoricalBriefingMeeting",
    "enrolment.HistoricalChangeRequest",
    "enrolment.HistoricalRegistration",
    "enrolment.HistoricalSessionChangeRequest",
    "enrolment.HistoricalSettlingPlan",
    "enrolment.HistoricalSettlingPlan_agreed_with",
    "enrolment.HistoricalSettlingVisit",
    "enrolment.Registration",
    "enrolment.SessionChangeRequest",
    "enrolment.SettlingLogEntry",
    "enrolment.SettlingPlan",
    "enrolment.SettlingReply",
    "enrolment.SettlingVisit",
    "journal.Book",
    "journal.Comment",
    "journal.HistoricalNextStep",
    "journal.HistoricalProgressCheck",
    "journal.HistoricalSummary",
    "journal.Media",
    "journal.NextStep",
    "journal.Observation",
    "journal.ObservationChild",
    "journal.OutsideShare",
    "journal.OutsideShareOpening",
    "journal.ProgressCheck",
    "journal.ProgressCheckArea",
    "journal.Summary",
    "journal.SummaryArea",
    "people.Child",
    "people.ChildAdult",
    "people.HistoricalChild",
    "people.HistoricalChildAdult",
    "people.HistoricalNeed",
    "people.Need",
    "records.Archive",
    "records.RecordTransfer",
    "records.TransferOpening",
    "records.Transition",
    "records.TransitionMeeting",
    "records.TransitionReport",
    "voice.Participation",
    "voice.VoteFamily",
)
# The models walked for an adult's own personal data.
ADULT_MODELS = (
    "account.EmailAddress",
    "agencies.AgencyMeeting",
    "agencies.PlanComment",
    "agencies.PlanContributor",
    "agencies.PlanReview",
    "agencies.Professional",
    "agencies.ProfessionalInvitation",
    "agencies.ProtectionPlan",
    "agencies.ProtectionTask",
    "agencies.ReceivedConsent",
    "agencies.ReceivedItem",
    "agencies.Referral",
    "agencies.Share",
    "agencies.SharingDecision",
    "agencies.Signposting",
    "agencies.SupportPlan",
    "agencies.Visit",
    "attendance.Absence",
    "attendance.Attendance",
    "attendance.CollectionPassword",
    "attendance.Collector",
    "attendance.Dose",
    "attendance.LateCase",
    "attendance.LateStep",
    "attendance.Medicine",
    "attendance.OneOffCollector",
    "attendance.PasswordAttempt",
    "comms.CalendarFeed",
    "comms.Event",
    "comms.EventReply",
    "comms.Meeting",
    "comms.MeetingAvailability",
    "comms.MeetingRound",
    "comms.Message",
    "comms.Notification",
    "comms.NotificationPreference",
    "comms.Outing",
    "comms.OutingConsent",
    "comms.PendingDigest",
    "comms.Post",
    "comms.PostRecipient",
    "comms.SettingDocument",
    "comms.Thread",
    "comms.ThreadParticipant",
    "comms.ThreadRead",
    "comms.Translation",
    "complaints.AgencyLetter",
    "complaints.Allegation",
    "complaints.Complaint",
    "complaints.ComplaintStep",
    "complaints.InvestigationReport",
    "complaints.PracticeReview",
    "complaints.ProcedureSettings",
    "complaints.RecordEntry",
    "complaints.RecordExport",
    "complaints.RetentionDeletion",
    "core.ExportRecord",
    "core.OrganisationMembership",
    "core.SettingMembership",
    "core.User",
    "enrolment.AgreementSignature",
    "enrolment.AgreementVersion",
    "enrolment.AllAboutMe",
    "enrolment.BriefingMeeting",
    "enrolment.ChangeRequest",
    "enrolment.ConsentDecision",
    "enrolment.HistoricalAgreementSignature",
    "enrolment.HistoricalAgreementVersion",
    "enrolment.HistoricalAllAboutMe",
    "enrolment.HistoricalBriefingMeeting",
    "enrolment.HistoricalChangeRequest",
    "enrolment.HistoricalConsentType",
    "enrolment.HistoricalInformationPage",
    "enrolment.HistoricalRegistration",
    "enrolment.HistoricalSessionChangeRequest",
    "enrolment.HistoricalSettlingPlan",
    "enrolment.HistoricalSettlingPlan_agreed_with",
    "enrolment.HistoricalSettlingVisit",
    "enrolment.ImportBatch",
    "enrolment.InformationPage",
    "enrolment.PrivacyAcknowledgement",
    "enrolment.PrivacyNotice",
    "enrolment.Registration",
    "enrolment.SessionChangeRequest",
    "enrolment.SettlingLogEntry",
    "enrolment.SettlingPlan",
    "enrolment.SettlingReply",
    "journal.Book",
    "journal.Comment",
    "journal.DailyBoard",
    "journal.HistoricalNextStep",
    "journal.HistoricalObservation",
    "journal.HistoricalProgressCheck",
    "journal.HistoricalSummary",
    "journal.Media",
    "journal.NextStep",
    "journal.Observation",
    "journal.Offer",
    "journal.OutsideShare",
    "journal.PlanningFocus",
    "journal.ProgressCheck",
    "journal.Summary",
    "people.Adult",
    "people.Child",
    "people.ChildAdult",
    "people.HistoricalAdult",
    "people.HistoricalChild",
    "people.HistoricalChildAdult",
    "people.HistoricalNeed",
    "people.Invitation",
    "records.AccessRequest",
    "records.Archive",
    "records.DestructionLog",
    "records.RecordTransfer",
    "records.ReportFeedback",
    "records.RetentionRule",
    "records.SchoolActivity",
    "records.Transition",
    "records.TransitionMeeting",
    "records.TransitionReport",
    "voice.Acknowledgement",
    "voice.Consultation",
    "voice.ConsultationResponse",
    "voice.ForumMinutes",
    "voice.ForumPost",
    "voice.ForumTopic",
    "voice.ParentRepresentative",
    "voice.PolicyComment",
    "voice.PolicyVersion",
    "voice.Proposal",
    "voice.Questionnaire",
    "voice.Response",
    "voice.Suggestion",
)

EXCLUDED: dict[tuple[str, str], str] = {
    (CHILD, "records.AccessRequest"): "Who asked for this child's records is the asking adult's information: each "
    "adult's own requests are in their own personal data.",
    (CHILD, "records.AccessExport"): "The runs of the export for an access request: the answer itself, not "
    "information about the child.",
    (SELF, "records.AccessExport"): "The runs of the export for an access request: the answer itself.",
    (SELF, "records.ReviewItem"): "Staff's decisions while reviewing an export: working papers of the answer, "
    "reached only through the member of staff who decided.",
    (SELF, "mfa.Authenticator"): "Sign-in secrets (authenticator keys, recovery codes, passkeys): never exported; "
    "the person sees their sign-in methods on their account page.",
}

SECRET_WORDS = ("token", "hash", "password", "secret", "key_code")
SECRET_PARTS = ("otp",)
DENY_FIELDS = frozenset({"session_key", "recovery_codes", "door_code", "ip_address", "user_agent", "is_superuser"})
REDACTED = "another child"

# Level-2 models reached through a row shared by many children (a post, an outing): one row per
# recipient, so rows of other families are reached too. Each is filtered to this child's family's
# users by the field named (``tests/test_holdings.py`` fails when such a model is not listed here).
PER_RECIPIENT = {"comms.PostRecipient": "user"}


def is_secret(name: str) -> bool:
    """Never exported: tokens, hashes, passwords, secrets, key codes, one-time passwords, the deny-list."""
    lowered = name.lower()
    return (
        lowered in DENY_FIELDS
        or any(word in lowered for word in SECRET_WORDS)
        or any(part in lowered.split("_") for part in SECRET_PARTS)
    )


# --- finding the models ----------------------------------------------------------------------------


def relations_to(model: type[models.Model], target: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.Field) and f.concrete and f.is_relation and f.related_model is target
    ]


def level_one() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m is not Child and relations_to(m, Child)]


def level_two(first: Iterable[type[models.Model]]) -> dict[type[models.Model], list[models.Field[Any, Any]]]:
    first = list(first)
    found: dict[type[models.Model], list[models.Field[Any, Any]]] = {}
    for model in apps.get_models():
        if model in first or model is Child:
            continue
        links = [
            f
            for f in model._meta.get_fields()
            if getattr(f, "concrete", False) and f.is_relation and not f.many_to_many and f.related_model in first
        ]
        if links:
            found[model] = links  # type: ignore[assignment]
    return found


def user_model() -> type[models.Model]:
    return apps.get_model(settings.AUTH_USER_MODEL)


def found_for_child() -> set[str]:
    """Every model holding something about a child, from django.apps."""
    first = level_one()
    return {m._meta.label for m in [*first, *level_two(first)]} | {"people.Child", "people.HistoricalChild"}


def found_for_adult() -> set[str]:
    """Every model holding something about an adult, from django.apps."""
    user = user_model()
    found = {m._meta.label for m in apps.get_models() if relations_to(m, Adult) or relations_to(m, user)}
    return found | {"people.Adult", user._meta.label}


# --- rows --------------------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    pk: Any
    title: str
    data: dict[str, Any]
    flag: str | None = None
    other_children: list[Child] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (storage name, name in the ZIP)


@dataclass
class Section:
    label: str
    title: str
    rows: list[Row]


def title_of(model: type[models.Model]) -> str:
    base = getattr(model, "instance_type", None)
    if base is not None and model._meta.label.split(".")[1].startswith("Historical"):
        return f"Earlier versions: {base._meta.verbose_name_plural}".capitalize()
    name = str(model._meta.verbose_name_plural)
    return name[:1].upper() + name[1:]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if not is_secret(f.name) and not (f.is_relation and is_secret(f.get_attname()))
    ]


def _m2m(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    return [f for f in model._meta.many_to_many if not is_secret(f.name)]  # type: ignore[misc]


def _others(count: int) -> str:
    return f"and {count} other {'child' if count == 1 else 'children'}"


def serialise(
    model: type[models.Model], objs: list[models.Model], children: Collection[Any] | None = None
) -> list[dict[str, Any]]:
    """Each row as a dict of its concrete fields (relations by name, in one query per relation).

    ``children``: the only children who may be named (the subject child, or the adult's own
    children); every other child a row relates to is counted, never named. None: all are named
    (staff's review of flagged items)."""
    fields = _fields(model)
    names: dict[str, dict[Any, str]] = {}
    for f in fields:
        if f.is_relation and f.related_model is not None:
            ids = {getattr(o, f.get_attname()) for o in objs} - {None}
            if children is not None and f.related_model is Child:
                hidden = {pk: REDACTED for pk in ids if pk not in children}
                ids -= set(hidden)
            else:
                hidden = {}
            related = f.related_model._base_manager.in_bulk(list(ids)) if ids else {}  # type: ignore[union-attr]
            names[f.name] = {pk: str(obj) for pk, obj in related.items()} | hidden
    out = []
    for obj in objs:
        data: dict[str, Any] = {}
        for f in fields:
            if f.is_relation:
                value = getattr(obj, f.get_attname())
                data[f.name] = None if value is None else names[f.name].get(value, f"(no longer held: {value})")
            elif isinstance(f, models.FileField):
                file = getattr(obj, f.attname)
                data[f.name] = os.path.basename(file.name) if file else ""
            else:
                data[f.name] = _plain(f.value_from_object(obj))
        for m in _m2m(model):
            values = list(getattr(obj, m.name).all())
            if children is not None and m.related_model is Child:
                shown = [str(c) for c in values if c.pk in children]
                count = len(values) - len(shown)
                data[m.name] = shown + ([_others(count)] if count else [])
            else:
                data[m.name] = [str(related) for related in values]
        out.append(data)
    return out


def _without_consent(share_id: Any) -> bool:
    if share_id is None:
        return False
    share = apps.get_model("agencies", "Share")
    return bool(share._base_manager.filter(pk=share_id, basis=share.Basis.WITHOUT_CONSENT).exists())


def _protection(transfer_id: Any) -> bool:
    transfer = apps.get_model("records", "RecordTransfer")
    return bool(transfer._base_manager.filter(pk=transfer_id, kind=transfer.Kind.PROTECTION).exists())


def _safeguarding_export(obj: Any) -> bool:
    """An export log row for a child protection transfer or a share made without consent."""
    transfer = apps.get_model("records", "RecordTransfer")
    if transfer._base_manager.filter(export_id=obj.pk, kind=transfer.Kind.PROTECTION).exists():
        return True
    if obj.child_id is None or not obj.what.startswith("Share pack for"):
        return False
    share = apps.get_model("agencies", "Share")
    return bool(
        share._base_manager.filter(
            child_id=obj.child_id, basis=share.Basis.WITHOUT_CONSENT, purpose=obj.purpose
        ).exists()
    )


def flag_of(label: str, obj: Any, scope: str, subject: Any) -> str | None:
    """Why the row must be reviewed before release, or None.

    Safeguarding first: a share made without consent (the DSL's decision; the family may not have
    been told), with its items, openings and the visits it was shown in, and a transfer of the
    child protection records with its openings, are never released unreviewed."""
    if label == "agencies.Share" and obj.basis == obj.Basis.WITHOUT_CONSENT:
        return SAFEGUARDING
    if label in ("agencies.ShareItem", "agencies.ShareOpening", "agencies.Visit") and _without_consent(obj.share_id):
        return SAFEGUARDING
    if label == "records.RecordTransfer" and obj.kind == obj.Kind.PROTECTION:
        return SAFEGUARDING
    if label == "records.TransferOpening" and _protection(obj.transfer_id):
        return SAFEGUARDING
    if label == "core.ExportRecord" and _safeguarding_export(obj):
        return SAFEGUARDING
    if label == "agencies.ReceivedItem":
        return SAFEGUARDING if obj.safeguarding else THIRD_PARTY
    if label == "agencies.ReceivedConsent":
        return THIRD_PARTY
    if label == "agencies.ShareItem" and getattr(obj, "received_item_id", None):
        return THIRD_PARTY
    if label in ("agencies.ProtectionPlan", "agencies.ProtectionTask", "agencies.SharingDecision"):
        return SAFEGUARDING
    if label == "complaints.Allegation":
        return SAFEGUARDING
    if label in ("agencies.Referral", "agencies.AgencyMeeting") and obj.safeguarding:
        return SAFEGUARDING
    if label == "agencies.AgencyAction" and obj.meeting.safeguarding:
        return SAFEGUARDING
    others = scope == CHILD and label in ("journal.Observation", "journal.Media")
    if others and any(c.pk != subject.pk for c in obj.children.all()):
        return OTHER_PEOPLE
    return None


def _files(label: str, obj: Any, flag: str | None) -> list[tuple[str, str]]:
    """Photos' display copies for the ZIP: only of media picturing no other child, and the child's photo."""
    if label == "journal.Media" and flag is None and obj.display and obj.state == "ready":
        ext = os.path.splitext(obj.display.name)[1] or ".jpg"
        return [(obj.display.name, f"photos/media-{obj.pk}{ext}")]
    if label == "people.Child" and obj.photo:
        ext = os.path.splitext(obj.photo.name)[1] or ".jpg"
        return [(obj.photo.name, f"photos/child-{obj.pk}{ext}")]
    return []


def _section(label: str, queryset: QuerySet[Any], scope: str, subject: Any, children: set[Any]) -> Section:
    model = queryset.model
    many = _m2m(model)
    if many:
        queryset = queryset.prefetch_related(*[m.name for m in many]).distinct()
    objs = list(queryset.order_by("pk"))
    datas = serialise(model, objs, children)
    rows = []
    for obj, data in zip(objs, datas, strict=True):
        flag = flag_of(label, obj, scope, subject)
        others = [c for c in obj.children.all() if c.pk != subject.pk] if flag == OTHER_PEOPLE else []
        rows.append(Row(label, obj.pk, str(obj)[:250], data, flag, others, _files(label, obj, flag)))
    return Section(label, title_of(model), rows)


# --- the walks ---------------------------------------------------------------------------------------


def family_users(child: Child) -> QuerySet[Any]:
    """The users of the child's adults (none who may not have contact or be given information)."""
    return ChildAdult._base_manager.filter(
        child=child, adult__user__isnull=False, no_contact=False, no_information=False
    ).values("adult__user")


def own_children(adult: Adult) -> set[Any]:
    """The children an adult's own data may name: their own."""
    return set(ChildAdult._base_manager.filter(adult=adult).values_list("child_id", flat=True))


def child_querysets(child: Child) -> dict[str, QuerySet[Any]]:
    """Each declared model's rows about the child, unevaluated."""
    first = level_one()
    second = level_two(first)
    by_label: dict[str, QuerySet[Any]] = {}
    for model in first:
        q = Q()
        for f in relations_to(model, Child):
            q |= Q(**{f.name: child})
        by_label[model._meta.label] = model._base_manager.filter(q)
    for model, links in second.items():
        q = Q()
        for f in links:
            parent = by_label[f.related_model._meta.label]  # type: ignore[union-attr]
            q |= Q(**{f"{f.name}__in": parent.values("pk")})
        by_label[model._meta.label] = model._base_manager.filter(q)
    family = family_users(child)
    for label, name in PER_RECIPIENT.items():
        by_label[label] = by_label[label].filter(**{f"{name}__in": family})
    by_label["people.Child"] = Child._base_manager.filter(pk=child.pk)
    by_label["people.HistoricalChild"] = apps.get_model("people", "HistoricalChild")._base_manager.filter(id=child.pk)
    return by_label


def adult_querysets(adult: Adult) -> dict[str, QuerySet[Any]]:
    """Each declared model's rows about the adult, unevaluated."""
    user = user_model()
    by_label: dict[str, QuerySet[Any]] = {}
    for model in apps.get_models():
        q = Q(pk__in=[])
        for f in relations_to(model, Adult):
            q |= Q(**{f.name: adult})
        if adult.user_id is not None:
            for f in relations_to(model, user):
                q |= Q(**{f.name: adult.user_id})
        by_label[model._meta.label] = model._base_manager.filter(q)
    historical = apps.get_model("people", "HistoricalAdult")
    q = Q(id=adult.pk)
    if adult.user_id is not None:
        for f in relations_to(historical, user):
            q |= Q(**{f.name: adult.user_id})
    by_label["people.HistoricalAdult"] = historical._base_manager.filter(q)
    by_label["people.Adult"] = Adult._base_manager.filter(pk=adult.pk)
    by_label[user._meta.label] = user._base_manager.filter(pk=adult.user_id or 0)
    return by_label


def _walk(
    declared: tuple[str, ...], querysets: dict[str, QuerySet[Any]], scope: str, subject: Any, children: set[Any]
) -> list[Section]:
    sections = []
    for label in declared:
        if label not in querysets:
            raise LookupError(f"{label} is declared but no longer holds anything about a {scope}: update holdings.py")
        section = _section(label, querysets[label], scope, subject, children)
        if section.rows:
            sections.append(section)
    return sections


def walk_child(child: Child) -> list[Section]:
    """Every section of what is held about the child (non-empty ones), rows filtered to this child."""
    return _walk(CHILD_MODELS, child_querysets(child), CHILD, child, {child.pk})


def walk_adult(adult: Adult) -> list[Section]:
    """Every section of what is held about the adult themselves."""
    return _walk(ADULT_MODELS, adult_querysets(adult), SELF, adult, own_children(adult))


def redact(value: Any, names: list[str]) -> Any:
    """``value`` with the other children's names replaced, in every string it holds."""
    if not names:
        return value
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [redact(v, names) for v in value]
    if isinstance(value, dict):
        return {k: redact(v, names) for k, v in value.items()}
    return value


def names_of(children: list[Child]) -> list[str]:
    found: set[str] = set()
    for c in children:
        for name in (c.first_name, c.preferred_name, c.last_name, c.display_name, f"{c.first_name} {c.last_name}"):
            if name and len(name.strip()) > 1:
                found.add(name.strip())
    return sorted(found)
