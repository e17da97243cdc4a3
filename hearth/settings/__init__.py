"""Django settings, composed from one module per concern."""

from hearth.settings.base import *  # noqa: F403
from hearth.settings.database import *  # noqa: F403
from hearth.settings.security import *  # noqa: F403
