"""URLs of All About Me (R11)."""

from django.urls import path

from tandem.enrolment.views import aboutme as views

urlpatterns = [
    path("children/<int:pk>/all-about-me/", views.about_me, name="aboutme"),
    path("children/<int:pk>/all-about-me/edit/", views.about_me_edit, name="aboutme_edit"),
    path("children/<int:pk>/all-about-me/print/", views.about_me_print, name="aboutme_print"),
]
