"""The main menu under /start and /help; labels from templates/start/buttons.toml."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.features.start.buttons import MenuButton
from bot.ui.keyboards import button, labels, rows

MENU = ["hedge", "faq", "reminders", "settings", "help"]


def menu(owner: int) -> InlineKeyboardMarkup:
    names = labels("start")["menu"]
    buttons = [button(names[choice], MenuButton(owner, choice)) for choice in MENU]
    return InlineKeyboardMarkup([[buttons[0]], *rows(buttons[1:], 2)])
