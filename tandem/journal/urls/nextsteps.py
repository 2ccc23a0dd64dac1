"""URLs of next steps (R16)."""

from django.urls import path

from ..views import nextsteps as views

urlpatterns = [
    path("children/<int:pk>/journal/next-steps/", views.steps, name="nextsteps"),
    path("children/<int:pk>/journal/next-steps/add/", views.add, name="nextsteps_add"),
    path("children/<int:pk>/journal/next-steps/suggest/", views.suggest, name="nextsteps_suggest"),
    path("children/<int:pk>/journal/next-steps/<int:step_id>/", views.change, name="nextsteps_change"),
    path("children/<int:pk>/journal/next-steps/<int:step_id>/take-on/", views.take_on, name="nextsteps_take_on"),
]
