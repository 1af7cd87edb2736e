"""BM25F ranking over the FAQ's fields: title, keywords and answer, each weighted."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

K1 = 2.0
UNKNOWN_RARITY = 1.0  # a word no entry uses weighs as much as the rarest known one in coverage
BIGRAM_WEIGHT = 0.5  # a matched phrase adds to its words, but less than a new word would


@dataclass(frozen=True)
class FieldSpec:
    """How much a field counts and how strongly its length is normalised."""

    weight: float
    length_norm: float


FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(weight=2.0, length_norm=0.9),
    "keywords": FieldSpec(weight=2.0, length_norm=0.3),
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
    postings: dict[str, list[str]]  # term -> the documents that hold it, in index order

    @classmethod
    def build(cls, documents: Mapping[str, Mapping[str, Sequence[str]]]) -> Bm25Index:
        """Index documents given as doc id -> field name -> terms."""
        counts = {
            d: {f: Counter(fields.get(f, ())) for f in FIELDS} for d, fields in documents.items()
        }
        lengths = {d: {f: sum(c.values()) for f, c in fc.items()} for d, fc in counts.items()}
        n = max(len(counts), 1)
        average = {f: max(sum(lengths[d][f] for d in counts) / n, 1.0) for f in FIELDS}
        frequency: Counter[str] = Counter()
        postings: dict[str, list[str]] = {}
        for doc, field_counts in counts.items():
            held = set().union(*(c.keys() for c in field_counts.values()))
            frequency.update(held)
            for term in held:
                postings.setdefault(term, []).append(doc)
        return cls(list(counts), counts, lengths, average, frequency, postings)

    def idf(self, term: str) -> float:
        """Robertson-Sparck Jones weight, never negative."""
        n, df = len(self.doc_ids), self.document_frequency.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def weighted_frequency(self, doc: str, term: str) -> float:
        """BM25F pseudo-frequency: field counts weighted and length-normalised."""
        total = 0.0
        for name, spec in FIELDS.items():
            count = self.counts[doc][name].get(term, 0)
            if count:
                norm = (
                    1
                    - spec.length_norm
                    + spec.length_norm * (self.lengths[doc][name] / self.average_length[name])
                )
                total += spec.weight * count / norm
        return total

    def scores(self, query: Mapping[str, float]) -> tuple[dict[str, float], float]:
        """Score per document for weighted terms, and the query's total weight (a bound no
        score reaches). A term no document holds still adds to the bound: a question about
        something the base never mentions stays far from every entry."""
        result = dict.fromkeys(self.doc_ids, 0.0)
        ceiling = 0.0
        for term, weight in query.items():
            factor = weight * (BIGRAM_WEIGHT if " " in term else 1.0)
            idf = self.idf(term)
            ceiling += factor * idf
            for doc in self.postings.get(term, ()):
                tf = self.weighted_frequency(doc, term)
                result[doc] += factor * idf * tf / (K1 + tf)
        return result, ceiling

    def contributions(self, doc: str, query: Mapping[str, float]) -> dict[str, float]:
        """What each query term adds to one document's score: the "why" of a ranking."""
        parts = {}
        for term, weight in query.items():
            tf = self.weighted_frequency(doc, term) if term in self.document_frequency else 0.0
            if tf:
                factor = weight * (BIGRAM_WEIGHT if " " in term else 1.0)
                parts[term] = factor * self.idf(term) * tf / (K1 + tf)
        return parts

    def coverage_of(self, unigrams: Mapping[str, float]) -> Callable[[str], float]:
        """Per document, the share of the question's topic (by weight and rarity of its words)
        it holds; the rarities are worked out once for every document."""
        unknown = UNKNOWN_RARITY * self.idf("")  # "": a term no document holds
        weighed = [
            (
                w * (self.idf(t) if t in self.document_frequency else unknown),
                set(self.postings.get(t, ())),
            )
            for t, w in unigrams.items()
        ]
        total = sum(w for w, _ in weighed)

        def share(doc: str) -> float:
            held = sum(w for w, holders in weighed if doc in holders)
            return held / total if total else 0.0

        return share
