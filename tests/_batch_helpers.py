"""Helpers shared by the batch-scoring tests (test_batch, test_score_files, test_resume, test_ray)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

CORPUS_SENTENCES = [
    "NATO Secretary General Jens Stoltenberg said the alliance would stand with Ukraine.",
    "Critics called the plan a reckless gamble with taxpayers' money.",
    'The senator, a so-called reformer, claimed the bill was "a disaster for families".',
    "Prices rose by 3 percent in March, the statistics office reported.",
    "Putin met Biden in Geneva on Wednesday.",
    "Biden said the talks were constructive, while Putin described them as pragmatic.",
    "The radical proposal drew fierce opposition from environmental groups.",
    "Officials confirmed that the bridge will reopen next month.",
]


def build_tiny_model(backbone: str, folder: Path) -> str:
    """A random tiny framing model with sentence, span and stance heads; self-contained (full encoder)."""
    import torch

    from framing.modeling.model import FramingModel, TaskSpec

    torch.manual_seed(0)
    tasks = [
        TaskSpec("loaded", "sentence", ("non-biased", "biased"), "biased"),
        TaskSpec("loaded_words", "span", ("loaded",)),
        TaskSpec("stance", "stance", ("negative", "neutral", "positive")),
    ]
    FramingModel.new(tasks, backbone=backbone, finetune="full", max_length=64).save_pretrained(folder)
    return str(folder)


def make_corpus(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` small articles (1-4 sentences) with an id and two carried columns."""
    import random

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        k = rng.randint(1, 4)
        rows.append(
            {
                "doc": f"d{i:04d}",
                "text": " ".join(rng.sample(CORPUS_SENTENCES, k)),
                "outlet": rng.choice(["left", "centre", "right"]),
                "year": 2000 + i % 7,
            }
        )
    return rows


def records(df: Any, sort: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Rows as plain dicts (nulls as None, numpy scalars as Python), optionally sorted, for comparisons."""
    if sort:
        df = df.sort_values(list(sort), kind="stable")
    out = []
    for row in df.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if hasattr(v, "item"):
                v = v.item()
            if v is None or (isinstance(v, float) and math.isnan(v)):
                v = None
            elif isinstance(v, float) and v.is_integer() and k in INT_COLUMNS:
                v = int(v)
            clean[k] = v
        out.append(clean)
    return out


INT_COLUMNS = {
    "n_sentences",
    "n_words",
    "words_author",
    "words_quote",
    "n_spans",
    "year",
    "sentence_index",
    "start",
    "end",
    "paragraph",
    "id",
}


def assert_same_rows(left: list[dict[str, Any]], right: list[dict[str, Any]], rel: float = 0.0) -> None:
    """Same rows, same keys; floats equal (or within ``rel``), JSON strings compared as parsed JSON."""
    assert len(left) == len(right), (len(left), len(right))
    for a, b in zip(left, right, strict=True):
        assert set(a) == set(b), set(a) ^ set(b)
        for k in a:
            _same(a[k], b[k], rel, k)


def _same(x: Any, y: Any, rel: float, where: str) -> None:
    if isinstance(x, str) and isinstance(y, str) and x[:1] in "[{" and y[:1] in "[{":
        x, y = json.loads(x), json.loads(y)
    if isinstance(x, dict) and isinstance(y, dict):
        assert set(x) == set(y), (where, x, y)
        for k in x:
            _same(x[k], y[k], rel, f"{where}.{k}")
    elif isinstance(x, list) and isinstance(y, list):
        assert len(x) == len(y), (where, x, y)
        for i, (p, q) in enumerate(zip(x, y, strict=True)):
            _same(p, q, rel, f"{where}[{i}]")
    elif isinstance(x, float) or isinstance(y, float):
        assert x is not None and y is not None, (where, x, y)
        assert math.isclose(float(x), float(y), rel_tol=rel, abs_tol=rel), (where, x, y)
    else:
        assert x == y, (where, x, y)
