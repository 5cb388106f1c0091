"""The multi-task training loop: single-task batches drawn from every task, early stopping on dev.

Kept framework-light (plain PyTorch) so one encoder can be trained on sentence, span and
stance tasks at once; the public ``Trainer`` builds on :func:`fit`.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from framing.modeling.model import FramingModel
from framing.training.examples import Example
from framing.training.features import collate, encode_examples

logger = logging.getLogger(__name__)

__all__ = ["LoopConfig", "fit", "set_seed", "dev_scores"]


@dataclass
class LoopConfig:
    """Settings of :func:`fit` (``task_weights`` scale each task's loss; ``patience`` counts dev epochs)."""

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


_BATCH_KEYS = ("input_ids", "attention_mask", "labels")


def _logits(model: FramingModel, task: str, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """One task's logits for a collated batch (extra tensors such as mention masks go to the task's head)."""
    dev = model.device
    extra = {k: v.to(dev) for k, v in batch.items() if k not in _BATCH_KEYS}
    return model(batch["input_ids"].to(dev), batch["attention_mask"].to(dev), [task], **extra)[task]


def _loss(model: FramingModel, task: str, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """The task kind's loss (``Task.loss``) on one collated batch."""
    logits = _logits(model, task, batch)
    return model.tasks[task].task.loss(logits, batch["labels"].to(model.device))


@torch.inference_mode()
def dev_scores(model: FramingModel, feats: Mapping[str, Sequence[dict]], batch_size: int = 64) -> dict[str, float]:
    """Each task's dev score (``Task.dev_score``: macro-F1; span tasks: token-level F1 of inside-vs-outside)."""
    model.eval()
    pad = model.tokenizer.pad_token_id or 0
    scores: dict[str, float] = {}
    for task, fs in feats.items():
        order = sorted(range(len(fs)), key=lambda i: len(fs[i]["input_ids"]))
        gold: list[np.ndarray] = []
        pred: list[np.ndarray] = []
        for b in range(0, len(order), batch_size):
            batch = collate([fs[i] for i in order[b : b + batch_size]], pad, model.tasks[task])
            p = _logits(model, task, batch).argmax(-1).cpu().numpy().reshape(-1)
            g = batch["labels"].numpy().reshape(-1)
            keep = g != -100
            gold.append(g[keep])
            pred.append(p[keep])
        scores[task] = model.tasks[task].task.dev_score(np.concatenate(gold), np.concatenate(pred))
    return scores


def fit(
    model: FramingModel,
    train: Mapping[str, Sequence[Example]],
    dev: Mapping[str, Sequence[Example]] | None = None,
    config: LoopConfig | None = None,
) -> dict[str, Any]:
    """Train ``model`` in place on ``train[task]`` examples; keep the best dev epoch. Returns the history."""
    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup

    cfg = config or LoopConfig()
    set_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    tok = model.tokenizer
    pad = tok.pad_token_id or 0
    t0 = time.perf_counter()
    feats = {t: encode_examples(tok, model.tasks[t], ex, model.max_length) for t, ex in train.items()}
    dev_feats = {t: encode_examples(tok, model.tasks[t], ex, model.max_length) for t, ex in (dev or {}).items() if ex}
    steps_per_epoch = sum(math.ceil(len(f) / cfg.batch_size) for f in feats.values())
    total_steps = max(1, int(steps_per_epoch * cfg.epochs))
    head_params = list(model.heads.parameters())
    head_ids = {id(p) for p in head_params}
    enc_params = [p for p in model.parameters() if p.requires_grad and id(p) not in head_ids]
    groups: list[dict[str, Any]] = [{"params": head_params, "lr": cfg.head_learning_rate or cfg.learning_rate}]
    if enc_params:
        groups.append({"params": enc_params, "lr": cfg.learning_rate})
    optim = torch.optim.AdamW(groups, weight_decay=cfg.weight_decay)
    sched = get_linear_schedule_with_warmup(optim, int(cfg.warmup_ratio * total_steps), total_steps)
    history: dict[str, Any] = {"epochs": [], "best_epoch": None, "best_score": None, "steps": 0}
    best_state: dict[str, torch.Tensor] | None = None
    bad_epochs = 0
    step = 0
    bar = tqdm(total=total_steps, disable=not cfg.show_progress_bar, desc="training", unit="step")
    epoch = 0
    while step < total_steps:
        model.train()
        plan = [(t, b) for t, f in feats.items() for b in _batches(len(f), cfg.batch_size, rng, f)]
        rng.shuffle(plan)
        losses: list[float] = []
        for task, b in plan:
            if step >= total_steps:
                break
            batch = collate([feats[task][i] for i in b], pad, model.tasks[task])
            loss = _loss(model, task, batch) * float(cfg.task_weights.get(task, 1.0))
            optim.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], cfg.max_grad_norm)
            optim.step()
            sched.step()
            step += 1
            losses.append(loss.item())
            bar.update(1)
            if step % 50 == 0:
                bar.set_postfix(loss=f"{np.mean(losses[-50:]):.3f}")
        epoch += 1
        record: dict[str, Any] = {
            "epoch": epoch,
            "step": step,
            "train_loss": float(np.mean(losses)) if losses else None,
        }
        if dev_feats:
            scores = dev_scores(model, dev_feats, cfg.eval_batch_size)
            score = float(np.mean(list(scores.values())))
            record.update({"dev": scores, "dev_mean": score})
            logger.info("epoch %d: loss %.4f dev %s", epoch, record["train_loss"] or 0.0, scores)
            if history["best_score"] is None or score > history["best_score"]:
                history["best_score"], history["best_epoch"] = score, epoch
                best_state = _trainable_state(model)
                bad_epochs = 0
            else:
                bad_epochs += 1
        history["epochs"].append(record)
        if dev_feats and bad_epochs >= cfg.patience:
            logger.info("early stopping after epoch %d (best %s)", epoch, history["best_epoch"])
            break
    bar.close()
    if best_state is not None:
        model.load_state_dict(best_state, strict=False)
    model.eval()
    history["steps"] = step
    history["train_seconds"] = round(time.perf_counter() - t0, 1)
    return history


def _trainable_state(model: nn.Module) -> dict[str, torch.Tensor]:
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    return {k: v.detach().clone() for k, v in model.state_dict().items() if k in names or k.startswith("heads.")}
