"""The hedge conversation: one message or a few taps (holdings, concern, horizon, outlook)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.features.hedge import keyboards
from bot.features.hedge.buttons import (
    BackButton,
    CancelButton,
    ChangeButton,
    ConcernButton,
    HorizonButton,
    OutlookButton,
    PresetButton,
)
from bot.features.hedge.card import show_plan
from bot.features.hedge.draft import STEP_FIELD, STEPS, Draft, draft_of, next_missing
from bot.features.start.buttons import MenuButton
from bot.features.start.handlers import start as greet
from bot.platform.features import Group, Handlers
from bot.services import BotContext, Services
from bot.ui.keyboards import labels
from bot.ui.render import Texts, core_text
from bot.ui.replies import alert, edit, reply
from hedging.errors import HedgeInputError
from hedging.holdings import (
    holding_fragment,
    holding_problem,
    names_a_negative_holding,
    parse_holdings,
)
from hedging.text import parse_intent

MAX_INPUT_CHARS = 1000  # a hedge request never needs more; longer text is answered, not parsed


class Step(StrEnum):
    HOLDINGS = "holdings"
    CONCERN = "concern"
    HORIZON = "horizon"
    OUTLOOK = "outlook"


QUESTIONS = {
    Step.HOLDINGS: ("ask_holdings", keyboards.holdings_step),
    Step.CONCERN: ("ask_concern", keyboards.concern_step),
    Step.HORIZON: ("ask_horizon", keyboards.horizon_step),
    Step.OUTLOOK: ("ask_outlook", keyboards.outlook_step),
}
FIELDS = {Step(step): field for step, field in STEP_FIELD.items()}
texts = Texts("hedge")


def _draft(context: BotContext) -> Draft:
    assert context.user_data is not None
    return cast(Draft, context.user_data.setdefault("draft", {}))


def _user_now(context: BotContext, user_id: int) -> datetime:
    services = context.services
    zone = ZoneInfo(services.users.settings(user_id).timezone)
    now = services.clock.now()
    return now.astimezone(zone) if now.tzinfo else now.replace(tzinfo=UTC)


def absorb(text: str, draft: Draft, now: datetime) -> set[str]:
    """Fill the draft with whatever the text says; returns the fields it found.

    Raises HedgeInputError for holdings that cannot be right (negative, absurd sizes)."""
    found: set[str] = set()
    if names_a_negative_holding(text):
        raise HedgeInputError(texts("negative_amount"))
    holdings = parse_holdings(text)
    if holdings:
        draft["holdings"] = [h.model_dump(mode="json", exclude_none=True) for h in holdings]
        found.add("holdings")
    intent = parse_intent(text, now)
    if intent.concern:
        draft["concern"] = intent.concern.value
        found.add("concern")
    if intent.horizon_days is not None:
        draft["horizon_days"] = intent.horizon_days
        draft["event_at"] = intent.event_at.isoformat() if intent.event_at else None
        found.add("horizon_days")
    if intent.outlook:
        draft["outlook"] = intent.outlook.value
        found.add("outlook")
    if intent.max_cost_usd is not None:
        draft["max_cost_usd"] = intent.max_cost_usd
        found.add("max_cost_usd")
    return found


async def ask(update: Update, context: BotContext, step: Step, new_message: bool = False) -> Step:
    """Ask one question: edit the pressed message, or send a new one after typed text."""
    assert update.effective_user is not None
    draft = _draft(context)
    draft["step"] = step.value
    template, keyboard = QUESTIONS[step]
    markup = keyboard(update.effective_user.id)
    holdings = draft.get("holdings") or []
    body = texts(template, holdings=holdings)
    if update.callback_query and not new_message:
        await edit(update.callback_query, body, markup)
    else:
        await reply(update, body, markup)
    return step


async def advance(update: Update, context: BotContext) -> object:
    """Ask the first missing answer, or make the plan when nothing is missing."""
    draft = _draft(context)
    missing = next_missing(draft)
    if missing:
        return await ask(update, context, Step(missing))
    try:
        await show_plan(update, context, draft)
    except HedgeInputError as error:
        draft.pop("holdings", None)
        await _bad(update, "holdings", error.message)
        return await ask(update, context, Step.HOLDINGS)
    assert context.user_data is not None
    context.user_data.pop("draft", None)
    return ConversationHandler.END


async def begin(update: Update, context: BotContext) -> Step:
    """/hedge or the menu button: a fresh draft, first question."""
    assert context.user_data is not None
    context.user_data["draft"] = {}
    if update.callback_query:
        await update.callback_query.answer()  # the menu stays; the question comes below it
    return await ask(update, context, Step.HOLDINGS, new_message=True)


async def _bad(
    update: Update, step: str, reason: str | None = None, too_long: bool = False
) -> None:
    await reply(update, core_text("bad_input", step=step, reason=reason, too_long=too_long))


async def free_text(update: Update, context: BotContext) -> object:
    """A message outside any question: a one-message plan, a question for the FAQ, or a hint."""
    assert update.message is not None and update.effective_user is not None
    text = update.message.text or ""
    if len(text) > MAX_INPUT_CHARS:
        await _bad(update, "holdings", too_long=True)
        return ConversationHandler.END
    draft: Draft = {}
    try:
        found = absorb(text, draft, _user_now(context, update.effective_user.id))
    except HedgeInputError as error:
        await _bad(update, "holdings", error.message)
        return ConversationHandler.END
    fragment = holding_fragment(text)
    if "holdings" not in found and fragment is not None:
        await _bad(update, "holdings", holding_problem(fragment))
        return ConversationHandler.END
    if "holdings" not in found:
        fallback = context.services.hooks.free_text
        if fallback is not None:
            await fallback(update, context)
        else:
            await reply(update, texts("no_holdings"))
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data["draft"] = draft
    return await advance(update, context)


def _step_text(step: Step) -> Callable[[Update, BotContext], Any]:
    async def on_text(update: Update, context: BotContext) -> object:
        """Typed answer to the current question (it may answer later questions too)."""
        assert update.message is not None and update.effective_user is not None
        text = update.message.text or ""
        if len(text) > MAX_INPUT_CHARS:
            await _bad(update, step.value, too_long=True)
            return step
        draft = _draft(context)
        try:
            found = absorb(text, draft, _user_now(context, update.effective_user.id))
        except HedgeInputError as error:
            await _bad(update, step.value, error.message)
            return step
        horizon = draft.get("horizon_days")
        if horizon is not None and not 1 <= horizon <= 365:
            draft.pop("horizon_days", None)
            await _bad(update, Step.HORIZON.value)
            return Step.HORIZON if step is Step.HORIZON else await ask(update, context, step)
        if FIELDS[step] not in found:
            reason = holding_problem(text) if step is Step.HOLDINGS else None
            if not found or step is Step.HOLDINGS:
                await _bad(update, step.value, reason)
                return step
        return await advance(update, context)

    return on_text


async def preset(update: Update, context: BotContext) -> object:
    """An example holding tapped at the first step."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    pressed = PresetButton.unpack(query.data)
    presets = labels("hedge")["holdings"]["presets"]
    index = pressed.index if pressed else 0
    holdings = parse_holdings(presets[min(index, len(presets) - 1)])
    _draft(context)["holdings"] = [h.model_dump(mode="json", exclude_none=True) for h in holdings]
    return await advance(update, context)


