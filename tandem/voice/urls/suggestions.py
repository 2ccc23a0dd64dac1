"""URLs of suggestions (R37)."""

from django.urls import URLPattern, path

from ..views import suggestions as views

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/suggestions/new/", views.make, name="suggestion_make"),
    path("settings/<int:pk>/suggestions/mine/", views.mine, name="my_suggestions"),
    path("settings/<int:pk>/you-said-we-did/", views.public, name="you_said_we_did"),
    path("settings/<int:pk>/suggestions/", views.received, name="suggestions"),
    path("suggestions/<int:pk>/", views.suggestion, name="suggestion"),
    path("suggestions/<int:pk>/yours/", views.own, name="my_suggestion"),
]
