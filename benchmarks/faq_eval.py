"""Precision of the FAQ matcher over the paraphrase set: top-1 and top-3, per split and overall."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.faq import knowledge_base  # noqa: E402

PARAPHRASES = ROOT / "tests" / "data" / "faq_paraphrases.toml"
GOALS = {"top-1": 0.90, "top-3": 0.98}


def main() -> int:
    """Print precision per split; --misses lists every question whose entry is not first."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list questions not ranked first")
    args = parser.parse_args()
    kb = knowledge_base()
    with PARAPHRASES.open("rb") as handle:
        table = tomllib.load(handle)
    totals: dict[str, list[int]] = {}
    for entry_id, splits in table.items():
        for split, questions in splits.items():
            for question in questions:
                ranked = [m.entry.id for m in kb.search(question, limit=3)]
                hit1, hit3 = ranked[:1] == [entry_id], entry_id in ranked
                for key in (split, "all"):
                    counts = totals.setdefault(key, [0, 0, 0])
                    counts[0] += 1
                    counts[1] += hit1
                    counts[2] += hit3
                if args.misses and not hit1:
                    print(f"  [{split}] {entry_id:<22} <- {question!r}: got {ranked}")
    print(f"{'set':<8} {'questions':>9} {'top-1':>7} {'top-3':>7}")
    for key in ("dev", "heldout", "blind", "all"):
        n, top1, top3 = totals.get(key, [0, 0, 0])
        if n:
            print(f"{key:<8} {n:>9} {top1 / n:>7.1%} {top3 / n:>7.1%}")
    n, top1, top3 = totals["all"]
    met = top1 / n >= GOALS["top-1"] and top3 / n >= GOALS["top-3"]
    goals = f"top-1 >= {GOALS['top-1']:.0%}, top-3 >= {GOALS['top-3']:.0%}"
    print(f"goals: {goals}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
