"""URLs for retention and archiving (R67)."""

from django.urls import URLPattern, path

from ..retention import MINIMUMS
from ..views import retention as views

SETTING = "settings/<int:pk>/"
CHILD = "children/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(SETTING + "retention/", views.schedule, name="retention_schedule"),
    path(SETTING + "archive/", views.archived, name="retention_archived"),
    path(SETTING + "archive/leavers/", views.archive_leavers, name="retention_archive_leavers"),
    path(SETTING + "destructions/", views.destruction_log, name="retention_log"),
    path(CHILD + "archive/", views.archive_child, name="retention_archive"),
    path(CHILD + "archive/undo/", views.unarchive_child, name="retention_unarchive"),
    path(CHILD + "retention/", views.review, name="retention_review"),
]
# One pattern a type of record (the URL walk fills in ids only): reverse with keyword arguments,
# ``{% url 'records:retention_rule' pk=setting.pk record_type=code %}``.
for _code in MINIMUMS:
    urlpatterns += [
        path(SETTING + f"retention/{_code}/", views.rule_edit, {"record_type": _code}, name="retention_rule"),
        path(CHILD + f"retention/{_code}/destroy/", views.destroy, {"record_type": _code}, name="retention_destroy"),
    ]
