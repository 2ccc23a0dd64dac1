"""URLs of news, newsletters and notices (R28) and "read and understood" (R32)."""

from django.urls import URLPattern, path

from ..views import news as views

POST = "news/<int:pk>/"

urlpatterns: list[URLPattern] = [
    # parents
    path("news/", views.archive, name="news_archive"),
    path(POST, views.post_page, name="news_post"),
    path(POST + "confirm/", views.confirm, name="news_confirm"),
    # staff
    path("settings/<int:pk>/news/", views.staff_list, name="news_staff"),
    path("settings/<int:pk>/news/new/", views.new_post, name="news_new"),
    path(POST + "manage/", views.manage, name="news_manage"),
    path(POST + "edit/", views.edit, name="news_edit"),
    path(POST + "publish/", views.publish, name="news_publish"),
    path(POST + "schedule/", views.schedule, name="news_schedule"),
    path(POST + "unschedule/", views.unschedule, name="news_unschedule"),
    path(POST + "withdraw/", views.withdraw, name="news_withdraw"),
    path(POST + "confirmations/", views.confirmations, name="news_confirmations"),
    path(POST + "remind/", views.remind, name="news_remind"),
    path(POST + "confirmations/<int:recipient_id>/in-person/", views.in_person, name="news_in_person"),
]
