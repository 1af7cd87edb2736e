"""Setting a reminder: /remind, the plan card's ⏰ button and "Keep, remind me at …"."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import reminder_store as store
from bot import reminder_views as views
from bot.callbacks import Action, CallbackData, pattern
from bot.handlers.reminder_base import (
    Context,
    ReminderFeature,
    button,
    feature,
    stop_after,
)
from bot.handlers.reminder_base import say as _say
from bot.when import (
    NeedsMorning,
    WhenContext,
    WhenError,
    parse_morning,
    parse_timezone,
    resolve_when,
)

DRAFT = "reminder_draft"
END = ConversationHandler.END


class State(IntEnum):
    TIMEZONE = 1
    MORNING = 2
    TIME = 3


async def remind_command(update: Update, context: Context) -> object:
    """/remind <time>: a reminder for the user's last plan."""
    assert update.effective_user is not None and update.message is not None
    plan = store.last_plan(feature(context).db, update.effective_user.id)
    if plan is None:
        await _say(update, "no_plan")
        return END
    text = " ".join(context.args or [])
    _draft(context, plan_id=plan.id, text=text or None)
    return await advance(update, context)


async def plan_card_button(update: Update, context: Context, data: CallbackData) -> object:
    """⏰ on the plan card: after the event, at the end of the horizon, or a typed time."""
    reminders = feature(context)
    plan_id = int(data.arg(0, "0") or 0)
    record = store.get_plan(reminders.db, plan_id)
    if record is None or record.user_id != data.owner_id:
        await _say(update, "no_plan")
        return END
    facts = views.plan_facts(record, reminders.calendar)
    zone = reminders.timezone(data.owner_id) or "UTC"
    now = reminders.clock.now()
    event_at = facts.event_at if facts else None
    buffer = timedelta(hours=reminders.config.event_buffer_hours)
    event_due = event_at + buffer if event_at and event_at + buffer > now else None
    horizon = facts.horizon_end if facts and facts.horizon_end > now else None
    markup = views.choose_keyboard(
        data.owner_id,
        plan_id,
        views.short_time(event_due, zone) if event_due else None,
        views.short_time(horizon, zone) if horizon else None,
    )
    event = None
    if facts and facts.event and event_due:
        event = {
            "title": facts.event.title,
            "shown": views.describe(facts.event.at, zone),
            "confirmed": facts.event.confirmed,
        }
    await _say(update, "choose", markup, event=event, buffer_hours=buffer.total_seconds() / 3600)
    return END


async def plan_card_choice(update: Update, context: Context, data: CallbackData) -> object:
    choice = data.arg(1)
    preset = {"event": "after the event", "horizon": "end of horizon"}.get(choice)
    _draft(context, plan_id=int(data.arg(0, "0") or 0), text=preset)
    return await advance(update, context)


async def keep_button(update: Update, context: Context, data: CallbackData) -> object:
    """Keep, remind me at …: ask for the time; the buttons stay in case of a change of mind."""
    _draft(context, reminder_id=int(data.arg(0, "0") or 0))
    return await advance(update, context)


def _draft(context: Context, **values: Any) -> None:
    assert context.user_data is not None
    context.user_data[DRAFT] = {"plan_id": None, "reminder_id": None, "text": None, **values}


async def got_timezone(update: Update, context: Context) -> object:
    assert update.message is not None and update.effective_user is not None
    reminders = feature(context)
    try:
        zone = parse_timezone(update.message.text or "")
    except WhenError as error:
        await _say(update, "when_error", problem=error.problem.value, shown=error.shown)
        return State.TIMEZONE
    store.set_timezone(reminders.db, update.effective_user.id, zone, reminders.clock.now())
    return await advance(update, context)


async def got_morning(update: Update, context: Context) -> object:
    assert update.message is not None and update.effective_user is not None
    reminders = feature(context)
    try:
        morning = parse_morning(update.message.text or "")
    except WhenError as error:
        await _say(update, "when_error", problem=error.problem.value, asked_morning=True)
        return State.MORNING
    store.set_morning(
        reminders.db, update.effective_user.id, morning.strftime("%H:%M"), reminders.clock.now()
    )
    return await advance(update, context)


