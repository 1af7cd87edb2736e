"""The live provider over recorded venues: live values, every fallback, and a note for each."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest

from hedging.market import SnapshotProvider
from hedging.models import HedgeKind, HedgeRequest, Holding, Portfolio, Region
from hedging.planner import recommend
from hedging.skew import skewed_vol
from marketdata.cache import Answer, Missing
from tests.fakes.marketdata import BUILT_IN, RECORDINGS, FakeClock, Venues, live_provider


def recorded(venue: str, call: str) -> Any:
    return json.loads((RECORDINGS / f"{venue}.json").read_text())["calls"][call]


def numpy_volatility(venue: str, call: str) -> float:
    """Annualised volatility of the recorded closes, today's unfinished candle left out."""
    closes = np.array([row[4] for row in recorded(venue, call)[:-1]])
    return float(np.std(np.diff(np.log(closes)), ddof=1) * np.sqrt(365))


def test_a_healthy_market_prices_btc_entirely_from_the_exchanges() -> None:
    market = live_provider(Venues(), FakeClock()).snapshot(["BTC"])
    btc = market.assets["BTC"]
    chosen_put = "BTC/USD:BTC-261204-92000-P"  # first expiry a week out, strike nearest 91,250
    assert market.source == "live: binance, deribit"
    assert market.note is None
    assert btc.price_usd == recorded("binance", "fetch_ticker BTC/USDT")["last"]
    assert (
        btc.funding_rate == recorded("binance", "fetch_funding_rate BTC/USDT:USDT")["fundingRate"]
    )
    assert btc.funding_interval_hours == 8  # not in Binance's fundingInfo list: the 8 h default
    assert btc.volatility == pytest.approx(numpy_volatility("binance", "fetch_ohlcv BTC/USDT 1d"))
    iv = recorded("deribit", f"fetch_ticker {chosen_put}")["info"]["mark_iv"]
    assert btc.implied_volatility == pytest.approx(iv / 100)
    assert btc.option_contract_size == 0.1
    perpetual = recorded("binance", "load_markets")["BTC/USDT:USDT"]
    option = recorded("deribit", "load_markets")[chosen_put]
    assert (market.fees.taker, market.fees.maker, market.fees.option_rate) == (
        perpetual["taker"],
        perpetual["maker"],
        option["taker"],
    )
    assert market.as_of == datetime(2026, 11, 25, 11, 0, 5, tzinfo=UTC)
    assert (btc.price_source, btc.price_as_of) == ("binance", market.as_of)


def test_the_listed_expiries_and_strike_step_come_from_the_options_venue() -> None:
    btc = live_provider(Venues(), FakeClock()).snapshot(["BTC"]).assets["BTC"]
    puts = [
        market
        for market in recorded("deribit", "load_markets").values()
        if market["base"] == "BTC" and market["optionType"] == "put"
    ]
    expiries = sorted({datetime.fromtimestamp(m["expiry"] / 1000, UTC) for m in puts})
    assert btc.option_expiries == expiries
    assert btc.strike_step_usd == 2000
    assert btc.option_contract_size == 0.1


def test_an_options_plan_on_live_data_names_an_option_the_venue_lists() -> None:
    provider = live_provider(Venues(), FakeClock(), fallback=SnapshotProvider())
    request = HedgeRequest(portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]))
    result = recommend(request, provider.for_region(Region.OTHER), now=FakeClock().now())
    options = next(plan.options for plan in result.plans if plan.kind is HedgeKind.OPTIONS)
    assert options is not None
    listed = {
        (datetime.fromtimestamp(m["expiry"] / 1000, UTC), m["strike"])
        for m in recorded("deribit", "load_markets").values()
        if m["base"] == "BTC" and m["optionType"] == "put"
    }
    assert (options.expiry, options.strike_usd) in listed
    btc = provider.snapshot(["BTC"]).assets["BTC"]  # the live IV, skewed to the strike
    assert options.implied_vol == pytest.approx(
        skewed_vol(
            btc.implied_volatility,
            btc.price_usd,
            options.strike_usd,
            btc.skew_slope,
            btc.skew_curvature,
        )
    )
    assert result.market.source == "live: binance, deribit"


