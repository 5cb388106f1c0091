"""Task heads that sit on the shared encoder's token states.

All heads read the same ``last_hidden_state`` so one encoder pass serves every task.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["SentenceHead", "SpanHead", "StanceHead", "mean_pool", "build_head"]


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of ``hidden`` [B, T, H] over positions where ``mask`` [B, T] is 1."""
    mask = mask.to(hidden.dtype).unsqueeze(-1)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)


class SentenceHead(nn.Module):
    """Sentence classification from the mean-pooled token states."""

    def __init__(self, hidden: int, n_labels: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(hidden, n_labels)

    def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """[B, C] logits from [B, T, H] states and their [B, T] mask."""
        return self.out(self.dropout(mean_pool(hidden, attention_mask)))


class SpanHead(nn.Module):
    """Per-token BIO tagging (``O``, ``B-x``, ``I-x``)."""

    def __init__(self, hidden: int, n_tags: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(hidden, n_tags)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        """[B, T, tags] logits."""
        return self.out(self.dropout(hidden))


class StanceHead(nn.Module):
    """Stance toward a target from [mention; sentence; mention * sentence] pooled states.

    One encoder pass serves every target in a sentence: each target is a token mask over
    that sentence's states (``mention_mask`` [M, T], ``mention_row`` [M] row indices).
    """

    def __init__(self, hidden: int, n_labels: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.proj = nn.Linear(3 * hidden, hidden)
        self.act = nn.GELU()
        self.out = nn.Linear(hidden, n_labels)

    def forward(
        self,
        hidden: torch.Tensor,
        attention_mask: torch.Tensor,
        mention_mask: torch.Tensor,
        mention_row: torch.Tensor,
    ) -> torch.Tensor:
        """[M, C] logits, one row per mention mask."""
        sent = mean_pool(hidden, attention_mask)[mention_row]
        rows = hidden[mention_row]
        has = mention_mask.sum(1, keepdim=True) > 0
        ment = torch.where(has, mean_pool(rows, mention_mask), sent)
        feats = torch.cat([ment, sent, ment * sent], dim=-1)
        return self.out(self.dropout(self.act(self.proj(self.dropout(feats)))))


def build_head(kind: str, hidden: int, n_outputs: int, dropout: float = 0.1) -> nn.Module:
    """A fresh head of the registered task ``kind`` with ``n_outputs`` outputs (``Task.new_head``)."""
    from framing.tasks import get_task_class

    return get_task_class(kind).new_head(hidden, n_outputs, dropout)
