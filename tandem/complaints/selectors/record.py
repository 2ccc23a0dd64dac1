"""Reading the Ofsted complaints record, reviews of practice, exports and a complaint's full
documentation (R63, R60). Filtered in the database through the access layer.

The record is **summative**: one line a complaint with its reference, when it was received, the
track, whether a concern or a complaint, the area of the EYFS requirements and its nature in brief,
the action taken (the kinds of step, never their text), who investigated, the days it took, the
outcome and whether it was upheld. No child's name and no complainant's name appear in it. A
complaint passed to the allegations procedure is listed only as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from tandem.core.access import can, permitted, require
from tandem.core.models import OrganisationMembership, Setting, SettingMembership, User
from tandem.core.roles import OrganisationRole, SettingRole

from ..actions.complaints import COMPLAINT_INTERNAL
from ..actions.record import DOCUMENTATION, RECORD_CLASSIFY, RECORD_LINE, RECORD_VIEW, REVIEW_MANAGE
from ..deadlines import RULES
from ..deadlines import state as deadline_state
from ..models import Complaint, ComplaintStep, Deadline, PracticeReview, RecordEntry, RecordExport
from ..models.complaints import RETENTION_YEARS

REFERRED = "Referred under the allegations procedure"
TRACKS: dict[str, str] = {Complaint.Track.PARENT: "Parent or carer", Complaint.Track.AGENCY: "Another service"}
KINDS: dict[str, str] = {Complaint.Kind.CONCERN: "Concern", Complaint.Kind.COMPLAINT: "Complaint"}
UPHELD: dict[str, str] = {
    Complaint.Outcome.UPHELD: "Yes",
    Complaint.Outcome.PARTLY_UPHELD: "Partly",
    Complaint.Outcome.NOT_UPHELD: "No",
}
# Steps that are what was done about the complaint (not its bookkeeping), in the record's words.
ACTION_STEPS = (
    ComplaintStep.Kind.LISTENED,
    ComplaintStep.Kind.EXPLAINED,
    ComplaintStep.Kind.APOLOGISED,
    ComplaintStep.Kind.ACKNOWLEDGED,
    ComplaintStep.Kind.INVESTIGATION,
    ComplaintStep.Kind.MEETING,
    ComplaintStep.Kind.FEEDBACK,
    ComplaintStep.Kind.ESCALATED,
    ComplaintStep.Kind.APPEALED,
    ComplaintStep.Kind.OFSTED,
)
ROLE_TITLES = {**dict(SettingRole.choices), **dict(OrganisationRole.choices)}
# A PDF is a snapshot: it may be downloaded for a week, then asked for again.
EXPORT_KEPT = dt.timedelta(days=7)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last three years, to today: what the record must keep."""
    today = today or timezone.localdate()
    return years_before(today, RETENTION_YEARS), today


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- the record's lines ---------------------------------------------------------------------------
@dataclass
class Line:
    complaint: Complaint
    reference: str
    received: dt.date
    track: str
    kind: str
    referred: bool  # passed to the allegations procedure: nothing more is shown
    area: str
    nature: str
    action_taken: str
    investigated_by: str
    days: int | None  # to the outcome; None while open
    days_so_far: int
    outcome: str
    upheld: str
    review: str

    def cells(self) -> list[str]:
        """The line as the CSV's cells, in the order of :data:`HEADERS`."""
        timescale = f"{self.days}" if self.days is not None else f"Open ({self.days_so_far} days so far)"
        if self.referred:
            timescale = ""
        return [
            self.reference,
            self.received.strftime("%d/%m/%Y"),
            self.track,
            self.kind,
            self.area,
            self.nature,
            self.action_taken,
            self.investigated_by,
            timescale,
            self.outcome,
            self.upheld,
            self.review,
        ]


HEADERS = [
    "Reference",
    "Date received",
    "Track",
    "Concern or complaint",
    "Area of the EYFS requirements",
    "Nature in brief",
    "Action taken",
    "Investigated by",
    "Days to outcome",
    "Outcome",
    "Upheld",
    "Review of practice",
]


