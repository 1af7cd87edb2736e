"""/settings at handler level: values go through the user repository of the services."""

from __future__ import annotations

import pytest

from tests.e2e.chat import Person
from tests.features.harness import InProcessBot


async def test_a_tapped_leverage_is_saved_for_that_user_only(
    bot: InProcessBot, alice: Person
) -> None:
    (menu,) = await alice.says("/settings")
    (choices,) = await alice.taps(lambda t: t == "Leverage", on=menu)
    await alice.taps(lambda t: t == "5x", on=choices)

    assert bot.services.users.settings(alice.id).leverage == 5
    assert bot.services.users.settings(2002).leverage == 2


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("berlin", "Europe/Berlin"), ("New York", "America/New_York"), ("UTC+2", "Etc/GMT-2")],
)
async def test_a_typed_timezone_is_read_by_the_same_reader_as_reminders(
    bot: InProcessBot, alice: Person, typed: str, zone: str
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Timezone")
    await alice.taps("Other")
    (saved,) = await alice.says(typed)

    assert f"Timezone: {zone}" in saved.text.splitlines()
    assert bot.services.users.timezone(alice.id) == zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("Lisbon", "Europe/Lisbon"), ("buenos aires", "America/Argentina/Buenos_Aires")],
)
async def test_a_city_typed_at_the_timezone_choices_needs_no_other_tap(
    bot: InProcessBot, alice: Person, typed: str, zone: str
) -> None:
    (menu,) = await alice.says("/settings")
    await alice.taps(lambda t: t == "Timezone", on=menu)

    (saved,) = await alice.says(typed)

    assert saved.text.startswith("✅ Saved.")
    assert bot.services.users.settings(alice.id).timezone == zone


async def test_the_timezone_choices_still_take_a_tap_after_a_bad_typed_name(
    bot: InProcessBot, alice: Person
) -> None:
    (menu,) = await alice.says("/settings")
    (choices,) = await alice.taps(lambda t: t == "Timezone", on=menu)

    (refused,) = await alice.says("Atlantis")
    await alice.taps(lambda t: t == "Tokyo", on=choices)

    assert "I need a timezone name" in refused.text
    assert bot.services.users.settings(alice.id).timezone == "Asia/Tokyo"


async def test_a_tapped_margin_mode_is_saved_and_shown_back(
    bot: InProcessBot, alice: Person
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Margin mode")
    (saved,) = await alice.taps("Cross")

    assert bot.services.users.settings(alice.id).margin_mode == "cross"
    assert bot.services.users.settings(2002).margin_mode == "isolated"
    assert "Margin mode for shorts: Cross (whole wallet)" in saved.text.splitlines()


async def test_a_preset_wallet_is_saved_and_the_plans_margin_restores_the_default(
    bot: InProcessBot, alice: Person
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Futures wallet")
    (saved,) = await alice.taps("$25,000")

    assert bot.services.users.settings(alice.id).wallet_usd == 25_000
    assert "Futures wallet for cross margin: $25,000" in saved.text.splitlines()

    await alice.taps(lambda t: t == "Futures wallet")
    await alice.taps("The plan's margin")
    assert bot.services.users.settings(alice.id).wallet_usd is None


@pytest.mark.parametrize(("typed", "wallet"), [("20000", 20_000), ("$12.5k", 12_500)])
async def test_a_typed_wallet_is_read_as_dollars(
    bot: InProcessBot, alice: Person, typed: str, wallet: float
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Futures wallet")
    await alice.taps("Other")
    await alice.says(typed)

    assert bot.services.users.settings(alice.id).wallet_usd == wallet
    assert bot.services.users.settings(2002).wallet_usd is None


@pytest.mark.parametrize("typed", ["lots", "0", "-500", "2 BTC"])
async def test_a_wallet_that_is_not_a_dollar_amount_is_asked_again(
    bot: InProcessBot, alice: Person, typed: str
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Futures wallet")
    await alice.taps("Other")
    (answer,) = await alice.says(typed)

    assert "dollar amount above zero" in answer.text
    assert bot.services.users.settings(alice.id).wallet_usd is None
    await alice.says("30000")
    assert bot.services.users.settings(alice.id).wallet_usd == 30_000


async def test_a_plan_uses_the_margin_mode_and_wallet_from_settings(
    bot: InProcessBot, alice: Person
) -> None:
    await alice.says("/settings")
    await alice.taps(lambda t: t == "Margin mode")
    await alice.taps("Cross")
    await alice.taps(lambda t: t == "Futures wallet")
    await alice.taps("$100,000")
    await alice.taps("Done")
    await alice.says("I hold 2 BTC, worried about FOMC, for a week, not sure")

    stored = bot.services.plans.last(alice.id)
    assert stored is not None
    assert stored.request.settings.margin_mode == "cross"
    assert stored.request.settings.wallet_usd == 100_000
    futures = [plan for plan in stored.recommendation.plans if plan.kind in ("full", "partial")]
    assert [plan.margin_mode for plan in futures] == ["cross", "cross"]
