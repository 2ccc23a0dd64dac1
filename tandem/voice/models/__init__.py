"""Parents' voice (R36–R41), one module a feature."""

from .consultations import *  # noqa: F403
from .forum import *  # noqa: F403
from .policies import *  # noqa: F403
from .questionnaires import *  # noqa: F403
from .suggestions import *  # noqa: F403
