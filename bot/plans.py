"""Plans the bot has shown, kept so their buttons keep working after a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils
from pydantic import ValidationError

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
    now: datetime | None = None,
) -> int:
    """Store a request and its recommendation; returns the plan id used in callback data."""
    # the bot's clock when given: reminders measure time since the plan on that clock
    created_at = now.astimezone(UTC).isoformat(timespec="seconds") if now else utc_now_iso()
    cursor = db.execute(  # one statement: this runs for every plan shown
        "INSERT INTO plans (user_id, request, recommendation, created_at) VALUES (?, ?, ?, ?)",
        [user_id, request.model_dump_json(), recommendation.model_dump_json(), created_at],
    )
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def load_plan(db: sqlite_utils.Database, plan_id: int) -> StoredPlan | None:
    row = db.execute(
        "SELECT user_id, request, recommendation FROM plans WHERE id = ?", [plan_id]
    ).fetchone()
    if row is None:
        return None
    try:
        return StoredPlan(
            id=plan_id,
            user_id=row[0],
            request=HedgeRequest.model_validate_json(row[1]),
            recommendation=Recommendation.model_validate_json(row[2]),
        )
    except ValidationError:  # stored by an older version whose models differ: price it again
        return None
