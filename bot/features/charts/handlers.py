"""The plan card's Chart button: one plan's payoff chart, or all plans on one, sent as a photo."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import CallbackQueryHandler

from bot.features.charts.buttons import ALL_PLANS, ChartButton
from bot.features.charts.images import plan_chart
from bot.platform.features import Group, Handlers
from bot.services import BotApplication, BotContext, Services
from bot.ui.keyboards import button, labels, rows
from bot.ui.render import Texts
from hedging.models import HedgeKind, Recommendation

log = logging.getLogger(__name__)
texts = Texts("charts")


def card_button(owner: int, plan_id: int) -> InlineKeyboardButton:
    """The plan card's chart button (the recommended plan first)."""
    return button(labels("charts")["card"]["chart"], ChartButton(owner, plan_id, "0"))


def chart_keyboard(
    owner: int, plan_id: int, recommendation: Recommendation, showing: HedgeKind | None
) -> InlineKeyboardMarkup:
    """Under a chart: the other plans' charts, and all plans on one chart."""
    names = labels("charts")
    buttons = [
        button(
            names["plan"].get(str(plan.kind), str(plan.kind)), ChartButton(owner, plan_id, str(i))
        )
        for i, plan in enumerate(recommendation.plans)
        if plan.kind != showing and plan.available
    ]
    chart_rows = rows(buttons, 2)
    if showing is not None and len(recommendation.plans) > 1:
        compare = ChartButton(owner, plan_id, ALL_PLANS)
        chart_rows.append([button(names["under_chart"]["compare"], compare)])
    return InlineKeyboardMarkup(chart_rows)


def _which(recommendation: Recommendation, argument: str) -> HedgeKind | None:
    """The plan a button names: its index on the card, or None for all plans."""
    if argument == ALL_PLANS:
        return None
    if not argument.isdigit():
        raise ValueError(f"not a plan index: {argument!r}")
    return recommendation.plans[int(argument)].kind  # IndexError: a stale button


async def send_chart(update: Update, context: BotContext) -> None:
    """Answer a chart button with the chart as a photo and a one-line caption."""
    query = update.callback_query
    pressed = ChartButton.unpack(query.data if query else None)
    if query is None or pressed is None or query.message is None:
        return
    await query.answer()
    chat_id = query.message.chat.id
    stored = context.services.plans.load(pressed.plan_id, pressed.owner_id)
    try:
        if stored is None:
            raise LookupError("no such plan")
        kind = _which(stored.recommendation, pressed.which)
    except (LookupError, ValueError):
        await context.bot.send_message(chat_id, texts("unavailable", reason="missing"))
        return
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    try:
        image = await plan_chart(stored.recommendation, kind)
    except Exception:  # a chart is a nicety: never let drawing take the conversation down
        log.exception("chart failed for plan %s", stored.id)
        await context.bot.send_message(chat_id, texts("unavailable", reason="failed"))
        return
    await context.bot.send_photo(
        chat_id,
        photo=image.png,
        filename=f"payoff-{'all' if kind is None else kind}.png",  # so it is sent as image/png
        caption=image.caption,
        reply_markup=chart_keyboard(pressed.owner_id, stored.id, stored.recommendation, kind),
    )


def handlers(services: Services) -> Handlers:
    return [(Group.MAIN, CallbackQueryHandler(send_chart, pattern=ChartButton.pattern()))]


def setup(application: BotApplication, services: Services) -> None:
    services.hooks.card_buttons.append(card_button)
