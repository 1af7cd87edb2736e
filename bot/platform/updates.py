"""The getUpdates transport, guarded: one update the library cannot parse must not stop polling,
and a token Telegram stops accepting must not leave a process that polls nothing.

python-telegram-bot parses a whole getUpdates batch at once; one update it cannot read (an older
self-hosted Bot API server, a field in a shape it does not expect) fails the batch, so the offset
never moves past it and the same failure is logged many times a second. Here such an update is
replaced by a bare `{"update_id": n}`, which parses, reaches no feature and moves the offset on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import JSONDict, ODVInput
from telegram.request import BaseRequest, RequestData

log = logging.getLogger("hedgebot.updates")
NO_UPDATES = b'{"ok": true, "result": []}'


def readable(update: object) -> JSONDict | None:
    """The update if the library can parse it, a bare stand-in if not, None without an id."""
    update_id = update.get("update_id") if isinstance(update, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        log.warning("skipped an update without an update_id from getUpdates")
        return None
    assert isinstance(update, dict)
    try:
        Update.de_json(update, None)
    except Exception as error:  # whatever the parser trips on, this update alone is skipped
        kinds = sorted(key for key in update if key != "update_id")
        log.warning(
            "skipped update %s (%s) that python-telegram-bot cannot parse: %s: %s",
            update_id,
            ", ".join(kinds) or "empty",
            type(error).__name__,
            error,
        )
        return {"update_id": update_id}
    return update


class GuardedUpdatesRequest(BaseRequest):
    """Wraps the request that carries getUpdates: its answers are filtered here, and a 401 is
    reported to `on_token_rejected` instead of becoming InvalidToken in the polling task."""

    def __init__(
        self, inner: BaseRequest, on_token_rejected: Callable[[], None] | None = None
    ) -> None:
        self.inner = inner
        self.on_token_rejected = on_token_rejected

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        status, body = await self.inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if not url.endswith("/getUpdates"):
            return status, body
        if status == HTTPStatus.UNAUTHORIZED and self.on_token_rejected is not None:
            # polling gets "nothing new" rather than InvalidToken, which would end python-telegram-
            # bot's polling task with an exception nobody retrieves; the owner stops in order
            self.on_token_rejected()
            return HTTPStatus.OK, NO_UPDATES
        if status == HTTPStatus.OK:
            answer = json.loads(body)
            if isinstance(answer.get("result"), list):
                answer["result"] = [kept for kept in map(readable, answer["result"]) if kept]
                body = json.dumps(answer).encode()
        return status, body
