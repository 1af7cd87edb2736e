"""A learned scorer for the FAQ: TF-IDF over the matcher's terms and word-bounded character
n-grams, the question's sentence embedding (meaning.py), and a one-vs-rest ridge classifier,
pure numpy. It keeps the embeddings of the texts it was fitted on too, so that it can tell, per
entry, how close by meaning the nearest of them is to a new question.

It is fitted by benchmarks/faq_fit_scorer.py on the entries' own text, the tuning questions (never
the held-out ones) and the training posts written for it (tests/data/faq_training_posts.toml), and
shipped as templates/faq/scorer.npz; the bot only loads it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.features.faq.meaning import encoder
from bot.features.faq.words import SENTENCE, plain_text, tokens

if TYPE_CHECKING:
    from bot.features.faq.knowledge import KnowledgeBase

CHAR_SIZES = (3, 4, 5)
RIDGE = 2.0  # the classifier's regularisation, chosen by cross-validation on the tuning data
CHAR_BLOCK = 1.0  # the character n-grams' weight beside the terms' (each block has unit length)
MEANING_BLOCK = 2.0  # the sentence embedding's weight, chosen by cross-validation (1, 2, 3 tried)
MEANING = "m:"  # the prefix of the sentence embedding's features
# A kernel on the embeddings beside the linear one, exp((cosine - 1) / KERNEL_WIDTH) per training
# text: it lets two questions that mean the same thing count for more than their cosine alone
# gives. Weight and width chosen by cross-validation on the tuning data (docs/faq-rounds.md).
KERNEL = 3.0
KERNEL_WIDTH = 0.3
BLOCKS = (("w:", 1.0), ("c:", CHAR_BLOCK), (MEANING, MEANING_BLOCK))


def features(terms: Mapping[str, float], text: str) -> dict[str, float]:
    """The matcher's weighted terms (and their bigrams), the text's character n-grams, each
    word padded with spaces so n-grams do not cross words, and its sentence embedding."""
    found = {"w:" + t: w for t, w in terms.items()}
    for token in tokens(text):
        padded = f" {token} "
        for n in CHAR_SIZES:
            for i in range(len(padded) - n + 1):
                key = "c:" + padded[i : i + n]
                found[key] = found.get(key, 0.0) + 1.0
    for i, value in enumerate(encoder().embed(text).tolist()):
        found[f"{MEANING}{i}"] = value
    return found


NEIGHBOURS = 10  # the closest training texts whose labels vote, for the confidence model


def _embedding(sample: Mapping[str, float]) -> np.ndarray:
    return np.array([v for k, v in sample.items() if k.startswith(MEANING)], np.float32)


def _neighbours(
    embeddings: Sequence[np.ndarray], labels: Sequence[str]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The texts' embeddings sorted by label, for nearest neighbours; a text fitted under more
    than one label (a keyword two entries share, like "premium") is left out, since being close
    to it says nothing about which entry is meant."""
    labels_of: dict[bytes, set[str]] = {}
    for embedding, label in zip(embeddings, labels, strict=True):
        labels_of.setdefault(embedding.tobytes(), set()).add(label)
    kept = sorted(
        (row for row, e in enumerate(embeddings) if len(labels_of[e.tobytes()]) == 1),
        key=lambda row: labels[row],
    )
    return np.array([embeddings[row] for row in kept], np.float32), tuple(labels[r] for r in kept)


