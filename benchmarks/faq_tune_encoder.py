"""Fine-tune the FAQ's sentence encoder with a supervised contrastive loss (batches of several
entries, a few texts each), so that texts about one entry land near each other.

An experiment, not part of the fit: tried in round 18 and not kept (docs/faq-rounds.md). The
fine-tuned weights put the right entry first less often on real questions than the stock ones.
It needs torch, which the bot never does, from an environment of its own:
    python -m venv /tmp/ft && /tmp/ft/bin/pip install torch -e .
    /tmp/ft/bin/python benchmarks/faq_tune_encoder.py --out /tmp/tuned.npz
It reads what we wrote (the entries' own text, the training posts, the paraphrase dev and dev2
sets) and, with --real-before, the real tune questions below that id; never a held-out one.
It prints the full-precision embeddings of the sentences test_faq_meaning.py checks.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENCODER = ROOT / "templates" / "faq" / "encoder"
HEADS = 12
MAX_TOKENS = 128


class Bert(nn.Module):
    """meaning.py's six-layer BERT in torch, its weights under their own names."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        super().__init__()
        self.params = nn.ParameterDict(
            {
                k.replace(".", "__"): nn.Parameter(torch.tensor(v, dtype=torch.float32))
                for k, v in weights.items()
            }
        )
        self.layers = sum(1 for k in weights if k.endswith("attention.self.query.weight"))

    def w(self, name: str) -> torch.Tensor:
        return self.params[name.replace(".", "__")]

    def dense(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return x @ self.w(f"{name}.weight").T + self.w(f"{name}.bias")

    def norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return nn.functional.layer_norm(
            x, x.shape[-1:], self.w(f"{name}.weight"), self.w(f"{name}.bias"), 1e-12
        )

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length = ids.shape
        x = (
            self.w("embeddings.word_embeddings.weight")[ids]
            + self.w("embeddings.position_embeddings.weight")[:length][None]
            + self.w("embeddings.token_type_embeddings.weight")[0]
        )
        x = self.norm(x, "embeddings.LayerNorm")
        width = x.shape[-1] // HEADS
        padding = (1.0 - mask)[:, None, None, :] * -1e9

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.reshape(batch, length, HEADS, width).transpose(1, 2)

        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q = heads(self.dense(x, p + "attention.self.query"))
            k = heads(self.dense(x, p + "attention.self.key"))
            v = heads(self.dense(x, p + "attention.self.value"))
            attention = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(width) + padding, -1)
            context = (attention @ v).transpose(1, 2).reshape(batch, length, -1)
            x = self.norm(
                x + self.dense(context, p + "attention.output.dense"),
                p + "attention.output.LayerNorm",
            )
            inner = nn.functional.gelu(self.dense(x, p + "intermediate.dense"))
            x = self.norm(x + self.dense(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return nn.functional.normalize(pooled, dim=-1)

    def saved(self) -> dict[str, np.ndarray]:
        return {
            k.replace("__", "."): v.detach().numpy().astype(np.float16)
            for k, v in self.params.items()
        }


def written_texts(real_before: int = 0) -> list[tuple[str, str]]:
    """(text, entry id) of what we wrote: the entries' titles, keywords and answer sentences, the
    training posts and the paraphrase dev and dev2 sets; texts no entry answers are left out."""
    from benchmarks.faq_eval import paraphrases, real_question, real_rows
    from benchmarks.faq_fit_scorer import labelled, training_posts
    from bot.features.faq.knowledge import load_knowledge_base
    from bot.features.faq.learned import training_set

    sets = paraphrases()
    written = training_posts() + labelled(sets["para dev"]) + labelled(sets["para dev2"])
    real = [r for r in real_rows() if r["split"] == "tune" and int(r["id"][1:]) < real_before]
    written += labelled([real_question(r) for r in real])
    texts, labels = training_set(load_knowledge_base(fitted=False), written)
    return [(t, e) for t, e in zip(texts, labels, strict=True) if e and len(t) > 3]


def batches(
    pairs: list[tuple[str, str]], entries_per_batch: int, per_entry: int, rng: random.Random
):
    by_entry: dict[str, list[str]] = defaultdict(list)
    for text, entry_id in pairs:
        by_entry[entry_id].append(text)
    ids = [e for e, texts in by_entry.items() if len(texts) >= 2]
    while True:
        chosen = rng.sample(ids, entries_per_batch)
        texts, labels = [], []
        for label, entry_id in enumerate(chosen):
            pool = by_entry[entry_id]
            for text in rng.sample(pool, min(per_entry, len(pool))):
                texts.append(text)
                labels.append(label)
        yield texts, torch.tensor(labels)


def encode(tokenizer: Tokenizer, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    encodings = tokenizer.encode_batch(texts)
    length = max(len(e.ids) for e in encodings)
    ids = torch.zeros((len(texts), length), dtype=torch.long)
    mask = torch.zeros((len(texts), length))
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = torch.tensor(e.ids)
        mask[row, : len(e.ids)] = 1.0
    return ids, mask


def supervised_contrastive(
    embeddings: torch.Tensor, labels: torch.Tensor, scale: float
) -> torch.Tensor:
    similarity = embeddings @ embeddings.T * scale
    self_mask = torch.eye(len(labels), dtype=torch.bool)
    similarity = similarity.masked_fill(self_mask, -1e9)
    log_probability = similarity - torch.logsumexp(similarity, dim=1, keepdim=True)
    positives = (labels[:, None] == labels[None, :]) & ~self_mask
    return -(log_probability * positives).sum(1).div(positives.sum(1).clamp(min=1)).mean()


REFERENCE = (  # tests/unit/bot/test_faq_meaning.py checks the shipped weights against these
    "How do I hedge my bitcoin?",
    "What is a funding rate on perpetual futures?",
    "why does my short pay funding every hour",
    "Can I use put options to protect my shares?",
    "I like pizza",
)


def print_reference(model: Bert, tokenizer: Tokenizer) -> None:
    """The full-precision model's embeddings of the test sentences: first six numbers, cosines."""
    with torch.no_grad():
        vectors = torch.cat([model(*encode(tokenizer, [s])) for s in REFERENCE])
    print("FIRST_SIX =", [[round(float(x), 5) for x in v[:6]] for v in vectors])
    print("COSINES =", [[round(float(x), 4) for x in row] for row in vectors @ vectors.T])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, default=ENCODER / "weights.npz")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--scale", type=float, default=20.0)
    parser.add_argument("--entries", type=int, default=16)
    parser.add_argument("--per-entry", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--frozen", type=int, default=2, help="layers kept as they are, from the embeddings up"
    )
    parser.add_argument(
        "--real-before", type=int, default=0, help="real tune questions below this id too"
    )
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    with np.load(args.base) as data:
        model = Bert({k: data[k].astype(np.float32) for k in data.files})
    tokenizer = Tokenizer.from_file(str(ENCODER / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(args.max_tokens)
    frozen = ("embeddings.", *(f"encoder.layer.{n}." for n in range(args.frozen)))
    for name, parameter in model.params.items():
        parameter.requires_grad = not name.replace("__", ".").startswith(frozen)
    pairs = written_texts(args.real_before)
    print(f"{len(pairs)} texts of {len({e for _, e in pairs})} entries")
    optimiser = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01
    )
    warmup = max(1, args.steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: min((s + 1) / warmup, max(0.0, (args.steps - s) / (args.steps - warmup))),
    )
    stream = batches(pairs, args.entries, args.per_entry, random.Random(args.seed))
    started, running = time.perf_counter(), 0.0
    for step in range(args.steps):
        texts, labels = next(stream)
        ids, mask = encode(tokenizer, texts)
        loss = supervised_contrastive(model(ids, mask), labels, args.scale)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = 0.9 * running + 0.1 * loss.item() if step else loss.item()
        if step % 25 == 0 or step == args.steps - 1:
            print(
                f"step {step:>4}  loss {running:.3f}  {time.perf_counter() - started:.0f} s",
                flush=True,
            )
    np.savez(args.out, **model.saved())
    print(f"saved {args.out}")
    print_reference(model, tokenizer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
