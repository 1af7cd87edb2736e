"""The real python-telegram-bot Application, over loopback HTTP, against the fake Bot API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import BotConfig
from bot.devtools.fake_api import FakeBotApi
from bot.features.reminders import store
from bot.platform.clock import FakeClock
from bot.storage.plans import PlanRepository
from bot.storage.users import UserRepository
from bot.ui.numbers import qty
from bot.ui.render import environment
from hedging.market import SnapshotProvider, load_snapshot, with_prices
from hedging.models import Concern, HedgeRequest, Holding, Intent, MarketSnapshot, Portfolio
from hedging.planner import recommend
from tests.e2e.chat import Person, RunningBot, make_settings

ALICE, BOB = 1001, 2002
# Tuesday 8 Dec 2026, 10:00 UTC: the FOMC statement is Wednesday 9 Dec, 14:00 ET = 19:00 UTC
PLANNED = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


class MovingMarket:
    """A market whose BTC price is whatever the test sets, stamped with the fake clock's time."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.btc = clock, None

    def snapshot(self, symbols) -> MarketSnapshot:
        base = load_snapshot()
        if self.btc is None:
            return base
        moved = with_prices(base, {"BTC": self.btc})
        return moved.model_copy(update={"as_of": self.clock.now(), "source": "test market"})


class Bot:
    """The application built by build_application (with the reminders feature), and its fake API."""

    def __init__(self, running: RunningBot, clock: FakeClock) -> None:
        self.running, self.api, self.app, self.clock = running, running.fake, running.app, clock
        self.db = running.services.db

    @property
    def feature(self):
        return self.running.services.reminders

    async def says(self, user: int, text: str) -> str:
        actions = await Person(self.running, user).says(text)
        return actions[-1].text

    async def presses(self, user: int, action, data: str) -> None:
        self.api.user_presses(user, action, data)
        await self.running.settle()

    def last(self, user: int):
        return self.api.sent_to(user)[-1]

    async def deliver(self) -> int:
        return await self.feature.engine.deliver_due()


async def start_bot(api: FakeBotApi, db_path, clock: FakeClock, market=None) -> Bot:
    running = RunningBot(
        api, make_settings(api, db_path), clock=clock, market=market or SnapshotProvider()
    )
    return Bot(await running.start(), clock)


async def stop_bot(bot: Bot) -> None:
    await bot.running.stop()


@pytest.fixture
def clock():
    return FakeClock(PLANNED)


@pytest.fixture
async def reminder_bot(fake, db_path, clock):
    running = await start_bot(fake, db_path, clock, MovingMarket(clock))
    yield running
    await stop_bot(running)


def save_btc_plan(bot: Bot, user: int = ALICE) -> int:
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]),
        intent=Intent(concern=Concern.FOMC, horizon_days=7),
    )
    recommendation = recommend(request, load_snapshot(), now=bot.clock.now())
    return PlanRepository(bot.db).save(user, request, recommendation, bot.clock.now()).id


async def with_timezone(bot: Bot, user: int = ALICE, zone: str = "Europe/Berlin") -> None:
    UserRepository(bot.db, BotConfig()).set_timezone(user, zone, bot.clock.now())


async def test_plan_card_after_the_event_asks_the_timezone_once_then_delivers_the_hedge(
    reminder_bot,
):
    bot = reminder_bot
    alice = Person(bot.running, ALICE)
    await alice.says("I hold 2 BTC, worried about FOMC, for a week, want to keep some upside")
    await alice.taps("Remind me to remove it")
    choose = alice.last_with_buttons()
    await alice.taps("After the event")
    asked = bot.last(ALICE).text
    confirmed = await bot.says(ALICE, "Berlin")

    assert choose.button_texts()[0] == "After the event · Wed 09 Dec 21:00 UTC"
    assert asked.startswith("First, which timezone are you in?")
    assert confirmed.startswith("⏰ Reminder set for Wed 09 Dec 2026, 22:00 CET.")
    [reminder] = store.pending_for_user(bot.db, ALICE)
    assert reminder.due_at == datetime(2026, 12, 9, 21, 0, tzinfo=UTC)

    bot.clock.set(datetime(2026, 12, 9, 21, 0, 5, tzinfo=UTC))
    bot.feature.market.btc = 90_000.0
    assert await bot.deliver() == 1

    delivered = bot.last(ALICE)
    stored = PlanRepository(bot.db).load(reminder.plan_id, ALICE)
    chosen = next(
        p for p in stored.recommendation.plans if p.kind == stored.recommendation.recommended
    )
    instrument_name = environment().get_template("hedge/_names.j2").module.instrument  # type: ignore[attr-defined]
    assert [
        f"{qty(leg.quantity, leg.symbol)} {instrument_name(leg.instrument.value)}" in delivered.text
        for leg in chosen.legs
    ] == [True] * len(chosen.legs)
    venues = ", ".join(venue.name for venue in chosen.venues)
    assert f"Close it where you opened it (the plan suggested {venues})." in delivered.text
    assert "FOMC rate decision has passed (Wed 09 Dec 2026, 20:00 CET)." in delivered.text
    assert "Compared with no hedge" in delivered.text
    assert delivered.button_texts() == [
        "✅ Removed it",
        "⏰ Snooze 1 h",
        "⏰ Snooze 1 day",
        "🗓 Keep, remind me at …",
    ]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("in 30 minutes", "Tue 08 Dec 2026, 11:30 CET"),
        ("in 3 days", "Fri 11 Dec 2026, 11:00 CET"),
        ("Friday 18:00", "Fri 11 Dec 2026, 18:00 CET"),
        ("2026-12-10 20:00", "Thu 10 Dec 2026, 20:00 CET"),
        ("end of horizon", "Tue 15 Dec 2026, 11:00 CET"),
        ("after the event", "Wed 09 Dec 2026, 22:00 CET"),
    ],
)
async def test_remind_with_a_typed_time_attaches_to_the_last_plan(reminder_bot, typed, shown):
    bot = reminder_bot
    plan_id = save_btc_plan(bot)
    await with_timezone(bot)

    reply = await bot.says(ALICE, f"/remind {typed}")

    assert reply.startswith(f"⏰ Reminder set for {shown}.")
    assert [r.plan_id for r in store.pending_for_user(bot.db, ALICE)] == [plan_id]


