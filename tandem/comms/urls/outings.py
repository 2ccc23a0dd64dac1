"""URLs of outings (R29)."""

from django.urls import URLPattern, path

from ..views import outings as views

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/outings/", views.outings, name="outings"),
    path("settings/<int:pk>/outings/new/", views.new_outing, name="outing_new"),
    path("outings/<int:pk>/", views.outing, name="outing"),
    path("outings/<int:pk>/edit/", views.edit_outing, name="outing_edit"),
    path("outings/<int:pk>/announce/", views.announce, name="outing_announce"),
    path("outings/<int:pk>/remind/", views.remind, name="outing_remind"),
    path("outings/<int:pk>/cancel/", views.cancel, name="outing_cancel"),
    path("children/<int:pk>/outings/", views.child_outings, name="child_outings"),
    path("children/<int:pk>/outings/<int:outing_id>/", views.child_outing, name="child_outing"),
    path("children/<int:pk>/outings/<int:outing_id>/consent/", views.consent, name="outing_consent"),
]
