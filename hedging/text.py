"""Moved to hedging.language.understand; re-exported until the conversation branch switches over."""

from hedging.language.understand import ParsedIntent as ParsedIntent
from hedging.language.understand import parse_intent as parse_intent