async def got_time(update: Update, context: Context) -> object:
    assert update.message is not None and context.user_data is not None
    context.user_data.setdefault(DRAFT, {})["text"] = update.message.text or ""
    return await advance(update, context)


async def advance(update: Update, context: Context) -> object:
    """Take the draft as far as it goes: ask timezone, then the time, then morning; then save."""
    assert update.effective_user is not None and context.user_data is not None
    reminders, user_id = feature(context), update.effective_user.id
    draft = context.user_data.get(DRAFT) or {}
    user = store.get_user(reminders.db, user_id)
    if user is None or not user.timezone:
        await _say(update, "ask_timezone")
        return State.TIMEZONE
    if not draft.get("text"):
        await _say(update, "ask_time", timezone=user.timezone)
        return State.TIME
    try:
        result = resolve_when(
            draft["text"], _when_context(reminders, user, draft), reminders.clock.now()
        )
    except WhenError as error:
        await _say(update, "when_error", problem=error.problem.value, shown=error.shown)
        draft["text"] = None
        return State.TIME
    if isinstance(result, NeedsMorning):
        await _say(update, "ask_morning")
        return State.MORNING
    saved = _save(reminders, user_id, update, draft, result.due)
    context.user_data.pop(DRAFT, None)
    if not saved:
        await _say(update, "gone")
        return END
    reminders.dispatcher.wake()
    await _say(
        update,
        "set",
        shown=result.shown,
        shifted=result.shifted_for_dst,
        snoozed=bool(draft.get("reminder_id")),
    )
    return END


def _when_context(reminders: ReminderFeature, user: store.UserRecord, draft: dict) -> WhenContext:
    plan_id = draft.get("plan_id")
    if plan_id is None and draft.get("reminder_id"):
        kept = store.get_reminder(reminders.db, draft["reminder_id"])
        plan_id = kept.plan_id if kept else None
    record = store.get_plan(reminders.db, plan_id) if plan_id else None
    facts = views.plan_facts(record, reminders.calendar) if record else None
    morning = datetime.strptime(user.morning, "%H:%M").time() if user.morning else None
    return WhenContext(
        timezone=user.timezone or "UTC",
        morning=morning,
        event_at=facts.event_at if facts else None,
        event_buffer=timedelta(hours=reminders.config.event_buffer_hours),
        horizon_end=facts.horizon_end if facts else None,
    )


def _save(
    reminders: ReminderFeature, user_id: int, update: Update, draft: dict, due: datetime
) -> bool:
    if draft.get("reminder_id"):
        return store.snooze(reminders.db, draft["reminder_id"], user_id, due)
    assert update.effective_chat is not None
    store.add_reminder(
        reminders.db,
        user_id=user_id,
        chat_id=update.effective_chat.id,
        plan_id=draft.get("plan_id"),
        due=due,
        reason=str(draft.get("text"))[:100],
        now=reminders.clock.now(),
    )
    return True


async def cancel(update: Update, context: Context) -> object:
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    await _say(update, "left")
    return END


async def leave(update: Update, context: Context) -> int:
    """Another command while we wait for a time: drop the draft and let that command run."""
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    return END


def conversation(persistent: bool) -> ConversationHandler:
    """The one conversation that asks for a time (and, once, a timezone and a morning)."""
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():  # per_message=False is right: the flow mixes text and buttons
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("remind", stop_after(remind_command)),
                CallbackQueryHandler(button(plan_card_button), pattern=pattern(Action.REMIND)),
                CallbackQueryHandler(button(plan_card_choice), pattern=pattern(Action.REMIND_AT)),
                CallbackQueryHandler(button(keep_button), pattern=pattern(Action.REMINDER_KEEP)),
            ],
            states={
                State.TIMEZONE: [MessageHandler(text, stop_after(got_timezone))],
                State.MORNING: [MessageHandler(text, stop_after(got_morning))],
                State.TIME: [MessageHandler(text, stop_after(got_time))],
            },
            fallbacks=[
                CommandHandler("cancel", stop_after(cancel)),
                MessageHandler(filters.COMMAND, leave),
            ],
            name="reminder_time",
            persistent=persistent,
            allow_reentry=True,
        )
