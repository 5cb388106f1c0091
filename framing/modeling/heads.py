"""Task heads that sit on the shared encoder's token states.

All heads read the same ``last_hidden_state`` so one encoder pass serves every task.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["SentenceHead", "SpanHead", "StanceHead", "FramesHead", "pool_frames", "mean_pool", "build_head"]


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


class FramesHead(nn.Module):
    """Article-level multi-label frames from per-sentence evidence, pooled over all of an article's sentences.

    Each sentence's mean-pooled token states (the same pooling as :class:`SentenceHead`, so no extra encoder
    pass) give three rows of ``n_frames`` numbers: *evidence* ``e`` (a sentence-level frame logit),
    *attention* ``a`` and *context* ``g``. :func:`pool_frames` turns an article's rows into its frame logits:
    ``z_f = sum_s softmax_s(a_sf) * e_sf + mean_s g_sf``; the attention weights ``softmax_s(a_sf)`` say which
    sentences carry frame ``f``. The per-sentence rows are what inference stores, so an article of any length
    is pooled over all its sentences without holding more than one sentence batch of token states.
    """

    def __init__(self, hidden: int, n_frames: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.n_frames = n_frames
        self.dropout = nn.Dropout(dropout)
        self.norm = nn.LayerNorm(hidden)
        self.out = nn.Linear(hidden, 3 * n_frames)

    def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """[B, 3 * n_frames] sentence rows (evidence, attention, context) from [B, T, H] states and their mask."""
        return self.sentence_rows(mean_pool(hidden, attention_mask))

    def sentence_rows(self, pooled: torch.Tensor) -> torch.Tensor:
        """[S, 3 * n_frames] rows from [S, H] mean-pooled sentence states (what cached embeddings train)."""
        return self.out(self.dropout(self.norm(pooled)))


def pool_frames(
    rows: torch.Tensor, doc_index: torch.Tensor | None = None, n_docs: int | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Article frame logits [D, F] and attention weights [S, F] from sentence rows [S, 3F] of :class:`FramesHead`.

    ``doc_index`` [S] says which article each row belongs to (``None``: all rows are one article); the
    softmax over sentences runs within each article. Articles without rows get the context bias only (0).
    """
    rows = rows.float()
    n_frames = rows.shape[-1] // 3
    evidence, attention, context = rows[:, :n_frames], rows[:, n_frames : 2 * n_frames], rows[:, 2 * n_frames :]
    if doc_index is None:
        doc_index = torch.zeros(rows.shape[0], dtype=torch.long, device=rows.device)
        n_docs = 1
    n = int(n_docs if n_docs is not None else (int(doc_index.max()) + 1 if len(doc_index) else 0))
    idx = doc_index.unsqueeze(-1).expand(-1, n_frames)
    peak = torch.full((n, n_frames), float("-inf"), device=rows.device).scatter_reduce(
        0, idx, attention, reduce="amax", include_self=True
    )
    weights = (attention - peak[doc_index]).exp()
    norm = torch.zeros((n, n_frames), device=rows.device).index_add(0, doc_index, weights)
    weights = weights / norm[doc_index].clamp_min(1e-12)
    pooled = torch.zeros((n, n_frames), device=rows.device).index_add(0, doc_index, weights * evidence)
    counts = torch.zeros(n, device=rows.device).index_add(0, doc_index, torch.ones_like(doc_index, dtype=rows.dtype))
    mean_context = torch.zeros((n, n_frames), device=rows.device).index_add(0, doc_index, context)
    mean_context = mean_context / counts.clamp_min(1.0).unsqueeze(-1)
    return pooled + mean_context, weights


def build_head(kind: str, hidden: int, n_outputs: int, dropout: float = 0.1) -> nn.Module:
    """A fresh head of the registered task ``kind`` with ``n_outputs`` outputs (``Task.new_head``)."""
    from framing.tasks import get_task_class

    return get_task_class(kind).new_head(hidden, n_outputs, dropout)
