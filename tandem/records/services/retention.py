"""Every write of retention and archiving (R67): the schedule, archiving and unarchiving a leaver, and
destroying a type of record past its period, which leaves a line in the destruction log.

Destruction deletes the rows (and, once the transaction has committed, their stored files) in one
transaction, with the history rows (django-simple-history) of every row it deletes, cascades
included: a destroyed record leaves no copy of itself behind. The child's row is locked and the
checks re-run inside the transaction, so two destroys (or two archives) at once do only one.

Destroying the children's records deletes the Child itself: everything that cascades from it, its
history rows, the observations and photos left with no child, and the family adults linked to no
other child (an adult named in an access request, a complaint or another kept record stays, and the
log says how many were kept).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone

from tandem.complaints.models.complaints import RetentionError
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..actions.retention import ARCHIVE, ARCHIVE_LIST, DESTROY, SCHEDULE, UNARCHIVE
from ..models import Archive, DestructionLog, RecordType, RetentionRule
from ..retention import MINIMUMS, ONLY_WHERE, RECORD_TYPES, retained_until

DATE = "%d/%m/%Y"
HISTORY = "Earlier versions (history)"


# --- the schedule -------------------------------------------------------------------------------


def save_rule(*, actor: User, setting: Setting, record_type: str, years: int, policy_note: str = "") -> RetentionRule:
    """The setting's period for one type of record: never less than the minimum."""
    require(actor, SCHEDULE, setting)
    minimum = MINIMUMS.get(record_type)
    if minimum is None:
        raise ValidationError("There is no such type of record.")
    if years < minimum.years:
        raise ValidationError(
            {
                "years": f"{minimum.label} must be kept at least {minimum.describe()}: "
                f"enter {minimum.years} years or more."
            }
        )
    with transaction.atomic():
        rule, _ = RetentionRule.objects.update_or_create(
            setting=setting,
            record_type=record_type,
            defaults={"years": years, "policy_note": policy_note, "updated_by": actor, "updated_at": timezone.now()},
        )
        audit.record("records.retention.rule_saved", actor, obj=rule, setting_id=setting.pk)
    return rule


def rules_of(setting: Setting) -> dict[str, int]:
    return dict(RetentionRule.objects.filter(setting=setting).values_list("record_type", "years"))


# --- archiving ----------------------------------------------------------------------------------


def _has_left(child: Child, today: dt.date) -> bool:
    return child.leaving_date is not None and child.leaving_date <= today


def _locked(child: Child) -> Child:
    """The child's row, fresh and locked until the transaction ends (call inside one)."""
    found = Child.objects.select_for_update().filter(pk=child.pk).first()
    if found is None:
        raise ValidationError("This child's record has already been destroyed.")
    return found


def _is_archived(child: Child) -> bool:
    return Archive.objects.filter(child_id=child.pk).exists()


def archive(*, actor: User, child: Child, note: str = "") -> Archive:
    """Archive a child who has left: their record becomes read-only."""
    require(actor, ARCHIVE, child)
    already = f"{child.display_name}'s record is already archived."
    with transaction.atomic():
        child = _locked(child)
        if not _has_left(child, timezone.localdate()):
            raise ValidationError(
                f"{child.display_name} has not left yet: a record is archived only from the child's leaving date."
            )
        if _is_archived(child):
            raise ValidationError(already)
        try:
            with transaction.atomic():
                row = Archive.objects.create(child=child, setting_id=child.setting_id, archived_by=actor, note=note)
        except IntegrityError as error:  # archived at the same moment by someone else
            raise ValidationError(already) from error
        audit.record("records.retention.archived", actor, child_ids=[child.pk], obj=row, setting_id=child.setting_id)
    return row


