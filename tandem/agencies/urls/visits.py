"""URLs of visiting professionals and their visits (R50). ``agencies/professional-invitation/…``
are public (the emailed invitation); ``agencies/my-visits/…`` are the professional's own pages."""

from django.urls import path

from ..views import visits as views

VISIT = "agencies/visits/<int:pk>/"
PROFESSIONAL = "agencies/professionals/<int:pk>/"

urlpatterns = [
    path("settings/<int:pk>/agencies/professionals/", views.professionals, name="professionals"),
    path("settings/<int:pk>/agencies/professionals/invite/", views.professional_invite, name="professional_invite"),
    path(PROFESSIONAL + "active/", views.professional_active, name="professional_active"),
    path(PROFESSIONAL + "invite-again/", views.professional_invite_again, name="professional_invite_again"),
    path("agencies/professional-invitation/", views.professional_accept, name="professional_accept"),
    path(
        "agencies/professional-invitation/<str:token>/", views.professional_invitation, name="professional_invitation"
    ),
    path("settings/<int:pk>/agencies/visits/", views.setting_visits, name="visits"),
    path("children/<int:pk>/agencies/visits/book/", views.visit_book, name="visit_book"),
    path(VISIT, views.visit, name="visit"),
    path(VISIT + "arrival/", views.visit_arrival, name="visit_arrival"),
    path(VISIT + "departure/", views.visit_departure, name="visit_departure"),
    path(VISIT + "note/", views.visit_note, name="visit_note"),
    path(VISIT + "share/", views.visit_share, name="visit_share"),
    path(VISIT + "cancel/", views.visit_cancel, name="visit_cancel"),
    path("agencies/my-visits/", views.my_visits, name="my_visits"),
    path("agencies/my-visits/<int:pk>/", views.my_visit, name="my_visit"),
]
