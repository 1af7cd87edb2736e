"""`hedgebot run`: long polling, or a webhook when the config names a public URL."""

from __future__ import annotations

import argparse
import asyncio
import logging
import secrets
import sys
from typing import Any

from bot.config import TOKEN_VARIABLE, ConfigError, Settings, load_settings, token_problem

log = logging.getLogger("hedgebot")


class RedactSecrets(logging.Filter):
    """Replace secrets (the token) wherever they would appear in a log line."""

    def __init__(self, *secrets_to_hide: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets_to_hide if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "<redacted>")
            record.msg, record.args = message, None
        return True


def configure_logging(settings: Settings) -> None:
    """Plain logs to stderr; the token is redacted, httpx's per-request lines are kept quiet."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    token = settings.telegram.token.get_secret_value() if settings.telegram.token else ""
    secret = settings.telegram.secret_token
    handler.addFilter(RedactSecrets(token, secret.get_secret_value() if secret else ""))
    logging.basicConfig(level=settings.bot.log_level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its lines carry the URL, token included


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
    problem = token_problem(settings)
    if problem and settings.telegram.token is None:
        print(f"hedgebot: {problem} Starting the offline chat now.", file=sys.stderr)
        from bot.devtools.terminal import run_chat

        return asyncio.run(run_chat(settings))
    if problem:
        print(f"hedgebot: {problem}", file=sys.stderr)
        return 2
    configure_logging(settings)
    from telegram.error import InvalidToken, NetworkError

    try:
        asyncio.run(preflight(settings))  # a wrong token or no network: one line, no traceback
        serve(settings)
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


def serve(settings: Settings) -> None:
    """Run until interrupted: webhook if [telegram] webhook_url is set, else long polling."""
    from telegram import Update

    from bot.app import build_application

    application = build_application(settings)
    telegram = settings.telegram
    if telegram.webhook_url:
        log.info("webhook mode on %s:%s", telegram.webhook_listen, telegram.webhook_port)
        application.run_webhook(allowed_updates=Update.ALL_TYPES, **webhook_arguments(settings))
    else:
        log.info("long polling %s", telegram.base_url.split("/bot")[0])
        application.run_polling(
            allowed_updates=Update.ALL_TYPES, timeout=int(telegram.poll_timeout)
        )
