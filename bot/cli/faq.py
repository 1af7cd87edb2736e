"""`hedgebot faq`: ask the FAQ a question from the command line and see how the matcher decides."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="*", help="the question; none lists every entry")
    parser.add_argument("--top", type=int, default=3, help="how many ranked matches to show")


def run(args: argparse.Namespace) -> int:
    """Print the verdict, the ranked matches with scores, and the answer when it is clear."""
    from bot.features.faq.handlers import answer_text
    from bot.features.faq.knowledge import Outcome, knowledge_base
    from bot.features.faq.words import plain_text

    kb = knowledge_base()
    question = " ".join(args.question).strip()
    if not question:
        for topic in kb.topics:
            print(topic.title)
            for entry in kb.in_topic(topic.id):
                print(f"  {entry.id:<22} {entry.title}")
        return 0
    verdict = kb.verdict(question)
    print(f"verdict: {verdict.outcome.value}")
    for match in kb.search(question, limit=max(args.top, 1)):
        print(
            f"  {match.entry.id:<22} score {match.score:.2f}  evidence {match.evidence:.2f}"
            f"  coverage {match.coverage:.0%}"
        )
    if verdict.outcome is Outcome.CLEAR:
        print()
        print(plain_text(answer_text(verdict.matches[0].entry)).strip())
    return 0
