"""The fake Bot API without HTTP: PTB's requests go straight to FakeBotApi.call in this process.

Handler-level tests build the real Application on this transport and feed it updates with
process_update: the same refusals as the loopback server, in microseconds instead of milliseconds.
"""

from __future__ import annotations

import json
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.devtools.fake_api import FakeBotApi


class InProcessRequest(BaseRequest):
    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

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
        bot_part, api_method = url.rsplit("/", 2)[-2:]  # .../bot<token>/<method>
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        for name, part in (request_data.multipart_data or {}).items() if request_data else ():
            params[name] = part[1]  # (file name, content, mime type)
        status, body = await self.api.call(bot_part.removeprefix("bot"), api_method, params)
        return status, json.dumps(body).encode()
