"""Views of multi-agency work (R52): thin — parse, call a service or a selector, render. What a
person sees is filtered by the access layer; a page that shows a safeguarding referral or meeting
records the read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.multiagency import (
    ACTION_DONE,
    MEETING_MANAGE,
    MULTIAGENCY_FAMILY,
    MULTIAGENCY_OVERVIEW,
    MULTIAGENCY_RECORD,
    MULTIAGENCY_VIEW,
    REFERRAL_MANAGE,
)
from ..forms.multiagency import (
    ActionDoneForm,
    ActionForm,
    MeetingForm,
    OverviewFilterForm,
    ReferralForm,
    ReferralUpdateForm,
)
from ..models import AgencyAction, AgencyMeeting, Referral
from ..selectors import multiagency as selectors
from ..services import multiagency as services


def _seen(request: AuthedRequest, record: Referral | AgencyMeeting) -> None:
    """A page showed a safeguarding referral or meeting: record the read."""
    if record.safeguarding:
        services.record_safeguarding_read(
            actor=request.user, child_ids=[record.child_id], setting_id=record.child.setting_id, obj=record
        )


def _done_prefix(action: AgencyAction | int) -> str:
    return f"done-{action if isinstance(action, int) else action.pk}"


# --- a child's work, for staff --------------------------------------------------------------------------
@action_required(MULTIAGENCY_VIEW, Child)
def child_work(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    referrals = list(selectors.referrals_of(user, child))
    meetings = list(selectors.meetings_of(user, child))
    if any(r.safeguarding for r in referrals) or any(m.safeguarding for m in meetings):
        services.record_safeguarding_read(actor=user, child_ids=[child.pk], setting_id=child.setting_id, obj=child)
    context = {
        "child": child,
        "referrals": referrals,
        "meetings": meetings,
        "may_record": can(user, MULTIAGENCY_RECORD, child),
    }
    return render(request, "agencies/multiagency/child.html", context)


@action_required(MULTIAGENCY_RECORD, Child)
def new_referral(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    form = ReferralForm(
        request.POST or None,
        agencies=selectors.agency_choices(user, child),
        shares=selectors.share_choices(user, child),
    )
    referral = submit(
        request,
        form,
        lambda d: services.record_referral(
            actor=user,
            child=child,
            agency=d["agency"],
            reason=d["reason"],
            made_on=d["made_on"],
            share=d.get("share"),
            shared_with_family=d["shared_with_family"],
        ),
        "The referral is recorded.",
    )
    if referral is not None:
        return redirect("agencies:multiagency_referral", referral.pk)
    context = {"child": child, "form": form}
    return render(request, "agencies/multiagency/referral_form.html", context, status=400 if form.is_bound else 200)


@action_required(
    REFERRAL_MANAGE, Referral, queryset=lambda: Referral.objects.select_related("child", "agency", "share")
)
def referral(request: AuthedRequest, referral: Referral) -> HttpResponse:
    initial = {
        "status": referral.status,
        "outcome": referral.outcome,
        "shared_with_family": referral.shared_with_family,
    }
    form = ReferralUpdateForm(request.POST or None, initial=initial)
    if referral.safeguarding:
        del form.fields["shared_with_family"]
    done = submit(
        request,
        form,
        lambda d: services.update_referral(
            actor=request.user,
            referral=referral,
            status=d["status"],
            outcome=d["outcome"],
            shared_with_family=d.get("shared_with_family", False),
        ),
        "The referral is updated.",
    )
    if done is not None:
        return redirect("agencies:multiagency_referral", referral.pk)
    _seen(request, referral)
    share = referral.share if referral.share_id else None
    if share is not None and not selectors.share_choices(request.user, referral.child).filter(pk=share.pk).exists():
        share = None  # recorded by someone who may open it; this person may not
    context = {"referral": referral, "child": referral.child, "form": form, "share": share}
    return render(request, "agencies/multiagency/referral.html", context, status=400 if form.is_bound else 200)


@action_required(MULTIAGENCY_RECORD, Child)
def new_meeting(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    form = MeetingForm(request.POST or None, protection=selectors.may_safeguard(user, child))
    meeting = submit(
        request,
        form,
        lambda d: services.record_meeting(
            actor=user,
            child=child,
            kind=d["kind"],
            held_at=d["held_at"],
            venue=d["venue"],
            attendees=d["attendees"],
            notes=d["notes"],
            shared_with_family=d["shared_with_family"],
        ),
        "The meeting is recorded. Add the actions agreed at it.",
    )
    if meeting is not None:
        return redirect("agencies:multiagency_meeting", meeting.pk)
    context = {"child": child, "form": form}
    return render(request, "agencies/multiagency/meeting_form.html", context, status=400 if form.is_bound else 200)


def _meeting_page(
    request: AuthedRequest,
    meeting: AgencyMeeting,
    *,
    status: int = 200,
    action_form: forms.Form | None = None,
    done_form: tuple[int, forms.Form] | None = None,
) -> HttpResponse:
    actions = selectors.actions_of(meeting)
    shown = False
    for row in actions:
        if row.done_at is None:
            bound = done_form[1] if done_form and done_form[0] == row.pk else None
            shown = shown or bound is not None
            row.done_form = bound or ActionDoneForm(prefix=_done_prefix(row))  # type: ignore[attr-defined]
    if done_form is not None and not shown:  # the action is no longer open: say why on the page
        for error in done_form[1].non_field_errors():
            messages.error(request, str(error))
    _seen(request, meeting)
    context = {
        "meeting": meeting,
        "child": meeting.child,
        "actions": actions,
        "action_form": action_form or ActionForm(safeguarding=meeting.safeguarding),
    }
    return render(request, "agencies/multiagency/meeting.html", context, status=status)


def _meetings() -> Any:
    return AgencyMeeting.objects.select_related("child", "recorded_by")


@action_required(MEETING_MANAGE, AgencyMeeting, queryset=_meetings)
def meeting(request: AuthedRequest, meeting: AgencyMeeting) -> HttpResponse:
    return _meeting_page(request, meeting)


@action_required(MEETING_MANAGE, AgencyMeeting, queryset=_meetings)
def change_meeting(request: AuthedRequest, meeting: AgencyMeeting) -> HttpResponse:
    initial = {
        "held_at": meeting.held_at,
        "venue": meeting.venue,
        "attendees": meeting.attendees,
        "notes": meeting.notes,
        "shared_with_family": meeting.shared_with_family,
    }
    form = MeetingForm(request.POST or None, initial=initial, change=True)
    if meeting.safeguarding:
        del form.fields["shared_with_family"]
    done = submit(
        request,
        form,
        lambda d: services.change_meeting(
            actor=request.user,
            meeting=meeting,
            held_at=d["held_at"],
            venue=d["venue"],
            attendees=d["attendees"],
            notes=d["notes"],
            shared_with_family=d.get("shared_with_family", False),
        ),
        "The meeting is saved.",
    )
    if done is not None:
        return redirect("agencies:multiagency_meeting", meeting.pk)
    _seen(request, meeting)
    context = {"child": meeting.child, "meeting": meeting, "form": form}
    return render(request, "agencies/multiagency/meeting_form.html", context, status=400 if form.is_bound else 200)


@require_POST
@action_required(MEETING_MANAGE, AgencyMeeting, queryset=_meetings)
def add_action(request: AuthedRequest, meeting: AgencyMeeting) -> HttpResponse:
    form = ActionForm(request.POST, safeguarding=meeting.safeguarding)
    row = submit(
        request,
        form,
        lambda d: services.add_action(
            actor=request.user,
            meeting=meeting,
            action=d["action"],
            owner=d["owner"],
            due_on=d["due_on"],
            visible_to_family=d.get("visible_to_family", False),
        ),
        "The action is added.",
    )
    if row is not None:
        return redirect("agencies:multiagency_meeting", meeting.pk)
    return _meeting_page(request, meeting, status=400, action_form=form)


@require_POST
@action_required(
    ACTION_DONE, AgencyAction, queryset=lambda: AgencyAction.objects.select_related("meeting__child", "meeting")
)
def action_done(request: AuthedRequest, action: AgencyAction) -> HttpResponse:
    form = ActionDoneForm(request.POST, prefix=_done_prefix(action))
    done = submit(
        request,
        form,
        lambda d: services.complete_action(actor=request.user, action=action, note=d["note"]),
        "The action is marked done.",
    )
    if done is not None:
        return redirect("agencies:multiagency_meeting", action.meeting_id)
    return _meeting_page(request, action.meeting, status=400, done_form=(action.pk, form))


# --- the family -------------------------------------------------------------------------------------------
@action_required(MULTIAGENCY_FAMILY, Child)
def family(request: AuthedRequest, child: Child) -> HttpResponse:
    context = {
        "child": child,
        "referrals": list(selectors.family_referrals(child)),
        "meetings": list(selectors.family_meetings(child)),
    }
    return render(request, "agencies/multiagency/family.html", context)


# --- the setting ------------------------------------------------------------------------------------------
@action_required(MULTIAGENCY_OVERVIEW, Setting)
def setting_work(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Open referrals, or actions due, of the setting's children: what this leader may open."""
    user = request.user
    form = OverviewFilterForm(request.GET or None, agencies=selectors.directory_of(user, setting))
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or "referrals"
    if show == "actions":
        rows: Any = selectors.setting_actions(user, setting, overdue=bool(data.get("overdue")))
    else:
        rows = selectors.setting_referrals(user, setting, agency=data.get("agency"))
    page = paginate(request, rows)
    shown: list[Any] = list(page.object_list)
    secret = [
        row.child_id if show == "referrals" else row.meeting.child_id
        for row in shown
        if (row.safeguarding if show == "referrals" else row.meeting.safeguarding)
    ]
    services.record_safeguarding_read(actor=user, child_ids=secret, setting_id=setting.pk, obj=setting)
    context = {
        "rows": shown,
        "setting": setting,
        "form": form,
        "show": show,
        "today": timezone.localdate(),
        "page": page,
        "query": query_without_page(request),
    }
    return render(request, "agencies/multiagency/setting.html", context, status=400 if form.errors else 200)
