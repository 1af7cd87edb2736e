"""The reminders feature's shared parts: the engine wiring, and helpers for its handlers."""

from __future__ import annotations

import asyncio
import logging
import time as monotonic_time
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.features.reminders import messages as views
from bot.features.reminders.engine import (
    BotSender,
    DeliveryPolicy,
    Dispatcher,
    OutgoingMessage,
    ReminderEngine,
)
from bot.features.reminders.store import Reminder
from bot.services import BotApplication, BotContext, Services
from bot.ui.callbacks import ButtonData
from bot.ui.replies import reply
from hedging.events import DEFAULT_EVENTS_FILE, load_calendar
from hedging.followup import PlanFacts, plan_facts
from hedging.models import MarketSnapshot

log = logging.getLogger(__name__)

PRICE_CACHE_SECONDS = 60.0
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, object]]
Pressed = TypeVar("Pressed", bound=ButtonData)


class ReminderFeature:
    """The feature's shared parts, kept in Services.reminders."""

    def __init__(self, application: BotApplication, services: Services) -> None:
        self.services = services
        self.db = services.db
        self.config = services.settings.reminders
        self.clock = services.clock
        self.market = services.market
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
        return self.services.users.timezone(user_id)

    def facts(self, plan_id: int | None, user_id: int) -> PlanFacts | None:
        """What a reminder needs to know of one of this user's plans."""
        stored = self.services.plans.load(plan_id, user_id) if plan_id else None
        if stored is None:
            return None
        return plan_facts(stored.request, stored.recommendation, stored.created_at, self.calendar)

    async def compose(self, reminder: Reminder, now: datetime) -> OutgoingMessage:
        """The delivered message for one reminder (called by the engine)."""
        facts = self.facts(reminder.plan_id, reminder.user_id)
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


def feature(context: BotContext) -> ReminderFeature:
    """The feature object its setup put in the services."""
    reminders = context.services.reminders
    assert reminders is not None, "the reminders feature is not set up"
    return reminders


async def say(update: Update, template: str, markup: Any = None, **values: Any) -> None:
    await reply(update, views.text(template, **values), markup)


def button(
    kind: type[Pressed],
    handler: Callable[[Update, BotContext, Pressed], Coroutine[Any, Any, object]],
) -> Callback:
    """Answer the query, hand the handler its typed button, keep other groups from seeing it.

    Who may press it was checked before any feature saw the update (Group.BUTTON_CHECK)."""

    async def wrapped(update: Update, context: BotContext) -> object:
        query = update.callback_query
        assert query is not None
        pressed = kind.unpack(query.data)
        await query.answer()
        if pressed is None:
            raise ApplicationHandlerStop
        raise ApplicationHandlerStop(await handler(update, context, pressed))

    return wrapped


def stop_after(handler: Callback) -> Callback:
    """Keep a message we handled away from the other handler groups."""

    async def wrapped(update: Update, context: BotContext) -> object:
        raise ApplicationHandlerStop(await handler(update, context))

    return wrapped
