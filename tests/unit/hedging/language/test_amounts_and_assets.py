"""Amounts and asset names: the two pieces every holding is made of."""

from __future__ import annotations

import pytest

from hedging.language.assets import (
    ENGLISH_NEAR_NAMES,
    FUZZY_MIN_LENGTH,
    FUZZY_MIN_SCORE,
    NAMES,
    AssetBook,
    english_near_names,
)
from hedging.language.holdings import parse_holdings
from hedging.language.numbers import amount_value, words_to_digits

BOOK = AssetBook(["BTC", "ETH", "SOL", "BNB", "ADA", "AAPL", "MSFT", "META", "SPY", "QQQ", "IWM"])


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("a quarter of a bitcoin", "0.25 bitcoin"),
        ("two and a half btc", "2.5 btc"),
        ("three quarters of a btc", "0.75 btc"),
        ("a bitcoin and a half", "1.5 bitcoin"),
        ("a few sol", "3 sol"),
        ("a couple of eth", "2 eth"),
        ("four eth", "4 eth"),
        ("twelve hundred ADA", "1200 ADA"),
        ("ten thousand XRP", "10000 XRP"),
        ("half a million in QQQ", "0.5 million in QQQ"),
        ("for six weeks", "for 6 weeks"),
        ("a big dip", "a big dip"),
    ],
)
def test_spelled_out_amounts_become_digits_and_other_words_stay(text: str, digits: str) -> None:
    assert words_to_digits(text) == digits


@pytest.mark.parametrize(
    ("number", "suffix", "value"),
    [("1,500", None, 1500), ("30", "k", 30_000), ("2", " million", 2e6), ("20", " grand", 20_000)],
)
def test_a_suffix_multiplies_the_number(number: str, suffix: str | None, value: float) -> None:
    assert amount_value(number, suffix) == value


@pytest.mark.parametrize(
    ("word", "symbol", "priced"),
    [
        ("btc", "BTC", True),
        ("ETH", "ETH", True),
        ("sol.", "SOL", True),
        ("ethereum", "ETH", True),
        ("bitcoim", "BTC", True),
        ("cardono", "ADA", True),
        ("Apple", "AAPL", True),
        ("LINK", "LINK", False),
        ("chainlink", "LINK", False),
    ],
)
def test_tickers_names_and_misspellings_name_their_asset(
    word: str, symbol: str, priced: bool
) -> None:
    asset = BOOK.lookup(word)

    assert asset is not None and (asset.symbol, asset.priced) == (symbol, priced)


@pytest.mark.parametrize(
    "word", ["FOMC", "USD", "the", "worried", "weeks", "lol", "other", "either", "tether", "apply"]
)
def test_ordinary_words_and_event_names_are_not_assets(word: str) -> None:
    assert BOOK.lookup(word) is None


def test_the_other_one_is_not_one_ether() -> None:
    assert parse_holdings("isolated mode or the other one") == []


def test_the_english_words_never_repaired_are_every_english_word_near_a_name() -> None:
    from rapidfuzz import fuzz, process

    from bot.features.faq.words import english_words

    names = [name for name in NAMES if len(name) >= FUZZY_MIN_LENGTH]
    near = {
        word
        for word in english_words()
        if len(word) >= FUZZY_MIN_LENGTH and word.isalpha() and word not in NAMES
        if (best := process.extractOne(word, names, scorer=fuzz.ratio))
        and best[1] >= FUZZY_MIN_SCORE
    }
    shipped = english_near_names()
    stale = f"{ENGLISH_NEAR_NAMES.name} is stale: add {sorted(near - shipped)}"
    assert shipped == near, f"{stale}, drop {sorted(shipped - near)}"
