"""Every template, rendered with extreme values, passes the same rules the fake Bot API enforces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.features.charts.handlers import card_button as chart_button
from bot.features.hedge import keyboards as hedge_keys
from bot.features.hedge.buttons import CostsButton, ScenariosButton
from bot.features.hedge.views import card_context, venues_first
from bot.features.reminders.messages import card_button as remind_button
from bot.features.settings import keyboards as settings_keys
from bot.features.start.keyboards import menu
from bot.storage.users import UserSettings
from bot.ui.render import render, templates_dir
from bot.ui.telegram_rules import check_reply_markup, check_text, parse_html, split_html
from hedging.market import load_snapshot
from hedging.models import (
    Concern,
    HedgeRequest,
    Holding,
    Intent,
    Outlook,
    PlanSettings,
    Portfolio,
    Recommendation,
)
from hedging.planner import recommend

NASTY = "<script>alert('x')</script> & \"quotes\" 🚀" * 3
BIG_ID = 2**52  # Telegram ids fit in 52 bits
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def _recommendation(
    holdings: list[Holding], settings: dict[str, Any] | None = None, **intent: Any
) -> Recommendation:
    request = HedgeRequest(
        portfolio=Portfolio(holdings=holdings),
        intent=Intent(**intent),
        settings=PlanSettings(leverage=125, **(settings or {})),
    )
    return recommend(request, load_snapshot(), now=NOW)


SYMBOLS = list(load_snapshot().assets)
RECOMMENDATIONS = {
    "tiny": _recommendation([Holding(symbol="BTC", quantity=1e-6)], horizon_days=1),
    "huge": _recommendation(
        [Holding(symbol="BTC", quantity=1e6), Holding(symbol="SPY", quantity=1e6)],
        horizon_days=365,
        concern=Concern.TOKEN_UNLOCK,
        outlook=Outlook.BIG_DROP,
    ),
    "huge quarterly, cross": _recommendation(
        [Holding(symbol="BTC", quantity=1e6)],
        {"margin_mode": "cross", "wallet_usd": 1e11, "instrument": "quarterly", "venue": "okx"},
        horizon_days=365,
    ),
    "tiny portfolio margin, inverse": _recommendation(
        [Holding(symbol="ETH", quantity=1e-6)],
        {"margin_mode": "portfolio", "instrument": "inverse"},
        horizon_days=1,
    ),
    "stock options at the ask": _recommendation(
        [Holding(symbol="AAPL", quantity=123456.789)], horizon_days=365, outlook=Outlook.INSURANCE
    ),
    "many holdings": _recommendation(
        [Holding(symbol=s, quantity=1234.5678) for s in SYMBOLS], outlook=Outlook.INSURANCE
    ),
}


def _contexts() -> dict[str, list[dict[str, Any]]]:
    settings = UserSettings(leverage=125, timezone="America/Argentina/ComodRivadavia")
    cross = settings.model_copy(update={"margin_mode": "portfolio", "wallet_usd": 1e12})
    labels = {n: settings_keys.values(n) for n in settings_keys.NAMES}
    plan_views = [
        {
            "plan": plan,
            "rec": rec,
            "venues": venues_first(plan, "kraken"),
            "preferred_venue": "kraken",
            "faq_link": None,
        }
        for rec in RECOMMENDATIONS.values()
        for plan in rec.plans
    ]
    holdings = [{"symbol": s, "quantity": 1e9} for s in SYMBOLS]
    return {
        "start": [{"name": NASTY, "first_time": True}, {"name": "", "first_time": False}],
        "help": [{}],
        "ask_holdings": [
            {"holdings": [], "unsized": []},
            {"holdings": [], "unsized": [{"symbol": "ETH", "proxy_for": None}]},
            {"holdings": [], "unsized": [{"symbol": "QQQ", "proxy_for": "tech stocks"}]},
            {"holdings": [], "unsized": [{"symbol": "BTC"}, {"symbol": "ETH"}]},
        ],
        "ask_concern": [{"holdings": holdings}],
        "ask_horizon": [{"holdings": holdings}],
        "ask_outlook": [{"holdings": holdings}],
        "bad_input": [
            {"step": step, "reason": reason, "too_long": too_long}
            for step in ("holdings", "concern", "horizon", "outlook", "timezone", "wallet", "media")
            for reason, too_long in ((None, False), (NASTY * 20, False), (None, True))
        ],
        "plan_card": [
            *(card_context(rec, NOW) for rec in RECOMMENDATIONS.values()),
            *(
                card_context(
                    rec,
                    NOW - timedelta(days=400),  # so long ago that the horizon ends before the event
                    {
                        "assumed": ["concern", "horizon", "outlook"],
                        "unpriced": [f"COIN{i:08d}" for i in range(150)],
                        "notes": [NASTY, NASTY],
                    },
                )
                for rec in (
                    RECOMMENDATIONS["many holdings"],
                    _recommendation(
                        [Holding(symbol="BTC", quantity=2)],
                        concern=Concern.FOMC,
                        event_at=NOW + timedelta(days=30),
                        horizon_days=3,
                    ),
                )
            ),
        ],
        "days": [{"days": 1}, {"days": 7}, {"days": 10.4}, {"days": 365}],
        "cost_sheet": plan_views,
        "scenarios": plan_views,
        "settings": [
            {
                "settings": chosen,
                "labels": labels,
                "saved": saved,
                "choosing": choosing,
                "choosing_label": NASTY,
                "typed_too": typed_too,
            }
            for chosen in (settings, cross)
            for saved in (True, False)
            for choosing in (True, False)
            for typed_too in (True, False)
        ],
        "feature_missing": [{"feature": NASTY}, {"feature": "faq"}],
        "chat_no_button": [{"count": 0, "number": "3"}, {"count": 99, "number": "99"}],
        "chat_intro": [{}],
        **{
            name: [{}]
            for name in (
                "no_holdings",
                "cancelled",
                "timeout",
                "error",
                "not_yours",
                "stale_button",
                "plan_missing",
                "change_input",
                "timezone",
                "wallet",
                "unknown_command",
                "negative_amount",
            )
        },
    }


CONTEXTS = _contexts()
CASES = [(name, i, ctx) for name, ctxs in CONTEXTS.items() for i, ctx in enumerate(ctxs)]


BOT_FOLDERS = ("core", "start", "hedge", "settings")


def _path(name: str) -> str:
    """The template of that name in one of the bot's own folders."""
    (folder,) = [f for f in BOT_FOLDERS if Path(templates_dir(), f, f"{name}.j2").exists()]
    return f"{folder}/{name}.j2"


