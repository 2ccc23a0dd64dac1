"""URLs of boards."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
