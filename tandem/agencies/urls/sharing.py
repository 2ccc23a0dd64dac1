"""URLs of sharing with agencies and schools (R48, R51). ``agencies/share-pack/…`` are the
recipient's public pages (the emailed link, the pack, its documents)."""

from django.urls import path

from ..views import sharing as views

urlpatterns = [
    path("children/<int:pk>/agencies/shares/", views.child_shares, name="child_shares"),
    path("children/<int:pk>/agencies/shares/new/", views.start, name="share_start"),
    path("children/<int:pk>/agencies/sharing-decisions/", views.decisions, name="sharing_decisions"),
    path("children/<int:pk>/agencies/sharing-decisions/new/", views.decide, name="sharing_decide"),
    path(
        "children/<int:pk>/agencies/sharing-decisions/<int:decision_id>/parents-told/",
        views.parents_told,
        name="sharing_parents_told",
    ),
    path("children/<int:pk>/agencies/what-we-shared/", views.family, name="sharing_family"),
    path("agencies/shares/<int:pk>/", views.share_page, name="share"),
    path("agencies/shares/<int:pk>/change/", views.change, name="share_change"),
    path("agencies/shares/<int:pk>/items/", views.items, name="share_items"),
    path("agencies/shares/<int:pk>/record/", views.record, name="share_record"),
    path("agencies/shares/<int:pk>/cancel/", views.cancel, name="share_cancel"),
    path("agencies/shares/<int:pk>/revoke/", views.revoke, name="share_revoke"),
    path("settings/<int:pk>/agencies/sharing-log/", views.sharing_log, name="sharing_log"),
    path("agencies/share-pack/", views.shared_view, name="shared_view"),
    path("agencies/share-pack/document/", views.shared_document, name="shared_document"),  # ?item=<id>
    path("agencies/share-pack/<str:token>/", views.shared_link, name="shared_link"),
]
