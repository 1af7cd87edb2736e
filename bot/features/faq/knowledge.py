"""The FAQ knowledge base: entries loaded from templates/faq/, ranked answers to free questions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bot.features.faq.index import Bm25Index
from bot.features.faq.words import QuestionReader, Thesaurus, terms, tokens, with_bigrams
from bot.ui.render import templates_dir
from hedging.language.holdings import parse_holdings

DEEP_LINK_PREFIX = "faq_"
EntryId = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]

# Decision thresholds, tuned on the dev and dev2 paraphrases and a few off-topic questions.
MIN_EVIDENCE = 0.3  # BM25 score below which nothing in the base speaks to the question
CLEAR_EVIDENCE = 0.6  # below this even a lone or leading match is offered as a choice, not answered
MIN_COVERAGE = 0.3  # about a third of the question's words must appear in the best entry
CLEAR_COVERAGE = 0.5  # and half of them to answer without asking
CLEAR_LEAD = 1.25  # the best entry must beat the runner-up by this factor to be "clear"
FUZZY_WEIGHT = 0.2  # how much a close fuzzy match of the whole question to a title/keyword adds
CHOICE_SHARE = 0.55  # runners-up offered as buttons score at least this share of the best
GENERAL_SCORE = 1.0  # a question about hedging in general: the general entry, as a clear answer
MAX_CHOICES = 3


class Topic(BaseModel):
    """A group of entries shown as one button in /faq."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: EntryId
    title: str
    entries: Annotated[tuple[EntryId, ...], Field(min_length=1)]


