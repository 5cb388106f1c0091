"""Shared fixtures: paths to ../shared data, a tiny random backbone for mechanics tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEED_ARTICLE = SHARED / "seed" / "nato_article.txt"
SAMPLE_ARTICLE = (
    "Senators Clash Over Port Funding\n\n"
    "WASHINGTON — Sen. Maria Lopez said on Tuesday that the so-called reform bill was a reckless giveaway. "
    "\u201cThis is a disgrace. Families will pay,\u201d Lopez said.\n"
    "Her rival, Sen. John Park, insisted the plan would create jobs. Park called the criticism absurd.\n"
)
EXAMPLES = ROOT / "examples"
DEFAULT_MODEL = ROOT / "models" / "framing-default"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def need(path: Path) -> Path:
    """Skip (locally) when shared data is absent; in CI the data must be there, so fail."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return need(DATA)


@pytest.fixture(scope="session")
def seed_article() -> str:
    return need(SEED_ARTICLE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_backbone(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A 2-layer, 32-wide random BERT with the real MiniLM tokenizer, saved as a local folder."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    from framing.modeling.backbone import resolve_backbone

    folder = tmp_path_factory.mktemp("tiny-bert")
    tok = AutoTokenizer.from_pretrained(resolve_backbone(None), local_files_only=True)
    torch.manual_seed(0)
    cfg = BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    BertModel(cfg).save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    return str(folder)


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A framing model folder with the default model's three heads on ``tiny_backbone`` (random, seeded).

    Shared by the whole session: tests that change files copy it first.
    """
    import torch

    from framing import FramingModel
    from recipes.recipe import DEFAULT_TASKS

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-framing")
    FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone).save_pretrained(folder, model_card="# tiny test model\n")
    return folder
