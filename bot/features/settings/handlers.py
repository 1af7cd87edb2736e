"""/settings: leverage, fee tier, region, timezone, preferred venue, margin mode and futures
wallet, kept in the users table."""

from __future__ import annotations

import warnings
from enum import StrEnum
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

from bot.features.settings import keyboards
from bot.features.settings.buttons import SettingButton
from bot.features.settings.keyboards import NAMES
from bot.features.start.buttons import MenuButton
from bot.platform.features import Group, Handlers
from bot.services import BotContext, Services
from bot.storage.users import UserSettings
from bot.ui.render import Texts, core_text
from bot.ui.replies import edit, reply
from hedging.language.numbers import parse_usd_amount
from hedging.language.timezones import read_timezone

texts = Texts("settings")


class SettingsState(StrEnum):
    CHOOSING = "choosing"
    TIMEZONE = "timezone"
    WALLET = "wallet"


def _current(context: BotContext, user_id: int) -> UserSettings:
    return context.services.users.settings(user_id)


def _save(context: BotContext, user_id: int, settings: UserSettings) -> None:
    services = context.services
    services.users.save_settings(user_id, settings, services.clock.now())


def _view(settings: UserSettings, **extra: Any) -> dict[str, Any]:
    labels = {name: keyboards.values(name) for name in NAMES}
    return {
        "settings": settings,
        "labels": labels,
        "saved": False,
        "choosing": False,
        "choosing_label": "",
        "typed_too": False,  # the choice may also be typed (the timezone)
        **extra,
    }


async def show(update: Update, context: BotContext) -> SettingsState:
    """/settings or the menu button: current values and what can be changed."""
    user = update.effective_user
    assert user is not None
    if update.callback_query:
        await update.callback_query.answer()
    body = texts("settings", **_view(_current(context, user.id)))
    await reply(update, body, keyboards.settings_menu(user.id))
    return SettingsState.CHOOSING


async def on_setting(update: Update, context: BotContext) -> object:
    """A settings button: open a setting, pick a value, go back, or finish."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    pressed = SettingButton.unpack(query.data)
    user_id = query.from_user.id
    name, value = (pressed.name, pressed.value) if pressed else ("menu", "")
    settings = _current(context, user_id)
    if name == "done":
        await edit(query, texts("settings", **_view(settings)))
        return ConversationHandler.END
    if name not in NAMES:
        await edit(query, texts("settings", **_view(settings)), keyboards.settings_menu(user_id))
        return SettingsState.CHOOSING
    if not value:
        view = _view(
            settings,
            choosing=True,
            choosing_label=keyboards.name_label(name),
            typed_too=name == "timezone",
        )
        await edit(query, texts("settings", **view), keyboards.setting_choices(user_id, name))
        # the timezone's choices also take a typed city or zone as the answer
        return SettingsState.TIMEZONE if name == "timezone" else SettingsState.CHOOSING
    if name == "timezone" and value == "other":
        await edit(query, texts("timezone"))
        return SettingsState.TIMEZONE
    if name == "wallet_usd" and value == "other":
        await edit(query, texts("wallet"))
        return SettingsState.WALLET
    if value not in keyboards.values(name):
        await edit(query, texts("settings", **_view(settings)), keyboards.settings_menu(user_id))
        return SettingsState.CHOOSING
    updated = settings.model_copy(update={name: _chosen(name, value)})
    _save(context, user_id, updated)
    body = texts("settings", **_view(updated, saved=True))
    await edit(query, body, keyboards.settings_menu(user_id))
    return SettingsState.CHOOSING


def _chosen(name: str, value: str) -> object:
    """A button's value as the setting stores it."""
    if name == "leverage":
        return float(value)
    if name == "wallet_usd":
        return None if value == "plan" else float(value)
    return value


async def on_wallet(update: Update, context: BotContext) -> SettingsState:
    """A typed wallet balance in USD."""
    assert update.message is not None
    wallet = parse_usd_amount(update.message.text or "")
    return await _save_typed(update, context, "wallet_usd", wallet, SettingsState.WALLET)


async def on_timezone(update: Update, context: BotContext) -> SettingsState:
    """A typed timezone name."""
    assert update.message is not None
    zone = read_timezone((update.message.text or "")[:100])
    return await _save_typed(update, context, "timezone", zone, SettingsState.TIMEZONE)


async def _save_typed(
    update: Update, context: BotContext, name: str, value: object, asking: SettingsState
) -> SettingsState:
    """Save a typed value and show the settings, or say what was expected and keep asking."""
    assert update.effective_user is not None
    user_id = update.effective_user.id
    if value is None:
        await reply(update, core_text("bad_input", step=asking.value, reason=None, too_long=False))
        return asking
    updated = _current(context, user_id).model_copy(update={name: value})
    _save(context, user_id, updated)
    body = texts("settings", **_view(updated, saved=True))
    await reply(update, body, keyboards.settings_menu(user_id))
    return SettingsState.CHOOSING


async def close(update: Update, context: BotContext) -> int:
    await reply(update, core_text("cancelled"))
    return ConversationHandler.END


def conversation(timeout: float) -> ConversationHandler:
    buttons = CallbackQueryHandler(on_setting, pattern=SettingButton.pattern())
    with warnings.catch_warnings():  # typed answers and buttons mix on purpose: per_message=False
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("settings", show),
                CallbackQueryHandler(show, pattern=MenuButton.pattern_for("settings")),
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
                SettingsState.WALLET: [
                    MessageHandler(
                        filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_wallet
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


def handlers(services: Services) -> Handlers:
    return [(Group.MAIN, conversation(services.settings.bot.conversation_timeout_seconds))]
