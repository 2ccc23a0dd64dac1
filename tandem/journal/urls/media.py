"""URLs of journal photos and videos (R20): served only through permission-checked views."""

from django.urls import path

from ..views import media as views

urlpatterns = [
    # variant: "thumb" or "display"; without it, the display copy.
    path("children/<int:pk>/journal/media/<int:media_id>/", views.child_media, name="child_media"),
    path(
        "children/<int:pk>/journal/media/<int:media_id>/thumb/",
        views.child_media,
        {"variant": "thumb"},
        name="child_media_thumb",
    ),
    path("journal/observations/<int:pk>/media/<int:media_id>/", views.media_edit, name="media_edit"),
    path("journal/observations/<int:pk>/media/<int:media_id>/remove/", views.media_remove, name="media_remove"),
]
