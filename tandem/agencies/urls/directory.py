"""URLs of the directory (R46) and of signposting (R47)."""

from django.urls import URLPattern, path

from ..views import directory as views

SETTING = "settings/<int:pk>/"
AGENCY = "directory/<int:pk>/"
CONTACT = AGENCY + "contacts/<int:contact_id>/"

urlpatterns: list[URLPattern] = [
    # the staff directory
    path(SETTING + "directory/", views.directory, name="directory"),
    path(SETTING + "directory/new/", views.agency_add, name="directory_add"),
    path(AGENCY, views.agency, name="directory_agency"),
    path(AGENCY + "edit/", views.agency_edit, name="directory_agency_edit"),
    path(AGENCY + "listed/", views.agency_active, name="directory_agency_active"),
    path(AGENCY + "contacts/new/", views.contact_add, name="directory_contact_add"),
    path(CONTACT, views.contact_edit, name="directory_contact_edit"),
    path(CONTACT + "listed/", views.contact_active, name="directory_contact_active"),
    # the parents' support directory
    path(SETTING + "support-directory/", views.support, name="support_directory"),
    # signposting
    path("children/<int:pk>/signposting/", views.signpost, name="signpost"),
    path("children/<int:pk>/support-we-suggested/", views.suggested, name="suggested"),
    path("signposting/<int:pk>/", views.signposting, name="signposting"),
    path(SETTING + "signposting/", views.signpostings, name="signpostings"),
]
