"""`hedgebot chat`: the bot in this terminal, no token and no internet."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.run import add_config_argument, load_or_complain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    from bot.devtools.terminal import run_chat

    settings = load_or_complain(args.config)
    if settings is None:
        return 2
    return asyncio.run(run_chat(settings))
