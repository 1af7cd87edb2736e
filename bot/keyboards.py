"""Inline keyboards as small pure functions; labels come from templates/bot/buttons.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Action, encode
from bot.render import templates_dir

Rows = list[list[InlineKeyboardButton]]


@cache
def labels() -> dict[str, Any]:
    """Every button label, from templates/bot/buttons.toml."""
    return tomllib.loads((templates_dir() / "bot" / "buttons.toml").read_text(encoding="utf-8"))


def label(section: str, key: str) -> str:
    return str(labels()[section][key])


def setting_values(name: str) -> dict[str, str]:
    """value -> label for one setting."""
    return dict(labels()["settings"]["values"][name])


def _button(text: str, action: Action, owner: int, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(action, owner, *args))


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> Rows:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def _nav(owner: int, back: bool = True) -> list[InlineKeyboardButton]:
    row = [_button(label("flow", "back"), Action.BACK, owner)] if back else []
    return [*row, _button(label("flow", "cancel"), Action.CANCEL, owner)]


def menu(owner: int) -> InlineKeyboardMarkup:
    """The main menu under /start and /help."""
    names = ["hedge", "faq", "reminders", "settings", "help"]
    buttons = [_button(label("menu", n), Action.MENU, owner, n) for n in names]
    return InlineKeyboardMarkup([[buttons[0]], *_rows(buttons[1:], 2)])


def holdings_step(owner: int) -> InlineKeyboardMarkup:
    presets = labels()["holdings"]["presets"]
    buttons = [_button(text, Action.HOLDINGS, owner, i) for i, text in enumerate(presets)]
    return InlineKeyboardMarkup([*_rows(buttons, 2), _nav(owner, back=False)])


def _choices(section: str, action: Action, owner: int, width: int) -> InlineKeyboardMarkup:
    buttons = [_button(text, action, owner, key) for key, text in labels()[section].items()]
    return InlineKeyboardMarkup([*_rows(buttons, width), _nav(owner)])


def concern_step(owner: int) -> InlineKeyboardMarkup:
    return _choices("concern", Action.CONCERN, owner, 2)


def horizon_step(owner: int) -> InlineKeyboardMarkup:
    return _choices("horizon", Action.HORIZON, owner, 3)


def outlook_step(owner: int) -> InlineKeyboardMarkup:
    return _choices("outlook", Action.OUTLOOK, owner, 1)


def plan_card(
    owner: int, plan_id: int, plans: Iterable[tuple[int, str]], extras: Iterable[Action] = ()
) -> InlineKeyboardMarkup:
    """Costs and scenarios for each (index, kind), change an input, and feature buttons."""
    rows: Rows = []
    for index, kind in plans:
        name = labels()["kind"].get(kind, kind)
        rows.append(
            [
                _button(f"{label('card', 'costs')} · {name}", Action.COSTS, owner, plan_id, index),
                _button(
                    f"{label('card', 'scenarios')} · {name}",
                    Action.SCENARIOS,
                    owner,
                    plan_id,
                    index,
                ),
            ]
        )
    extra_buttons = [
        _button(label("card", "chart"), Action.CHART, owner, plan_id, 0)
        if action is Action.CHART
        else _button(label("card", "remind"), Action.REMIND, owner, plan_id)
        for action in extras
        if action in (Action.CHART, Action.REMIND)
    ]
    rows.extend(_rows(extra_buttons, 2))
    rows.append([_button(label("card", "change"), Action.CHANGE, owner, plan_id)])
    return InlineKeyboardMarkup(rows)


def plan_detail(owner: int, plan_id: int, index: int, showing: Action) -> InlineKeyboardMarkup:
    """Under a cost sheet or scenario table: the other view, and back to the card."""
    other = Action.SCENARIOS if showing is Action.COSTS else Action.COSTS
    other_label = label("card", "scenarios" if other is Action.SCENARIOS else "costs")
    return InlineKeyboardMarkup(
        [
            [_button(other_label, other, owner, plan_id, index)],
            [_button(label("card", "back"), Action.CARD, owner, plan_id)],
        ]
    )


def change_input(owner: int, plan_id: int) -> InlineKeyboardMarkup:
    buttons = [
        _button(text, Action.CHANGE, owner, plan_id, key)
        for key, text in labels()["change"].items()
    ]
    return InlineKeyboardMarkup(
        [*_rows(buttons, 2), [_button(label("card", "back"), Action.CARD, owner, plan_id)]]
    )


def settings_menu(owner: int) -> InlineKeyboardMarkup:
    names = ["leverage", "fee_tier", "region", "timezone", "venue"]
    buttons = [_button(label("settings", n), Action.SETTING, owner, n) for n in names]
    done = _button(label("settings", "done"), Action.SETTING, owner, "done")
    return InlineKeyboardMarkup([*_rows(buttons, 2), [done]])


def setting_choices(owner: int, name: str) -> InlineKeyboardMarkup:
    buttons = [
        _button(text, Action.SETTING, owner, name, value)
        for value, text in setting_values(name).items()
    ]
    back = _button(label("settings", "back"), Action.SETTING, owner, "menu")
    return InlineKeyboardMarkup([*_rows(buttons, 2), [back]])
