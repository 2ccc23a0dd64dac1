"""URLs of the notice board (R27)."""

from django.urls import URLPattern, path

from ..views import board as views

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/board/", views.board, name="board"),
    path("settings/<int:pk>/board/documents/", views.documents, name="board_documents"),
    path(
        "settings/<int:pk>/board/documents/<int:document_id>/withdraw/",
        views.withdraw_document,
        name="board_document_withdraw",
    ),
    path("board/documents/<int:pk>/", views.document_file, name="board_document"),
]
