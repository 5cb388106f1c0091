"""Files a saved model folder holds: safetensors only, with ordinary permissions."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from framing import FramingModel
from recipes.recipe import DEFAULT_TASKS


def test_saved_files_follow_the_umask(tiny_backbone: str, tmp_path) -> None:
    old = os.umask(0o022)
    try:
        folder = FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone).save_pretrained(tmp_path / "m")
    finally:
        os.umask(old)
    names = sorted(p.name for p in folder.iterdir())
    assert "adapter.safetensors" in names and "heads.safetensors" in names
    for p in folder.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p.name


LARGE = Path(__file__).resolve().parents[1] / "models" / "framing-large"


def test_shipped_large_model_is_small_fp16_safetensors_with_its_card() -> None:
    """models/framing-large: adapter + stance head in fp16 (<= 15 MB in all), and the generated card."""
    from safetensors import safe_open

    from framing.training.card import card_data_for_folder

    files = {p.name: p.stat().st_size for p in LARGE.iterdir()}
    assert set(files) == {
        "framing_config.json",
        "adapter.safetensors",
        "heads.safetensors",
        "training_history.json",
        "eval_heldout.json",
        "README.md",
    }
    assert sum(files.values()) <= 15 * 1024 * 1024
    cfg = json.loads((LARGE / "framing_config.json").read_text(encoding="utf-8"))
    assert cfg["backbone"] == "sentence-transformers/all-mpnet-base-v2" and cfg["storage_dtype"] == "float16"
    assert [t["kind"] for t in cfg["tasks"]] == ["stance"]
    for name in ("adapter.safetensors", "heads.safetensors"):
        with safe_open(str(LARGE / name), "pt") as fh:
            assert {fh.get_slice(k).get_dtype() for k in fh.keys()} == {"F16"}, name
    card = (LARGE / "README.md").read_text(encoding="utf-8")
    # regenerate with `python -m framing.training.card models/framing-large` (it also reads ../framing-default)
    assert card_data_for_folder(LARGE).render() == card
    for kept in ("python -m framing.backbones fetch mpnet", 'Analyzer(model="large")', "NewsMTSC", "| MIT |"):
        assert kept in card, kept
