"""URLs of observations (R14): a child's journal, one observation, recording, sharing, the list."""

from django.urls import path

from ..views import observations as views

urlpatterns = [
    path("children/<int:pk>/journal/", views.child_journal, name="child_journal"),
    path("children/<int:pk>/journal/<int:observation_id>/", views.observation_detail, name="observation"),
    path("children/<int:pk>/journal/<int:observation_id>/comment/", views.comment, name="observation_comment"),
    path("settings/<int:pk>/journal/observations/", views.observation_list, name="observations"),
    path("settings/<int:pk>/journal/record/", views.observation_new, name="observation_new"),
    path("journal/observations/<int:pk>/edit/", views.observation_edit, name="observation_edit"),
    path("journal/observations/<int:pk>/share/", views.observation_share, name="observation_share"),
    path("journal/observations/<int:pk>/unshare/", views.observation_unshare, name="observation_unshare"),
]
