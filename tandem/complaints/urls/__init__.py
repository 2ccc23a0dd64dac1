"""The complaints app's URLs: one module a feature, all under the ``complaints`` namespace."""

import importlib
import importlib.util

from tandem.complaints.apps import FEATURES

app_name = "complaints"
urlpatterns: list = []
for _feature in FEATURES:
    if importlib.util.find_spec(f"tandem.complaints.urls.{_feature}") is not None:
        urlpatterns += importlib.import_module(f"tandem.complaints.urls.{_feature}").urlpatterns
