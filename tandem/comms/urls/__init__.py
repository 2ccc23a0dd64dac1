"""The communication hub's URLs: one module a feature, all under the ``comms`` namespace."""

import importlib
import importlib.util

from tandem.comms.apps import FEATURES

app_name = "comms"
urlpatterns: list = []
for _feature in FEATURES:
    if importlib.util.find_spec(f"tandem.comms.urls.{_feature}") is not None:
        urlpatterns += importlib.import_module(f"tandem.comms.urls.{_feature}").urlpatterns
