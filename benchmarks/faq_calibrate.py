"""The FAQ's confidence model, fitted on out-of-fold evidence (see faq_fit_scorer.py).

Each tuning question and training post is ranked by a learned scorer fitted without it; the
evidence for its first pick, and whether that pick is right, are what the model learns from.
Its threshold must also hold forward (faq_forward.py): on each recent batch's tune half ranked by a
scorer fitted only on what came before it. Random folds let a question be ranked by a scorer that
saw posts written after reading it, so they let more wrong answers through than new questions get.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from benchmarks.faq_fit_scorer import FOLDS, fold_scorers, labelled, training_posts
from benchmarks.faq_forward import batches
from bot.features.faq.confidence import (
    MAX_WRONG_SHARE,
    Confidence,
    Evidence,
    best_floor,
    lowest_safe_threshold,
)
from bot.features.faq.evaluation import Question
from bot.features.faq.knowledge import KnowledgeBase, Outcome
from bot.features.faq.learned import RIDGE, LearnedScorer, features_of, own_rows, training_set

POST_SEED = 5
CHANCE_SEED = 1
SHOWN_THRESHOLDS = (0.8, 0.85, 0.9, 0.95)
# the floor is chosen on real questions, and the threshold must hold on them: the posts and
# paraphrases were written by us, to be answered
REAL = "real tune"


@dataclass(frozen=True)
class Sample:
    """One question's out-of-fold evidence for its first pick."""

    source: str  # "real tune", "para dev", "para dev2" or "posts"
    text: str
    evidence: Evidence
    right: bool  # the first pick answers it
    ruled_right: bool | None  # what the hand rules alone would have answered: right, wrong, None
    covered: bool  # some entry answers it
    offered: bool  # a right entry is among the choices it would be offered
    ruled_nothing: bool  # the hand rules alone would have said nothing fits


def _sample(kb: KnowledgeBase, source: str, question: Question) -> Sample | None:
    verdict, evidence = kb.assess(question.text)
    if evidence is None or verdict.outcome is Outcome.PLAN:
        return None
    first = kb.search(question.text, limit=1)[0].entry.id
    ruled = verdict.matches[0].entry.id if verdict.outcome is Outcome.CLEAR else None
    return Sample(
        source,
        question.text,
        evidence,
        first in question.right | question.acceptable,
        None if ruled is None else ruled in question.right | question.acceptable,
        question.covered,
        bool(question.right & {m.entry.id for m in kb.closest(question.text)}),
        verdict.outcome is Outcome.NO_MATCH,
    )


def out_of_fold_samples(kb: KnowledgeBase) -> list[Sample]:
    """Evidence for every tuning question and training post, each from a scorer that never saw
    it, weighed by the hand rules alone (no confidence model)."""
    kb.confidence = None
    posts = training_posts()
    samples: list[Sample] = []
    folded, scorers = fold_scorers(kb, RIDGE, posts, uncovered=True)
    for k, scorer in enumerate(scorers):
        kb.scorer = scorer
        samples.extend(s for name, q, f in folded if f == k if (s := _sample(kb, name, q)))
    tuning = labelled([q for _, q, _ in folded])
    entry_texts, entry_labels = training_set(kb, tuning)
    folds = np.random.default_rng(POST_SEED).permutation(len(posts)) % FOLDS
    cache: dict[str, dict[str, float]] = {}
    own = own_rows(kb)
    for k in range(FOLDS):
        train = [post for post, f in zip(posts, folds, strict=True) if f != k]
        texts = entry_texts + [t for t, _ in train]
        labels = entry_labels + [e for _, e in train]
        kb.scorer = LearnedScorer.fit(
            [cache.get(t) or cache.setdefault(t, features_of(kb, t)) for t in texts],
            labels,
            list(kb.entries),
            own_rows=own,
        )
        for (text, entry_id), f in zip(posts, folds, strict=True):
            question = Question(text, frozenset({entry_id} - {""}), expected=entry_id)
            if f == k and (s := _sample(kb, "posts", question)):
                samples.append(s)
    return samples


def forward_samples(kb: KnowledgeBase) -> list[Sample]:
    """Evidence for each recent batch's tune questions, ranked by a scorer fitted only on what
    came before the batch, weighed by the hand rules alone."""
    kb.confidence = None
    samples: list[Sample] = []
    for _, questions, scorer in batches(kb):
        kb.scorer = scorer
        samples.extend(s for q in questions if (s := _sample(kb, "forward", q)))
    return samples


