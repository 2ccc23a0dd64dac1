"""URLs of information (R68) and briefing meetings (R6)."""

from django.urls import path

from ..views import information as views

urlpatterns: list = [
    path("settings/<int:pk>/about/", views.information_index, name="information"),
    path("settings/<int:pk>/about/write/", views.information_edit, name="information_edit"),
    path("settings/<int:pk>/about/<int:page_id>/", views.information_page, name="information_page"),
    path("children/<int:pk>/briefing/", views.briefing, name="briefing"),
    path("children/<int:pk>/briefing/new/", views.briefing_new, name="briefing_new"),
    path("children/<int:pk>/briefing/<int:meeting_id>/", views.briefing_edit, name="briefing_edit"),
]
