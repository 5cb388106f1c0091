"""Files a saved model folder holds: safetensors only, with ordinary permissions."""

from __future__ import annotations

import os
import stat

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