def test_correlation_is_measured_on_the_recorded_closes() -> None:
    market = live_provider(Venues(), FakeClock()).snapshot(["BTC", "ETH"])
    btc = [row[4] for row in recorded("binance", "fetch_ohlcv BTC/USDT 1d")[:-1]]
    eth = [row[4] for row in recorded("binance", "fetch_ohlcv ETH/USDT 1d")[:-1]]
    expected = np.corrcoef(np.diff(np.log(btc)), np.diff(np.log(eth)))[0, 1]
    assert market.correlations["BTC/ETH"] == pytest.approx(expected, abs=1e-12)
    assert market.correlations["BTC/SOL"] == BUILT_IN.correlations["BTC/SOL"]  # not asked for


def test_stocks_keep_the_snapshot_values() -> None:
    market = live_provider(Venues(), FakeClock()).snapshot(["SPY", "BTC"])
    assert market.assets["SPY"] == BUILT_IN.assets["SPY"]


def test_a_timed_out_venue_gives_way_to_the_next_and_the_plan_says_so() -> None:
    venues = Venues({"binance": {"fetch_ticker BTC/USDT": "timeout"}})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    assert market.assets["BTC"].price_usd == recorded("bybit", "fetch_ticker BTC/USDT")["last"]
    assert market.source == "live: binance, bybit, deribit"
    assert market.note == "BTC price from bybit: binance timed out."


@pytest.mark.parametrize(
    "broken_ticker",
    [
        {"symbol": "BTC/USDT", "last": None, "close": None},
        {"symbol": "BTC/USDT", "last": -91250.0},
        {"symbol": "BTC/USDT", "last": "NaN"},
        "<html>502 Bad Gateway</html>",
        [],
    ],
)
def test_malformed_prices_are_refused_and_the_next_venue_asked(broken_ticker: Any) -> None:
    venues = Venues({"binance": {"fetch_ticker BTC/USDT": broken_ticker}})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    assert market.assets["BTC"].price_usd == recorded("bybit", "fetch_ticker BTC/USDT")["last"]
    assert market.note == "BTC price from bybit: binance sent data that could not be read."


@pytest.mark.parametrize(
    ("call", "broken"),
    [
        ("fetch_funding_rate BTC/USDT:USDT", {"fundingRate": 3.0, "interval": "8h"}),
        ("fetch_funding_rate BTC/USDT:USDT", {"fundingRate": 0.0001, "interval": "weekly"}),
        ("fetch_ohlcv BTC/USDT 1d", [[1795564800000, 1.0]]),
        ("fetch_ohlcv BTC/USDT 1d", [[1795564800000, 1, 1, 1, 1, 1]] * 5),
    ],
)
def test_malformed_funding_and_history_fall_through_to_bybit(call: str, broken: Any) -> None:
    venues = Venues({"binance": {call: broken}})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    what = "funding" if "funding" in call else "volatility"
    assert market.note == f"BTC {what} from bybit: binance sent data that could not be read."


def test_a_venue_that_is_down_gives_way_to_the_next_for_every_coin_in_one_sentence() -> None:
    venues = Venues({"binance": {"load_markets": "down"}})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    assert market.assets["BTC"].price_usd == recorded("bybit", "fetch_ticker BTC/USDT")["last"]
    assert market.note == (
        "BTC and ETH price, funding and volatility from bybit: binance did not answer."
    )
    assert market.fees.taker == recorded("bybit", "load_markets")["BTC/USDT:USDT"]["taker"]


def test_a_coin_no_venue_lists_keeps_its_built_in_values_and_says_where_it_looked() -> None:
    market = live_provider(Venues(), FakeClock()).snapshot(["DOGE"])
    assert market.assets["DOGE"] == BUILT_IN.assets["DOGE"]
    assert market.note == (
        "DOGE price and volatility from the built-in snapshot of 2026-11-20: "
        "binance, bybit, okx and deribit list no DOGE spot market. "
        "DOGE funding from the built-in snapshot of 2026-11-20: "
        "binance, bybit, okx and deribit list no DOGE perpetual."
    )


def test_when_the_only_venue_listing_a_coin_is_down_the_snapshot_is_used_and_named() -> None:
    venues = Venues({"binance": {"load_markets": "down"}})
    market = live_provider(venues, FakeClock()).snapshot(["SOL"])
    assert market.assets["SOL"].price_usd == BUILT_IN.assets["SOL"].price_usd
    assert market.assets["SOL"].volatility == BUILT_IN.assets["SOL"].volatility
    assert market.note is not None
    assert market.note.startswith(
        "SOL price, funding and volatility from the built-in snapshot of 2026-11-20: "
        "binance did not answer."
    )


