"""Examples -> token features and padded batches for one task (the kind's ``Task`` adds its own parts)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import torch

from framing.errors import DataError
from framing.tasks import Task, TaskSpec
from framing.training.examples import Example

logger = logging.getLogger(__name__)

__all__ = ["encode_examples", "collate"]


def encode_examples(tokenizer: Any, spec: TaskSpec, examples: Sequence[Example], max_length: int) -> list[dict]:
    """Tokenise examples of one task into feature dicts (lists, unpadded): ``Task.encode`` (``input_ids`` + more)."""
    task = spec.task
    feats = task.encode(tokenizer, examples, max_length)
    soft = [task.soft_targets(ex) for ex in examples]
    if any(rows and any(r is not None for r in rows) for rows in soft):
        # a teacher labelled some rows: every feature carries its rows (None where it has none)
        for f, rows in zip(feats, soft, strict=True):
            f["soft"] = rows
    return feats


def collate(feats: Sequence[dict], pad_id: int, task: Task | TaskSpec) -> dict[str, torch.Tensor]:
    """Pad a list of feature dicts of one task into tensors: ids, attention mask, then ``Task.collate``."""
    kind = task.task if isinstance(task, TaskSpec) else task
    width = max(len(f["input_ids"]) for f in feats)
    n = len(feats)
    ids = torch.full((n, width), pad_id, dtype=torch.long)
    att = torch.zeros((n, width), dtype=torch.long)
    for r, f in enumerate(feats):
        ids[r, : len(f["input_ids"])] = torch.tensor(f["input_ids"])
        att[r, : len(f["input_ids"])] = 1
    out = {"input_ids": ids, "attention_mask": att, **kind.collate(feats, width)}  # a kind may replace the ids
    if "soft" not in out and all("soft" in f for f in feats):  # a kind with its own soft layout made them
        out.update(_soft_rows(feats, len(kind.spec.labels), out["labels"].shape[0]))
    return out


def _soft_rows(feats: Sequence[dict], n_classes: int, n_rows: int) -> dict[str, torch.Tensor]:
    """``soft`` [N, C] teacher rows aligned with ``labels`` and ``soft_weight`` [N] (0 where a row has none).

    Only for kinds with one label per text or per target (``Task.soft_targets``), in the order of ``labels``.
    """
    rows: list[list[float]] = []
    weight: list[float] = []
    for f in feats:
        for row in f["soft"]:
            if row is not None and len(row) != n_classes:
                raise DataError(
                    f"a teacher row has {len(row)} probabilities for {n_classes} labels; "
                    "make soft rows with a teacher whose head has the same labels (teacher_targets)"
                )
            rows.append(list(row) if row is not None else [1.0 / n_classes] * n_classes)
            weight.append(1.0 if row is not None else 0.0)
    if len(rows) != n_rows:
        raise DataError(f"{len(rows)} teacher rows for {n_rows} labels: give every labelled row its soft row (or none)")
    return {"soft": torch.tensor(rows, dtype=torch.float32), "soft_weight": torch.tensor(weight)}