def archive_leavers(*, actor: User | None, setting: Setting | None = None) -> int:
    """Archive every child who has left and is not archived yet (in one setting, or all when run by the
    daily command with no actor). Returns how many were archived."""
    if actor is not None:
        if setting is None:
            raise ValueError("A person archives the leavers of one setting")
        require(actor, ARCHIVE_LIST, setting)
    today = timezone.localdate()
    leavers = Child.objects.filter(leaving_date__lte=today, archive__isnull=True)
    if setting is not None:
        leavers = leavers.filter(setting=setting)
    with transaction.atomic():
        chosen = list(leavers.select_for_update(of=("self",)).values_list("pk", "setting_id"))
        rows = Archive.objects.bulk_create(
            [
                Archive(child_id=pk, setting_id=setting_id, archived_by=actor, note="Archived with everyone who left.")
                for pk, setting_id in chosen
            ]
        )
        for (pk, setting_id), row in zip(chosen, rows, strict=True):
            audit.record("records.retention.archived", actor, child_ids=[pk], obj=row, setting_id=setting_id)
    return len(chosen)


def unarchive(*, actor: User, child: Child, reason: str) -> Child:
    """Undo an archive made by mistake. The reason is required (it is not kept in the audit trail,
    which holds ids only, but the manager must think about it)."""
    require(actor, UNARCHIVE, child)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the archive is being undone."})
    with transaction.atomic():
        row = Archive.objects.filter(child=child).first()
        if row is None:
            raise ValidationError(f"{child.display_name}'s record is not archived.")
        audit.record("records.retention.unarchived", actor, child_ids=[child.pk], obj=row, setting_id=child.setting_id)
        row.delete()
    return child


# --- destruction --------------------------------------------------------------------------------


def rows_of(child: Child, record_type: str) -> list[models.QuerySet[Any]]:
    """The child's rows of one type of record (the Child itself for children's records)."""
    if record_type == RecordType.CHILD:
        return [Child.objects.filter(pk=child.pk)]
    found = []
    for label, code in RECORD_TYPES.items():
        if code != record_type:
            continue
        qs = apps.get_model(label)._default_manager.filter(child_id=child.pk)
        if label in ONLY_WHERE:
            qs = qs.filter(ONLY_WHERE[label])
        found.append(qs)
    return found


def _kind(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural).capitalize()


def collect(child: Child, record_type: str) -> tuple[Collector, dict[str, int]]:
    """What destroying would delete, by kind (cascades included). Raises ValidationError when another
    record that must be kept points at it."""
    collector = Collector(using=router.db_for_write(Child), origin=child)
    try:
        for qs in rows_of(child, record_type):
            collector.collect(qs)  # type: ignore[arg-type]
    except (ProtectedError, RestrictedError) as error:
        blocking = sorted({_kind(type(obj)) for obj in error.args[1]})
        raise ValidationError(
            f"Other records that must be kept still refer to these ({', '.join(blocking)}): "
            "destroy those first, when their own period is over."
        ) from error
    counts: Counter[str] = Counter()
    for qs in collector.fast_deletes:
        n = qs.count()
        if n:
            counts[_kind(qs.model)] += n
    for model, instances in collector.data.items():
        if instances:
            counts[_kind(model)] += len(instances)
    return collector, dict(sorted(counts.items()))


def _files(collector: Collector) -> list[str]:
    names: list[str] = []
    for model, instances in collector.data.items():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for obj in instances:
            names += [str(getattr(obj, f.attname)) for f in fields if getattr(obj, f.attname)]
    for qs in collector.fast_deletes:
        columns: list[str] = [f.attname for f in qs.model._meta.concrete_fields if isinstance(f, models.FileField)]
        if columns:
            for row in qs.values_list(*columns):
                names += [str(name) for name in row if name]
    return names


def child_ref(child: Child) -> str:
    """A reference with no name: initials, year of birth, leaving date."""
    initials = f"{child.first_name[:1]}{child.last_name[:1]}".upper()
    left = child.leaving_date.strftime(DATE) if child.leaving_date else "not left"
    return f"{initials}, born {child.date_of_birth.year}, left {left}"


