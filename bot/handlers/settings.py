"""/settings: leverage, fee tier, region, timezone and preferred venue, kept in the users table."""

from __future__ import annotations

import warnings
from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import keyboards
from bot.callbacks import Action, decode, pattern
from bot.replies import edit, reply
from bot.users import UserSettings, load_user_settings, save_user_settings, valid_timezone

NAMES = ("leverage", "fee_tier", "region", "timezone", "venue")


class SettingsState(StrEnum):
    CHOOSING = "choosing"
    TIMEZONE = "timezone"


def _current(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> UserSettings:
    return load_user_settings(context.bot_data["db"], user_id, context.bot_data["settings"].bot)


def _view(settings: UserSettings, **extra: Any) -> dict[str, Any]:
    labels = {name: keyboards.setting_values(name) for name in NAMES}
    return {
        "settings": settings,
        "labels": labels,
        "saved": False,
        "choosing": False,
        "choosing_label": "",
        **extra,
    }


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> SettingsState:
    """/settings or the menu button: current values and what can be changed."""
    user = update.effective_user
    assert user is not None
    if update.callback_query:
        await update.callback_query.answer()
    await reply(
        update, "settings", keyboards.settings_menu(user.id), **_view(_current(context, user.id))
    )
    return SettingsState.CHOOSING


async def on_setting(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """A settings button: open a setting, pick a value, go back, or finish."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    data = decode(query.data)
    user_id = query.from_user.id
    name, value = (data.arg(0), data.arg(1)) if data else ("menu", "")
    settings = _current(context, user_id)
    if name == "done":
        await edit(query, "settings", None, **_view(settings))
        return ConversationHandler.END
    if name not in NAMES:
        await edit(query, "settings", keyboards.settings_menu(user_id), **_view(settings))
        return SettingsState.CHOOSING
    if not value:
        await edit(
            query,
            "settings",
            keyboards.setting_choices(user_id, name),
            **_view(settings, choosing=True, choosing_label=keyboards.label("settings", name)),
        )
        return SettingsState.CHOOSING
    if name == "timezone" and value == "other":
        await edit(query, "settings_timezone")
        return SettingsState.TIMEZONE
    if value not in keyboards.setting_values(name):
        await edit(query, "settings", keyboards.settings_menu(user_id), **_view(settings))
        return SettingsState.CHOOSING
    updated = settings.model_copy(update={name: float(value) if name == "leverage" else value})
    save_user_settings(context.bot_data["db"], user_id, updated)
    await edit(query, "settings", keyboards.settings_menu(user_id), **_view(updated, saved=True))
    return SettingsState.CHOOSING


async def on_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> SettingsState:
    """A typed timezone name."""
    assert update.message is not None and update.effective_user is not None
    user_id = update.effective_user.id
    zone = valid_timezone((update.message.text or "")[:100])
    if zone is None:
        await reply(update, "bad_input", step="timezone", reason=None, too_long=False)
        return SettingsState.TIMEZONE
    updated = _current(context, user_id).model_copy(update={"timezone": zone})
    save_user_settings(context.bot_data["db"], user_id, updated)
    await reply(update, "settings", keyboards.settings_menu(user_id), **_view(updated, saved=True))
    return SettingsState.CHOOSING


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await reply(update, "cancelled")
    return ConversationHandler.END


def conversation(timeout: float) -> ConversationHandler:
    buttons = CallbackQueryHandler(on_setting, pattern=pattern(Action.SETTING))
    with warnings.catch_warnings():  # typed answers and buttons mix on purpose: per_message=False
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("settings", show),
                CallbackQueryHandler(show, pattern=r"^m:\d+:settings$"),
                buttons,
            ],
            states={
                SettingsState.CHOOSING: [buttons],
                SettingsState.TIMEZONE: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_timezone
                    ),
                    buttons,
                ],
            },
            fallbacks=[CommandHandler("cancel", close)],
            name="settings",
            persistent=True,
            allow_reentry=True,
            conversation_timeout=timeout,
        )


def register(application: Application) -> None:
    timeout = application.bot_data["settings"].bot.conversation_timeout_seconds
    application.add_handler(conversation(timeout))
