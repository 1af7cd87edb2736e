"""The fuzz test of tests/e2e/test_fuzz.py, run for longer: prints the counts of what went wrong.

Every scenario is ten users talking to a fresh bot over the loopback Bot API (see
tests/fuzzing.py for the steps and the checks). Nothing fails here; the counts are the result,
and every count but `updates` (and the harmless `not modified` double taps) should be zero.

    python benchmarks/fuzz.py [--updates 2000] [--steps 60] [--seed 12]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.fuzzing import Tally, run_scenario, steps


class Enough(Exception):
    """Raised once the run has its updates: hypothesis stops at the first exception."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000, help="at least this many updates")
    parser.add_argument("--steps", type=int, default=60, help="steps per scenario (at most)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # python-telegram-bot's notes on the unused JobQueue options
    total = Tally()
    scenarios_run = 0
    started = time.perf_counter()

    @seed(args.seed)
    @settings(
        max_examples=10**6,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(steps, min_size=args.steps // 2, max_size=args.steps))
    def one(scenario: list[tuple[Any, ...]]) -> None:
        nonlocal scenarios_run
        if total.updates >= args.updates:
            raise Enough
        total.add(asyncio.run(run_scenario(scenario)))
        scenarios_run += 1
        print(f"\r{total.updates} updates, {scenarios_run} scenarios", end="", file=sys.stderr)

    try:
        one()
    except Enough:
        pass
    except KeyboardInterrupt:
        print("\ninterrupted; counts so far:", file=sys.stderr)
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    print(f"scenarios     {scenarios_run} (10 users each, seed {args.seed})")
    print(f"updates       {total.updates}  ({total.updates / seconds:.1f}/s over {seconds:.0f} s)")
    for name in ("tracebacks", "unanswered", "refused", "unasked", "leaks"):
        print(f"{name:<13} {len(getattr(total, name))}")
    print(
        f"not modified  {total.not_modified}  (double taps; Telegram refuses, the bot counts done)"
    )
    for name, cases in total.problems().items():
        print(f"\n{name}, first cases:")
        for case in cases[:10]:
            print(f"  {case[:300]}")


if __name__ == "__main__":
    main()
