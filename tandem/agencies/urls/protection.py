"""URLs of child protection plans and their tasks (R24)."""

from django.urls import URLPattern, path

from ..views import protection as views

CHILD = "children/<int:pk>/child-protection/"
PLAN = "child-protection/plans/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(CHILD, views.child_plans, name="protection_child"),
    path(CHILD + "new/", views.record_plan, name="protection_record"),
    path(PLAN + "change/", views.change_plan, name="protection_change"),
    path(PLAN + "end/", views.end_plan, name="protection_end"),
    path(PLAN + "tasks/", views.add_task, name="protection_task_add"),
    path("child-protection/tasks/<int:pk>/done/", views.task_done, name="protection_task_done"),
    path("settings/<int:pk>/child-protection/", views.setting_plans, name="protection_setting"),
]
