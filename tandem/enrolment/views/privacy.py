"""The privacy notice (R10): read it, confirm reading it, publish a new version, see who has not read it."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.privacy import PRIVACY_ACKNOWLEDGE, PRIVACY_FOR_CHILD, PRIVACY_PUBLISH, PRIVACY_READ, PRIVACY_TRACK
from ..forms.privacy import AcknowledgeForm, PublishForm
from ..selectors import privacy as selectors
from ..services import privacy as services


def _notice_page(request: AuthedRequest, setting: Setting, form: AcknowledgeForm | None = None) -> HttpResponse:
    user = request.user
    notice = selectors.current_notice(setting)
    may_track = can(user, PRIVACY_TRACK, setting)
    read, total = selectors.reading_counts(actor=user, setting=setting, notice=notice) if may_track else (0, 0)
    context = {
        "setting": setting,
        "notice": notice,
        "acknowledgement": selectors.acknowledgement_of(user=user, notice=notice),
        "may_acknowledge": notice is not None and can(user, PRIVACY_ACKNOWLEDGE, setting),
        "may_publish": can(user, PRIVACY_PUBLISH, setting),
        "may_track": may_track,
        "read_count": read,
        "total_count": total,
        "versions": list(selectors.earlier_versions(setting)[:10]) if may_track else [],
        "form": form or AcknowledgeForm(initial={"version": notice.version if notice else None}),
    }
    return render(request, "enrolment/privacy/notice.html", context)


@action_required(PRIVACY_READ, Setting)
def privacy_notice(request: AuthedRequest, setting: Setting) -> HttpResponse:
    return _notice_page(request, setting)


@action_required(PRIVACY_FOR_CHILD, Child)
def child_privacy(request: AuthedRequest, child: Child) -> HttpResponse:
    """From under a child: the privacy notice of the child's setting."""
    return redirect("enrolment:privacy_notice", pk=child.setting_id)


@require_POST
@action_required(PRIVACY_ACKNOWLEDGE, Setting)
def privacy_acknowledge(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = AcknowledgeForm(request.POST)
    if submit(
        request,
        form,
        lambda data: services.acknowledge_privacy_notice(actor=request.user, setting=setting, version=data["version"]),
        "Thank you for reading the privacy notice.",
    ):
        return redirect("enrolment:privacy_notice", pk=setting.pk)
    return _notice_page(request, setting, form)


@action_required(PRIVACY_PUBLISH, Setting)
def privacy_publish(request: AuthedRequest, setting: Setting) -> HttpResponse:
    notice = selectors.current_notice(setting)
    initial = {
        "body": notice.body if notice else services.starter_notice(setting),
        "based_on_version": notice.version if notice else 0,
    }
    form = PublishForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.publish_privacy_notice(
            actor=request.user, setting=setting, body=data["body"], based_on_version=data["based_on_version"]
        ),
        "The new version is published. Parents and carers are asked to read it.",
    ):
        return redirect("enrolment:privacy_notice", pk=setting.pk)
    return render(request, "enrolment/privacy/publish.html", {"setting": setting, "notice": notice, "form": form})


@action_required(PRIVACY_TRACK, Setting)
def privacy_outstanding(request: AuthedRequest, setting: Setting) -> HttpResponse:
    notice = selectors.current_notice(setting)
    page = paginate(request, selectors.adults_yet_to_read(actor=request.user, setting=setting, notice=notice))
    context = {"setting": setting, "notice": notice, "page": page, "query": query_without_page(request)}
    return render(request, "enrolment/privacy/outstanding.html", context)
