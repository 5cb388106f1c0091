"""Examples -> token features and padded batches for one task (the kind's ``Task`` adds its own parts)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import torch

from framing.tasks import Task, TaskSpec
from framing.training.examples import Example

logger = logging.getLogger(__name__)

__all__ = ["encode_examples", "collate"]


def encode_examples(tokenizer: Any, spec: TaskSpec, examples: Sequence[Example], max_length: int) -> list[dict]:
    """Tokenise examples of one task into feature dicts (lists, unpadded): ``input_ids`` + ``Task.features``."""
    enc = tokenizer([ex.text for ex in examples], truncation=True, max_length=max_length, return_offsets_mapping=True)
    task = spec.task
    return [{"input_ids": enc["input_ids"][i], **task.features(ex, enc, i)} for i, ex in enumerate(examples)]


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
    return {"input_ids": ids, "attention_mask": att, **kind.collate(feats, width)}
