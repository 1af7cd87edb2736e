"""The FAQ's sentence encoder: the shipped half-precision weights, run in numpy, give the
embeddings that the full-precision model (float32, exact erf) gave for the same sentences."""

from __future__ import annotations

import numpy as np
import pytest

from bot.features.faq.meaning import SentenceEncoder, _erf, encoder

SENTENCES = (
    "How do I hedge my bitcoin?",
    "What is a funding rate on perpetual futures?",
    "why does my short pay funding every hour",
    "Can I use put options to protect my shares?",
    "I like pizza",
)
# The first six of each embedding's 384 numbers, and their cosines, from the full-precision run.
FIRST_SIX = (
    (0.01747, -0.02246, -0.02618, -0.00532, -0.0192, -0.02552),
    (0.00715, 0.03491, -0.06309, 0.01802, -0.00601, -0.02955),
    (0.02744, 0.11102, 0.06907, 0.0663, 0.09284, -0.02648),
    (-0.05825, 0.02183, -0.03299, 0.02525, -0.06021, 0.13135),
    (-0.11168, 0.00138, -0.02432, 0.06124, -0.1042, 0.0011),
)
COSINES = (
    (1.0, 0.1498, 0.0634, 0.2263, 0.0489),
    (0.1498, 1.0, 0.24, 0.0385, -0.0306),
    (0.0634, 0.24, 1.0, -0.0269, 0.0179),
    (0.2263, 0.0385, -0.0269, 1.0, 0.0242),
    (0.0489, -0.0306, 0.0179, 0.0242, 1.0),
)


@pytest.fixture(scope="module")
def shipped() -> SentenceEncoder:
    return encoder()


def test_embeddings_match_the_full_precision_model(shipped: SentenceEncoder) -> None:
    vectors = np.stack([shipped.embed(s) for s in SENTENCES])
    assert np.allclose(vectors[:, :6], FIRST_SIX, atol=2e-4)
    assert np.allclose(vectors @ vectors.T, COSINES, atol=5e-4)


def test_embeddings_have_unit_length_and_384_numbers(shipped: SentenceEncoder) -> None:
    vector = shipped.embed("what happens to my hedge if the exchange changes leverage?")
    assert vector.shape == (384,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_a_paraphrase_is_nearer_than_another_topic(shipped: SentenceEncoder) -> None:
    funding = shipped.embed("What is a funding rate on perpetual futures?")
    paraphrase = shipped.embed("why does my short pay funding every hour")
    puts = shipped.embed("Can I use put options to protect my shares?")
    assert float(funding @ paraphrase) > float(funding @ puts)


def test_batched_and_single_encoding_agree(shipped: SentenceEncoder) -> None:
    texts = ["short", "a much longer question about rolling quarterly futures every three months"]
    single = [shipped._encode([t])[0] for t in texts]
    batched = shipped._encode(texts)  # padded to the longer one: padding must not leak in
    assert np.allclose(batched, np.stack(single), atol=1e-5)


def test_remembers_only_the_latest_texts() -> None:
    small = SentenceEncoder(encoder().weights, encoder().tokenizer)
    small.remember = 2
    for text in ("one", "two", "three"):
        small.embed(text)
    assert list(small.remembered) == ["two", "three"]


def test_a_batch_read_ahead_keeps_every_text_beyond_the_usual_limit() -> None:
    small = SentenceEncoder(encoder().weights, encoder().tokenizer)
    small.remember = 2
    small.embed_many(["one", "two", "three"])
    assert sorted(small.remembered) == ["one", "three", "two"]


def test_an_empty_text_still_gets_a_unit_embedding(shipped: SentenceEncoder) -> None:
    assert abs(float(np.linalg.norm(shipped.embed(""))) - 1.0) < 1e-5


def test_erf_agrees_with_the_math_module() -> None:
    import math

    points = np.linspace(-4, 4, 81)
    assert np.allclose(_erf(points), [math.erf(p) for p in points], atol=2e-7)
