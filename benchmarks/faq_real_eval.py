"""How the FAQ matcher does on real questions people posted (tests/data/faq_real_questions.toml).

For the tune and heldout halves separately: first pick right, answered outright and right, right
entry among the choices, confident wrong, honest "no answer" on uncovered questions, and plan
requests sent to the planner. --misses lists what went wrong, for the tune half only: the heldout
half is measured, never read for tuning.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.faq import KnowledgeBase, Outcome, knowledge_base  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "faq_real_questions.toml"
SPLITS = ("tune", "heldout")


def judge(kb: KnowledgeBase, question: dict[str, object]) -> tuple[set[str], str]:
    """The tallies one question adds to, and a one-line account of what the bot did."""
    text = str(question["question"])
    right = {str(question["expected"]), *map(str, question.get("also", []))} - {""}  # type: ignore[call-overload]
    covered = bool(question["expected"])
    plan = question.get("kind") == "plan"
    verdict = kb.verdict(text)
    ids = [m.entry.id for m in verdict.matches]
    ranked = [m.entry.id for m in kb.search(text, limit=3)]
    tallies = {"covered" if covered else "plan" if plan else "uncovered"}
    if covered and ranked[:1] and ranked[0] in right:
        tallies.add("first pick right")
    if verdict.outcome is Outcome.CLEAR and ids[0] not in right:
        tallies.add("confident wrong")
    elif verdict.outcome is Outcome.CLEAR:
        tallies.add("answered right" if covered else "answered acceptably")
    if covered and verdict.outcome in (Outcome.CLEAR, Outcome.AMBIGUOUS) and right & set(ids):
        tallies.add("among choices")
    if verdict.outcome is Outcome.NO_MATCH:
        tallies.add("no answer" if "uncovered" in tallies else "nothing offered")
    if verdict.outcome is Outcome.PLAN:
        tallies.add("to planner")
    return tallies, f"{verdict.outcome.value:<9} {ids} ranked {ranked}"


def share(counts: Counter[str], key: str, total: int) -> str:
    """ "k/n pct" for one tally, or "-" when there is nothing to count."""
    return f"{counts[key]}/{total} {counts[key] / total:.0%}" if total else "-"


def missed(tallies: set[str]) -> bool:
    """Not answered right outright, answered wrongly, or an uncovered question answered."""
    if "confident wrong" in tallies:
        return True
    if "covered" in tallies:
        return "answered right" not in tallies
    return "uncovered" in tallies and "no answer" not in tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list the tune half's misses")
    args = parser.parse_args()
    kb = knowledge_base()
    with QUESTIONS.open("rb") as handle:
        questions = tomllib.load(handle)["question"]
    print(f"{len(kb.entries)} entries; {len(questions)} real questions")
    columns = "split covered 1st-right outright choices conf-wrong uncovered no-answer"
    print("{:<8} {:>8} {:>10} {:>9} {:>9} {:>11} {:>9} {:>9}".format(*columns.split()))
    for split in SPLITS:
        counts: Counter[str] = Counter()
        for question in (q for q in questions if q["split"] == split):
            tallies, account = judge(kb, question)
            counts.update(tallies)
            if args.misses and split == "tune" and missed(tallies):
                print(f"  {question['id']} expected {question['expected'] or '-'}: {account}")
                print(f"      {str(question['question'])[:110]!r}")
        n, u = counts["covered"], counts["uncovered"]
        asked = n + u + counts["plan"]
        print(
            f"{split:<8} {n:>8} {share(counts, 'first pick right', n):>10}"
            f" {share(counts, 'answered right', n):>9} {share(counts, 'among choices', n):>9}"
            f" {share(counts, 'confident wrong', asked):>11} {u:>9}"
            f" {share(counts, 'no answer', u):>9}"
        )
        print(
            f"{'':<8} plan requests {counts['plan']}, sent to the planner: {counts['to planner']};"
            f" uncovered answered with an acceptable entry: {counts['answered acceptably']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
