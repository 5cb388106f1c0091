"""Temperature scaling: calibrated probabilities from a classifier head (sentence, stance).

One scalar ``T`` per task divides the head's logits before the softmax (``TaskSpec.temperature``,
saved in ``framing_config.json``). ``T`` is fitted on held-out (dev) examples by minimising their
negative log-likelihood over ``log T`` with L-BFGS; argmax predictions do not change, only how
confident they are::

    from framing.training.calibrate import fit_temperature

    t = fit_temperature(model, "loaded", dev_examples)
    model.set_temperature("loaded", t).save_pretrained("models/calibrated")
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.errors import ConfigError, DataError

logger = logging.getLogger(__name__)

__all__ = ["fit_temperature", "fit_temperature_to_logits", "negative_log_likelihood"]

MIN_TEMPERATURE, MAX_TEMPERATURE = 0.01, 100.0


def negative_log_likelihood(logits: np.ndarray, gold: Sequence[int], temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of class indices ``gold`` under ``softmax(logits / temperature)``."""
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z = z - z.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    gold_arr = np.asarray(gold, dtype=int)
    return float(-log_probs[np.arange(len(gold_arr)), gold_arr].mean())


def fit_temperature_to_logits(logits: np.ndarray, gold: Sequence[int]) -> float:
    """The temperature minimising :func:`negative_log_likelihood` (L-BFGS on ``log T``, kept in [0.01, 100])."""
    import torch

    if len(gold) == 0:
        raise DataError("no examples to fit a temperature on: pass labelled dev examples")
    z = torch.as_tensor(np.asarray(logits, dtype=np.float64))
    y = torch.as_tensor(np.asarray(gold, dtype=np.int64))
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.5, max_iter=100, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(z / log_t.exp(), y)
        loss.backward()
        return loss

    opt.step(closure)
    t = float(np.clip(np.exp(log_t.item()), MIN_TEMPERATURE, MAX_TEMPERATURE))
    if not np.isfinite(t) or negative_log_likelihood(logits, gold, t) > negative_log_likelihood(logits, gold, 1.0):
        return 1.0
    return t


def fit_temperature(model: Any, task: str, dev_examples: Sequence[Any], *, batch_size: int = 64) -> float:
    """Fit the temperature of classifier ``task`` of ``model`` (a FramingModel) on labelled ``dev_examples``.

    ``dev_examples`` are the task's examples (``SentenceExample`` / ``StanceExample``; a table goes
    through :func:`framing.training.prepare_examples` first). The model is not changed: store the
    result with ``model.set_temperature(task, t)``. A temperature the model already has is taken
    into account (the fit starts from its raw logits).
    """
    from framing.tasks import ClassificationTask

    if task not in model.tasks:
        raise ConfigError(f"unknown task {task!r}; this model has {list(model.tasks)}")
    spec = model.tasks[task]
    if not isinstance(spec.task, ClassificationTask):
        raise ConfigError(
            f"task {task!r} is a {spec.kind} task: temperature scaling fits classifiers (sentence, stance)"
        )
    rows, gold = spec.task.scored_rows(model, dev_examples, batch_size=batch_size, show_progress_bar=False)
    if not gold:
        raise DataError(f"no labelled examples for task {task!r} among the {len(dev_examples)} given")
    probs = np.clip(np.stack(rows).astype(np.float64), np.finfo(np.float32).tiny, 1.0)
    logits = np.log(probs) * spec.temperature  # softmax(logits) == the uncalibrated probabilities
    t = fit_temperature_to_logits(logits, gold)
    logger.info(
        "task %s: temperature %.3f (dev NLL %.4f -> %.4f over %d examples)",
        task,
        t,
        negative_log_likelihood(logits, gold),
        negative_log_likelihood(logits, gold, t),
        len(gold),
    )
    return t
