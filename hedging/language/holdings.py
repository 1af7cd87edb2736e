"""Holdings as core `Holding`s, for callers that need the planner's model rather than a reading.

`parse_holdings(text, known)` -> every holding in a free message (HedgeInputError for a negative,
zero or impossible size); `parse_holding(text, known)` -> the one holding of a text that is
nothing but a holding, or a HedgeInputError saying why not; `holding_problem(text)` -> that
reason or None; `holding_fragment(text)` -> the part of a message meant as a holding;
`names_a_negative_holding(text)`; `unsized_holdings(text, known)` -> the assets a text says are held
without a size ("hedge my ETH").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import ValidationError

from hedging.errors import HedgeInputError
from hedging.language.assets import NOT_TICKERS, AssetBook, AssetName
from hedging.language.positions import read_positions
from hedging.language.tokens import clean
from hedging.language.unsized import read_unsized
from hedging.models import MAX_NOTIONAL_USD, AssetMarket, Holding

__all__ = [
    "holding_fragment",
    "holding_problem",
    "names_a_negative_holding",
    "parse_holding",
    "parse_holdings",
    "unsized_holdings",
]
FORMAT_HELP = 'Try something like "2 BTC", "$500k SPY" or "1,000 SOL @ 150".'
MAX_HOLDING_TEXT = 80
_LOOKS_LIKE_HOLDING = re.compile(r"^\s*\$?\d")  # starts with an amount: meant as a holding
_AMOUNT_AND_TICKER = re.compile(
    r"(?<![\w.])\$?\d[\d,.]*\s*(?:of\s+)?(?P<ticker>[A-Z][A-Z0-9]{1,5})\b"
)
_NEGATIVE_HOLDING = re.compile(r"(?<![\w.])[-−]\s*\$?\d[\d,.]*\s*[kKmM]?\s+(?:of\s+)?[A-Za-z]{2,}")


def _known_assets(known: Mapping[str, AssetMarket] | None) -> Mapping[str, AssetMarket]:
    if known is not None:
        return known
    from hedging.market import load_snapshot

    return load_snapshot().assets


def parse_holdings(text: str, known: Mapping[str, AssetMarket] | None = None) -> list[Holding]:
    """Every priced holding named in a free sentence, in order; unknown words are skipped."""
    assets = _known_assets(known)
    read = read_positions(str(text), AssetBook(assets))
    if read.problem is not None:
        raise HedgeInputError(read.problem)
    found: list[Holding] = []
    for position in read.holdings:
        market = assets.get(position.symbol)
        price = position.price_usd or (market.price_usd if market else None)
        if price is None:
            continue
        quantity = (
            position.quantity
            if position.quantity is not None
            else (position.value_usd or 0) / price
        )
        if quantity * price > MAX_NOTIONAL_USD:
            raise HedgeInputError(
                f"That much {position.symbol} is worth more than all the money in the world; "
                "check the size."
            )
        try:
            found.append(
                Holding(
                    symbol=position.symbol,
                    quantity=quantity,
                    price_usd=position.price_usd,
                    asset_class=market.asset_class if market else None,
                    value_usd=position.value_usd,
                )
            )
        except ValidationError as error:
            raise HedgeInputError.from_validation(error) from error
    return found


def parse_holding(text: str, known: Mapping[str, AssetMarket] | None = None) -> Holding:
    """One holding from text that is nothing but a holding, or a HedgeInputError saying why not."""
    cleaned = " ".join(str(text).split()).strip(" .,;")
    if not cleaned:
        raise HedgeInputError(f"Tell me what you hold. {FORMAT_HELP}")
    if len(cleaned) > MAX_HOLDING_TEXT:
        raise HedgeInputError(f"That is too long for one holding. {FORMAT_HELP}")
    assets = _known_assets(known)
    read = read_positions(cleaned, AssetBook(assets))
    if read.problem is not None:
        raise HedgeInputError(read.problem)
    if read.unpriced and not read.holdings:
        symbol = read.unpriced[0].upper()
        raise HedgeInputError(
            f'I don\'t have a price for {symbol}. Add one, like "10 {symbol} @ 25".'
        )
    holdings = parse_holdings(cleaned, assets)
    if len(holdings) != 1:
        raise HedgeInputError(f"I couldn't read a holding there. {FORMAT_HELP}")
    return holdings[0]


def names_a_negative_holding(text: str) -> bool:
    """True for "-2 BTC" or "−$5k of SPY": a minus right before an amount and a ticker."""
    return _NEGATIVE_HOLDING.search(text) is not None


def holding_fragment(text: str) -> str | None:
    """The part of a message that was meant as a holding, if any part looks like one."""
    if _LOOKS_LIKE_HOLDING.match(text):
        return text
    for match in _AMOUNT_AND_TICKER.finditer(text):
        if match.group("ticker") not in NOT_TICKERS:
            return match.group()
    return None


def holding_problem(text: str) -> str | None:
    """Why a text meant as a holding is not one, or None when it reads fine."""
    try:
        parse_holding(text)
    except HedgeInputError as error:
        return error.message
    return None


def unsized_holdings(text: str, known: Mapping[str, AssetMarket] | None = None) -> list[AssetName]:
    """Priced assets the text says are held, with no size given ("protect my NVDA")."""
    return read_unsized(clean(text), AssetBook(_known_assets(known)))
