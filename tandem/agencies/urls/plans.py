"""URLs of support plans and SEN plans (R22, R23)."""

from django.urls import URLPattern, path

from ..views import plans as views

ONE = "support-plans/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("children/<int:pk>/support-plans/", views.family_plans, name="plans_family"),
    path("children/<int:pk>/support-plans/new/", views.start, name="plan_start"),
    path("settings/<int:pk>/support-plans/", views.due, name="plans_due"),
    path(ONE, views.plan, name="plan"),
    path(ONE + "edit/", views.edit, name="plan_edit"),
    path(ONE + "propose/", views.propose, name="plan_propose"),
    path(ONE + "agree/", views.agree, name="plan_agree"),
    path(ONE + "comment/", views.comment, name="plan_comment"),
    path(ONE + "targets/new/", views.target_add, name="plan_target_add"),
    path(ONE + "targets/<int:target_id>/", views.target_edit, name="plan_target_edit"),
    path(ONE + "targets/<int:target_id>/move/", views.target_move, name="plan_target_move"),
    path(ONE + "targets/<int:target_id>/remove/", views.target_remove, name="plan_target_remove"),
    path(ONE + "contributors/", views.contributors, name="plan_contributors"),
    path(ONE + "contributors/<int:contributor_id>/end/", views.contributor_end, name="plan_contributor_end"),
    path(ONE + "review/", views.review, name="plan_review"),
]
