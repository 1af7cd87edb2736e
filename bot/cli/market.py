"""`hedgebot market BTC ETH`: what the bot knows about some symbols, where from and how old."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hedging.models import MarketSnapshot, Region
    from marketdata.cache import Fetched, Key, Missing
    from marketdata.exchanges import Funding
    from marketdata.provider import LiveProvider

REGIONS = ("us", "uk", "eu", "other")


@dataclass(frozen=True)
class Line:
    """One figure: what it is, its value, where it came from, and how old it is."""

    symbol: str
    field: str
    value: str
    source: str
    age_seconds: float | None
    detail: str = ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.cli.run import add_config_argument

    add_config_argument(parser)
    """Arguments of `hedgebot market`."""
    parser.add_argument("symbols", nargs="+", metavar="SYMBOL", help="e.g. BTC ETH SPY")
    parser.add_argument("--region", choices=REGIONS, default="other", help="whose venues to ask")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--live", action="store_true", help="ask the exchanges whatever the config")
    where.add_argument("--offline", action="store_true", help="show the built-in snapshot only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    """Print every figure with its source and age; exit 2 on a bad config."""
    from bot.cli.run import load_or_complain
    from hedging.models import Region
    from marketdata import market_from_config
    from marketdata.provider import LiveProvider

    settings = load_or_complain(args.config, "hedgebot market")
    if settings is None:
        return 2
    config = settings.market
    if args.live:
        config = config.model_copy(update={"source": "live"})
    market = market_from_config(config, offline=args.offline)
    symbols = [symbol.upper() for symbol in args.symbols]
    region = Region(args.region)
    try:
        if isinstance(market, LiveProvider):
            market.snapshot(symbols, region=region)  # a fresh process: let the loads settle
            market.cache.wait_for_loads(timeout=market.settings.timeout_seconds * 3)
            snapshot = market.snapshot(symbols, region=region)
            lines = describe(snapshot, symbols, market, region, datetime.now(UTC))
        else:
            snapshot = market.snapshot(symbols)
            lines = describe(snapshot, symbols, None, region, datetime.now(UTC))
    finally:
        if isinstance(market, LiveProvider):
            market.close()
    if args.json:
        figures = [asdict(line) for line in lines]
        report = {"source": snapshot.source, "note": snapshot.note, "figures": figures}
        print(json.dumps(report, indent=2))
    else:
        print(as_text(snapshot, lines))
    return 0


def describe(
    snapshot: MarketSnapshot,
    symbols: list[str],
    provider: LiveProvider | None,
    region: Region | None,
    now: datetime,
) -> list[Line]:
    """Every figure the snapshot holds for the symbols, each with where it came from."""
    from hedging.models import Region

    known = provider.known() if provider else {}
    scope = "us" if region is Region.US else "world"
    base_as_of = provider.built_in(symbols).as_of if provider else snapshot.as_of
    built_in = f"built-in snapshot ({base_as_of:%Y-%m-%d})"
    base_age = (now - base_as_of).total_seconds()
    lines: list[Line] = []
    for symbol in symbols:
        asset = snapshot.assets.get(symbol)
        if asset is None:
            lines.append(Line(symbol, "price", "unknown", "nowhere", None, "give your own price"))
            continue
        figures: list[tuple[str, Key, str, str]] = [
            ("price", ("price", scope, symbol), f"${asset.price_usd:,.2f}", ""),
            ("volatility", ("history", scope, symbol), f"{asset.volatility:.1%}", "a year"),
        ]
        if asset.funding_rate is not None:
            every = f"every {asset.funding_interval_hours or 8:g} h"
            rate = f"{asset.funding_rate:+.4%}"
            figures.append(("funding", ("funding", scope, symbol), rate, every))
        if asset.beta is not None:
            figures.append(("beta", ("beta", symbol), f"{asset.beta:.2f}", "against SPY"))
        if asset.implied_volatility is not None:
            iv = f"{asset.implied_volatility:.1%}"
            figures.append(("implied vol", ("implied vol", symbol), iv, ""))
        if asset.option_expiries:
            span = f"{asset.option_expiries[0]:%Y-%m-%d} to {asset.option_expiries[-1]:%Y-%m-%d}"
            step = f", strikes every ${asset.strike_step_usd:,.0f}" if asset.strike_step_usd else ""
            count = f"{len(asset.option_expiries)} expiries"
            figures.append(("options", ("options", symbol), count, span + step))
        for field, key, value, detail in figures:
            entry = known.get(key)
            lines.append(_line(symbol, field, value, detail, entry, built_in, base_age, now))
    for pair, rho in snapshot.correlations.items():
        first, _, second = pair.partition("/")
        if first in symbols and second in symbols:
            live = _measured(known, scope, first) and _measured(known, scope, second)
            source = "daily closes" if live else built_in
            lines.append(
                Line(pair, "correlation", f"{rho:.2f}", source, None if live else base_age)
            )
    return lines


def _measured(known: Mapping[Key, Fetched | Missing], scope: str, symbol: str) -> bool:
    """Whether live daily closes of the symbol are at hand."""
    from marketdata.cache import Fetched

    keys: list[Key] = [("history", scope, symbol), ("stock history", symbol)]
    return any(isinstance(known.get(key), Fetched) for key in keys)


def _line(
    symbol: str,
    field: str,
    value: str,
    detail: str,
    entry: Fetched | Missing | None,
    built_in: str,
    base_age: float,
    now: datetime,
) -> Line:
    from marketdata.assembly import summary
    from marketdata.cache import Fetched
    from marketdata.exchanges import Funding
    from marketdata.options import ImpliedVol

    if isinstance(entry, Fetched):
        if isinstance(entry.value, ImpliedVol):
            detail = entry.value.quoted_by
        if isinstance(entry.value, Funding):
            detail = _funding_detail(entry.value, detail)
        return Line(
            symbol, field, value, entry.venue, (now - entry.fetched_at).total_seconds(), detail
        )
    if entry is not None:
        return Line(symbol, field, value, built_in, base_age, summary(list(entry.reasons)))
    return Line(symbol, field, value, built_in, base_age, detail)


def _funding_detail(funding: Funding, every: str) -> str:
    """The interval, the next rate when the venue predicts it, and the perpetual's mark price."""
    parts = [every, funding.market]
    if funding.predicted_rate is not None:
        parts.append(f"next {funding.predicted_rate:+.4%}")
    if funding.mark_price is not None:
        parts.append(f"mark ${funding.mark_price:,.2f}")
    return ", ".join(parts)


def as_text(snapshot: MarketSnapshot, lines: list[Line]) -> str:
    """A plain table, one figure a row."""
    rows = [f"Market data: {snapshot.source}, as of {snapshot.as_of:%Y-%m-%d %H:%M} UTC."]
    for line in lines:
        age = "" if line.age_seconds is None else f"{_age(line.age_seconds)} old"
        detail = f"  ({line.detail})" if line.detail else ""
        figure = f"{line.symbol:<8} {line.field:<12} {line.value:>14}"
        rows.append(f"{figure}  {line.source:<26} {age:>9}{detail}")
    if snapshot.note:
        rows.append(f"Note: {snapshot.note}")
    return "\n".join(rows)


def _age(seconds: float) -> str:
    for unit, size in (("d", 86_400), ("h", 3_600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f} {unit}"
    return f"{max(seconds, 0):.0f} s"
