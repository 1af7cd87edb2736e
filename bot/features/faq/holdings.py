"""What a question says about holdings: the FAQ's doors to the holdings parser, so the parser can be
swapped without touching the matcher."""

from __future__ import annotations

import re

from hedging.language.holdings import parse_holdings, unsized_holdings

__all__ = ["is_holding_context", "names_a_sized_holding", "unsized_holdings"]


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
