"""The FAQ's learned scorer: fitted on shipped, tuning and training data only, kept in step."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from benchmarks.faq_eval import paraphrases, real_questions
from benchmarks.faq_fit_scorer import fitting_questions, training_posts
from bot.features.faq import learned
from bot.features.faq.knowledge import NEAREST_WEIGHT, Outcome, knowledge_base
from bot.features.faq.learned import LearnedScorer, features, fingerprint, training_set
from bot.features.faq.meaning import encoder

KB = knowledge_base()


def shipped_training_set() -> tuple[list[str], list[str]]:
    return training_set(KB, fitting_questions())


def test_the_shipped_scorer_was_fitted_on_the_current_entries_tuning_questions_and_posts() -> None:
    assert KB.scorer is not None
    assert KB.scorer.trained_on == fingerprint(*shipped_training_set())
    assert KB.scorer.ids == tuple(KB.entries)


def test_no_held_out_question_is_among_the_questions_the_scorer_is_fitted_on() -> None:
    texts = set(shipped_training_set()[0]) - set(training_set(KB, [])[0])  # the entries' own text
    held_out = [
        q.text
        for name, qs in (real_questions() | paraphrases()).items()
        if name in ("real heldout", "para heldout", "para blind")
        for q in qs
    ]
    assert len(held_out) > 250
    assert [q for q in held_out if q in texts] == []


def test_a_fitted_scorer_puts_each_training_text_first_and_survives_a_round_trip(
    tmp_path: Path,
) -> None:
    texts = ["funding rate on perpetual swaps", "put option premium", "tax on a short sale"]
    labels = ["funding", "protective_put", "tax"]
    samples = [features({}, text) for text in texts]
    scorer = LearnedScorer.fit(samples, labels, labels, fingerprint(texts, labels))
    firsts = [max(scores := scorer.scores(s).entries, key=scores.__getitem__) for s in samples]
    assert firsts == labels
    scorer.save(tmp_path / "scorer.npz")
    loaded = LearnedScorer.load(tmp_path / "scorer.npz")
    assert loaded.trained_on == scorer.trained_on
    again = loaded.scores(features({}, "perpetual funding")).entries
    assert max(again, key=again.__getitem__) == "funding"


def test_a_text_like_those_no_entry_answers_scores_high_on_nothing_fits_and_low_on_entries() -> (
    None
):
    texts = ["funding rate on perpetual swaps", "put option premium", "my dog ate the garden hedge"]
    labels = ["funding", "protective_put", ""]
    samples = [features({}, t) for t in texts]
    scorer = LearnedScorer.fit(samples, labels, ["funding", "protective_put"], ridge=0.1)

    dog = scorer.scores(features({}, "the dog ate my hedge"))
    funding = scorer.scores(features({}, "perpetual funding rate"))

    assert dog.nothing_fits > 0.5 > max(dog.entries.values())
    assert funding.nothing_fits < 0.5 < funding.entries["funding"]


def test_unknown_words_score_through_their_meaning_alone_and_weakly() -> None:
    assert KB.scorer is not None
    scores = KB.scorer.scores(features({}, "zzqx"))  # no term or n-gram the scorer knows
    assert max(scores.entries.values()) < 0.3  # a question it was fitted on scores about 1
    assert KB.verdict("zzqx").outcome is Outcome.NO_MATCH


def test_the_training_posts_cover_every_entry_and_copy_no_real_question() -> None:
    posts = training_posts()
    per_entry = Counter(entry_id for _, entry_id in posts)
    assert {entry_id for entry_id in per_entry if entry_id} == set(KB.entries)
    assert min(n for entry_id, n in per_entry.items() if entry_id) >= 8
    assert per_entry[""] >= 40  # questions the base should not answer
    real = {q.text.casefold() for qs in real_questions().values() for q in qs}
    assert [text for text, _ in posts if text.casefold() in real] == []


def small_scorer(
    texts: Sequence[str] = (
        "what is a funding rate",
        "how do puts work",
        "when to buy a put",
        "cats and dogs",
    ),
    labels: Sequence[str] = ("funding", "protective_put", "protective_put", ""),
) -> LearnedScorer:
    """A scorer fitted on a few texts, one of them with no entry."""
    ids = sorted(set(labels) - {""})
    return LearnedScorer.fit([features({}, t) for t in texts], list(labels), ids)


def test_nearest_gives_each_label_the_cosine_of_its_closest_training_text_and_survives_a_round_trip(
    tmp_path: Path,
) -> None:
    small_scorer().save(tmp_path / "scorer.npz")
    loaded = LearnedScorer.load(tmp_path / "scorer.npz")

    own = loaded.scores(features({}, "how do puts work")).nearest
    embed = encoder().embed
    cosine_to_funding = float(embed("how do puts work") @ embed("what is a funding rate"))

    assert set(own) == {"funding", "protective_put", ""}
    assert own["protective_put"] == pytest.approx(1.0, abs=2e-3)  # itself, in half precision
    assert own["funding"] == pytest.approx(cosine_to_funding, abs=2e-3)
    assert own["protective_put"] > own["funding"]


def test_a_text_with_no_embedding_has_no_nearest_texts() -> None:
    assert KB.scorer is not None
    assert KB.scorer.scores({"w:funding": 1.0}).nearest == {}


def test_the_ranking_adds_the_weighted_cosine_of_each_entrys_nearest_training_text() -> None:
    question = "my short perp keeps paying the longs every eight hours, why"
    matches = KB.search(question, limit=len(KB.entries))
    assert KB.scorer is not None and len(matches) > 3
    nearest = KB.scorer.scores(features(KB.reader.read(question).terms, question)).nearest
    best = max(m.score for m in matches)

    for match in matches:
        assert match.nearest == nearest[match.entry.id]
        assert match.blended == pytest.approx(
            match.score / best + KB.learned_weight * match.learned + NEAREST_WEIGHT * match.nearest
        )


def test_a_text_fitted_under_two_entries_is_nobodys_nearest_neighbour() -> None:
    scorer = small_scorer(
        ["premium", "premium", "how do puts work", "what drives the cost of a hedge"],
        ["protective_put", "costs", "protective_put", "costs"],
    )

    assert scorer.example_labels == ("costs", "protective_put")
    assert scorer.scores(features({}, "premium")).nearest["costs"] < 0.99


def test_the_closest_training_texts_vote_for_their_labels_in_shares(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scorer = small_scorer()
    question = features({}, "how do put options work")

    everyone = scorer.scores(question).votes  # more neighbours asked for than there are texts
    monkeypatch.setattr(learned, "NEIGHBOURS", 2)
    closest_two = scorer.scores(question).votes

    assert everyone == {"funding": 0.25, "protective_put": 0.5, "": 0.25}
    assert closest_two == {"protective_put": 1.0}


def test_the_meaning_kernel_adds_each_training_texts_closeness_and_survives_a_round_trip(
    tmp_path: Path,
) -> None:
    texts = ["what is a funding rate", "how do puts work", "my dog ate the garden hedge"]
    labels = ["funding", "protective_put", ""]
    samples = [features({}, t) for t in texts]
    linear = LearnedScorer.fit(samples, labels, labels[:2], kernel=0.0)
    with_kernel = LearnedScorer.fit(samples, labels, labels[:2], kernel=learned.KERNEL)
    with_kernel.save(tmp_path / "scorer.npz")
    loaded = LearnedScorer.load(tmp_path / "scorer.npz")
    question = features({}, "why do perpetual swaps charge a fee every few hours")

    assert linear.anchors.shape == (0, 0)
    assert with_kernel.anchors.shape == (3, 384)
    assert with_kernel.scores(question).entries != linear.scores(question).entries
    assert loaded.scores(question).entries == pytest.approx(
        with_kernel.scores(question).entries, abs=2e-3
    )
    for sample, label in zip(samples[:2], labels[:2], strict=True):
        scores = with_kernel.scores(sample).entries
        assert max(scores, key=scores.__getitem__) == label
