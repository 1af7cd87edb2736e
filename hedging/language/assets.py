"""Which asset a word names: tickers in any case, names and misspellings, broad portfolios.

`AssetBook(priced)` answers `lookup(word)` with an `AssetName` (symbol, whether we can price it,
the index proxy it stands for) or None. Names are matched against an alias table, first exactly,
then with rapidfuzz for misspellings ("bitcoim", "cardono"); `PROXIES` maps portfolios people
describe in words ("US stocks", "the Nasdaq", "small caps") to the index fund that stands in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

NAMES = {
    "bitcoin": "BTC", "bitcoins": "BTC", "btc": "BTC", "xbt": "BTC", "sats": "BTC",
    "ether": "ETH", "ethereum": "ETH", "eth": "ETH",
    "solana": "SOL", "dogecoin": "DOGE", "doge": "DOGE", "cardano": "ADA", "ripple": "XRP",
    "binance coin": "BNB", "bnb": "BNB",
    "apple": "AAPL", "microsoft": "MSFT", "nvidia": "NVDA", "amazon": "AMZN", "google": "GOOGL",
    "alphabet": "GOOGL", "meta": "META", "facebook": "META", "tesla": "TSLA",
    "chainlink": "LINK", "litecoin": "LTC", "polkadot": "DOT", "avalanche": "AVAX",
    "polygon": "POL", "netflix": "NFLX", "palantir": "PLTR", "shiba": "SHIB", "toncoin": "TON",
    "arbitrum": "ARB", "jupiter": "JUP", "hyperliquid": "HYPE", "monero": "XMR", "stellar": "XLM",
    "tron": "TRX", "uniswap": "UNI", "pepe": "PEPE", "sui": "SUI", "aptos": "APT",
}  # fmt: skip
# what a broad portfolio stands for -> (the index fund used, the category said on the card)
PROXIES: list[tuple[str, str, str]] = [
    (r"small[\s-]?caps?(?:\s+stocks)?|(?:the\s+)?russell(?:\s+2000)?|r2k", "IWM", "small caps"),
    (
        r"(?:the\s+)?nasdaq(?:[\s-]?100)?(?:\s+stocks)?|(?:big\s+)?tech(?:\s+stocks)?|tech\s+names",
        "QQQ",
        "tech stocks",
    ),
    (
        r"us\s+(?:stocks|equities|shares|market)|american\s+stocks|(?:the\s+)?s\s?&\s?p(?:\s*500)?"
        r"(?:\s+(?:index\s+)?fund)?|(?:an?\s+)?index\s+fund|total\s+(?:us\s+)?market",
        "SPY",
        "US stocks",
    ),
]
# upper-case words that look like tickers but are not assets
NOT_TICKERS = frozenset(
    [
        "AM",
        "PM",
        "ET",
        "PT",
        "UTC",
        "GMT",
        "FOMC",
        "CPI",
        "PPI",
        "GDP",
        "PCE",
        "NFP",
        "USD",
        "USDT",
        "USDC",
        "EUR",
        "GBP",
        "ETF",
        "SEC",
        "FED",
        "IMO",
        "IDK",
        "LOL",
        "OK",
        "OTC",
        "ATH",
        "DCA",
        "TLDR",
        "RN",
        "AND",
        "OR",
        "THE",
        # words that sit next to an amount in a message typed in capitals
        "HOLD",
        "HODL",
        "HAVE",
        "OWN",
        "GOT",
        "BOUGHT",
        "SOLD",
        "WORTH",
        "SHARES",
        "COINS",
        "TOKENS",
        "UNITS",
        "DOLLARS",
        "BUCKS",
        "GRAND",
        "ABOUT",
        "AROUND",
        "ROUGHLY",
        "NEARLY",
        "ALMOST",
        "OVER",
        "UNDER",
        "EACH",
        "WITH",
        "INTO",
        "FROM",
        "ALSO",
        "PLUS",
        "JUST",
        "ONLY",
        "SOME",
        "LIKE",
        "STACK",
        "BAG",
        "BAGS",
        "MY",
        "IN",
        "ON",
        "AT",
        "OF",
        "TO",
        "IS",
        "IT",
        "BE",
        "BY",
        "HI",
        "NOT",
        "ALL",
        "YOLO",
        "HODL",
        "FUD",
        "FOMO",
        "IPO",
        "CEO",
        "EOD",
        "EOW",
        "EOM",
        "PNL",
        "ROI",
        "APR",
        "APY",
        "DM",
        "PLS",
        "PLZ",
        "THX",
        "TY",
        "IRA",
        "ROTH",
        "US",
        "UK",
        "EU",
        "NYC",
        "LA",
        "SF",
        "TV",
        "AI",
        "ASAP",
        "FYI",
        "IV",
        "OI",
        "NFT",
        "DEX",
        "CEX",
        "VIP",
        "NOW",
        "NEW",
        "ANY",
        "BTW",
    ]
)
FUZZY_MIN_SCORE = 80
ENGLISH_NEAR_NAMES = Path(__file__).resolve().parent.parent / "data" / "english_near_names.txt"
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True)
class AssetName:
    """What one word names: the symbol, whether the snapshot can price it, the proxy category."""

    symbol: str
    priced: bool
    proxy_for: str | None = None
    typed: str = ""  # the words as the user wrote them, for an asset we cannot price


class AssetBook:
    """Looks words up against the assets we can price and the names people use for them."""

    def __init__(self, priced: Iterable[str]) -> None:
        self.priced = frozenset(symbol.upper() for symbol in priced)

    def lookup(
        self, word: str, *, fuzzy: bool = True, strict_case: bool = True
    ) -> AssetName | None:
        """The asset a single word names, or None. An unknown upper-case word of 2 to 10 letters and
        digits is taken as a ticker we cannot price (with strict_case=False, any case)."""
        return _name_of(word, self.priced, fuzzy, strict_case)


@lru_cache(maxsize=8192)  # a message looks up ~20 words, most of them the same from one to the next
def _name_of(word: str, priced: frozenset[str], fuzzy: bool, strict_case: bool) -> AssetName | None:
    cleaned = word.strip(".,;:!?()[]{}'\"").lstrip("$#")
    if not cleaned or not _SYMBOL_LIKE.fullmatch(cleaned):
        return None
    lower, upper = cleaned.lower(), cleaned.upper()
    if upper in priced:
        return AssetName(upper, True, typed=cleaned)
    if lower in NAMES:
        symbol = NAMES[lower]
        return AssetName(symbol, symbol in priced, typed=cleaned)
    if fuzzy and len(lower) >= FUZZY_MIN_LENGTH and lower not in english_near_names():
        from rapidfuzz import fuzz, process  # only misspellings need it; keeps cold starts quick

        best = process.extractOne(lower, _fuzzy_names(), scorer=fuzz.ratio)
        if best is not None and best[1] >= FUZZY_MIN_SCORE:
            symbol = NAMES[best[0]]
            return AssetName(symbol, symbol in priced, typed=cleaned)
    looks_like_ticker = (cleaned.isupper() or not strict_case) and 2 <= len(cleaned) <= 10
    if looks_like_ticker and _TICKER_LIKE.fullmatch(cleaned) and upper not in NOT_TICKERS:
        return AssetName(upper, False, typed=upper)
    return None


_SYMBOL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9.\-]{0,11}")
_TICKER_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9]+")


@cache
def english_near_names() -> frozenset[str]:
    """English words close enough to a name to pass for its misspelling: never repaired."""
    lines = ENGLISH_NEAR_NAMES.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def _fuzzy_names() -> list[str]:
    return [name for name in NAMES if len(name) >= FUZZY_MIN_LENGTH]


def proxy_pattern() -> str:
    """One alternation of every proxy phrase, each in its own named group."""
    return "|".join(f"(?P<proxy{index}>{words})" for index, (words, _, _) in enumerate(PROXIES))


def proxy_from_match(match: re.Match[str]) -> AssetName | None:
    """The proxy asset behind a match of `proxy_pattern()`, or None if no proxy group matched."""
    for index, (_, symbol, category) in enumerate(PROXIES):
        if match.group(f"proxy{index}"):
            return AssetName(symbol, True, proxy_for=category)
    return None
