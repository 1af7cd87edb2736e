"""build_application: the one place the python-telegram-bot Application is put together."""

from __future__ import annotations

import importlib
import logging
from datetime import UTC, datetime
from typing import Any

import sqlite_utils
from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults

from bot.callbacks import Action
from bot.config import Settings
from bot.handlers import common, errors, hedge, plan_card
from bot.handlers import settings as settings_handlers
from bot.keyboards import labels
from bot.marketdata import keep_warm, market_from_config
from bot.persistence import SqlitePersistence
from bot.processor import PerChatUpdateProcessor
from bot.storage import open_database

log = logging.getLogger("hedgebot")

# Feature modules other branches add; each exposes register(application).
FEATURES: list[str] = [
    "bot.handlers.charts",
    "bot.handlers.reminders",
    "bot.handlers.faq",
]

# command -> description for setMyCommands, from templates/bot/buttons.toml
COMMANDS: dict[str, str] = dict(labels()["commands"])
# feature module -> (command it answers, plan card button it handles)
FEATURE_PROVIDES: dict[str, tuple[str | None, Action | None]] = {
    "bot.handlers.faq": ("faq", None),
    "bot.handlers.reminders": ("reminders", Action.REMIND),
    "bot.handlers.charts": (None, Action.CHART),
}


class UtcClock:
    """Wall-clock time in UTC (the reminders feature passes its own clock)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def _token(settings: Settings) -> str:
    token = settings.telegram.token
    return token.get_secret_value().strip() if token else ""


async def _post_init(application: Application) -> None:
    """Register the command list with Telegram."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS.items()])


def application_builder(settings: Settings, db: sqlite_utils.Database) -> ApplicationBuilder:
    """The stack every bot here runs on (the echo bot too): HTML, rate limiter, persistence."""
    telegram = settings.telegram
    return (
        ApplicationBuilder()
        .token(_token(settings))
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=telegram.overall_max_rate,
                group_max_rate=telegram.group_max_rate,
                max_retries=telegram.max_retries,
            )
        )
        .persistence(
            SqlitePersistence(
                db,
                update_interval=settings.storage.flush_seconds or 60.0,
                conversation_max_age=settings.bot.conversation_timeout_seconds,
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(telegram.concurrent_updates))
        .get_updates_read_timeout(telegram.poll_timeout + 10)
        .post_init(_post_init)
    )


def build_application(
    settings: Settings,
    *,
    market: Any = None,
    clock: Any = None,
    db: sqlite_utils.Database | None = None,
    features: list[str] | None = None,
) -> Application:
    """The whole bot: handlers, persistence in SQLite, HTML defaults, rate limiter with retries."""
    if market is None:
        market = market_from_config(settings.market)
    db = db if db is not None else open_database(settings.storage.path)
    application = application_builder(settings, db).build()
    if settings.storage.flush_seconds == 0:  # write-through: a crash loses no conversation step
        processor = application.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        processor.after_update = application.update_persistence
    application.bot_data.update(
        settings=settings, db=db, market=market, clock=clock or UtcClock(), plan_card_actions=[]
    )
    keep_warm(application, market)
    errors.register(application)
    _register_core(application)
    loaded = []
    for name in FEATURES if features is None else features:
        importlib.import_module(name).register(application)
        loaded.append(name)
        _, action = FEATURE_PROVIDES.get(name, (None, None))
        if action is not None:
            application.bot_data["plan_card_actions"].append(action)
    provided = {FEATURE_PROVIDES.get(name, (None, None))[0] for name in loaded}
    common.register_fallbacks(application, [c for c in ("faq", "reminders") if c not in provided])
    return application


def _register_core(application: Application) -> None:
    # settings first: while it waits for a typed timezone, that text is not a hedge request
    settings_handlers.register(application)
    hedge.register(application)
    plan_card.register(application)
    common.register(application)  # after the conversations, which own the hedge/settings buttons
