"""Views of concerns and complaints (R56–R60): thin — parse, call a service or selector, render.

Staff and the complainant open the same address (``complaints:complaint``): the complaint's staff
see the whole Complaint Investigation Record, the complainant sees the stage, the next deadline
and the steps shared with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.allegations import ALLEGATION_DIVERT, ALLEGATION_VIEW
from ..actions.complaints import (
    COMPLAINT_ACT,
    COMPLAINT_INTERNAL,
    COMPLAINT_LIST,
    COMPLAINT_NOT_SATISFIED,
    COMPLAINT_OWN,
    COMPLAINT_RAISE,
    COMPLAINT_RECORD,
    COMPLAINT_RECORD_SETTING,
    COMPLAINT_VIEW,
    COMPLAINT_WITHDRAW,
)
from ..actions.record import DOCUMENTATION
from ..forms.complaints import FilterForm, OutcomeForm, RaiseForm, RecordForm, StepForm, TextForm
from ..models.complaints import Complaint
from ..selectors import complaints as selectors
from ..services import complaints as services

Stage = Complaint.Stage


def _back(complaint: Complaint) -> HttpResponse:
    return redirect("complaints:complaint", complaint.pk)


def _complaint(pk: int) -> Complaint:
    return Complaint.objects.select_related(
        "setting", "child", "handler", "about_staff", "raised_by", "recorded_by"
    ).get(pk=pk)


# --- lists ---------------------------------------------------------------------------------------------
@action_required(COMPLAINT_LIST, Setting)
def setting_complaints(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The setting's concerns and complaints, for its managers and the organisation above them."""
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.setting_complaints(
        request.user,
        setting,
        stage=data.get("stage", ""),
        kind=data.get("kind", ""),
        status=data.get("status", ""),
        overdue=bool(data.get("overdue")),
    )
    context = {
        "setting": setting,
        "form": form,
        "page": paginate(request, rows),
        "query": query_without_page(request),
        "filters": selectors.filters_in_words(data),
        "may_record": can(request.user, COMPLAINT_RECORD_SETTING, setting),
    }
    return render(request, "complaints/complaints/setting_list.html", context)


@action_required(COMPLAINT_OWN)
def my_complaints(request: AuthedRequest) -> HttpResponse:
    """A parent's concerns and complaints, and a way to raise one about each of their children."""
    from tandem.people.rules import IsLinkedAdult

    children = Child.objects.filter(pk__in=IsLinkedAdult().child_ids(request.user)).order_by("first_name", "pk")
    context = {
        "page": paginate(request, selectors.my_complaints(request.user)),
        "children": list(children),
        "query": query_without_page(request),
    }
    return render(request, "complaints/complaints/mine.html", context)


# --- raise and record --------------------------------------------------------------------------------
@action_required(COMPLAINT_RAISE, Child)
def raise_complaint(request: AuthedRequest, child: Child) -> HttpResponse:
    form = RaiseForm(request.POST or None, staff=selectors.staff_choices(child.setting_id))
    complaint = submit(
        request,
        form,
        lambda d: services.raise_complaint(
            actor=request.user,
            child=child,
            kind=d["kind"],
            summary=d["summary"],
            desired_outcome=d["desired_outcome"],
            about_staff_id=d["about_staff"],
        ),
        "Thank you. We have received it, and we will keep you updated here.",
    )
    if complaint is not None:
        return _back(complaint)
    context = {"child": child, "setting": child.setting, "form": form}
    return render(request, "complaints/complaints/raise.html", context, status=400 if form.errors else 200)


def _record(request: AuthedRequest, setting: Setting, child: Child | None, form: RecordForm) -> Any:
    def run(d: dict[str, Any]) -> Complaint:
        chosen = child
        if chosen is None and d.get("child"):
            chosen = Child.objects.filter(pk=d["child"], setting=setting).first()
            if chosen is None:
                from django.core.exceptions import ValidationError

                raise ValidationError({"child": "Choose a child of this setting."})
        return services.record_complaint(
            actor=request.user,
            setting=setting,
            child=chosen,
            via=d["via"],
            kind=d["kind"],
            summary=d["summary"],
            desired_outcome=d["desired_outcome"],
            about_staff_id=d["about_staff"],
            complainant_link_id=d.get("complainant_link_id"),
            complainant_name=d.get("complainant_name", ""),
            complainant_contact=d.get("complainant_contact", ""),
            received_on=d.get("received_on"),
        )

    return submit(request, form, run, "Recorded. Whoever holds its first stage has been told.")


