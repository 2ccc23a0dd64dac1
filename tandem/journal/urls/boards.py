"""URLs of the room boards (R19, R20)."""

from django.urls import path

from ..views import boards as views

urlpatterns = [
    path("rooms/<int:pk>/board/", views.room_board, name="room_board"),
    path("rooms/<int:pk>/board/write/", views.board_write, name="board_write"),
    path("rooms/<int:pk>/board/<int:board_id>/", views.board_detail, name="board_detail"),
    path("rooms/<int:pk>/board/<int:board_id>/edit/", views.board_edit, name="board_edit"),
    path("rooms/<int:pk>/board/<int:board_id>/photos/", views.board_photo_add, name="board_photo_add"),
    path(
        "rooms/<int:pk>/board/<int:board_id>/photos/<int:media_id>/remove/",
        views.board_photo_remove,
        name="board_photo_remove",
    ),
    path("rooms/<int:pk>/board/<int:board_id>/publish/", views.board_publish, name="board_publish"),
    path(
        "rooms/<int:pk>/board/media/<int:media_id>/thumb/",
        views.board_media,
        {"variant": "thumb"},
        name="board_media_thumb",
    ),
    # the same, for the display copy (lets the URL walk reverse it with ids only)
    path("rooms/<int:pk>/board/media/<int:media_id>/", views.board_media, name="board_media"),
    path("rooms/<int:pk>/planning/", views.planning, name="planning"),
    path("rooms/<int:pk>/planning/add/", views.focus_add, name="focus_add"),
    path("rooms/<int:pk>/planning/<int:focus_id>/edit/", views.focus_edit, name="focus_edit"),
    path("rooms/<int:pk>/planning/<int:focus_id>/delete/", views.focus_delete, name="focus_delete"),
    path("children/<int:pk>/board/", views.child_board, name="child_board"),
]
