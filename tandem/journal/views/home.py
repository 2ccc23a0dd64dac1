"""Learning at home pages: a child's page (the family's own pending observations, or the staff's
ones to read), the family's form, and the setting's queue of observations waiting to be read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from tandem.core.access import MAX_ID, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate
from tandem.people.models import Child

from ..actions.home import HOME_ADD, HOME_QUEUE
from ..actions.observations import JOURNAL_CONTRIBUTE, JOURNAL_VIEW
from ..forms.home import AcknowledgeForm, HomeObservationForm, NewHomeObservationForm
from ..models import Media, Observation
from ..selectors import home as selectors
from ..selectors.media import family_visible
from ..services import home as services
from .media import media_response


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("setting", "key_person")


def _name(child: Child) -> str:
    return child.preferred_name or child.first_name


def _key_person_name(child: Child) -> str:
    return child.key_person.first_name if child.key_person else "the key person"


def _page(child: Child, anchor: str = "") -> str:
    return reverse("journal:home", args=[child.pk]) + (f"#{anchor}" if anchor else "")


def _own(request: AuthedRequest, child: Child, observation_id: int) -> Observation:
    if not 0 < observation_id <= MAX_ID:
        raise Http404
    try:
        return services.home_observation_of(actor=request.user, child=child, observation_id=observation_id)
    except Observation.DoesNotExist:
        raise Http404 from None


def _about(child: Child, observation_id: int) -> Observation:
    """A home observation about ``child`` (for staff who may contribute to the child's journal)."""
    found = (
        Observation.objects.filter(source=Observation.Source.HOME, links__child=child, pk=observation_id).first()
        if 0 < observation_id <= MAX_ID
        else None
    )
    if found is None:
        raise Http404
    return found


@action_required(JOURNAL_VIEW, Child, queryset=_children)
def home(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    staff = can(user, JOURNAL_CONTRIBUTE, child)
    may_add = can(user, HOME_ADD, child)
    waiting = list(selectors.awaiting_for_child(child=child)) if staff else []
    for observation in waiting:
        observation.ack_form = AcknowledgeForm(  # type: ignore[attr-defined]
            initial={"back": "child"}, auto_id=f"id_ack_{observation.pk}_%s"
        )
    context = {
        "child": child,
        "staff": staff,
        "may_add": may_add,
        "waiting": waiting,
        "pending": list(selectors.own_pending(actor=user, child=child)) if may_add else [],
        "read": selectors.recently_read(child=child),
        "key_person_name": _key_person_name(child),
    }
    return render(request, "journal/home/child.html", context)


@action_required(HOME_ADD, Child, queryset=_children)
def add(request: AuthedRequest, child: Child) -> HttpResponse:
    form = NewHomeObservationForm(
        request.POST or None, request.FILES or None, initial={"observed_on": timezone.localdate()}
    )
    saved = submit(
        request,
        form,
        lambda data: services.add_home_observation(
            actor=request.user,
            child=child,
            title=data["title"],
            text=data["text"],
            observed_on=data["observed_on"],
            aspects=data["aspects"],
            photos=data["photos"],
            next_step=data["next_step"],
            next_step_area=data["next_step_area"],
        ),
        f"Thank you. {_key_person_name(child)} will read it and add it to {_name(child)}'s journal.",
    )
    if saved:
        return redirect(_page(child, f"observation-{saved.pk}"))
    return render(request, "journal/home/form.html", {"child": child, "form": form, "observation": None})


@action_required(HOME_ADD, Child, queryset=_children)
def edit(request: AuthedRequest, child: Child, observation_id: int) -> HttpResponse:
    observation = _own(request, child, observation_id)
    if observation.status != Observation.Status.AWAITING:
        messages.info(request, "This has already been added to the journal, so it can no longer be changed.")
        return redirect(_page(child))
    initial = {
        "title": observation.title,
        "text": observation.text,
        "observed_on": observation.observed_on,
        "aspects": [a.pk for a in observation.aspects.all()],
    }
    form = HomeObservationForm(request.POST or None, request.FILES or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.change_home_observation(actor=request.user, child=child, observation=observation, **data),
        "Your changes have been saved.",
    )
    if saved:
        return redirect(_page(child, f"observation-{saved.pk}"))
    context = {"child": child, "form": form, "observation": observation}
    return render(request, "journal/home/form.html", context)


@action_required(HOME_ADD, Child, queryset=_children)
def withdraw(request: AuthedRequest, child: Child, observation_id: int) -> HttpResponse:
    observation = _own(request, child, observation_id)
    if request.method == "POST":
        try:
            services.withdraw_home_observation(actor=request.user, child=child, observation=observation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "It has been withdrawn and deleted, with its photos.")
        return redirect(_page(child))
    return render(request, "journal/home/withdraw.html", {"child": child, "observation": observation})


@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def acknowledge(request: AuthedRequest, child: Child, observation_id: int) -> HttpResponse:
    observation = _about(child, observation_id)
    form = AcknowledgeForm(request.POST or None, initial={"back": "child"})
    back_to_queue = request.POST.get("back") == "queue"
    if observation.status != Observation.Status.AWAITING:
        messages.info(request, "This has already been added to the journal.")
        return redirect(_page(child))
    saved = submit(
        request,
        form,
        lambda data: services.acknowledge(
            actor=request.user, child=child, observation=observation, reply=data["acknowledgement"]
        ),
        f"Added to {_name(child)}'s journal. The family can see it now.",
    )
    if saved:
        if back_to_queue:
            return redirect("journal:home_queue", pk=child.setting_id)
        return redirect(_page(child))
    observation = selectors.awaiting_for_child(child=child).get(pk=observation.pk)
    return render(request, "journal/home/acknowledge.html", {"child": child, "observation": observation, "form": form})


@action_required(JOURNAL_VIEW, Child, queryset=_children)
def media(request: AuthedRequest, child: Child, observation_id: int, media_id: int, variant: str) -> HttpResponseBase:
    """A photo or video of a home observation: staff of the child; the author while it waits; the
    family once it is in the journal (only ready files, through ``family_visible``)."""
    if not 0 < media_id <= MAX_ID:
        raise Http404
    observation = _about(child, observation_id)
    items = Media.objects.filter(observation=observation, pk=media_id)
    if not can(request.user, JOURNAL_CONTRIBUTE, child):
        if not (observation.is_published or observation.author_id == request.user.pk):
            raise Http404
        items = family_visible(items)
    return media_response(request, items.first(), variant)


@action_required(HOME_QUEUE, Setting)
def queue(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.queue(actor=request.user, setting=setting))
    for observation in page.object_list:
        observation.ack_form = AcknowledgeForm(  # type: ignore[attr-defined]
            initial={"back": "queue"}, auto_id=f"id_ack_{observation.pk}_%s"
        )
    return render(request, "journal/home/queue.html", {"setting": setting, "page": page})
