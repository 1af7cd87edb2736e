"""The repositories: every read names its owner, so one user never reads another's rows."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.config import BotConfig
from bot.storage.db import open_database
from bot.storage.plans import PlanRepository
from bot.storage.users import UserRepository, UserSettings
from hedging.market import load_snapshot
from hedging.models import HedgeRequest, Holding, Portfolio
from hedging.planner import recommend

ALICE, BOB = 1001, 2002
NOW = datetime(2026, 11, 25, 13, 20, tzinfo=UTC)


@pytest.fixture
def db():
    return open_database(":memory:")


def _save(plans: PlanRepository, user: int, btc: float, at: datetime) -> int:
    request = HedgeRequest(portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=btc)]))
    return plans.save(user, request, recommend(request, load_snapshot(), now=at), at).id


def test_a_saved_plan_loads_back_for_its_owner_with_its_creation_time(db) -> None:
    plans = PlanRepository(db)
    plan_id = _save(plans, ALICE, 2, NOW)

    stored = plans.load(plan_id, ALICE)

    assert stored is not None
    assert (stored.id, stored.user_id, stored.created_at) == (plan_id, ALICE, NOW)
    assert stored.request.portfolio.holdings[0].quantity == 2


def test_another_users_plan_id_loads_nothing(db) -> None:
    plans = PlanRepository(db)
    alices = _save(plans, ALICE, 2, NOW)

    assert plans.load(alices, BOB) is None
    assert plans.load(alices + 1, ALICE) is None


def test_the_last_plan_is_the_users_own_newest(db) -> None:
    plans = PlanRepository(db)
    _save(plans, ALICE, 1, NOW)
    second = _save(plans, ALICE, 2, NOW + timedelta(minutes=1))
    _save(plans, BOB, 3, NOW + timedelta(minutes=2))

    last = plans.last(ALICE)

    assert last is not None and last.id == second
    assert plans.last(999) is None


def test_a_plan_stored_by_an_older_version_reads_as_missing(db) -> None:
    plans = PlanRepository(db)
    plan_id = _save(plans, ALICE, 2, NOW)
    db.execute("UPDATE plans SET recommendation = '{\"old\": 1}'")

    assert plans.load(plan_id, ALICE) is None


def test_someone_new_gets_the_configured_defaults(db) -> None:
    users = UserRepository(db, BotConfig(default_leverage=3, default_timezone="Asia/Tokyo"))

    assert users.settings(ALICE) == UserSettings(leverage=3, timezone="Asia/Tokyo")
    assert users.timezone(ALICE) is None
    assert users.morning(ALICE) is None


def test_saved_settings_come_back_and_leave_other_users_alone(db) -> None:
    users = UserRepository(db, BotConfig())
    mine = UserSettings(leverage=5, fee_tier="vip", region="us", timezone="Europe/Berlin")

    users.save_settings(ALICE, mine, NOW)

    assert users.settings(ALICE) == mine
    assert users.settings(BOB) == UserSettings()


def test_timezone_and_morning_are_kept_without_touching_other_settings(db) -> None:
    users = UserRepository(db, BotConfig())
    users.save_settings(ALICE, UserSettings(leverage=3), NOW)

    users.set_timezone(ALICE, "Europe/Berlin", NOW)
    users.set_morning(ALICE, time(7, 30), NOW)
    users.set_morning(BOB, time(9, 0), NOW)

    assert users.settings(ALICE).leverage == 3
    assert users.timezone(ALICE) == "Europe/Berlin"
    assert users.morning(ALICE) == time(7, 30)
    assert (users.timezone(BOB), users.morning(BOB)) == (None, time(9, 0))
