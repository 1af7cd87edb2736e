"""How long a cold `hedgebot plan "2 BTC"` takes next to a bare `python -c pass` (goal: ≤ 10×).

Each command runs in a fresh interpreter; the median of --runs is printed with the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    hedgebot = shutil.which("hedgebot") or f"{sys.prefix}/bin/hedgebot"
    bare = median_seconds([sys.executable, "-c", "pass"], runs)
    plan = median_seconds([hedgebot, "plan", "2 BTC"], runs)
    modules = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot.cli", "plan", "2 BTC"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr.count("import time:")
    print(f"python -c pass          {bare * 1000:7.1f} ms (median of {runs})")
    print(f'hedgebot plan "2 BTC"   {plan * 1000:7.1f} ms (median of {runs}), {modules} imports')
    print(f"ratio                   {plan / bare:7.1f}x (goal <= 10x)")


if __name__ == "__main__":
    main()
