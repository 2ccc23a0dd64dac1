"""The records app's URLs: one module a feature, all under the ``records`` namespace."""

import importlib
import importlib.util

from tandem.records.apps import FEATURES

app_name = "records"
urlpatterns: list = []
for _feature in FEATURES:
    if importlib.util.find_spec(f"tandem.records.urls.{_feature}") is not None:
        urlpatterns += importlib.import_module(f"tandem.records.urls.{_feature}").urlpatterns
