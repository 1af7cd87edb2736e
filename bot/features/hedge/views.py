"""What the plan templates are given: each plan with what it saves if prices fall 10%."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hedging.models import Plan, Recommendation, Scenario
from hedging.scenarios import pnl_at_move

SHOWN_MOVE = -0.10


@dataclass(frozen=True)
class PlanRow:
    index: int  # position in Recommendation.plans, used in callback data
    plan: Plan
    unhedged: float | None
    hedged: float | None
    saved: float | None


def scenario_at(plan: Plan, rec: Recommendation, move: float = SHOWN_MOVE) -> Scenario | None:
    """The plan's scenario at `move`: from the plan, else from the core's one P&L function."""
    for scenario in plan.scenarios:
        if abs(scenario.move - move) < 1e-9:
            return scenario
    result: Scenario = pnl_at_move(plan, rec.portfolio, move)
    return result


def plan_rows(rec: Recommendation) -> list[PlanRow]:
    """Every plan, the recommended one first."""
    rows = []
    for index, plan in enumerate(rec.plans):
        scenario = scenario_at(plan, rec)
        rows.append(
            PlanRow(
                index=index,
                plan=plan,
                unhedged=scenario.unhedged_pnl_usd if scenario else None,
                hedged=scenario.net_pnl_usd if scenario else None,
                saved=scenario.net_pnl_usd - scenario.unhedged_pnl_usd if scenario else None,
            )
        )
    rows.sort(key=lambda row: row.plan.kind != rec.recommended)
    return rows


def card_context(rec: Recommendation) -> dict[str, Any]:
    rows = plan_rows(rec)
    return {"rec": rec, "best": rows[0], "others": rows[1:]}


def venues_first(plan: Plan, preferred: str) -> list[Any]:
    """The plan's venues with the user's preferred one first (by name, case-insensitive)."""
    venues = list(getattr(plan, "venues", []))
    return sorted(venues, key=lambda venue: venue.name.lower() != preferred.lower())
