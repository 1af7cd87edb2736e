"""`hedgebot run`: long polling, or a webhook when the config names a public URL."""

from __future__ import annotations

import argparse
import asyncio
import logging
import secrets
import signal
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from bot.config import TOKEN_VARIABLE, ConfigError, Settings, load_settings, token_problem

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger("hedgebot")


def _hidden_forms(secret: str) -> list[str]:
    """A secret as it may appear in a log: as is, and URL-encoded (a token's ':' as %3A)."""
    return sorted({secret, quote(secret, safe="")}, key=len, reverse=True) if secret else []


class RedactSecrets(logging.Filter):
    """Replace secrets (the token) in a record's message, for handlers without our formatter."""

    def __init__(self, *secrets_to_hide: str) -> None:
        super().__init__()
        self.secrets = [form for s in secrets_to_hide for form in _hidden_forms(s)]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "<redacted>")
            record.msg, record.args = message, None
        return True


class RedactingFormatter(logging.Formatter):
    """Redact secrets from the whole formatted line: message, exception text and traceback
    (python-telegram-bot puts the token in InvalidToken's text)."""

    def __init__(self, fmt: str, *secrets_to_hide: str) -> None:
        super().__init__(fmt)
        self.secrets = [form for s in secrets_to_hide for form in _hidden_forms(s)]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text


def configure_logging(settings: Settings) -> None:
    """Plain logs to stderr; the token is redacted, httpx's per-request lines are kept quiet."""
    handler = logging.StreamHandler()
    token = settings.telegram.token.get_secret_value() if settings.telegram.token else ""
    secret = settings.telegram.secret_token
    secrets_to_hide = (token, token.strip(), secret.get_secret_value() if secret else "")
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", *secrets_to_hide)
    )
    handler.addFilter(RedactSecrets(*secrets_to_hide))
    logging.basicConfig(level=settings.bot.log_level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its lines carry the URL, token included


class TokenRevoked(Exception):
    """Telegram stopped accepting the token after the bot had started polling."""


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="TOML config (default: ./hedgebot.toml)")


def load_or_complain(path: str | None, command: str = "hedgebot") -> Settings | None:
    """Settings, or None after printing one line that says what is wrong."""
    try:
        return load_settings(path)
    except ConfigError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    settings = load_or_complain(args.config)
    if settings is None:
        return 2
    db = open_storage_or_complain(settings)  # before Telegram: a storage fault is ours to say
    if db is None:
        return 2
    problem = token_problem(settings)
    if problem and settings.telegram.token is None:
        print(f"hedgebot: {problem} Starting the offline chat now.", file=sys.stderr)
        from bot.devtools.terminal import run_chat

        db.conn.close()  # the chat opens it itself
        return asyncio.run(run_chat(settings))
    if problem:
        print(f"hedgebot: {problem}", file=sys.stderr)
        return 2
    configure_logging(settings)
    from telegram.error import InvalidToken, NetworkError

    try:
        asyncio.run(preflight(settings))  # a wrong token or no network: one line, no traceback
        serve(settings, db)
    except TokenRevoked:
        print(
            f"hedgebot: Telegram stopped accepting the token in {TOKEN_VARIABLE} while polling "
            "(revoked or replaced?); put the current one from @BotFather there and restart.",
            file=sys.stderr,
        )
        return 2
    except InvalidToken:
        print(
            f"hedgebot: Telegram refused the token in {TOKEN_VARIABLE}; check it with "
            "@BotFather, or try the bot offline with `hedgebot chat`.",
            file=sys.stderr,
        )
        return 2
    except NetworkError as error:
        host = settings.telegram.base_url.split("/bot")[0]
        print(
            f"hedgebot: cannot reach the Bot API at {host} ({error}); check the network or "
            "[telegram] base_url, or try `hedgebot chat`.",
            file=sys.stderr,
        )
        return 1
    return 0


def open_storage_or_complain(settings: Settings) -> sqlite_utils.Database | None:
    """The database, or None after one line naming [storage] path and what is wrong with it."""
    from bot.storage.db import StorageError, open_database

    try:
        return open_database(settings.storage.path)
    except StorageError as error:
        print(f"hedgebot: {error}", file=sys.stderr)
        return None


async def preflight(settings: Settings) -> None:
    """Ask the Bot API who we are once, so problems surface before the application starts."""
    from telegram import Bot

    token = settings.telegram.token.get_secret_value().strip() if settings.telegram.token else ""
    async with Bot(token, base_url=settings.telegram.base_url) as bot:
        log.info("connected as @%s", bot.username)


def webhook_arguments(settings: Settings) -> dict[str, Any]:
    """How the webhook server listens and what Telegram is told (secret_token always set)."""
    telegram = settings.telegram
    assert telegram.webhook_url is not None
    secret = telegram.secret_token.get_secret_value() if telegram.secret_token else None
    return {
        "listen": telegram.webhook_listen,
        "port": telegram.webhook_port,
        "url_path": telegram.webhook_path,
        "webhook_url": telegram.webhook_url.rstrip("/") + "/" + telegram.webhook_path,
        # Telegram echoes it in a header on every call, so others cannot forge updates
        "secret_token": secret or secrets.token_urlsafe(32),
    }


def serve(settings: Settings, db: sqlite_utils.Database) -> None:
    """Run until interrupted: webhook if [telegram] webhook_url is set, else long polling."""
    from telegram import Update

    from bot.app import build_application

    telegram = settings.telegram
    if not telegram.webhook_url:
        asyncio.run(poll(settings, db))
        return
    application = build_application(settings, db=db)
    log.info("webhook mode on %s:%s", telegram.webhook_listen, telegram.webhook_port)
    application.run_webhook(allowed_updates=Update.ALL_TYPES, **webhook_arguments(settings))


async def poll(settings: Settings, db: sqlite_utils.Database) -> None:
    """Long polling until SIGINT or SIGTERM, or until Telegram stops accepting the token: then
    TokenRevoked, so the process exits non-zero and a supervisor notices (python-telegram-bot's
    run_polling would stop polling and idle on)."""
    from telegram import Update

    from bot.app import build_application

    stop = asyncio.Event()
    rejected = False

    def token_rejected() -> None:
        nonlocal rejected
        rejected = True
        stop.set()

    application = build_application(settings, db=db, on_token_rejected=token_rejected)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    updater = application.updater
    assert updater is not None
    async with application:  # initialize now, shut down (and flush persistence) however it ends
        if application.post_init is not None:
            await application.post_init(application)
        await updater.start_polling(
            allowed_updates=Update.ALL_TYPES, timeout=int(settings.telegram.poll_timeout)
        )
        await application.start()
        log.info("long polling %s", settings.telegram.base_url.split("/bot")[0])
        await stop.wait()
        log.info("stopping")
        await updater.stop()
        await application.stop()
    if rejected:
        raise TokenRevoked
