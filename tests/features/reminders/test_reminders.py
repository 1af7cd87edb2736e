"""Setting and listing reminders at handler level, on the services' clock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devtools.fake_api import FakeBotApi
from bot.features.reminders import store
from bot.features.reminders.buttons import RemindAtButton
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot, forged_press


async def test_remind_with_a_time_after_a_plan_stores_one_pending_reminder(
    bot: InProcessBot, alice: Person
) -> None:
    await alice.says("I hold 2 BTC, worried about FOMC, for a week, not sure")
    await alice.says("/remind in 3 days")
    (confirmed,) = await alice.says("Berlin")

    assert confirmed.text.startswith("⏰ Reminder set for Fri 04 Dec 2026, 11:00 CET.")
    (reminder,) = store.pending_for_user(bot.services.db, alice.id)
    assert reminder.due_at == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


async def test_a_remind_at_button_for_another_users_plan_sets_nothing(
    bot: InProcessBot, alice: Person, bob: Person, api: FakeBotApi
) -> None:
    await alice.says("I hold 2 BTC, worried about FOMC, for a week, not sure")
    plan = bot.services.plans.last(alice.id)
    assert plan is not None
    (refused,) = await forged_press(bot, bob, RemindAtButton(bob.id, plan.id, "horizon").pack())

    assert refused.text.startswith("There is no plan to attach a reminder to yet.")
    assert store.pending_for_user(bot.services.db, bob.id) == []
