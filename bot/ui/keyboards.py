"""The one keyboard builder: buttons from typed callback data, rows, and each feature's labels."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.callbacks import ButtonData
from bot.ui.render import templates_dir

Rows = list[list[InlineKeyboardButton]]
# a feature's button on the plan card: (owner id, plan id) -> the button
CardButton = Callable[[int, int], InlineKeyboardButton]


@cache
def labels(feature: str) -> dict[str, Any]:
    """Every button label of one feature, from templates/<feature>/buttons.toml."""
    path = templates_dir() / feature / "buttons.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def button(text: str, data: ButtonData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data.pack())


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> Rows:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def markup(*button_rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(row) for row in button_rows if row])
