"""Resumable ``fit``: an interrupted run continues from its checkpoint to an uninterrupted run's weights and history."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
import torch

from framing.errors import ConfigError
from framing.modeling.model import FramingModel
from framing.training import loop
from framing.training.checkpoint import latest_checkpoint
from framing.training.examples import SentenceExample, SpanExample, StanceExample, StanceTarget
from framing.training.loop import LoopConfig, fit
from recipes import corpora
from recipes.recipe import DEFAULT_TASKS

WORDS = ["radical", "calm", "shameful", "routine", "corrupt", "quiet"]
STEPS_PER_EPOCH = 7  # 6 sentences, 4 span texts, 4 stance texts in batches of 2: 3 + 2 + 2


class Interrupted(Exception):
    """Stands in for a killed process."""


def _data() -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    sentences = [
        SentenceExample(f"The {w} council met on day {i}.", "biased" if i % 2 else "non-biased")
        for i, w in enumerate(WORDS)
    ]
    spans = []
    for i, w in enumerate(WORDS[:4]):
        text = f"Critics called it {w} again."
        start = text.index(w)
        spans.append(SpanExample(text, ((start, start + len(w), corpora.SPAN_LABEL),) if i % 2 == 0 else ()))
    stance = []
    for i, name in enumerate(["Jones", "Brown", "Smith", "Lee"]):
        text = f"Smith praised {name} on Monday."
        start = text.index(name, 6) if name == "Smith" else text.index(name)
        stance.append(
            StanceExample(
                text, (StanceTarget(((start, start + len(name)),), ["negative", "neutral", "positive"][i % 3]),)
            )
        )
    train = {"loaded": sentences, "loaded_words": spans, "stance": stance}
    dev = {k: v[:2] for k, v in train.items()}
    return train, dev


def _model(backbone: str) -> FramingModel:
    torch.manual_seed(0)
    return FramingModel.new(DEFAULT_TASKS, backbone=backbone, max_length=32)  # LoRA, dropout on: RNG matters


def _config(checkpoint_dir: Path | None = None, **kw: Any) -> LoopConfig:
    settings: dict[str, Any] = dict(
        epochs=2.5,  # a partial last epoch too
        learning_rate=1e-2,
        head_learning_rate=1e-2,
        batch_size=2,
        seed=3,
        patience=10,
        show_progress_bar=False,
        checkpoint_dir=checkpoint_dir,
        checkpoint_steps=2,
        checkpoint_minutes=None,
    )
    settings.update(kw)
    return LoopConfig(**settings)


def _weights(model: FramingModel) -> dict[str, torch.Tensor]:
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    return {k: v.clone() for k, v in model.state_dict().items() if k in names or k.startswith("heads.")}


def _without_timing(history: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in history.items() if k != "train_seconds"}


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """Make the ``calls + 1``-th training step raise, as if the process died there."""
    real = loop._loss
    count = {"n": 0}

    def loss(*args: Any, **kwargs: Any) -> torch.Tensor:
        count["n"] += 1
        if count["n"] > calls:
            raise Interrupted
        return real(*args, **kwargs)

    monkeypatch.setattr(loop, "_loss", loss)


@pytest.fixture(scope="module")
def reference(tiny_backbone: str) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Weights and history of the uninterrupted run."""
    train, dev = _data()
    model = _model(tiny_backbone)
    history = fit(model, train, dev, _config())
    assert history["steps"] == int(2.5 * STEPS_PER_EPOCH)
    return _weights(model), history


