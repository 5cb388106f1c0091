"""The multi-task training loop: single-task batches drawn from every task, early stopping on dev.

Kept framework-light (plain PyTorch) so one encoder can be trained on sentence, span and
stance tasks at once; the public ``Trainer`` builds on :func:`fit`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from framing.errors import ConfigError
from framing.modeling.model import FramingModel
from framing.training.checkpoint import Checkpointer, LoopState, data_digest, trainable_state
from framing.training.examples import Example
from framing.training.features import collate, encode_examples

logger = logging.getLogger(__name__)

__all__ = ["LoopConfig", "fit", "set_seed", "dev_scores", "dev_outputs"]


@dataclass
class LoopConfig:
    """Settings of :func:`fit` (``task_weights`` scale each task's loss; ``patience`` counts dev epochs).

    ``checkpoint_dir``: where to keep a resumable checkpoint (``None``: none); it is written after every
    epoch, every ``checkpoint_minutes`` (``None``: not by time) and every ``checkpoint_steps`` steps
    (``None``: not by steps), atomically, only the latest kept. Rerunning the same call resumes from it.

    ``distill_alpha`` / ``distill_temperature``: for examples with a teacher's ``soft`` rows
    (:func:`framing.training.distill.teacher_targets`), the loss is ``(1 - alpha) * gold loss + alpha *
    T² * KL(teacher_T || student_T)``; without soft rows they do nothing.

    ``span_thresholds``: the word thresholds a span head's dev score takes the best of: the one it will be
    read at, or several when the threshold is tuned after training.

    ``task_head_learning_rates``: ``{task name: rate}`` for heads that train at another rate than
    ``head_learning_rate`` (e.g. a span head, whose linear layer learns more slowly than a pooled head).
    """

    epochs: float = 3.0
    learning_rate: float = 5e-4
    head_learning_rate: float | None = None
    batch_size: int = 16
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    max_grad_norm: float = 1.0
    seed: int = 42
    patience: int = 2
    task_weights: Mapping[str, float] = field(default_factory=dict)
    eval_batch_size: int = 64
    show_progress_bar: bool = True
    checkpoint_dir: str | os.PathLike[str] | None = None
    checkpoint_minutes: float | None = 5.0
    checkpoint_steps: int | None = None
    distill_alpha: float = 0.5
    distill_temperature: float = 2.0
    span_thresholds: tuple[float, ...] = (0.5,)
    task_head_learning_rates: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Check the checkpoint options (``ConfigError`` naming the field)."""
        if self.checkpoint_minutes is not None and not self.checkpoint_minutes > 0:
            raise ConfigError(f"checkpoint_minutes must be > 0 or None, got {self.checkpoint_minutes!r}")
        steps = self.checkpoint_steps
        if steps is not None and (not isinstance(steps, int) or isinstance(steps, bool) or steps < 1):
            raise ConfigError(f"checkpoint_steps must be a positive integer or None, got {self.checkpoint_steps!r}")
        if not 0.0 <= self.distill_alpha <= 1.0:
            raise ConfigError(f"distill_alpha must be between 0 and 1, got {self.distill_alpha!r}")
        if not 0 < self.distill_temperature < math.inf:
            raise ConfigError(f"distill_temperature must be a finite number > 0, got {self.distill_temperature!r}")
        for name, rate in self.task_head_learning_rates.items():
            if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate < math.inf:
                raise ConfigError(f"task_head_learning_rates[{name!r}] must be a finite number > 0, got {rate!r}")


# settings that may change between a run and its resumption
_NOT_IN_RUN_KEY = {"checkpoint_dir", "checkpoint_minutes", "checkpoint_steps", "show_progress_bar", "eval_batch_size"}


def set_seed(seed: int) -> None:
    """Seed Python's, NumPy's and torch's random generators."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _batches(n: int, size: int, rng: random.Random, feats: Sequence[dict]) -> list[list[int]]:
    """Shuffled batches of similar length (sort within shuffled chunks of 50 batches)."""
    idx = list(range(n))
    rng.shuffle(idx)
    chunk = size * 50
    out: list[list[int]] = []
    for c in range(0, n, chunk):
        part = sorted(idx[c : c + chunk], key=lambda i: len(feats[i]["input_ids"]))
        out += [part[b : b + size] for b in range(0, len(part), size)]
    rng.shuffle(out)
    return out


_BATCH_KEYS = ("input_ids", "attention_mask", "labels", "soft", "soft_weight")


def _logits(model: FramingModel, task: str, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """One task's logits for a collated batch (extra tensors such as mention masks go to the task's head)."""
    dev = model.device
    extra = {k: v.to(dev) for k, v in batch.items() if k not in _BATCH_KEYS}
    return model(batch["input_ids"].to(dev), batch["attention_mask"].to(dev), [task], **extra)[task]


def _loss(model: FramingModel, task: str, batch: dict[str, torch.Tensor], cfg: LoopConfig) -> torch.Tensor:
    """The task kind's loss (``Task.loss``) on one collated batch, mixed with distillation where it has soft targets.

    With teacher rows: ``(1 - distill_alpha) * loss + distill_alpha * Task.distill_loss`` (Hinton et al. 2015).
    """
    logits = _logits(model, task, batch)
    kind = model.tasks[task].task
    loss = kind.loss(logits, batch["labels"].to(model.device))
    if "soft" not in batch or cfg.distill_alpha == 0.0:
        return loss
    dev = model.device
    kd = kind.distill_loss(logits, batch["soft"].to(dev), batch["soft_weight"].to(dev), cfg.distill_temperature)
    return (1.0 - cfg.distill_alpha) * loss + cfg.distill_alpha * kd


@torch.inference_mode()
def dev_outputs(
    model: FramingModel, task: str, feats: Sequence[dict], batch_size: int = 64
) -> tuple[np.ndarray, np.ndarray]:
    """Flat gold labels and ``Task.dev_predictions`` of ``task`` over its encoded dev ``feats`` (ignored
    positions left out)."""
    model.eval()
    pad = model.tokenizer.pad_token_id or 0
    order = sorted(range(len(feats)), key=lambda i: len(feats[i]["input_ids"]))
    gold: list[np.ndarray] = []
    pred: list[np.ndarray] = []
    for b in range(0, len(order), batch_size):
        batch = collate([feats[i] for i in order[b : b + batch_size]], pad, model.tasks[task])
        p = model.tasks[task].task.dev_predictions(_logits(model, task, batch))
        g = batch["labels"].numpy().reshape(-1)
        keep = g != -100
        gold.append(g[keep])
        pred.append(p[keep])
    return np.concatenate(gold), np.concatenate(pred)


def dev_scores(
    model: FramingModel,
    feats: Mapping[str, Sequence[dict]],
    batch_size: int = 64,
    span_thresholds: Sequence[float] = (0.5,),
) -> dict[str, float]:
    """Each task's dev score (``Task.dev_score``: macro-F1; span tasks: word-level F1 at the best of
    ``span_thresholds``)."""
    return {
        task: model.tasks[task].task.dev_score(*dev_outputs(model, task, fs, batch_size), thresholds=span_thresholds)
        for task, fs in feats.items()
    }


def fit(
    model: FramingModel,
    train: Mapping[str, Sequence[Example]],
    dev: Mapping[str, Sequence[Example]] | None = None,
    config: LoopConfig | None = None,
) -> dict[str, Any]:
    """Train ``model`` in place on ``train[task]`` examples; keep the best dev epoch. Returns the history.

    With ``config.checkpoint_dir`` set, the run is checkpointed after every epoch and every
    ``checkpoint_minutes`` / ``checkpoint_steps``; calling ``fit`` again with the same model
    construction, data, config and ``checkpoint_dir`` continues from the latest checkpoint and ends
    with the weights and history of an uninterrupted run.
    """
    from tqdm.auto import tqdm

    cfg = config or LoopConfig()
    set_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    t0 = time.perf_counter()
    tok = model.tokenizer
    feats = {t: encode_examples(tok, model.tasks[t], ex, model.max_length) for t, ex in train.items()}
    dev_feats = {t: encode_examples(tok, model.tasks[t], ex, model.max_length) for t, ex in (dev or {}).items() if ex}
    steps_per_epoch = sum(math.ceil(len(f) / cfg.batch_size) for f in feats.values())
    total_steps = max(1, int(steps_per_epoch * cfg.epochs))
    optim, sched, params = _optimizer(model, cfg, total_steps)
    state = LoopState(history={"epochs": [], "best_epoch": None, "best_score": None, "steps": 0})
    ckpt = _checkpointer(model, cfg, optim, sched, rng, feats, dev_feats, total_steps)
    if ckpt is not None:
        state = ckpt.resume() or state
    bar = tqdm(total=total_steps, initial=state.step, disable=not cfg.show_progress_bar, desc="training", unit="step")
    while not state.finished and state.step < total_steps:
        model.train()
        if state.plan is None:
            plan = [(t, b) for t, f in feats.items() for b in _batches(len(f), cfg.batch_size, rng, f)]
            rng.shuffle(plan)
            state.plan, state.position, state.losses = plan, 0, []
        _run_epoch(model, cfg, state, feats, optim, sched, params, total_steps, bar, ckpt)
        stop = _end_epoch(model, cfg, state, dev_feats)
        state.finished = stop or state.step >= total_steps
        if ckpt is not None:
            ckpt.save(state)
        if stop:
            logger.info("early stopping after epoch %d (best %s)", state.epoch, state.history["best_epoch"])
    bar.close()
    if state.best_state is not None:
        model.load_state_dict(state.best_state, strict=False)
    model.eval()
    history = state.history
    history["steps"] = state.step
    history["train_seconds"] = round(ckpt.elapsed(state) if ckpt is not None else time.perf_counter() - t0, 1)
    return history


def _optimizer(
    model: FramingModel, cfg: LoopConfig, total_steps: int
) -> tuple[torch.optim.Optimizer, Any, list[nn.Parameter]]:
    """AdamW over the heads (head learning rate) and trainable encoder weights, linear warm-up schedule."""
    from transformers import get_linear_schedule_with_warmup

    head_params = list(model.heads.parameters())
    head_ids = {id(p) for p in head_params}
    enc_params = [p for p in model.parameters() if p.requires_grad and id(p) not in head_ids]
    groups = _head_groups(model, cfg)
    if enc_params:
        groups.append({"params": enc_params, "lr": cfg.learning_rate})
    optim = torch.optim.AdamW(groups, weight_decay=cfg.weight_decay)
    sched = get_linear_schedule_with_warmup(optim, int(cfg.warmup_ratio * total_steps), total_steps)
    return optim, sched, head_params + enc_params


def _head_groups(model: FramingModel, cfg: LoopConfig) -> list[dict[str, Any]]:
    """The heads' optimizer groups: one at ``head_learning_rate``, plus one per task named in
    ``task_head_learning_rates`` (``ConfigError`` for a name the model has no head for)."""
    rates = dict(cfg.task_head_learning_rates)
    unknown = sorted(set(rates) - set(model.heads))
    if unknown:
        raise ConfigError(f"task_head_learning_rates names {unknown}, but the model's heads are {sorted(model.heads)}")
    default = cfg.head_learning_rate or cfg.learning_rate
    shared = [p for name, head in model.heads.items() if name not in rates for p in head.parameters()]
    groups: list[dict[str, Any]] = [{"params": shared, "lr": default}] if shared or not rates else []
    groups += [{"params": list(model.heads[name].parameters()), "lr": rate} for name, rate in rates.items()]
    return groups


def _checkpointer(
    model: FramingModel,
    cfg: LoopConfig,
    optim: torch.optim.Optimizer,
    sched: Any,
    rng: random.Random,
    feats: Mapping[str, list[dict]],
    dev_feats: Mapping[str, list[dict]],
    total_steps: int,
) -> Checkpointer | None:
    """A :class:`Checkpointer` for ``cfg.checkpoint_dir`` keyed on this run's data and settings (None: off)."""
    if cfg.checkpoint_dir is None:
        return None
    settings = {k: v for k, v in asdict(cfg).items() if k not in _NOT_IN_RUN_KEY}
    if not cfg.task_head_learning_rates:  # runs from before the option existed resume
        del settings["task_head_learning_rates"]
    if not any("soft" in f for fs in feats.values() for f in fs):
        # distillation settings do nothing without teacher rows (and runs from before they existed resume)
        settings = {k: v for k, v in settings.items() if not k.startswith("distill_")}
    shapes = [[n, list(p.shape)] for n, p in model.named_parameters() if p.requires_grad]
    run_key = {
        "settings": settings,
        "total_steps": total_steps,
        "train": {t: len(f) for t, f in feats.items()},
        "dev": {t: len(f) for t, f in dev_feats.items()},
        "data_sha256": data_digest(dict(feats)),
        "trainable": hashlib.sha256(json.dumps(shapes).encode()).hexdigest()[:16],
    }
    return Checkpointer(
        cfg.checkpoint_dir,
        model=model,
        optimizer=optim,
        scheduler=sched,
        rng=rng,
        run_key=run_key,
        every_minutes=cfg.checkpoint_minutes,
        every_steps=cfg.checkpoint_steps,
    )


