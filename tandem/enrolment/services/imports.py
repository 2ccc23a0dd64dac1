"""Bringing families in from a CSV file: check every row, show a preview, then write all or nothing.

One row is one link between a child and an adult. A child on several rows (same names and date
of birth) is one child with several adults; an adult on several rows (same email address) is one
adult linked to several children (siblings).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.core.roles import SettingRole
from tandem.people import services as people_services
from tandem.people.models import Adult, Child, Relationship

from ..actions.imports import IMPORT_FAMILIES
from ..models.imports import ImportBatch

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
REQUIRED_COLUMNS = ("child_first_name", "child_last_name", "child_date_of_birth", "adult_first_name", "adult_last_name")
OPTIONAL_COLUMNS = (
    "child_preferred_name",
    "room",
    "start_date",
    "key_person_email",
    "adult_email",
    "adult_phone",
    "relationship",
    "parental_responsibility",
    "lives_with_child",
    "emergency_contact_order",
    "preferred_language",
    "interpreter_needed",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


def _max_length(model: Any, name: str) -> int:
    return int(model._meta.get_field(name).max_length)


LIMITS: dict[str, int] = {
    "child_first_name": _max_length(Child, "first_name"),
    "child_last_name": _max_length(Child, "last_name"),
    "child_preferred_name": _max_length(Child, "preferred_name"),
    "adult_first_name": _max_length(Adult, "first_name"),
    "adult_last_name": _max_length(Adult, "last_name"),
    "adult_email": _max_length(Adult, "email"),
    "adult_phone": _max_length(Adult, "phone"),
    "preferred_language": _max_length(Adult, "preferred_language"),
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
RELATIONSHIPS = {
    **{code: code for code in Relationship.values},
    **{label.lower(): code for code, label in Relationship.choices},
    "mum": Relationship.BIRTH_PARENT,
    "dad": Relationship.BIRTH_PARENT,
    "mother": Relationship.BIRTH_PARENT,
    "father": Relationship.BIRTH_PARENT,
    "parent": Relationship.BIRTH_PARENT,
    "step-parent": Relationship.STEP_PARENT,
    "stepparent": Relationship.STEP_PARENT,
}


@dataclass
class RowError:
    row: int  # as a spreadsheet shows it: the header is row 1
    message: str


@dataclass
class PlannedChild:
    key: tuple[str, str, dt.date]
    fields: dict[str, Any]
    first_row: int
    links: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (adult key, link fields)


@dataclass
class Plan:
    children: dict[tuple[str, str, dt.date], PlannedChild] = field(default_factory=dict)
    adults: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.children)


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(
        ["Amelia", "Ashworth", "14/03/2023", "Sarah", "Ashworth", "Millie", "Caterpillars", "01/09/2025", "",
         "sarah.ashworth@example.com", "07700 900123", "Birth parent", "yes", "yes", "1", "English", "no"]
    )  # fmt: skip
    return out.getvalue()


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "This file is not UTF-8 text. In your spreadsheet, choose Save As, then 'CSV UTF-8'."
        ) from None


def read_limited(upload: Any) -> bytes:
    """The upload's bytes, refusing a file over the limit before reading it into memory."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError("The file is too large. Split it into files of under 2 MB.")
    return bytes(upload.read())


def read_upload(data: bytes) -> str:
    """The uploaded bytes as text, or a clear reason why not."""
    if len(data) > MAX_BYTES:
        raise ValidationError("The file is too large. Split it into files of under 2 MB.")
    if b"\x00" in data:
        raise ValidationError("This is not a CSV file. In your spreadsheet, choose Save As, then 'CSV UTF-8'.")
    return _decode(data)


