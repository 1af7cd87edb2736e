"""Fit the FAQ's learned scorer (templates/faq/scorer.npz) and its confidence model
(templates/faq/confidence.toml); --cv cross-validates the scorer's settings.

Fitted on the entries' own text, the tuning questions (real tune half, paraphrase dev and dev2) and
the training posts (tests/data/faq_training_posts.toml, forum-style questions written for training,
never for measuring); the held-out real half and the held-out and blind paraphrases are never read.
Questions and posts that no entry answers are fitted too, with a target of 0 for every entry.

The confidence model learns from out-of-fold evidence: the tuning questions in 5 folds (the posts
in every fold's fit) and the posts in 5 folds (the tuning questions in every fold's fit), each
scored by a learned scorer that never saw it. Its threshold is the lowest at which, out of fold
again (5 folds over that evidence), at most MAX_WRONG_SHARE of the questions get a wrong answer.
--cv: the matcher's figures on the out-of-fold tuning questions for each ridge and weight, with the
shipped confidence model (fitted on evidence from every fold, so slightly optimistic).
--cv-misses: the tuning questions those fold scorers get wrong (first pick or confident wrong),
to read what the entries lack without the shipped scorer's memory of them.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.faq_eval import DATA, MEASURES, TUNING, paraphrases, real_questions  # noqa: E402
from bot.features.faq.evaluation import Question, Scores, judge  # noqa: E402
from bot.features.faq.knowledge import (  # noqa: E402
    CONFIDENCE_FILE,
    LEARNED_WEIGHT,
    SCORER_FILE,
    KnowledgeBase,
    load_knowledge_base,
)
from bot.features.faq.learned import (  # noqa: E402
    RIDGE,
    LearnedScorer,
    features_of,
    fit_scorer,
    own_rows,
    read_ahead,
    training_set,
)

FOLDS = 5
SEED = 11
TARGET = ROOT / "templates" / "faq" / SCORER_FILE
CONFIDENCE_TARGET = TARGET.with_name(CONFIDENCE_FILE)
POSTS = "faq_training_posts.toml"


def tuning_questions() -> dict[str, list[Question]]:
    sets = real_questions() | paraphrases()
    return {name: sets[name] for name in sorted(TUNING)}


def labelled(questions: list[Question]) -> list[tuple[str, str]]:
    """(text, entry id) to fit on; "" for a question no entry answers (plan requests left out:
    the planner takes them before any scoring)."""
    return [(q.text, q.expected) for q in questions if not q.plan]


def training_posts() -> list[tuple[str, str]]:
    """The posts written to train on, as (text, entry id or "")."""
    table = tomllib.loads((DATA / POSTS).read_text(encoding="utf-8"))
    return [(post["question"], post["expected"]) for post in table["question"]]


def fitting_questions() -> list[tuple[str, str]]:
    """Everything the shipped scorer is fitted on besides the entries' own text."""
    return [pair for qs in tuning_questions().values() for pair in labelled(qs)] + training_posts()


Folded = list[tuple[str, Question, int]]  # (set name, question, the fold that holds it out)


def fold_scorers(
    kb: KnowledgeBase, ridge: float, posts: list[tuple[str, str]], uncovered: bool
) -> tuple[Folded, list[LearnedScorer]]:
    """The tuning questions with their folds, and per fold a scorer fitted without that fold."""
    flat = [(name, q) for name, qs in tuning_questions().items() for q in qs]
    folds = np.random.default_rng(SEED).permutation(len(flat)) % FOLDS
    folded = [(name, q, int(f)) for (name, q), f in zip(flat, folds, strict=True)]
    entry_texts, entry_labels = training_set(kb, [(t, e) for t, e in posts if e or uncovered])
    read_ahead(entry_texts + [q.text for _, q in flat])
    cache: dict[str, dict[str, float]] = {}

    def sample(text: str) -> dict[str, float]:
        if text not in cache:
            cache[text] = features_of(kb, text)
        return cache[text]

    scorers = []
    own = own_rows(kb)
    for k in range(FOLDS):
        train = labelled([q for _, q, f in folded if f != k])
        train = [(t, e) for t, e in train if e or uncovered]
        texts = entry_texts + [t for t, _ in train]
        labels = entry_labels + [e for _, e in train]
        scorers.append(
            LearnedScorer.fit(
                [sample(t) for t in texts], labels, list(kb.entries), ridge=ridge, own_rows=own
            )
        )
    return folded, scorers


