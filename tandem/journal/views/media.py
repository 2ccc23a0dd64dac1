"""Serving journal photos and videos (R20), and changing one: permission-checked, never public.

A family gets a file only when the child is in the item's observation, the observation is shared
with them, and every child pictured has photo consent now (``family_visible``). Staff who work
with the child get every ready item of the child's observations."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.people.models import Child

from ..actions.observations import JOURNAL_VIEW, OBSERVATION_EDIT
from ..forms.media import MediaForm
from ..models import Media, Observation
from ..selectors.media import family_visible
from ..selectors.observations import is_staff_of
from ..services import observations as services
from .observations import observation_url

VARIANTS = ("thumb", "display")
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 2 * 1024 * 1024  # the most one open-ended range request gets (a video plays as it loads)


def media_response(request: AuthedRequest, media: Media | None, variant: str = "display") -> HttpResponseBase:
    """The file of a ready item the caller has already been allowed to see, or 404.

    Private and never cached; a single byte range is honoured, so videos can be played and
    scrubbed (Safari needs it)."""
    if media is None or variant not in VARIANTS or not media.is_ready:
        raise Http404
    photo = media.kind == Media.Kind.PHOTO
    stored = media.thumbnail if variant == "thumb" and photo else media.display
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
        size = stored.size
    except OSError:
        raise Http404 from None
    content_type = "image/jpeg" if photo else (media.content_type or "video/mp4")
    wanted = RANGE.match(request.headers.get("Range", "").strip())
    response: HttpResponseBase
    if wanted and (wanted[1] or wanted[2]):
        if wanted[1]:
            start = int(wanted[1])
            end = min(int(wanted[2]) if wanted[2] else start + CHUNK - 1, size - 1, start + 4 * CHUNK - 1)
        else:  # the last N bytes
            start, end = max(0, size - int(wanted[2])), size - 1
        if start >= size or end < start:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with handle:
            handle.seek(start)
            response = HttpResponse(handle.read(end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@action_required(JOURNAL_VIEW, Child)
def child_media(request: AuthedRequest, child: Child, media_id: int, variant: str = "display") -> HttpResponseBase:
    if is_staff_of(request.user, child):
        items = Media.objects.filter(pk=media_id, observation__links__child=child)
    else:
        items = family_visible(
            Media.objects.filter(
                pk=media_id, observation__links__child=child, observation__links__shared_at__isnull=False
            )
        )
    return media_response(request, items.first(), variant)


def _media_of(observation: Observation, media_id: int) -> Media:
    media = Media.objects.filter(pk=media_id, observation=observation).first()
    if media is None:
        raise Http404
    return media


@action_required(OBSERVATION_EDIT, Observation)
def media_edit(request: AuthedRequest, observation: Observation, media_id: int) -> HttpResponse:
    """A photo's caption and the children it pictures."""
    media = _media_of(observation, media_id)
    children = Child.objects.filter(observation_links__observation=observation).order_by("first_name", "last_name")
    initial = {"caption": media.caption, "children": list(media.children.values_list("pk", flat=True))}
    form = MediaForm(request.POST or None, children=children, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.update_media(
            actor=request.user, media=media, caption=data["caption"], child_ids=[c.pk for c in data["children"]]
        ),
        "Saved.",
    )
    if saved:
        return redirect("journal:observation_edit", observation.pk)
    number = list(observation.media.order_by("order", "pk").values_list("pk", flat=True)).index(media.pk) + 1
    context = {"observation": observation, "media": media, "form": form, "number": number}
    return render(request, "journal/observations/media_form.html", context)


@require_POST
@action_required(OBSERVATION_EDIT, Observation)
def media_remove(request: AuthedRequest, observation: Observation, media_id: int) -> HttpResponse:
    media = _media_of(observation, media_id)
    try:
        services.remove_media(actor=request.user, media=media)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The {media.get_kind_display().lower()} has been removed.")
    if request.POST.get("back") == "observation":
        return redirect(observation_url(request.user, observation))
    return redirect("journal:observation_edit", observation.pk)
