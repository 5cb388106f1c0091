"""``framing analyze`` end to end through the CLI entry point (tiny model for speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.cli import main


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    import torch

    from framing.modeling.model import FramingModel
    from recipes.recipe import DEFAULT_TASKS

    torch.manual_seed(1)
    folder = tmp_path_factory.mktemp("cli-model")
    FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone).save_pretrained(folder)
    return str(folder)


def test_json_output_indexes_the_file(tiny_model: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = 'The mayor said the plan was "a disaster for everyone." Critics disagreed.\n'
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    assert main(["analyze", str(f), "--model", tiny_model, "--format", "json", "--target", "mayor"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert [s["text"] for s in d["sentences"]] == [text[s["start"] : s["end"]] for s in d["sentences"]]
    assert d["profile"]["n_sentences"] == 2
    assert "mayor" in d["profile"]["targets"]


def test_text_output_and_stdin(
    tiny_model: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"One sentence. Two sentences.")))
    assert main(["analyze", "-", "--model", tiny_model]) == 0
    out = capsys.readouterr().out
    assert "Sentences: 2" in out


def test_bad_encoding_is_a_clear_error(tiny_model: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes("Stra\u00dfe und \u201cZitat\u201d.".encode("cp1252"))
    assert main(["analyze", str(f), "--model", tiny_model]) == 1
    err = capsys.readouterr().err
    assert str(f) in err and "--encoding" in err
    assert main(["analyze", str(f), "--model", tiny_model, "--encoding", "cp1252"]) == 0


def test_missing_model_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Text.", encoding="utf-8")
    assert main(["analyze", str(f), "--model", str(tmp_path / "missing")]) == 1
    assert "does not exist" in capsys.readouterr().err
