"""Moved to hedging.language.when; re-exported until the conversation branch switches over."""

from hedging.language.when import *  # noqa: F403
from hedging.language.when import __all__ as __all__
