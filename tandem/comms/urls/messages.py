"""URLs of messages (R26)."""

from django.urls import URLPattern, path

from ..views import messages as views

THREAD = "messages/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("messages/", views.my_messages, name="my_messages"),
    path(THREAD, views.thread_page, name="message_thread"),
    path(THREAD + "reply/", views.reply, name="message_reply"),
    path(THREAD + "manage/", views.manage, name="message_manage"),
    path(THREAD + "status/", views.set_status, name="message_status"),
    path(THREAD + "files/<int:attachment_id>/", views.attachment, name="message_file"),
    path("children/<int:pk>/messages/", views.child_messages, name="child_messages"),
    path("children/<int:pk>/messages/new/", views.new_thread, name="message_new"),
    path("children/<int:pk>/change-at-home/", views.change_at_home, name="change_at_home"),
    path("settings/<int:pk>/messages/", views.inbox, name="message_inbox"),
]
