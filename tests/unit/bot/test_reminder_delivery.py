"""The delivery engine against a hand-written fake sender and a fake clock (no Telegram)."""

from datetime import UTC, datetime, timedelta

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.features.reminders import store
from bot.features.reminders.engine import (
    DISPATCH_JOB_ID,
    DeliveryPolicy,
    Dispatcher,
    OutgoingMessage,
    ReminderEngine,
    late_by,
)
from bot.platform.clock import FakeClock
from bot.storage.db import open_database

NOW = datetime(2026, 12, 9, 21, 0, tzinfo=UTC)
ALICE, BOB = 111, 222


class FakeSender:
    """Records every accepted message; raises scripted errors per chat, first in first out."""

    def __init__(self) -> None:
        self.accepted: list[tuple[int, str]] = []
        self.script: dict[int, list[Exception]] = {}
        self.calls = 0

    async def send(self, chat_id: int, message: OutgoingMessage) -> int:
        self.calls += 1
        errors = self.script.get(chat_id, [])
        if errors:
            raise errors.pop(0)
        self.accepted.append((chat_id, message.text))
        return len(self.accepted)


async def compose(reminder, now):
    repeat = ", maybe a repeat" if reminder.in_doubt else ""
    return OutgoingMessage(f"reminder {reminder.id}, late {late_by(reminder, now)}{repeat}")


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def db(tmp_path):
    return open_database(tmp_path / "hedgebot.sqlite")


@pytest.fixture
def sender():
    return FakeSender()


@pytest.fixture
def engine(db, clock, sender):
    policy = DeliveryPolicy(max_attempts=3, backoff_seconds=10, backoff_cap_seconds=60, max_rate=0)
    return ReminderEngine(db, clock, sender, compose, policy)


def add(db, user_id=ALICE, due=NOW):
    return store.add_reminder(
        db, user_id=user_id, chat_id=user_id, plan_id=None, due=due, reason="typed", now=NOW
    )


def row(db, reminder_id, owner=ALICE):
    reminder = store.get_reminder(db, reminder_id, owner)
    return reminder.status, reminder.attempts, reminder.last_error


async def test_a_due_reminder_is_sent_once_and_marked_sent(db, engine, sender):
    reminder_id = add(db)

    first, second = await engine.deliver_due(), await engine.deliver_due()

    assert (first, second) == (1, 0)
    assert sender.accepted == [(ALICE, f"reminder {reminder_id}, late 0:00:00")]
    assert row(db, reminder_id) == ("sent", 1, None)


async def test_a_reminder_not_yet_due_waits_for_its_time(db, engine, sender, clock):
    add(db, due=NOW + timedelta(hours=1))

    before = await engine.deliver_due()
    clock.advance(timedelta(hours=1))
    after = await engine.deliver_due()

    assert (before, after, len(sender.accepted)) == (0, 1, 1)


async def test_one_that_fell_due_while_the_bot_was_down_goes_at_once_saying_how_late(
    db, engine, sender, clock
):
    reminder_id = add(db, due=NOW - timedelta(hours=3, minutes=5))

    await engine.deliver_due()

    assert sender.accepted == [(ALICE, f"reminder {reminder_id}, late 3:05:00")]


async def test_a_claim_left_by_a_killed_process_is_released_and_sent_flagged_maybe_repeat(
    db, engine, sender
):
    reminder_id = add(db)
    assert store.claim(db, reminder_id, NOW)  # the previous process died mid-send

    skipped = await engine.deliver_due()
    released = engine.recover()
    delivered = await engine.deliver_due()

    assert (skipped, released, delivered) == (0, 1, 1)
    assert row(db, reminder_id) == ("sent", 1, None)
    assert sender.accepted == [(ALICE, f"reminder {reminder_id}, late 0:00:00, maybe a repeat")]


async def test_a_blocked_user_fails_all_their_reminders_without_retry(db, engine, sender):
    first, second = add(db), add(db, due=NOW + timedelta(days=1))
    bobs = add(db, user_id=BOB)
    sender.script[ALICE] = [Forbidden("Forbidden: bot was blocked by the user")]

    await engine.deliver_due()

    assert row(db, first) == ("failed", 1, "Forbidden: Forbidden: bot was blocked by the user")
    assert row(db, second)[0] == "failed"
    assert row(db, bobs, BOB) == ("sent", 1, None)
    assert sender.calls == 2


