"""URLs of allegations against staff (R61)."""

from django.urls import URLPattern, path

from ..views import allegations as views

LIST = "settings/<int:pk>/allegations/"
ONE = "allegations/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(LIST, views.allegations, name="allegations"),
    path(LIST + "new/", views.record, name="allegation_record"),
    path("complaints/<int:pk>/pass-to-allegations/", views.divert, name="allegation_divert"),
    path(ONE, views.allegation, name="allegation"),
    path(ONE + "dsl/", views.dsl, name="allegation_dsl"),
    path(ONE + "lado/", views.lado, name="allegation_lado"),
    path(ONE + "ofsted/", views.ofsted, name="allegation_ofsted"),
    path(ONE + "close/", views.close, name="allegation_close"),
]
