"""The bot on live market data: the plan card names its sources and says when it fell back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person, RunningBot, make_settings
from tests.fakes.marketdata import FakeClock, Venues, live_provider

MESSAGE = "I hold 2 BTC, worried about FOMC, for a week, want to keep some upside"


@pytest.fixture
async def live_bot(fake: FakeBotApi, db_path: Path) -> AsyncIterator[RunningBot]:
    venues = Venues({"binance": {"fetch_ticker BTC/USDT": "timeout"}})
    market = live_provider(venues, FakeClock())
    running = await RunningBot(fake, make_settings(fake, db_path), market=market).start()
    yield running
    await running.stop()
    market.close()


async def test_the_plan_card_names_the_live_venues_and_the_fallback(live_bot: RunningBot) -> None:
    (card,) = await Person(live_bot, 3003).says(MESSAGE)
    assert "Prices: live: binance, bybit, deribit, 25 Nov 2026 11:00 UTC." in card.text
    assert "BTC price from bybit: binance timed out." in card.text


async def test_a_live_market_is_kept_warm_by_a_repeating_job(live_bot: RunningBot) -> None:
    assert live_bot.app.job_queue is not None
    (job,) = live_bot.app.job_queue.get_jobs_by_name("market-refresh")
    assert job.job.trigger.interval.total_seconds() == 15.0


async def test_a_us_user_is_priced_from_us_venues(fake: FakeBotApi, db_path: Path) -> None:
    market = live_provider(Venues(), FakeClock())
    settings = make_settings(fake, db_path, default_region="us")
    running = await RunningBot(fake, settings, market=market).start()
    try:
        (card,) = await Person(running, 4004).says(MESSAGE)
    finally:
        await running.stop()
        market.close()
    assert "Prices: live: coinbase, deribit + built-in snapshot" in card.text
    assert (
        "BTC and ETH funding from the built-in snapshot of 2026-11-20: kraken did not answer."
        in card.text
    )
