"""Views of meetings and home visits (R33–R35): thin — parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.access import can, permitted
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.meetings import (
    MEETING_MANAGE,
    MEETING_TAKE_PART,
    MEETING_VIEW,
    MEETINGS_ARRANGE,
    MEETINGS_OVERVIEW,
    MEETINGS_REQUEST,
    MEETINGS_VIEW,
    ROUND_CREATE,
    ROUND_VIEW,
)
from ..forms.meetings import (
    AnotherTimeForm,
    AnswerForm,
    ArrangeForm,
    ChangeForm,
    FixForm,
    NotesForm,
    PickForm,
    ReasonForm,
    ReplyForm,
    RequestForm,
    RoundForm,
)
from ..languages import language_of
from ..models.meetings import Meeting, MeetingRound
from ..selectors import meetings as selectors
from ..selectors.translations import localise, localise_many
from ..services import meetings as services

Status = Meeting.Status
Mode = Meeting.Mode


def _back(meeting: Meeting) -> HttpResponse:
    return redirect("comms:meeting", meeting.pk)


# --- a child's meetings ----------------------------------------------------------------------------


@action_required(MEETINGS_VIEW, Child)
def child_meetings(request: AuthedRequest, child: Child) -> HttpResponse:
    """The child's meetings and home visits: for the family and for the staff who arrange them."""
    lang = language_of(request.user)
    original = request.GET.get("original") == "1"
    groups = selectors.split_for_child(list(selectors.meetings_of_child(child)))
    past = paginate(request, groups["past"])  # type: ignore[arg-type]
    context = {
        "child": child,
        "open": localise_many(groups["open"], lang, original=original),
        "upcoming": localise_many(groups["upcoming"], lang, original=original),
        "past_page": past,
        "past": localise_many(list(past.object_list), lang, original=original),
        "may_arrange": can(request.user, MEETINGS_ARRANGE, child),
        "may_request": can(request.user, MEETINGS_REQUEST, child),
        "query": query_without_page(request),
    }
    return render(request, "comms/meetings/child.html", context)


def _arrange_initial(child: Child, kind: str = Meeting.Kind.KEY_PERSON) -> dict[str, Any]:
    interpreter, language = selectors.interpreter_from_records(child)
    name = child.preferred_name or child.first_name
    titles: dict[str, str] = {
        Meeting.Kind.KEY_PERSON: f"Key person meeting about {name}",
        Meeting.Kind.HOME_VISIT: f"Home visit for {name}",
        Meeting.Kind.REVIEW: f"Review meeting about {name}",
        Meeting.Kind.PARENTS_EVENING: f"Parents' evening: {name}",
    }
    return {
        "kind": kind,
        "title": titles.get(kind, ""),
        "interpreter_needed": interpreter,
        "interpreter_language": language,
        "staff": [pk for pk in (child.key_person_id,) if pk],
        "duration_minutes": 60 if kind == Meeting.Kind.HOME_VISIT else 20,
        "mode": Mode.ASK,
    }


@action_required(MEETINGS_ARRANGE, Child)
def meeting_new(request: AuthedRequest, child: Child) -> HttpResponse:
    form = ArrangeForm(request.POST or None, setting=child.setting, initial=_arrange_initial(child))
    meeting = submit(
        request,
        form,
        lambda data: services.arrange_meeting(actor=request.user, child=child, data=data),
        "The meeting is arranged and the family have been told.",
    )
    if meeting is not None:
        return _back(meeting)
    return render(
        request,
        "comms/meetings/arrange.html",
        {"child": child, "form": form, "meeting": None},
        status=form_status(form),
    )


@action_required(MEETINGS_REQUEST, Child)
def meeting_request(request: AuthedRequest, child: Child) -> HttpResponse:
    """A family asks for a meeting with the key person, or a home visit."""
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") == Meeting.Kind.HOME_VISIT else {}
    form = RequestForm(request.POST or None, initial=initial)
    meeting = submit(
        request,
        form,
        lambda data: services.request_meeting(
            actor=request.user, child=child, kind=data["kind"], reason=data["reason"], times=data["times"]
        ),
        "Thank you: we have your request and will be in touch to arrange it.",
    )
    if meeting is not None:
        return _back(meeting)
    return render(request, "comms/meetings/request.html", {"child": child, "form": form}, status=form_status(form))


