"""URLs of parents' offers of help (R21)."""

from django.urls import path

from ..views import offers as views

urlpatterns = [
    path("settings/<int:pk>/offers/mine/", views.my_offers, name="offers_mine"),
    path("settings/<int:pk>/offers/", views.setting_offers, name="offers_setting"),
    path("settings/<int:pk>/offers/<int:offer_id>/", views.respond, name="offer_respond"),
]