async def test_network_errors_are_retried_with_growing_backoff_then_fail_keeping_the_reason(
    db, engine, sender, clock
):
    reminder_id = add(db)
    sender.script[ALICE] = [NetworkError("Bad Gateway"), TimedOut(), NetworkError("Bad Gateway")]
    retry_times = []

    for _ in range(3):
        await engine.deliver_due()
        reminder = store.get_reminder(db, reminder_id, ALICE)
        retry_times.append(reminder.due_at - clock.now())
        clock.set(reminder.due_at)

    assert retry_times[:2] == [timedelta(seconds=10), timedelta(seconds=20)]
    assert row(db, reminder_id) == ("failed", 3, "NetworkError: Bad Gateway")
    assert sender.accepted == []


async def test_a_network_error_then_success_delivers_once(db, engine, sender, clock):
    reminder_id = add(db)
    sender.script[ALICE] = [TimedOut()]

    await engine.deliver_due()
    clock.advance(timedelta(seconds=10))
    await engine.deliver_due()

    assert row(db, reminder_id) == ("sent", 2, "TimedOut: Timed out")
    assert len(sender.accepted) == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own message
async def test_retry_after_is_honoured_and_does_not_count_as_an_attempt(db, engine, sender):
    reminder_id = add(db)
    sender.script[ALICE] = [
        RetryAfter(timedelta(seconds=0.05)),
        RetryAfter(timedelta(seconds=0.05)),
    ]

    await engine.deliver_due()

    assert row(db, reminder_id) == ("sent", 1, None)
    assert engine.stats.rate_limited == 2


async def test_a_message_telegram_refuses_fails_without_retry(db, engine, sender):
    reminder_id = add(db)
    sender.script[ALICE] = [BadRequest("Can't parse entities")]

    await engine.deliver_due()

    assert row(db, reminder_id) == ("failed", 1, "BadRequest: Can't parse entities")


async def test_cancelled_done_and_snoozed_reminders_follow_the_users_choice(
    db, engine, sender, clock
):
    cancelled, snoozed = add(db), add(db)
    store.cancel_reminder(db, cancelled, ALICE)
    store.snooze(db, snoozed, ALICE, NOW + timedelta(hours=1))

    now_sent = await engine.deliver_due()
    clock.advance(timedelta(hours=1))
    later_sent = await engine.deliver_due()

    assert (now_sent, later_sent) == (0, 1)
    assert sender.accepted == [(ALICE, f"reminder {snoozed}, late 0:00:00")]


async def test_many_due_at_once_are_each_delivered_exactly_once(db, engine, sender):
    ids = [add(db, user_id=1000 + index) for index in range(1200)]

    delivered = await engine.deliver_due()

    assert delivered == 1200
    assert sorted(chat for chat, _ in sender.accepted) == [1000 + i for i in range(1200)]
    assert store.count_by_status(db) == {"sent": len(ids)}


async def test_seconds_until_next_is_the_wait_to_the_next_due_capped_by_the_idle_check(
    db, engine, clock
):
    empty = engine.seconds_until_next()
    add(db, due=NOW + timedelta(seconds=12))
    soon = engine.seconds_until_next()
    clock.advance(timedelta(minutes=1))
    overdue = engine.seconds_until_next()

    assert (empty, soon, overdue) == (30.0, 12.0, 0.0)


class FakeJobQueue:
    """Records run_once calls the way APScheduler would keep them: one job per id."""

    def __init__(self) -> None:
        self.jobs: dict[str, dict] = {}
        self.calls = 0

    def run_once(self, callback, when, name=None, job_kwargs=None):
        self.calls += 1
        self.jobs[job_kwargs["id"]] = {"when": when, "callback": callback, **job_kwargs}


async def test_the_dispatcher_keeps_exactly_one_job_that_wakes_at_the_next_due_time(
    db, engine, clock
):
    queue = FakeJobQueue()
    dispatcher = Dispatcher(engine, queue)
    add(db, due=NOW - timedelta(minutes=5))  # fell due while the bot was down
    for seconds in range(1, 1001):
        add(db, due=NOW + timedelta(seconds=seconds + 20))

    dispatcher.start()
    at_start = dict(queue.jobs[DISPATCH_JOB_ID])
    await at_start["callback"]()
    after_tick = dict(queue.jobs[DISPATCH_JOB_ID])
    add(db, due=NOW + timedelta(seconds=3))
    dispatcher.wake()

    assert list(queue.jobs) == [DISPATCH_JOB_ID]
    assert (at_start["when"], at_start["replace_existing"], at_start["misfire_grace_time"]) == (
        0.0,
        True,
        None,
    )
    assert after_tick["when"] == 21.0
    assert queue.jobs[DISPATCH_JOB_ID]["when"] == 3.0
    assert store.count_by_status(db) == {"sent": 1, "pending": 1001}
