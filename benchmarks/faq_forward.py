"""The FAQ matcher on questions in the order they came: each recent batch's tune half is judged by
a learned scorer fitted only on what came before it (the tune halves of earlier batches, the
paraphrases dev and dev2, and the training posts written before anyone read that batch), with the
shipped confidence model. Random folds (faq_fit_scorer.py --cv) let a tune question be judged by a
scorer fitted on posts written after reading it, and so overstate what a new question gets; this
order is how new questions reach the bot. The entries' words are today's, some written after
reading those batches, so it still flatters them a little. Tune halves only: never held-out.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.faq_eval import (  # noqa: E402
    DATA,
    MEASURES,
    TUNING,
    cell,
    paraphrases,
    real_question,
    real_rows,
)
from benchmarks.faq_fit_scorer import labelled  # noqa: E402
from bot.features.faq.evaluation import Question, Scores  # noqa: E402
from bot.features.faq.knowledge import KnowledgeBase, load_knowledge_base  # noqa: E402
from bot.features.faq.learned import (  # noqa: E402
    LearnedScorer,
    fit_scorer,
    read_ahead,
    training_set,
)

# (batch, its first and last question id, the first post written after its tune half was read):
# posts t980-t1059 answered batch 10's tune misses; t1060-t1162 were written before batch 11
# reached the file, t1163-t1299 after batch 11 and before batch 12, t1300-t1549 while batch 13 was
# collected (their writer could see part of it); none since
BATCHES = (
    ("10", 1000, 1199, 980),
    ("11", 1200, 1699, 1163),
    ("12", 1700, 1999, 1300),
    ("13", 2000, 2299, 1300),
    ("14", 2300, 2599, 1550),
    ("15", 2600, 2899, 1550),
    ("16", 2900, 3199, 1550),
    ("17", 3200, 3499, 1550),
)


def number(identifier: str) -> int:
    return int(identifier[1:])


def row(name: str, scores: Scores) -> str:
    measured = "".join(f" {cell(scores, m):>14}" for m in MEASURES)
    return f"{name:<13} {scores.asked:>5} {scores.covered:>7}{measured}"


def batches(kb: KnowledgeBase) -> Iterator[tuple[str, list[Question], LearnedScorer]]:
    """Each recent batch's tune questions, with a learned scorer fitted only on what came before."""
    rows = [r for r in real_rows() if r["split"] == "tune"]
    posts = tomllib.loads((DATA / "faq_training_posts.toml").read_text(encoding="utf-8"))
    dev = [q for name, questions in paraphrases().items() if name in TUNING for q in questions]
    for batch, first, last, posts_after in BATCHES:
        earlier = [real_question(r) for r in rows if number(r["id"]) < first]
        written = [
            (p["question"], p["expected"])
            for p in posts["question"]
            if number(p["id"]) < posts_after
        ]
        texts, labels = training_set(kb, labelled(dev + earlier) + written)
        questions = [real_question(r) for r in rows if first <= number(r["id"]) <= last]
        read_ahead(q.text for q in questions)
        yield batch, questions, fit_scorer(kb, texts, labels)


def main() -> int:
    kb = load_knowledge_base()  # its confidence model is the shipped one; the scorer is refitted
    print(f"{'set':<13} {'asked':>5} {'covered':>7}" + "".join(f" {m[:14]:>14}" for m in MEASURES))
    total: Counter[str] = Counter()
    for batch, questions, scorer in batches(kb):
        kb.scorer = scorer
        scores = Scores.of(kb, questions)
        total += scores.counts
        print(row(f"batch {batch}", scores))
    print(row("all", Scores(total)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
