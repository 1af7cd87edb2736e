"""How likely the FAQ's first pick is to be right: a logistic model over the evidence for it.

The FAQ answers outright only when that chance clears a threshold, says nothing fits when it is
below a floor, and offers the closest entries as choices in between.
The model is fitted by benchmarks/faq_fit_scorer.py on out-of-fold evidence (every tuning question
and training post scored by a learned scorer fitted without it), so it learns how far the evidence
can be trusted on questions the scorer has not seen; it ships as templates/faq/confidence.toml.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import numpy as np

RIDGE = 1.0  # the logistic weights' L2 penalty, on standardised evidence
# Out of fold, at most this share of questions may get a wrong answer, at the lowest of the
# thresholds that allows it. The goal is 2% on new questions; a bound of 2% left no margin (held
# out, 2.03% at the threshold it chose).
MAX_WRONG_SHARE = 0.015
THRESHOLDS = tuple(round(0.5 + 0.01 * i, 2) for i in range(50))  # answered outright from one
FLOORS = tuple(round(0.05 * i, 2) for i in range(13))  # "nothing fits" below one of these


@dataclass(frozen=True)
class Evidence:
    """What the matcher knows about its first pick, read off the ranking of one question."""

    coverage: float  # share of the question's topic (by word rarity) found in the entry
    learned_score: float  # the learned scorer's score for it, about 1 on a question it was fit on
    learned_lead: float  # that score minus the best other entry's
    nothing_fits: float  # the learned scorer's score for no entry, about 1 on a text fit as such
    blended_lead: float  # its ranking score minus the runner-up's
    ranker_lead: float  # 1 - the best other BM25F score over its own (negative: not the best)
    named: bool  # the hand rules answer it: a rare name asked in full, or far ahead and covered
    is_name: bool  # the asking sentences are exactly one of its names
    name_rarity: float  # summed rarity of the entry's name phrase asked in full, 0 when none
    words: int  # the question's topic words
    asked_words: int  # the words of the sentences that ask
    unknown_share: float  # share of the question's weight on words no entry uses
    nearest: float  # cosine, by meaning, of the closest training text labelled with the entry
    nearest_lead: float  # that minus the closest text labelled otherwise (or with no entry)
    votes: float  # share of the closest training texts (learned.NEIGHBOURS) labelled with it

    def vector(self) -> list[float]:
        """The model's inputs: counts on a log scale, flags as 0 or 1."""
        counts = {"words", "asked_words"}
        return [
            math.log1p(value) if name in counts else float(value)
            for name, value in zip(EVIDENCE, astuple(self), strict=True)
        ]


EVIDENCE = tuple(f.name for f in fields(Evidence))


@dataclass(frozen=True)
class Confidence:
    """Logistic weights over standardised evidence, the chance needed to answer outright, and the
    chance below which nothing is offered."""

    intercept: float
    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float
    floor: float = 0.0
    trained_on: str = ""  # what the learned scorer was fitted on when this was fitted

    def logit_parts(self, evidence: Evidence) -> dict[str, float]:
        """Each piece of evidence's push on the log-odds, away from the average question."""
        return {
            name: w * (x - m) / s
            for name, w, x, m, s in zip(
                EVIDENCE, self.weights, evidence.vector(), self.means, self.scales, strict=True
            )
        }

    @property
    def typical(self) -> float:
        """The chance for a question whose evidence is the training average in every part."""
        return 1.0 / (1.0 + math.exp(-self.intercept))

    def chance(self, evidence: Evidence) -> float:
        """The estimated chance that the first pick is a right answer."""
        logit = self.intercept + sum(self.logit_parts(evidence).values())
        return 1.0 / (1.0 + math.exp(-logit))

    def answers(self, evidence: Evidence) -> bool:
        return self.chance(evidence) >= self.threshold

    def finds_nothing(self, evidence: Evidence) -> bool:
        return self.chance(evidence) < self.floor

    @classmethod
    def fit(
        cls,
        vectors: Sequence[Sequence[float]],
        right: Sequence[bool],
        threshold: float = 0.5,
        floor: float = 0.0,
        ridge: float = RIDGE,
        trained_on: str = "",
    ) -> Confidence:
        """L2-penalised logistic regression by Newton's method on standardised inputs (the
        intercept is not penalised)."""
        x = np.asarray(vectors, dtype=np.float64)
        y = np.asarray(right, dtype=np.float64)
        means = x.mean(axis=0)
        scales = x.std(axis=0)
        scales[scales == 0] = 1.0
        design = np.column_stack([np.ones(len(x)), (x - means) / scales])
        penalty = ridge * np.eye(design.shape[1])
        penalty[0, 0] = 0.0
        beta = np.zeros(design.shape[1])
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-design @ beta))
            gradient = design.T @ (y - p) - penalty @ beta
            hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
            step = np.linalg.solve(hessian, gradient)
            beta += step
            if np.max(np.abs(step)) < 1e-10:
                break
        return cls(
            float(beta[0]),
            tuple(beta[1:].tolist()),
            tuple(means.tolist()),
            tuple(scales.tolist()),
            threshold,
            floor,
            trained_on,
        )

    def save(self, path: Path, header: str = "") -> None:
        def listed(values: tuple[float, ...]) -> str:
            return "[" + ", ".join(repr(v) for v in values) + "]"

        lines = [f"# {line}" if line else "#" for line in header.splitlines()]
        lines += [
            f"evidence = [{', '.join(repr(n) for n in EVIDENCE)}]",
            f"intercept = {self.intercept!r}",
            f"weights = {listed(self.weights)}",
            f"means = {listed(self.means)}",
            f"scales = {listed(self.scales)}",
            f"threshold = {self.threshold!r}",
            f"floor = {self.floor!r}",
            f"trained_on = {self.trained_on!r}",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Confidence:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        if tuple(data["evidence"]) != EVIDENCE:
            raise ValueError(f"{path.name} weighs other evidence: refit it (faq_fit_scorer.py)")
        return cls(
            float(data["intercept"]),
            tuple(data["weights"]),
            tuple(data["means"]),
            tuple(data["scales"]),
            float(data["threshold"]),
            float(data["floor"]),
            str(data["trained_on"]),
        )


def lowest_safe_threshold(
    chances: Sequence[float], right: Sequence[bool], max_wrong_share: float = MAX_WRONG_SHARE
) -> float:
    """The lowest threshold at which the questions answered wrongly (chance at or above it, first
    pick not right) are at most that share of all questions; the highest one tried otherwise."""
    allowed = max_wrong_share * len(chances)
    for threshold in THRESHOLDS:
        wrong = sum(1 for c, ok in zip(chances, right, strict=True) if c >= threshold and not ok)
        if wrong <= allowed:
            return threshold
    return THRESHOLDS[-1]


def best_floor(chances: Sequence[float], offered: Sequence[bool], covered: Sequence[bool]) -> float:
    """The floor that, over these questions, gets the most of them a useful reply: a covered
    question whose right entry is among what it is offered, kept above the floor, or an uncovered
    one told that nothing fits, below it (the lowest such floor on a tie)."""

    def useful(floor: float) -> int:
        return sum(
            (c >= floor and found) if has_entry else (c < floor)
            for c, found, has_entry in zip(chances, offered, covered, strict=True)
        )

    return max(FLOORS, key=lambda floor: (useful(floor), -floor))
