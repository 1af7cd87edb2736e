"""`hedgebot plan`: price every hedge for some holdings from the command line, offline."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from hedging.models import HedgeRequest, Holding, MarketSnapshot, Recommendation
    from marketdata.settings import MarketSettings

CONFIG_FILE = "hedgebot.toml"  # bot.config.DEFAULT_CONFIG_FILE, named here to avoid its import

KINDS = ("full", "partial", "options", "correlated")
REGIONS = ("us", "uk", "eu", "other")
OUTLOOKS = ("big_drop", "unsure", "insurance")
MARGIN_MODES = ("isolated", "cross", "portfolio")  # hedging.base.MarginMode, named to stay quick
FUTURE_INSTRUMENTS = ("perpetual", "quarterly", "inverse")  # hedging.base.FuturePreference


def _price(text: str) -> tuple[str, float]:
    """SYMBOL=PRICE, e.g. BTC=50000."""
    symbol, separator, value = text.partition("=")
    try:
        price = float(value.replace(",", "").lstrip("$"))
    except ValueError:
        price = float("nan")
    if not separator or not symbol.strip() or not price > 0 or price == float("inf"):
        raise argparse.ArgumentTypeError(
            f"expected SYMBOL=PRICE with a price above 0, not {text!r}"
        )
    return symbol.strip().upper(), price


def _fee(text: str) -> float:
    """0.0004 or 0.04%."""
    try:
        if text.endswith("%"):
            return float(text[:-1]) / 100
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a fee like 0.0004 or 0.04%, got {text!r}"
        ) from None


def _positive_usd(text: str) -> float:
    """A dollar amount above 0: 20000, 20,000 or $20k."""
    from hedging.language.numbers import parse_usd_amount

    value = parse_usd_amount(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"expected a dollar amount above 0, not {text!r}")
    return value


def _venue(text: str) -> str:
    """A venue's name as the core spells it: lower case, e.g. bybit."""
    name = text.strip().lower()
    if not re.fullmatch(r"[a-z][a-z0-9_\-]{1,20}", name):
        raise argparse.ArgumentTypeError(
            f"expected a venue name like binance or bybit, not {text!r}"
        )
    return name


