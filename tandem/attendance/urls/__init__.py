"""The attendance app's URLs: one module a feature, all under the ``attendance`` namespace."""

from tandem.attendance.urls import collection, late, medication, register

app_name = "attendance"
urlpatterns = [
    *register.urlpatterns,
    *collection.urlpatterns,
    *late.urlpatterns,
    *medication.urlpatterns,
]
