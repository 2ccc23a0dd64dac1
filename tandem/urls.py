from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("", include("tandem.core.urls")),
    path("", include("tandem.people.urls")),
]
