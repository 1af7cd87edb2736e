"""Moved to hedging.language; re-exported until the conversation branch switches over."""

from hedging.language.understand import ParsedIntent, parse_intent  # noqa: F401
