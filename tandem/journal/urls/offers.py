"""URLs of offers."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
