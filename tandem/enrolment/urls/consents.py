"""URLs of consents."""

from django.urls import path

from ..views import consents as views

urlpatterns = [
    path("children/<int:pk>/consents/", views.child_consents, name="child_consents"),
    path("children/<int:pk>/consents/<int:type_id>/", views.consent_decide, name="consent_decide"),
    path("settings/<int:pk>/consents/", views.consents_overview, name="consents_overview"),
    path("settings/<int:pk>/consent-types/", views.consent_types, name="consent_types"),
    path("settings/<int:pk>/consent-types/<int:type_id>/", views.consent_type_edit, name="consent_type_edit"),
]
