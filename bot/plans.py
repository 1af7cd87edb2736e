"""Plans the bot has shown, kept so their buttons keep working after a restart."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from bot.storage import utc_now_iso
from hedging.models import HedgeRequest, Recommendation


@dataclass(frozen=True)
class StoredPlan:
    id: int
    user_id: int
    request: HedgeRequest
    recommendation: Recommendation


def save_plan(
    db: sqlite_utils.Database,
    user_id: int,
    request: HedgeRequest,
    recommendation: Recommendation,
) -> int:
    """Store a request and its recommendation; returns the plan id used in callback data."""
    table = db.table("plans")
    table.insert(
        {
            "user_id": user_id,
            "request": request.model_dump_json(),
            "recommendation": recommendation.model_dump_json(),
            "created_at": utc_now_iso(),
        }
    )
    assert table.last_pk is not None
    return int(table.last_pk)


def load_plan(db: sqlite_utils.Database, plan_id: int) -> StoredPlan | None:
    row = next(iter(db.table("plans").rows_where("id = ?", [plan_id])), None)
    if row is None:
        return None
    return StoredPlan(
        id=row["id"],
        user_id=row["user_id"],
        request=HedgeRequest.model_validate_json(row["request"]),
        recommendation=Recommendation.model_validate_json(row["recommendation"]),
    )