def plan_import(*, setting: Setting, content: str) -> Plan:
    """Check every row against the setting, without writing anything."""
    plan = Plan()
    reader = csv.DictReader(io.StringIO(content))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        plan.errors.append(RowError(1, f"The first row must name the columns. Missing: {', '.join(missing)}."))
        return plan
    unknown = [h for h in headers if h and h not in COLUMNS]
    if unknown:
        plan.errors.append(RowError(1, f"Unknown columns: {', '.join(unknown)}. Use the template's column names."))
        return plan
    rooms = {r.name.lower(): r for r in setting.rooms.all()}
    key_persons = {
        u.email.lower(): u
        for u in User.objects.filter(
            setting_memberships__setting=setting,
            setting_memberships__active=True,
            setting_memberships__role__in=[r for r in SettingRole.values if r != SettingRole.VOLUNTEER],
        ).distinct()
    }
    existing_children = set(
        Child.objects.filter(setting=setting).values_list("first_name", "last_name", "date_of_birth")
    )
    existing_emails = {e.lower() for e in Adult.objects.filter(setting=setting).values_list("email", flat=True) if e}
    today = timezone.localdate()
    try:
        raw_rows = list(reader)
    except csv.Error as error:
        plan.errors.append(RowError(reader.line_num or 1, f"This file cannot be read as CSV ({error})."))
        return plan
    for index, raw in enumerate(raw_rows, start=2):
        plan.rows += 1
        if plan.rows > MAX_ROWS:
            plan.errors.append(RowError(index, f"A file may hold at most {MAX_ROWS} rows."))
            break
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue
        problems: list[str] = []
        for column in REQUIRED_COLUMNS:
            if not row.get(column):
                problems.append(f"{column} is empty")
        problems += [f"{column} is longer than {limit} characters" for column, limit in LIMITS.items()
                     if len(row.get(column, "")) > limit]  # fmt: skip
        dob = _date(row.get("child_date_of_birth", ""))
        if row.get("child_date_of_birth") and dob is None:
            problems.append("child_date_of_birth is not a date (use DD/MM/YYYY)")
        elif dob and not (today - dt.timedelta(days=7 * 365) <= dob <= today):
            problems.append("child_date_of_birth must be within the last 7 years")
        start = _date(row["start_date"]) if row.get("start_date") else None
        if row.get("start_date") and start is None:
            problems.append("start_date is not a date (use DD/MM/YYYY)")
        room = rooms.get(row.get("room", "").lower()) if row.get("room") else None
        if row.get("room") and room is None:
            problems.append(f"there is no room called '{row['room']}'")
        key_person = key_persons.get(row.get("key_person_email", "").lower()) if row.get("key_person_email") else None
        if row.get("key_person_email") and key_person is None:
            problems.append("key_person_email is not a member of staff here who can be a key person")
        email = row.get("adult_email", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append("adult_email is not an email address")
            if email in existing_emails:
                problems.append("an adult with this email is already in Tandem: link them on the child's page")
        relationship = RELATIONSHIPS.get(row.get("relationship", "").lower() or "other")
        if relationship is None:
            problems.append("relationship is not one Tandem knows (see the template)")
        flags = {}
        for column in ("parental_responsibility", "lives_with_child", "interpreter_needed"):
            value = row.get(column, "").lower()
            if value not in YES | NO:
                problems.append(f"{column} must be yes or no")
            flags[column] = value in YES
        order_text = row.get("emergency_contact_order", "")
        order = int(order_text) if order_text.isascii() and order_text.isdigit() and 1 <= int(order_text) <= 9 else None
        if order_text and order is None:
            problems.append("emergency_contact_order must be a number from 1 to 9, or empty")
        if problems or dob is None:
            plan.errors.append(RowError(index, "; ".join(problems) + "."))
            continue
        child_key = (row["child_first_name"], row["child_last_name"], dob)
        if child_key in existing_children:
            plan.errors.append(RowError(index, "This child is already in Tandem."))
            continue
        child_fields = {
            "first_name": row["child_first_name"],
            "last_name": row["child_last_name"],
            "preferred_name": row.get("child_preferred_name", ""),
            "date_of_birth": dob,
            "room": room,
            "start_date": start,
            "key_person": key_person,
        }
        planned = plan.children.get(child_key)
        if planned is None:
            planned = plan.children[child_key] = PlannedChild(child_key, child_fields, index)
        else:
            # a later row of the same child may leave its details empty, but may not contradict them
            clash = [k for k, v in child_fields.items() if v and planned.fields[k] and planned.fields[k] != v]
            if clash:
                plan.errors.append(
                    RowError(index, f"This child is on row {planned.first_row} with a different {', '.join(clash)}.")
                )
                continue
            planned.fields.update({k: v for k, v in child_fields.items() if v and not planned.fields[k]})
        adult_key = email or f"{row['adult_first_name'].lower()} {row['adult_last_name'].lower()} #{child_key}"
        adult_fields = {
            "first_name": row["adult_first_name"],
            "last_name": row["adult_last_name"],
            "email": email,
            "phone": row.get("adult_phone", ""),
            "preferred_language": row.get("preferred_language", ""),
            "interpreter_needed": flags["interpreter_needed"],
        }
        known = plan.adults.get(adult_key)
        if known is not None and (known["first_name"], known["last_name"]) != (
            adult_fields["first_name"],
            adult_fields["last_name"],
        ):
            plan.errors.append(RowError(index, "This email address is on another row with a different name."))
            continue
        plan.adults.setdefault(adult_key, adult_fields)
        if any(a == adult_key for a, _ in planned.links):
            plan.errors.append(RowError(index, "This adult is linked to this child twice."))
            continue
        planned.links.append(
            (
                adult_key,
                {
                    "relationship": relationship,
                    "parental_responsibility": flags["parental_responsibility"],
                    "lives_with_child": flags["lives_with_child"],
                    "emergency_contact": order is not None,
                    "emergency_priority": order,
                },
            )
        )
    if plan.rows == 0 and not plan.errors:
        plan.errors.append(RowError(2, "The file has no rows under the column names."))
    return plan


def upload(*, actor: User, setting: Setting, file_name: str, data: bytes) -> ImportBatch:
    require(actor, IMPORT_FAMILIES, setting)
    content = read_upload(data)
    try:
        for _ in csv.reader(io.StringIO(content)):
            pass
    except csv.Error:
        raise ValidationError("This file cannot be read as CSV. Save it again as 'CSV UTF-8'.") from None
    with transaction.atomic():
        # an earlier upload that was never imported keeps no copy of the families' data
        ImportBatch.objects.filter(setting=setting, imported_at__isnull=True).update(content="")
        batch = ImportBatch.objects.create(
            setting=setting, uploaded_by=actor, file_name=file_name[:200], content=content
        )
        audit.record("enrolment.import.uploaded", actor, obj=batch, setting_id=setting.pk)
    return batch


def run_import(*, actor: User, batch: ImportBatch, invite: bool) -> ImportBatch:
    """Write every child, adult and link, or nothing; then invite the new adults if asked."""
    require(actor, IMPORT_FAMILIES, batch.setting)
    created_adults: dict[str, Adult] = {}
    with transaction.atomic():
        # locked and checked again inside the transaction, so a double click imports once
        batch = ImportBatch.objects.select_for_update().select_related("setting").get(pk=batch.pk)
        if batch.imported_at:
            raise ValidationError("This file has already been imported.")
        plan = plan_import(setting=batch.setting, content=batch.content)
        if not plan.ok:
            raise ValidationError("The file has problems: fix them and upload it again.")
        child_ids = []
        for planned in plan.children.values():
            child = people_services.create_child(actor=actor, setting=batch.setting, **planned.fields)
            child_ids.append(child.pk)
            for adult_key, link_fields in planned.links:
                adult = created_adults.get(adult_key)
                link = people_services.add_adult_to_child(
                    actor=actor,
                    child=child,
                    adult=adult,
                    adult_fields=None if adult else plan.adults[adult_key],
                    **link_fields,
                )
                created_adults[adult_key] = link.adult
        batch.imported_at = timezone.now()
        batch.children_created = len(plan.children)
        batch.adults_created = len(created_adults)
        batch.content = ""  # the records now hold the data: do not keep a second copy
        batch.save(update_fields=["imported_at", "children_created", "adults_created", "content"])
        audit.record("enrolment.import.completed", actor, child_ids=child_ids, obj=batch, setting_id=batch.setting_id)
    if invite:
        sent = 0
        for adult in created_adults.values():
            if adult.email:
                try:
                    people_services.invite_adult(actor=actor, adult=adult)
                except ValidationError:
                    continue  # e.g. the address already signs in: the manager can link them by hand
                sent += 1
        batch.invitations_sent = sent
        batch.save(update_fields=["invitations_sent"])
    return batch
