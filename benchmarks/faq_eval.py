"""How the FAQ matcher does, on the paraphrase set and on real questions people posted.

Real questions (tests/data/faq_real_questions.toml) are reported for the tune and heldout halves
separately; paraphrases (tests/data/faq_paraphrases.toml) per split. Each row: first pick right,
answered outright and right, right entry among the choices (answer or buttons), confident wrong,
and the honest "no answer" on uncovered questions. --misses lists what went wrong on the tuning
data only (real tune half, paraphrase dev and dev2): held-out questions are measured, never read.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.features.faq.evaluation import Question, Scores, judge  # noqa: E402
from bot.features.faq.knowledge import KnowledgeBase, knowledge_base  # noqa: E402
from bot.features.faq.learned import read_ahead  # noqa: E402

DATA = ROOT / "tests" / "data"
GOALS = {"first pick right": 0.85, "answered right": 0.55}  # issue 11, held-out real questions
WRONG_GOAL = 0.02
TUNING = {"real tune", "para dev", "para dev2"}
MEASURES = ("first pick right", "answered right", "among choices", "confident wrong", "no answer")


def real_rows() -> list[dict[str, Any]]:
    """The real questions as the file holds them (id, split, labels, source, question)."""
    table = tomllib.loads((DATA / "faq_real_questions.toml").read_text(encoding="utf-8"))
    return list(table["question"])


def real_question(row: dict[str, Any]) -> Question:
    named = frozenset({row["expected"], *row.get("also", [])} - {""})
    plan = row.get("kind") == "plan"
    right = named if row["expected"] else frozenset()
    acceptable = named if plan else frozenset()  # the planner's job, but these answer it too
    return Question(row["question"], right, plan, row["expected"], acceptable)


def real_questions() -> dict[str, list[Question]]:
    sets: dict[str, list[Question]] = {"real tune": [], "real heldout": []}
    for row in real_rows():
        sets[f"real {row['split']}"].append(real_question(row))
    return sets


def paraphrases() -> dict[str, list[Question]]:
    table = tomllib.loads((DATA / "faq_paraphrases.toml").read_text(encoding="utf-8"))
    sets: dict[str, list[Question]] = {}
    for entry_id, splits in table.items():
        for split, questions in splits.items():
            sets.setdefault(f"para {split}", []).extend(
                Question(text, frozenset({entry_id}), expected=entry_id) for text in questions
            )
    return sets


def cell(scores: Scores, tally: str) -> str:
    whole = scores.counts["uncovered"] if tally == "no answer" else None
    if whole == 0:
        return "-"
    return f"{scores.counts[tally]:>3} {scores.share(tally):>4.0%}"


def report(kb: KnowledgeBase, sets: dict[str, list[Question]], misses: bool) -> dict[str, Scores]:
    print(f"{'set':<13} {'asked':>5} {'covered':>7}" + "".join(f" {m[:14]:>14}" for m in MEASURES))
    results = {}
    read_ahead(q.text for questions in sets.values() for q in questions)
    for name, questions in sets.items():
        scores = results[name] = Scores.of(kb, questions)
        print(
            f"{name:<13} {scores.asked:>5} {scores.covered:>7}"
            + "".join(f" {cell(scores, m):>14}" for m in MEASURES)
        )
        plan = scores.counts["plan"]
        if plan:
            sent = scores.counts["to planner"]
            print(f"{'':<13} plan requests {plan}, sent to the planner {sent}")
        if misses and name in TUNING:
            for question in questions:
                tallies, account = judge(kb, question)
                wrong = "confident wrong" in tallies
                unanswered = question.covered and "answered right" not in tallies
                answered_uncovered = "uncovered" in tallies and "no answer" not in tallies
                if wrong or unanswered or answered_uncovered:
                    print(f"    [{name}] {sorted(question.right) or '-'}: {account}")
                    print(f"        {question.text[:120]!r}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list misses on the tuning data")
    parser.add_argument("--tuning", action="store_true", help="measure the tuning data only")
    args = parser.parse_args()
    started = time.perf_counter()
    kb = knowledge_base()
    loaded = time.perf_counter()
    sets = real_questions() | paraphrases()
    if args.tuning:
        sets = {name: questions for name, questions in sets.items() if name in TUNING}
    asked = sum(len(q) for q in sets.values())
    print(f"{len(kb.entries)} entries; {asked} questions")
    results = report(kb, sets, args.misses)
    finished = time.perf_counter()
    heldout = results.get("real heldout", Scores.of(kb, []))
    met = all(heldout.share(m) >= goal for m, goal in GOALS.items())
    met = met and heldout.share("confident wrong") <= WRONG_GOAL
    print(
        f"held-out real goals (first pick >= 85%, outright right >= 55%, confident wrong <= 2%):"
        f" {'met' if met else 'NOT met'}"
    )
    per_question = (finished - loaded) / asked / 2 * 1000  # search + verdict per question
    print(f"load {1000 * (loaded - started):.0f} ms; about {per_question:.2f} ms per question")
    return 0


if __name__ == "__main__":
    sys.exit(main())
