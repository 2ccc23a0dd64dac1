"""Views of news, newsletters and notices (R28) and "read and understood" (R32): thin — parse,
call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.news import NEWS_MANAGE, NEWS_READ, NEWS_WRITE
from ..forms.news import ArchiveFilterForm, FilterForm, InPersonForm, PostForm, ScheduleForm
from ..languages import ENGLISH, language_of, name_of
from ..models.news import Post
from ..selectors import news as selectors
from ..selectors.translations import localise, localise_many, translations_of, translations_url
from ..services import news as services

# --- parents ----------------------------------------------------------------------------------


@action_required(NEWS_READ)
def archive(request: AuthedRequest) -> HttpResponse:
    """The news, newsletters and notices a parent may read, newest first."""
    form = ArchiveFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    lang = language_of(request.user)
    page = paginate(request, selectors.archive(actor=request.user, kind=kind))
    page.object_list = localise_many(list(page.object_list), lang)  # type: ignore[assignment]
    waiting = localise_many(list(selectors.to_confirm(actor=request.user)[:5]), lang)
    context = {"form": form, "page": page, "query": query_without_page(request), "waiting": waiting}
    return render(request, "comms/news/archive.html", context)


@action_required(NEWS_READ, Post, queryset=lambda: Post.objects.select_related("setting"))
def post_page(request: AuthedRequest, post: Post) -> HttpResponse:
    """One post in the reader's language (the original one tap away). Opening it marks it read."""
    services.mark_read(actor=request.user, post=post)
    original = request.GET.get("original") == "1"
    lang = language_of(request.user)
    loc = localise(post, lang, original=original)
    delivery = selectors.delivery_of(post, request.user)
    wanted_name = name_of(lang) if original and lang != ENGLISH and selectors.has_translation(post, lang) else ""
    context = {"post": post, "loc": loc, "delivery": delivery, "original": original, "wanted_name": wanted_name}
    return render(request, "comms/news/post.html", context)


