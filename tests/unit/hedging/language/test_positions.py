"""Every holding in a free message, with unpriced assets kept and impossible sizes refused."""

from __future__ import annotations

import pytest

from hedging.language.assets import AssetBook
from hedging.language.positions import read_positions

BOOK = AssetBook(["BTC", "ETH", "SOL", "BNB", "XRP", "AAPL", "MSFT", "META", "SPY", "QQQ", "IWM"])


def read(text: str) -> list[tuple]:
    return [(p.symbol, p.quantity, p.value_usd) for p in read_positions(text, BOOK).holdings]


@pytest.mark.parametrize(
    ("text", "holdings"),
    [
        ("25 BNB", [("BNB", 25, None)]),
        (
            "got 1.25 BTC, 8 eth and 12 sol.",
            [("BTC", 1.25, None), ("ETH", 8, None), ("SOL", 12, None)],
        ),
        ("8 AAPL, 12 MSFT and 3 META", [("AAPL", 8, None), ("MSFT", 12, None), ("META", 3, None)]),
        ("SOL: 40", [("SOL", 40, None)]),
        ("XRP 500", [("XRP", 500, None)]),
        ("3eth", [("ETH", 3, None)]),
        ("40 shares of MSFT", [("MSFT", 40, None)]),
        ("300k in IWM", [("IWM", None, 300_000)]),
        ("$15k SOL", [("SOL", None, 15_000)]),
        ("2 million in QQQ", [("QQQ", None, 2_000_000)]),
        ("20 grand of eth", [("ETH", None, 20_000)]),
        ("30k XRP", [("XRP", 30_000, None)]),
    ],
)
def test_holdings_are_read_whichever_way_they_are_written(text: str, holdings: list) -> None:
    assert read(text) == holdings


def test_percentages_share_out_the_stated_total() -> None:
    assert read("70% ETH and 30% SOL, $250k in all") == [
        ("ETH", None, pytest.approx(175_000)),
        ("SOL", None, pytest.approx(75_000)),
    ]


def test_a_broad_portfolio_is_read_as_its_index_proxy() -> None:
    (held,) = read_positions("$500,000 in US stocks", BOOK).holdings

    assert (held.symbol, held.value_usd, held.proxy_for) == ("SPY", 500_000, "US stocks")


def test_a_purchase_price_is_a_cost_basis_and_an_at_sign_is_todays_price() -> None:
    (bought,) = read_positions("bought 3 ETH at 2.5k", BOOK).holdings
    (today,) = read_positions("1,000 SOL @ 150", BOOK).holdings

    assert (bought.cost_basis_usd, bought.price_usd) == (2500, None)
    assert (today.cost_basis_usd, today.price_usd) == (None, 150)


def test_an_asset_we_cannot_price_is_kept_as_unpriced_not_dropped() -> None:
    read_back = read_positions("I'm holding 3 ETH and 800 chainlink", BOOK)

    assert [h.symbol for h in read_back.holdings] == ["ETH"]
    assert read_back.unpriced == ["chainlink"]


@pytest.mark.parametrize("text", ["-2 BTC", "0 btc lol", "1,000,000,000,000,000 DOGE", "2 BTC @ 0"])
def test_impossible_sizes_and_prices_are_a_problem_with_a_reason(text: str) -> None:
    book = AssetBook(["BTC", "DOGE"])
    problem = read_positions(text, book).problem

    assert problem is not None and ("more than zero" in problem or "money in the world" in problem)


def test_a_question_holds_nothing() -> None:
    assert read_positions("what happens to my hedge if btc goes up 50%?", BOOK).holdings == []
