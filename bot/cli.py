"""The `hedgebot` command: each sub-command lives in its own module and imports what it needs."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# sub-command -> module exposing add_arguments(parser) and run(args) -> int
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "plan": ("bot.cli_plan", "price hedges for what you hold, offline"),
    "run": ("bot.cli_run", "run the Telegram bot (the offline chat when no token is set)"),
    "chat": ("bot.cli_chat", "talk to the bot in this terminal: no token, no internet"),
    "market": ("bot.cli_market", "what the bot knows of some symbols: sources and ages"),
    "snapshot": ("bot.cli_snapshot", "refresh the shipped snapshot from live data (maintainers)"),
    "chart": ("bot.cli_chart", "draw the payoff charts of those hedges into PNG files"),
    "faq": ("bot.cli_faq", "ask the FAQ a question offline and see how it matches"),
}


def build_parser() -> argparse.ArgumentParser:
    """One parser with a sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog="hedgebot", description="Hedgebot: how to hedge what you hold."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
