"""Precision of the FAQ matcher over the paraphrase set: top-1 and top-3, per split and overall,
and what the bot would do with each question (answer, offer buttons, no match, planner)."""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.features.faq.knowledge import Outcome, knowledge_base  # noqa: E402

PARAPHRASES = ROOT / "tests" / "data" / "faq_paraphrases.toml"
GOALS = {"top-1": 0.90, "top-3": 0.98}
SPLITS = ("dev", "dev2", "heldout", "blind")


def behaviour(kb, entry_id: str, question: str) -> str:  # type: ignore[no-untyped-def]
    """What a person asking this would see, judged against the entry it was written for."""
    verdict = kb.verdict(question)
    ids = [m.entry.id for m in verdict.matches]
    if verdict.outcome is Outcome.CLEAR:
        return "answered right" if ids == [entry_id] else "answered WRONG"
    if verdict.outcome is Outcome.AMBIGUOUS:
        return "buttons include it" if entry_id in ids else "buttons MISS it"
    return "sent to planner" if verdict.outcome is Outcome.PLAN else "no match"


def main() -> int:
    """Print the tables; --misses lists the questions whose entry is not ranked first."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--misses",
        nargs="*",
        metavar="SPLIT",
        help="list questions not ranked first; name splits (dev dev2) to keep the others unseen",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    kb = knowledge_base()
    loaded = time.perf_counter()
    with PARAPHRASES.open("rb") as handle:
        table = tomllib.load(handle)
    totals: dict[str, list[int]] = {}
    seen: Counter[str] = Counter()
    asked = 0
    for entry_id, splits in table.items():
        for split, questions in splits.items():
            for question in questions:
                asked += 1
                ranked = [m.entry.id for m in kb.search(question, limit=3)]
                hit1, hit3 = ranked[:1] == [entry_id], entry_id in ranked
                for key in (split, "all"):
                    counts = totals.setdefault(key, [0, 0, 0])
                    counts[0] += 1
                    counts[1] += hit1
                    counts[2] += hit3
                seen[behaviour(kb, entry_id, question)] += 1
                listed = args.misses is not None and (not args.misses or split in args.misses)
                if listed and not hit1:
                    print(f"  [{split}] {entry_id:<22} <- {question!r}: got {ranked}")
    finished = time.perf_counter()
    print(f"{len(kb.entries)} entries; {asked} paraphrases")
    print(f"{'set':<8} {'questions':>9} {'top-1':>7} {'top-3':>7}")
    for key in (*SPLITS, "all"):
        n, top1, top3 = totals.get(key, [0, 0, 0])
        if n:
            print(f"{key:<8} {n:>9} {top1 / n:>7.1%} {top3 / n:>7.1%}")
    n, top1, top3 = totals["all"]
    met = top1 / n >= GOALS["top-1"] and top3 / n >= GOALS["top-3"]
    goals = f"top-1 >= {GOALS['top-1']:.0%}, top-3 >= {GOALS['top-3']:.0%}"
    print(f"goals: {goals}: {'met' if met else 'NOT met'}")
    print("what the bot does with them:")
    for outcome, count in seen.most_common():
        print(f"  {outcome:<20} {count:>4}  {count / asked:.1%}")
    per_question = (finished - loaded) / asked / 2 * 1000  # search + verdict per question
    print(f"load {1000 * (loaded - started):.0f} ms; about {per_question:.2f} ms per question")
    return 0


if __name__ == "__main__":
    sys.exit(main())