@action_required(COMPLAINT_RECORD, Child)
def record_for_child(request: AuthedRequest, child: Child) -> HttpResponse:
    form = RecordForm(
        request.POST or None,
        staff=selectors.staff_choices(child.setting_id),
        complainants=selectors.complainant_choices(child),
    )
    complaint = _record(request, child.setting, child, form)
    if complaint is not None:
        return _back(complaint)
    context = {"child": child, "setting": child.setting, "form": form}
    return render(request, "complaints/complaints/record.html", context, status=400 if form.errors else 200)


@action_required(COMPLAINT_RECORD_SETTING, Setting)
def record_for_setting(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = RecordForm(
        request.POST or None, staff=selectors.staff_choices(setting), children=selectors.child_choices(setting)
    )
    complaint = _record(request, setting, None, form)
    if complaint is not None:
        return _back(complaint)
    context = {"child": None, "setting": setting, "form": form}
    return render(request, "complaints/complaints/record.html", context, status=400 if form.errors else 200)


# --- one complaint -------------------------------------------------------------------------------------
def _staff_actions(complaint: Complaint) -> list[tuple[str, str]]:
    """What the stage's holder can do now, as (url name, label)."""
    from ..selectors.procedure import stage_title, the

    stage = complaint.stage
    if stage not in services.STEP_KINDS:
        return []
    nxt = services.NEXT_STAGE.get(stage)
    found = [("complaints:complaint_step", "Record a step")]
    if stage == Stage.KEY_PERSON:
        found.append(("complaints:complaint_close", "Resolved: close the concern or complaint"))
    if stage == Stage.MANAGER and complaint.child_id:
        found.append(("complaints:complaint_report", "Write the confidential investigation report"))
    if stage in (Stage.MANAGER, Stage.LINE_MANAGER):
        found.append(("complaints:complaint_outcome", "Give the outcome"))
        if complaint.outcome:
            found.append(("complaints:complaint_close", "The complainant is satisfied: close it"))
    if stage == Stage.APPEAL:
        found.append(("complaints:complaint_outcome", "Give the final outcome of the appeal"))
    if nxt == Stage.APPEAL:
        found.append(
            ("complaints:complaint_escalate", f"Not satisfied: appeal to {the(stage_title(complaint.setting, nxt))}")
        )
    elif nxt is not None:
        found.append(
            ("complaints:complaint_escalate", f"Not satisfied: pass it to {the(stage_title(complaint.setting, nxt))}")
        )
    return found


def _allegation_for(user: Any, complaint: Complaint) -> Any:
    from ..models import Allegation

    if complaint.stage != Complaint.Stage.ALLEGATION:
        return None
    found = Allegation.objects.filter(complaint=complaint).first()
    return found if found is not None and can(user, ALLEGATION_VIEW, found) else None


@action_required(COMPLAINT_VIEW, Complaint)
def complaint_page(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    from ..selectors.procedure import holders_of, stage_title

    if complaint.track == Complaint.Track.AGENCY:  # another service's complaint has its own page
        try:
            return redirect("complaints:agency_complaint", complaint.pk)
        except NoReverseMatch:
            pass
    complaint = _complaint(complaint.pk)
    user = request.user
    internal = can(user, COMPLAINT_INTERNAL, complaint)
    context: dict[str, Any] = {
        "complaint": complaint,
        "setting": complaint.setting,
        "stage_words": services.stage_words(complaint),
        "steps": selectors.steps_for(user, complaint, internal=internal),
        "next_deadline": selectors.next_deadline(complaint),
    }
    if not internal:
        context |= {
            "may_not_satisfy": can(user, COMPLAINT_NOT_SATISFIED, complaint),
            "may_withdraw": can(user, COMPLAINT_WITHDRAW, complaint),
        }
        return render(request, "complaints/complaints/parent.html", context)
    is_open = complaint.stage in services.STEP_KINDS
    may_act = is_open and can(user, COMPLAINT_ACT, complaint)
    context |= {
        "stage_title": stage_title(complaint.setting, complaint.stage) if is_open else "",
        "holders": holders_of(complaint, [complaint.stage]) if is_open else [],
        "deadlines": selectors.deadline_lines(complaint),
        "report": selectors.report_of(user, complaint),
        "may_act": may_act,
        # R61: anyone who may read it may say it is an allegation; allegation readers reach the allegation.
        "may_divert": is_open and can(user, ALLEGATION_DIVERT, complaint),
        "may_document": can(user, DOCUMENTATION, complaint),
        "allegation": _allegation_for(user, complaint),
        "actions": [(reverse(name, args=[complaint.pk]), label) for name, label in _staff_actions(complaint)]
        if may_act
        else [],
    }
    return render(request, "complaints/complaints/staff.html", context)


def _form_page(
    request: AuthedRequest,
    complaint: Complaint,
    form: Any,
    run: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    intro: str,
    button: str,
    done: str,
    danger: bool = False,
) -> HttpResponse:
    if submit(request, form, run, done) is not None:
        return _back(complaint)
    context = {
        "complaint": _complaint(complaint.pk),
        "form": form,
        "title": title,
        "intro": intro,
        "button": button,
        "danger": danger,
    }
    return render(request, "complaints/complaints/form.html", context, status=400 if form.errors else 200)


@action_required(COMPLAINT_INTERNAL, Complaint)
def add_step(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    form = StepForm(request.POST or None, stage=complaint.stage)
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.add_step(
            actor=request.user, complaint=complaint, kind=d["kind"], text=d["text"], shared=d["shared"]
        ),
        title="Record a step",
        intro="Each step goes in the Complaint Investigation Record: what was done, by whom and when.",
        button="Record the step",
        done="Step recorded.",
    )


@action_required(COMPLAINT_INTERNAL, Complaint)
def give_outcome(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    final = complaint.stage == Stage.APPEAL
    form = OutcomeForm(request.POST or None)
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.give_outcome(actor=request.user, complaint=complaint, outcome=d["outcome"], text=d["text"]),
        title="The final outcome of the appeal" if final else "Give the outcome",
        intro=(
            "This is the response to the appeal. It is final and closes the complaint."
            if final
            else "This is your feedback to the complainant: they will see it. They may still say they are not "
            "satisfied, which takes the complaint to the next stage."
        ),
        button="Give the outcome",
        done="Outcome given. The complainant has been told.",
    )


@action_required(COMPLAINT_INTERNAL, Complaint)
def close_complaint(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    key_person = complaint.stage == Stage.KEY_PERSON
    form = TextForm(
        request.POST or None,
        label="How it was resolved" if key_person else "Why it is being closed",
        help_text="Shared with the complainant, and kept in the child's file and the Complaint Investigation Record.",
    )
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.close_complaint(actor=request.user, complaint=complaint, text=d["text"]),
        title="Resolved: close it" if key_person else "Close the complaint",
        intro="Close it when the complainant is satisfied.",
        button="Close it",
        done="Closed.",
    )


@action_required(COMPLAINT_INTERNAL, Complaint)
def escalate(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    form = TextForm(
        request.POST or None,
        label="What the complainant is still unhappy about",
        help_text="Shared with the complainant. Whoever holds the next stage is told.",
    )
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.escalate(actor=request.user, complaint=complaint, text=d["text"]),
        title="Not satisfied: pass it to the next stage",
        intro="The complainant is not satisfied with the response at this stage.",
        button="Pass it on",
        done="Passed to the next stage. They have been told.",
    )


@action_required(COMPLAINT_INTERNAL, Complaint)
def write_report(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    current = selectors.report_of(request.user, complaint)
    form = TextForm(
        request.POST or None,
        initial={"text": current.text if current else ""},
        label="The report of the investigation",
        help_text="Confidential: kept in the child's file and seen only by staff who may see this complaint, "
        "never by the complainant.",
    )
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.write_report(actor=request.user, complaint=complaint, text=d["text"]),
        title="Confidential investigation report",
        intro="The complaint relates to a child, so a confidential written report of the investigation is kept "
        "in their file.",
        button="Save the report",
        done="Report saved.",
    )


# --- the complainant -----------------------------------------------------------------------------------
@action_required(COMPLAINT_VIEW, Complaint)
def not_satisfied(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    form = TextForm(
        request.POST or None,
        label="What are you still unhappy about?",
        help_text="This helps the next person to look at it.",
        required=False,
    )
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.not_satisfied(actor=request.user, complaint=complaint, text=d["text"]),
        title="I am not satisfied",
        intro="Your complaint will go to the next stage of our procedure, and they will reply to you.",
        button="Take my complaint further",
        done="Your complaint has gone to the next stage. We will reply to you.",
    )


@action_required(COMPLAINT_VIEW, Complaint)
def withdraw(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    form = TextForm(request.POST or None, label="Anything you would like to tell us?", required=False)
    return _form_page(
        request,
        complaint,
        form,
        lambda d: services.withdraw(actor=request.user, complaint=complaint, text=d["text"]),
        title="Withdraw",
        intro="If you withdraw it, we close it. You can raise a new concern or complaint at any time.",
        button="Withdraw it",
        done="Withdrawn. Thank you for letting us know.",
        danger=True,
    )
