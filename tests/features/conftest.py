"""Fixtures for handler-level tests: an in-process bot, and Alice and Bob talking to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot, in_process_settings


@pytest.fixture
async def api() -> FakeBotApi:
    """The fake Bot API, never started as a server: calls reach it in process."""
    return FakeBotApi(rate_limit=None)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[InProcessBot]:
    running = await InProcessBot(api, in_process_settings(api)).start()
    yield running
    await running.stop()


@pytest.fixture
def alice(bot: InProcessBot) -> Person:
    return Person(bot, 1001)  # type: ignore[arg-type]


@pytest.fixture
def bob(bot: InProcessBot) -> Person:
    return Person(bot, 2002)  # type: ignore[arg-type]
