"""What a question says about holdings: the FAQ's doors to the holdings parser, so the parser can be
swapped without touching the matcher, and the words that, beside a holding, ask for a plan."""

from __future__ import annotations

import re

from hedging.language.holdings import parse_holdings, unsized_holdings

__all__ = [
    "ASKS_HOW",
    "HEDGE_WAYS",
    "HOW_TO_HEDGE",
    "PLAN_REQUEST_WORDS",
    "is_holding_context",
    "names_a_sized_holding",
    "unsized_holdings",
]

# Besides the general hedging words, what "how do I hedge it" is asked with: a holding named with
# nothing else asked is a plan request ("I hold 2 BTC, how do I protect it?")
HOW_TO_HEDGE = frozenset({"=protect", "=reducerisk"})
ASKS_HOW = re.compile(r"\bhow\b", re.IGNORECASE)
# the ways to hedge that a plan prices side by side: asking which of them fits a named holding
# is asking for the plan ("I hold 2 BTC, short perps or buy puts?")
HEDGE_WAYS = """put puts call calls option options future futures perp perps perpetual contract
contracts short shorting"""
# what a hedge request with no size may say besides the asset: the worry, when, and how it is
# held; anything else ("half", "collateral", "puts" without "hedge") asks the FAQ
PLAN_REQUEST_WORDS = """worried scared nervous afraid crash dump drop fall tank fomc cpi earnings
not avoid lose losing loss losses money wrecked bleed bleeding plunge nuke nuked bunch lot
regulation unlock best way safest investment position holding holdings holder long bags stack
portfolio spot
take like want need use next week month day days tomorrow tonight weekend monday tuesday wednesday
thursday friday saturday sunday cheap cheapest simplest easiest quickest effectively properly
safely pls plz help thanks thx"""


def names_a_sized_holding(text: str) -> bool:
    """Whether the text names something held with its size ("2 BTC", "$500k of SPY"). With
    `unsized_holdings` ("my ETH"), the FAQ's doors to the holdings parser, so the parser can be
    swapped without touching the matcher."""
    try:
        return bool(parse_holdings(text))
    except ValueError:
        return False


HOLDING_WORDS = frozenset({"hold", "own", "have", "got", "bought", "my"})
AMOUNT = re.compile(r"[\d.,]+[kmb]?")


def is_holding_context(term: str) -> bool:
    """The size and the verb of a holding named in the asking sentence ("how do I hedge 2 BTC",
    "I hold 2 BTC, how do I hedge it"): what is held, not what is asked."""
    return term in HOLDING_WORDS or AMOUNT.fullmatch(term) is not None
