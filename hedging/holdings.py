"""Read holdings out of what people type: "2 BTC", "$500k of SPY", "1,000 SOL @ 150"."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import ValidationError

from hedging.errors import HedgeInputError
from hedging.models import MAX_NOTIONAL_USD, AssetClass, AssetMarket, Holding

ALIASES = {
    "BITCOIN": "BTC",
    "BITCOINS": "BTC",
    "XBT": "BTC",
    "ETHER": "ETH",
    "ETHEREUM": "ETH",
    "SOLANA": "SOL",
    "DOGECOIN": "DOGE",
    "CARDANO": "ADA",
    "RIPPLE": "XRP",
    "APPLE": "AAPL",
    "MICROSOFT": "MSFT",
    "NVIDIA": "NVDA",
    "AMAZON": "AMZN",
    "GOOGLE": "GOOGL",
    "ALPHABET": "GOOGL",
    "TESLA": "TSLA",
}
MULTIPLIERS = {
    "": 1.0,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
MAX_QUANTITY = 1e12

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SUFFIX = r"thousand|million|billion|mm|mn|bn|k|m|b"
_TICKER = r"[A-Za-z][A-Za-z0-9.\-]{0,11}"


def _amount_pattern(name: str) -> str:
    return rf"(?P<{name}>{_NUMBER})\s*(?P<{name}_unit>{_SUFFIX}\b)?"


_PRICE = r"(?:\s*(?:@|at)\s*\$?\s*" + _amount_pattern("price") + r"(?![\w.]))?"

DOLLAR_HOLDING = re.compile(
    r"(?:\$\s*"
    + _amount_pattern("value")
    + r"|"
    + _amount_pattern("usd")
    + r"\s*(?:usd|dollars))"
    + rf"\s+(?:(?:worth\s+of|of|in)\s+)?(?P<ticker>{_TICKER})(?![A-Za-z0-9])"
    + _PRICE,
    re.IGNORECASE,
)
UNIT_HOLDING = re.compile(
    r"(?<![\w$.,])"
    + _amount_pattern("quantity")
    + rf"\s*(?:(?:shares|units|coins)\s+(?:of\s+)?)?(?P<ticker>{_TICKER})(?![A-Za-z0-9])"
    + _PRICE,
    re.IGNORECASE,
)
_FORMAT_HELP = 'Try something like "2 BTC", "$500k SPY" or "1,000 SOL @ 150".'


def _amount(match: re.Match[str], name: str) -> float | None:
    number = match.group(name)
    if number is None:
        return None
    unit = (match.group(f"{name}_unit") or "").lower()
    return float(number.replace(",", "")) * MULTIPLIERS[unit]


def _known_assets(known: Mapping[str, AssetMarket] | None) -> Mapping[str, AssetMarket]:
    if known is not None:
        return known
    from hedging.market import load_snapshot

    return load_snapshot().assets


def _symbol(ticker: str) -> str:
    upper = ticker.upper()
    return ALIASES.get(upper, upper)


def _build(
    match: re.Match[str], known: Mapping[str, AssetMarket], *, strict: bool
) -> Holding | None:
    """A holding from one match; in a free sentence (strict=False) unknown words are skipped."""
    symbol = _symbol(match.group("ticker"))
    market = known.get(symbol)
    groups = match.groupdict()
    price = _amount(match, "price") if "price" in groups else None
    if market is None and price is None:
        if not strict:
            return None
        raise HedgeInputError(
            f'I don\'t have a price for {symbol}. Add one, like "10 {symbol} @ 25".'
        )
    if "value" in groups:
        value = _amount(match, "value") if groups["value"] else _amount(match, "usd")
        reference_price = price or (market.price_usd if market else None)
        if value is None or reference_price is None:
            return None
        quantity = value / reference_price
    else:
        value = None
        quantity = _amount(match, "quantity") or 0.0
    if quantity <= 0 or (value is not None and value <= 0):
        raise HedgeInputError(f"The amount of {symbol} must be more than zero.")
    unit_price = price or (market.price_usd if market else 0.0)
    if quantity > MAX_QUANTITY or quantity * unit_price > MAX_NOTIONAL_USD:
        raise HedgeInputError(
            f"That much {symbol} is worth more than all the money in the world; check the size."
        )
    asset_class: AssetClass | None = market.asset_class if market else None
    try:
        return Holding(
            symbol=symbol,
            quantity=quantity,
            price_usd=price,
            asset_class=asset_class,
            value_usd=value,
        )
    except ValidationError as error:
        raise HedgeInputError.from_validation(error) from error


def parse_holding(text: str, known: Mapping[str, AssetMarket] | None = None) -> Holding:
    """One holding from text that is nothing but a holding, or a HedgeInputError saying why not."""
    cleaned = " ".join(str(text).split()).strip(" .,;")
    if not cleaned:
        raise HedgeInputError(f"Tell me what you hold. {_FORMAT_HELP}")
    if len(cleaned) > 80:
        raise HedgeInputError(f"That is too long for one holding. {_FORMAT_HELP}")
    assets = _known_assets(known)
    for pattern in (DOLLAR_HOLDING, UNIT_HOLDING):
        match = pattern.fullmatch(cleaned)
        if match is not None:
            holding = _build(match, assets, strict=True)
            if holding is not None:
                return holding
    raise HedgeInputError(f"I couldn't read a holding there. {_FORMAT_HELP}")


def parse_holdings(text: str, known: Mapping[str, AssetMarket] | None = None) -> list[Holding]:
    """Every holding named in a free sentence, in order; words that aren't assets are skipped."""
    assets = _known_assets(known)
    sentence = str(text)[:2000]
    found: list[tuple[int, Holding]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (DOLLAR_HOLDING, UNIT_HOLDING):
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < used_end and used_start < end for used_start, used_end in taken):
                continue
            has_price = "price" in match.groupdict() and match.group("price") is not None
            holding = _build(match, assets, strict=has_price and match.group("ticker").isupper())
            if holding is not None:
                found.append((start, holding))
                taken.append((start, end))
    return [holding for _, holding in sorted(found, key=lambda item: item[0])]


