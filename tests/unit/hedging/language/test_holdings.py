import pytest

from hedging.errors import HedgeInputError
from hedging.language.holdings import (
    holding_fragment,
    holding_problem,
    names_a_negative_holding,
    parse_holding,
    parse_holdings,
)
from hedging.market import load_snapshot
from hedging.models import AssetClass, Holding

SPY_PRICE = load_snapshot().assets["SPY"].price_usd
QQQ_PRICE = load_snapshot().assets["QQQ"].price_usd
TSLA_PRICE = load_snapshot().assets["TSLA"].price_usd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 BTC", Holding(symbol="BTC", quantity=2, asset_class=AssetClass.CRYPTO)),
        ("0.5 eth", Holding(symbol="ETH", quantity=0.5, asset_class=AssetClass.CRYPTO)),
        ("2 bitcoin", Holding(symbol="BTC", quantity=2, asset_class=AssetClass.CRYPTO)),
        (
            "1,000 SOL @ 150",
            Holding(symbol="SOL", quantity=1000, price_usd=150, asset_class=AssetClass.CRYPTO),
        ),
        (
            "100 shares of AAPL",
            Holding(symbol="AAPL", quantity=100, asset_class=AssetClass.STOCK),
        ),
        ("10 XYZ @ 25", Holding(symbol="XYZ", quantity=10, price_usd=25)),
        (
            "$500k SPY",
            Holding(
                symbol="SPY",
                quantity=500_000 / SPY_PRICE,
                asset_class=AssetClass.ETF,
                value_usd=500_000,
            ),
        ),
        (
            "$500k of SPY",
            Holding(
                symbol="SPY",
                quantity=500_000 / SPY_PRICE,
                asset_class=AssetClass.ETF,
                value_usd=500_000,
            ),
        ),
        (
            "$1.2m QQQ",
            Holding(
                symbol="QQQ",
                quantity=1_200_000 / QQQ_PRICE,
                asset_class=AssetClass.ETF,
                value_usd=1_200_000,
            ),
        ),
        (
            "$2,500 of XYZ @ 25",
            Holding(symbol="XYZ", quantity=100, price_usd=25, value_usd=2500),
        ),
    ],
)
def test_a_holding_is_read_from_the_ways_people_write_it(text, expected):
    assert parse_holding(text) == expected


def test_every_holding_in_a_free_sentence_is_found_in_order_and_other_words_ignored():
    found = parse_holdings("I hold 2 BTC and 10 ETH, worried about FOMC in 3 days with 2x leverage")

    assert [(holding.symbol, holding.quantity) for holding in found] == [("BTC", 2), ("ETH", 10)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("hedge 2 BTC at 2x leverage", [("BTC", 2, None)]),
        ("2 BTC at 50k and 100 shares of apple", [("BTC", 2, 50_000), ("AAPL", 100, None)]),
        (
            "I have 0.5 btc, 3 eth and 1.5k sol",
            [("BTC", 0.5, None), ("ETH", 3, None), ("SOL", 1500, None)],
        ),
        ("$250k of tesla, for 3 days", [("TSLA", 250_000 / TSLA_PRICE, None)]),
    ],
)
def test_sentences_yield_their_holdings_with_any_price_given(sentence, expected):
    found = parse_holdings(sentence)

    assert [(h.symbol, h.quantity, h.price_usd) for h in found] == [
        (symbol, pytest.approx(quantity), price) for symbol, quantity, price in expected
    ]


def test_a_sentence_without_holdings_gives_an_empty_list():
    assert parse_holdings("what is a protective put?") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hello", "I couldn't read a holding there."),
        ("2 <b>BTC</b>", "I couldn't read a holding there."),
        ("<script>alert(1)</script>", "I couldn't read a holding there."),
        ("1e20 BTC", "I couldn't read a holding there."),
        ("", "Tell me what you hold."),
        ("10 XYZ", 'I don\'t have a price for XYZ. Add one, like "10 XYZ @ 25".'),
        ("0 BTC", "The amount of BTC must be more than zero."),
        ("99999999999999 BTC", "That much BTC is worth more than all the money in the world"),
        ("$5000b SPY", "That much SPY is worth more than all the money in the world"),
    ],
)
def test_nonsense_gets_one_friendly_sentence(text, message):
    with pytest.raises(HedgeInputError) as raised:
        parse_holding(text)

    assert raised.value.message.startswith(message)
    assert "<" not in raised.value.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2 XYZQ", "2 XYZQ"),  # starts with an amount: the whole message was meant as a holding
        ("<script>alert(1)</script> I hold 5 BTCX", "5 BTCX"),
        ("CPI at 8 AM on Thursday", None),  # an amount before a word that is no ticker
        ("what does 10 USD of fees mean?", None),
        ("how does funding work?", None),
    ],
)
def test_the_part_of_a_message_meant_as_a_holding_is_found(text, fragment):
    assert holding_fragment(text) == fragment


@pytest.mark.parametrize(
    ("text", "negative"),
    [("-2 BTC", True), ("sell −$5k of SPY", True), ("2 BTC", False), ("BTC-2025", False)],
)
def test_a_minus_before_an_amount_and_a_ticker_is_a_negative_holding(text, negative):
    assert names_a_negative_holding(text) is negative


def test_a_holding_problem_is_the_parsers_own_explanation():
    assert (
        holding_problem("5 BTCX") == 'I don\'t have a price for BTCX. Add one, like "10 BTCX @ 25".'
    )
    assert holding_problem("5 BTC") is None
