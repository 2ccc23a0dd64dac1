"""The enrolment app's URLs: one module a feature, all under the ``enrolment`` namespace."""

from tandem.enrolment.urls import (
    aboutme,
    changes,
    consents,
    contract,
    imports,
    information,
    privacy,
    registration,
    settling,
)

app_name = "enrolment"
urlpatterns = [
    *aboutme.urlpatterns,
    *changes.urlpatterns,
    *consents.urlpatterns,
    *contract.urlpatterns,
    *imports.urlpatterns,
    *information.urlpatterns,
    *privacy.urlpatterns,
    *registration.urlpatterns,
    *settling.urlpatterns,
]
