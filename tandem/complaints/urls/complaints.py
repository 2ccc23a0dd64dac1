"""URLs of concerns and complaints (R56–R60)."""

from django.urls import URLPattern, path

from ..views import complaints as views

ONE = "complaints/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("complaints/", views.my_complaints, name="my_complaints"),
    path("settings/<int:pk>/complaints/", views.setting_complaints, name="setting_complaints"),
    path("settings/<int:pk>/complaints/new/", views.record_for_setting, name="complaint_new"),
    path("children/<int:pk>/complaints/new/", views.record_for_child, name="complaint_new_child"),
    path("children/<int:pk>/complaints/raise/", views.raise_complaint, name="complaint_raise"),
    path(ONE, views.complaint_page, name="complaint"),
    path(ONE + "step/", views.add_step, name="complaint_step"),
    path(ONE + "outcome/", views.give_outcome, name="complaint_outcome"),
    path(ONE + "close/", views.close_complaint, name="complaint_close"),
    path(ONE + "escalate/", views.escalate, name="complaint_escalate"),
    path(ONE + "report/", views.write_report, name="complaint_report"),
    path(ONE + "not-satisfied/", views.not_satisfied, name="complaint_not_satisfied"),
    path(ONE + "withdraw/", views.withdraw, name="complaint_withdraw"),
]
