"""Score the readers on the labelled data sets in tests/data (used by the benchmark and by CI).

`score_messages(path)`, `score_times(path)` and `score_zones(path)` return a `Score`: per field and
split, (right, total), plus the seconds each item took. The label conventions are in each data
file's header.
"""

from __future__ import annotations

import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo


@dataclass
class Score:
    counts: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    seconds: list[float] = field(default_factory=list)
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)

    def add(self, name: str, split: str, good: bool) -> None:
        self.counts[(name, split)][0] += int(good)
        self.counts[(name, split)][1] += 1

    def rate(self, name: str, split: str | None = None) -> float:
        right = total = 0
        for (field_name, field_split), (ok, count) in self.counts.items():
            if field_name == name and split in (None, field_split):
                right, total = right + ok, total + count
        return right / total if total else float("nan")

    def fields(self) -> list[str]:
        return sorted({name for name, _ in self.counts})


def _close(got: float | None, want: float | None, relative: float = 0.005) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(got - want) <= relative * max(abs(want), 1e-9)


def _holdings_match(got: list[dict], want: list[dict]) -> bool:
    by_symbol = {h["symbol"]: h for h in got}
    if sorted(by_symbol) != sorted(w["symbol"] for w in want) or len(got) != len(want):
        return False
    for wanted in want:
        held = by_symbol[wanted["symbol"]]
        for key, value in wanted.items():
            if key == "symbol":
                continue
            if key == "proxy_for":
                if str(held.get(key)).lower() != value.lower():
                    return False
            elif not _close(held.get(key), value):
                return False
    return True


def _field_good(name: str, got: dict, want: object) -> bool:
    if name == "holdings":
        return _holdings_match(got["holdings"], want)  # type: ignore[arg-type]
    if name == "unpriced":
        return sorted(x.lower() for x in got["unpriced"]) == sorted(x.lower() for x in want)  # type: ignore[attr-defined]
    if name == "horizon_days":
        value = got["horizon_days"]
        return value is None if want is None else value is not None and abs(value - want) <= 1
    if name == "max_cost_usd":
        return _close(got["max_cost_usd"], want)  # type: ignore[arg-type]
    if name == "event_at":
        value = got["event_at"]
        return value is None if want is None else value is not None and value[:10] == want
    return got[name] == want


def score_messages(path: Path) -> Score:
    from hedging.language.understand import understand

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    score = Score()
    for message in data["messages"]:
        now = datetime.fromisoformat(message.get("now", data["now"]))
        started = time.perf_counter()
        got = understand(message["text"], now=now).contract()
        score.seconds.append(time.perf_counter() - started)
        labels = list(message["expect"].items()) + [
            (f, None) for f in message.get("expect_null", [])
        ]
        whole = True
        for name, want in labels:
            good = _field_good(name, got, want)
            score.add(name, message["split"], good)
            if not good:
                whole = False
                score.misses.append((message["split"], message["text"], want, got[name]))
        score.add("(whole message)", message["split"], whole)
    return score


def score_times(path: Path) -> Score:
    from hedging.language.reminder_times import WhenContext, read_when

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    score = Score()
    for item in data["times"]:
        morning_text = item.get("morning", data["morning"])
        context = WhenContext(
            timezone=item["tz"],
            morning=clock.fromisoformat(morning_text) if morning_text else None,
            event_at=datetime.fromisoformat(item["event_at"]) if "event_at" in item else None,
            horizon_end=datetime.fromisoformat(item["horizon_end"])
            if "horizon_end" in item
            else None,
        )
        now = datetime.fromisoformat(item["now"])
        started = time.perf_counter()
        answer = read_when(item["text"], context, now)
        score.seconds.append(time.perf_counter() - started)
        want = item["expect"]
        if "due" in want:
            good = answer.due is not None and abs(
                answer.due - datetime.fromisoformat(want["due"])
            ) < timedelta(minutes=1)
        else:
            good = answer.error == want.get("error") and answer.ask == want.get("ask")
        score.add("(all)", item["split"], good)
        if not good:
            shown = (
                answer.due.astimezone(ZoneInfo(item["tz"])).isoformat()
                if answer.due
                else answer.outcome()
            )
            score.misses.append((item["split"], item["text"], want, shown))
    return score


_INSTANTS = [
    datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=5 * i, hours=7 * i % 24) for i in range(150)
]


def _same_zone(got: str, want: str) -> bool:
    if got == want:
        return True
    a, b = ZoneInfo(got), ZoneInfo(want)
    return all(t.astimezone(a).utcoffset() == t.astimezone(b).utcoffset() for t in _INSTANTS)


def score_zones(path: Path) -> Score:
    from hedging.language.timezones import read_timezone

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    score = Score()
    for item in data["zones"]:
        want = item["expect"] or None
        started = time.perf_counter()
        got = read_timezone(item["text"])
        score.seconds.append(time.perf_counter() - started)
        good = got is None if want is None else got is not None and _same_zone(got, want)
        score.add("(all)", item["split"], good)
        if not good:
            score.misses.append((item["split"], item["text"], want, got))
    return score
