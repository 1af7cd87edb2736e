"""`hedgebot understand`: what the bot reads in a message, or in a reminder time with --when.

hedgebot understand "TEXT" [--now ISO] [--tz ZONE] [--json]
hedgebot understand - [...]                  one message a line on stdin, one JSON line out
hedgebot understand --when "TEXT" [--morning HH:MM] [--event-at ISO] [--horizon-end ISO]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", help='the message, or "-" to read one a line from stdin')
    parser.add_argument(
        "--now", type=_moment, help="read as at this moment (ISO 8601); default now"
    )
    parser.add_argument("--tz", default="UTC", help="the user's timezone (IANA, city or offset)")
    parser.add_argument("--json", action="store_true", help="print the JSON contract")
    parser.add_argument("--when", action="store_true", help="read a reminder time instead")
    parser.add_argument("--morning", type=_clock, help="the user's morning, HH:MM (with --when)")
    parser.add_argument("--event-at", type=_moment, help="the plan's event, ISO (with --when)")
    parser.add_argument("--horizon-end", type=_moment, help="the hedge's end, ISO (with --when)")


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 moment: {text!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a HH:MM time: {text!r}") from error


def _messages(args: argparse.Namespace) -> Iterator[str]:
    if args.text == ["-"]:
        for line in sys.stdin:
            yield line.rstrip("\n")
    else:
        yield " ".join(args.text)


def run(args: argparse.Namespace) -> int:
    """Print what was read: the JSON contract with --json, else a short summary."""
    from hedging.language.timezones import read_timezone

    zone = read_timezone(args.tz)
    if zone is None:
        print(f"hedgebot understand: unknown timezone {args.tz!r}", file=sys.stderr)
        return 2
    now = args.now or datetime.now(UTC)
    for text in _messages(args):
        shown = _when(text, args, zone, now) if args.when else _message(text, args, zone, now)
        print(shown, flush=True)
    return 0


def _message(text: str, args: argparse.Namespace, zone: str, now: datetime) -> str:
    from hedging.language.understand import understand

    reading = understand(text, now=now, tz=zone)
    if args.json or args.text == ["-"]:
        return json.dumps(reading.contract() | {"notes": reading.notes}, ensure_ascii=False)
    return summary(reading)


def summary(reading: object) -> str:
    """A few readable lines: the route, the holdings, the purpose, the notes."""
    from hedging.language.understand import Understanding

    assert isinstance(reading, Understanding)
    lines = [f"route: {reading.route}"]
    if reading.error:
        lines.append(f"error: {reading.error}")
    for held in reading.holdings:
        size = (
            f"{held.quantity:g} units" if held.quantity is not None else f"${held.value_usd:,.0f}"
        )
        extras = [f"at ${reading.prices_usd[held.symbol]:,.2f}"]
        if held.cost_basis_usd is not None:
            extras.append(f"bought at ${held.cost_basis_usd:,.2f}")
        if held.proxy_for:
            extras.append(f"for {held.proxy_for}")
        lines.append(f"holding: {held.symbol} {size} ({', '.join(extras)})")
    if reading.unpriced:
        lines.append(f"no price for: {', '.join(reading.unpriced)}")
    purpose = {
        "concern": reading.concern.value if reading.concern else None,
        "event": f"{reading.event_at:%a %d %b %Y %H:%M} UTC" if reading.event_at else None,
        "horizon": f"{reading.horizon_days:g} days" if reading.horizon_days else None,
        "outlook": reading.outlook.value if reading.outlook else None,
        "budget": f"${reading.max_cost_usd:,.0f}" if reading.max_cost_usd else None,
    }
    lines += [f"{name}: {value}" for name, value in purpose.items() if value is not None]
    lines += [f"note: {note}" for note in reading.notes]
    return "\n".join(lines)


def _when(text: str, args: argparse.Namespace, zone: str, now: datetime) -> str:
    from hedging.language.reminder_times import WhenContext, read_when

    context = WhenContext(
        timezone=zone,
        morning=args.morning,
        event_at=args.event_at,
        horizon_end=args.horizon_end,
    )
    answer = read_when(text, context, now)
    if answer.due is not None:  # shown with the user's own UTC offset
        answer = replace(answer, due=answer.due.astimezone(ZoneInfo(zone)))
    if args.json or args.text == ["-"]:
        return json.dumps(answer.outcome(), ensure_ascii=False)
    return answer.message
