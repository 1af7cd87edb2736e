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
