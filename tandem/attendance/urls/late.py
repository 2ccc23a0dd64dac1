"""URLs of late and non-collection (R45)."""

from django.urls import URLPattern, path

from ..views import late as views

CASE = "children/<int:pk>/late/<int:case_id>/"

urlpatterns: list[URLPattern] = [
    path("children/<int:pk>/late/", views.case_page, name="late_case"),
    path("children/<int:pk>/late/open/", views.open_case, name="late_open"),
    path(CASE, views.case_detail, name="late_case_detail"),
    path(CASE + "call/", views.record_call, name="late_call"),
    path(CASE + "plan/", views.tick_plan, name="late_plan"),
    path(CASE + "note/", views.add_note, name="late_note"),
    path(CASE + "close/", views.close_case, name="late_close"),
    path("settings/<int:pk>/late/", views.cases, name="late_cases"),
    path("settings/<int:pk>/day-settings/", views.day_settings, name="day_settings"),
]