# --- one meeting -----------------------------------------------------------------------------------


def _detail(request: AuthedRequest, meeting: Meeting, *, status: int = 200, **bound: Any) -> HttpResponse:
    user = request.user
    staff = can(user, MEETING_MANAGE, meeting)
    family = can(user, MEETING_TAKE_PART, meeting)
    open_ = meeting.status in (Status.ASKING, Status.FIXED)
    in_round = meeting.round_id is not None
    options = selectors.options_of(meeting) if not in_round else []
    free = selectors.free_slots(meeting) if in_round and open_ else []
    lang = language_of(user)
    context: dict[str, Any] = {
        "meeting": meeting,
        "child": meeting.child,
        "loc": localise(meeting, lang, original=request.GET.get("original") == "1"),
        "staff": staff,
        "family": family,
        "is_open": open_,
        "in_round": in_round,
        "options": options,
        "free": free,
        "attending": selectors.staff_of(meeting),
        "when": services.when_text(meeting.starts_at),
        "problem": next(iter(bound.values()), None),
        "may_list": staff or family or can(user, MEETINGS_VIEW, meeting.child),
    }
    if staff:
        asked = meeting.mode == Mode.ASK and not in_round and meeting.status != Status.REQUESTED and options
        context["availability"] = selectors.availability(meeting) if asked else None
        if open_:
            fix_options = free if in_round else [o for o in options if o.pk != meeting.slot_id]
            context["fix_form"] = bound.get("fix_form") or FixForm(
                options=fix_options, allow_other=not in_round, auto_id="fix_%s", initial={"seen": meeting.slot_id or 0}
            )
        if meeting.status == Status.REQUESTED:
            context["decline_form"] = bound.get("decline_form") or ReasonForm(auto_id="decline_%s")
    if family:
        if meeting.status == Status.ASKING and meeting.mode == Mode.ASK and not in_round:
            answers = selectors.my_answers(meeting, user)
            context["answered"] = bool(answers)
            context["answer_form"] = bound.get("answer_form") or AnswerForm(
                options=options, initial={"suits": [pk for pk, suits in answers.items() if suits]}
            )
        elif open_ and meeting.mode == Mode.OFFER:
            pickable = free if in_round else ([] if meeting.status == Status.FIXED else options)
            if pickable:
                context["pick_form"] = bound.get("pick_form") or PickForm(options=pickable)
        if open_:
            context["another_form"] = bound.get("another_form") or AnotherTimeForm(auto_id="another_%s")
        if meeting.notes_shared_at:
            context["reply_form"] = bound.get("reply_form") or ReplyForm()
    return render(request, "comms/meetings/detail.html", context, status=status)


