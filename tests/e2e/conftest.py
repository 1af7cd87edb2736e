"""Fixtures for the end-to-end tests: a running bot, and Alice and Bob in private chats."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person, RunningBot, make_settings


@pytest.fixture
async def bot(fake: FakeBotApi, db_path: Path) -> AsyncIterator[RunningBot]:
    running = await RunningBot(fake, make_settings(fake, db_path)).start()
    yield running
    await running.stop()


@pytest.fixture
def without_faq(bot: RunningBot) -> None:
    """Free text without holdings gets the bot's own hint, whatever features are installed."""
    bot.services.hooks.free_text = None
    bot.services.hooks.answer_outright = None


@pytest.fixture
def alice(bot: RunningBot) -> Person:
    return Person(bot, 1001)


@pytest.fixture
def bob(bot: RunningBot) -> Person:
    return Person(bot, 2002)


@pytest.fixture
async def bare_bot(fake: FakeBotApi, db_path: Path) -> AsyncIterator[RunningBot]:
    """The bot with no optional feature registered: how a copy without FAQ/reminders behaves."""
    running = await RunningBot(fake, make_settings(fake, db_path), optional=[]).start()
    yield running
    await running.stop()


@pytest.fixture
def bare_alice(bare_bot: RunningBot) -> Person:
    return Person(bare_bot, 1001)
