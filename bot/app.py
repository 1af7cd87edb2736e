"""build_application: the one place the python-telegram-bot Application is put together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlite_utils
from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot import features
from bot.config import Settings
from bot.features.start.handlers import fallbacks
from bot.platform import errors
from bot.platform.clock import Clock, SystemClock
from bot.platform.features import Feature
from bot.platform.persistence import SqlitePersistence
from bot.platform.processor import PerChatUpdateProcessor
from bot.platform.transport import JsonBodyRequest
from bot.platform.updates import GuardedUpdatesRequest
from bot.services import BotApplication, BotContext, BotData, Services
from bot.storage.db import open_database
from bot.storage.plans import PlanRepository
from bot.storage.users import UserRepository
from bot.ui.keyboards import labels
from marketdata import keep_warm, market_from_config

log = logging.getLogger("hedgebot")

# command -> description for setMyCommands, from templates/core/buttons.toml
COMMANDS: dict[str, str] = dict(labels("core")["commands"])


def _token(settings: Settings) -> str:
    token = settings.telegram.token
    return token.get_secret_value().strip() if token else ""


async def _post_init(application: BotApplication) -> None:
    """Register the command list with Telegram."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS.items()])


def application_builder(
    settings: Settings,
    db: sqlite_utils.Database,
    request: BaseRequest | None = None,
    on_token_rejected: Callable[[], None] | None = None,
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """The stack every bot here runs on (the echo bot too): HTML, rate limiter, persistence,
    getUpdates guarded (bot.platform.updates; `on_token_rejected` runs when polling gets 401).

    `request` replaces HTTP to Telegram (bot.devtools.in_process, for handler-level tests)."""
    telegram = settings.telegram
    builder = (
        ApplicationBuilder()
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
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
        .post_init(_post_init)
    )
    if request is not None:
        return builder.request(request).get_updates_request(
            GuardedUpdatesRequest(request, on_token_rejected)
        )
    polling = HTTPXRequest(connection_pool_size=1, read_timeout=telegram.poll_timeout + 10)
    return builder.request(JsonBodyRequest(connection_pool_size=256)).get_updates_request(
        GuardedUpdatesRequest(polling, on_token_rejected)
    )


def build_application(
    settings: Settings,
    *,
    market: Any = None,
    clock: Clock | None = None,
    db: sqlite_utils.Database | None = None,
    optional: list[Feature] | None = None,
    request: BaseRequest | None = None,
    on_token_rejected: Callable[[], None] | None = None,
) -> BotApplication:
    """The whole bot: services, then every feature's handlers in the one order of features.FEATURES.

    `optional` replaces the optional features (charts, reminders, FAQ): [] builds a bare bot."""
    if market is None:
        market = market_from_config(settings.market)
    db = db if db is not None else open_database(settings.storage.path)
    application: BotApplication = application_builder(
        settings, db, request, on_token_rejected
    ).build()
    if settings.storage.flush_seconds == 0:  # write-through: a crash loses no conversation step
        processor = application.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        processor.after_update = application.update_persistence
    services = Services(
        settings=settings,
        db=db,
        plans=PlanRepository(db),
        users=UserRepository(db, settings.bot),
        market=market,
        clock=clock or SystemClock(),
    )
    application.bot_data.services = services
    keep_warm(application, market)
    errors.register(application)
    chosen = features.installed(optional)
    for feature in chosen:
        if feature.setup is not None:
            feature.setup(application, services)
    missing = [f.command for f in features.OPTIONAL if f not in chosen and f.command]
    for group, handler in [h for f in chosen for h in f.handlers(services)] + list(
        fallbacks(missing)
    ):
        application.add_handler(handler, group=group)
    return application
