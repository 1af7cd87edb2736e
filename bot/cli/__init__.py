"""The `hedgebot` command: each sub-command lives in its own module, imported only when run."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# sub-command -> module exposing add_arguments(parser) and run(args) -> int
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "plan": ("bot.cli.plan", "price hedges for what you hold, offline"),
    "run": ("bot.cli.run", "run the Telegram bot (the offline chat when no token is set)"),
    "chat": ("bot.cli.chat", "talk to the bot in this terminal: no token, no internet"),
    "market": ("bot.cli.market", "what the bot knows of some symbols: sources and ages"),
    "snapshot": ("bot.cli.snapshot", "refresh the shipped snapshot from live data (maintainers)"),
    "chart": ("bot.cli.chart", "draw the payoff charts of those hedges into PNG files"),
    "faq": ("bot.cli.faq", "ask the FAQ a question offline and see how it matches"),
    "understand": ("bot.cli.understand", "show what the bot reads in a message or a reminder time"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """One parser with a sub-parser per command; with `only`, just that command's module is
    imported (the others still appear in --help, without their options)."""
    parser = argparse.ArgumentParser(
        prog="hedgebot", description="Hedgebot: how to hedge what you hold."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if only is None or name == only:
            module = importlib.import_module(module_name)
            module.add_arguments(sub)
            sub.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script: imports only the sub-command being run."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in arguments if not a.startswith("-")), None)
    args = build_parser(chosen if chosen in SUBCOMMANDS else None).parse_args(arguments)
    try:
        return int(args.handler(args))
    except BrokenPipeError:  # "hedgebot faq ... | head": the reader left; no traceback for that
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # exit flushes nowhere
        return 0


if __name__ == "__main__":
    sys.exit(main())
