"""The communication hub's models, one module a feature (R26–R35)."""

from .board import *  # noqa: F403
from .events import *  # noqa: F403
from .meetings import *  # noqa: F403
from .messages import *  # noqa: F403
from .news import *  # noqa: F403
from .notifications import *  # noqa: F403
from .outings import *  # noqa: F403
from .translations import *  # noqa: F403
