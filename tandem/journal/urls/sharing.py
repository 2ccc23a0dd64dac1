"""URLs of sharing."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
