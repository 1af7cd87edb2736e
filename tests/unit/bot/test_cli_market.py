"""`hedgebot market`, `hedgebot snapshot` and `hedgebot plan --offline`, offline."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from bot.cli.market import Line, describe
from bot.cli.snapshot import refresh
from hedging.market import SNAPSHOT_PATH, SnapshotProvider, load_snapshot
from hedging.models import MarketSnapshot
from tests.fakes.marketdata import FakeClock, Venues, live_provider, recorded_stocks
from tests.unit.marketdata.test_marketdata import recorded

DOWN = {"load_markets": "down"}


def test_market_offline_prints_every_figure_of_the_built_in_snapshot(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["market", "BTC", "--offline", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    btc = load_snapshot().assets["BTC"]
    built_in = f"built-in snapshot ({load_snapshot().as_of:%Y-%m-%d})"
    figures = {(f["field"], f["value"], f["source"]) for f in report["figures"]}
    assert report["source"] == load_snapshot().source
    assert {
        ("price", f"${btc.price_usd:,.2f}", built_in),
        ("volatility", f"{btc.volatility:.1%}", built_in),
    } <= figures


def test_market_names_a_symbol_nobody_knows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["market", "ZZZ", "--offline", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures"] == [
        {
            "symbol": "ZZZ",
            "field": "price",
            "value": "unknown",
            "source": "nowhere",
            "age_seconds": None,
            "detail": "give your own price",
        }
    ]


def test_live_figures_carry_their_venue_and_age_and_fallbacks_their_reason() -> None:
    clock = FakeClock()
    provider = live_provider(Venues({"deribit": DOWN}), clock)
    snapshot = provider.snapshot(["BTC"])
    clock.advance(seconds=3)
    lines = {line.field: line for line in describe(snapshot, ["BTC"], provider, None, clock.now())}
    price = recorded("binance", "fetch_ticker BTC/USDT")["last"]
    built_in = provider.built_in()
    assert lines["price"] == Line("BTC", "price", f"${price:,.2f}", "binance", 3.0)
    assert lines["implied vol"] == Line(
        "BTC",
        "implied vol",
        f"{built_in.assets['BTC'].implied_volatility:.1%}",
        f"built-in snapshot ({built_in.as_of:%Y-%m-%d})",
        (clock.now() - built_in.as_of).total_seconds(),
        "deribit did not answer",
    )


def test_the_chosen_option_is_named_beside_the_implied_vol() -> None:
    clock = FakeClock()
    provider = live_provider(Venues(), clock)
    snapshot = provider.snapshot(["BTC"])
    lines = {line.field: line for line in describe(snapshot, ["BTC"], provider, None, clock.now())}
    assert (lines["implied vol"].source, lines["implied vol"].detail) == (
        "deribit",
        "BTC/USD:BTC-261204-92000-P",
    )
    assert lines["options"].value == f"{len(snapshot.assets['BTC'].option_expiries)} expiries"


def test_snapshot_refresh_writes_live_crypto_figures_and_keeps_everything_else() -> None:
    clock = FakeClock()
    provider = live_provider(Venues(), clock, fallback=SnapshotProvider())
    raw = json.loads(SNAPSHOT_PATH.read_text())
    refreshed, changed = refresh(raw, provider, clock.now())
    shipped = MarketSnapshot.model_validate(raw)
    result = MarketSnapshot.model_validate(refreshed)
    assert changed == ["BTC", "ETH", "SOL"]
    assert result.assets["BTC"].price_usd == recorded("binance", "fetch_ticker BTC/USDT")["last"]
    assert result.assets["BTC"].option_expiries == []  # listings go stale: never frozen in
    assert result.assets["SPY"] == shipped.assets["SPY"]
    assert result.assets["XRP"] == shipped.assets["XRP"]
    assert result.references == shipped.references
    assert result.source == "Hedgebot snapshot refreshed from binance, deribit"
    assert result.as_of == clock.now().replace(microsecond=0)
    assert result.correlations["BTC/ETH"] != shipped.correlations["BTC/ETH"]
    assert result.correlations["BTC/SPY"] == shipped.correlations["BTC/SPY"]


def test_snapshot_refresh_changes_nothing_when_no_exchange_answers() -> None:
    venues = Venues({venue: DOWN for venue in ("binance", "bybit", "okx", "deribit")})
    provider = live_provider(venues, FakeClock(), fallback=SnapshotProvider())
    raw = json.loads(SNAPSHOT_PATH.read_text())
    assert refresh(raw, provider, FakeClock().now()) == (raw, [])


def test_plan_offline_uses_the_built_in_snapshot_even_when_live_is_configured(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEDGEBOT_MARKET__SOURCE", "live")
    monkeypatch.setenv("HEDGEBOT_MARKET__VENUES", "no-such-venue")
    assert main(["plan", "2 BTC", "--offline", "--json", "--kind", "full"]) == 0
    market = json.loads(capsys.readouterr().out)["market"]
    assert market["source"] == load_snapshot().source
    assert market["note"] == load_snapshot().note


def test_plan_on_live_config_says_when_it_fell_back_to_the_snapshot(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEDGEBOT_MARKET__SOURCE", "live")
    monkeypatch.setenv("HEDGEBOT_MARKET__VENUES", "no-such-venue")
    monkeypatch.setenv("HEDGEBOT_MARKET__OPTIONS_VENUE", "no-such-venue")
    assert main(["plan", "2 BTC", "--json", "--kind", "full"]) == 0
    market = json.loads(capsys.readouterr().out)["market"]
    assert market["source"] == load_snapshot().source
    assert market["note"] == (
        "BTC and ETH price, funding, volatility and implied vol from the built-in snapshot of "
        f"{load_snapshot().as_of:%Y-%m-%d}: no-such-venue is not an exchange ccxt knows."
    )


def test_a_bad_market_config_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEDGEBOT_MARKET__TIMEOUT_SECONDS", "-1")
    assert main(["market", "BTC"]) == 2
    assert capsys.readouterr().err.startswith("hedgebot market: config key market.timeout_seconds")


def test_funding_shows_its_interval_the_predicted_rate_and_the_mark_price() -> None:
    clock = FakeClock()
    provider = live_provider(Venues(), clock, venues=("okx", "deribit"))
    snapshot = provider.snapshot(["BTC"])
    lines = {line.field: line for line in describe(snapshot, ["BTC"], provider, None, clock.now())}
    okx = recorded("okx", "fetch_funding_rate BTC/USDT:USDT")
    assert lines["funding"] == Line(
        "BTC",
        "funding",
        f"{okx['fundingRate']:+.4%}",
        "okx",
        0.0,
        f"every 8 h, BTC/USDT:USDT, next {okx['nextFundingRate']:+.4%}, "
        f"mark ${okx['markPrice']:,.2f}",
    )


def test_snapshot_refresh_includes_stocks_when_a_stock_feed_is_configured() -> None:
    clock = FakeClock()
    feed = recorded_stocks(clock)
    provider = live_provider(Venues(), clock, fallback=SnapshotProvider(), stock_feed=feed)
    raw = json.loads(SNAPSHOT_PATH.read_text())
    refreshed, changed = refresh(raw, provider, clock.now())
    result = MarketSnapshot.model_validate(refreshed)
    assert changed == ["BTC", "ETH", "SOL", "SPY", "QQQ", "AAPL"]
    assert result.assets["AAPL"].price_usd == feed.last_price("AAPL")
    assert result.assets["AAPL"].beta == provider.snapshot(["AAPL"]).assets["AAPL"].beta
    assert result.assets["MSFT"] == MarketSnapshot.model_validate(raw).assets["MSFT"]
    assert result.source == "Hedgebot snapshot refreshed from binance, deribit, yahoo"


def test_correlations_say_whether_they_were_measured_or_built_in() -> None:
    clock = FakeClock()
    provider = live_provider(
        Venues({"binance": DOWN, "bybit": DOWN}), clock, stock_feed=recorded_stocks(clock)
    )
    symbols = ["BTC", "ETH", "SOL", "AAPL", "SPY"]
    lines = describe(provider.snapshot(symbols), symbols, provider, None, clock.now())
    sources = {line.symbol: line.source for line in lines if line.field == "correlation"}
    measured = "daily closes"
    built_in = "built-in snapshot (2026-11-20)"
    assert sources == {
        "BTC/ETH": measured,  # okx had both
        "AAPL/SPY": measured,
        "BTC/SPY": measured,
        "BTC/SOL": built_in,  # only binance lists SOL
        "AAPL/BTC": measured,
        "AAPL/ETH": measured,
        "ETH/SPY": measured,
    }
