"""Fixtures every level of test may use: the loopback fake Bot API, a database path, and a few
recommendations from the core priced once per session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.devtools.fake_api import FakeBotApi


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hedgebot.sqlite3"


SAMPLE_HOLDINGS = ["2 BTC", "10 ETH", "$500k SPY", "1 BTC, 20 ETH"]


@pytest.fixture(scope="session")
def sample_recommendations() -> dict[str, Any]:
    """holdings text -> the core's Recommendation for it, at the shipped snapshot."""
    from hedging.language.holdings import parse_holdings
    from hedging.market import load_snapshot
    from hedging.models import HedgeRequest, Portfolio
    from hedging.planner import recommend

    market = load_snapshot()
    return {
        text: recommend(HedgeRequest(portfolio=Portfolio(holdings=parse_holdings(text))), market)
        for text in SAMPLE_HOLDINGS
    }
