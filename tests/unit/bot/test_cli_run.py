"""`hedgebot run` and `hedgebot chat`: token checks, the offline chat, config from TOML and env."""

from __future__ import annotations

import argparse
import io
import logging
from pathlib import Path

import pytest

from bot.cli import run as cli_run
from bot.config import ConfigError, Settings, StorageConfig, load_settings, token_problem
from bot.devtools.terminal import run_chat
from tests import ROOT

GOOD_TOKEN = "123456789:" + "A" * 35


class Script(io.StringIO):
    """Lines typed into the chat, not from a terminal."""

    def isatty(self) -> bool:
        return False


def _settings(tmp_path: Path) -> Settings:
    return Settings(storage=StorageConfig(path=str(tmp_path / "chat.sqlite3")))


async def test_offline_chat_shows_messages_and_numbered_buttons_then_exits_at_end_of_input(
    tmp_path: Path,
) -> None:
    output = io.StringIO()
    script = Script("2 BTC, CPI, for a week, keep some upside\n2\n7\n")
    assert await run_chat(_settings(tmp_path), stdin=script, output=output) == 0
    text = output.getvalue()
    assert "🤖 👋 Hi User1!" in text
    assert "[1] 🛡 Build a hedge" in text
    assert "you> 2 BTC, CPI, for a week, keep some upside" in text
    assert "🤖 🛡 Hedge plan · 2 BTC ($180,000) · 1 week · the CPI print" in text
    assert "🤖 (edited) 📊 Scenarios ·" in text
    assert "There is no button with that number; pick 1 to 2." in text


async def test_a_quoted_number_in_the_offline_chat_is_sent_as_text_not_pressed(
    tmp_path: Path,
) -> None:
    output = io.StringIO()
    script = Script("hedge my eth\n'2\n")
    assert await run_chat(_settings(tmp_path), stdin=script, output=output) == 0
    text = output.getvalue()
    assert "🤖 How much ETH do you hold?" in text
    assert "🤖 🛡 Hedge plan · 2 ETH (" in text


def test_run_without_a_token_says_so_in_one_line_and_opens_the_chat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HEDGEBOT_TELEGRAM__TOKEN", raising=False)
    monkeypatch.setattr("sys.stdin", Script(""))
    assert cli_run.run(argparse.Namespace(config=None)) == 0
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert "HEDGEBOT_TELEGRAM__TOKEN" in line and "hedgebot chat" in line
    assert "Offline chat with Hedgebot" in captured.out


def test_a_malformed_token_is_one_line_that_never_repeats_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HEDGEBOT_TELEGRAM__TOKEN", "not-a-token-s3cr3t")
    assert cli_run.run(argparse.Namespace(config=None)) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "HEDGEBOT_TELEGRAM__TOKEN" in line and "malformed" in line and "hedgebot chat" in line
    assert "s3cr3t" not in line


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        (None, "No Telegram token"),
        ("", "No Telegram token"),
        ("abc", "malformed"),
        (GOOD_TOKEN, None),
    ],
)
def test_token_problem(token: str | None, problem: str | None) -> None:
    settings = Settings.model_validate({"telegram": {"token": token}})
    found = token_problem(settings)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_toml_values_are_overridden_by_environment_variables(tmp_path: Path) -> None:
    config = tmp_path / "hedgebot.toml"
    config.write_text(
        '[telegram]\nbase_url = "http://localhost:8081/bot"\nmax_retries = 1\n'
        "[bot]\ndefault_leverage = 3\n"
    )
    settings = load_settings(
        config, {"HEDGEBOT_TELEGRAM__MAX_RETRIES": "5", "HEDGEBOT_TELEGRAM__TOKEN": GOOD_TOKEN}
    )
    assert settings.telegram.base_url == "http://localhost:8081/bot"
    assert settings.telegram.max_retries == 5
    assert settings.bot.default_leverage == 3
    assert settings.telegram.token is not None
    assert settings.telegram.token.get_secret_value() == GOOD_TOKEN
    assert GOOD_TOKEN not in repr(settings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[telegram]\nmax_retries = 99\n", "config key telegram.max_retries"),
        ("[nonsense]\nx = 1\n", "config key nonsense"),
        ("not toml ===", "is not valid TOML"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "hedgebot.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, {})


def test_the_example_config_is_valid_and_documents_every_key() -> None:
    example = ROOT / "config.example.toml"
    settings = load_settings(example, {})
    text = example.read_text()
    for table, model in settings:
        for key in type(model).model_fields:
            assert f"\n{key} =" in text or f"\n# {key} =" in text, f"[{table}] {key} undocumented"


def test_log_lines_never_show_the_token(caplog: pytest.LogCaptureFixture) -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, "", 0, "POST %s", (f"/bot{GOOD_TOKEN}/x",), None
    )
    assert cli_run.RedactSecrets(GOOD_TOKEN).filter(record)
    assert record.getMessage() == "POST /bot<redacted>/x"


def test_an_unreachable_bot_api_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HEDGEBOT_TELEGRAM__TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("HEDGEBOT_TELEGRAM__BASE_URL", "http://127.0.0.1:9/bot")  # discard port
    assert cli_run.run(argparse.Namespace(config=None)) == 1
    err = capsys.readouterr().err
    assert "hedgebot: cannot reach the Bot API at http://127.0.0.1:9" in err
    assert GOOD_TOKEN not in err
    logging.getLogger().handlers.clear()  # configure_logging installed a stderr handler


def test_a_token_telegram_refuses_is_one_line_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio
    import threading

    from bot.devtools.fake_api import FakeBotApi

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    fake = asyncio.run_coroutine_threadsafe(FakeBotApi().start(), loop).result()
    try:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("HEDGEBOT_TELEGRAM__TOKEN", GOOD_TOKEN)  # not the fake's token: 401
        monkeypatch.setenv("HEDGEBOT_TELEGRAM__BASE_URL", fake.base_url)
        assert cli_run.run(argparse.Namespace(config=None)) == 2
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert "Telegram refused the token in HEDGEBOT_TELEGRAM__TOKEN" in line
        assert GOOD_TOKEN not in line
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        logging.getLogger().handlers.clear()


def test_the_token_is_redacted_from_exception_text_and_tracebacks_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from telegram.error import InvalidToken

    settings = Settings.model_validate({"telegram": {"token": GOOD_TOKEN}})
    cli_run.configure_logging(settings)
    try:
        try:
            raise InvalidToken(f"The token `{GOOD_TOKEN}` was rejected by the server.")
        except InvalidToken as error:
            logging.getLogger("telegram.ext").error(
                "Invalid token. Aborting retry loop.", exc_info=error
            )
            logging.getLogger("httpx").warning("POST /bot%s/getMe", GOOD_TOKEN.replace(":", "%3A"))
        err = capsys.readouterr().err
    finally:
        logging.getLogger().handlers.clear()

    assert "Traceback" in err and "was rejected by the server" in err
    assert "The token `<redacted>`" in err and "POST /bot<redacted>/getMe" in err
    assert GOOD_TOKEN.split(":")[1] not in err