def held_types(child: Child) -> set[str]:
    """The types of record (other than the children's records) the child has rows of."""
    return {code for code in MINIMUMS if code != RecordType.CHILD and any(qs.exists() for qs in rows_of(child, code))}


def check_destroyable(child: Child, record_type: str, rules: dict[str, int]) -> dt.date:
    """The date the records were kept until; ValidationError when they may not be destroyed yet."""
    if record_type not in MINIMUMS:
        raise ValidationError("There is no such type of record.")
    if not _is_archived(child):
        raise ValidationError(f"{child.display_name}'s record is not archived: archive it before destroying anything.")
    label = MINIMUMS[record_type].label
    until = retained_until(child, record_type, rules)
    today = timezone.localdate()
    if until is None:
        raise ValidationError(f"{label} must be kept: a complaint about {child.display_name} is still open.")
    if until >= today:
        raise ValidationError(f"{label} must be kept until {until.strftime(DATE)}.")
    if record_type == RecordType.CHILD:
        for code in sorted(held_types(child)):
            other = retained_until(child, code, rules)
            if other is None or other >= today:
                kept = f"until {other.strftime(DATE)}" if other else "while a complaint is open"
                raise ValidationError(
                    f"The children's records cannot go while {MINIMUMS[code].label.lower()} must be kept {kept}: "
                    "destroy those first, when their period is over."
                )
    return until


def destroy(*, actor: User, child: Child, record_type: str, reason: str) -> DestructionLog:
    """Destroy one type of an archived child's records, past its period, and log it."""
    require(actor, DESTROY, child)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for destroying these records."})
    rules = rules_of(child.setting)
    with transaction.atomic():
        # Locked and checked again here: a second destroy at the same time waits, then finds nothing.
        child = _locked(child)
        until = check_destroyable(child, record_type, rules)
        ref, child_pk, setting_id = child_ref(child), child.pk, child.setting_id
        if record_type == RecordType.CHILD:
            counts, files = _destroy_child(child)
        else:
            collector, counts = collect(child, record_type)
            if not counts:
                raise ValidationError(
                    f"{child.display_name} has no {MINIMUMS[record_type].label.lower()} left to destroy."
                )
            files, pks = _files(collector), _pks(collector)
            try:
                for qs in rows_of(child, record_type):
                    qs.delete()
            except RetentionError as error:
                raise ValidationError(str(error)) from error
            history = _delete_history_of(pks) + _delete_type_history(child_pk, record_type)
            counts = _with_history(counts, history)
        log = DestructionLog.objects.create(
            setting_id=setting_id,
            record_type=record_type,
            child_ref=ref,
            child_id_was=child_pk,
            retained_until=until,
            counts=counts,
            reason=reason.strip(),
            decided_by=actor,
        )
        audit.record("records.retention.destroyed", actor, child_ids=[child_pk], obj=log, setting_id=setting_id)
        transaction.on_commit(lambda: _delete_files(files))
    return log