def _run_epoch(
    model: FramingModel,
    cfg: LoopConfig,
    state: LoopState,
    feats: Mapping[str, Sequence[dict]],
    optim: torch.optim.Optimizer,
    sched: Any,
    params: list[nn.Parameter],
    total_steps: int,
    bar: Any,
    ckpt: Checkpointer | None,
) -> None:
    """Train on the rest of ``state.plan`` (or until ``total_steps``), checkpointing when due."""
    assert state.plan is not None
    pad = model.tokenizer.pad_token_id or 0
    while state.position < len(state.plan) and state.step < total_steps:
        task, b = state.plan[state.position]
        batch = collate([feats[task][i] for i in b], pad, model.tasks[task])
        loss = _loss(model, task, batch, cfg) * float(cfg.task_weights.get(task, 1.0))
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
        optim.step()
        sched.step()
        state.step += 1
        state.position += 1
        state.losses.append(loss.item())
        bar.update(1)
        if state.step % 50 == 0:
            bar.set_postfix(loss=f"{np.mean(state.losses[-50:]):.3f}")
        if ckpt is not None and state.position < len(state.plan) and ckpt.due(state.step):
            ckpt.save(state)


def _end_epoch(model: FramingModel, cfg: LoopConfig, state: LoopState, dev_feats: Mapping[str, Sequence[dict]]) -> bool:
    """Record the epoch (dev scores, best weights, patience); returns whether to stop early."""
    state.epoch += 1
    record: dict[str, Any] = {
        "epoch": state.epoch,
        "step": state.step,
        "train_loss": float(np.mean(state.losses)) if state.losses else None,
    }
    history = state.history
    if dev_feats:
        scores = dev_scores(model, dev_feats, cfg.eval_batch_size, cfg.span_thresholds)
        score = float(np.mean(list(scores.values())))
        record.update({"dev": scores, "dev_mean": score})
        logger.info("epoch %d: loss %.4f dev %s", state.epoch, record["train_loss"] or 0.0, scores)
        if history["best_score"] is None or score > history["best_score"]:
            history["best_score"], history["best_epoch"] = score, state.epoch
            state.best_state = trainable_state(model)
            state.bad_epochs = 0
        else:
            state.bad_epochs += 1
    history["epochs"].append(record)
    state.plan, state.position, state.losses = None, 0, []
    return bool(dev_feats) and state.bad_epochs >= cfg.patience
