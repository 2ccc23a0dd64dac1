from django.urls import include, path

from tandem.api.urls import declared_urls

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("api/", declared_urls()),
    path("", include("tandem.core.urls")),
    path("", include("tandem.people.urls")),
    path("", include("tandem.enrolment.urls")),
    path("", include("tandem.journal.urls")),
    path("", include("tandem.attendance.urls")),
    path("", include("tandem.comms.urls")),
    path("", include("tandem.complaints.urls")),
    path("", include("tandem.agencies.urls")),
    path("", include("tandem.voice.urls")),
    path("", include("tandem.records.urls")),
]
