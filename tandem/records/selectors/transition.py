"""Reads of children's transitions to school (R55), filtered by the access layer in the database.

:func:`report_sections` and the template ``records/transition/_report.html`` are also used by the
transfer of records (the report that goes to the school)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child, ChildAdult
from tandem.people.selectors import current

from ..actions.transition import TRANSITION_START, TRANSITION_VIEW
from ..models import ReportFeedback, Transition, TransitionMeeting, TransitionReport

# The prime areas of the EYFS each have a section; the four specific areas share one.
PRIME_SECTIONS = {"PSED": "personal_social", "CL": "communication", "PD": "physical"}


# --- the report's sections ------------------------------------------------------------------------


def section_label(name: str) -> str:
    label = str(getattr(TransitionReport._meta.get_field(name), "verbose_name", name))
    return label[:1].upper() + label[1:]


def report_sections(report: TransitionReport) -> list[tuple[str, str]]:
    """(label, text) for every section of the report that has something in it, the family's own words last."""
    names = [*TransitionReport.SECTIONS, "family_contribution"]
    found = []
    for name in names:
        text = (getattr(report, name) or "").strip()
        if text:
            found.append((section_label(name), text))
    return found


def stamp(report: TransitionReport) -> str:
    """What a staff edit form carries, to refuse an edit of a report that changed since it was opened."""
    return f"{report.version}-{int(report.updated_at.timestamp() * 1_000_000)}"


# --- school age -------------------------------------------------------------------------------------


def next_september(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return dt.date(today.year if today < dt.date(today.year, 9, 1) else today.year + 1, 9, 1)


def reception_births(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The dates of birth of children who start Reception next September: born from 1 September five
    years before it to 31 August a year later."""
    september = next_september(today)
    return dt.date(september.year - 5, 9, 1), dt.date(september.year - 4, 8, 31)


# --- lists --------------------------------------------------------------------------------------------


def transitions_for(actor: User, setting: Setting) -> QuerySet[Transition]:
    """The setting's transitions this person may see, with child, school and report: one query a page."""
    rows = Transition.objects.filter(setting=setting).select_related("child", "school", "teacher", "report")
    return permitted(actor, TRANSITION_VIEW, rows).order_by("starts_on", "child__last_name", "child__first_name", "pk")


def candidates_for(actor: User, setting: Setting, today: dt.date | None = None) -> QuerySet[Child]:
    """Children on roll who will be of school age next September or have a leaving date, and no
    transition yet: those this person may start a transition for."""
    born_from, born_to = reception_births(today)
    children = current(Child.objects.filter(setting=setting, transition__isnull=True)).filter(
        Q(date_of_birth__range=(born_from, born_to)) | Q(leaving_date__isnull=False)
    )
    return (
        permitted(actor, TRANSITION_START, children)
        .select_related("room")
        .order_by("date_of_birth", "last_name", "first_name", "pk")
    )


# --- one transition ------------------------------------------------------------------------------------


def schools_of(setting_id: int) -> QuerySet[Agency]:
    return Agency.objects.filter(setting_id=setting_id, category=Agency.Category.SCHOOL, active=True).order_by(
        "name", "pk"
    )


def teachers_of(setting_id: int) -> QuerySet[AgencyContact]:
    return (
        AgencyContact.objects.filter(agency__in=schools_of(setting_id), active=True)
        .select_related("agency")
        .order_by("agency__name", "name", "pk")
    )


def transition_of(child: Child) -> Transition | None:
    return Transition.objects.filter(child=child).select_related("school", "teacher", "report").first()


def report_of(transition: Transition) -> TransitionReport | None:
    return (
        TransitionReport.objects.filter(transition=transition)
        .select_related("agreed_by", "family_contribution_by", "updated_by")
        .prefetch_related(Prefetch("feedback", queryset=ReportFeedback.objects.select_related("adult")))
        .first()
    )


def meetings_of(transition: Transition, *, family: bool = False) -> QuerySet[TransitionMeeting]:
    rows = TransitionMeeting.objects.filter(transition=transition)
    return rows.filter(shared_with_family=True) if family else rows


def meeting_of(transition: Transition, meeting_id: int) -> TransitionMeeting | None:
    return meetings_of(transition).filter(pk=meeting_id).first()


def feedback_of(report: TransitionReport, feedback_id: int) -> ReportFeedback | None:
    return ReportFeedback.objects.filter(report=report, pk=feedback_id).first()


def family_adult(actor: User, child: Child) -> Adult | None:
    """The actor's own record as a parent with parental responsibility for the child, not restricted."""
    link = (
        ChildAdult.objects.filter(child=child, adult__user=actor, parental_responsibility=True, no_information=False)
        .select_related("adult")
        .first()
    )
    return link.adult if link else None


# --- a first draft from the journal ----------------------------------------------------------------------


def _lines(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def draft_from_journal(actor: User, child: Child) -> dict[str, str]:
    """A first draft of the report's sections from what this person may read: the latest summary shared
    with the family (its overview, each area's text, the family's views), the open next steps and the
    child's All About Me booklet."""
    from tandem.enrolment.selectors.aboutme import booklet_for
    from tandem.journal.actions.observations import JOURNAL_VIEW
    from tandem.journal.models import NextStep, Summary, SummaryArea
    from tandem.journal.selectors.nextsteps import open_steps

    draft: dict[str, str] = {}
    if can(actor, JOURNAL_VIEW, child):
        summary = (
            Summary.objects.filter(child=child, status=Summary.Status.SHARED)
            .prefetch_related(
                Prefetch("areas", queryset=SummaryArea.objects.select_related("area").order_by("area__order"))
            )
            .order_by("-period_end", "-pk")
            .first()
        )
        if summary is not None:
            specific = []
            for row in summary.areas.all():
                text = row.text.strip()
                if not text:
                    continue
                if row.area.code in PRIME_SECTIONS:
                    draft[PRIME_SECTIONS[row.area.code]] = text
                else:
                    specific.append(f"{row.area.name}: {text}")
            draft["specific_areas"] = "\n\n".join(specific)
            draft["learning_characteristics"] = summary.overview.strip()
            if summary.parents_views.strip():
                draft["support"] = f"What the family told us: {summary.parents_views.strip()}"
        steps = [f"- {step.text.strip()}" for step in open_steps(child=child) if isinstance(step, NextStep)]
        draft["next_steps"] = "\n".join(steps)
    booklet = booklet_for(actor=actor, child=child)
    if booklet is not None:
        draft["about_me"] = _lines(booklet.interests, booklet.likes, booklet.special_skills)
        draft["support"] = _lines(booklet.comfort, booklet.needs_and_worries, draft.get("support", ""))
    return {name: text for name, text in draft.items() if text}


def context_for_report(report: TransitionReport | None) -> dict[str, Any]:
    return {"report": report, "sections": report_sections(report) if report else []}
