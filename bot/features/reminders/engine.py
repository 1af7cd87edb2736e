"""Delivering reminders: the database says what is due; each one is claimed, sent, then marked.

Exactly-once, as far as Telegram allows: a reminder is claimed (one write), sent, and marked sent
(one write). A crash before the send leaves a claim that start-up releases, so the reminder goes out
after the restart; a crash after Telegram accepted the message but before the "sent" write is the
only way to get it twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

import sqlite_utils
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.features.reminders import store
from bot.features.reminders.store import Reminder
from bot.platform.clock import Clock

log = logging.getLogger(__name__)

DISPATCH_JOB_ID = "reminders-dispatch"
RATE_WINDOW_SECONDS = 1.0


@dataclass(frozen=True)
class OutgoingMessage:
    text: str
    reply_markup: InlineKeyboardMarkup | None = None


class Sender(Protocol):
    """Sends one message and returns Telegram's message id (raises telegram.error on failure)."""

    async def send(self, chat_id: int, message: OutgoingMessage) -> int: ...


Compose = Callable[[Reminder, datetime], Awaitable[OutgoingMessage]]


class BotSender:
    """The production Sender: the application's bot (rate limited by its AIORateLimiter)."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def send(self, chat_id: int, message: OutgoingMessage) -> int:
        sent = await self.bot.send_message(chat_id, message.text, reply_markup=message.reply_markup)
        return int(sent.message_id)


@dataclass(frozen=True)
class DeliveryPolicy:
    max_attempts: int = 8  # network errors before a reminder is marked failed
    backoff_seconds: float = 15.0  # first retry; doubles each time
    backoff_cap_seconds: float = 1800.0
    batch_size: int = 500
    concurrency: int = 64  # sends in flight; the rate limiter keeps them at 30/s
    idle_check_seconds: float = 30.0  # longest sleep, so rows added behind our back are seen
    # evenly spaced sends; under Telegram's ~30/s so a crowd leaves room for replies (0 = off)
    max_rate: float = 28.0

    def backoff(self, attempts: int) -> timedelta:
        return timedelta(
            seconds=min(self.backoff_cap_seconds, self.backoff_seconds * 2 ** (attempts - 1))
        )


@dataclass
class DeliveryStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    blocked_users: int = 0
    rate_limited: int = 0  # RetryAfter answers that reached us
    errors: list[str] = field(default_factory=list)


class ReminderEngine:
    """Sends what is due; knows nothing about handlers, only the store, a clock and a sender."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        clock: Clock,
        sender: Sender,
        compose: Compose,
        policy: DeliveryPolicy | None = None,
    ) -> None:
        self.db, self.clock, self.sender, self.compose = db, clock, sender, compose
        self.policy = policy or DeliveryPolicy()
        self.stats = DeliveryStats()
        self._in_flight: set[int] = set()
        self._paused_until = 0.0  # time.monotonic() before which nobody sends (after a 429)
        self.in_doubt: set[int] = set()  # claimed when the last process died
        self._next_slot = 0.0  # time.monotonic() of the next free send slot
        self._recent: deque[float] = deque()  # when the latest sends were let go

    def recover(self) -> int:
        """At start-up: release claims of attempts that died with the previous process."""
        released = store.release_all_claims(self.db)
        self.in_doubt.update(released)
        if released:
            log.warning(
                "%d reminder(s) were being sent when the bot stopped; sending them again",
                len(released),
            )
        return len(released)

    async def deliver_due(self) -> int:
        """Send every reminder due now, and any that fall due meanwhile; return how many went."""
        sent_before = self.stats.sent
        gate = asyncio.Semaphore(self.policy.concurrency)
        while True:
            batch = [
                reminder
                for reminder in store.due_now(self.db, self.clock.now(), self.policy.batch_size)
                if reminder.id not in self._in_flight
            ]
            if not batch:
                break
            await asyncio.gather(*(self._guarded(gate, reminder) for reminder in batch))
        return self.stats.sent - sent_before

    async def _guarded(self, gate: asyncio.Semaphore, reminder: Reminder) -> None:
        async with gate:
            self._in_flight.add(reminder.id)
            try:
                await self.deliver(reminder)
            except Exception as error:  # never let one reminder stop the others
                log.exception("reminder %d: unexpected error", reminder.id)
                store.retry_later(self.db, reminder.id, self._retry_time(reminder), repr(error))
            finally:
                self._in_flight.discard(reminder.id)

    async def deliver(self, reminder: Reminder) -> None:
        """One reminder: claim, send, mark — with Telegram's error classes decided here."""
        await self._wait_out_pause()
        await self._take_slot()  # before the claim, so only sends about to happen hold one
        if not store.claim(self.db, reminder.id, self.clock.now()):
            return
        if reminder.id in self.in_doubt:
            reminder = replace(reminder, in_doubt=True)
        message = await self.compose(reminder, self.clock.now())
        chat_id = reminder.chat_id
        first_try = True
        while True:
            if not first_try:
                await self._wait_out_pause()
                await self._take_slot()
            first_try = False
            try:
                message_id = await self.sender.send(chat_id, message)
            except RetryAfter as error:
                self.stats.rate_limited += 1
                self._pause(_retry_after_seconds(error))
                continue
            except ChatMigrated as error:
                chat_id = int(error.new_chat_id)
                self.db.execute(
                    "UPDATE reminders SET chat_id = ? WHERE chat_id = ?",
                    [chat_id, reminder.chat_id],
                )
                continue
            except Forbidden as error:
                self._blocked(reminder, error)
                return
            except BadRequest as error:  # Telegram refuses this message: retrying will not help
                store.mark_failed(self.db, reminder.id, _describe(error))
                self._failed(reminder, error)
                return
            except NetworkError as error:  # includes TimedOut and 5xx answers
                self._network_error(reminder, error)
                return
            # the one write after Telegram accepted: a crash before it is the duplicate window
            store.mark_sent(self.db, reminder.id, self.clock.now(), message_id)
            self.stats.sent += 1
            self.in_doubt.discard(reminder.id)
            return

    def _blocked(self, reminder: Reminder, error: Exception) -> None:
        reason = _describe(error)
        store.mark_failed(self.db, reminder.id, reason)
        store.fail_all_for_user(self.db, reminder.user_id, reason)
        self.stats.blocked_users += 1
        self._failed(reminder, error)

    def _network_error(self, reminder: Reminder, error: Exception) -> None:
        if reminder.attempts + 1 >= self.policy.max_attempts:
            store.mark_failed(self.db, reminder.id, _describe(error))
            self._failed(reminder, error)
            return
        store.retry_later(self.db, reminder.id, self._retry_time(reminder), _describe(error))
        self.stats.retried += 1

    def _retry_time(self, reminder: Reminder) -> datetime:
        return self.clock.now() + self.policy.backoff(reminder.attempts + 1)

    def _failed(self, reminder: Reminder, error: Exception) -> None:
        self.stats.failed += 1
        self.stats.errors.append(_describe(error))
        log.warning("reminder %d failed: %s", reminder.id, _describe(error))

    def _pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def _wait_out_pause(self) -> None:
        while (remaining := self._paused_until - time.monotonic()) > 0:
            await asyncio.sleep(remaining)

    async def _take_slot(self) -> None:
        """Evenly spaced sends, and never more than max_rate in any sliding second.

        max_rate stays under Telegram's 30 a second, so sends that bunch up on the way (a busy
        event loop, a slow network) still arrive within it.
        """
        rate = self.policy.max_rate
        if rate <= 0:
            return
        cap = max(1, int(rate))
        while True:
            now = time.monotonic()
            while self._recent and now - self._recent[0] > RATE_WINDOW_SECONDS:
                self._recent.popleft()
            wait = self._next_slot - now
            if len(self._recent) >= cap:
                wait = max(wait, self._recent[0] + RATE_WINDOW_SECONDS - now)
            if wait <= 0:
                self._recent.append(now)
                # woken a little late: keep the rhythm, but never closer than half a step
                step = 1.0 / rate
                self._next_slot = max(self._next_slot + step, now + step / 2)
                return
            await asyncio.sleep(wait)

    def seconds_until_next(self) -> float:
        """How long the dispatcher may sleep: to the next due time, at most the idle check."""
        next_due = store.next_due_at(self.db)
        if next_due is None:
            return self.policy.idle_check_seconds
        wait = (next_due - self.clock.now()).total_seconds()
        return max(0.0, min(wait, self.policy.idle_check_seconds))


