"""What every handler may use, typed: the Services object and the context that carries it.

Handlers write `context.services.plans.load(...)`; mypy checks every use. The composition root
(bot.app.build_application) is the only place that creates a Services object.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    import sqlite_utils

    from bot.config import Settings
    from bot.features.reminders.feature import ReminderFeature
    from bot.platform.clock import Clock
    from bot.storage.plans import PlanRepository
    from bot.storage.users import UserRepository
    from bot.ui.keyboards import CardButton
    from hedging.market import MarketDataProvider

Callback = Callable[[Update, "BotContext"], Coroutine[Any, Any, object]]


@dataclass
class Hooks:
    """Where features plug into each other, filled in while the features register."""

    menu: dict[str, Callback] = field(default_factory=dict)  # main-menu button -> handler
    free_text: Callback | None = None  # text the planner did not claim (the FAQ takes it)
    card_buttons: list[CardButton] = field(default_factory=list)  # extra plan-card buttons
    term_link: Callable[[str], str] | None = None  # a glossary term -> its FAQ deep link
    # whether text that names an asset without a size asks for a plan ("hedge my ETH before CPI")
    # rather than about something else ("why does my ETH short pay funding"); None: always
    asks_for_plan: Callable[[str], bool] | None = None
    # answers the text if the FAQ answers it outright and says whether it did: a question typed
    # between the plan's questions, or asked beside a holding ("I have 2 BTC: what is funding?")
    answer_outright: Callable[[Update, str], Coroutine[Any, Any, bool]] | None = None


@dataclass
class Services:
    settings: Settings
    db: sqlite_utils.Database
    plans: PlanRepository
    users: UserRepository
    market: MarketDataProvider
    clock: Clock
    hooks: Hooks = field(default_factory=Hooks)
    reminders: ReminderFeature | None = None


class BotData:
    """The application's bot_data: one slot, the Services (PTB builds it with no arguments)."""

    services: Services | None = None


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with typed access to the services."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("build_application has not installed the services")
        return services


BotApplication = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services of a built application (for the CLI, tests and benchmarks)."""
    services = application.bot_data.services
    if services is None:
        raise RuntimeError("not an application made by build_application")
    assert isinstance(services, Services)
    return services
