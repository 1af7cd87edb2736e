"""Assets a message says are held, with no size: read so that the bot can ask for the size."""

from datetime import UTC, datetime

import pytest

from hedging.language.holdings import unsized_holdings
from hedging.language.understand import understand

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)


def symbols(text: str) -> list[str]:
    return [asset.symbol for asset in unsized_holdings(text)]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("hedge my eth", ["ETH"]),
        ("I would like to take a position that would protect my NVDA investment.", ["NVDA"]),
        ("I own some tesla shares, worried about earnings", ["TSLA"]),
        ("I'm long BTC into FOMC", ["BTC"]),
        ("as a SOL holder, how do I protect myself?", ["SOL"]),
        ("I hold BTC and ETH", ["BTC", "ETH"]),
        ("my long ETH position", ["ETH"]),
        ("how do I hedge my tech stocks", ["QQQ"]),
    ],
)
def test_a_word_of_possession_or_a_holders_word_marks_an_asset_as_held(
    text: str, held: list[str]
) -> None:
    assert symbols(text) == held


@pytest.mark.parametrize(
    "text",
    [
        "why does my BTC short pay funding",  # a position taken, not a holding
        "are my ETH puts worth rolling?",
        "I have a question about ETH",  # possession of something else
        "holding period for AAPL",
        "what is the weather",
        "my house is on fire",  # no asset at all
        "I hold LINK",  # an asset the snapshot cannot price: a size alone could not plan it
    ],
)
def test_an_asset_not_said_to_be_held_is_not_read_as_one(text: str) -> None:
    assert symbols(text) == []


def test_a_proxy_keeps_its_words_and_its_category() -> None:
    (asset,) = unsized_holdings("hedge my tech stocks")

    assert (asset.symbol, asset.proxy_for, asset.typed) == ("QQQ", "tech stocks", "tech stocks")


def test_understanding_keeps_unsized_holdings_outside_the_json_contract() -> None:
    read = understand("hedge my ETH before CPI", now=NOW)

    assert read.route == "question" and read.holdings == []
    assert [h.symbol for h in read.unsized] == ["ETH"]
    assert "unsized" not in read.contract()


def test_a_sized_holding_is_never_also_unsized() -> None:
    read = understand("hedge my 2 ETH", now=NOW)

    assert read.route == "plan" and read.unsized == []