class Dispatcher:
    """One JobQueue job with a fixed id that wakes at the next due time (never one job per row)."""

    def __init__(self, engine: ReminderEngine, job_queue: Any) -> None:
        self.engine, self.job_queue = engine, job_queue
        self._running = False
        self._again = False

    def start(self) -> None:
        """Release stale claims and run at once: whatever fell due while we were down goes now."""
        self.engine.recover()
        self._schedule(0.0)

    def wake(self) -> None:
        """A reminder was added or moved: re-plan the single wake-up."""
        if self._running:
            self._again = True
        else:
            self._schedule(self.engine.seconds_until_next())

    def _schedule(self, delay: float) -> None:
        self.job_queue.run_once(
            self._tick,
            when=delay,
            name=DISPATCH_JOB_ID,
            # misfire_grace_time=None: a wake-up that is late (busy loop, suspended host) still runs
            job_kwargs={
                "id": DISPATCH_JOB_ID,
                "replace_existing": True,
                "misfire_grace_time": None,
            },
        )

    async def _tick(self, _context: Any = None) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        try:
            await self.run_once()
        finally:
            self._running = False
            self._schedule(0.0 if self._again else self.engine.seconds_until_next())
            self._again = False

    async def run_once(self) -> None:
        self._again = False
        await self.engine.deliver_due()


def _retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22.2+ warns that the type will become timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def late_by(reminder: Reminder, now: datetime) -> timedelta:
    """How late a delivery is compared with the time the user asked for."""
    return max(timedelta(0), now - reminder.scheduled_for)
