"""The plan card and its views: each plan's cost sheet and scenario table, by editing in place."""

from __future__ import annotations

from typing import cast

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.features.hedge import keyboards
from bot.features.hedge.buttons import CardButton, CostsButton, ScenariosButton
from bot.features.hedge.draft import Draft, make_plan
from bot.features.hedge.views import (
    CardNotes,
    card_context,
    ends_before_event,
    plan_rows,
    venues_first,
)
from bot.platform.features import Group, Handlers
from bot.services import BotContext, Services
from bot.storage.plans import StoredPlan
from bot.ui.render import Texts
from bot.ui.replies import edit, reply

texts = Texts("hedge")
CARDS = "cards"  # user_data: the notes of this user's latest cards, by plan id
KEPT_CARDS = 5


def card_markup(services: Services, stored: StoredPlan, notes: CardNotes) -> InlineKeyboardMarkup:
    """Buttons under a card: a row per plan, a tap per assumed input (and the horizon when it
    ends before the event), other features' buttons, change an input."""
    rows = plan_rows(stored.recommendation)
    intent = stored.recommendation.intent
    steps = list(notes.get("assumed", []))
    if "horizon" not in steps and ends_before_event(stored.recommendation, stored.created_at):
        steps.append("horizon")
    return keyboards.plan_card(
        stored.user_id,
        stored.id,
        [(row.index, row.plan.kind.value) for row in rows if row.plan.available],
        services.hooks.card_buttons,
        quick=keyboards.QuickInputs(tuple(steps), intent.horizon_days, intent.outlook.value),
    )


def card_notes(context: BotContext, plan_id: int) -> CardNotes:
    """What the card of one of this user's plans said it assumed or left out."""
    kept = (context.user_data or {}).get(CARDS, {})
    return cast(CardNotes, kept.get(str(plan_id), {}))


def _remember(context: BotContext, plan_id: int, notes: CardNotes) -> None:
    assert context.user_data is not None
    kept = dict(context.user_data.get(CARDS, {}))
    kept[str(plan_id)] = notes
    context.user_data[CARDS] = dict(list(kept.items())[-KEPT_CARDS:])


def card_text(stored: StoredPlan, notes: CardNotes) -> str:
    return texts("plan_card", **card_context(stored.recommendation, stored.created_at, notes))


async def show_plan(update: Update, context: BotContext, draft: Draft) -> StoredPlan:
    """Price the draft and show its card (replacing the pressed question, if a button led here)."""
    assert update.effective_user is not None
    stored = await make_plan(context.services, update.effective_user.id, draft)
    notes = CardNotes()
    if draft.get("assumed"):
        notes["assumed"] = list(draft["assumed"])
    if draft.get("unpriced"):
        notes["unpriced"] = list(draft["unpriced"])
    if draft.get("notes"):
        notes["notes"] = list(draft["notes"])
    if notes:
        _remember(context, stored.id, notes)
    body = card_text(stored, notes)
    markup = card_markup(context.services, stored, notes)
    if update.callback_query:
        await edit(update.callback_query, body, markup)
    else:
        await reply(update, body, markup)
    return stored


async def card(update: Update, context: BotContext) -> None:
    """Back to the plan card."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    pressed = CardButton.unpack(query.data)
    stored = context.services.plans.load(pressed.plan_id, pressed.owner_id) if pressed else None
    if stored is None:
        await edit(query, texts("plan_missing"))
        return
    notes = card_notes(context, stored.id)
    await edit(query, card_text(stored, notes), card_markup(context.services, stored, notes))


async def detail(update: Update, context: BotContext) -> None:
    """One plan's cost sheet or scenario table."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    pressed = CostsButton.unpack(query.data) or ScenariosButton.unpack(query.data)
    services = context.services
    stored = services.plans.load(pressed.plan_id, pressed.owner_id) if pressed else None
    if pressed is None or stored is None:
        await edit(query, texts("plan_missing"))
        return
    plans = stored.recommendation.plans
    index = min(pressed.index, len(plans) - 1)
    preferred = services.users.settings(stored.user_id).venue
    body = texts(
        "cost_sheet" if isinstance(pressed, CostsButton) else "scenarios",
        plan=plans[index],
        rec=stored.recommendation,
        venues=venues_first(plans[index], preferred),
        preferred_venue=preferred,
        faq_link=services.hooks.term_link,
    )
    await edit(query, body, keyboards.plan_detail(stored.user_id, stored.id, index, pressed))


def handlers(services: Services) -> Handlers:
    return [
        (Group.MAIN, CallbackQueryHandler(card, pattern=CardButton.pattern())),
        (Group.MAIN, CallbackQueryHandler(detail, pattern=CostsButton.pattern())),
        (Group.MAIN, CallbackQueryHandler(detail, pattern=ScenariosButton.pattern())),
    ]