def _choice(
    field: str,
    section: str,
    kind: type[ConcernButton | HorizonButton | OutlookButton],
    convert: Any,
) -> Callable[[Update, BotContext], Any]:
    async def on_choice(update: Update, context: BotContext) -> object:
        """A tapped answer (only the values this step's buttons offer)."""
        query = update.callback_query
        assert query is not None
        pressed = kind.unpack(query.data)
        if pressed is None or pressed.value not in labels("hedge")[section]:
            await alert(query, core_text("stale_button"))
            return None  # stay where we are
        await query.answer()
        draft = cast(dict[str, Any], _draft(context))
        draft[field] = convert(pressed.value)
        if field == "horizon_days":
            draft["event_at"] = None
        return await advance(update, context)

    return on_choice


async def back(update: Update, context: BotContext) -> object:
    """Back to the previous question, forgetting its answer."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    draft = _draft(context)
    current = STEPS.index(draft.get("step", "holdings"))
    previous = Step(STEPS[max(current - 1, 0)])
    cast(dict[str, Any], draft).pop(FIELDS[previous], None)
    return await ask(update, context, previous)


async def cancel(update: Update, context: BotContext) -> int:
    """/cancel or the Cancel button: drop the draft."""
    assert context.user_data is not None
    context.user_data.pop("draft", None)
    if update.callback_query:
        await update.callback_query.answer()
        await edit(update.callback_query, core_text("cancelled"))
    else:
        await reply(update, core_text("cancelled"))
    return ConversationHandler.END


async def restart(update: Update, context: BotContext) -> int:
    """/start in the middle of a question: leave it and greet."""
    assert context.user_data is not None
    context.user_data.pop("draft", None)
    await greet(update, context)
    return ConversationHandler.END


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos and the like while a question is open."""
    await _bad(update, "media")


