"""The setting's information (R68) and briefing meetings (R6): thin views."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.people.models import Child

from ..actions.information import BRIEFING_MANAGE, BRIEFING_VIEW, INFORMATION_MANAGE, INFORMATION_READ
from ..forms.information import BriefingMeetingForm, InformationPageForm
from ..models.information import BriefingMeeting, Topic
from ..selectors import information as selectors
from ..services import information as services

# --- information pages --------------------------------------------------------------------------


@action_required(INFORMATION_READ, Setting)
def information_index(request: AuthedRequest, setting: Setting) -> HttpResponse:
    context = {
        "setting": setting,
        "topics": selectors.topics_of(actor=request.user, setting=setting),
        "may_manage": can(request.user, INFORMATION_MANAGE, setting),
        "other_settings": selectors.other_settings(actor=request.user, setting=setting),
    }
    return render(request, "enrolment/information/index.html", context)


@action_required(INFORMATION_READ, Setting)
def information_page(request: AuthedRequest, setting: Setting, page_id: int) -> HttpResponse:
    page = selectors.page_of(actor=request.user, setting=setting, pk=page_id)
    context = {"setting": setting, "page": page, "may_manage": can(request.user, INFORMATION_MANAGE, setting)}
    return render(request, "enrolment/information/page.html", context)


@action_required(INFORMATION_MANAGE, Setting)
def information_edit(request: AuthedRequest, setting: Setting) -> HttpResponse:
    topic = request.GET.get("topic", "")
    page = selectors.page_for_editing(actor=request.user, setting=setting, topic=topic)  # 404 for a bad topic
    initial = {"title": page.title, "body": page.body, "revision": page.revision} if page else {}
    form = InformationPageForm(request.POST or None, initial=initial or {"title": Topic(topic).label, "revision": 0})
    saved = submit(
        request,
        form,
        lambda data: services.save_information_page(actor=request.user, setting=setting, topic=topic, **data),
        "The page has been saved. Parents can read it now.",
    )
    if saved:
        return redirect("enrolment:information_page", pk=setting.pk, page_id=saved.pk)
    context = {"setting": setting, "form": form, "page": page, "topic_label": Topic(topic).label, "topic": topic}
    return render(request, "enrolment/information/edit.html", context)


# --- briefing meetings --------------------------------------------------------------------------


@action_required(BRIEFING_VIEW, Child)
def briefing(request: AuthedRequest, child: Child) -> HttpResponse:
    meetings = list(selectors.meetings_of(actor=request.user, child=child))
    pages = {p.topic: p for p in selectors.pages_of(actor=request.user, setting=child.setting)}
    for meeting in meetings:
        meeting.discussed = [  # type: ignore[attr-defined]
            {"label": Topic(t).label, "page": pages.get(t)} for t in meeting.policies_discussed if t in Topic.values
        ]
    may_manage = can(request.user, BRIEFING_MANAGE, child)
    context = {"child": child, "meetings": meetings, "may_manage": may_manage, "is_staff_view": may_manage}
    return render(request, "enrolment/information/briefing.html", context)


@action_required(BRIEFING_MANAGE, Child)
def briefing_new(request: AuthedRequest, child: Child) -> HttpResponse:
    form = BriefingMeetingForm(request.POST or None, child=child, setting=child.setting, record=False)
    if submit(
        request,
        form,
        lambda data: services.save_briefing_meeting(
            actor=request.user, child=child, **{k: v for k, v in data.items() if k != "revision"}
        ),
        "The meeting has been arranged. The family has been sent the date and time.",
    ):
        return redirect("enrolment:briefing", pk=child.pk)
    return render(request, "enrolment/information/briefing_form.html", {"child": child, "form": form})


@action_required(BRIEFING_MANAGE, Child)
def briefing_edit(request: AuthedRequest, child: Child, meeting_id: int) -> HttpResponse:
    meeting: BriefingMeeting = selectors.meeting_of(actor=request.user, child=child, pk=meeting_id)
    initial = {
        "scheduled_for": meeting.scheduled_for,
        "staff_member": meeting.staff_member_id,
        "held_at": meeting.held_at,
        "adults_present": [a.pk for a in meeting.adults_present.all()],
        "policies_discussed": meeting.policies_discussed,
        "safeguarding_explained": meeting.safeguarding_explained,
        "notes": meeting.notes,
        "revision": meeting.revision,
    }
    form = BriefingMeetingForm(request.POST or None, initial=initial, child=child, setting=child.setting, record=True)
    if submit(
        request,
        form,
        lambda data: services.save_briefing_meeting(actor=request.user, child=child, meeting=meeting, **data),
        "The meeting has been saved.",
    ):
        return redirect("enrolment:briefing", pk=child.pk)
    return render(
        request, "enrolment/information/briefing_form.html", {"child": child, "form": form, "meeting": meeting}
    )
