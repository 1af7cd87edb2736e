"""The plan card's Chart button: one plan's payoff chart, or all plans on one, sent as a photo."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot import callbacks
from bot.callbacks import Action
from bot.chart_text import label
from bot.charts import plan_chart
from bot.plans import load_plan
from bot.render import render
from hedging.models import HedgeKind, Recommendation

log = logging.getLogger(__name__)

ALL_PLANS = "all"  # the CHART action's second argument for the comparison chart


def chart_keyboard(
    owner: int, plan_id: int, recommendation: Recommendation, showing: HedgeKind | None
) -> InlineKeyboardMarkup:
    """Under a chart: the other plans' charts, and all plans on one chart."""
    buttons = [
        InlineKeyboardButton(
            label("button_plan", str(plan.kind)),
            callback_data=callbacks.encode(Action.CHART, owner, plan_id, index),
        )
        for index, plan in enumerate(recommendation.plans)
        if plan.kind != showing and plan.available
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if showing is not None and len(recommendation.plans) > 1:
        compare = callbacks.encode(Action.CHART, owner, plan_id, ALL_PLANS)
        rows.append([InlineKeyboardButton(label("button_compare"), callback_data=compare)])
    return InlineKeyboardMarkup(rows)


def _which(recommendation: Recommendation, argument: str) -> HedgeKind | None:
    """The plan a button names: its index on the card, or None for all plans."""
    if argument == ALL_PLANS:
        return None
    if not argument.isdigit():
        raise ValueError(f"not a plan index: {argument!r}")
    return recommendation.plans[int(argument)].kind  # IndexError: a stale button


async def send_chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a CHART button with the chart as a photo and a one-line caption."""
    query = update.callback_query
    data = callbacks.decode(query.data if query else None)
    if query is None or data is None or query.message is None:
        return
    await query.answer()  # the owner check ran before this handler (bot.handlers.common)
    chat_id = query.message.chat.id
    try:
        stored = load_plan(context.bot_data["db"], int(data.arg(0)))
        if stored is None or stored.user_id != data.owner_id:
            raise LookupError("no such plan")
        kind = _which(stored.recommendation, data.arg(1, "0"))
    except (LookupError, ValueError):
        await context.bot.send_message(chat_id, render("chart_unavailable.j2", reason="missing"))
        return
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    try:
        image = await plan_chart(stored.recommendation, kind)
    except Exception:  # a chart is a nicety: never let drawing take the conversation down
        log.exception("chart failed for plan %s", stored.id)
        await context.bot.send_message(chat_id, render("chart_unavailable.j2", reason="failed"))
        return
    await context.bot.send_photo(
        chat_id,
        photo=image.png,
        filename=f"payoff-{'all' if kind is None else kind}.png",  # so it is sent as image/png
        caption=image.caption,
        reply_markup=chart_keyboard(data.owner_id, stored.id, stored.recommendation, kind),
    )


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the chart feature to the bot."""
    application.add_handler(
        CallbackQueryHandler(send_chart, pattern=callbacks.pattern(Action.CHART))
    )
