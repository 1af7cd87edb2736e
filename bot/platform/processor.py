"""Concurrent updates across chats, strictly in order within one chat (safe for conversations)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once, but one chat's updates never overlap."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # run after each update while its chat is still locked, e.g. to write state through to disk
        self.after_update: Callable[[], Awaitable[None]] | None = None
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}
        self.completed = 0  # updates fully processed; tests and the chat wait on it

    @staticmethod
    def _key(update: object) -> int:
        if isinstance(update, Update):
            if update.effective_chat:
                return update.effective_chat.id
            if update.effective_user:
                return update.effective_user.id
        return 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self._key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
                if self.after_update is not None:
                    await self.after_update()
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # forget idle chats so the dict does not grow forever
                del self._users[key], self._locks[key]
            self.completed += 1

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
