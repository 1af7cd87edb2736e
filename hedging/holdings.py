"""Moved to hedging.language.holdings; re-exported until the conversation branch switches over."""

from hedging.language.holdings import holding_fragment, holding_problem, names_a_negative_holding, parse_holding, parse_holdings  # noqa: F401
