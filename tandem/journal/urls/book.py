"""URLs of the learning journal book (R18)."""

from django.urls import path

from ..views import book as views

urlpatterns = [
    path("children/<int:pk>/journal/book/", views.book_page, name="book"),
    path("children/<int:pk>/journal/book/status/", views.book_status, name="book_status"),
    path("children/<int:pk>/journal/book/<int:book_id>/download/", views.book_download, name="book_download"),
]