@action_required(MEETING_VIEW, Meeting)
def meeting_detail(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    return _detail(request, selectors.meeting_for_page(meeting.pk))


def _post(
    request: AuthedRequest, meeting: Meeting, form_key: str, form: forms.BaseForm, run: Any, done: str
) -> HttpResponse:
    """Save a form posted from the meeting page; on a problem, show the page again with it."""
    if submit(request, form, run, done) is not None:
        return _back(meeting)
    return _detail(request, selectors.meeting_for_page(meeting.pk), status=400, **{form_key: form})


def _options(meeting: Meeting) -> list[Any]:
    return selectors.options_of(meeting) if meeting.round_id is None else selectors.free_slots(meeting)


@require_POST
@action_required(MEETING_TAKE_PART, Meeting)
def meeting_answer(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    form = AnswerForm(request.POST, options=selectors.options_of(meeting))
    return _post(
        request,
        meeting,
        "answer_form",
        form,
        lambda data: services.answer_availability(
            actor=request.user, meeting=meeting, suits=[o.pk for o in data["suits"]], note=data["note"]
        ),
        "Thank you: we have your answer. We will tell you when the time is fixed.",
    )


@require_POST
@action_required(MEETING_TAKE_PART, Meeting)
def meeting_pick(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    form = PickForm(request.POST, options=_options(meeting))
    return _post(
        request,
        meeting,
        "pick_form",
        form,
        lambda data: services.pick_slot(actor=request.user, meeting=meeting, option_id=data["option"].pk),
        "Booked. We look forward to seeing you.",
    )


@require_POST
@action_required(MEETING_TAKE_PART, Meeting)
def meeting_another_time(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    form = AnotherTimeForm(request.POST, auto_id="another_%s")
    return _post(
        request,
        meeting,
        "another_form",
        form,
        lambda data: services.ask_another_time(actor=request.user, meeting=meeting, note=data["note"]),
        "Thank you: we will look for another time and let you know.",
    )


@require_POST
@action_required(MEETING_TAKE_PART, Meeting)
def meeting_reply(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    form = ReplyForm(request.POST)
    return _post(
        request,
        meeting,
        "reply_form",
        form,
        lambda data: services.reply_to_notes(actor=request.user, meeting=meeting, reply=data["reply"]),
        "Thank you: your reply has been added.",
    )


@require_POST
@action_required(MEETING_MANAGE, Meeting)
def meeting_fix(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    in_round = meeting.round_id is not None
    options = selectors.free_slots(meeting) if in_round else selectors.options_of(meeting)
    form = FixForm(request.POST, options=options, allow_other=not in_round, auto_id="fix_%s")
    done = submit(
        request,
        form,
        lambda data: services.fix_meeting(
            actor=request.user,
            meeting=meeting,
            option_id=data["option"].pk if data.get("option") else None,
            starts_at=data.get("starts_at"),
            seen_slot_id=data.get("seen"),
        ),
        "The time is fixed and the family have been told.",
    )
    if done is not None:
        return _back(meeting)
    fresh = selectors.meeting_for_page(meeting.pk)
    shown = request.POST.copy()
    shown["seen"] = str(fresh.slot_id or 0)  # a second try is checked against the time now shown
    form.data = shown
    return _detail(request, fresh, status=400, fix_form=form)


@require_POST
@action_required(MEETING_MANAGE, Meeting)
def meeting_decline(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    form = ReasonForm(request.POST, auto_id="decline_%s")
    return _post(
        request,
        meeting,
        "decline_form",
        form,
        lambda data: services.decline_request(actor=request.user, meeting=meeting, reason=data["reason"]),
        "The request is declined and the family have been told why.",
    )


@action_required(MEETING_MANAGE, Meeting)
def meeting_arrange(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    """Arrange what a family asked for: the same form as a new meeting, with their words beside it."""
    meeting = selectors.meeting_for_page(meeting.pk)
    if meeting.status != Status.REQUESTED:
        messages.info(request, "This request has already been dealt with.")
        return _back(meeting)
    initial = {**_arrange_initial(meeting.child, meeting.kind), "title": meeting.title, "venue": meeting.venue}
    form = ArrangeForm(request.POST or None, setting=meeting.setting, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.arrange_request(actor=request.user, meeting=meeting, data=data),
        "The meeting is arranged and the family have been told.",
    )
    if done is not None:
        return _back(meeting)
    context = {"child": meeting.child, "form": form, "meeting": meeting}
    return render(request, "comms/meetings/arrange.html", context, status=form_status(form))


@action_required(MEETING_MANAGE, Meeting)
def meeting_edit(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    meeting = selectors.meeting_for_page(meeting.pk)
    if meeting.status not in (Status.ASKING, Status.FIXED):
        messages.info(request, "Only a meeting still to happen can be changed.")
        return _back(meeting)
    initial = {
        "title": meeting.title,
        "duration_minutes": meeting.duration_minutes,
        "venue": meeting.venue,
        "venue_access_notes": meeting.venue_access_notes,
        "interpreter_needed": meeting.interpreter_needed,
        "interpreter_language": meeting.interpreter_language,
        "staff": [u.pk for u in selectors.staff_of(meeting)],
    }
    form = ChangeForm(request.POST or None, setting=meeting.setting, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.change_meeting(actor=request.user, meeting=meeting, data=data),
        "The meeting has been changed.",
    )
    if done is not None:
        return _back(meeting)
    context = {"meeting": meeting, "child": meeting.child, "form": form}
    return render(request, "comms/meetings/change.html", context, status=form_status(form))


@action_required(MEETING_MANAGE, Meeting)
def meeting_cancel(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    meeting = selectors.meeting_for_page(meeting.pk)
    form = ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.cancel_meeting(actor=request.user, meeting=meeting, reason=data["reason"]),
        "The meeting is cancelled and the family have been told.",
    )
    if done is not None:
        return _back(meeting)
    context = {"meeting": meeting, "child": meeting.child, "form": form, "when": services.when_text(meeting.starts_at)}
    return render(request, "comms/meetings/cancel.html", context, status=form_status(form))


@action_required(MEETING_MANAGE, Meeting)
def meeting_notes(request: AuthedRequest, meeting: Meeting) -> HttpResponse:
    """After the meeting: what was discussed and agreed, the next steps; mark held; share."""
    meeting = selectors.meeting_for_page(meeting.pk)
    form = NotesForm(request.POST or None, initial={"notes": meeting.notes})
    if meeting.notes_shared_at:
        del form.fields["share"]
    done = submit(
        request,
        form,
        lambda data: services.record_notes(
            actor=request.user, meeting=meeting, notes=data["notes"], share=bool(data.get("share"))
        ),
        "The notes are saved.",
    )
    if done is not None:
        if done.notes_shared_at and not meeting.notes_shared_at:
            messages.success(request, "The notes are shared with the family.")
        return _back(meeting)
    context = {"meeting": meeting, "child": meeting.child, "form": form, "when": services.when_text(meeting.starts_at)}
    return render(request, "comms/meetings/notes.html", context, status=form_status(form))


# --- the setting -----------------------------------------------------------------------------------


@action_required(MEETINGS_OVERVIEW, Setting)
def overview(request: AuthedRequest, setting: Setting) -> HttpResponse:
    meetings = selectors.setting_meetings(setting)
    counts = selectors.overview_counts(meetings)
    section = request.GET.get("show") or ""
    if section not in selectors.SECTIONS:
        section = selectors.first_section(counts)
    kind = request.GET.get("kind") or ""
    kind = kind if kind in Meeting.Kind.values else ""
    page = paginate(request, selectors.overview(meetings, section, kind=kind))
    context = {
        "setting": setting,
        "sections": [(key, label, counts[key]) for key, label in selectors.SECTIONS.items()],
        "section": section,
        "section_label": selectors.SECTIONS[section],
        "kinds": Meeting.Kind.choices,
        "kind": kind,
        "page": page,
        "query": query_without_page(request),
        "rounds": selectors.rounds_of_setting(setting),
        "may_create_round": can(request.user, ROUND_CREATE, setting),
    }
    return render(request, "comms/meetings/overview.html", context)


@action_required(ROUND_CREATE, Setting)
def round_new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = RoundForm(request.POST or None, setting=setting)
    made = submit(
        request,
        form,
        lambda data: services.create_round(actor=request.user, setting=setting, data=data),
        "The parents' evening is set up. Each family is being told, and can book a time.",
    )
    if made is not None:
        return redirect("comms:meeting_round", made.pk)
    return render(
        request, "comms/meetings/round_new.html", {"setting": setting, "form": form}, status=form_status(form)
    )


@action_required(ROUND_VIEW, MeetingRound, queryset=lambda: MeetingRound.objects.select_related("room", "setting"))
def round_detail(request: AuthedRequest, meeting_round: MeetingRound) -> HttpResponse:
    rows, waiting = selectors.timetable(meeting_round)
    mine = permitted(request.user, MEETING_VIEW, Meeting.objects.filter(round=meeting_round))
    context = {
        "viewable": set(mine.values_list("pk", flat=True)),
        "round": meeting_round,
        "rows": rows,
        "waiting": waiting,
        "booked": sum(1 for r in rows if r.meeting),
        "minutes": selectors.slot_minutes(meeting_round),
        "room": meeting_round.room,
        "setting": meeting_round.setting,
        "may_overview": can(request.user, MEETINGS_OVERVIEW, meeting_round.setting),
    }
    return render(request, "comms/meetings/round.html", context)
