"""The day's models, one module a feature (R42–R45, R9)."""

from .collection import *  # noqa: F403
from .late import *  # noqa: F403
from .medication import *  # noqa: F403
from .register import *  # noqa: F403
