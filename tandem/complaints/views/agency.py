"""Views of the agency track (R62, R53): thin — parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.agency import AGENCY_ACT, AGENCY_RECORD, AGENCY_VIEW
from ..actions.allegations import ALLEGATION_DIVERT
from ..actions.complaints import COMPLAINT_LIST
from ..forms.agency import AcknowledgeForm, AgencyComplaintForm, CloseForm, MeetingForm, MoveForm, ReportForm
from ..models import Complaint
from ..selectors import agency as selectors
from ..selectors.procedure import stage_title
from ..services import agency as services

Stage = Complaint.Stage


@action_required(COMPLAINT_LIST, Setting)
def complaints(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The setting's complaints from other services (those the person may open)."""
    page = paginate(request, selectors.agency_complaints(request.user, setting))
    context = {
        "setting": setting,
        "page": page,
        "query": query_without_page(request),
        "may_record": can(request.user, AGENCY_RECORD, setting),
    }
    return render(request, "complaints/agency/list.html", context)


@action_required(AGENCY_RECORD, Setting)
def record(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = AgencyComplaintForm(request.POST or None, request.FILES or None, setting=setting, user=request.user)
    complaint = submit(
        request,
        form,
        lambda data: services.record_complaint(
            actor=request.user,
            setting=setting,
            organisation=data["organisation"],
            name=data["name"],
            contact=data["contact"],
            received_on=data["received_on"],
            via=data["via"],
            summary=data["summary"],
            desired_outcome=data["desired_outcome"],
            about_staff=data["about_staff"],
            child=data["child"],
            letter=data["letter"] or None,
        ),
        "The complaint is recorded and its time limits are running.",
    )
    if complaint is not None:
        if can(request.user, AGENCY_VIEW, complaint):
            return redirect("complaints:agency_complaint", complaint.pk)
        return redirect("complaints:agency_complaints", setting.pk)
    status = 400 if form.is_bound else 200
    return render(request, "complaints/agency/record.html", {"setting": setting, "form": form}, status=status)


def _page(request: AuthedRequest, complaint: Complaint, status: int = 200, **bound: forms.Form) -> HttpResponse:
    user = request.user
    steps = selectors.steps_of(complaint)
    may_act = complaint.closed_at is None and can(user, AGENCY_ACT, complaint)
    stage = complaint.stage
    context = {
        "complaint": complaint,
        "setting": complaint.setting,
        "stage_title": stage_title(complaint.setting, stage) if stage in (Stage.LINE_MANAGER, Stage.APPEAL) else "",
        "steps": steps,
        "letters": selectors.letters_of(complaint),
        "limits": selectors.limits_of(complaint),
        "may_act": may_act,
        "may_divert": complaint.closed_at is None and can(user, ALLEGATION_DIVERT, complaint),
        "acknowledged": selectors.acknowledged_at_stage(steps, stage),
        "reported": selectors.reported_at_stage(steps, stage),
        "meeting_form": bound.get("meeting_form") or MeetingForm(),
        "report_form": bound.get("report_form") or ReportForm(),
        "move_form": bound.get("move_form") or MoveForm(),
        "close_form": bound.get("close_form") or CloseForm(),
    }
    return render(request, "complaints/agency/complaint.html", context, status=status)


@action_required(AGENCY_VIEW, Complaint)
def complaint(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    return _page(request, complaint)


@action_required(AGENCY_VIEW, Complaint)
def letter(request: AuthedRequest, complaint: Complaint, letter_id: int) -> FileResponse:
    """A letter of the complaint: to those who may open it only, never cached, never sniffed."""
    found = selectors.letter_of(complaint, letter_id)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    name = f"{complaint.reference}-{slugify(found.title)[:60] or 'letter'}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@action_required(AGENCY_ACT, Complaint)
def acknowledge(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    """The acknowledgement drafted from the procedure: edit it, send it, record it as sent."""
    if complaint.stage not in (Stage.MANAGER, Stage.LINE_MANAGER):
        messages.info(request, "There is no acknowledgement to send at this stage.")
        return redirect("complaints:agency_complaint", complaint.pk)
    initial = {"text": selectors.acknowledgement_draft(complaint, request.user)}
    form = AcknowledgeForm(request.POST or None, initial=initial)
    step = submit(
        request,
        form,
        lambda data: services.acknowledge(
            actor=request.user, complaint=complaint, text=data["text"], sent_on=data["sent_on"]
        ),
        "The acknowledgement is recorded as sent. You can print it from here.",
    )
    if step is not None:
        return redirect("complaints:agency_acknowledgement", complaint.pk, step.pk)
    context = {"complaint": complaint, "setting": complaint.setting, "form": form}
    return render(request, "complaints/agency/acknowledge.html", context, status=400 if form.is_bound else 200)


@action_required(AGENCY_VIEW, Complaint)
def acknowledgement(request: AuthedRequest, complaint: Complaint, step_id: int) -> HttpResponse:
    """The acknowledgement as sent, laid out to print (the browser's Print)."""
    step = selectors.acknowledgement_of(complaint, step_id)
    if step is None:
        raise Http404
    return render(request, "complaints/agency/letter.html", {"complaint": complaint, "step": step})


def _post(
    request: AuthedRequest,
    complaint: Complaint,
    form_class: type[forms.Form],
    key: str,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    form = form_class(request.POST, request.FILES or None)
    if submit(request, form, run, done) is not None:
        return redirect("complaints:agency_complaint", complaint.pk)
    return _page(request, complaint, status=400, **{key: form})


@require_POST
@action_required(AGENCY_ACT, Complaint)
def meeting(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    return _post(
        request,
        complaint,
        MeetingForm,
        "meeting_form",
        lambda d: services.record_meeting(
            actor=request.user, complaint=complaint, held_on=d["held_on"], attendees=d["attendees"], notes=d["notes"]
        ),
        "The meeting is recorded.",
    )


@require_POST
@action_required(AGENCY_ACT, Complaint)
def report(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    return _post(
        request,
        complaint,
        ReportForm,
        "report_form",
        lambda d: services.record_report(actor=request.user, complaint=complaint, text=d["text"], sent_on=d["sent_on"]),
        "The report back is recorded.",
    )


@require_POST
@action_required(AGENCY_ACT, Complaint)
def line_manager(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    return _post(
        request,
        complaint,
        MoveForm,
        "move_form",
        lambda d: services.to_line_manager(
            actor=request.user,
            complaint=complaint,
            received_on=d["received_on"],
            text=d["text"],
            letter=d["letter"] or None,
        ),
        "The complaint is with the line manager now, and they have been told.",
    )


@require_POST
@action_required(AGENCY_ACT, Complaint)
def appeal(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    return _post(
        request,
        complaint,
        MoveForm,
        "move_form",
        lambda d: services.to_appeal(
            actor=request.user,
            complaint=complaint,
            received_on=d["received_on"],
            text=d["text"],
            letter=d["letter"] or None,
        ),
        "The appeal is recorded and referred to the owners, who have been told.",
    )


@require_POST
@action_required(AGENCY_ACT, Complaint)
def close(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    return _post(
        request,
        complaint,
        CloseForm,
        "close_form",
        lambda d: services.close(actor=request.user, complaint=complaint, outcome=d["outcome"], summary=d["summary"]),
        "The complaint is closed and kept on record.",
    )
