"""URLs of information received from other agencies (R49)."""

from django.urls import URLPattern, path

from ..views import received as views

CHILD = "children/<int:pk>/agencies/received/"
ONE = "agencies/received/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(CHILD, views.child_items, name="received_list"),
    path(CHILD + "new/", views.record, name="received_record"),
    path(ONE, views.item, name="received_item"),
    path(ONE + "document/", views.document, name="received_document"),
    path(ONE + "consent/", views.consent, name="received_consent"),
    path(ONE + "consent/withdraw/", views.withdraw, name="received_withdraw"),
]