async def test_tomorrow_morning_asks_what_morning_means_once_and_remembers(reminder_bot):
    bot = reminder_bot
    save_btc_plan(bot)
    await with_timezone(bot)

    question = await bot.says(ALICE, "/remind tomorrow morning")
    first = await bot.says(ALICE, "7:30")
    second = await bot.says(ALICE, "/remind tomorrow morning")

    assert question.startswith('What time is "morning" for you?')
    assert first.startswith("⏰ Reminder set for Wed 09 Dec 2026, 07:30 CET.")
    assert second.startswith("⏰ Reminder set for Wed 09 Dec 2026, 07:30 CET.")


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("2026-12-01 10:00", "Tue 01 Dec 2026, 10:00 CET has already passed."),
        ("2028-01-01 10:00", "Sat 01 Jan 2028, 10:00 CET is more than a year away."),
        ("when pigs fly", "I couldn't read that as a time."),
        ("friday 25:00", "That is not a time on a clock. Try again"),
        ("2026-02-30 10:00", "That date does not exist in the calendar."),
    ],
)
async def test_a_past_far_or_unreadable_time_gets_a_clear_reply_and_no_reminder(
    reminder_bot, typed, reply
):
    bot = reminder_bot
    save_btc_plan(bot)
    await with_timezone(bot)

    answer = await bot.says(ALICE, f"/remind {typed}")

    assert answer.startswith(reply)
    assert store.pending_for_user(bot.db, ALICE) == []


async def test_remind_without_a_plan_says_to_make_one_first(reminder_bot):
    bot = reminder_bot
    reply = await bot.says(ALICE, "/remind in 3 days")

    assert reply.startswith("There is no plan to attach a reminder to yet.")


async def test_reminders_lists_pending_ones_and_another_users_cancel_is_refused(reminder_bot):
    bot = reminder_bot
    save_btc_plan(bot)
    await with_timezone(bot)
    await bot.says(ALICE, "/remind in 3 days")
    await bot.says(ALICE, "/remind in 30 minutes")

    listing = await bot.says(ALICE, "/reminders")
    message = bot.last(ALICE)
    cancel_first = message.button_data()[0]
    await bot.presses(BOB, message, cancel_first)
    refused = list(bot.api.callback_answers.values())[-1]
    still = len(store.pending_for_user(bot.db, ALICE))
    await bot.presses(ALICE, message, cancel_first)

    assert "1. Tue 08 Dec 2026, 11:30 CET — short 1 BTC" in listing
    assert message.button_texts() == [
        "✖ Cancel 1 · Tue 08 Dec 11:30 CET",
        "✖ Cancel 2 · Fri 11 Dec 11:00 CET",
    ]
    assert (refused["show_alert"], refused["text"][:40]) == (
        True,
        "This button belongs to someone else's re",
    )
    assert still == 2
    assert [r.due_at for r in store.pending_for_user(bot.db, ALICE)] == [
        PLANNED + timedelta(days=3)
    ]
    assert bot.api.current(ALICE, message.message_id).text.startswith("Your reminders")


async def test_snooze_then_removed_it_and_another_user_cannot_snooze(reminder_bot):
    bot = reminder_bot
    save_btc_plan(bot)
    await with_timezone(bot)
    await bot.says(ALICE, "/remind in 30 minutes")
    bot.clock.advance(timedelta(minutes=30))
    await bot.deliver()
    delivered = bot.last(ALICE)
    _, snooze_hour, _, _ = delivered.button_data()

    await bot.presses(BOB, delivered, snooze_hour)
    after_bob = store.count_by_status(bot.db)
    await bot.presses(ALICE, delivered, snooze_hour)
    snoozed_reply = bot.last(ALICE).text
    bot.clock.advance(timedelta(hours=1))
    await bot.deliver()
    again = bot.last(ALICE)
    await bot.presses(ALICE, again, again.button_data()[0])

    assert after_bob == {"sent": 1}
    assert snoozed_reply.startswith("⏰ Reminder set for Tue 08 Dec 2026, 12:30 CET.")
    assert again.text.startswith("⏰ Time to take your hedge off")
    assert bot.last(ALICE).text.startswith("✅ Marked as removed.")
    assert store.count_by_status(bot.db) == {"done": 1}


