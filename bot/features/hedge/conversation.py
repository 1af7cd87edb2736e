"""The hedge conversation: one message or a few taps (holdings, concern, horizon, outlook)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, cast

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
from bot.features.hedge.card import card_notes, show_plan
from bot.features.hedge.draft import (
    STEP_FIELD,
    STEPS,
    Draft,
    absorb,
    draft_of,
    fill_defaults,
    has_event,
    next_missing,
    sized,
    take_the_calendars_event,
)
from bot.features.hedge.reading import MessageReading, read_for
from bot.features.start.buttons import MenuButton
from bot.features.start.handlers import start as greet
from bot.platform.features import Group, Handlers
from bot.services import BotContext, Services
from bot.ui.keyboards import labels
from bot.ui.render import Texts, core_text
from bot.ui.replies import alert, edit, reply
from hedging.errors import HedgeInputError
from hedging.language.holdings import parse_holdings

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


async def ask(
    update: Update, context: BotContext, step: Step, new_message: bool = False, quiet: bool = False
) -> Step:
    """Ask one question: edit the pressed message, or send a new one after typed text.

    quiet: the reply just sent already asked it; only wait for the answer."""
    assert update.effective_user is not None
    draft = _draft(context)
    draft["step"] = step.value
    if quiet:
        return step
    template, keyboard = QUESTIONS[step]
    unsized = draft.get("unsized") or []
    owner = update.effective_user.id
    markup = keyboards.size_step(owner) if unsized else keyboard(owner)
    body = texts(template, holdings=draft.get("holdings") or [], unsized=unsized)
    if update.callback_query and not new_message:
        await edit(update.callback_query, body, markup)
    else:
        await reply(update, body, markup)
    return step


HORIZON_RANGE = (1, 365)


async def advance(update: Update, context: BotContext) -> object:
    """Make the plan once the draft has what it must have, asking only what is missing.

    The guided flow (/hedge) asks every question; otherwise holdings are the one must-have and
    the rest take a default that the card names."""
    draft = _draft(context)
    horizon = draft.get("horizon_days")
    if horizon is not None and not HORIZON_RANGE[0] <= horizon <= HORIZON_RANGE[1]:
        draft.pop("horizon_days", None)
        await _bad(update, Step.HORIZON.value)
        return await ask(update, context, Step.HORIZON, quiet=True)
    missing = next_missing(draft) if draft.get("guided") else None
    if not draft.get("holdings"):
        missing = Step.HOLDINGS.value
    if missing:
        return await ask(update, context, Step(missing))
    fill_defaults(draft)
    try:
        await show_plan(update, context, draft)
    except HedgeInputError as error:
        draft.pop("holdings", None)
        await _bad(update, "holdings", error.message)
        return await ask(update, context, Step.HOLDINGS, quiet=True)
    assert context.user_data is not None
    context.user_data.pop("draft", None)
    return ConversationHandler.END


async def begin(update: Update, context: BotContext) -> Step:
    """/hedge or the menu button: a fresh draft, first question."""
    assert context.user_data is not None
    context.user_data["draft"] = {"guided": True}
    if update.callback_query:
        await update.callback_query.answer()  # the menu stays; the question comes below it
    return await ask(update, context, Step.HOLDINGS, new_message=True)


async def _bad(
    update: Update, step: str, reason: str | None = None, too_long: bool = False
) -> None:
    await reply(update, core_text("bad_input", step=step, reason=reason, too_long=too_long))


async def free_text(update: Update, context: BotContext) -> object:
    """A message outside any question: a plan at once when it names holdings, one question when
    a holding in it cannot be read, else the FAQ (or a hint)."""
    assert update.message is not None and update.effective_user is not None
    text = update.message.text or ""
    if len(text) > MAX_INPUT_CHARS:
        await _bad(update, "holdings", too_long=True)
        return ConversationHandler.END
    reading, now = read_for(context.services, update.effective_user.id, text)
    wants_plan = context.services.hooks.asks_for_plan or (lambda _: True)
    if reading.route == "question" and reading.unsized and wants_plan(text):
        return await _ask_size(update, context, reading, now)
    if reading.route == "question":
        fallback = context.services.hooks.free_text
        if fallback is not None:
            await fallback(update, context)
        else:
            await reply(update, texts("no_holdings"))
        return ConversationHandler.END
    if reading.route == "plan" and (answer := context.services.hooks.answer_outright):
        await answer(update, text)  # "I have 2 BTC: what is funding?": funding, then the plan
    assert context.user_data is not None
    draft: Draft = {}
    context.user_data["draft"] = draft
    absorb(reading, draft, now)
    if reading.route == "error":  # the one question: the holding again, the rest is kept
        await _bad(update, "holdings", reading.error)
        return await ask(update, context, Step.HOLDINGS, quiet=True)
    return await advance(update, context)


async def _ask_size(
    update: Update, context: BotContext, reading: MessageReading, now: datetime
) -> Step:
    """The one question a sizeless request needs: how much of it; the rest of it is kept."""
    assert context.user_data is not None
    draft: Draft = {"unsized": [h.model_dump(mode="json") for h in reading.unsized]}
    context.user_data["draft"] = draft
    absorb(reading, draft, now)
    return await ask(update, context, Step.HOLDINGS)


async def _not_an_answer(
    update: Update, context: BotContext, step: Step, text: str, reason: str | None = None
) -> Step:
    """Text that answers no question here: one the FAQ answers outright ("what is funding?")
    gets that answer and then this question again; anything else a word on what is needed."""
    answer_outright = context.services.hooks.answer_outright
    if answer_outright is not None and await answer_outright(update, text):
        return await ask(update, context, step)
    await _bad(update, step.value, reason)
    return step


def _step_text(step: Step) -> Callable[[Update, BotContext], Any]:
    async def on_text(update: Update, context: BotContext) -> object:
        """Typed answer to the current question (it may answer later questions too)."""
        assert update.message is not None and update.effective_user is not None
        text = update.message.text or ""
        if len(text) > MAX_INPUT_CHARS:
            await _bad(update, step.value, too_long=True)
            return step
        reading, now = read_for(context.services, update.effective_user.id, text)
        draft = _draft(context)
        if step is Step.HOLDINGS and not reading.holdings and draft.get("unsized"):
            reading, now = read_for(context.services, update.effective_user.id, sized(text, draft))
        if step is Step.HOLDINGS and not reading.holdings:
            return await _not_an_answer(update, context, step, text, reading.error)
        found = absorb(reading, draft, now)
        if reading.holdings:
            draft.pop("unsized", None)
        if FIELDS[step] not in found and not found:
            return await _not_an_answer(update, context, step, text)
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
        draft["assumed"] = [s for s in draft.get("assumed", []) if STEP_FIELD[s] != field]
        if field == "horizon_days" and not has_event(cast(Draft, draft)):
            draft["event_at"] = None
        if field == "concern":
            take_the_calendars_event(cast(Draft, draft), context.services.clock.now())
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
    draft["assumed"] = [s for s in card_notes(context, stored.id).get("assumed", []) if s != step]
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
