"""URLs of the progress check at two (R17)."""

from django.urls import path

from ..views import twocheck as views

CHECK = "children/<int:pk>/journal/checks/<int:check_id>/"

urlpatterns = [
    path("settings/<int:pk>/journal/checks/due/", views.due_list, name="twocheck_due"),
    path("children/<int:pk>/journal/checks/", views.child_checks, name="twocheck_child"),
    path("children/<int:pk>/journal/checks/start/", views.start, name="twocheck_start"),
    path(CHECK, views.detail, name="twocheck_detail"),
    path(CHECK + "edit/", views.edit, name="twocheck_edit"),
    path(CHECK + "ask-family/", views.ask_family, name="twocheck_ask_family"),
    path(CHECK + "sign-off/", views.sign_off, name="twocheck_sign_off"),
    path(CHECK + "share/", views.share, name="twocheck_share"),
    path(CHECK + "correct/", views.correct, name="twocheck_correct"),
    path(CHECK + "contribute/", views.contribute, name="twocheck_contribute"),
    path(CHECK + "acknowledge/", views.acknowledge, name="twocheck_acknowledge"),
    path(CHECK + "progress-check.pdf", views.download, name="twocheck_pdf"),
]