async def test_keep_remind_me_at_asks_for_a_time_and_moves_the_reminder(reminder_bot):
    bot = reminder_bot
    save_btc_plan(bot)
    await with_timezone(bot)
    await bot.says(ALICE, "/remind in 30 minutes")
    bot.clock.advance(timedelta(minutes=30))
    await bot.deliver()
    delivered = bot.last(ALICE)

    await bot.presses(ALICE, delivered, delivered.button_data()[3])
    asked = bot.last(ALICE).text
    moved = await bot.says(ALICE, "in 2 days")

    assert asked.startswith("When should I remind you?")
    assert moved.startswith("⏰ Reminder set for Thu 10 Dec 2026, 11:30 CET.")
    [reminder] = store.pending_for_user(bot.db, ALICE)
    assert (reminder.status, reminder.due_at) == (
        "snoozed",
        PLANNED + timedelta(days=2, minutes=30),
    )


async def test_forget_asks_first_then_deletes_everything_about_the_user(reminder_bot):
    bot = reminder_bot
    save_btc_plan(bot, ALICE)
    save_btc_plan(bot, BOB)
    await with_timezone(bot, ALICE)
    await bot.says(ALICE, "/start")  # user_data
    await bot.says(ALICE, "/remind in 3 days")
    await bot.says(ALICE, "/hedge")  # a conversation in progress

    confirm = await bot.says(ALICE, "/forget")
    message = bot.last(ALICE)
    await bot.presses(ALICE, message, message.button_data()[0])
    await bot.app.update_persistence()
    await bot.api.wait_until(lambda: bot.db.table("user_data").count == 0)

    assert confirm.startswith("This deletes everything I keep about you")
    assert bot.api.current(ALICE, message.message_id).text.startswith("Done: I deleted everything")
    assert bot.db.execute("SELECT count(*) FROM users WHERE id = ?", [ALICE]).fetchone()[0] == 0
    assert [row["user_id"] for row in bot.db.table("plans").rows] == [BOB]
    assert bot.db.table("reminders").count == 0
    assert [(row["user_id"], row["data"]) for row in bot.db.table("user_data").rows] == []
    assert [row["key"] for row in bot.db.table("conversations").rows] == []


async def test_a_user_who_blocked_the_bot_has_the_reminder_failed_not_retried(reminder_bot):
    bot = reminder_bot
    save_btc_plan(bot)
    await with_timezone(bot)
    await bot.says(ALICE, "/remind in 30 minutes")
    bot.api.block_chat(ALICE)
    bot.clock.advance(timedelta(minutes=31))

    await bot.deliver()
    await bot.deliver()

    [row] = bot.db.table("reminders").rows
    assert (row["status"], row["last_error"]) == (
        "failed",
        "Forbidden: Forbidden: bot was blocked by the user",
    )


async def test_a_reminder_due_while_the_bot_was_down_is_sent_at_start_up_saying_how_late(
    fake, db_path, clock
):
    api = fake
    first = await start_bot(api, db_path, clock)
    save_btc_plan(first)
    await with_timezone(first)
    await first.says(ALICE, "/remind in 30 minutes")
    await stop_bot(first)

    clock.advance(timedelta(hours=3, minutes=35))
    second = await start_bot(api, db_path, clock)
    await api.wait_until(lambda: api.sent_to(ALICE)[-1].text.startswith("⏰ Time to take"))
    await stop_bot(second)

    assert "comes 3 h 05 min late because the bot was offline" in api.sent_to(ALICE)[-1].text


@pytest.mark.parametrize(
    "message",
    [
        "I hold 2 BTC, worried about FOMC on Wednesday, for a week, want to keep some upside",
        "I hold 2 BTC, worried about FOMC, for a week, want to keep some upside",
    ],
)
async def test_after_the_event_uses_the_calendars_hour_for_the_fomc_the_user_named(
    reminder_bot, message
):
    alice = Person(reminder_bot.running, ALICE)
    await alice.says(message)
    await alice.taps("Remind me to remove it")

    assert alice.last_with_buttons().button_texts() == [
        "After the event · Wed 09 Dec 21:00 UTC",
        "End of horizon · Tue 15 Dec 10:00 UTC",
    ]


async def test_a_timezone_chosen_in_settings_is_the_one_reminders_use_and_no_question_is_asked(
    reminder_bot,
):
    bot = reminder_bot
    alice = Person(bot.running, ALICE)
    save_btc_plan(bot)
    await alice.says("/settings")
    await alice.taps(lambda label: label == "Timezone")
    await alice.taps("Tokyo")

    reply = await bot.says(ALICE, "/remind Friday 18:00")

    assert reply.startswith("⏰ Reminder set for Fri 11 Dec 2026, 18:00 JST.")
