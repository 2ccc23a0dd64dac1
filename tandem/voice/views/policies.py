"""Views of the policy library (R40) and acknowledgements (R41): thin — parse, call a service or a
selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import HasSettingRole, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.navigation import setting_page
from tandem.core.pagination import paginate, query_without_page
from tandem.core.roles import MANAGERS

from ..actions.policies import (
    COMMENT_RESPOND,
    POLICY_EDIT,
    POLICY_LIBRARY,
    POLICY_MANAGE,
    POLICY_READ,
    VERSION_ACKNOWLEDGE,
    VERSION_COMMENT,
    VERSION_MANAGE,
    VERSION_READ,
)
from ..forms.policies import (
    AdoptForm,
    CommentForm,
    CompareForm,
    NewPolicyForm,
    PolicyForm,
    RespondForm,
    ReviewForm,
    VersionForm,
)
from ..models.policies import Policy, PolicyComment, PolicyVersion
from ..selectors import policies as selectors
from ..services import policies as services

Status = PolicyVersion.Status
GROUP_LABELS = {selectors.PARENTS: "Parents and carers", selectors.STAFF: "Staff, volunteers and students"}
REMINDED_WORDS = {selectors.PARENTS: "parents and carers", selectors.STAFF: "members of staff"}


def _leads(request: AuthedRequest, setting_id: int) -> bool:
    """The manager or deputy of this setting (from the roles already loaded: no query)."""
    return setting_id in HasSettingRole(*MANAGERS, setting="").setting_ids(request.user)


def url(name: str, *args: Any) -> str:
    return reverse(f"voice:{name}", args=args)


def _versions() -> Any:
    return PolicyVersion.objects.select_related("policy", "policy__setting")


# --- everyone: the library --------------------------------------------------------------------


@action_required(POLICY_LIBRARY)
def library(request: AuthedRequest) -> HttpResponse:
    """The policies in force (families see those for families), what the person has to read and
    acknowledge, and what is open for their comments."""
    user = request.user
    page = paginate(request, selectors.library(user))
    settings = set(selectors.parent_setting_ids(user)) | set(selectors.staff_setting_ids(user))
    groups: list[dict[str, Any]] = []
    for policy in page.object_list:
        heading = policy.category or "Other policies"
        if len(settings) > 1:
            heading = f"{policy.setting.name}: {heading}"
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "policies": []})
        groups[-1]["policies"].append(policy)
    must_read = selectors.staff_to_acknowledge(user)
    to_confirm = selectors.parent_to_acknowledge(user)
    context = {
        "page": page,
        "groups": groups,
        "must_read": must_read,
        "to_confirm": to_confirm,
        "reviews": selectors.open_for_comments(user),
        "pending_ids": {v.pk for v in must_read} | {v.pk for v in to_confirm},
        "manage_url": setting_page(POLICY_MANAGE, "voice:policies_manage")(user),
    }
    return render(request, "voice/policies/library.html", context)


@action_required(POLICY_READ, Policy, queryset=lambda: Policy.objects.select_related("setting"))
def policy_page(request: AuthedRequest, policy: Policy) -> HttpResponse:
    """One policy: the version in force (its text), the version open for comments, whether the
    person has acknowledged it, and the history of versions with what changed."""
    history = selectors.visible_versions(request.user, policy)
    in_force = next((v for v in history if v.status == Status.ADOPTED), None)
    review = next((v for v in history if v.status == Status.REVIEW), None)
    asked = selectors.capacities(request.user, in_force) if in_force else []
    done = selectors.acknowledgements_of(request.user, [in_force]).get(in_force.pk, {}) if in_force else {}
    context = {
        "policy": policy,
        "in_force": in_force,
        "review": review,
        "history": history,
        "asked": asked,
        "done": done,
        "missing": [g for g in asked if g not in done],
        "leads": _leads(request, policy.setting_id),
        "review_state": selectors.review_state(in_force.next_review_on) if in_force else "",
        "today": timezone.localdate(),
    }
    return render(request, "voice/policies/policy.html", context)


def _version_page(request: AuthedRequest, version: PolicyVersion, form: CommentForm | None = None) -> HttpResponse:
    user = request.user
    previous = selectors.previous_version(version)
    open_now = (
        version.status == Status.REVIEW
        and version.review_closes_on is not None
        and version.review_closes_on >= timezone.localdate()
    )
    may_comment = version.status == Status.REVIEW and can(user, VERSION_COMMENT, version)
    asked = selectors.capacities(user, version)
    done = selectors.acknowledgements_of(user, [version]).get(version.pk, {}) if asked else {}
    context = {
        "version": version,
        "policy": version.policy,
        "previous": previous,
        "diff": selectors.diff(previous.body, version.body) if previous else None,
        "open_now": open_now,
        "may_comment": may_comment and open_now,
        "comments": list(selectors.own_comments(user, version)),
        "form": form or CommentForm(),
        "asked": asked,
        "done": done,
        "missing": [g for g in asked if g not in done],
        "leads": _leads(request, version.policy.setting_id),
    }
    return render(request, "voice/policies/version.html", context, status=form_status(form) if form else 200)


@action_required(VERSION_READ, PolicyVersion, queryset=_versions)
def version_page(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    """One version: what changed from the one before (in words, and line by line), its text; while
    it is open for comments, the parent's own comments with the setting's answers, and the form."""
    return _version_page(request, version)


@action_required(VERSION_READ, PolicyVersion, queryset=_versions)
def version_changes(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    """What changed between this version and another the person may read (by default, the one before)."""
    others = selectors.comparable(request.user, version)
    form = CompareForm(request.GET or None, versions=others)
    other = None
    if form.is_valid() and form.cleaned_data["against"]:
        other = next((v for v in others if v.pk == form.cleaned_data["against"]), None)
    if other is None:
        other = selectors.previous_version(version)
        form = CompareForm(initial={"against": other.pk if other else None}, versions=others)
    older, newer = (other, version) if other is None or other.number < version.number else (version, other)
    context = {
        "version": version,
        "policy": version.policy,
        "form": form,
        "older": older,
        "newer": newer,
        "diff": selectors.diff(older.body, newer.body) if older else None,
    }
    return render(request, "voice/policies/changes.html", context, status=form_status(form))


@require_POST
@action_required(VERSION_COMMENT, PolicyVersion, queryset=_versions)
def comment(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    form = CommentForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.comment(actor=request.user, version=version, body=data["body"]),
        "Thank you: your comment has been sent to the manager. Their answer will appear here.",
    )
    if done:
        return redirect(url("policy_version", version.pk) + "#your-comments")
    return _version_page(request, version, form)


@require_POST
@action_required(VERSION_ACKNOWLEDGE, PolicyVersion, queryset=_versions)
def acknowledge(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    return _act(
        request,
        lambda: services.acknowledge(actor=request.user, version=version),
        "Thank you: you have confirmed that you have read and understood it.",
        url("policy", version.policy_id),
    )


# --- the manager and deputy: keeping the library --------------------------------------------------


@action_required(POLICY_MANAGE, Setting)
def manage_list(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.setting_policies(setting))
    for policy in page.object_list:
        policy.review_state = selectors.review_state(policy.next_review_on)
    context = {"setting": setting, "page": page, "query": query_without_page(request)}
    return render(request, "voice/policies/manage_list.html", context)


@action_required(POLICY_MANAGE, Setting)
def new_policy(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = NewPolicyForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.create_policy(actor=request.user, setting=setting, data=data),
        "Policy saved, with its first version as a draft. Open it for parents' comments, or adopt it.",
    )
    if made:
        return redirect("voice:policy_manage", made.pk)
    return render(request, "voice/policies/new.html", {"form": form, "setting": setting}, status=form_status(form))


@action_required(POLICY_EDIT, Policy, queryset=lambda: Policy.objects.select_related("setting"))
def policy_manage(request: AuthedRequest, policy: Policy) -> HttpResponse:
    """A policy for the manager: its versions and their state, what can be done next."""
    versions = list(selectors.versions_for_manager(policy))
    in_force = next((v for v in versions if v.status == Status.ADOPTED), None)
    context = {
        "policy": policy,
        "setting": policy.setting,
        "versions": versions,
        "in_force": in_force,
        "open_version": next((v for v in versions if v.status in (Status.DRAFT, Status.REVIEW)), None),
        "review_state": selectors.review_state(in_force.next_review_on) if in_force else "",
        "counts": [(GROUP_LABELS[g], selectors.who_counts(in_force, g)) for g in selectors.groups_asked(in_force)]
        if in_force
        else [],
    }
    return render(request, "voice/policies/manage.html", context)


@action_required(POLICY_EDIT, Policy, queryset=lambda: Policy.objects.select_related("setting"))
def policy_edit(request: AuthedRequest, policy: Policy) -> HttpResponse:
    form = PolicyForm(request.POST or None, instance=Policy.objects.get(pk=policy.pk))
    done = submit(
        request, form, lambda data: services.update_policy(actor=request.user, policy=policy, data=data), "Saved."
    )
    if done:
        return redirect("voice:policy_manage", policy.pk)
    context = {"form": form, "policy": policy, "setting": policy.setting}
    return render(request, "voice/policies/policy_form.html", context, status=form_status(form))


@action_required(POLICY_EDIT, Policy, queryset=lambda: Policy.objects.select_related("setting"))
def version_new(request: AuthedRequest, policy: Policy) -> HttpResponse:
    """The next version, starting from the text of the latest one."""
    current = selectors.open_version(policy)
    if current is not None:
        messages.error(request, f"Version {current.number} is still {services.state_of(current)}: finish it first.")
        return redirect("voice:policy_manage", policy.pk)
    latest = policy.versions.order_by("-number").first()
    initial = {"body": latest.body if latest else ""}
    form = VersionForm(request.POST or None, initial=initial)
    made = submit(
        request,
        form,
        lambda data: services.create_version(actor=request.user, policy=policy, data=data),
        "New version saved as a draft.",
    )
    if made:
        return redirect("voice:policy_manage", policy.pk)
    context = {"form": form, "policy": policy, "setting": policy.setting, "version": None}
    return render(request, "voice/policies/version_form.html", context, status=form_status(form))


def _not_now(request: AuthedRequest, version: PolicyVersion, *statuses: str) -> HttpResponse | None:
    """Back to the policy's page with a message, unless the version is in one of ``statuses``."""
    if version.status in statuses:
        return None
    messages.error(
        request, f"Version {version.number} is {version.get_status_display().lower()}: that cannot be done now."
    )
    return redirect("voice:policy_manage", version.policy_id)