def _kernel(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Each pair's closeness by meaning, 1 for the same text, falling fast as the cosine drops."""
    return np.exp((left @ right.T - 1.0) / KERNEL_WIDTH).astype(np.float32)


def fingerprint(texts: Sequence[str], labels: Sequence[str]) -> str:
    """What a scorer was fitted on, so a test can tell stale weights from current ones."""
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class LearnedScores:
    """One text's scores: per entry, and for "no entry answers it"."""

    entries: dict[str, float]
    nothing_fits: float
    nearest: dict[str, float] = field(default_factory=dict)  # per entry ("" none): best cosine
    # per entry: its share of the NEIGHBOURS closest training texts
    votes: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class LearnedScorer:
    """Ridge weights per feature and entry: a question's score for an entry is its TF-IDF
    vector (each block L2-normalised) times that entry's column. One more column, fitted to the
    texts no entry answers, scores "nothing fits"."""

    ids: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # per feature
    weights: np.ndarray  # feature x (entry, then nothing fits)
    trained_on: str  # fingerprint() of the training set
    examples: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    example_labels: tuple[str, ...] = ()  # the entry id (or "") of each row of examples
    anchors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    anchor_weights: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))

    @classmethod
    def fit(
        cls,
        samples: Sequence[dict[str, float]],
        labels: Sequence[str],
        ids: Sequence[str],
        trained_on: str = "",
        ridge: float = RIDGE,
        kernel: float = KERNEL,
        own_rows: int = 0,
    ) -> LearnedScorer:
        """Fit on feature dicts (from features()) labelled with entry ids, or "" for a text no
        entry answers (its target is 0 for every entry and 1 for nothing fits), in the dual form:
        dual = (K + ridge I)^-1 Y with K = X X' plus the embeddings' kernel, cheap while samples
        are far fewer than features; the linear part folds into weights = X' dual. The first
        own_rows samples are the entries' own text (training_set() puts it first): a bare keyword
        is a label, not a way of asking, so the kernel leaves them out."""
        frequency: dict[str, int] = {}
        for sample in samples:
            for key in sample:
                frequency[key] = frequency.get(key, 0) + 1
        vocabulary = {key: i for i, key in enumerate(frequency)}
        n = len(samples)
        idf = np.array([math.log((1 + n) / (1 + df)) + 1 for df in frequency.values()], np.float32)
        scorer = cls(tuple(ids), vocabulary, idf, np.zeros((0, 0), np.float32), trained_on)
        x = np.zeros((n, len(vocabulary)), np.float32)
        for row, sample in zip(x, samples, strict=True):
            scorer._fill(row, sample)
        column = {entry_id: i for i, entry_id in enumerate(ids)}
        y = np.zeros((n, len(ids) + 1), np.float32)
        answered = [row for row, label in enumerate(labels) if label]
        y[answered, [column[labels[row]] for row in answered]] = 1.0
        y[[row for row, label in enumerate(labels) if not label], len(ids)] = 1.0
        embeddings = [_embedding(sample) for sample in samples]
        anchors = np.array(embeddings[own_rows:], np.float32)
        gram = x @ x.T
        with_kernel = bool(kernel) and anchors.ndim == 2 and anchors.size > 0
        if with_kernel:
            gram[own_rows:, own_rows:] += kernel * _kernel(anchors, anchors)
        dual = np.linalg.solve(gram + ridge * np.eye(n, dtype=np.float32), y)
        examples, example_labels = _neighbours(embeddings, labels)
        scorer = cls(tuple(ids), vocabulary, idf, x.T @ dual, trained_on, examples, example_labels)
        if not with_kernel:
            return scorer
        return replace(scorer, anchors=anchors, anchor_weights=kernel * dual[own_rows:])

    def _vector(self, sample: Mapping[str, float]) -> tuple[list[int], np.ndarray]:
        """Feature indices and TF-IDF values, each block (terms, n-grams) of unit length; every
        feature must be in the vocabulary."""
        indices: list[int] = []
        parts = []
        for block, weight in BLOCKS:
            known = [(self.vocabulary[k], v) for k, v in sample.items() if k.startswith(block)]
            if not known:
                continue
            idx = [i for i, _ in known]
            values = np.array([v for _, v in known], np.float32) * self.idf[idx]
            indices.extend(idx)
            parts.append(weight * values / np.linalg.norm(values))
        return indices, np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def _fill(self, row: np.ndarray, sample: Mapping[str, float]) -> None:
        indices, values = self._vector(sample)
        row[indices] = values

    def scores(self, sample: Mapping[str, float]) -> LearnedScores:
        """The classifier's score per entry (about 1 for a training question's own entry), and
        for nothing fits (about 1 for a training text no entry answers)."""
        known = {k: v for k, v in sample.items() if k in self.vocabulary}
        indices, values = self._vector(known)
        if not indices:
            return LearnedScores(dict.fromkeys(self.ids, 0.0), 0.0)
        raw = values @ self.weights[indices].astype(np.float32)
        embedding = _embedding(sample)
        if len(self.anchors) and embedding.size:
            raw += _kernel(embedding[None], self.anchors)[0] @ self.anchor_weights
        *result, nothing = raw.tolist()
        nearest, votes = self._nearest(embedding)
        return LearnedScores(dict(zip(self.ids, result, strict=True)), nothing, nearest, votes)

    def _nearest(self, embedding: np.ndarray) -> tuple[dict[str, float], dict[str, float]]:
        """Per label, the cosine of the closest training text to this embedding; and the share
        of the NEIGHBOURS closest texts that carry it."""
        if not len(self.examples) or not embedding.size:
            return {}, {}
        cosines = self.examples @ embedding
        labels, starts = self._label_runs
        nearest = dict(zip(labels, np.maximum.reduceat(cosines, starts).tolist(), strict=True))
        closest = np.argpartition(-cosines, min(NEIGHBOURS, len(cosines)) - 1)[:NEIGHBOURS]
        run = np.searchsorted(starts, closest, side="right") - 1
        counts = np.bincount(run, minlength=len(labels)) / len(closest)
        return nearest, {labels[i]: float(counts[i]) for i in np.flatnonzero(counts)}

    @cached_property
    def _label_runs(self) -> tuple[list[str], np.ndarray]:
        """The labels of examples, which fit() sorts by label, and where each one's rows start."""
        labels, starts = np.unique(np.array(self.example_labels), return_index=True)
        return labels.tolist(), starts

    def save(self, path: Path) -> None:
        keys = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            ids=np.array(self.ids),
            vocabulary=np.array(keys),
            idf=self.idf,
            weights=self.weights.astype(np.float16),
            trained_on=np.array(self.trained_on),
            examples=self.examples.astype(np.float16),
            example_labels=np.array(self.example_labels),
            anchors=self.anchors.astype(np.float16),
            anchor_weights=self.anchor_weights,
        )

    @classmethod
    def load(cls, path: Path) -> LearnedScorer:
        with np.load(path, allow_pickle=False) as data:
            if data["weights"].shape[1] != len(data["ids"]) + 1:
                raise ValueError(f"{path.name} has no nothing-fits column: refit it")
            keys = data["vocabulary"].tolist()
            return cls(
                tuple(data["ids"].tolist()),
                {key: i for i, key in enumerate(keys)},
                data["idf"],
                data["weights"],
                str(data["trained_on"]),
                data["examples"].astype(np.float32),
                tuple(data["example_labels"].tolist()),
                *(data[k].astype(np.float32) for k in ("anchors", "anchor_weights") if k in data),
            )


