"""Examples -> token features and padded batches for one task."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

from framing.modeling.alignment import mention_token_mask, span_tags
from framing.modeling.model import TaskSpec
from framing.training.examples import Example, SentenceExample, SpanExample, StanceExample

__all__ = ["encode_examples", "collate"]


def encode_examples(tokenizer: Any, spec: TaskSpec, examples: Sequence[Example], max_length: int) -> list[dict]:
    """Tokenise examples of one task into feature dicts (lists, unpadded)."""
    enc = tokenizer([ex.text for ex in examples], truncation=True, max_length=max_length, return_offsets_mapping=True)
    index = {lab: i for i, lab in enumerate(spec.outputs)}
    feats: list[dict] = []
    for i, ex in enumerate(examples):
        f: dict[str, Any] = {"input_ids": enc["input_ids"][i]}
        offsets = enc["offset_mapping"][i]
        if isinstance(ex, SentenceExample):
            f["label"] = index[ex.label]
        elif isinstance(ex, SpanExample):
            f["tags"] = span_tags(offsets, enc.word_ids(i), ex.spans, spec.outputs)
        elif isinstance(ex, StanceExample):
            f["mentions"] = [mention_token_mask(offsets, t.mentions) for t in ex.targets]
            f["mention_labels"] = [index[t.label] for t in ex.targets]
        feats.append(f)
    return feats


def collate(feats: Sequence[dict], pad_id: int) -> dict[str, torch.Tensor]:
    """Pad a list of feature dicts of one task into tensors."""
    width = max(len(f["input_ids"]) for f in feats)
    n = len(feats)
    ids = torch.full((n, width), pad_id, dtype=torch.long)
    att = torch.zeros((n, width), dtype=torch.long)
    for r, f in enumerate(feats):
        ids[r, : len(f["input_ids"])] = torch.tensor(f["input_ids"])
        att[r, : len(f["input_ids"])] = 1
    batch: dict[str, torch.Tensor] = {"input_ids": ids, "attention_mask": att}
    if "label" in feats[0]:
        batch["labels"] = torch.tensor([f["label"] for f in feats], dtype=torch.long)
    if "tags" in feats[0]:
        tags = torch.full((n, width), -100, dtype=torch.long)
        for r, f in enumerate(feats):
            tags[r, : len(f["tags"])] = torch.tensor(f["tags"])
        batch["labels"] = tags
    if "mentions" in feats[0]:
        masks, rows, labels = [], [], []
        for r, f in enumerate(feats):
            for mm, lab in zip(f["mentions"], f["mention_labels"], strict=True):
                masks.append(mm + [0] * (width - len(mm)))
                rows.append(r)
                labels.append(lab)
        batch["mention_mask"] = torch.tensor(masks, dtype=torch.long).reshape(len(masks), width)
        batch["mention_row"] = torch.tensor(rows, dtype=torch.long)
        batch["labels"] = torch.tensor(labels, dtype=torch.long)
    return batch