def test_when_no_exchange_answers_the_whole_market_is_the_built_in_snapshot() -> None:
    down = {"load_markets": "down"}
    venues = Venues({venue: down for venue in ("binance", "bybit", "okx", "deribit")})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    assert market.source == BUILT_IN.source
    assert market.as_of == BUILT_IN.as_of
    assert market.assets == BUILT_IN.assets
    assert market.correlations == BUILT_IN.correlations
    assert market.note == (
        "BTC and ETH price, funding and volatility from the built-in snapshot of 2026-11-20: "
        "binance, bybit, okx and deribit did not answer. "
        "BTC and ETH implied vol from the built-in snapshot of 2026-11-20: deribit did not answer."
    )


def test_an_unreachable_option_ticker_falls_back_to_dvol() -> None:
    venues = Venues({"deribit": {"fetch_ticker BTC/USD:BTC-261204-92000-P": "down"}})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    latest = recorded("deribit", "public_get_get_volatility_index_data BTC")["result"]["data"][-1]
    assert market.assets["BTC"].implied_volatility == pytest.approx(latest[4] / 100)
    assert market.note == "BTC implied vol from deribit DVOL: deribit option ticker did not answer."


def test_without_option_ticker_or_dvol_the_built_in_implied_vol_is_used() -> None:
    broken = {
        "fetch_ticker BTC/USD:BTC-261204-92000-P": "timeout",
        "public_get_get_volatility_index_data BTC": {"result": {"data": []}},
    }
    market = live_provider(Venues({"deribit": broken}), FakeClock()).snapshot(["BTC"])
    assert market.assets["BTC"].implied_volatility == BUILT_IN.assets["BTC"].implied_volatility
    assert market.note == (
        "BTC implied vol from the built-in snapshot of 2026-11-20: "
        "deribit option ticker timed out; deribit DVOL sent data that could not be read."
    )


def test_a_coin_without_listed_options_is_not_reported_as_a_failure() -> None:
    market = live_provider(Venues(), FakeClock()).snapshot(["SOL"])
    assert market.assets["SOL"].implied_volatility is None
    assert market.note is None


def test_binance_funding_interval_comes_from_its_funding_info_list() -> None:
    listed = {"BTC/USDT:USDT": {"symbol": "BTC/USDT:USDT", "interval": "4h"}}
    venues = Venues({"binance": {"fetch_funding_intervals": listed}})
    market = live_provider(venues, FakeClock()).snapshot(["BTC"])
    assert market.assets["BTC"].funding_interval_hours == 4


def test_a_us_user_is_priced_from_us_venues_and_offered_no_offshore_option_listing() -> None:
    venues = Venues()
    provider = live_provider(venues, FakeClock())
    market = provider.snapshot(["BTC"], region=Region.US)
    assert market.assets["BTC"].price_usd == recorded("coinbase", "fetch_ticker BTC/USD")["last"]
    assert "binance" not in venues.opened
    assert ("options", "BTC") not in provider.known()


def test_a_hung_venue_delays_the_reply_by_one_wait_then_fills_the_cache_behind_it() -> None:
    hang = threading.Event()
    venues = Venues({"binance": {"fetch_ticker BTC/USDT": "hang"}}, hang=hang)
    provider = live_provider(venues, FakeClock(), timeout_seconds=0.05)
    first = provider.snapshot(["BTC"])
    assert first.assets["BTC"].price_usd == BUILT_IN.assets["BTC"].price_usd
    assert first.note is not None
    assert first.note.startswith(
        "BTC price from the built-in snapshot of 2026-11-20: no answer within 0.05 s."
    )
    safety = threading.Timer(10, hang.set)  # were the next reply to wait, it would see bybit
    safety.start()
    unused = (provider.settings.lifetimes()["price"], lambda: Answer(None, "unused"))
    second_reply = provider.cache.lookup({("price", "world", "BTC"): unused}, wait_seconds=3600)
    safety.cancel()
    assert second_reply[("price", "world", "BTC")] == Missing(
        ("no answer within 3600 s",), FakeClock().now()
    )
    hang.set()  # the venue finally times out; the loader asks bybit, in the background
    provider.cache.wait_for_loads(timeout=5)
    second = provider.snapshot(["BTC"])
    assert second.assets["BTC"].price_usd == recorded("bybit", "fetch_ticker BTC/USDT")["last"]
    assert second.note == "BTC price from bybit: binance timed out."


