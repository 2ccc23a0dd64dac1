"""URLs of nextsteps."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
