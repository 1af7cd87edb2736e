"""`hedgebot faq`: ask the FAQ a question from the command line and see how the matcher decides.

`--json` is a stable machine interface for tests and tools:
  hedgebot faq --json             -> {"entries": [{"id", "title", "topic"}, ...]}
  hedgebot faq "QUESTION" --json  -> {"verdict": "answer"|"choices"|"none"|"plan",
                                      "answer": id or null, "choices": [ids]}
  hedgebot faq - --json           -> one question per line on stdin, one such object per line out
"""

from __future__ import annotations

import argparse
import json
import sys

VERDICTS = {"clear": "answer", "ambiguous": "choices", "no_match": "none", "plan": "plan"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "question", nargs="*", help="the question ('-' reads one per line from stdin); none lists"
    )
    parser.add_argument("--top", type=int, default=3, help="how many ranked matches to show")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def verdict_json(question: str) -> dict[str, object]:
    """The contract: what the bot does with a question, as plain data."""
    from bot.features.faq.knowledge import Outcome, knowledge_base

    verdict = knowledge_base().verdict(question)
    ids = [m.entry.id for m in verdict.matches]
    return {
        "verdict": VERDICTS[verdict.outcome.value],
        "answer": ids[0] if verdict.outcome is Outcome.CLEAR else None,
        "choices": ids if verdict.outcome is Outcome.AMBIGUOUS else [],
    }


def run(args: argparse.Namespace) -> int:
    """Print the verdict, the ranked matches with scores and why, and the answer when clear."""
    from bot.features.faq.knowledge import knowledge_base

    kb = knowledge_base()
    question = " ".join(args.question).strip()
    if question == "-":
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(verdict_json(line.strip())) if args.json else line, flush=True)
                if not args.json:
                    explain(line.strip(), args.top)
        return 0
    if not question:
        if args.json:
            listed = [{"id": e.id, "title": e.title, "topic": e.topic} for e in kb.entries.values()]
            print(json.dumps({"entries": listed}))
            return 0
        for topic in kb.topics:
            print(topic.title)
            for entry in kb.in_topic(topic.id):
                print(f"  {entry.id:<22} {entry.title}")
        return 0
    if args.json:
        print(json.dumps(verdict_json(question)))
        return 0
    explain(question, args.top)
    return 0


def explain(question: str, top: int) -> None:
    """The verdict, the terms read from the question, and what each ranked entry matched."""
    from bot.features.faq.handlers import answer_text
    from bot.features.faq.knowledge import Outcome, knowledge_base
    from bot.features.faq.words import plain_text

    kb = knowledge_base()
    verdict, evidence = kb.assess(question)
    print(f"verdict: {verdict.outcome.value}")
    if evidence is not None and kb.confidence is not None:
        parts = kb.confidence.logit_parts(evidence)
        strongest = sorted(parts.items(), key=lambda item: -abs(item[1]))[:4]
        print(
            f"confidence in the first pick: {kb.confidence.chance(evidence):.0%}"
            f" (answered outright from {kb.confidence.threshold:.0%})"
            f"; pushes on the log-odds from the typical question's {kb.confidence.typical:.0%}: "
            + ", ".join(f"{name} {push:+.2f}" for name, push in strongest)
        )
    for match in kb.search(question, limit=max(top, 1)):
        learned = kb.learned_weight * match.learned
        share = learned / match.blended if match.blended > 0 else 0.0
        print(
            f"  {match.entry.id:<22} score {match.score:.2f}  evidence {match.evidence:.2f}"
            f"  coverage {match.coverage:.0%}  learned {match.learned:.2f}"
            f" ({share:.0%} of its ranking)  nearest {match.nearest:.2f}"
        )
    read = kb.reader.read(question)
    print("read as: " + ", ".join(f"{t} ×{w:.2f}" for t, w in read.unigrams.items()))
    for match in kb.search(question, limit=max(top, 1)):
        parts = kb.index.contributions(match.entry.id, read.terms)
        shown = sorted(parts.items(), key=lambda item: -item[1])[:6]
        print(f"  {match.entry.id} matched: " + ", ".join(f"{t} {v:.2f}" for t, v in shown))
    if verdict.outcome is Outcome.CLEAR:
        print()
        print(plain_text(answer_text(verdict.matches[0].entry)).strip())
