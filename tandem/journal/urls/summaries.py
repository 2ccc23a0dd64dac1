"""URLs of summaries (R16)."""

from django.urls import path

from ..views import summaries as views

urlpatterns = [
    path("children/<int:pk>/journal/summaries/", views.summaries, name="summaries"),
    path("children/<int:pk>/journal/summaries/add/", views.add, name="summaries_add"),
    path("children/<int:pk>/journal/summaries/<int:summary_id>/", views.summary, name="summary"),
    path("children/<int:pk>/journal/summaries/<int:summary_id>/change/", views.edit, name="summary_edit"),
    path("children/<int:pk>/journal/summaries/<int:summary_id>/share/", views.share, name="summary_share"),
    path("children/<int:pk>/journal/summaries/<int:summary_id>/delete/", views.delete, name="summary_delete"),
    path(
        "children/<int:pk>/journal/summaries/<int:summary_id>/parents-views/",
        views.parents_views,
        name="summary_parents_views",
    ),
    path("settings/<int:pk>/journal/summaries/", views.overview, name="summaries_overview"),
]
