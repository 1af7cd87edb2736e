"""/settings keyboards; labels from templates/settings/buttons.toml."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.features.settings.buttons import SettingButton
from bot.ui.keyboards import button, labels, rows

NAMES = ("leverage", "fee_tier", "region", "timezone", "venue", "margin_mode", "wallet_usd")


def name_label(name: str) -> str:
    return str(labels("settings")["names"][name])


def values(name: str) -> dict[str, str]:
    """value -> label for one setting."""
    return dict(labels("settings")["values"][name])


def settings_menu(owner: int) -> InlineKeyboardMarkup:
    buttons = [button(name_label(name), SettingButton(owner, name)) for name in NAMES]
    done = button(name_label("done"), SettingButton(owner, "done"))
    return InlineKeyboardMarkup([*rows(buttons, 2), [done]])


def setting_choices(owner: int, name: str) -> InlineKeyboardMarkup:
    buttons = [
        button(text, SettingButton(owner, name, value)) for value, text in values(name).items()
    ]
    back = button(name_label("back"), SettingButton(owner, "menu"))
    return InlineKeyboardMarkup([*rows(buttons, 2), [back]])
