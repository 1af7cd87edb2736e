"""A loopback fake of the Telegram Bot API, as strict as Telegram: for tests, chat, benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.devtools.fake_messages import BOT_USER, ApiError, BotAction, MessageMethods
from bot.ui import telegram_rules as rules

FAKE_TOKEN = "123456789:AAFakeTokenForTheLoopbackBotApi_0000"
SEND_METHODS = {"sendMessage", "sendPhoto", "editMessageText", "editMessageReplyMarkup"}
OBJECT_PARAMS = {"reply_markup", "entities", "commands", "results", "allowed_updates", "scope"}


class FakeBotApi(MessageMethods):
    """Serve /bot<token>/<method> on 127.0.0.1; inject user updates; record what the bot sends."""

    def __init__(self, *, token: str = FAKE_TOKEN, rate_limit: int | None = 30) -> None:
        self.token, self.rate_limit = token, rate_limit
        self.actions: list[BotAction] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.commands: list[dict[str, Any]] = []
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.inline_answers: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.blocked_chats: set[int] = set()
        self.latencies: list[float] = []  # seconds from update hand-out to the bot's next send
        self.errors: list[str] = []  # every rejection, for tests to assert on
        self.handed_out = 0
        self._transient_failures = 0
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._changed = asyncio.Event()
        self._sends: deque[float] = deque()
        self._handed_at: dict[int, float] = {}
        self.in_flight = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- server lifecycle -------------------------------------------------------------------
    def routes(self, app: web.Application) -> None:
        """The Bot API routes (a subclass may add more, e.g. to be driven from another process)."""
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)

    async def start(self, port: int = 0) -> FakeBotApi:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        self._new_update.set()
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- test and chat controls ---------------------------------------------------------------
    def block_chat(self, chat_id: int) -> None:
        """Answer 403 'bot was blocked by the user' for every send to this chat."""
        self.blocked_chats.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        self.blocked_chats.discard(chat_id)

    def fail_next(self, count: int = 1) -> None:
        """The next `count` send calls fail with 502 Bad Gateway (a transient outage)."""
        self._transient_failures += count

    def discard_pending(self) -> None:
        """Forget queued updates (a test delivering them another way, e.g. by webhook)."""
        self._updates.clear()

    @property
    def undelivered(self) -> int:
        """Updates injected but never handed to a poller yet."""
        return sum(1 for u in self._updates if u.get("_handed") is None)

    def _user(self, user_id: int) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": f"User{user_id}",
            "language_code": "en",
        }

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        update["update_id"] = next(self._update_ids)
        self._updates.append(update)
        self._new_update.set()
        return update

    def _text_message(self, chat: dict[str, Any], text: str) -> dict[str, Any]:
        """A message as Telegram shapes it; a leading /command gets its bot_command entity."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": rules.utf16_len(command)}
            ]
        return message

    def user_says(self, user_id: int, text: str, chat_id: int | None = None) -> dict[str, Any]:
        """Inject a text message, in the user's private chat or (given `chat_id`) a group."""
        chat_id = chat_id or user_id
        chat = {"id": chat_id, "type": "private" if chat_id == user_id else "group"}
        message = self._text_message(chat, text)
        message["from"] = self._user(user_id)
        return self._push({"message": message})

    def user_edits(self, said: dict[str, Any], text: str) -> dict[str, Any]:
        """Inject the edit of a message injected earlier (`said` is what user_says returned)."""
        message = self._text_message(said["message"]["chat"], text)
        message.update(
            message_id=said["message"]["message_id"],
            date=said["message"]["date"],
            edit_date=int(time.time()),
        )
        message["from"] = said["message"]["from"]
        return self._push({"edited_message": message})

    def channel_posts(self, chat_id: int, text: str) -> dict[str, Any]:
        """Inject a post in a channel the bot administers (no sender, as Telegram sends it)."""
        chat = {"id": chat_id, "type": "channel", "title": "Channel"}
        return self._push({"channel_post": self._text_message(chat, text)})

    def push_raw(self, update: dict[str, Any]) -> dict[str, Any]:
        """Hand out any JSON as an update, even one the library cannot parse (as an older
        self-hosted Bot API server may send)."""
        return self._push(update)

    def user_presses(
        self, user_id: int, action: BotAction, data: str, *, forged: bool = False
    ) -> dict[str, Any]:
        """Inject a callback query for a button on a message the bot sent; `forged` sends data
        that is on no button, as a modified client can."""
        if not forged and data not in action.button_data():
            raise ValueError(f"no button {data!r} on message {action.message_id}")
        message = self.messages[(action.chat_id, action.message_id)]
        query = {
            "id": str(next(self._callback_ids)),
            "from": self._user(user_id),
            "chat_instance": str(action.chat_id),
            "message": message,
            "data": data,
        }
        return self._push({"callback_query": query})

    def user_queries_inline(self, user_id: int, query: str) -> dict[str, Any]:
        return self._push(
            {
                "inline_query": {
                    "id": str(next(self._callback_ids)),
                    "from": self._user(user_id),
                    "query": query,
                    "offset": "",
                }
            }
        )

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until predicate() holds, re-checking whenever the bot does something."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the bot did not do what was expected in time")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.005))

    # ---- HTTP --------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        params = await self._params(request)
        status, body = await self.call(
            request.match_info["token"], request.match_info["method"], params
        )
        return web.json_response(body, status=status)

    async def call(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """One Bot API call, as HTTP would make it: (status, JSON body). The in-process transport
        (bot.devtools.in_process) calls this directly."""
        self.in_flight += 1
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            if method in SEND_METHODS:
                self._gate(int(params.get("chat_id", 0)))
            return 200, {"ok": True, "result": await handler(params)}
        except ApiError as error:
            self.errors.append(error.description)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.status,
                "description": error.description,
            }
            if error.parameters:
                body["parameters"] = error.parameters
            return error.status, body
        except rules.TelegramRuleError as error:
            self.errors.append(str(error))
            return 400, {"ok": False, "error_code": 400, "description": str(error)}
        finally:
            self.in_flight -= 1
            self._changed.set()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
            return params
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = value.file.read()
            elif key in OBJECT_PARAMS and isinstance(value, str):
                params[key] = json.loads(value)
            else:
                params[key] = value
        return params

    def _gate(self, chat_id: int) -> None:
        """Flood limit, blocked users and transient failures, in Telegram's order."""
        now = time.monotonic()
        while self._sends and now - self._sends[0] > 1.0:
            self._sends.popleft()
        if self.rate_limit is not None and len(self._sends) >= self.rate_limit:
            raise ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        if self._transient_failures > 0:
            self._transient_failures -= 1
            raise ApiError(502, "Bad Gateway")
        if chat_id in self.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        self._sends.append(now)
        handed = self._handed_at.pop(chat_id, None)
        if handed is not None:
            self.latencies.append(now - handed)

    async def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.webhook = params
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands") or []
        rules.check_commands(commands)
        self.commands = commands
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling: updates stay until a later offset confirms them, like Telegram's."""
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        batch = self._updates[:limit]
        now = time.monotonic()
        for update in batch:
            if update.get("_handed") is None:
                update["_handed"] = now
                self.handed_out += 1
                chat = _chat_id(update)
                if chat is not None:
                    self._handed_at.setdefault(chat, now)
        return [{k: v for k, v in u.items() if k != "_handed"} for u in batch]


def _chat_id(update: dict[str, Any]) -> int | None:
    """The chat an update came from; None for one without (or one too broken to tell)."""
    query = update.get("callback_query")
    message = update.get("message") or (query.get("message") if isinstance(query, dict) else None)
    chat = message.get("chat") if isinstance(message, dict) else None
    return chat.get("id") if isinstance(chat, dict) else None


__all__ = ["BOT_USER", "FAKE_TOKEN", "ApiError", "BotAction", "FakeBotApi"]
