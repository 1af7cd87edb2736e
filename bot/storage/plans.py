"""The plans table: plans the bot has shown, kept so their buttons work after a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils
from pydantic import ValidationError

from bot.storage.db import from_iso, iso
from hedging.models import HedgeRequest, Recommendation


@dataclass(frozen=True)
class StoredPlan:
    id: int
    user_id: int
    request: HedgeRequest
    recommendation: Recommendation
    created_at: datetime


class PlanRepository:
    """Every read names the owner in the query itself: one user never reads another's plan."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def save(
        self,
        user_id: int,
        request: HedgeRequest,
        recommendation: Recommendation,
        now: datetime,
    ) -> StoredPlan:
        """Store a request and its recommendation; the id goes into callback data."""
        # the bot's clock: reminders measure time since the plan on that clock
        created_at = now.astimezone(UTC).replace(microsecond=0)
        cursor = self.db.execute(  # one statement: this runs for every plan shown
            "INSERT INTO plans (user_id, request, recommendation, created_at) VALUES (?, ?, ?, ?)",
            [user_id, request.model_dump_json(), recommendation.model_dump_json(), iso(now)],
        )
        assert cursor.lastrowid is not None
        return StoredPlan(int(cursor.lastrowid), user_id, request, recommendation, created_at)

    def load(self, plan_id: int, user_id: int) -> StoredPlan | None:
        """This user's plan, or None (not theirs, gone, or stored by an older version)."""
        row = self.db.execute(
            "SELECT id, user_id, request, recommendation, created_at FROM plans "
            "WHERE id = ? AND user_id = ?",
            [plan_id, user_id],
        ).fetchone()
        return _stored(row)

    def last(self, user_id: int) -> StoredPlan | None:
        """The plan this user saw most recently."""
        row = self.db.execute(
            "SELECT id, user_id, request, recommendation, created_at FROM plans "
            "WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
            [user_id],
        ).fetchone()
        return _stored(row)


def _stored(row: tuple[int, int, str, str, str] | None) -> StoredPlan | None:
    if row is None:
        return None
    try:
        return StoredPlan(
            id=row[0],
            user_id=row[1],
            request=HedgeRequest.model_validate_json(row[2]),
            recommendation=Recommendation.model_validate_json(row[3]),
            created_at=from_iso(row[4]),
        )
    except ValidationError:  # stored by an older version whose models differ: price it again
        return None
