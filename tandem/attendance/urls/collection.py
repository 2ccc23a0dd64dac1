"""URLs of collection (R43, R44)."""

from django.urls import URLPattern, path

from ..views import collection as views

urlpatterns: list[URLPattern] = [
    path("children/<int:pk>/collectors/", views.collectors, name="collectors"),
    path("children/<int:pk>/collectors/add/", views.add_collector, name="collector_add"),
    path("children/<int:pk>/collectors/<int:collector_id>/remove/", views.remove_collector, name="collector_remove"),
    path("children/<int:pk>/collectors/<int:collector_id>/photo/", views.collector_photo, name="collector_photo"),
    path("children/<int:pk>/collectors/one-off/", views.one_off, name="one_off"),
    path("children/<int:pk>/collectors/one-off/<int:one_off_id>/cancel/", views.cancel_one_off, name="one_off_cancel"),
    path("children/<int:pk>/collection-password/", views.password, name="collection_password"),
    path("children/<int:pk>/release/", views.release, name="release"),
]
