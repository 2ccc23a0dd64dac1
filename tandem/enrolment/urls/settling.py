"""URLs of settling in (R12)."""

from django.urls import path

from tandem.enrolment.views import settling as views

urlpatterns = [
    path("children/<int:pk>/settling-in/", views.settling, name="settling"),
    path("children/<int:pk>/settling-in/plan/", views.plan_edit, name="settling_plan"),
    path("children/<int:pk>/settling-in/review/", views.review, name="settling_review"),
    path("children/<int:pk>/settling-in/visits/add/", views.visit_add, name="settling_visit_add"),
    path("children/<int:pk>/settling-in/visits/<int:visit_id>/", views.visit_edit, name="settling_visit_edit"),
    path(
        "children/<int:pk>/settling-in/visits/<int:visit_id>/delete/",
        views.visit_delete,
        name="settling_visit_delete",
    ),
    path("children/<int:pk>/settling-in/notes/add/", views.entry_add, name="settling_entry_add"),
    path("children/<int:pk>/settling-in/notes/<int:entry_id>/reply/", views.reply, name="settling_reply"),
]