def test_fresh_answers_are_served_from_the_cache_without_calling_the_venue() -> None:
    venues, clock = Venues(), FakeClock()
    provider = live_provider(venues, clock)
    provider.snapshot(["BTC"])
    calls_before = venues.calls("binance")
    clock.advance(seconds=10)
    provider.snapshot(["BTC"])
    assert venues.calls("binance") == calls_before


def test_a_stale_price_is_served_at_once_and_refreshed_behind_the_reply() -> None:
    venues, clock = Venues(), FakeClock()
    provider = live_provider(venues, clock)
    first = provider.snapshot(["BTC"])
    clock.advance(seconds=20)  # past the 15 s price lifetime, well within funding's 5 minutes
    second = provider.snapshot(["BTC"])
    provider.cache.wait_for_loads(timeout=5)
    assert second.as_of == first.as_of  # the reply used the cached price
    assert venues.calls("binance").count("fetch_ticker BTC/USDT") == 2
    assert venues.calls("binance").count("fetch_funding_rate BTC/USDT:USDT") == 1
    assert provider.snapshot(["BTC"]).as_of == first.as_of  # funding is still the oldest value
    assert provider.known()[("price", "world", "BTC")].fetched_at == clock.now()
    assert provider.snapshot(["BTC"]).assets["BTC"].price_as_of == clock.now()


def test_a_failure_is_remembered_so_later_replies_do_not_wait_for_it_again() -> None:
    venues, clock = Venues({"binance": {"load_markets": "down"}}), FakeClock()
    provider = live_provider(venues, clock)
    provider.snapshot(["SOL"])
    calls_before = venues.calls("binance")
    clock.advance(seconds=10)
    again = provider.snapshot(["SOL"])
    assert venues.calls("binance") == calls_before
    assert again.assets["SOL"].price_usd == BUILT_IN.assets["SOL"].price_usd
    clock.advance(seconds=30)  # past retry_after: retried behind the reply
    provider.snapshot(["SOL"])
    provider.cache.wait_for_loads(timeout=5)
    assert len(venues.calls("binance")) > len(calls_before)


def test_warm_loads_in_the_background_so_the_first_reply_is_served_from_cache() -> None:
    venues, clock = Venues(), FakeClock()
    provider = live_provider(venues, clock)
    provider.warm(["BTC"])
    provider.cache.wait_for_loads(timeout=5)
    calls_after_warm = venues.calls("binance")
    assert provider.snapshot(["BTC"]).source == "live: binance, deribit"
    assert venues.calls("binance") == calls_after_warm


def test_markets_are_loaded_again_after_hours_so_new_expiries_appear() -> None:
    venues, clock = Venues(), FakeClock()
    provider = live_provider(venues, clock)
    provider.snapshot(["BTC"])
    clock.advance(hours=7)  # past the six hours a listing stays fresh
    provider.snapshot(["BTC"])
    provider.cache.wait_for_loads(timeout=5)
    assert venues.calls("deribit").count("load_markets") == 2


def test_a_coin_only_an_exchange_knows_is_priced_live_and_one_nobody_knows_is_named() -> None:
    listed = recorded("binance", "load_markets")
    markets = {**listed, "PEPE/USDT": {**listed["SOL/USDT"], "base": "PEPE", "symbol": "PEPE/USDT"}}
    venues = Venues(
        {
            "binance": {
                "load_markets": markets,
                "fetch_ticker PEPE/USDT": {"symbol": "PEPE/USDT", "last": 0.0000123},
                "fetch_ohlcv PEPE/USDT 1d": recorded("binance", "fetch_ohlcv SOL/USDT 1d"),
            }
        }
    )
    market = live_provider(venues, FakeClock()).snapshot(["PEPE", "WOJAK"])
    pepe = market.assets["PEPE"]
    assert (pepe.price_usd, pepe.price_source, pepe.funding_rate) == (0.0000123, "binance", None)
    assert pepe.volatility == pytest.approx(numpy_volatility("binance", "fetch_ohlcv SOL/USDT 1d"))
    assert "WOJAK" not in market.assets
    assert market.note == (
        "No funding for PEPE: binance, bybit, okx and deribit list no PEPE perpetual. "
        "No price and volatility for WOJAK: binance, bybit, okx and deribit list no WOJAK spot "
        "market. No funding for WOJAK: binance, bybit, okx and deribit list no WOJAK perpetual."
    )
