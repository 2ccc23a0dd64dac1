"""URLs of the parent forum (R38)."""

from django.urls import URLPattern, path

from ..views import forum as views

SETTING = "settings/<int:pk>/forum/"
TOPIC = "forum/topics/<int:pk>/"
POST = "forum/posts/<int:pk>/"
PROPOSAL = "forum/votes/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(SETTING, views.forum, name="forum"),
    path(SETTING + "new/", views.topic_new, name="forum_topic_new"),
    path(SETTING + "minutes/", views.minutes_list, name="forum_minutes_list"),
    path(SETTING + "minutes/new/", views.minutes_new, name="forum_minutes_new"),
    path(SETTING + "votes/", views.proposals, name="forum_proposals"),
    path(SETTING + "votes/new/", views.proposal_new, name="forum_proposal_new"),
    path(SETTING + "representatives/", views.representatives, name="forum_representatives"),
    path(TOPIC, views.topic, name="forum_topic"),
    path(TOPIC + "remove/", views.topic_hide, name="forum_topic_hide"),
    path(TOPIC + "restore/", views.topic_restore, name="forum_topic_restore"),
    path(TOPIC + "lock/", views.topic_lock, name="forum_topic_lock"),
    path(TOPIC + "unlock/", views.topic_unlock, name="forum_topic_unlock"),
    path(TOPIC + "pin/", views.topic_pin, name="forum_topic_pin"),
    path(TOPIC + "unpin/", views.topic_unpin, name="forum_topic_unpin"),
    path(POST + "remove/", views.post_hide, name="forum_post_hide"),
    path(POST + "restore/", views.post_restore, name="forum_post_restore"),
    path("forum/minutes/<int:pk>/", views.minutes, name="forum_minutes"),
    path(PROPOSAL, views.proposal, name="forum_proposal"),
    path(PROPOSAL + "cancel/", views.proposal_cancel, name="forum_proposal_cancel"),
    path(PROPOSAL + "outcome/", views.proposal_outcome, name="forum_proposal_outcome"),
    path("forum/representatives/<int:pk>/end/", views.representative_end, name="forum_representative_end"),
]
