"""The bot's Bot API transport: one JSON body per call, multipart for uploads, errors as PTB's."""

import json

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.platform.transport import JsonBodyRequest

URL = "https://api.telegram.org/botTOKEN/sendMessage"


class Recorder:
    """An httpx transport handler that keeps what it was sent and answers like Telegram."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.fail = fail

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.fail is not None:
            raise self.fail
        return httpx.Response(200, json={"ok": True, "result": True})


def transport_with(recorder: Recorder) -> JsonBodyRequest:
    return JsonBodyRequest(httpx_kwargs={"transport": httpx.MockTransport(recorder)})


def card_parameters() -> RequestData:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("💰 Costs", callback_data="c:1")]])
    return RequestData(
        [
            RequestParameter.from_input("chat_id", 7),
            RequestParameter.from_input("text", "🛡 Hedge plan · 2 BTC −$5,000"),
            RequestParameter.from_input("reply_markup", markup),
        ]
    )


async def test_a_message_goes_as_one_json_body_with_its_buttons_as_an_object() -> None:
    recorder = Recorder()
    request = transport_with(recorder)
    await request.initialize()

    status, body = await request.do_request(URL, "POST", card_parameters())

    sent = recorder.requests[0]
    assert (status, json.loads(body)) == (200, {"ok": True, "result": True})
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.content) == {
        "chat_id": 7,
        "text": "🛡 Hedge plan · 2 BTC −$5,000",
        "reply_markup": {"inline_keyboard": [[{"text": "💰 Costs", "callback_data": "c:1"}]]},
    }
    await request.shutdown()


async def test_an_upload_still_goes_as_a_multipart_form() -> None:
    recorder = Recorder()
    request = transport_with(recorder)
    await request.initialize()
    photo = InputFile(b"\x89PNG chart", filename="chart.png")
    upload = RequestData(
        [RequestParameter.from_input("chat_id", 7), RequestParameter.from_input("photo", photo)]
    )

    await request.do_request(URL.replace("sendMessage", "sendPhoto"), "POST", upload)

    assert recorder.requests[0].headers["content-type"].startswith("multipart/form-data")
    await request.shutdown()


@pytest.mark.parametrize(
    ("failure", "raised"),
    [
        (httpx.ReadTimeout("slow"), TimedOut),
        (httpx.ConnectError("refused"), NetworkError),
    ],
)
async def test_httpx_failures_surface_as_the_errors_python_telegram_bot_handles(
    failure: Exception, raised: type[Exception]
) -> None:
    request = transport_with(Recorder(fail=failure))
    await request.initialize()

    with pytest.raises(NetworkError) as caught:  # TimedOut is a NetworkError too
        await request.do_request(URL, "POST", card_parameters())

    assert caught.type is raised
    await request.shutdown()
