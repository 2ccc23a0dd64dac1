"""URLs of book."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