async def timed_out(update: object, context: BotContext) -> None:
    """Nobody answered for conversation_timeout: say so and forget the draft."""
    if context.user_data is not None:
        context.user_data.pop("draft", None)
    if isinstance(update, Update) and update.effective_chat:
        await context.bot.send_message(update.effective_chat.id, texts("timeout"))


async def change(update: Update, context: BotContext) -> object:
    """'Change an input' on a plan card: pick a field, then answer that one question again."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    pressed = ChangeButton.unpack(query.data)
    stored = context.services.plans.load(pressed.plan_id, pressed.owner_id) if pressed else None
    if pressed is None or stored is None:
        await edit(query, texts("plan_missing"))
        return ConversationHandler.END
    if not pressed.field:
        await edit(
            query, texts("change_input"), keyboards.change_input(pressed.owner_id, stored.id)
        )
        return ConversationHandler.END
    step = Step(pressed.field)
    draft = draft_of(stored.request)
    cast(dict[str, Any], draft).pop(FIELDS[step])
    assert context.user_data is not None
    context.user_data["draft"] = draft
    return await ask(update, context, step)


def conversation(timeout: float) -> ConversationHandler:
    # new messages only: an edited earlier message is not a fresh answer; channels have no user
    typed = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    nav: list[BaseHandler[Update, Any, object]] = [
        CallbackQueryHandler(back, pattern=BackButton.pattern()),
        MessageHandler(~filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, not_text),
    ]
    restarts: list[BaseHandler[Update, Any, object]] = [
        CommandHandler("hedge", begin),
        CallbackQueryHandler(begin, pattern=MenuButton.pattern_for("hedge")),
        CallbackQueryHandler(change, pattern=ChangeButton.pattern()),
    ]
    # no allow_reentry: it would let the free-text entry point swallow typed answers
    with warnings.catch_warnings():  # typed answers and buttons mix on purpose: per_message=False
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[*restarts, MessageHandler(typed, free_text)],
            states={
                Step.HOLDINGS: [
                    MessageHandler(typed, _step_text(Step.HOLDINGS)),
                    CallbackQueryHandler(preset, pattern=PresetButton.pattern()),
                    *nav,
                ],
                Step.CONCERN: [
                    MessageHandler(typed, _step_text(Step.CONCERN)),
                    CallbackQueryHandler(
                        _choice("concern", "concern", ConcernButton, str),
                        pattern=ConcernButton.pattern(),
                    ),
                    *nav,
                ],
                Step.HORIZON: [
                    MessageHandler(typed, _step_text(Step.HORIZON)),
                    CallbackQueryHandler(
                        _choice("horizon_days", "horizon", HorizonButton, float),
                        pattern=HorizonButton.pattern(),
                    ),
                    *nav,
                ],
                Step.OUTLOOK: [
                    MessageHandler(typed, _step_text(Step.OUTLOOK)),
                    CallbackQueryHandler(
                        _choice("outlook", "outlook", OutlookButton, str),
                        pattern=OutlookButton.pattern(),
                    ),
                    *nav,
                ],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=CancelButton.pattern()),
                CommandHandler("start", restart),
                *restarts,
            ],
            name="hedge",
            persistent=True,
            conversation_timeout=timeout,
        )


def handlers(services: Services) -> Handlers:
    return [(Group.MAIN, conversation(services.settings.bot.conversation_timeout_seconds))]
