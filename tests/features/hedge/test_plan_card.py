"""The hedge feature at handler level: plans priced from the services' market, stored per user,
and never shown to anyone else."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.devtools.fake_api import FakeBotApi
from bot.features.hedge.buttons import CardButton, ChangeButton, CostsButton, ScenariosButton
from bot.ui.callbacks import ButtonData
from bot.ui.render import Texts
from tests.e2e.chat import Person
from tests.fakes.market import FixedPriceMarket
from tests.features.harness import InProcessBot, forged_press, in_process_settings

texts = Texts("hedge")
ONE_MESSAGE = "I hold 2 BTC, worried about FOMC, for a week, not sure"


@pytest.fixture
async def market_bot(api: FakeBotApi) -> AsyncIterator[tuple[InProcessBot, FixedPriceMarket]]:
    market = FixedPriceMarket({"BTC": 50_000})
    running = await InProcessBot(api, in_process_settings(api), market=market).start()
    yield running, market
    await running.stop()


async def test_the_plan_is_priced_from_the_market_in_the_services(market_bot) -> None:
    bot, market = market_bot
    (card,) = await Person(bot, 1001).says(ONE_MESSAGE)  # type: ignore[arg-type]

    assert market.asked == [["BTC"]]
    assert "$100,000" in card.text  # 2 BTC at the market's 50,000
    stored = bot.services.plans.last(1001)
    assert stored is not None and stored.request.portfolio.holdings[0].quantity == 2


async def test_the_card_carries_the_buttons_other_features_registered(alice: Person) -> None:
    (card,) = await alice.says(ONE_MESSAGE)

    assert "📈 Payoff chart" in card.button_texts()
    assert "⏰ Remind me to remove it" in card.button_texts()


@pytest.mark.parametrize(
    "forge",
    [
        lambda plan: CardButton(2002, plan),
        lambda plan: CostsButton(2002, plan, 0),
        lambda plan: ScenariosButton(2002, plan, 0),
        lambda plan: ChangeButton(2002, plan, "horizon"),
    ],
)
async def test_a_button_forged_with_ones_own_id_shows_nothing_of_another_users_plan(
    bot: InProcessBot, alice: Person, bob: Person, api: FakeBotApi, forge
) -> None:
    await alice.says(ONE_MESSAGE)
    alices_plan = bot.services.plans.last(alice.id)
    assert alices_plan is not None
    forged: ButtonData = forge(alices_plan.id)

    seen_by_bob = await forged_press(bot, bob, forged.pack())

    assert [action.text for action in seen_by_bob] == [texts("plan_missing")]
