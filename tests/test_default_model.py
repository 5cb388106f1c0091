"""The shipped default model: loads offline over the pip backbone, and keeps a quality floor.

A regression in the shipped artifacts (or in the loading path) breaks these tests.
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import DATA, SEED_ARTICLE, need

from framing.analyzer import Analyzer, default_model_path
from framing.modeling.model import FramingModel
from framing.training.evaluate import evaluate_examples
from recipes import corpora

pytestmark = pytest.mark.slow  # shipped-model quality floors: part of `make test`, not the quick run

# Floors sit 1.5-3 points under what the shipped model measured on these fixed samples
# (v3: 0.784 / 0.519 / 0.785 / 0.792 for BABE sentences / words / NewsMTSC rw / mt; v2 was
# 0.803 / 0.531 / 0.787 / -, v1 0.777 / 0.484 / 0.770 / -), a margin for seed noise (one seed moves
# BABE `test` by up to 2 points); full held-out numbers in models/framing-default/README.md.
FLOORS = {
    "babe_sentence_macro_f1": 0.77,
    "babe_span_word_f1": 0.49,
    "newsmtsc_rw_macro_f1": 0.765,
    "newsmtsc_mt_macro_f1": 0.765,
}
N_SAMPLE = 200


@pytest.fixture(scope="module")
def model() -> FramingModel:
    folder = default_model_path()
    assert (folder / "framing_config.json").is_file(), f"{folder} must be shipped in the repository"
    return FramingModel.from_pretrained(folder)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _sample(items: list, n: int = N_SAMPLE, seed: int = 0) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items[:n]


def test_shipped_files_are_small_safetensors() -> None:
    folder = default_model_path()
    files = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
    assert {"framing_config.json", "heads.safetensors", "adapter.safetensors", "README.md"} <= set(files)
    assert sum(files.values()) <= 10 * 1024 * 1024
    assert not [n for n in files if n.endswith((".bin", ".pt", ".pth", ".pkl", ".pickle"))]
    cfg = json.loads((folder / "framing_config.json").read_text())
    assert cfg["backbone"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert {t["kind"] for t in cfg["tasks"]} == {"sentence", "span", "stance", "frames"}


def test_inference_loads_without_peft_and_matches_it(model: FramingModel) -> None:
    """The shipped LoRA adapter is merged without importing peft, bit-identical to peft's merge."""
    import subprocess
    import sys

    import torch

    code = (
        "import sys, framing; from framing.modeling.model import FramingModel; "
        "from framing.analyzer import default_model_path; FramingModel.from_pretrained(default_model_path()); "
        "print('peft' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr[-2000:]
    from framing.modeling.scorer import Scorer

    assert isinstance(model, Scorer)
    via_peft = FramingModel.from_pretrained(default_model_path(), merge_adapter=False).merge_adapter()
    a, b = model.encoder.state_dict(), via_peft.encoder.state_dict()
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_babe_sentence_floor(model: FramingModel) -> None:
    ex = _sample(corpora.babe_sentences(need(DATA) / "babe" / "babe_sg2.jsonl", ["test"]))
    f1 = evaluate_examples(model, "loaded", ex).metrics["macro_f1"]
    assert f1 >= FLOORS["babe_sentence_macro_f1"], f1


def test_babe_span_floor(model: FramingModel) -> None:
    ex = _sample(corpora.babe_spans(need(DATA) / "babe" / "babe_sg2.jsonl", ["test"]))
    threshold = model.extra_config["span_threshold"]
    f1 = evaluate_examples(model, "loaded_words", ex, span_threshold=threshold).metrics["token"]["f1"]
    assert f1 >= FLOORS["babe_span_word_f1"], f1


@pytest.mark.parametrize("split", ["rw", "mt"])
def test_newsmtsc_stance_floor(model: FramingModel, split: str) -> None:
    ex = _sample(corpora.newsmtsc_stance(need(DATA) / "newsmtsc" / f"devtest_{split}.jsonl"))
    f1 = evaluate_examples(model, "stance", ex).metrics["macro_f1"]
    assert f1 >= FLOORS[f"newsmtsc_{split}_macro_f1"], f1


def test_seed_article_end_to_end(analyzer: Analyzer) -> None:
    text = need(SEED_ARTICLE).read_text(encoding="utf-8")
    p = analyzer.analyze(text)
    d = json.loads(p.to_json())
    for s in d["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
        for sp in s["spans"]:
            assert text[sp["start"] : sp["end"]] == sp["text"]
    quoted = [s for s in d["sentences"] if s["voice"] == "quote"]
    assert quoted and {s["speaker"] for s in quoted} >= {"Stoltenberg"}
    assert any("Stoltenberg" in name for name in d["profile"]["targets"])
    assert any("despotic" in t for t in _loaded_author(d)), _loaded_author(d)


def _loaded_author(d: dict) -> set[str]:
    return {sp["text"].lower() for s in d["sentences"] for sp in s["spans"] if sp["voice"] == "author"}


@pytest.mark.xfail(strict=True, reason="known gap: the shipped model does not flag 'in perpetuity' (see model card)")
def test_seed_article_in_perpetuity(analyzer: Analyzer) -> None:
    d = analyzer.analyze(need(SEED_ARTICLE).read_text(encoding="utf-8")).to_dict()
    assert any("perpetuity" in t for t in _loaded_author(d)), _loaded_author(d)
