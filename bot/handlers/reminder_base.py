"""The reminders feature's shared parts: the engine wiring, and helpers for its handlers."""

from __future__ import annotations

import asyncio
import logging
import time as monotonic_time
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot import reminder_store as store
from bot import reminder_views as views
from bot.callbacks import CallbackData, decode
from bot.clock import Clock, SystemClock
from bot.reminder_store import Reminder
from bot.reminders import BotSender, DeliveryPolicy, Dispatcher, OutgoingMessage, ReminderEngine
from hedging.events import DEFAULT_EVENTS_FILE, load_calendar
from hedging.models import MarketSnapshot

log = logging.getLogger(__name__)

PRICE_CACHE_SECONDS = 60.0
Context = ContextTypes.DEFAULT_TYPE
Callback = Callable[[Update, Context], Coroutine[Any, Any, object]]
ButtonCallback = Callable[[Update, Context, CallbackData], Coroutine[Any, Any, object]]


class ReminderFeature:
    """The feature's shared parts, kept in bot_data["reminders"]."""

    def __init__(self, application: Application) -> None:
        bot_data = application.bot_data
        self.db = bot_data["db"]
        self.config = bot_data["settings"].reminders
        self.clock: Clock = bot_data.get("clock") or SystemClock()
        self.market = bot_data.get("market")
        self.calendar = load_calendar(self.config.events_file or DEFAULT_EVENTS_FILE)
        policy = DeliveryPolicy(
            max_attempts=self.config.max_attempts,
            backoff_seconds=self.config.backoff_seconds,
            backoff_cap_seconds=self.config.backoff_cap_seconds,
            batch_size=self.config.batch_size,
            concurrency=self.config.concurrency,
            max_rate=self.config.max_rate,
            idle_check_seconds=self.config.check_seconds,
        )
        sender = BotSender(application.bot)
        self.engine = ReminderEngine(self.db, self.clock, sender, self.compose, policy)
        self.dispatcher = Dispatcher(self.engine, application.job_queue)
        self._prices: tuple[float, frozenset[str], MarketSnapshot | None] = (0.0, frozenset(), None)

    def timezone(self, user_id: int) -> str | None:
        user = store.get_user(self.db, user_id)
        return user.timezone if user else None

    async def compose(self, reminder: Reminder, now: datetime) -> OutgoingMessage:
        """The delivered message for one reminder (called by the engine)."""
        record = store.get_plan(self.db, reminder.plan_id) if reminder.plan_id else None
        facts = views.plan_facts(record, self.calendar) if record else None
        snapshot = None
        if facts is not None:
            symbols = {leg.symbol for leg in facts.plan.legs} | {
                holding.symbol for holding in facts.recommendation.portfolio.holdings
            }
            snapshot = await self._snapshot(frozenset(symbols))
        zone = self.timezone(reminder.user_id) or "UTC"
        return views.due_message(reminder, facts, now, zone, snapshot)

    async def _snapshot(self, symbols: frozenset[str]) -> MarketSnapshot | None:
        """Current prices, asked at most once a minute per set of symbols (a crowd shares one)."""
        fetched_at, cached_symbols, cached = self._prices
        if (
            symbols <= cached_symbols
            and monotonic_time.monotonic() - fetched_at < PRICE_CACHE_SECONDS
        ):
            return cached
        if self.market is None:
            return None
        try:
            snapshot = await asyncio.to_thread(self.market.snapshot, sorted(symbols))
        except Exception:  # a price is a bonus here; the reminder goes out without it
            log.warning("no market snapshot for a reminder", exc_info=True)
            snapshot = None
        self._prices = (monotonic_time.monotonic(), symbols, snapshot)
        return snapshot


def feature(context: Context) -> ReminderFeature:
    """The feature object register() put in bot_data."""
    return context.bot_data["reminders"]


async def say(update: Update, template: str, markup: Any = None, **values: Any) -> None:
    assert update.effective_chat is not None
    await update.get_bot().send_message(
        update.effective_chat.id, views.text(template, **values), reply_markup=markup
    )


def button(handler: ButtonCallback) -> Callback:
    """Answer the query first; refuse another user's press; stop other groups seeing it."""

    async def wrapped(update: Update, context: Context) -> object:
        query = update.callback_query
        assert query is not None
        data = decode(query.data)
        if data is None or data.owner_id != query.from_user.id:
            await query.answer(views.text("not_yours"), show_alert=True)
            raise ApplicationHandlerStop
        await query.answer()
        raise ApplicationHandlerStop(await handler(update, context, data))

    return wrapped


def stop_after(handler: Callback) -> Callback:
    """Keep a message we handled away from the other handler groups."""

    async def wrapped(update: Update, context: Context) -> object:
        raise ApplicationHandlerStop(await handler(update, context))

    return wrapped