def _fail(message: str) -> NoReturn:
    """Argument errors as one line on stderr and exit code 2, like every other bad input."""
    print(f"hedgebot plan: {message}", file=sys.stderr)
    sys.exit(2)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `hedgebot plan`."""
    parser.error = _fail  # type: ignore[method-assign]
    parser.add_argument(
        "holdings", nargs="+", metavar="HOLDING", help='e.g. "2 BTC" or "$500k SPY"'
    )
    parser.add_argument(
        "--price",
        action="append",
        type=_price,
        default=[],
        metavar="SYMBOL=PRICE",
        help="use this price instead of the snapshot's (repeatable)",
    )
    parser.add_argument("--kind", choices=KINDS, help="price only this kind of hedge")
    parser.add_argument("--ratio", type=float, help="hedge ratio of the partial plan, e.g. 0.5")
    parser.add_argument("--leverage", type=float, default=2.0, help="leverage of shorts (1-125)")
    parser.add_argument("--days", type=float, default=7.0, help="how long to hedge, in days")
    parser.add_argument("--taker-fee", type=_fee, help="taker fee, e.g. 0.0004 or 0.04%%")
    parser.add_argument("--region", choices=REGIONS, default="other", help="where you live")
    parser.add_argument("--outlook", choices=OUTLOOKS, default="unsure", help="what you expect")
    parser.add_argument("--max-cost", type=float, help="most you want to spend, in USD")
    parser.add_argument(
        "--margin-mode",
        choices=MARGIN_MODES,
        help="how the short's margin is held (default isolated; every mode is shown side by side)",
    )
    parser.add_argument(
        "--wallet-usd",
        type=_positive_usd,
        metavar="W",
        help="the futures wallet a cross-margin short draws on (default: the plan's margin)",
    )
    parser.add_argument(
        "--venue", type=_venue, help="prefer this venue, e.g. binance, bybit, okx or deribit"
    )
    parser.add_argument(
        "--instrument",
        choices=FUTURE_INSTRUMENTS,
        help="which future to short (default: the cheaper over the horizon)",
    )
    parser.add_argument("--json", action="store_true", help="print the recommendation as JSON")
    parser.add_argument(
        "--offline", action="store_true", help="use the built-in snapshot even if [market] is live"
    )


def read_holdings(texts: list[str], prices: dict[str, float] | None = None) -> list[Holding]:
    """Each argument as one holding; failing that, every holding found in all of them together.

    Symbols given a --price count as known, so "10 XYZ --price XYZ=25" works.
    """
    from hedging.errors import HedgeInputError
    from hedging.language.holdings import parse_holding, parse_holdings
    from hedging.market import load_snapshot, with_prices

    known = with_prices(load_snapshot(), prices or {}).assets
    try:
        return [parse_holding(text, known) for text in texts]
    except HedgeInputError as error:
        found = parse_holdings(" ".join(texts), known)
        if found and len(texts) > 1:
            return found
        raise error from None


def build_request(args: argparse.Namespace) -> HedgeRequest:
    """The core's request from the command line (pydantic validates every value)."""
    from hedging.models import HedgeKind, HedgeRequest, Intent, PlanSettings, Portfolio

    settings: dict[str, object] = {
        "leverage": args.leverage,
        "ratio": args.ratio,
        "taker_fee": args.taker_fee,
        "wallet_usd": args.wallet_usd,
        "venue": args.venue,
        "instrument": args.instrument,
    }
    if args.margin_mode:
        settings["margin_mode"] = args.margin_mode
    if args.kind:
        settings["kinds"] = frozenset({HedgeKind(args.kind)})
    return HedgeRequest(
        portfolio=Portfolio(holdings=read_holdings(args.holdings, dict(args.price))),
        intent=Intent(
            horizon_days=args.days,
            region=args.region,
            outlook=args.outlook,
            max_cost_usd=args.max_cost,
        ),
        settings=PlanSettings(**settings),
    )


def market_for(args: argparse.Namespace, request: HedgeRequest) -> MarketSnapshot:
    """The configured market (the shipped snapshot with --offline) with the person's prices."""
    from hedging.market import with_prices
    from marketdata import configured_snapshot

    symbols = [holding.symbol for holding in request.portfolio.holdings]
    config = None if args.offline else configured_market()
    snapshot = configured_snapshot(
        symbols, request.intent.region, offline=args.offline, config=config
    )
    return with_prices(snapshot, dict(args.price))


def configured_market() -> MarketSettings | None:
    """[market] from hedgebot.toml and HEDGEBOT_* variables, or None (the defaults) when neither
    exists: then the bot's whole config is not even imported, and a cold plan stays quick."""
    if not Path(CONFIG_FILE).is_file() and not any(k.startswith("HEDGEBOT_") for k in os.environ):
        return None
    from bot.config import ConfigError, load_settings
    from hedging.errors import HedgeInputError

    try:
        return load_settings().market
    except ConfigError as error:
        raise HedgeInputError(str(error)) from None


def recommend_from_args(args: argparse.Namespace, command: str) -> Recommendation | None:
    """The recommendation for the command line's request, or None after one error line on stderr."""
    from pydantic import ValidationError

    from hedging.errors import HedgeInputError
    from hedging.planner import recommend

    try:
        request = build_request(args)
        return recommend(request, market_for(args, request))
    except ValidationError as error:
        message = HedgeInputError.from_validation(error).message
    except HedgeInputError as error:
        message = error.message
    print(f"hedgebot {command}: {message}", file=sys.stderr)
    return None


def run(args: argparse.Namespace) -> int:
    """Print the ranked plans; exit 2 with one line on stderr when the input is unusable."""
    recommendation = recommend_from_args(args, "plan")
    if recommendation is None:
        return 2
    if args.json:
        print(json.dumps(recommendation.model_dump(mode="json"), indent=2))
    else:
        from bot.cli.plan_text import plan_table

        print(plan_table(recommendation))
    return 0
