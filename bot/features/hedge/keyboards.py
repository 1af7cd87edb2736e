"""The hedge feature's keyboards; labels from templates/hedge/buttons.toml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.hedge.buttons import (
    BackButton,
    CancelButton,
    CardButton,
    ChangeButton,
    ConcernButton,
    CostsButton,
    HorizonButton,
    OutlookButton,
    PresetButton,
    ScenariosButton,
)
from bot.ui.callbacks import ButtonData
from bot.ui.keyboards import CardButton as FeatureCardButton
from bot.ui.keyboards import button, labels, rows
from bot.ui.render import Texts


@dataclass(frozen=True)
class QuickInputs:
    """The inputs a card offers to change in one tap (steps: "concern", "horizon", "outlook"),
    shown with their current values."""

    steps: tuple[str, ...]
    horizon_days: float
    outlook: str


def label(section: str, key: str) -> str:
    return str(labels("hedge")[section][key])


def _nav(owner: int, back: bool = True) -> list[InlineKeyboardButton]:
    row = [button(label("flow", "back"), BackButton(owner))] if back else []
    return [*row, button(label("flow", "cancel"), CancelButton(owner))]


def holdings_step(owner: int) -> InlineKeyboardMarkup:
    presets = labels("hedge")["holdings"]["presets"]
    buttons = [button(text, PresetButton(owner, i)) for i, text in enumerate(presets)]
    return InlineKeyboardMarkup([*rows(buttons, 2), _nav(owner, back=False)])


def size_step(owner: int) -> InlineKeyboardMarkup:
    """The size question after "hedge my ETH": examples of other holdings would not answer it."""
    return InlineKeyboardMarkup([_nav(owner, back=False)])


def _choices(
    section: str, make: type[ConcernButton | HorizonButton | OutlookButton], owner: int, width: int
) -> InlineKeyboardMarkup:
    buttons = [button(text, make(owner, key)) for key, text in labels("hedge")[section].items()]
    return InlineKeyboardMarkup([*rows(buttons, width), _nav(owner)])


def concern_step(owner: int) -> InlineKeyboardMarkup:
    return _choices("concern", ConcernButton, owner, 2)


def horizon_step(owner: int) -> InlineKeyboardMarkup:
    return _choices("horizon", HorizonButton, owner, 3)


def outlook_step(owner: int) -> InlineKeyboardMarkup:
    return _choices("outlook", OutlookButton, owner, 1)


def plan_card(
    owner: int,
    plan_id: int,
    plans: Iterable[tuple[int, str]],
    extras: Iterable[FeatureCardButton] = (),
    quick: QuickInputs | None = None,
) -> InlineKeyboardMarkup:
    """Costs and scenarios for each (index, kind), a tap per input, other features' buttons,
    change an input."""
    card_rows: list[list[InlineKeyboardButton]] = []
    for index, kind in plans:
        name = labels("hedge")["kind"].get(kind, kind)
        card_rows.append(
            [
                button(f"{label('card', 'costs')} · {name}", CostsButton(owner, plan_id, index)),
                button(
                    f"{label('card', 'scenarios')} · {name}",
                    ScenariosButton(owner, plan_id, index),
                ),
            ]
        )
    if quick is not None and quick.steps:
        card_rows.append(quick_row(owner, plan_id, quick))
    card_rows.extend(rows([make(owner, plan_id) for make in extras], 2))
    card_rows.append([button(label("card", "change"), ChangeButton(owner, plan_id))])
    return InlineKeyboardMarkup(card_rows)


@lru_cache(maxsize=512)
def _days(value: float) -> str:
    return Texts("hedge")("days", days=value)


def quick_row(owner: int, plan_id: int, quick: QuickInputs) -> list[InlineKeyboardButton]:
    """📅 Change event · ⏳ 1 week · 🤔 Not sure: each opens that one question again."""
    names = labels("hedge")["quick"]
    shown = {
        "concern": names["event"],
        "horizon": names["horizon"].format(days=_days(quick.horizon_days)),
        "outlook": names["outlook"].get(quick.outlook, names["outlook"]["unsure"]),
    }
    return [
        button(shown[step], ChangeButton(owner, plan_id, step))
        for step in ("concern", "horizon", "outlook")
        if step in quick.steps
    ]


def plan_detail(owner: int, plan_id: int, index: int, showing: ButtonData) -> InlineKeyboardMarkup:
    """Under a cost sheet or scenario table: the other view, and back to the card."""
    other: ButtonData
    if isinstance(showing, CostsButton):
        other, other_label = ScenariosButton(owner, plan_id, index), label("card", "scenarios")
    else:
        other, other_label = CostsButton(owner, plan_id, index), label("card", "costs")
    return InlineKeyboardMarkup(
        [
            [button(other_label, other)],
            [button(label("card", "back"), CardButton(owner, plan_id))],
        ]
    )


def change_input(owner: int, plan_id: int) -> InlineKeyboardMarkup:
    buttons = [
        button(text, ChangeButton(owner, plan_id, key))
        for key, text in labels("hedge")["change"].items()
    ]
    return InlineKeyboardMarkup(
        [*rows(buttons, 2), [button(label("card", "back"), CardButton(owner, plan_id))]]
    )
