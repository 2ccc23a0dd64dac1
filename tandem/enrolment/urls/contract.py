"""URLs of contract: the partnership agreement (R8)."""

from django.urls import path

from ..views import contract as views

urlpatterns = [
    path("children/<int:pk>/agreement/", views.child_agreement, name="contract_child"),
    path(
        "children/<int:pk>/agreement/signatures/<int:signature_id>/copy.pdf",
        views.signed_copy,
        name="contract_copy",
    ),
    path(
        "children/<int:pk>/agreement/signatures/<int:signature_id>/countersign/",
        views.countersign,
        name="contract_countersign",
    ),
    path("settings/<int:pk>/agreement/", views.setting_agreement, name="contract_setting"),
    path("settings/<int:pk>/agreement/draft/", views.draft_edit, name="contract_draft"),
    path("settings/<int:pk>/agreement/signatures/", views.signatures_list, name="contract_signatures"),
    path("settings/<int:pk>/agreement/versions/<int:version_id>/", views.version_detail, name="contract_version"),
    path(
        "settings/<int:pk>/agreement/versions/<int:version_id>/publish/",
        views.version_publish,
        name="contract_publish",
    ),
]
