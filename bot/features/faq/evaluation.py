"""How well the matcher does on a set of questions: the five measures issue 11 names.

Shared by benchmarks/faq_eval.py (which prints them) and the tests (which hold the goals).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.features.faq.knowledge import KnowledgeBase, Outcome


@dataclass(frozen=True)
class Question:
    """One question to judge: its words, the entries that answer it ("" none), and its kind."""

    text: str
    right: frozenset[str]  # empty: nothing in the base covers it
    plan: bool = False  # it names a holding and asks how to hedge it
    expected: str = ""  # the one entry it was labelled with (right may hold others); "" none
    acceptable: frozenset[str] = frozenset()  # a plan request's entries that may answer it too

    @property
    def covered(self) -> bool:
        return bool(self.right)


def judge(kb: KnowledgeBase, question: Question) -> tuple[set[str], str]:
    """The tallies one question adds to, and a one-line account of what the bot did."""
    verdict = kb.verdict(question.text)
    ids = [m.entry.id for m in verdict.matches]
    ranked = [m.entry.id for m in kb.search(question.text, limit=3)]
    kind = "covered" if question.covered else "plan" if question.plan else "uncovered"
    tallies = {kind}
    if question.covered and ranked[:1] and ranked[0] in question.right:
        tallies.add("first pick right")
    if verdict.outcome is Outcome.CLEAR and ids[0] not in question.right | question.acceptable:
        tallies.add("confident wrong")
    elif verdict.outcome is Outcome.CLEAR:
        tallies.add("answered right")
    if verdict.outcome in (Outcome.CLEAR, Outcome.AMBIGUOUS) and question.right & set(ids):
        tallies.add("among choices")
    if verdict.outcome is Outcome.NO_MATCH:
        tallies.add("no answer" if kind == "uncovered" else "nothing offered")
    if verdict.outcome is Outcome.PLAN:
        tallies.add("to planner")
    return tallies, f"{verdict.outcome.value:<9} {ids} ranked {ranked}"


@dataclass(frozen=True)
class Scores:
    """Counts over a set of questions; the shares are over the questions each measure concerns."""

    counts: Counter[str]

    @classmethod
    def of(cls, kb: KnowledgeBase, questions: Iterable[Question]) -> Scores:
        counts: Counter[str] = Counter()
        for question in questions:
            counts.update(judge(kb, question)[0])
        return cls(counts)

    @property
    def covered(self) -> int:
        return self.counts["covered"]

    @property
    def asked(self) -> int:
        return self.counts["covered"] + self.counts["uncovered"] + self.counts["plan"]

    def share(self, tally: str) -> float:
        """A tally's share of the questions it is measured on."""
        if tally in ("first pick right", "answered right", "among choices"):
            whole = self.covered  # only covered questions can be answered right
        elif tally == "no answer":
            whole = self.counts["uncovered"]
        elif tally == "to planner":
            whole = self.counts["plan"]
        else:
            whole = self.asked
        return self.counts[tally] / whole if whole else 0.0
