"""URLs of an item's translations (R31): the item is named by its content type and id."""

from django.urls import URLPattern, path

from ..views import translations as views

ITEM = "translations/<int:content_type_id>/<int:object_id>/"

urlpatterns: list[URLPattern] = [
    path(ITEM, views.translations, name="translations"),
    path(ITEM + "delete/", views.delete, name="translation_delete"),
    path(ITEM + "machine/", views.machine, name="translation_machine"),
]