class Entry(BaseModel):
    """One question and its answer (Telegram HTML)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: EntryId
    title: Annotated[str, Field(min_length=2, max_length=60)]
    topic: str
    keywords: tuple[str, ...]
    related: tuple[EntryId, ...]
    decision: bool
    answer: Annotated[str, Field(min_length=50)]


class Outcome(StrEnum):
    CLEAR = "clear"
    AMBIGUOUS = "ambiguous"
    NO_MATCH = "no_match"
    PLAN = "plan"


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float  # ranking score: relevance plus fuzzy closeness to a title or keyword
    evidence: float  # the BM25F part alone: how much of the question's wording the entry shares
    coverage: float  # share of the question's words found anywhere in the entry, 0..1


@dataclass(frozen=True)
class Verdict:
    """What to do with a question: answer one entry, offer a few, or say nothing matched."""

    outcome: Outcome
    matches: tuple[Match, ...]


class KnowledgeBase:
    """Entries, topics and a BM25F index over title, keywords and answer."""

    def __init__(
        self,
        entries: list[Entry],
        topics: list[Topic],
        thesaurus: Thesaurus,
        general: tuple[str, str] | None = None,
    ) -> None:
        self.topics = topics
        # (entry id, word): a question whose only known term is that word gets that entry
        self.general = None if general is None else (general[0], terms(general[1], thesaurus))
        self.thesaurus = thesaurus
        by_id = {e.id: e for e in entries}
        self.entries = {i: by_id[i] for t in topics for i in t.entries}  # menu order
        self.index = Bm25Index.build(
            {
                e.id: {
                    "title": self._terms(e.title),
                    "keywords": [t for k in e.keywords for t in self._terms(k)],
                    "answer": self._terms(e.answer),
                }
                for e in entries
            }
        )
        self.reader = QuestionReader.from_words(
            thesaurus,
            (w for e in entries for t in (e.title, *e.keywords, e.answer) for w in tokens(t)),
        )
        self.phrases = {
            e.id: [p for p in (" ".join(terms(t, thesaurus)) for t in (e.title, *e.keywords)) if p]
            for e in entries
        }

    def _terms(self, text: str) -> list[str]:
        return with_bigrams(terms(text, self.thesaurus))

    def in_topic(self, topic_id: str) -> list[Entry]:
        """Entries of one topic, in menu order."""
        return [e for e in self.entries.values() if e.topic == topic_id]

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """Entries ranked by how well they explain the query; only those scoring above zero."""
        from rapidfuzz import fuzz

        words = self.reader.terms(query, aliases=False)
        if not words:
            return []  # nothing but greetings and filler ("how are you")
        unigrams = self.reader.terms(query)
        if self.general is not None:
            entry_id, general_terms = self.general
            known = {t for t in unigrams if t in self.index.document_frequency}
            if known and known <= set(general_terms):  # "explain hedging to me like I'm five"
                return [Match(self.entries[entry_id], GENERAL_SCORE, GENERAL_SCORE, 1.0)]
        scores, ceiling = self.index.scores(with_bigrams(unigrams))
        if ceiling <= 0:
            return []
        text = " ".join(unigrams)
        matches = [
            Match(
                self.entries[doc],
                score / ceiling
                + FUZZY_WEIGHT
                * max(fuzz.token_set_ratio(text, p) for p in self.phrases[doc])
                / 100,
                score,
                sum(self.index.contains(doc, w) for w in words) / len(words),
            )
            for doc, score in scores.items()
            if score > 0
        ]
        matches.sort(key=lambda m: (-m.score, m.entry.id))
        return matches[:limit]

    def verdict(self, query: str) -> Verdict:
        """Clear answer, a short list to choose from, no match, or a plan request in disguise."""
        if looks_like_plan_request(query):
            return Verdict(Outcome.PLAN, ())
        matches = self.search(query, limit=MAX_CHOICES)
        best = matches[0] if matches else None
        if (
            best is None
            or best.coverage < MIN_COVERAGE
            or (best.evidence < MIN_EVIDENCE and best.coverage < 1)
        ):
            return Verdict(Outcome.NO_MATCH, ())
        best = matches[0]
        leads = len(matches) == 1 or best.score >= CLEAR_LEAD * matches[1].score
        if leads and best.evidence >= CLEAR_EVIDENCE and best.coverage >= CLEAR_COVERAGE:
            return Verdict(Outcome.CLEAR, (best,))
        # two closest always (when there are two), a third only if it is nearly as close
        close = tuple(
            m for i, m in enumerate(matches) if i < 2 or m.score >= CHOICE_SHARE * best.score
        )
        return Verdict(Outcome.AMBIGUOUS, close)

    def from_start_payload(self, payload: str) -> Entry | None:
        """The entry a `/start faq_<id>` deep link names, if any."""
        if not payload.startswith(DEEP_LINK_PREFIX):
            return None
        return self.entries.get(payload.removeprefix(DEEP_LINK_PREFIX))


def _read_toml(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_knowledge_base(folder: Path | None = None) -> KnowledgeBase:
    """Read topics, thesaurus and one TOML file per entry; check every cross-reference."""
    folder = folder or templates_dir() / "faq"
    menu = _read_toml(folder / "topics.toml")
    topics = [Topic.model_validate(t) for t in menu["topic"]]  # type: ignore[attr-defined]
    thesaurus = Thesaurus.from_groups(_read_toml(folder / "synonyms.toml")["groups"])  # type: ignore[arg-type]
    topic_of = {entry_id: t.id for t in topics for entry_id in t.entries}
    listed = [entry_id for t in topics for entry_id in t.entries]
    files = {path.stem: path for path in (folder / "entries").glob("*.toml")}
    if sorted(listed) != sorted(files):
        odd = set(files) ^ set(listed) | {i for i in listed if listed.count(i) > 1}
        raise ValueError(f"FAQ entries not listed exactly once under a topic: {sorted(odd)}")
    entries = [
        Entry.model_validate({"id": i, "topic": topic_of[i], **_read_toml(path)})
        for i, path in files.items()
    ]
    ids = set(files)
    for entry in entries:
        unknown = set(entry.related) - ids
        if unknown or entry.id in entry.related:
            raise ValueError(f"FAQ entry {entry.id}: bad related ids {sorted(unknown)}")
    general = (str(menu["general_entry"]), str(menu["general_words"]))
    if general[0] not in ids:
        raise ValueError(f"FAQ general entry {general[0]!r} does not exist")
    return KnowledgeBase(entries, topics, thesaurus, general)


@cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return load_knowledge_base()


def entry_link(entry_id: str, bot_username: str) -> str:
    """A t.me deep link that opens one FAQ answer, for templates such as the plan card."""
    if entry_id not in knowledge_base().entries:
        raise KeyError(f"no FAQ entry {entry_id!r}")
    return f"https://t.me/{bot_username.lstrip('@')}?start={DEEP_LINK_PREFIX}{entry_id}"


def looks_like_plan_request(text: str) -> bool:
    """True when the text names something held ("hedge my 2 BTC"): the planner should answer."""
    try:
        return bool(parse_holdings(text))
    except ValueError:
        return False
