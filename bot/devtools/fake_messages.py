"""The fake Bot API's message methods: send, edit, answer; each checked like Telegram checks it."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from bot.ui import telegram_rules as rules

BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Hedgebot",
    "username": "hedgebot_fake_bot",
}


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description, optional parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


@dataclass
class BotAction:
    """One thing the bot did in a chat, as the user would see it."""

    method: str
    chat_id: int
    message_id: int
    text: str  # plain text after entity parsing (caption for photos)
    html: str  # what the bot sent
    buttons: list[list[dict[str, Any]]] = field(default_factory=list)
    photo_bytes: int = 0
    at: float = field(default_factory=time.monotonic)

    def button_data(self) -> list[str]:
        """Every callback_data on the message, row by row."""
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]

    def button_texts(self) -> list[str]:
        return [b["text"] for row in self.buttons for b in row]


class MessageMethods:
    """sendMessage, sendPhoto, edits and answers, recorded as BotActions (mixed into FakeBotApi)."""

    actions: list[BotAction]
    messages: dict[tuple[int, int], dict[str, Any]]
    callback_answers: dict[str, dict[str, Any]]
    inline_answers: list[dict[str, Any]]
    _message_ids: itertools.count[int]

    def sent_to(self, chat_id: int) -> list[BotAction]:
        return [a for a in self.actions if a.chat_id == chat_id]

    def current(self, chat_id: int, message_id: int) -> BotAction:
        """The latest version of a message (after edits)."""
        return [a for a in self.sent_to(chat_id) if a.message_id == message_id][-1]

    def _store(
        self,
        method: str,
        chat_id: int,
        message_id: int,
        html_text: str,
        parsed: rules.ParsedText,
        markup: Any,
        photo_bytes: int = 0,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
        }
        message["caption" if photo_bytes else "text"] = parsed.text
        if parsed.entities:
            message["caption_entities" if photo_bytes else "entities"] = parsed.entities
        if markup:
            message["reply_markup"] = markup
        if method.startswith("edit"):
            message["edit_date"] = int(time.time())
        self.messages[(chat_id, message_id)] = message
        buttons = (markup or {}).get("inline_keyboard", [])
        self.actions.append(
            BotAction(method, chat_id, message_id, parsed.text, html_text, buttons, photo_bytes)
        )
        return message

    def _parse(self, params: dict[str, Any], key: str, limit: int) -> rules.ParsedText:
        html_mode = str(params.get("parse_mode", "")).upper() == "HTML"
        return rules.check_text(str(params.get(key, "")), limit=limit, html_mode=html_mode)

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        parsed = self._parse(params, "text", rules.MAX_TEXT)
        markup = params.get("reply_markup")
        rules.check_reply_markup(markup)
        chat_id = int(params["chat_id"])
        return self._store(
            "sendMessage", chat_id, next(self._message_ids), params["text"], parsed, markup
        )

    async def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = params.get("photo")
        if not photo:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        parsed = self._parse(params, "caption", rules.MAX_CAPTION)
        markup = params.get("reply_markup")
        rules.check_reply_markup(markup)
        size = len(photo) if isinstance(photo, bytes | str) else 1
        return self._store(
            "sendPhoto",
            int(params["chat_id"]),
            next(self._message_ids),
            str(params.get("caption", "")),
            parsed,
            markup,
            photo_bytes=size,
        )

    def _existing(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        if key not in self.messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        return self.messages[key]

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        old = self._existing(params)
        if "text" not in old:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        parsed = self._parse(params, "text", rules.MAX_TEXT)
        markup = params.get("reply_markup")
        rules.check_reply_markup(markup)
        if (old["text"], old.get("entities"), old.get("reply_markup")) == (
            parsed.text,
            parsed.entities or None,
            markup,
        ):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same",
            )
        return self._store(
            "editMessageText", old["chat"]["id"], old["message_id"], params["text"], parsed, markup
        )

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        old = self._existing(params)
        markup = params.get("reply_markup")
        rules.check_reply_markup(markup)
        if old.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified")
        parsed = rules.ParsedText(old.get("text", old.get("caption", "")), old.get("entities", []))
        last = self.current(old["chat"]["id"], old["message_id"])
        return self._store(
            "editMessageReplyMarkup",
            old["chat"]["id"],
            old["message_id"],
            last.html,
            parsed,
            markup,
            photo_bytes=last.photo_bytes,
        )

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id in self.callback_answers or not query_id.isdigit():
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        if len(str(params.get("text", ""))) > rules.MAX_CALLBACK_ANSWER:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = params
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        results = params.get("results") or []
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        for result in results:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                rules.check_text(
                    content["message_text"],
                    html_mode=str(content.get("parse_mode", "")).upper() == "HTML",
                )
            rules.check_reply_markup(result.get("reply_markup"))
        self.inline_answers.append(params)
        return True
