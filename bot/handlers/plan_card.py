"""The plan card and its views: each plan's cost sheet and scenario table, by editing in place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot import keyboards
from bot.callbacks import Action, decode, pattern
from bot.planning import Draft, make_plan
from bot.plans import StoredPlan, load_plan
from bot.replies import edit, reply
from bot.users import load_user_settings
from bot.views import card_context, plan_rows, venues_first


def card_markup(context: ContextTypes.DEFAULT_TYPE, stored: StoredPlan):
    """Buttons under a card: a row per plan, feature buttons, change an input."""
    rows = plan_rows(stored.recommendation)
    extras = context.bot_data.get("plan_card_actions", [])
    return keyboards.plan_card(
        stored.user_id,
        stored.id,
        [(row.index, row.plan.kind.value) for row in rows if row.plan.available],
        extras,
    )


async def show_plan(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: Draft) -> StoredPlan:
    """Price the draft and show its card (replacing the pressed question, if a button led here)."""
    assert update.effective_user is not None
    stored = await make_plan(context, update.effective_user.id, draft)
    markup = card_markup(context, stored)
    context_vars = card_context(stored.recommendation)
    if update.callback_query:
        await edit(update.callback_query, "plan_card", markup, **context_vars)
    else:
        await reply(update, "plan_card", markup, **context_vars)
    return stored


async def _owned_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> StoredPlan | None:
    """The plan a button points at, if it still exists and belongs to the presser."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    data = decode(query.data)
    plan_id = data.arg(0) if data else ""
    stored = load_plan(context.bot_data["db"], int(plan_id)) if plan_id.isdigit() else None
    if stored is None or stored.user_id != query.from_user.id:
        await edit(query, "plan_missing")
        return None
    return stored


async def card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Back to the plan card."""
    stored = await _owned_plan(update, context)
    if stored is not None:
        assert update.callback_query is not None
        await edit(
            update.callback_query,
            "plan_card",
            card_markup(context, stored),
            **card_context(stored.recommendation),
        )


async def detail(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One plan's cost sheet or scenario table."""
    stored = await _owned_plan(update, context)
    if stored is None:
        return
    query = update.callback_query
    assert query is not None
    data = decode(query.data)
    assert data is not None
    plans = stored.recommendation.plans
    index = int(data.arg(1)) if data.arg(1).isdigit() else 0
    index = min(index, len(plans) - 1)
    template = "cost_sheet" if data.action is Action.COSTS else "scenarios"
    bot_data = context.bot_data
    preferred = load_user_settings(bot_data["db"], stored.user_id, bot_data["settings"].bot).venue
    await edit(
        query,
        template,
        keyboards.plan_detail(stored.user_id, stored.id, index, data.action),
        plan=plans[index],
        rec=stored.recommendation,
        venues=venues_first(plans[index], preferred),
        preferred_venue=preferred,
    )


def register(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(card, pattern=pattern(Action.CARD)))
    application.add_handler(
        CallbackQueryHandler(detail, pattern=pattern(Action.COSTS, Action.SCENARIOS))
    )
