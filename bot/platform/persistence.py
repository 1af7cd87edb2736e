"""PTB persistence in the bot's SQLite file: conversation states and user_data, as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.storage.db import dumps, utc_now_iso

UserData = dict[str, Any]


class SqlitePersistence(BasePersistence[UserData, dict[str, Any], dict[str, Any]]):
    """Keeps what a restart must not lose: where each conversation is, and each user's draft."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        update_interval: float = 1.0,
        conversation_max_age: float | None = None,
    ) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.db = db
        # timeouts are jobs, lost on restart: a conversation idle for longer is not brought back
        self.conversation_max_age = conversation_max_age

    async def get_user_data(self) -> dict[int, UserData]:
        return {
            int(row["user_id"]): json.loads(row["data"]) for row in self.db.table("user_data").rows
        }

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        self.db.execute(
            "INSERT INTO user_data (user_id, data) VALUES (?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET data = excluded.data",
            [user_id, dumps(data)],
        )

    async def drop_user_data(self, user_id: int) -> None:
        self.db.execute("DELETE FROM user_data WHERE user_id = ?", [user_id])

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing outside the bot writes user_data, so there is nothing to refresh."""

    async def get_conversations(self, name: str) -> ConversationDict:
        if self.conversation_max_age is not None:
            oldest = datetime.now(UTC) - timedelta(seconds=self.conversation_max_age)
            self.db.execute(
                "DELETE FROM conversations WHERE name = ? AND updated_at < ?",
                [name, oldest.isoformat(timespec="seconds")],
            )
        rows = self.db.table("conversations").rows_where("name = ?", [name])
        return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        key_text = dumps(list(key))
        if new_state is None:
            self.db.execute(
                "DELETE FROM conversations WHERE name = ? AND key = ?", [name, key_text]
            )
            return
        self.db.execute(
            "INSERT INTO conversations (name, key, state, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name, key) DO UPDATE SET state = excluded.state, "
            "updated_at = excluded.updated_at",
            [name, key_text, dumps(new_state), utc_now_iso()],
        )

    # chat_data, bot_data and callback_data are not stored (store_data says so)
    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {}

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        """Not stored."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not stored."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        """Not stored."""

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        """Not stored: bot_data holds live objects (database, market), rebuilt at start."""

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        """Not stored."""

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        """Not stored: callback data is plain text, nothing to keep."""

    async def flush(self) -> None:
        """Every write already went to SQLite."""
