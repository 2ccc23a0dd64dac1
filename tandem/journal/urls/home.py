"""URLs of learning at home (R15)."""

from django.urls import path

from ..views import home as views

urlpatterns = [
    path("children/<int:pk>/journal/home/", views.home, name="home"),
    path("children/<int:pk>/journal/home/add/", views.add, name="home_add"),
    path("children/<int:pk>/journal/home/<int:observation_id>/change/", views.edit, name="home_edit"),
    path("children/<int:pk>/journal/home/<int:observation_id>/withdraw/", views.withdraw, name="home_withdraw"),
    path(
        "children/<int:pk>/journal/home/<int:observation_id>/acknowledge/",
        views.acknowledge,
        name="home_acknowledge",
    ),
    path(
        "children/<int:pk>/journal/home/<int:observation_id>/media/<int:media_id>/thumb/",
        views.media,
        {"variant": "thumb"},
        name="home_media_thumb",
    ),
    path(
        "children/<int:pk>/journal/home/<int:observation_id>/media/<int:media_id>/",
        views.media,
        {"variant": "display"},
        name="home_media",
    ),
    path("settings/<int:pk>/journal/from-home/", views.queue, name="home_queue"),
]