@require_POST
@action_required(NEWS_READ, Post)
def confirm(request: AuthedRequest, post: Post) -> HttpResponse:
    try:
        services.confirm(actor=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you: you have confirmed that you have read and understood it.")
    return redirect("comms:news_post", post.pk)


# --- staff ------------------------------------------------------------------------------------


@action_required(NEWS_WRITE, Setting)
def staff_list(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = FilterForm(request.GET or None)
    kind, status = (form.cleaned_data["kind"], form.cleaned_data["status"]) if form.is_valid() else ("", "")
    page = paginate(request, selectors.staff_posts(setting=setting, kind=kind, status=status))
    context = {
        "setting": setting,
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "labels": selectors.STATUS_LABELS,
    }
    return render(request, "comms/news/staff_list.html", context)


@action_required(NEWS_WRITE, Setting)
def new_post(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = PostForm(request.POST or None, setting=setting)
    made = submit(
        request,
        form,
        lambda data: services.create_post(actor=request.user, setting=setting, data=data),
        "Saved as a draft. Check the preview, then publish it or choose a time.",
    )
    if made:
        return redirect("comms:news_manage", made.pk)
    return render(request, "comms/news/form.html", {"form": form, "setting": setting}, status=form_status(form))


def _editable(post: Post) -> bool:
    return selectors.status_of(post) in (selectors.DRAFT, selectors.SCHEDULED)


@action_required(NEWS_MANAGE, Post, queryset=lambda: Post.objects.select_related("setting", "created_by"))
def manage(request: AuthedRequest, post: Post) -> HttpResponse:
    """The staff page of a post: its preview as families see it, its status and what can be done."""
    return _manage_page(request, post)


def _manage_page(request: AuthedRequest, post: Post, schedule_form: ScheduleForm | None = None) -> HttpResponse:
    status = selectors.status_of(post)
    context: dict[str, Any] = {
        "post": post,
        "setting": post.setting,
        "loc": localise(post, "en"),
        "status": status,
        "status_label": selectors.STATUS_LABELS[status],
        "editable": status in (selectors.DRAFT, selectors.SCHEDULED),
        "stuck": status == selectors.SENDING
        and post.publish_at is not None
        and post.publish_at <= timezone.now() - services.STUCK,
        "schedule_form": schedule_form
        or ScheduleForm(initial={"publish_at": post.publish_at} if post.publish_at else None),
        "rooms": list(post.rooms.order_by("name")) if post.audience == Post.Audience.ROOMS else [],
        "children": list(post.children.order_by("first_name", "last_name"))
        if post.audience == Post.Audience.FAMILIES
        else [],
        "counts": selectors.counts_of(post) if post.published_at else None,
        "translations": [name_of(t.language) for t in translations_of(post)],
        "translations_url": translations_url(post),
    }
    return render(request, "comms/news/manage.html", context, status=400 if schedule_form else 200)


@action_required(NEWS_MANAGE, Post, queryset=lambda: Post.objects.select_related("setting"))
def edit(request: AuthedRequest, post: Post) -> HttpResponse:
    if not _editable(post):
        messages.error(request, services.EDITABLE)
        return redirect("comms:news_manage", post.pk)
    form = PostForm(request.POST or None, instance=Post.objects.get(pk=post.pk), setting=post.setting)
    if submit(request, form, lambda data: services.update_post(actor=request.user, post=post, data=data), "Saved."):
        return redirect("comms:news_manage", post.pk)
    context = {"form": form, "setting": post.setting, "post": post}
    return render(request, "comms/news/form.html", context, status=form_status(form))


def _act(request: AuthedRequest, post: Post, run: Any, done: str) -> HttpResponse:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("comms:news_manage", post.pk)


@require_POST
@action_required(NEWS_MANAGE, Post)
def publish(request: AuthedRequest, post: Post) -> HttpResponse:
    return _act(
        request,
        post,
        lambda: services.publish(actor=request.user, post=post),
        "Published. It is being sent to families now; the counts fill in as it goes.",
    )


@require_POST
@action_required(NEWS_MANAGE, Post, queryset=lambda: Post.objects.select_related("setting", "created_by"))
def schedule(request: AuthedRequest, post: Post) -> HttpResponse:
    form = ScheduleForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.publish(actor=request.user, post=post, at=data["publish_at"]),
        "Scheduled. It will be sent at the time you chose; you can still change it until then.",
    )
    if done:
        return redirect("comms:news_manage", post.pk)
    return _manage_page(request, post, schedule_form=form)


@require_POST
@action_required(NEWS_MANAGE, Post)
def unschedule(request: AuthedRequest, post: Post) -> HttpResponse:
    return _act(
        request, post, lambda: services.unschedule(actor=request.user, post=post), "It is a draft again: not sent."
    )


@require_POST
@action_required(NEWS_MANAGE, Post)
def withdraw(request: AuthedRequest, post: Post) -> HttpResponse:
    return _act(
        request,
        post,
        lambda: services.withdraw(actor=request.user, post=post),
        "Withdrawn. Families no longer see it.",
    )


@action_required(NEWS_MANAGE, Post, queryset=lambda: Post.objects.select_related("setting"))
def confirmations(request: AuthedRequest, post: Post) -> HttpResponse:
    """Who received an important post, who has read it and who has confirmed it."""
    waiting_only = request.GET.get("show") == "waiting"
    page = paginate(request, selectors.recipients_of(post, waiting_only=waiting_only))
    page.object_list = selectors.with_children(post, list(page.object_list))  # type: ignore[assignment]
    context = {
        "post": post,
        "setting": post.setting,
        "page": page,
        "query": query_without_page(request),
        "waiting_only": waiting_only,
        "counts": selectors.counts_of(post),
        "last_reminder": selectors.last_reminder(post),
    }
    return render(request, "comms/news/confirmations.html", context)


@require_POST
@action_required(NEWS_MANAGE, Post)
def remind(request: AuthedRequest, post: Post) -> HttpResponse:
    try:
        count = services.remind(actor=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"A reminder is on its way to {count} parent{'s' if count != 1 else ''}.")
    return redirect("comms:news_confirmations", post.pk)


@action_required(NEWS_MANAGE, Post, queryset=lambda: Post.objects.select_related("setting"))
def in_person(request: AuthedRequest, post: Post, recipient_id: int) -> HttpResponse:
    """Record that an important post was explained to one parent in person."""
    row = selectors.recipient(post, recipient_id)
    if row is None or not post.important:
        raise Http404
    form = InPersonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.record_in_person(actor=request.user, recipient=row, note=data["note"]),
        f"Recorded: explained in person to {row.user.get_full_name() or 'the parent'}.",
    )
    if done:
        return redirect("comms:news_confirmations", post.pk)
    context = {"post": post, "row": selectors.with_children(post, [row])[0], "form": form}
    return render(request, "comms/news/in_person.html", context, status=form_status(form))