def _destroy_child(child: Child) -> tuple[dict[str, int], list[str]]:
    from tandem.journal.models import Media, Observation

    observation_ids = list(Observation.objects.filter(links__child=child).values_list("pk", flat=True))
    media_ids = list(Media.objects.filter(children=child).values_list("pk", flat=True))
    adult_ids = list(Adult.objects.filter(links__child=child).values_list("pk", flat=True))
    collector, counts = collect(child, RecordType.CHILD)
    files, pks = _files(collector), _pks(collector)
    if child.photo:
        files.append(child.photo.name)
    Child.objects.filter(pk=child.pk).delete()
    history = _delete_history(child.pk) + _delete_history_of(pks)
    tally: Counter[str] = Counter(counts)
    # Observations and photos that were only about this child.
    orphan_ids = list(
        Observation.objects.filter(pk__in=observation_ids, links__isnull=True).values_list("pk", flat=True)
    )
    orphan_media = Media.objects.filter(observation_id__in=orphan_ids) | Media.objects.filter(
        pk__in=media_ids, children__isnull=True, board__isnull=True
    )
    media = list(orphan_media.distinct())
    for item in media:
        files += [f.name for f in (item.original, item.display, item.thumbnail) if f]
    orphans = Collector(using=router.db_for_write(Observation))
    orphans.collect(media)
    orphans.collect(Observation.objects.filter(pk__in=orphan_ids))  # type: ignore[arg-type]
    pks = _pks(orphans)
    Media.objects.filter(pk__in=[m.pk for m in media]).delete()
    Observation.objects.filter(pk__in=orphan_ids).delete()
    history += _delete_history_of(pks)
    if orphan_ids:
        tally["Observations only about this child"] += len(orphan_ids)
    if media:
        tally["Photos and videos only of this child"] += len(media)
    # Family adults linked to no other child, unless another kept record names them.
    deleted, kept = 0, 0
    for adult in Adult.objects.filter(pk__in=adult_ids, links__isnull=True):
        try:
            with transaction.atomic():
                one = Collector(using=router.db_for_write(Adult), origin=adult)
                one.collect([adult])
                pks = _pks(one)
                one.delete()
                history += _delete_history_of(pks)
                deleted += 1
        except (ProtectedError, RestrictedError):
            kept += 1
    if deleted:
        tally["Family adults"] += deleted
    if kept:
        tally["Family adults kept (named in a record that must be kept)"] += kept
    return _with_history(dict(sorted(tally.items())), history), files


def _pks(collector: Collector) -> dict[type[models.Model], set[Any]]:
    """The primary keys of every row the collector will delete, by model (read before deleting)."""
    found: dict[type[models.Model], set[Any]] = defaultdict(set)
    for model, instances in collector.data.items():
        found[model].update(obj.pk for obj in instances)
    for qs in collector.fast_deletes:
        found[qs.model].update(qs.values_list("pk", flat=True))
    return found


def _history_model(model: type[models.Model]) -> type[models.Model] | None:
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def _delete_history_of(pks: dict[type[models.Model], set[Any]]) -> int:
    """Delete the history rows of the given (already deleted) rows; how many went."""
    n = 0
    for model, ids in pks.items():
        historical = _history_model(model)
        if historical is not None and ids:
            lookup = f"{model._meta.pk.attname}__in"
            n += historical._default_manager.filter(**{lookup: list(ids)}).delete()[0]
    return n


def _delete_type_history(child_pk: int, record_type: str) -> int:
    """The history of the child's rows of the type deleted before now (their row is gone, their
    history stays): the rows still there are left alone."""
    n = 0
    for label, code in RECORD_TYPES.items():
        model = apps.get_model(label)
        historical = _history_model(model)
        if code != record_type or historical is None:
            continue
        rows = historical._default_manager.filter(child_id=child_pk)
        if label in ONLY_WHERE:
            rows = rows.filter(ONLY_WHERE[label])
        live = model._default_manager.filter(child_id=child_pk).values("pk")
        n += rows.exclude(**{f"{model._meta.pk.attname}__in": live}).delete()[0]
    return n


def _with_history(counts: dict[str, int], history: int) -> dict[str, int]:
    return dict(sorted({**counts, HISTORY: history}.items())) if history else counts


def _delete_history(child_pk: int) -> int:
    """The history rows (simple_history) of the child and of everything about them; how many went."""
    n = 0
    for model in apps.get_models():
        if not model.__name__.startswith("Historical"):
            continue
        names = {f.name for f in model._meta.fields}
        if model._meta.label == "people.HistoricalChild":
            n += model._default_manager.filter(id=child_pk).delete()[0]
        elif "child" in names:
            n += model._default_manager.filter(child_id=child_pk).delete()[0]
    return n


def _delete_files(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)
