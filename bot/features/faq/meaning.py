"""What a question means, as a sentence embedding: all-MiniLM-L6-v2 run in numpy.

Words alone miss a question that asks the same thing in other words ("my short pays every hour"
is about funding); a sentence encoder trained on paraphrase pairs places such questions near each
other. The learned scorer (learned.py) reads the embedding as one more block of features.

The model is a 6-layer BERT (384 wide, 12 heads) with mean pooling, shipped in
templates/faq/encoder/ as half-precision weights and its WordPiece tokenizer (see the README
there). Its forward pass is a few matrix products, so numpy runs it without torch: about 15 ms
for a forum post on one core. `tokenizers` and the weights load on the first question, never on
a cold `hedgebot plan`.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.ui.render import templates_dir

if TYPE_CHECKING:
    from tokenizers import Tokenizer

HEADS = 12
MAX_TOKENS = 256  # the model's own limit in training; a longer post is cut there
LAYER_NORM_EPS = 1e-12
REMEMBERED = 2048  # texts whose embedding is kept: a question is read more than once per reply


def encoder_dir() -> Path:
    return templates_dir() / "faq" / "encoder"


ERF_COEFFICIENTS = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (error under 1.5e-7): numpy has no erf of its own."""
    t = 1.0 / (1.0 + 0.3275911 * np.abs(x))
    poly = np.zeros_like(t)
    for coefficient in ERF_COEFFICIENTS:  # Horner's rule, highest power first
        poly = (poly + coefficient) * t
    return np.sign(x) * (1.0 - poly * np.exp(-x * x))


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * gain + bias


class SentenceEncoder:
    """Unit-length embeddings of texts, remembered for the last REMEMBERED texts."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer: Tokenizer) -> None:
        self.weights = weights
        self.layers = sum(1 for k in weights if k.endswith("attention.self.query.weight"))
        self.tokenizer = tokenizer
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self.remembered: OrderedDict[str, np.ndarray] = OrderedDict()
        self.remember = REMEMBERED

    @classmethod
    def load(cls, folder: Path | None = None) -> SentenceEncoder:
        from tokenizers import Tokenizer  # imported here: only the FAQ needs it

        folder = folder or encoder_dir()
        with np.load(folder / "weights.npz") as data:
            weights = {key: data[key].astype(np.float32) for key in data.files}
        return cls(weights, Tokenizer.from_file(str(folder / "tokenizer.json")))

    def embed(self, text: str) -> np.ndarray:
        found = self.remembered.get(text)
        if found is None:
            found = self._encode([text])[0]
            self._keep(text, found)
        else:
            self.remembered.move_to_end(text)
        return found

    def embed_many(self, texts: Iterable[str], batch: int = 32) -> None:
        """Encode texts in batches of like length, and remember all of them, beyond REMEMBERED
        if need be: a fit or an evaluation reads thousands, several times over."""
        missing = sorted({t for t in texts if t not in self.remembered}, key=len)
        self.remember = max(self.remember, len(self.remembered) + len(missing))
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            for text, vector in zip(chunk, self._encode(chunk), strict=True):
                self._keep(text, vector)

    def _keep(self, text: str, vector: np.ndarray) -> None:
        self.remembered[text] = vector
        while len(self.remembered) > self.remember:
            self.remembered.popitem(last=False)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), np.int64)
        mask = np.zeros((len(texts), length), np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1.0
        hidden = self._forward(ids, mask)
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.where(norm == 0, 1.0, norm)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.weights
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        width = x.shape[-1] // HEADS
        padding = (1.0 - mask)[:, None, None, :] * -1e9

        def dense(t: np.ndarray, name: str) -> np.ndarray:
            return t @ w[f"{name}.weight"].T + w[f"{name}.bias"]

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, HEADS, width).transpose(0, 2, 1, 3)

        for layer in range(self.layers):
            prefix = f"encoder.layer.{layer}."
            query = heads(dense(x, prefix + "attention.self.query"))
            key = heads(dense(x, prefix + "attention.self.key"))
            value = heads(dense(x, prefix + "attention.self.value"))
            attention = query @ key.transpose(0, 1, 3, 2) / math.sqrt(width) + padding
            attention = np.exp(attention - attention.max(-1, keepdims=True))
            attention /= attention.sum(-1, keepdims=True)
            context = (attention @ value).transpose(0, 2, 1, 3).reshape(batch, length, -1)
            x = _layer_norm(
                x + dense(context, prefix + "attention.output.dense"),
                w[prefix + "attention.output.LayerNorm.weight"],
                w[prefix + "attention.output.LayerNorm.bias"],
            )
            inner = dense(x, prefix + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / math.sqrt(2.0)))
            x = _layer_norm(
                x + dense(inner, prefix + "output.dense"),
                w[prefix + "output.LayerNorm.weight"],
                w[prefix + "output.LayerNorm.bias"],
            )
        return x


@cache
def encoder() -> SentenceEncoder:
    """The shipped encoder, loaded on first use."""
    return SentenceEncoder.load()
