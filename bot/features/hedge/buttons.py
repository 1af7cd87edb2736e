"""The hedge conversation's and the plan card's buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.ui.callbacks import ButtonData

Field = Literal["", "holdings", "concern", "horizon", "outlook"]


@dataclass(frozen=True)
class PresetButton(ButtonData):
    code = "h"
    index: int  # into [holdings] presets


@dataclass(frozen=True)
class ConcernButton(ButtonData):
    code = "c"
    value: str  # a key of [concern]


@dataclass(frozen=True)
class HorizonButton(ButtonData):
    code = "z"
    value: str  # days, a key of [horizon]


@dataclass(frozen=True)
class OutlookButton(ButtonData):
    code = "o"
    value: str  # a key of [outlook]


@dataclass(frozen=True)
class BackButton(ButtonData):
    code = "b"


@dataclass(frozen=True)
class CancelButton(ButtonData):
    code = "x"


@dataclass(frozen=True)
class CardButton(ButtonData):
    """Back to the plan card."""

    code = "p"
    plan_id: int


@dataclass(frozen=True)
class CostsButton(ButtonData):
    code = "k"
    plan_id: int
    index: int  # into Recommendation.plans


@dataclass(frozen=True)
class ScenariosButton(ButtonData):
    code = "s"
    plan_id: int
    index: int


@dataclass(frozen=True)
class ChangeButton(ButtonData):
    code = "e"
    plan_id: int
    field: Field = ""  # "" shows the choice of fields