def record_complaints(*, actor: User, setting: Setting, date_from: dt.date, date_to: dt.date) -> QuerySet[Complaint]:
    """The complaints of the record: the setting's, received in the period, that the actor may see a
    line of (never one about them). Newest first, with what the lines need in a fixed number of queries."""
    require(actor, RECORD_VIEW, setting)
    steps = ComplaintStep.objects.filter(kind__in=[*ACTION_STEPS, ComplaintStep.Kind.OUTCOME]).select_related("by")
    rows = permitted(actor, RECORD_LINE, Complaint.objects.filter(setting=setting)).filter(
        received_at__gte=_day_start(date_from)
    )
    if date_to < dt.date.max:  # the last day of the calendar has no day after it
        rows = rows.filter(received_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return (
        rows.select_related("record_entry", "practice_review", "report__written_by", "handler")
        .prefetch_related(Prefetch("steps", queryset=steps.order_by("at", "pk"), to_attr="record_steps"))
        .order_by("-received_at", "-pk")
    )


def _roles(setting: Setting, user_ids: Iterable[int]) -> dict[int, str]:
    """Each person's role title in the setting, else in its organisation. Two queries."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    titles: dict[int, str] = {}
    for uid, role in OrganisationMembership.objects.filter(
        organisation_id=setting.organisation_id, user_id__in=ids, active=True
    ).values_list("user_id", "role"):
        titles[uid] = ROLE_TITLES.get(role, "")
    for uid, role in SettingMembership.objects.filter(setting=setting, user_id__in=ids, active=True).values_list(
        "user_id", "role"
    ):
        titles[uid] = ROLE_TITLES.get(role, "")
    return titles


def _investigator(complaint: Complaint) -> User | None:
    report = getattr(complaint, "report", None)
    if report is not None and report.written_by is not None:
        return report.written_by
    steps: list[ComplaintStep] = getattr(complaint, "record_steps", [])
    for kinds in ((ComplaintStep.Kind.INVESTIGATION,), (ComplaintStep.Kind.OUTCOME, ComplaintStep.Kind.FEEDBACK)):
        for step in reversed(steps):
            if step.kind in kinds and step.by is not None:
                return step.by
    return complaint.handler


def _days(start: dt.datetime, end: dt.datetime) -> int:
    return (timezone.localtime(end).date() - timezone.localtime(start).date()).days


def _track(c: Complaint) -> str:
    """The track; for another service, which one (an organisation, not a person)."""
    track = TRACKS.get(c.track, "")
    if c.track == Complaint.Track.AGENCY and c.complainant_organisation:
        return f"{track}: {c.complainant_organisation}"
    return track


def _referred(c: Complaint) -> Line:
    """A complaint passed to the allegations procedure: its reference, date and track only."""
    received = timezone.localtime(c.received_at).date()
    return Line(
        complaint=c,
        reference=c.reference,
        received=received,
        track=TRACKS.get(c.track, ""),
        kind="",
        referred=True,
        area="",
        nature="",
        action_taken="",
        investigated_by="",
        days=None,
        days_so_far=0,
        outcome=REFERRED,
        upheld="",
        review="",
    )


def lines(complaints: Iterable[Complaint], setting: Setting) -> list[Line]:
    """The record's lines of these complaints (from :func:`record_complaints`). Two more queries."""
    complaints = list(complaints)
    investigators = {c.pk: _investigator(c) for c in complaints}
    roles = _roles(setting, [u.pk for u in investigators.values() if u is not None])
    now = timezone.now()
    made = []
    for c in complaints:
        referred = c.stage == Complaint.Stage.ALLEGATION
        entry: RecordEntry | None = getattr(c, "record_entry", None)
        review: PracticeReview | None = getattr(c, "practice_review", None)
        who = investigators[c.pk]
        if referred:
            made.append(_referred(c))
            continue
        kinds: list[str] = []
        for step in getattr(c, "record_steps", []):
            label = ComplaintStep.Kind(step.kind).label
            if step.kind in ACTION_STEPS and label not in kinds:
                kinds.append(label)
        outcome = (c.get_outcome_display() or "Closed") if c.closed_at else f"Open: {c.get_stage_display().lower()}"
        if review is None:
            review_text = ""
        elif review.completed_at:
            review_text = f"Completed {timezone.localtime(review.completed_at):%d/%m/%Y}"
        else:
            review_text = "Open"
        made.append(
            Line(
                complaint=c,
                reference=c.reference,
                received=timezone.localtime(c.received_at).date(),
                track=_track(c),
                kind=KINDS.get(c.kind, ""),
                referred=False,
                area=entry.get_area_display() if entry else "Not classified yet",
                nature=entry.nature if entry else "",
                action_taken="; ".join(kinds) or "None recorded yet",
                investigated_by=(
                    f"{who.get_full_name()}" + (f" ({roles[who.pk]})" if roles.get(who.pk) else "") if who else ""
                ),
                days=_days(c.received_at, c.closed_at) if c.closed_at else None,
                days_so_far=_days(c.received_at, now),
                outcome=outcome,
                upheld=UPHELD.get(c.outcome, "") if c.closed_at else "",
                review=review_text,
            )
        )
    return made


def iter_lines(complaints: QuerySet[Complaint], setting: Setting, chunk: int = 200) -> Iterator[Line]:
    """Every line, a chunk of complaints at a time (for the streamed CSV)."""
    batch: list[Complaint] = []
    for complaint in complaints.iterator(chunk_size=chunk):
        batch.append(complaint)
        if len(batch) == chunk:
            yield from lines(batch, setting)
            batch = []
    if batch:
        yield from lines(batch, setting)


def line_permissions(*, actor: User, complaints: Iterable[Complaint]) -> tuple[set[int], set[int]]:
    """(ids the actor may classify, ids the actor may export the documentation of). Two queries."""
    ids = [c.pk for c in complaints]
    if not ids:
        return set(), set()
    classify = set(permitted(actor, RECORD_CLASSIFY, Complaint.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    document = set(permitted(actor, DOCUMENTATION, Complaint.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return classify, document


def record_settings(*, actor: User) -> QuerySet[Setting]:
    """The settings whose record the actor may see."""
    return permitted(actor, RECORD_VIEW, Setting.objects.select_related("organisation")).order_by("name")


# --- reviews of practice --------------------------------------------------------------------------
def reviews(*, actor: User) -> QuerySet[PracticeReview]:
    """The reviews of practice the actor may write, open ones first, then the newest."""
    return (
        permitted(actor, REVIEW_MANAGE, PracticeReview.objects.all())
        .select_related("complaint", "complaint__setting", "completed_by")
        .order_by(F("completed_at").asc(nulls_first=True), "-opened_at", "-pk")
    )


# --- exports --------------------------------------------------------------------------------------
def current_export(
    *, actor: User, setting: Setting, kind: str, complaint: Complaint | None = None
) -> RecordExport | None:
    """The actor's newest PDF export of this kind (being made, ready or failed), or None."""
    return (
        RecordExport.objects.filter(setting=setting, kind=kind, complaint=complaint, requested_by=actor)
        .order_by("-requested_at", "-pk")
        .first()
    )


def export_of(*, actor: User, setting: Setting, export_id: int, kind: str) -> RecordExport | None:
    """One of the actor's own exports (only the person who asked may download it)."""
    return (
        RecordExport.objects.filter(setting=setting, kind=kind, requested_by=actor, pk=export_id)
        .select_related("complaint", "setting")
        .first()
    )


def is_expired(export: RecordExport) -> bool:
    return export.finished_at is None or timezone.now() - export.finished_at > EXPORT_KEPT


# --- a complaint's full documentation (R60) -------------------------------------------------------
@dataclass
class DeadlineRow:
    label: str
    starts_at: dt.datetime
    due_at: dt.datetime
    met_at: dt.datetime | None
    state: str


def documentation(*, actor: User, complaint: Complaint) -> dict[str, Any]:
    """Everything recorded about the complaint, for its documentation PDF. The confidential report
    only for those who may see it; the review of practice's text only for its owners."""
    require(actor, DOCUMENTATION, complaint)
    complaint = (
        Complaint.objects.select_related("setting", "child", "raised_by", "recorded_by", "about_staff", "handler")
        .select_related("record_entry", "report__written_by", "practice_review__completed_by")
        .get(pk=complaint.pk)
    )
    steps = list(ComplaintStep.objects.filter(complaint=complaint).select_related("by").order_by("at", "pk"))
    now = timezone.now()
    deadlines = []
    for d in Deadline.objects.filter(complaint=complaint).order_by("due_at", "pk"):
        rule = RULES.get(d.rule)
        if d.cancelled_at and not d.met_at:
            state = "no longer applied (stage left)"
        else:
            state = deadline_state(due=d.due_at, met=d.met_at, now=now, remind_days=rule.remind_days if rule else 0)
        deadlines.append(DeadlineRow(rule.label if rule else d.rule, d.starts_at, d.due_at, d.met_at, state))
    report = getattr(complaint, "report", None)
    review = getattr(complaint, "practice_review", None)
    return {
        "complaint": complaint,
        "setting": complaint.setting,
        "entry": getattr(complaint, "record_entry", None),
        "steps": steps,
        "deadlines": deadlines,
        "report": report if report is not None and can(actor, COMPLAINT_INTERNAL, complaint) else None,
        "report_withheld": report is not None and not can(actor, COMPLAINT_INTERNAL, complaint),
        "review": review,
        "review_text": review is not None and can(actor, REVIEW_MANAGE, review),
        "referred": complaint.stage == Complaint.Stage.ALLEGATION,
    }


# --- retention ------------------------------------------------------------------------------------
def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Complaints closed before this moment may be deleted."""
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def expired_complaints(*, setting: Setting, cutoff: dt.datetime | None = None) -> QuerySet[Complaint]:
    """The setting's complaints whose retention has ended; never one passed to the allegations
    procedure (its record is kept under that procedure)."""
    return (
        Complaint.objects.filter(setting=setting, closed_at__lt=cutoff or retention_cutoff())
        .filter(allegation__isnull=True)
        .exclude(stage=Complaint.Stage.ALLEGATION)
    )
