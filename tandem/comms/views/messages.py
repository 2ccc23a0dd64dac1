"""Pages of messages (R26). Thin: parse, call a service or selector, render.

* Staff: the setting's inbox, a thread with the reply form and the tools to assign, follow up, close.
* Families: "My messages" (every thread they are in, across their children), a child's
  conversations, a new message, and "Tell us about a change at home".
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.messages import CHANGE_AT_HOME, CHILD_MESSAGES, INBOX, MESSAGES, THREAD_MANAGE, THREAD_READ
from ..forms.messages import ChangeAtHomeForm, InboxFilterForm, ManageForm, NewThreadForm, ReplyForm
from ..models.messages import MessageAttachment, Thread
from ..selectors import messages as selectors
from ..services import messages as services


def messages_url(user: Any) -> str | None:
    """Where "Messages" in the menu goes: staff to their setting's inbox, families to their
    messages. Only from what the access layer has already loaded for the menu (no query)."""
    from tandem.people.rules import IsKeyPersonInSetting, IsParentInSetting

    handled = selectors.handler_setting_ids(user)
    if handled:
        return reverse("comms:message_inbox", args=[handled[0]])
    if IsParentInSetting().setting_ids(user):
        return reverse("comms:my_messages")
    keyed = IsKeyPersonInSetting().setting_ids(user)
    return reverse("comms:message_inbox", args=[keyed[0]]) if keyed else None


# --- staff: the inbox ---------------------------------------------------------------------------


@action_required(INBOX, Setting)
def inbox(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = InboxFilterForm(request.GET or None)
    chosen = selectors.InboxFilter()
    if form.is_valid():
        data = form.cleaned_data
        status = data["status"] or "open"
        chosen = selectors.InboxFilter(
            text=data["q"],
            unread=data["unread"],
            mine=data["mine"],
            due=data["due"],
            status="" if status == "all" else status,
            topic=data["topic"],
        )
    page = paginate(request, selectors.inbox(request.user, setting, chosen))
    context = {
        "setting": setting,
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "filtered": bool(request.GET.dict().keys() - {"page"}),
        "today": timezone.localdate(),
    }
    return render(request, "comms/messages/inbox.html", context)


# --- families: my messages ----------------------------------------------------------------------


@action_required(MESSAGES)
def my_messages(request: AuthedRequest) -> HttpResponse:
    user = request.user
    children = selectors.children_for_family(user)
    if not children:
        url = messages_url(user)
        if url and url != request.path:
            return redirect(url)  # staff only: their inbox
    threads = selectors.family_threads(user)
    page = paginate(request, threads)
    context = {
        "children": children,
        "page": page,
        "query": query_without_page(request),
        "unread": selectors.unread_count(threads),
    }
    return render(request, "comms/messages/mine.html", context)


# --- about one child ----------------------------------------------------------------------------


@action_required(CHILD_MESSAGES, Child)
def child_messages(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    family = selectors.is_family(user, child.pk)
    page = paginate(request, selectors.child_threads(user, child))
    context = {
        "child": child,
        "page": page,
        "query": query_without_page(request),
        "family": family,
        "staff": not family,
        "today": timezone.localdate(),
    }
    return render(request, "comms/messages/child.html", context)


def _people(child: Child, user: Any, family: bool) -> tuple[list[tuple[int, str]], list[int]]:
    """The tick boxes of adults for a new thread, and those ticked at first."""
    links = selectors.eligible_links(child)
    if family:
        me = selectors.own_adult(user, child)
        links = [link for link in links if me is None or link.adult_id != me.pk]
    people = [(link.adult_id, f"{link.adult.first_name} {link.adult.last_name}") for link in links]
    ticked = [] if family else [link.adult_id for link in links if link.parental_responsibility]
    return people, ticked


@action_required(CHILD_MESSAGES, Child)
def new_thread(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    family = selectors.is_family(user, child.pk)
    people, ticked = _people(child, user, family)
    form = NewThreadForm(request.POST or None, request.FILES or None, initial={"people": ticked})
    form.set_people(people, family=family, child_name=child.preferred_name or child.first_name)
    thread = submit(
        request,
        form,
        lambda data: services.start_thread(
            actor=user,
            child=child,
            subject=data["subject"],
            body=data["body"],
            topic=data["topic"],
            uploads=data["attachments"],
            adult_ids=data["people"],
        ),
        "Your message has been sent.",
    )
    if thread:
        return redirect("comms:message_thread", thread.pk)
    context = {"child": child, "form": form, "family": family, "no_family": not family and not people}
    return render(request, "comms/messages/new.html", context, status=400 if form.errors else 200)


@action_required(CHANGE_AT_HOME, Child)
def change_at_home(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    people, _ = _people(child, user, family=True)
    form = ChangeAtHomeForm(request.POST or None)
    form.set_people(people, family=True, child_name=child.preferred_name or child.first_name)
    thread = submit(
        request,
        form,
        lambda data: services.tell_change_at_home(
            actor=user,
            child=child,
            change_kind=data["change_kind"],
            change_from=data["change_from"],
            what_changed=data["what_changed"],
            how_we_can_help=data["how_we_can_help"],
            adult_ids=data["people"],
        ),
        f"Thank you for telling us. Your message has gone to {child.preferred_name or child.first_name}'s key person.",
    )
    if thread:
        return redirect("comms:message_thread", thread.pk)
    context = {"child": child, "form": form}
    return render(request, "comms/messages/change.html", context, status=400 if form.errors else 200)


# --- one thread ---------------------------------------------------------------------------------


def _thread_context(request: AuthedRequest, thread: Thread, **forms: Any) -> dict[str, Any]:
    user = request.user
    staff = can(user, THREAD_MANAGE, thread)
    participants = selectors.participants_of(thread)
    context = {
        "thread": thread,
        "child": thread.child,
        "staff": staff,
        "family": selectors.is_family(user, thread.child_id),
        "thread_messages": selectors.messages_of(thread),
        "participants": participants if staff else [p for p in participants if p.has_access],  # type: ignore[attr-defined]
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "due": selectors.follow_up_is_due(thread),
    }
    if staff:
        initial = {"assigned_to": thread.assigned_to_id, "follow_up_on": thread.follow_up_on}
        context["manage_form"] = forms.get("manage_form") or ManageForm(
            initial=initial, staff=selectors.assignable_staff(thread)
        )
    return context


def _threads() -> QuerySet[Thread]:
    return Thread.objects.select_related("child", "setting", "assigned_to")


@action_required(THREAD_READ, Thread, queryset=_threads)
def thread_page(request: AuthedRequest, thread: Thread) -> HttpResponse:
    services.mark_read(actor=request.user, thread=thread)
    return render(request, "comms/messages/thread.html", _thread_context(request, thread))


@require_POST
@action_required(THREAD_READ, Thread, queryset=_threads)
def reply(request: AuthedRequest, thread: Thread) -> HttpResponse:
    form = ReplyForm(request.POST, request.FILES)
    message = submit(
        request,
        form,
        lambda data: services.reply(actor=request.user, thread=thread, body=data["body"], uploads=data["attachments"]),
        "Your message has been sent.",
    )
    if message:
        return redirect(reverse("comms:message_thread", args=[thread.pk]) + f"#message-{message.pk}")
    context = _thread_context(request, thread, reply_form=form)
    return render(request, "comms/messages/thread.html", context, status=400)


@require_POST
@action_required(THREAD_MANAGE, Thread, queryset=_threads)
def manage(request: AuthedRequest, thread: Thread) -> HttpResponse:
    form = ManageForm(request.POST, staff=selectors.assignable_staff(thread))
    done = submit(
        request,
        form,
        lambda data: services.manage(
            actor=request.user, thread=thread, assignee=data["assigned_to"], follow_up_on=data["follow_up_on"]
        ),
        "Saved.",
    )
    if done:
        return redirect("comms:message_thread", thread.pk)
    context = _thread_context(request, thread, manage_form=form)
    return render(request, "comms/messages/thread.html", context, status=400)


@require_POST
@action_required(THREAD_MANAGE, Thread)
def set_status(request: AuthedRequest, thread: Thread) -> HttpResponse:
    status = request.POST.get("status", "")
    try:
        services.set_status(actor=request.user, thread=thread, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        closed = status == Thread.Status.CLOSED
        messages.success(request, "The conversation is closed." if closed else "The conversation is open again.")
    return redirect("comms:message_thread", thread.pk)


@action_required(THREAD_READ, Thread)
def attachment(request: AuthedRequest, thread: Thread, attachment_id: int) -> HttpResponseBase:
    """A file of the thread: only through here, private, never cached, never sniffed."""
    found = MessageAttachment.objects.filter(pk=attachment_id, message__thread=thread).first()
    if found is None or not found.file:
        raise Http404
    try:
        handle = found.file.open("rb")
    except OSError:
        raise Http404 from None
    pdf = found.content_type == "application/pdf"
    response = FileResponse(
        handle,
        content_type="application/pdf" if pdf else "image/jpeg",
        as_attachment=pdf,
        filename=found.name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
