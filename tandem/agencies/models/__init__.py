"""Other agencies (R22–R24, R46–R52), one module a feature."""

from .directory import *  # noqa: F403
from .multiagency import *  # noqa: F403
from .plans import *  # noqa: F403
from .protection import *  # noqa: F403
from .received import *  # noqa: F403
from .sharing import *  # noqa: F403
from .visits import *  # noqa: F403