def cross_validate(
    kb: KnowledgeBase, ridge: float, weight: float, posts: list[tuple[str, str]], uncovered: bool
) -> dict[str, Scores]:
    """The matcher's figures on each tuning question, judged with the scorer of the fold that
    held it out."""
    kb.learned_weight = weight
    folded, scorers = fold_scorers(kb, ridge, posts, uncovered)
    counts: dict[str, Counter[str]] = {name: Counter() for name, _, _ in folded}
    for k, scorer in enumerate(scorers):
        kb.scorer = scorer
        for name, q, f in folded:
            if f == k:
                counts[name].update(judge(kb, q)[0])
    return {name: Scores(c) for name, c in counts.items()}


def out_of_fold_misses(kb: KnowledgeBase) -> None:
    """Print each tuning question (never a held-out one) the matcher gets wrong out of fold:
    first pick not right, or a confident wrong answer. The shipped scorer has seen every tuning
    question, so its own misses hide what the entries' words lack."""
    folded, scorers = fold_scorers(kb, RIDGE, training_posts(), uncovered=True)
    for k, scorer in enumerate(scorers):
        kb.scorer = scorer
        for name, q, _ in (item for item in folded if item[2] == k):
            tallies, account = judge(kb, q)
            missed = q.covered and "first pick right" not in tallies
            if missed or "confident wrong" in tallies:
                print(f"[{name}] {sorted(q.right) or '-'}: {account}")
                print(f"    {q.text[:160]!r}")


def show(title: str, results: dict[str, Scores]) -> None:
    print(title)
    for name, scores in results.items():
        print(
            f"  {name:<10} "
            + "  ".join(f"{m} {scores.counts[m]}" for m in MEASURES if m != "no answer")
            + f"  no answer {scores.counts['no answer']}/{scores.counts['uncovered']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true", help="cross-validate instead of fitting")
    parser.add_argument("--ridge", type=float, nargs="*", default=[RIDGE])
    parser.add_argument("--weight", type=float, nargs="*", default=[LEARNED_WEIGHT])
    parser.add_argument(
        "--cv-misses", action="store_true", help="list the tuning questions missed out of fold"
    )
    parser.add_argument("--no-posts", action="store_true", help="cross-validate without the posts")
    parser.add_argument(
        "--no-uncovered", action="store_true", help="cross-validate without the uncovered texts"
    )
    args = parser.parse_args()
    kb = load_knowledge_base(fitted=args.cv or args.cv_misses)  # a fit replaces the shipped ones
    if args.cv_misses:
        out_of_fold_misses(kb)
        return 0
    if args.cv:
        posts = [] if args.no_posts else training_posts()
        for ridge, weight in ((r, w) for r in args.ridge for w in args.weight):
            started = time.perf_counter()
            results = cross_validate(kb, ridge, weight, posts, not args.no_uncovered)
            took = time.perf_counter() - started
            show(f"ridge {ridge}, weight {weight} ({took:.0f} s)", results)
        return 0
    texts, labels = training_set(kb, fitting_questions())
    started = time.perf_counter()
    scorer = fit_scorer(kb, texts, labels)
    scorer.save(TARGET)
    print(
        f"fitted on {len(texts)} texts, {len(scorer.vocabulary)} features, "
        f"{time.perf_counter() - started:.1f} s -> {TARGET.relative_to(ROOT)}"
    )
    from benchmarks.faq_calibrate import calibrate  # it builds on this module's folds

    started = time.perf_counter()
    confidence, report = calibrate(kb, scorer.trained_on)
    confidence.save(CONFIDENCE_TARGET, report)
    print(report)
    print(
        f"confidence fitted in {time.perf_counter() - started:.1f} s"
        f" -> {CONFIDENCE_TARGET.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
