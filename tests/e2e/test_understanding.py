"""Understanding people over the loopback Bot API: a plan after at most one question, the
calendar's date for a scheduled event, a typed answer at every prompt, nothing named dropped.

The bot's clock is Tuesday 1 December 2026, 10:00 UTC: the next FOMC statement is Wednesday
9 December (19:00 UTC), the next CPI release Thursday 10 December (13:30 UTC)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import BotConfig
from bot.devtools.fake_api import FakeBotApi
from bot.features.reminders import store
from bot.platform.clock import FakeClock
from bot.storage.users import UserRepository
from tests.e2e.chat import Person, RunningBot, make_settings

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
async def bot(fake: FakeBotApi, db_path: Path) -> AsyncIterator[RunningBot]:
    running = await RunningBot(fake, make_settings(fake, db_path), clock=FakeClock(NOW)).start()
    yield running
    await running.stop()


def start_example(greeting_html: str) -> str:
    """The one-line example /start offers (its first italic part)."""
    found = re.search(r"<i>(.+?)</i>", greeting_html)
    assert found, greeting_html
    return found.group(1)


async def test_the_start_example_gets_a_plan_on_the_calendars_fomc_date(alice: Person) -> None:
    (greeting,) = await alice.says("/start")
    example = start_example(greeting.html)
    assert "FOMC on Wednesday" in example

    replies = await alice.says(example)

    assert len(replies) == 1
    header, *lines = replies[0].text.splitlines()
    assert header.startswith("🛡 Hedge plan · 2 BTC, 10 ETH")
    assert header.endswith("· the Fed (FOMC) decision on Wed 09 Dec")
    assert (
        "ℹ️ You said Wed 2 Dec; the calendar has the FOMC decision on Wed 9 Dec, "
        "so I used that date." in lines
    )


async def test_a_message_with_only_holdings_gets_a_plan_card_with_its_assumptions_at_once(
    alice: Person,
) -> None:
    replies = await alice.says("I hold 2 BTC")

    assert len(replies) == 1
    card = replies[0]
    assert card.text.startswith("🛡 Hedge plan · 2 BTC ($180,000) · 1 week\n")
    assert (
        "Assumed: no specific event · 1 week · not sure which way. Tap below to change."
        in card.text.splitlines()
    )
    assert ["📅 Change event", "⏳ 1 week", "🤔 Not sure"] in [
        [button["text"] for button in row] for row in card.buttons
    ]


@pytest.mark.parametrize(
    ("message", "header", "assumed"),
    [
        (
            "2 BTC, worried about CPI",
            "🛡 Hedge plan · 2 BTC ($180,000) · 11 days · the CPI print on Thu 10 Dec",
            "Assumed: not sure which way.",
        ),
        (
            "0.5 eth, earnings, for a week",
            "🛡 Hedge plan · 0.5 ETH ($1,500) · 1 week · earnings",
            "Assumed: not sure which way.",
        ),
        (
            "$500k of SPY until Friday, expect a crash",
            "🛡 Hedge plan · 833.3333 SPY ($500,000) · 3 days",
            "Assumed: no specific event.",
        ),
    ],
)
async def test_what_a_message_leaves_out_is_assumed_and_said_in_one_line(
    alice: Person, message: str, header: str, assumed: str
) -> None:
    (card,) = await alice.says(message)

    assert card.text.splitlines()[0] == header
    assert f"{assumed} Tap below to change." in card.text.splitlines()


async def test_back_from_a_cost_sheet_shows_the_same_card_with_its_assumptions(
    alice: Person,
) -> None:
    (card,) = await alice.says("I hold 2 BTC")
    (costs,) = await alice.taps(lambda label: label.startswith("💵"), on=card)
    (back,) = await alice.taps("Back to the plan", on=costs)

    assert back.text == card.text and back.buttons == card.buttons


async def test_change_event_asks_only_that_and_warns_when_the_horizon_ends_before_it(
    alice: Person,
) -> None:
    (card,) = await alice.says("2 BTC for 3 days, keep some upside")
    (question,) = await alice.taps("📅 Change event", on=card)
    assert question.message_id == card.message_id
    assert question.text.startswith("Step 2 of 4 · What worries you?")

    replies = await alice.taps("CPI")

    assert [(r.method, r.message_id) for r in replies] == [("editMessageText", card.message_id)]
    assert replies[0].text.startswith("🛡 Hedge plan · 2 BTC ($180,000) · 3 days · the CPI print")
    assert (
        "⚠️ This hedge comes off on Fri 04 Dec, before the CPI print on Thu 10 Dec. "
        "Tap ⏳ below to make it longer." in replies[0].text.splitlines()
    )


async def test_an_assumed_horizon_runs_until_after_an_event_tapped_later(alice: Person) -> None:
    (card,) = await alice.says("I hold 2 BTC")
    await alice.taps("📅 Change event", on=card)

    (plan,) = await alice.taps("Fed / FOMC")

    assert plan.text.startswith("🛡 Hedge plan · 2 BTC ($180,000) · 10 days · the Fed (FOMC)")
    assert "Assumed: not sure which way. Tap below to change." in plan.text.splitlines()


async def test_an_unpriced_asset_is_named_on_the_card_with_how_to_price_it(alice: Person) -> None:
    (card,) = await alice.says("I hold 2 BTC and 100 FOOCOIN")

    assert card.text.startswith("🛡 Hedge plan · 2 BTC ($180,000)")
    assert (
        "⚠️ I have no price for FOOCOIN, so this plan leaves it out. To include it, send what "
        "you hold with a price after each, like 1,000 FOOCOIN @ 0.5." in card.text.splitlines()
    )


async def test_an_unreadable_holding_is_the_one_question_and_the_rest_is_kept(
    alice: Person,
) -> None:
    (question,) = await alice.says("2 XYZQ, worried about CPI, keep some upside")
    assert question.text.startswith("I have no price for XYZQ.")

    (card,) = await alice.says("2 XYZQ @ 40")

    assert card.text.startswith("🛡 Hedge plan · 2 XYZQ ($80.00) · 11 days · the CPI print")
    assert "Assumed:" not in card.text


async def test_a_time_typed_at_the_reminder_prompt_sets_the_reminder(
    bot: RunningBot, alice: Person
) -> None:
    await alice.says("I hold 2 BTC, worried about FOMC, keep some upside")
    (prompt,) = await alice.taps("Remind me to remove it")
    assert prompt.text.startswith("⏰ When should I remind you")

    (asked,) = await alice.says("in 3 days")
    assert asked.text.startswith("First, which timezone are you in?")
    (confirmed,) = await alice.says("Lisbon")  # a city is a timezone

    assert confirmed.text.startswith("⏰ Reminder set for Fri 04 Dec 2026, 10:00 WET.")
    (reminder,) = store.pending_for_user(bot.services.db, alice.id)
    assert reminder.due_at == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


async def test_a_city_typed_at_the_settings_timezone_choices_is_the_timezone(
    bot: RunningBot, alice: Person
) -> None:
    (menu,) = await alice.says("/settings")
    (choices,) = await alice.taps(lambda label: label == "Timezone", on=menu)
    assert "a city like Lisbon works" in choices.text

    (saved,) = await alice.says("Buenos Aires")

    assert saved.text.startswith("✅ Saved.")
    assert "Timezone: America/Argentina/Buenos_Aires" in saved.text.splitlines()
    users = UserRepository(bot.services.db, BotConfig())
    assert users.settings(alice.id).timezone == "America/Argentina/Buenos_Aires"


async def test_a_holding_named_without_a_size_gets_one_question_then_the_plan(
    alice: Person,
) -> None:
    (asked,) = await alice.says("I own some tesla shares, worried about earnings")
    assert asked.text.startswith("How much TSLA do you hold?")

    (card,) = await alice.says("40")

    header = card.text.splitlines()[0]
    assert header.startswith("🛡 Hedge plan · 40 TSLA (") and "earnings" in header
