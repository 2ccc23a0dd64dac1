"""The journal's URLs: one module a feature, all under the ``journal`` namespace."""

from tandem.journal.urls import (
    boards,
    book,
    eyfs,
    home,
    hub,
    media,
    nextsteps,
    observations,
    offers,
    sharing,
    summaries,
    twocheck,
)

app_name = "journal"
urlpatterns = [
    *eyfs.urlpatterns,
    *observations.urlpatterns,
    *media.urlpatterns,
    *home.urlpatterns,
    *hub.urlpatterns,
    *nextsteps.urlpatterns,
    *summaries.urlpatterns,
    *twocheck.urlpatterns,
    *book.urlpatterns,
    *boards.urlpatterns,
    *offers.urlpatterns,
    *sharing.urlpatterns,
]
