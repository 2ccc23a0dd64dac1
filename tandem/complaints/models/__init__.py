"""Concerns and complaints (R56–R64, R53), one module a feature."""

from .agency import *  # noqa: F403
from .allegations import *  # noqa: F403
from .complaints import *  # noqa: F403
from .procedure import *  # noqa: F403
from .record import *  # noqa: F403
