"""The agencies app's URLs: one module a feature, all under the ``agencies`` namespace."""

import importlib
import importlib.util

from tandem.agencies.apps import FEATURES

app_name = "agencies"
urlpatterns: list = []
for _feature in FEATURES:
    if importlib.util.find_spec(f"tandem.agencies.urls.{_feature}") is not None:
        urlpatterns += importlib.import_module(f"tandem.agencies.urls.{_feature}").urlpatterns
