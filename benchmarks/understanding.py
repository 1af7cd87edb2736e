"""Accuracy and speed of the language layer on the labelled data sets in tests/data.

Prints, per field, the share read right on the tune half, the held-out half and overall, for the
messages (holdings and intent), the reminder times and the timezones, then the time per item
(median and p95). Goals (issue 10): a message in at most 2 ms median, a reminder time in 10 ms.
Run: python benchmarks/understanding.py [--misses]  (--misses lists the tune half's misses only:
the held-out half is measured, never used to tune).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hedging.language.scoring import Score, score_messages, score_times, score_zones  # noqa: E402

DATA = ROOT / "tests" / "data"
GOAL_MS = {"messages": 2.0, "reminder times": 10.0}


def _cell(score: Score, name: str, split: str | None) -> str:
    right = total = 0
    for (field, field_split), (ok, count) in score.counts.items():
        if field == name and split in (None, field_split):
            right, total = right + ok, total + count
    return f"{right:3}/{total:<3} {100 * right / total:5.1f}%" if total else "-"


def report(title: str, score: Score, show_misses: bool) -> None:
    print(f"\n{title}")
    print(f"  {'field':18} {'tune':>14} {'heldout':>14} {'all':>14}")
    for name in score.fields():
        cells = [_cell(score, name, split) for split in ("tune", "heldout", None)]
        print(f"  {name:18} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14}")
    times = sorted(score.seconds)
    median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    goal = GOAL_MS.get(title.split(":")[0])
    verdict = (
        f" (goal ≤ {goal:g} ms median: {'met' if median * 1000 <= goal else 'MISSED'})"
        if goal
        else ""
    )
    print(f"  time per item: median {median * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms{verdict}")
    if show_misses:
        for split, text, want, got in score.misses:
            if split == "tune":
                print(f"    miss: {text!r}: want {want!r}, got {got!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tune half's misses")
    args = parser.parse_args()
    score_messages(DATA / "understanding_messages.toml")  # warm up: first-call imports
    score_times(DATA / "reminder_times.toml")
    report(
        "messages: understanding_messages.toml",
        score_messages(DATA / "understanding_messages.toml"),
        args.misses,
    )
    report(
        "reminder times: reminder_times.toml",
        score_times(DATA / "reminder_times.toml"),
        args.misses,
    )
    report("timezones: timezones.toml", score_zones(DATA / "timezones.toml"), args.misses)


if __name__ == "__main__":
    main()