@pytest.mark.slow  # trains the tiny model three times (~80 s on 2 cores): part of `make test`
def test_interrupted_twice_then_resumed_equals_uninterrupted(
    tiny_backbone: str,
    reference: tuple,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ref_weights, ref_history = reference
    train, dev = _data()
    ckpt = tmp_path / "ckpt"
    # dies in step 6 (last checkpoint: step 4, mid epoch 1), then in step 11 (checkpoint: step 10, mid epoch 2)
    for die_after, saved_step in ((5, 4), (6, 10)):
        with monkeypatch.context() as mp:
            _interrupt_after(mp, die_after)
            with pytest.raises(Interrupted):
                fit(_model(tiny_backbone), train, dev, _config(ckpt))
        state = json.loads((latest_checkpoint(ckpt) / "state.json").read_text())  # type: ignore[operator]
        assert state["step"] == saved_step and state["plan"] is not None
    caplog.set_level(logging.INFO, logger="framing.training.checkpoint")
    model = _model(tiny_backbone)
    history = fit(model, train, dev, _config(ckpt))
    assert "resuming from" in caplog.text and "step 10 of 17" in caplog.text
    assert _without_timing(history) == _without_timing(ref_history)
    weights = _weights(model)
    assert weights.keys() == ref_weights.keys()
    for name, tensor in ref_weights.items():
        assert torch.equal(weights[name], tensor), name  # bit-identical on CPU
    # only the latest checkpoint is kept, as safetensors + JSON
    latest = latest_checkpoint(ckpt)
    assert latest is not None and [p.name for p in ckpt.iterdir()] == [latest.name]
    files = sorted(p.name for p in latest.iterdir())
    assert files == ["best.safetensors", "model.safetensors", "optimizer.safetensors", "rng.safetensors", "state.json"]
    # a rerun of the finished run returns its result without training
    _interrupt_after(monkeypatch, 0)
    model = _model(tiny_backbone)
    again = fit(model, train, dev, _config(ckpt))
    assert "finished run" in caplog.text
    assert _without_timing(again) == _without_timing(ref_history)
    assert all(torch.equal(_weights(model)[name], tensor) for name, tensor in ref_weights.items())


def test_checkpoint_of_another_run_is_refused(
    tiny_backbone: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    train, dev = _data()
    ckpt = tmp_path / "ckpt"
    with monkeypatch.context() as mp:
        _interrupt_after(mp, 2)
        with pytest.raises(Interrupted):
            fit(_model(tiny_backbone), train, dev, _config(ckpt))
    with pytest.raises(ConfigError, match=r"another training run \(settings differ\).*another checkpoint_dir"):
        fit(_model(tiny_backbone), train, dev, _config(ckpt, learning_rate=5e-3))
    fewer = {**train, "loaded": train["loaded"][:-1]}
    with pytest.raises(ConfigError, match="data_sha256"):
        fit(_model(tiny_backbone), fewer, dev, _config(ckpt))


@pytest.mark.parametrize("field,value", [("checkpoint_minutes", 0), ("checkpoint_steps", 0), ("checkpoint_steps", 1.5)])
def test_loop_config_checks_checkpoint_options(field: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=field):
        LoopConfig(**{field: value})


def test_training_arguments_and_cli_expose_checkpointing(tmp_path: Path) -> None:
    from framing.cli import build_parser
    from framing.training import Trainer, TrainingArguments

    out, ckpt = tmp_path / "model", tmp_path / "model" / "ckpt"
    args = TrainingArguments(task="sentence", output_dir=out, checkpoint_dir=str(ckpt), checkpoint_steps=10)
    assert args.checkpoint_dir == ckpt and args.to_dict()["checkpoint_dir"] == str(ckpt)
    with pytest.raises(ConfigError, match="checkpoint_minutes"):
        args.replace(checkpoint_minutes=-1)
    ckpt.mkdir(parents=True)
    trainer = Trainer(args=args, train_dataset=[{"text": "a", "label": "x"}])
    assert trainer._check_output_dir() == out  # a checkpoint folder inside output_dir does not make it "not empty"
    (out / "other.txt").write_text("x")
    with pytest.raises(ConfigError, match="not empty"):
        trainer._check_output_dir()
    cli = build_parser().parse_args(["train", "data.csv", "--task", "sentence", "-o", "m", "--checkpoint-dir", "c"])
    assert cli.checkpoint_dir == "c" and cli.checkpoint_minutes == 5.0
