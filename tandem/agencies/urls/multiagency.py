"""URLs of multi-agency work (R52)."""

from django.urls import URLPattern, path

from ..views import multiagency as views

CHILD = "children/<int:pk>/multi-agency/"
MEETING = "multi-agency/meetings/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(CHILD, views.child_work, name="multiagency_child"),
    path(CHILD + "referrals/new/", views.new_referral, name="multiagency_referral_new"),
    path(CHILD + "meetings/new/", views.new_meeting, name="multiagency_meeting_new"),
    path("children/<int:pk>/other-services/", views.family, name="multiagency_family"),
    path("multi-agency/referrals/<int:pk>/", views.referral, name="multiagency_referral"),
    path(MEETING, views.meeting, name="multiagency_meeting"),
    path(MEETING + "change/", views.change_meeting, name="multiagency_meeting_change"),
    path(MEETING + "actions/", views.add_action, name="multiagency_action_add"),
    path("multi-agency/actions/<int:pk>/done/", views.action_done, name="multiagency_action_done"),
    path("settings/<int:pk>/multi-agency/", views.setting_work, name="multiagency_setting"),
]
