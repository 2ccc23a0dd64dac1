"""URLs of sending to another setting (R25). ``shared/…`` are the recipient's public pages."""

from django.urls import path

from ..views import sharing as views

urlpatterns = [
    path("children/<int:pk>/journal/shares/", views.share_log, name="sharing_log"),
    path("children/<int:pk>/journal/shares/send/", views.send, name="sharing_send"),
    path("children/<int:pk>/journal/shares/<int:share_id>/revoke/", views.revoke, name="sharing_revoke"),
    path("shared/view/", views.shared_view, name="shared_view"),
    path("shared/<str:token>/", views.shared_link, name="shared_link"),
]
