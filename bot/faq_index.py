"""BM25F ranking over FAQ fields, with fuzzy repair of misspelt query terms."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.faq_text import CANONICAL

K1 = 1.2
BIGRAM_WEIGHT = 0.6  # a matched phrase adds to its words, but less than a new word would
FUZZY_CUTOFF = 84  # rapidfuzz ratio at which an unknown word counts as a typo of a known one
MIN_FUZZY_LENGTH = 4


@dataclass(frozen=True)
class FieldSpec:
    """How much a field counts and how strongly its length is normalised."""

    weight: float
    length_norm: float


FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(weight=3.0, length_norm=0.3),
    "keywords": FieldSpec(weight=1.5, length_norm=0.3),
    "answer": FieldSpec(weight=0.2, length_norm=0.75),
}


@dataclass
class Bm25Index:
    """Per-document, per-field term counts and the statistics BM25F needs."""

    doc_ids: list[str]
    counts: dict[str, dict[str, Counter[str]]]  # doc -> field -> term counts
    lengths: dict[str, dict[str, int]]
    average_length: dict[str, float]
    document_frequency: Counter[str]
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, documents: Mapping[str, Mapping[str, Sequence[str]]]) -> Bm25Index:
        """Index documents given as doc id -> field name -> terms."""
        counts = {d: {f: Counter(fields.get(f, ())) for f in FIELDS} for d, fields in documents.items()}
        lengths = {d: {f: sum(c.values()) for f, c in fc.items()} for d, fc in counts.items()}
        n = max(len(counts), 1)
        average = {f: max(sum(lengths[d][f] for d in counts) / n, 1.0) for f in FIELDS}
        frequency: Counter[str] = Counter()
        for field_counts in counts.values():
            frequency.update(set().union(*(c.keys() for c in field_counts.values())))
        vocabulary = sorted(t for t in frequency if " " not in t and not t.startswith(CANONICAL))
        return cls(list(counts), counts, lengths, average, frequency, vocabulary)

    def idf(self, term: str) -> float:
        """Robertson-Sparck Jones weight, never negative."""
        n, df = len(self.doc_ids), self.document_frequency.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def repair(self, terms: Sequence[str]) -> list[tuple[str, float]]:
        """Each query term with a weight; unknown words map to their closest known word."""
        from rapidfuzz import fuzz, process

        repaired: list[tuple[str, float]] = []
        for term in terms:
            if term in self.document_frequency or term.startswith(CANONICAL):
                repaired.append((term, 1.0))
                continue
            best = None
            if len(term) >= MIN_FUZZY_LENGTH and not term.isdigit():
                best = process.extractOne(
                    term, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
            if best is None:
                repaired.append((term, 1.0))  # unknown: counts against confidence only
            else:
                repaired.append((best[0], best[1] / 100))
        return repaired

    def weighted_frequency(self, doc: str, term: str) -> float:
        """BM25F pseudo-frequency: field counts weighted and length-normalised."""
        total = 0.0
        for name, spec in FIELDS.items():
            count = self.counts[doc][name].get(term, 0)
            if count:
                norm = 1 - spec.length_norm + spec.length_norm * (
                    self.lengths[doc][name] / self.average_length[name]
                )
                total += spec.weight * count / norm
        return total

    def scores(self, query: Sequence[tuple[str, float]]) -> tuple[dict[str, float], float]:
        """Score per document, and the best score any document could get for this query."""
        result = dict.fromkeys(self.doc_ids, 0.0)
        ceiling = 0.0
        for term, weight in query:
            factor = weight * (BIGRAM_WEIGHT if " " in term else 1.0)
            idf = self.idf(term)
            ceiling += factor * idf
            if term not in self.document_frequency:
                continue
            for doc in self.doc_ids:
                tf = self.weighted_frequency(doc, term)
                if tf:
                    result[doc] += factor * idf * tf / (K1 + tf)
        return result, ceiling
