"""At every reminder prompt a typed answer is the answer, a city is a timezone, and a /command
still works. The harness clock is Tuesday 1 December 2026, 10:00 UTC."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.features.reminders import store
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot

PLAN = "I hold 2 BTC, worried about FOMC, keep some upside"


async def open_the_reminder_question(alice: Person) -> None:
    await alice.says(PLAN)
    (prompt,) = await alice.taps("Remind me to remove it")
    assert prompt.text.startswith("⏰ When should I remind you to take this hedge off?")


async def test_a_time_typed_after_the_plan_cards_question_sets_the_reminder(
    bot: InProcessBot, alice: Person
) -> None:
    bot.services.users.set_timezone(alice.id, "Europe/Berlin", bot.clock.now())
    await open_the_reminder_question(alice)

    (confirmed,) = await alice.says("in 2 hours")

    assert confirmed.text.startswith("⏰ Reminder set for Tue 01 Dec 2026, 13:00 CET.")
    (reminder,) = store.pending_for_user(bot.services.db, alice.id)
    assert reminder.due_at == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert reminder.plan_id == bot.services.plans.last(alice.id).id  # type: ignore[union-attr]


async def test_the_question_offers_its_taps_but_no_button_to_type(alice: Person) -> None:
    await open_the_reminder_question(alice)

    labels = alice.last_with_buttons().button_texts()

    assert labels[0].startswith("After the event · Wed 09 Dec")
    assert not any("Type" in label for label in labels)


@pytest.mark.parametrize(
    ("city", "zone", "shown"),
    [
        ("Lisbon", "Europe/Lisbon", "Fri 04 Dec 2026, 10:00 WET"),
        ("new york", "America/New_York", "Fri 04 Dec 2026, 05:00 EST"),
        ("Tokyo", "Asia/Tokyo", "Fri 04 Dec 2026, 19:00 JST"),
    ],
)
async def test_a_city_typed_at_the_timezone_question_is_the_timezone(
    bot: InProcessBot, alice: Person, city: str, zone: str, shown: str
) -> None:
    await open_the_reminder_question(alice)
    (asked,) = await alice.says("in 3 days")
    assert asked.text.startswith("First, which timezone are you in?")

    (confirmed,) = await alice.says(city)

    assert confirmed.text.startswith(f"⏰ Reminder set for {shown}.")
    assert bot.services.users.timezone(alice.id) == zone


async def test_an_unknown_place_is_refused_and_the_timezone_question_stays(
    bot: InProcessBot, alice: Person
) -> None:
    await open_the_reminder_question(alice)
    await alice.says("in 3 days")

    (refused,) = await alice.says("Atlantis")
    (confirmed,) = await alice.says("Berlin")

    assert refused.text.startswith("I don't know that timezone.")
    assert confirmed.text.startswith("⏰ Reminder set for Fri 04 Dec 2026, 11:00 CET.")


async def test_a_morning_typed_at_the_morning_question_is_remembered(
    bot: InProcessBot, alice: Person
) -> None:
    bot.services.users.set_timezone(alice.id, "Europe/Berlin", bot.clock.now())
    await open_the_reminder_question(alice)
    (asked,) = await alice.says("tomorrow morning")
    assert asked.text.startswith('What time is "morning" for you?')

    (confirmed,) = await alice.says("7:30")

    assert confirmed.text.startswith("⏰ Reminder set for Wed 02 Dec 2026, 07:30 CET.")
    assert bot.services.users.morning(alice.id) == time(7, 30)


async def test_another_command_at_the_reminder_question_runs_and_leaves_it(
    bot: InProcessBot, alice: Person
) -> None:
    await open_the_reminder_question(alice)

    (settings,) = await alice.says("/settings")
    await alice.says("/cancel")
    (after,) = await alice.says("I hold 3 ETH")

    assert "Your settings" in settings.text
    assert store.pending_for_user(bot.services.db, alice.id) == []
    assert after.text.startswith("🛡 Hedge plan · 3 ETH")


async def test_reminders_listed_while_a_time_is_awaited_leave_the_question_open(
    bot: InProcessBot, alice: Person
) -> None:
    bot.services.users.set_timezone(alice.id, "Europe/Berlin", bot.clock.now())
    await open_the_reminder_question(alice)

    (listing,) = await alice.says("/reminders")
    (confirmed,) = await alice.says("in 2 hours")

    assert "Reminder set" not in listing.text
    assert confirmed.text.startswith("⏰ Reminder set for Tue 01 Dec 2026, 13:00 CET.")
