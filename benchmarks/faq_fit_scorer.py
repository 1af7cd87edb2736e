"""Fit the FAQ's learned scorer and write templates/faq/scorer.npz; --cv cross-validates it.

Fitted on the entries' own text, the tuning questions (real tune half, paraphrase dev and dev2) and
the training posts (tests/data/faq_training_posts.toml, forum-style questions written for training,
never for measuring); the held-out real half and the held-out and blind paraphrases are never read.
Questions and posts that no entry answers are fitted too, with a target of 0 for every entry.
--cv: 5 folds over the tuning questions (each question held out by exactly one fold; the entries'
text and the training posts are in every fold's training set, and only tuning questions are
scored). For each setting it prints the matcher's figures on the out-of-fold questions, with the
"answer outright" lead for each fold set just above the largest lead a wrong answer had in the
other folds, and the lead the whole set of folds gives; with --lead L ..., each fixed lead
instead (how the shipped LEARNED_LEAD was chosen: the lowest that adds no wrong answer).
--cv-misses LEAD: the tuning questions those fold scorers get wrong (first pick or confident wrong),
to read what the entries lack without the shipped scorer's memory of them.
"""

from __future__ import annotations

import argparse
import math
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
    LEARNED_WEIGHT,
    RANKER_LEAD,
    SCORER_FILE,
    KnowledgeBase,
    Outcome,
    load_knowledge_base,
)
from bot.features.faq.learned import (  # noqa: E402
    RIDGE,
    LearnedScorer,
    features_of,
    fit_scorer,
    training_set,
)

FOLDS = 5
SEED = 11
TARGET = ROOT / "templates" / "faq" / SCORER_FILE
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


def eligible_lead(kb: KnowledgeBase, question: Question) -> tuple[bool, float, bool]:
    """Whether the learned lead would decide this question, that lead, and if it would be wrong."""
    kb.outright_lead = math.inf
    verdict = kb.verdict(question.text)
    if verdict.outcome is not Outcome.AMBIGUOUS:
        return False, 0.0, False
    blended, learned = kb._blend(question.text, kb.reader.read(question.text))
    best = min(blended, key=lambda m: (-m.score, m.entry.id))
    if blended[0].entry.id != best.entry.id:
        return False, 0.0, False
    return True, kb.lead_of(learned, best.entry.id), best.entry.id not in question.right


Folded = list[tuple[str, Question, int]]  # (set name, question, the fold that holds it out)


def fold_scorers(
    kb: KnowledgeBase, ridge: float, posts: list[tuple[str, str]], uncovered: bool
) -> tuple[Folded, list[LearnedScorer]]:
    """The tuning questions with their folds, and per fold a scorer fitted without that fold."""
    flat = [(name, q) for name, qs in tuning_questions().items() for q in qs]
    folds = np.random.default_rng(SEED).permutation(len(flat)) % FOLDS
    folded = [(name, q, int(f)) for (name, q), f in zip(flat, folds, strict=True)]
    entry_texts, entry_labels = training_set(kb, [(t, e) for t, e in posts if e or uncovered])
    cache: dict[str, dict[str, float]] = {}

    def sample(text: str) -> dict[str, float]:
        if text not in cache:
            cache[text] = features_of(kb, text)
        return cache[text]

    scorers = []
    for k in range(FOLDS):
        train = labelled([q for _, q, f in folded if f != k])
        train = [(t, e) for t, e in train if e or uncovered]
        texts = entry_texts + [t for t, _ in train]
        labels = entry_labels + [e for _, e in train]
        scorers.append(
            LearnedScorer.fit([sample(t) for t in texts], labels, list(kb.entries), ridge=ridge)
        )
    return folded, scorers


def cross_validate(
    kb: KnowledgeBase,
    ridge: float,
    weight: float,
    margin: float,
    posts: list[tuple[str, str]],
    uncovered: bool,
    fixed_lead: float | None = None,
) -> tuple[dict[str, Scores], float]:
    kb.learned_weight = weight
    folded, scorers = fold_scorers(kb, ridge, posts, uncovered)
    leads = []
    for k, scorer in enumerate(scorers):
        kb.scorer = scorer
        leads.append([eligible_lead(kb, q) for _, q, f in folded if f == k])
    counts: dict[str, Counter[str]] = {name: Counter() for name, _, _ in folded}
    for k in range(FOLDS):
        wrong = [lead for j in range(FOLDS) if j != k for ok, lead, bad in leads[j] if ok and bad]
        learned_lead = max(wrong, default=0.0) + margin if fixed_lead is None else fixed_lead
        kb.scorer, kb.outright_lead = scorers[k], learned_lead
        for name, q, f in folded:
            if f == k:
                counts[name].update(judge(kb, q)[0])
    overall = max((lead for fold in leads for ok, lead, bad in fold if ok and bad), default=0.0)
    return {name: Scores(c) for name, c in counts.items()}, overall


def out_of_fold_misses(kb: KnowledgeBase, lead: float) -> None:
    """Print each tuning question (never a held-out one) the matcher gets wrong out of fold:
    first pick not right, or a confident wrong answer. The shipped scorer has seen every tuning
    question, so its own misses hide what the entries' words lack."""
    folded, scorers = fold_scorers(kb, RIDGE, training_posts(), uncovered=True)
    kb.outright_lead = lead
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
    parser.add_argument("--margin", type=float, nargs="*", default=[0.05])
    parser.add_argument("--ranker-lead", type=float, default=RANKER_LEAD)
    parser.add_argument(
        "--lead", type=float, nargs="*", default=[], help="with --cv: fixed outright leads to try"
    )
    parser.add_argument(
        "--cv-misses",
        type=float,
        metavar="LEAD",
        help="list the tuning questions missed out of fold at this outright lead",
    )
    parser.add_argument("--no-posts", action="store_true", help="cross-validate without the posts")
    parser.add_argument(
        "--no-uncovered", action="store_true", help="cross-validate without the uncovered texts"
    )
    args = parser.parse_args()
    kb = load_knowledge_base()
    if args.cv_misses is not None:
        out_of_fold_misses(kb, args.cv_misses)
        return 0
    if args.cv:
        kb.scorer = None
        kb.ranker_lead = args.ranker_lead
        show(
            "ranker alone (its weights were tuned on all of this data)",
            {name: Scores.of(kb, qs) for name, qs in tuning_questions().items()},
        )
        posts = [] if args.no_posts else training_posts()
        for ridge in args.ridge:
            for weight, margin in ((w, m) for w in args.weight for m in args.margin):
                for fixed in args.lead or [None]:
                    started = time.perf_counter()
                    results, lead = cross_validate(
                        kb, ridge, weight, margin, posts, not args.no_uncovered, fixed
                    )
                    took = time.perf_counter() - started
                    rule = f"margin {margin}" if fixed is None else f"fixed lead {fixed}"
                    show(
                        f"ridge {ridge}, weight {weight}, {rule}:"
                        f" lead over all folds {lead:.3f} ({took:.0f} s)",
                        results,
                    )
        return 0
    texts, labels = training_set(kb, fitting_questions())
    started = time.perf_counter()
    scorer = fit_scorer(kb, texts, labels)
    scorer.save(TARGET)
    print(
        f"fitted on {len(texts)} texts, {len(scorer.vocabulary)} features, "
        f"{time.perf_counter() - started:.1f} s -> {TARGET.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
