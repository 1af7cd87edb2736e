"""The FAQ knowledge base: entries loaded from templates/faq/, ranked answers to free questions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bot.features.faq.confidence import Confidence, Evidence
from bot.features.faq.holdings import (
    ASKS_HOW,
    HEDGE_WAYS,
    HOW_TO_HEDGE,
    PLAN_REQUEST_WORDS,
    is_holding_context,
    names_a_sized_holding,
    unsized_holdings,
)
from bot.features.faq.index import Bm25Index
from bot.features.faq.learned import LearnedScorer, LearnedScores, features
from bot.features.faq.words import (
    CONTEXT_TERMS,
    QuestionReader,
    ReadQuestion,
    Thesaurus,
    terms,
    tokens,
    with_bigrams,
)
from bot.ui.render import templates_dir

DEEP_LINK_PREFIX = "faq_"
SCORER_FILE = "scorer.npz"  # the learned scorer's weights, fitted by benchmarks/faq_fit_scorer.py
CONFIDENCE_FILE = "confidence.toml"  # the confidence model, fitted by the same script
EntryId = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]

# Decision thresholds, tuned on the tune half of the real questions and the dev and dev2
# paraphrases (never on the held-out ones), wrong outright answers weighed first.
# With no confidence model (confidence.py), these rules alone decide; with one, they are evidence.
MIN_EVIDENCE = 0.03  # share of the question's weight an entry must explain to be offered at all
MIN_COVERAGE = 0.2  # share of the question's topic (by word rarity) the best entry must hold
CLEAR_PHRASE = 3.5  # rarity (summed idf) of a title or keyword phrase, asked in full, that names
# the entry: with no runner-up naming one as rare, the entry is answered outright
NAME_LEAD = 0.15  # a question that is exactly an entry's name still needs this lead
NAMED_PHRASE = 2.0  # a commoner name phrase ("hedge mode") answers outright only with a lead...
NAMED_LEAD = 0.3
NAMED_COVERAGE = 0.3  # ...and this share of the question's topic
TITLE_NAMES = 1.6  # a title asked in full names its entry this much more than a keyword
CLEAR_LEAD = 0.55  # or: the best scores this share above the runner-up...
CLEAR_COVERAGE = 0.4  # ...and holds this share of the question's topic
CHOICE_SHARE = 0.55  # runners-up offered as buttons score at least this share of the best
GENERAL_SCORE = 1.0  # a question about hedging in general: the general entry, as a clear answer
MAX_CHOICES = 3
# The learned scorer (learned.py), chosen by 5-fold cross-validation on the tuning data, with the
# training posts in every fold: the ranking adds its score, this much of it, to the ranker's score
# as a share of the best one. Whether the first pick is answered outright is then the confidence
# model's call (confidence.py); the rules above are one piece of its evidence.
LEARNED_WEIGHT = 2.0
# It adds, too, this much of the cosine between the question and the entry's closest training text
# by meaning, which catches a question worded like one asked before (docs/faq-rounds.md: 0-4 tried)
NEAREST_WEIGHT = 1.0


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
    score: float  # BM25F relevance over the question's weighted terms, as a share of its ceiling
    coverage: float  # share of the question's topic, by word rarity, found in the entry, 0..1
    phrase: float = 0.0  # rarity of the entry's title or keyword phrase the question asks in full
    named: tuple[str, ...] = ()  # that phrase's terms
    learned: float = 0.0  # the learned scorer's score, about 1 for a question it was fitted on
    nearest: float = 0.0  # cosine of the closest text, by meaning, the scorer was fitted on for it
    blended: float = 0.0  # what the ranking sorts on: score over the best score, plus the learned
    # score and the nearest cosine, each weighted

    @property
    def evidence(self) -> float:  # kept for the command line's columns
        return self.score


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
        scorer: LearnedScorer | None = None,
        confidence: Confidence | None = None,
    ) -> None:
        self.topics = topics
        # settable: cross-validation tries others
        self.scorer = scorer
        self.confidence = confidence
        self.learned_weight = LEARNED_WEIGHT
        # (entry id, word): a question whose only known term is that word gets that entry
        self.general = None if general is None else (general[0], terms(general[1], thesaurus))
        self.thesaurus = thesaurus
        self.plan_words = frozenset(terms(PLAN_REQUEST_WORDS, thesaurus))
        self.hedge_ways = frozenset(terms(HEDGE_WAYS, thesaurus))
        self.hedge_verbs = frozenset(terms("hedge hedging", thesaurus)) | HOW_TO_HEDGE
        by_id = {e.id: e for e in entries}
        self.entries = {i: by_id[i] for t in topics for i in t.entries}  # menu order
        self.index = Bm25Index.build(
            {
                e.id: {
                    "title": self._terms(e.title),
                    # each way of asking counts once: ten keywords with "funding" are not
                    # ten times more about funding than one
                    "keywords": list(dict.fromkeys(t for k in e.keywords for t in self._terms(k))),
                    "answer": self._terms(e.answer),
                }
                for e in entries
            }
        )
        self.reader = QuestionReader.from_words(
            thesaurus,
            (w for e in entries for t in (e.title, *e.keywords, e.answer) for w in tokens(t)),
        )
        # each entry's title and keywords as term sets: a question that asks one in full names it
        self.titled = {e.id: bool(terms(e.title, thesaurus)) for e in entries}
        self.phrases = {
            e.id: [p for p in (tuple(terms(t, thesaurus)) for t in (e.title, *e.keywords)) if p]
            for e in entries
        }

    def _terms(self, text: str) -> list[str]:
        return with_bigrams(terms(text, self.thesaurus))

    def in_topic(self, topic_id: str) -> list[Entry]:
        """Entries of one topic, in menu order."""
        return [e for e in self.entries.values() if e.topic == topic_id]

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """Entries ranked by the ranker's and the learned scorer's scores together."""
        return self._blend(query, self.reader.read(query))[0][:limit]

    def _blend(self, query: str, read: ReadQuestion) -> tuple[list[Match], LearnedScores | None]:
        """All the ranker's matches (above zero), re-sorted with the learned scorer's scores;
        and those scores."""
        matches = self._rank(read, len(self.entries))
        if self.scorer is None or not matches:
            return matches, None
        learned = self.scorer.scores(features(read.terms, query))
        best, by_entry = matches[0].score, learned.entries
        blended = []
        for m in matches:
            score, near = by_entry[m.entry.id], learned.nearest.get(m.entry.id, 0.0)
            ranking = m.score / best + self.learned_weight * score + NEAREST_WEIGHT * near
            blended.append(replace(m, learned=score, nearest=near, blended=ranking))
        return sorted(blended, key=lambda m: (-m.blended, m.entry.id)), learned

    def _rank(self, read: ReadQuestion, limit: int) -> list[Match]:
        if not read.unigrams:
            return []  # nothing but greetings and filler ("how are you")
        if self.general is not None:
            entry_id, general_terms = self.general
            known = {t for t in read.unigrams if t in self.index.document_frequency}
            if known and known <= set(general_terms):  # "explain hedging to me like I'm five"
                return [Match(self.entries[entry_id], GENERAL_SCORE, 1.0, GENERAL_SCORE)]
        scores, ceiling = self.index.scores(read.terms)
        if ceiling <= 0:
            return []
        asked = read.asked or frozenset(read.unigrams)
        coverage = self.index.coverage_of(read.unigrams)
        matches = [
            Match(self.entries[doc], score / ceiling, coverage(doc), *self._named(doc, asked))
            for doc, score in scores.items()
            if score > 0
        ]
        matches.sort(key=lambda m: (-m.score, m.entry.id))
        return matches[:limit]

    def _named(self, doc: str, asked: frozenset[str]) -> tuple[float, tuple[str, ...]]:
        """The rarest title or keyword phrase of an entry that the asking sentences hold in full."""
        best: tuple[float, tuple[str, ...]] = (0.0, ())
        for i, phrase in enumerate(self.phrases[doc]):
            if set(phrase) <= asked:
                rarity = sum(self.index.idf(t) for t in set(phrase))
                if i == 0 and self.titled[doc]:  # the title itself, asked in full
                    rarity *= TITLE_NAMES
                best = max(best, (rarity, phrase))
        return best

    def verdict(self, query: str) -> Verdict:
        """Clear answer, a short list to choose from, no match, or a plan request in disguise."""
        return self.assess(query)[0]

    def assess(self, query: str) -> tuple[Verdict, Evidence | None]:
        """The verdict, and the evidence for the first pick that the confidence model weighs
        (None when nothing was ranked, or with no learned scorer)."""
        read = self.reader.read(query)
        if self.is_plan_request(query, read):
            return Verdict(Outcome.PLAN, ()), None
        blended, learned = self._blend(query, read)
        matches = sorted(blended, key=lambda m: (-m.score, m.entry.id))[:MAX_CHOICES]
        if not matches:
            return Verdict(Outcome.NO_MATCH, ()), None
        best = matches[0]
        named = self._named_outright(best, matches[1:], read)
        first_named = named and blended[0] is best
        evidence = self._evidence(blended, learned, read, first_named) if learned else None
        if self.confidence is not None and evidence is not None:
            if self.confidence.answers(evidence):
                return Verdict(Outcome.CLEAR, (blended[0],)), evidence
            if self.confidence.finds_nothing(evidence):
                return Verdict(Outcome.NO_MATCH, ()), evidence
        elif best.coverage < MIN_COVERAGE or best.score < MIN_EVIDENCE:  # the hand rules decide
            return Verdict(Outcome.NO_MATCH, ()), evidence
        elif named:
            return Verdict(Outcome.CLEAR, (best,)), evidence
        return Verdict(Outcome.AMBIGUOUS, self._closest(blended)), evidence

    @staticmethod
    def _closest(blended: list[Match]) -> tuple[Match, ...]:
        """The two closest always (when there are two), a third only if it is nearly as close."""
        best = max(m.score for m in blended)
        return tuple(
            m
            for i, m in enumerate(blended[:MAX_CHOICES])
            if i < 2 or m.score >= CHOICE_SHARE * best
        )

    def closest(self, query: str) -> tuple[Match, ...]:
        """The entries a question would be offered as choices, whatever its verdict."""
        blended = self._blend(query, self.reader.read(query))[0]
        return self._closest(blended) if blended else ()

    def _named_outright(self, best: Match, others: list[Match], read: ReadQuestion) -> bool:
        """The hand rules: the question is one of the entry's names, or holds a rare one, and no
        other entry is named as rarely; or the entry is far ahead and holds much of the topic."""
        exclusive = all(m.phrase < best.phrase for m in others)
        lead = 1 - (others[0].score / best.score if others else 0.0)
        is_name = set(best.named) == read.asked and lead >= NAME_LEAD
        led = best.phrase >= NAMED_PHRASE and lead >= NAMED_LEAD
        named = exclusive and (
            best.phrase >= CLEAR_PHRASE or is_name or (led and best.coverage >= NAMED_COVERAGE)
        )
        return named or (lead >= CLEAR_LEAD and best.coverage >= CLEAR_COVERAGE)

    def _evidence(
        self, blended: list[Match], learned: LearnedScores, read: ReadQuestion, named: bool
    ) -> Evidence:
        first, others = blended[0], blended[1:]
        known = self.index.document_frequency
        weight = sum(read.unigrams.values())
        best_other = max((m.score for m in others), default=0.0)
        return Evidence(
            coverage=first.coverage,
            learned_score=first.learned,
            learned_lead=first.learned
            - max(v for k, v in learned.entries.items() if k != first.entry.id),
            nothing_fits=learned.nothing_fits,
            blended_lead=first.blended - (others[0].blended if others else 0.0),
            ranker_lead=1 - best_other / first.score,
            named=named,
            is_name=set(first.named) == read.asked,
            name_rarity=first.phrase,
            words=len(read.unigrams),
            asked_words=len(read.asked),
            unknown_share=sum(w for t, w in read.unigrams.items() if t not in known) / weight,
            nearest=first.nearest,
            nearest_lead=first.nearest
            - max((v for k, v in learned.nearest.items() if k != first.entry.id), default=0.0),
            votes=learned.votes.get(first.entry.id, 0.0),
        )

    def is_plan_request(self, text: str, read: ReadQuestion | None = None) -> bool:
        """A holding named and nothing asked beyond how to hedge it: the planner's job.

        "I hold 2 BTC, worried about CPI" and "You have 3 Bitcoins. How would you hedge them?"
        are plans; "I have 2 BTC: what is funding?" asks the FAQ something.
        """
        sized = names_a_sized_holding(text)
        unsized = [] if sized else unsized_holdings(text)
        if not sized and not unsized:
            return False
        read = read or self.reader.read(text)
        if sized and not read.asks:
            return True
        general = set(self.general[1]) if self.general else set()
        plain = general | HOW_TO_HEDGE | CONTEXT_TERMS | {"bot"}
        if sized:  # "I own 1,000 AAPL: puts or calls to protect it?": the plan compares the ways
            asked = {t for t in read.asked if not is_holding_context(t)}
            return asked <= plain | self.hedge_ways | self.plan_words
        # with no size, every other word asked counts ("hedge half of my BTC" asks of partial
        # hedges, "should I hedge my BTC with puts or futures?" which way), but asking how to hedge
        # it with a way ("how do I hedge my SOL with perps?") asks for the plan's steps
        named = {t for asset in unsized for t in terms(asset.typed, self.thesaurus)}
        said = read.asked if read.asks else frozenset(read.unigrams)
        asks_how = bool(said & self.hedge_verbs) and ASKS_HOW.search(text) is not None
        ways = self.hedge_ways if asks_how else frozenset()
        return said <= plain | named | ways | self.plan_words

    def from_start_payload(self, payload: str) -> Entry | None:
        """The entry a `/start faq_<id>` deep link names, if any."""
        if not payload.startswith(DEEP_LINK_PREFIX):
            return None
        return self.entries.get(payload.removeprefix(DEEP_LINK_PREFIX))


def _read_toml(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_knowledge_base(folder: Path | None = None, fitted: bool = True) -> KnowledgeBase:
    """Read topics, thesaurus and one TOML file per entry; check every cross-reference. With
    fitted=False, leave out the learned scorer and confidence model, to refit them."""
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
    scorer_file = folder / SCORER_FILE
    scorer = LearnedScorer.load(scorer_file) if fitted and scorer_file.exists() else None
    if scorer is not None and sorted(scorer.ids) != sorted(ids):
        raise ValueError(f"FAQ {SCORER_FILE} is for other entries: refit it (faq_fit_scorer.py)")
    confidence_file = folder / CONFIDENCE_FILE
    confidence = Confidence.load(confidence_file) if fitted and confidence_file.exists() else None
    return KnowledgeBase(entries, topics, thesaurus, general, scorer, confidence)


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
    """True when the text names a holding and asks no more than how to hedge it."""
    return knowledge_base().is_plan_request(text)
