"""The learning journal's models, one module a feature (R14–R21, R25)."""

from .boards import *  # noqa: F403
from .book import *  # noqa: F403
from .eyfs import *  # noqa: F403
from .media import *  # noqa: F403
from .nextsteps import *  # noqa: F403
from .observations import *  # noqa: F403
from .offers import *  # noqa: F403
from .sharing import *  # noqa: F403
from .summaries import *  # noqa: F403
from .twocheck import *  # noqa: F403