_LOOKS_LIKE_HOLDING = re.compile(r"^\s*\$?\d")  # starts with an amount: meant as a holding
# "... 5 BTCX ...": an amount then a capitalised ticker-like word, anywhere in the sentence
_AMOUNT_AND_TICKER = re.compile(
    r"(?<![\w.])\$?\d[\d,.]*\s*(?:of\s+)?(?P<ticker>[A-Z][A-Z0-9]{1,5})\b"
)
_NOT_TICKERS = frozenset(
    {"AM", "PM", "ET", "UTC", "GMT", "FOMC", "CPI", "PPI", "GDP", "PCE", "NFP", "USD", "EUR", "GBP"}
)
# "-2 BTC", "−$5k of SPY": a minus right before an amount and a ticker
_NEGATIVE_HOLDING = re.compile(r"(?<![\w.])[-−]\s*\$?\d[\d,.]*\s*[kKmM]?\s+(?:of\s+)?[A-Za-z]{2,}")


def names_a_negative_holding(text: str) -> bool:
    """True for "-2 BTC" or "−$5k of SPY": a minus right before an amount and a ticker."""
    return _NEGATIVE_HOLDING.search(text) is not None


def holding_fragment(text: str) -> str | None:
    """The part of a message that was meant as a holding, if any part looks like one."""
    if _LOOKS_LIKE_HOLDING.match(text):
        return text
    for match in _AMOUNT_AND_TICKER.finditer(text):
        if match.group("ticker") not in _NOT_TICKERS:
            return match.group()
    return None


def holding_problem(text: str) -> str | None:
    """Why a text meant as a holding is not one, or None when it reads fine."""
    try:
        parse_holding(text)
    except HedgeInputError as error:
        return error.message
    return None


USD_AMOUNT = re.compile(
    r"^\s*(?:usd\s*)?\$?\s*" + _amount_pattern("usd") + r"\s*(?:\$|usd|dollars?|usdt|usdc)?\s*$",
    re.IGNORECASE,
)


def parse_usd_amount(text: str) -> float | None:
    """A dollar amount on its own: "20000", "$20k", "25,000 USD", "1.5m"; None for anything else,
    zero and amounts past MAX_QUANTITY included."""
    match = USD_AMOUNT.match(text[:100])
    amount = _amount(match, "usd") if match else None
    return amount if amount is not None and 0 < amount <= MAX_QUANTITY else None
