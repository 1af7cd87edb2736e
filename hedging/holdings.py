"""Moved to hedging.language.holdings; re-exported until the conversation branch switches over."""

from hedging.language.holdings import *  # noqa: F403
from hedging.language.holdings import __all__ as __all__
