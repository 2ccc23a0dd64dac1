"""URLs of questionnaires (R36), and of the parents' "Have your say" page (the hub)."""

from django.urls import URLPattern, path

from ..views import hub
from ..views import questionnaires as views

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/have-your-say/", hub.hub, name="hub"),
    path("settings/<int:pk>/questionnaires/", views.questionnaires, name="questionnaires"),
    path("settings/<int:pk>/questionnaires/new/", views.new, name="questionnaire_new"),
    path("questionnaires/<int:pk>/", views.questionnaire, name="questionnaire"),
    path("questionnaires/<int:pk>/edit/", views.edit, name="questionnaire_edit"),
    path("questionnaires/<int:pk>/questions/new/", views.question_new, name="questionnaire_question_new"),
    path(
        "questionnaires/<int:pk>/questions/<int:question_id>/edit/",
        views.question_edit,
        name="questionnaire_question_edit",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question_id>/delete/",
        views.question_delete,
        name="questionnaire_question_delete",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question_id>/move/",
        views.question_move,
        name="questionnaire_question_move",
    ),
    path("questionnaires/<int:pk>/preview/", views.preview, name="questionnaire_preview"),
    path("questionnaires/<int:pk>/send/", views.send, name="questionnaire_send"),
    path("questionnaires/<int:pk>/close/", views.close, name="questionnaire_close"),
    path("questionnaires/<int:pk>/results/", views.results, name="questionnaire_results"),
    path("questionnaires/<int:pk>/results.csv", views.export, name="questionnaire_export"),
    path("questionnaires/<int:pk>/answer/", views.answer, name="questionnaire_answer"),
]