def fitted_on(samples: list[Sample], floor: float = 0.0, trained_on: str = "") -> Confidence:
    """A confidence model fitted on the samples' evidence and whether each first pick was right."""
    return Confidence.fit(
        [s.evidence.vector() for s in samples],
        [s.right for s in samples],
        floor=floor,
        trained_on=trained_on,
    )


def out_of_fold_chances(samples: list[Sample]) -> list[float]:
    """Each sample's chance from a confidence model fitted on the other folds."""
    folds = np.random.default_rng(CHANCE_SEED).permutation(len(samples)) % FOLDS
    chances = [0.0] * len(samples)
    for k in range(FOLDS):
        train = [s for s, f in zip(samples, folds, strict=True) if f != k]
        model = fitted_on(train)
        for i, (s, f) in enumerate(zip(samples, folds, strict=True)):
            if f == k:
                chances[i] = model.chance(s.evidence)
    return chances


def calibrate(kb: KnowledgeBase, trained_on: str) -> tuple[Confidence, str]:
    """The confidence model fitted on all out-of-fold samples with the threshold chosen out of
    fold, and a report of what it and the hand rules answer out of fold."""
    shipped_scorer = kb.scorer
    samples = out_of_fold_samples(kb)
    forward = forward_samples(kb)
    kb.scorer = shipped_scorer
    chances = out_of_fold_chances(samples)
    real = [i for i, s in enumerate(samples) if s.source == REAL]
    floor = best_floor(
        [chances[i] for i in real],
        [samples[i].offered for i in real],
        [samples[i].covered for i in real],
    )
    model = fitted_on(samples, floor, trained_on)
    # the recent batches' tune questions are among the samples too, with evidence from random
    # folds: judged forward, they must meet a model that never learned from them
    asked_forward = {s.text for s in forward}
    forward_model = fitted_on([s for s in samples if s.text not in asked_forward])
    forward_chances = [forward_model.chance(s.evidence) for s in forward]
    # the bound must hold on the real questions too, not only on a pool the posts outnumber,
    # and forward, on new questions
    threshold = max(
        lowest_safe_threshold(chances, [s.right for s in samples]),
        lowest_safe_threshold([chances[i] for i in real], [samples[i].right for i in real]),
        lowest_safe_threshold(forward_chances, [s.right for s in forward]),
    )
    model = replace(model, threshold=threshold)
    lines = [
        f"Fitted on {len(samples)} out-of-fold samples; threshold {threshold} is",
        f"the lowest at which at most {MAX_WRONG_SHARE:.1%} of them, of the real tuning questions",
        "among them, and of the recent batches' tune questions judged forward",
        "(faq_forward.py), get a wrong answer. Below the",
        f"floor {floor}, nothing fits: the floor that gives the most real tuning questions a",
        "useful reply out of fold (a right entry among the choices, or no answer where none is).",
        "Out of fold (forward: the recent batches judged forward), useful replies of covered /",
        "uncovered questions (rules, then floor):",
    ]
    reported: dict[str, list[tuple[Sample, float]]] = {}
    for sample, chance in zip(samples + forward, chances + forward_chances, strict=True):
        reported.setdefault(sample.source, []).append((sample, chance))
    for source, rows in sorted(reported.items()):
        covered = [(s, c) for s, c in rows if s.covered]
        uncovered = [(s, c) for s, c in rows if not s.covered]
        ruled = sum(s.offered and not s.ruled_nothing for s, _ in covered)
        kept = sum(s.offered and c >= floor for s, c in covered)
        lines.append(
            f"  {source:<9} covered {ruled} / {kept} of {len(covered)};"
            f" nothing fits {sum(s.ruled_nothing for s, _ in uncovered)}"
            f" / {sum(c < floor for _, c in uncovered)} of {len(uncovered)}"
        )
    lines.append("Out of fold, answered outright right / wrong (asked):")
    for source, rows in sorted(reported.items()):
        ruled = Counter(s.ruled_right for s, _ in rows)
        cells = [f"rules {ruled[True]}/{ruled[False]}"]
        for shown in sorted({*SHOWN_THRESHOLDS, threshold}):
            answered = [s.right for s, c in rows if c >= shown]
            cells.append(f"{shown}: {sum(answered)}/{len(answered) - sum(answered)}")
        lines.append(f"  {source:<9} ({len(rows)}) " + "  ".join(cells))
    return model, "\n".join(lines)