@action_required(VERSION_MANAGE, PolicyVersion, queryset=_versions)
def version_edit(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    refused = _not_now(request, version, Status.DRAFT)
    if refused:
        return refused
    form = VersionForm(request.POST or None, instance=PolicyVersion.objects.get(pk=version.pk))
    done = submit(
        request, form, lambda data: services.update_version(actor=request.user, version=version, data=data), "Saved."
    )
    if done:
        return redirect("voice:policy_manage", version.policy_id)
    context = {"form": form, "policy": version.policy, "setting": version.policy.setting, "version": version}
    return render(request, "voice/policies/version_form.html", context, status=form_status(form))


@action_required(VERSION_MANAGE, PolicyVersion, queryset=_versions)
def version_review(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    """Open a draft for parents' comments until a closing date (families are told)."""
    refused = _not_now(request, version, Status.DRAFT)
    if refused:
        return refused
    form = ReviewForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.open_review(actor=request.user, version=version, closes_on=data["review_closes_on"]),
        "It is open for parents' comments. Families have been told.",
    )
    if done:
        return redirect("voice:policy_manage", version.policy_id)
    context = {"form": form, "version": version, "policy": version.policy}
    return render(request, "voice/policies/review.html", context, status=form_status(form))


@action_required(VERSION_MANAGE, PolicyVersion, queryset=_versions)
def version_adopt(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    """Put a version in force (the one before is replaced); say when it is next reviewed."""
    refused = _not_now(request, version, Status.DRAFT, Status.REVIEW)
    if refused:
        return refused
    form = AdoptForm(request.POST or None, version=version)
    done = submit(
        request,
        form,
        lambda data: services.adopt(
            actor=request.user,
            version=version,
            next_review_on=data["next_review_on"],
            minor_change=data.get("minor_change", False),
            close_early=data.get("close_early", False),
        ),
        f"Version {version.number} is in force. Those asked to acknowledge it have been told.",
    )
    if done:
        return redirect("voice:policy_manage", version.policy_id)
    context = {
        "form": form,
        "version": version,
        "policy": version.policy,
        "comment_count": version.comments.count(),
        "unanswered": version.comments.filter(response="").count(),
        "in_force": version.policy.versions.filter(status=Status.ADOPTED).first(),
    }
    return render(request, "voice/policies/adopt.html", context, status=form_status(form))


def _act(request: AuthedRequest, run: Callable[[], Any], done: str, then: str) -> HttpResponse:
    """A one-button action: run it, say how it went (a refusal in plain words), go to ``then``."""
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(then)


@require_POST
@action_required(VERSION_MANAGE, PolicyVersion)
def version_redraft(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    return _act(
        request,
        lambda: services.end_review(actor=request.user, version=version),
        "It is a draft again: parents can no longer comment. Their comments are kept.",
        url("policy_manage", version.policy_id),
    )


@require_POST
@action_required(VERSION_MANAGE, PolicyVersion)
def version_delete(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    return _act(
        request,
        lambda: services.delete_draft(actor=request.user, version=version),
        "The draft was deleted.",
        url("policy_manage", version.policy_id),
    )


@action_required(VERSION_MANAGE, PolicyVersion, queryset=_versions)
def version_comments(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    """Every parent's comment on a version, with the setting's answers."""
    unanswered_only = request.GET.get("show") == "unanswered"
    page = paginate(request, selectors.comments_of(version, unanswered_only=unanswered_only))
    context = {
        "version": version,
        "policy": version.policy,
        "page": page,
        "query": query_without_page(request),
        "unanswered_only": unanswered_only,
    }
    return render(request, "voice/policies/comments.html", context)


@action_required(
    COMMENT_RESPOND, PolicyComment, queryset=lambda: PolicyComment.objects.select_related("version__policy", "author")
)
def respond(request: AuthedRequest, comment: PolicyComment) -> HttpResponse:
    form = RespondForm(request.POST or None, initial={"response": comment.response})
    done = submit(
        request,
        form,
        lambda data: services.respond(actor=request.user, comment=comment, response=data["response"]),
        "Answer saved. The parent has been told.",
    )
    if done:
        return redirect("voice:policy_comments", comment.version_id)
    context = {"form": form, "comment": comment, "version": comment.version, "policy": comment.version.policy}
    return render(request, "voice/policies/respond.html", context, status=form_status(form))


@action_required(VERSION_MANAGE, PolicyVersion, queryset=_versions)
def acknowledgements(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    """Who has acknowledged this version and who has not: parents, then staff (with their role)."""
    groups = selectors.groups_asked(version)
    group = request.GET.get("group")
    if group not in groups:
        group = groups[0] if groups else ""
    waiting_only = request.GET.get("show") == "waiting"
    page = paginate(request, selectors.who(version, group, waiting_only=waiting_only)) if group else None
    if page is not None:
        page.object_list = selectors.with_details(version, group, list(page.object_list))  # type: ignore[assignment]
    context = {
        "version": version,
        "policy": version.policy,
        "tabs": [
            {"group": g, "label": GROUP_LABELS[g], "counts": selectors.who_counts(version, g), "current": g == group}
            for g in groups
        ],
        "group": group,
        "group_label": GROUP_LABELS.get(group, ""),
        "page": page,
        "query": query_without_page(request),
        "waiting_only": waiting_only,
        "last_reminder": selectors.last_reminder(version),
    }
    return render(request, "voice/policies/acknowledgements.html", context)


@require_POST
@action_required(VERSION_MANAGE, PolicyVersion, queryset=_versions)
def remind(request: AuthedRequest, version: PolicyVersion) -> HttpResponse:
    try:
        sent = services.remind(actor=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        parts = [f"{n} {REMINDED_WORDS[g]}" for g, n in sent.items() if n]
        messages.success(request, f"A reminder is on its way to {' and '.join(parts)}.")
    return redirect("voice:policy_acknowledgements", version.pk)
