"""The voice app's URLs: one module a feature, all under the ``voice`` namespace."""

import importlib
import importlib.util

from tandem.voice.apps import FEATURES

app_name = "voice"
urlpatterns: list = []
for _feature in FEATURES:
    if importlib.util.find_spec(f"tandem.voice.urls.{_feature}") is not None:
        urlpatterns += importlib.import_module(f"tandem.voice.urls.{_feature}").urlpatterns
