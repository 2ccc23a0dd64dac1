"""Schools and the record's life (R54, R55, R65–R67), one module a feature."""

from .requests import *  # noqa: F403
from .retention import *  # noqa: F403
from .schools import *  # noqa: F403
from .transfer import *  # noqa: F403
from .transition import *  # noqa: F403