def training_set(
    kb: KnowledgeBase, questions: Iterable[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """Texts and entry ids to fit on: each entry's title, keywords and answer sentences, and the
    given (question, entry id or "" for none) pairs, which must be tuning or training data only."""
    texts: list[str] = []
    labels: list[str] = []
    for entry in kb.entries.values():
        own = [
            entry.title,
            *entry.keywords,
            *(p for p in SENTENCE.split(plain_text(entry.answer)) if p.strip()),
        ]
        texts.extend(own)
        labels.extend([entry.id] * len(own))
    for text, entry_id in questions:
        texts.append(text)
        labels.append(entry_id)
    return texts, labels


def read_ahead(texts: Iterable[str]) -> None:
    """Embed texts in batches before features() reads them one by one."""
    encoder().embed_many(texts)


def fit_scorer(kb: KnowledgeBase, texts: Sequence[str], labels: Sequence[str]) -> LearnedScorer:
    """A scorer fitted on the texts, read by the knowledge base's own question reader."""
    read_ahead(texts)
    samples = [features_of(kb, text) for text in texts]
    return LearnedScorer.fit(
        samples, labels, list(kb.entries), fingerprint(texts, labels), own_rows=own_rows(kb)
    )


def own_rows(kb: KnowledgeBase) -> int:
    """How many of training_set()'s first rows are the entries' own text."""
    return len(training_set(kb, [])[0])


def features_of(kb: KnowledgeBase, text: str) -> dict[str, float]:
    """A text's features as the knowledge base reads it."""
    return features(kb.reader.read(text).terms, text)
