"""The FAQ knowledge base: entries loaded from templates/faq/, ranked answers to free questions."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bot.faq_index import Bm25Index
from bot.faq_text import Thesaurus, terms
from bot.render import templates_dir

DEEP_LINK_PREFIX = "faq_"
EntryId = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]

# Decision thresholds, tuned on the dev paraphrases and a few off-topic questions.
MIN_CONFIDENCE = 0.18  # share of the query's term weight the best entry must explain
CLEAR_LEAD = 1.35  # the best entry must beat the runner-up by this factor to be "clear"
FUZZY_WEIGHT = 0.2  # how much a close fuzzy match of the whole question to a title/keyword adds
CHOICE_SHARE = 0.55  # runners-up offered as buttons score at least this share of the best
MAX_CHOICES = 3


class Topic(BaseModel):
    """A group of entries shown as one button in /faq."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: EntryId
    title: str


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
    score: float  # share of the query's term weight this entry explains, 0..1


@dataclass(frozen=True)
class Verdict:
    """What to do with a question: answer one entry, offer a few, or say nothing matched."""

    outcome: Outcome
    matches: tuple[Match, ...]


class KnowledgeBase:
    """Entries, topics and a BM25F index over title, keywords and answer."""

    def __init__(self, entries: list[Entry], topics: list[Topic], thesaurus: Thesaurus) -> None:
        self.topics = topics
        self.thesaurus = thesaurus
        order = {t.id: i for i, t in enumerate(topics)}
        self.entries = {e.id: e for e in sorted(entries, key=lambda e: order[e.topic])}
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
        self.phrases = {
            e.id: [p for p in (" ".join(terms(t, thesaurus)) for t in (e.title, *e.keywords)) if p]
            for e in entries
        }

    def _terms(self, text: str) -> list[str]:
        unigrams = terms(text, self.thesaurus)
        return unigrams + [f"{a} {b}" for a, b in zip(unigrams, unigrams[1:], strict=False)]

    def in_topic(self, topic_id: str) -> list[Entry]:
        """Entries of one topic, in file order."""
        return [e for e in self.entries.values() if e.topic == topic_id]

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """Entries ranked by how well they explain the query; only those scoring above zero."""
        from rapidfuzz import fuzz

        unigrams = terms(query, self.thesaurus, question=True)
        repaired = self.index.repair(unigrams)
        pairs = [
            (f"{a} {b}", min(wa, wb))
            for (a, wa), (b, wb) in zip(repaired, repaired[1:], strict=False)
        ]
        scores, ceiling = self.index.scores(repaired + pairs)
        if ceiling <= 0:
            return []
        text = " ".join(unigrams)
        combined = {
            doc: score / ceiling
            + FUZZY_WEIGHT * max(fuzz.token_set_ratio(text, p) for p in self.phrases[doc]) / 100
            for doc, score in scores.items()
            if score > 0
        }
        ranked = sorted(combined.items(), key=lambda item: (-item[1], item[0]))
        return [Match(self.entries[d], s) for d, s in ranked[:limit]]

    def verdict(self, query: str) -> Verdict:
        """Clear answer, a short list to choose from, no match, or a plan request in disguise."""
        if looks_like_plan_request(query):
            return Verdict(Outcome.PLAN, ())
        matches = self.search(query, limit=MAX_CHOICES)
        if not matches or matches[0].score < MIN_CONFIDENCE:
            return Verdict(Outcome.NO_MATCH, ())
        best = matches[0]
        if len(matches) == 1 or best.score >= CLEAR_LEAD * matches[1].score:
            return Verdict(Outcome.CLEAR, (best,))
        close = tuple(m for m in matches if m.score >= CHOICE_SHARE * best.score)
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
    topics = [Topic.model_validate(t) for t in _read_toml(folder / "topics.toml")["topic"]]  # type: ignore[attr-defined]
    thesaurus = Thesaurus.from_groups(_read_toml(folder / "synonyms.toml")["groups"])  # type: ignore[arg-type]
    entries = [
        Entry.model_validate({"id": path.stem, **_read_toml(path)})
        for path in sorted((folder / "entries").glob("*.toml"))
    ]
    ids = {e.id for e in entries}
    topic_ids = {t.id for t in topics}
    for entry in entries:
        if entry.topic not in topic_ids:
            raise ValueError(f"FAQ entry {entry.id}: unknown topic {entry.topic!r}")
        unknown = set(entry.related) - ids
        if unknown or entry.id in entry.related:
            raise ValueError(f"FAQ entry {entry.id}: bad related ids {sorted(unknown)}")
    return KnowledgeBase(entries, topics, thesaurus)


@cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return load_knowledge_base()


def entry_link(entry_id: str, bot_username: str) -> str:
    """A t.me deep link that opens one FAQ answer, for templates such as the plan card."""
    if entry_id not in knowledge_base().entries:
        raise KeyError(f"no FAQ entry {entry_id!r}")
    return f"https://t.me/{bot_username.lstrip('@')}?start={DEEP_LINK_PREFIX}{entry_id}"


KNOWN_TICKERS = frozenset(
    "btc eth sol xrp bnb ada doge dot avax link ltc matic trx ton spy qqq iwm dia es mes".split()
)
QUANTITY_THEN_WORD = re.compile(
    r"(?<![\w.])\$?\d[\d,]*(?:\.\d+)?\s*(?:k|m|mm|bn)?\s+(?:of\s+)?([A-Za-z][A-Za-z0-9.]{0,9})\b"
)


def looks_like_plan_request(text: str) -> bool:
    """True when the text names something held ("hedge my 2 BTC"): the planner should answer."""
    try:
        from hedging.holdings import parse_holdings  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _mentions_holding(text)
    try:
        return bool(parse_holdings(text))
    except ValueError:
        return False


def _mentions_holding(text: str) -> bool:
    """Fallback while the core's parser is absent: a quantity followed by a ticker."""
    for word in QUANTITY_THEN_WORD.findall(text):
        if word.lower() in KNOWN_TICKERS or (word.isupper() and 2 <= len(word) <= 5):
            return True
    return False

