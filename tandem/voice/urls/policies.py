"""URLs of the policy library (R40) and acknowledgements (R41)."""

from django.urls import URLPattern, path

from ..views import policies as views

POLICY = "policies/<int:pk>/"
VERSION = "policies/versions/<int:pk>/"

urlpatterns: list[URLPattern] = [
    # parents and staff
    path("policies/", views.library, name="policies"),
    path(POLICY, views.policy_page, name="policy"),
    path(VERSION, views.version_page, name="policy_version"),
    path(VERSION + "changes/", views.version_changes, name="policy_changes"),
    path(VERSION + "comment/", views.comment, name="policy_comment"),
    path(VERSION + "acknowledge/", views.acknowledge, name="policy_acknowledge"),
    # the manager and deputy
    path("settings/<int:pk>/policies/", views.manage_list, name="policies_manage"),
    path("settings/<int:pk>/policies/new/", views.new_policy, name="policy_new"),
    path(POLICY + "manage/", views.policy_manage, name="policy_manage"),
    path(POLICY + "edit/", views.policy_edit, name="policy_edit"),
    path(POLICY + "versions/new/", views.version_new, name="policy_version_new"),
    path(VERSION + "edit/", views.version_edit, name="policy_version_edit"),
    path(VERSION + "review/", views.version_review, name="policy_review"),
    path(VERSION + "adopt/", views.version_adopt, name="policy_adopt"),
    path(VERSION + "redraft/", views.version_redraft, name="policy_redraft"),
    path(VERSION + "delete/", views.version_delete, name="policy_version_delete"),
    path(VERSION + "comments/", views.version_comments, name="policy_comments"),
    path("policies/comments/<int:pk>/respond/", views.respond, name="policy_respond"),
    path(VERSION + "acknowledgements/", views.acknowledgements, name="policy_acknowledgements"),
    path(VERSION + "remind/", views.remind, name="policy_remind"),
]
