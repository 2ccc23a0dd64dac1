"""Enrolment's models, one module a feature (R2, R6–R13, R68)."""

from .aboutme import *  # noqa: F403
from .changes import *  # noqa: F403
from .consents import *  # noqa: F403
from .contract import *  # noqa: F403
from .imports import *  # noqa: F403
from .information import *  # noqa: F403
from .privacy import *  # noqa: F403
from .registration import *  # noqa: F403
from .settling import *  # noqa: F403
