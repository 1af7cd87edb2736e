"""The charts feature's button: one plan's chart, or all plans on one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ui.callbacks import ButtonData

ALL_PLANS = "all"


@dataclass(frozen=True)
class ChartButton(ButtonData):
    code = "g"
    plan_id: int
    which: str  # an index into Recommendation.plans, or "all"
