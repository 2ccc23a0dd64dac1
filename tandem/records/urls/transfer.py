from django.urls import path

from ..views import transfer as views

urlpatterns = [
    path("transitions/<int:pk>/transfers/", views.transfers, name="transfers"),
    path("transitions/<int:pk>/transfers/new/", views.new, name="transfer_new"),
    path("transfers/<int:pk>/", views.detail, name="transfer"),
    path("transfers/<int:pk>/revoke/", views.revoke, name="transfer_revoke"),
    path("transfers/<int:pk>/download/", views.download, name="transfer_download"),
    path("transfers/<int:pk>/handed-over/", views.handed_over, name="transfer_handed_over"),
    path("transfers/<int:pk>/family-told/", views.family_told, name="transfer_family_told"),
    path("children/<int:pk>/records-sent/", views.family, name="transfer_family"),
    path("school-records/", views.school_link, name="transfer_open"),
    path("school-records/<str:token>/", views.school_link, name="transfer_link"),
]