def test_every_bot_template_has_extreme_contexts_here() -> None:
    files = {
        p.stem
        for folder in BOT_FOLDERS
        for p in Path(templates_dir(), folder).glob("*.j2")
        if not p.stem.startswith("_")
    }
    assert files == set(CONTEXTS)


@pytest.mark.parametrize(("name", "index", "context"), CASES, ids=[f"{n}-{i}" for n, i, _ in CASES])
def test_template_renders_to_valid_telegram_html(name: str, index: int, context: dict) -> None:
    text = render(_path(name), **context)
    chunks = split_html(text)
    assert chunks, "renders to nothing"
    for chunk in chunks:
        check_text(chunk)
    assert "<script>" not in text
    joined = "".join(parse_html(chunk).text for chunk in chunks)
    assert len(joined.replace("\n", "")) >= len(parse_html(text).text.replace("\n", "")) - 10


@pytest.mark.parametrize("name", ["plan_card", "cost_sheet", "scenarios"])
def test_plan_views_fit_in_one_message_even_at_extremes(name: str) -> None:
    for context in CONTEXTS[name]:
        assert len(split_html(render(_path(name), **context))) == 1


def test_alert_texts_fit_an_answer_callback_query() -> None:
    for name in ("not_yours", "stale_button"):
        assert len(render(_path(name))) <= 200


def _all_keyboards() -> list[Any]:
    plans = [
        (index, kind) for index, kind in enumerate(["full", "partial", "options", "correlated"])
    ]
    big_plan = 10**12
    result = [
        menu(BIG_ID),
        hedge_keys.holdings_step(BIG_ID),
        hedge_keys.concern_step(BIG_ID),
        hedge_keys.horizon_step(BIG_ID),
        hedge_keys.outlook_step(BIG_ID),
        hedge_keys.plan_card(BIG_ID, big_plan, plans, [chart_button, remind_button]),
        hedge_keys.plan_card(
            BIG_ID,
            big_plan,
            plans,
            [chart_button, remind_button],
            quick=hedge_keys.QuickInputs(("concern", "horizon", "outlook"), 365, "insurance"),
        ),
        hedge_keys.change_input(BIG_ID, big_plan),
        settings_keys.settings_menu(BIG_ID),
        *(
            hedge_keys.plan_detail(BIG_ID, big_plan, 3, showing(BIG_ID, big_plan, 3))
            for showing in (CostsButton, ScenariosButton)
        ),
        *(settings_keys.setting_choices(BIG_ID, n) for n in settings_keys.NAMES),
    ]
    return result


def test_every_keyboard_has_valid_callback_data_for_the_largest_ids() -> None:
    for markup in _all_keyboards():
        check_reply_markup(markup.to_dict())
