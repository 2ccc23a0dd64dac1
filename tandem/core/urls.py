from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("office/", views.office, name="office"),
    path("account/photo/", views.my_photo, name="my_photo"),
    path("security/mfa-required/", views.mfa_required, name="mfa_required"),
    path("healthz", views.healthz, name="healthz"),
]
