"""What the plan templates are given: each plan with what it saves if prices fall 10%."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypedDict

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


class CardNotes(TypedDict, total=False):
    """What a card says besides the plans: inputs assumed, assets left out, calendar notes."""

    assumed: list[str]  # steps: "concern", "horizon", "outlook"
    unpriced: list[str]
    notes: list[str]


def card_context(
    rec: Recommendation, created_at: datetime, notes: CardNotes | None = None
) -> dict[str, Any]:
    rows = plan_rows(rec)
    notes = notes or {}
    return {
        "rec": rec,
        "best": rows[0],
        "others": rows[1:],
        "assumed": notes.get("assumed", []),
        "unpriced": notes.get("unpriced", []),
        "notes": notes.get("notes", []),
        "ends_before_event": ends_before_event(rec, created_at),
    }


def ends_before_event(rec: Recommendation, created_at: datetime) -> datetime | None:
    """When the hedge comes off, if that is before the event it is meant to cover."""
    event_at = rec.intent.event_at
    if event_at is None:
        return None
    event_at = event_at if event_at.tzinfo else event_at.replace(tzinfo=UTC)
    ends = created_at + timedelta(days=rec.intent.horizon_days)
    return ends if ends < event_at else None


def venues_first(plan: Plan, preferred: str) -> list[Any]:
    """The plan's venues with the user's preferred one first (by name, case-insensitive)."""
    venues = list(getattr(plan, "venues", []))
    return sorted(venues, key=lambda venue: venue.name.lower() != preferred.lower())
