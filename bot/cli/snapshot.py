"""`hedgebot snapshot`: refresh the shipped snapshot's figures from live market data."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hedging.models import MarketSnapshot
    from marketdata.provider import LiveProvider

# figures a live answer may replace; listings and price ages are never frozen into the file
REFRESHED_FIELDS = (
    "price_usd",
    "volatility",
    "implied_volatility",
    "funding_rate",
    "funding_interval_hours",
    "option_contract_size",
    "strike_step_usd",
    "beta",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.cli.run import add_config_argument

    add_config_argument(parser)
    """Arguments of `hedgebot snapshot`."""
    from hedging.market import SNAPSHOT_PATH

    parser.add_argument("--output", type=Path, default=SNAPSHOT_PATH, help="file to write")
    parser.add_argument(
        "--record", type=Path, metavar="DIR", help="also save every exchange answer, for tests"
    )


def run(args: argparse.Namespace) -> int:
    """Ask the sources about every asset in the snapshot and write what they answered."""
    from bot.cli.run import load_or_complain
    from hedging.market import SNAPSHOT_PATH
    from marketdata import live_provider
    from marketdata.replay import RecordingExchange

    settings = load_or_complain(args.config, "hedgebot snapshot")
    if settings is None:
        return 2
    config = settings.market
    recorders: list[RecordingExchange] = []
    stamp = datetime.now(UTC).isoformat()

    def record(exchange: Any) -> Any:
        recorders.append(RecordingExchange(exchange, stamp))
        return recorders[-1]

    provider = live_provider(config, record if args.record is not None else None)
    try:
        raw = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
        refreshed, changed = refresh(raw, provider, datetime.now(UTC))
    finally:
        provider.close()
    if args.record is not None:
        args.record.mkdir(parents=True, exist_ok=True)
        for recorder in recorders:
            print(f"recorded {recorder.save(args.record)}")
    if not changed:
        print(
            "hedgebot snapshot: no exchange answered; the snapshot is unchanged.", file=sys.stderr
        )
        return 1
    args.output.write_text(json.dumps(refreshed, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.output}: {', '.join(changed)} refreshed")
    return 0


def refresh(
    raw: dict[str, Any], provider: LiveProvider, now: datetime
) -> tuple[dict[str, Any], list[str]]:
    """The snapshot file's data with every live crypto figure written in, and what changed."""
    from hedging.models import MarketSnapshot

    shipped = MarketSnapshot.model_validate(raw)
    symbols = list(shipped.assets)  # the provider asks about those it has a source for
    provider.snapshot(symbols)  # one wait for everything; then the slow stragglers
    provider.cache.wait_for_loads(timeout=provider.settings.timeout_seconds * 4)
    live = provider.snapshot(symbols)
    changed = [s for s in symbols if live.assets[s].price_source not in (None, "you")]
    if not changed:
        return raw, []
    assets = dict(raw["assets"])
    for symbol in changed:
        figures = live.assets[symbol].model_dump(mode="json", include=set(REFRESHED_FIELDS))
        assets[symbol] = {**assets[symbol], **{k: v for k, v in figures.items() if v is not None}}
    correlations = {**raw.get("correlations", {}), **_live_correlations(live, shipped, changed)}
    return {
        **raw,
        "source": f"Hedgebot snapshot refreshed from {_venues(live)}",
        "as_of": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "assets": assets,
        "correlations": correlations,
    }, changed


def _live_correlations(
    live: MarketSnapshot, shipped: MarketSnapshot, changed: list[str]
) -> dict[str, float]:
    return {
        pair: round(rho, 4)
        for pair, rho in live.correlations.items()
        if all(symbol in changed for symbol in pair.split("/"))
        and rho != shipped.correlations.get(pair)
    }


def _venues(live: MarketSnapshot) -> str:
    return live.source.removeprefix("live: ").removesuffix(" + built-in snapshot")
