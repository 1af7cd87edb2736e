"""/settings: leverage, fee tier, region, timezone and venue, stored in the users table."""

from __future__ import annotations

import pytest

from bot.config import BotConfig
from bot.storage.users import UserRepository, UserSettings
from tests.e2e.chat import Person, RunningBot


@pytest.mark.parametrize(
    ("setting", "choice", "shown", "stored"),
    [
        ("Leverage", "5x", "Leverage for futures hedges: 5x", {"leverage": 5.0}),
        ("Fee tier", "VIP", "Fee tier: VIP (taker 0.04%)", {"fee_tier": "vip"}),
        ("Region", "United States", "Region: United States", {"region": "us"}),
        ("Timezone", "Tokyo", "Timezone: Asia/Tokyo", {"timezone": "Asia/Tokyo"}),
        ("Venue", "Kraken", "Preferred venue: Kraken", {"venue": "kraken"}),
    ],
)
async def test_each_setting_is_chosen_by_buttons_and_stored(
    bot: RunningBot, alice: Person, setting: str, choice: str, shown: str, stored: dict
) -> None:
    (menu,) = await alice.says("/settings")
    (choices,) = await alice.taps(lambda t: t == setting, on=menu)
    assert choices.message_id == menu.message_id
    (saved,) = await alice.taps(lambda t: t.startswith(choice), on=choices)
    assert saved.text.startswith("✅ Saved.")
    assert shown in saved.text.splitlines()
    expected = UserSettings(**stored)
    assert UserRepository(bot.services.db, BotConfig()).settings(alice.id) == expected


async def test_a_typed_timezone_is_checked_and_stored(bot: RunningBot, alice: Person) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Timezone")
    (prompt,) = await alice.taps("Other")
    assert prompt.text.startswith("Type your timezone")
    (bad,) = await alice.says("Mars/Olympus_Mons")
    assert "I need a timezone name like Europe/London" in bad.text
    (good,) = await alice.says("europe/paris")
    assert "Timezone: Europe/Paris" in good.text.splitlines()
    db = bot.services.db
    assert UserRepository(db, BotConfig()).settings(alice.id).timezone == "Europe/Paris"


async def test_settings_shape_the_next_plan(bot: RunningBot, alice: Person) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Leverage")
    await alice.taps("10x")
    await alice.taps("Done")
    (card,) = await alice.says("2 BTC, CPI, for a week, expect a big drop")
    (costs,) = await alice.taps(lambda t: t.startswith("💵"), on=card)
    assert "Margin at 10x:" in costs.text


async def test_done_closes_the_settings_and_leaves_the_values(alice: Person) -> None:
    (menu,) = await alice.says("/settings")
    (closed,) = await alice.taps("Done", on=menu)
    assert closed.buttons == []
    assert closed.text.startswith("⚙️ Your settings")


@pytest.mark.parametrize(
    ("region", "listed", "absent"),
    [("United States", "Kraken", "Binance"), ("Outside the US", "Binance", None)],
)
async def test_region_decides_which_venues_a_cost_sheet_lists(
    alice: Person, region: str, listed: str, absent: str | None
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Region")
    await alice.taps(region)
    (card,) = await alice.says("2 BTC, CPI, for a week, expect a big drop")
    (costs,) = await alice.taps("Costs · Full", on=card)
    where = next(line for line in costs.text.splitlines() if line.startswith("Where:"))
    assert listed in where
    assert absent is None or absent not in where


async def test_the_preferred_venue_is_listed_first_with_a_star(alice: Person) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Venue")
    await alice.taps("Bybit")
    (card,) = await alice.says("2 BTC, CPI, for a week, expect a big drop")
    (costs,) = await alice.taps("Costs · Full", on=card)
    where = next(line for line in costs.text.splitlines() if line.startswith("Where:"))
    assert where.startswith("Where: ★ Bybit (")
