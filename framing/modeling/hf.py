"""Plain Hugging Face classifiers behind the ``FramingModel.predict`` interface.

Lets the analyzer use any ``AutoModelForSequenceClassification`` (loaded-wording sentences,
or stance with the target as the second text of a pair) or ``AutoModelForTokenClassification``
(loaded-word spans) from the hub or a local folder, alongside or instead of framing models.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from framing.errors import ConfigError, ModelLoadError
from framing.modeling.alignment import decode_spans
from framing.modeling.backbone import _quiet_transformers
from framing.modeling.model import ModelOutput, TaskSpec, _autocast, _progress

logger = logging.getLogger(__name__)

__all__ = ["HFClassifier"]


class HFClassifier:
    """A transformers classifier exposing ``tasks`` and ``predict`` like :class:`FramingModel`.

    ``kind`` is ``"sentence"``, ``"span"`` (token classification with BIO or plain labels) or
    ``"stance"`` (sequence-pair classification: sentence + target mention).
    """

    def __init__(self, name_or_path: str, kind: str, *, positive_label: str | None = None, device: Any = None) -> None:
        from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer

        _quiet_transformers()
        local = Path(name_or_path).is_dir()
        cls = AutoModelForTokenClassification if kind == "span" else AutoModelForSequenceClassification
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(name_or_path, local_files_only=local)
            self.model = cls.from_pretrained(name_or_path, local_files_only=local)
        except OSError as exc:
            raise ModelLoadError(
                f"could not load transformers classifier {name_or_path!r} ({exc}); pass a folder with config.json, "
                "tokenizer files and safetensors weights, or a reachable hub id"
            ) from exc
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelLoadError(f"{name_or_path!r} has no fast tokenizer; character offsets need one")
        self.model.eval()
        if device is not None:
            self.model.to(device)
        id2label = {int(k): str(v) for k, v in self.model.config.id2label.items()}
        labels = [id2label[i] for i in range(len(id2label))]
        self.kind = kind
        self.source = name_or_path
        self.max_length = min(int(getattr(self.tokenizer, "model_max_length", 512) or 512), 512)
        if kind == "span":
            # plain (non-BIO) labels become I- tags with a zero-probability B- column, so neighbours join
            self.tags = [lab if lab == "O" or lab[:2] in ("B-", "I-") else f"I-{lab}" for lab in labels]
            span_labels = sorted({t[2:] for t in self.tags if t != "O"})
            self.tags += [f"{p}-{lab}" for lab in span_labels for p in ("B", "I") if f"{p}-{lab}" not in self.tags]
            self.tasks = {"spans": TaskSpec("spans", "span", tuple(span_labels))}
        else:
            if positive_label is None and kind == "sentence" and len(labels) == 2:
                positive_label = labels[1]
            self.tasks = {kind: TaskSpec(kind, kind, tuple(labels), positive_label)}  # type: ignore[arg-type]

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    def predict(
        self,
        texts: Sequence[str],
        mentions: Sequence[Sequence[Sequence[tuple[int, int]]]] | None = None,
        *,
        tasks: Iterable[str] | None = None,
        batch_size: int = 32,
        span_threshold: float = 0.5,
        show_progress_bar: bool | None = None,
    ) -> list[ModelOutput]:
        outs = [ModelOutput() for _ in texts]
        if self.kind == "stance":
            if mentions is None:
                raise ConfigError("a stance classifier needs mentions")
            pairs = [(i, t, texts[i][g[0][0] : g[0][1]]) for i, t in enumerate(texts) for g in mentions[i] if g]
            for i in range(len(texts)):
                outs[i].stance["stance"] = []
            probs = self._classify([p[1] for p in pairs], [p[2] for p in pairs], batch_size, show_progress_bar)
            for (i, _, _), p in zip(pairs, probs, strict=True):
                outs[i].stance["stance"].append(p)
            return outs
        if self.kind == "sentence":
            for o, p in zip(outs, self._classify(list(texts), None, batch_size, show_progress_bar), strict=True):
                o.sentence["sentence"] = p
            return outs
        for idx, enc, offsets, probs in self._batches(list(texts), None, batch_size, show_progress_bar, offsets=True):
            probs = _to_tag_probs(probs, len(self.tags))
            for r, i in enumerate(idx):
                outs[i].spans["spans"] = decode_spans(
                    probs[r], [tuple(o) for o in offsets[r]], enc.word_ids(r), self.tags, span_threshold, texts[i]
                )
        return outs

    def _classify(
        self, texts: list[str], pairs: list[str] | None, batch_size: int, show: bool | None
    ) -> list[np.ndarray]:
        result: list[np.ndarray | None] = [None] * len(texts)
        for idx, _, _, probs in self._batches(texts, pairs, batch_size, show):
            for r, i in enumerate(idx):
                result[i] = probs[r]
        return [r for r in result if r is not None]

    def _batches(
        self, texts: list[str], pairs: list[str] | None, batch_size: int, show: bool | None, offsets: bool = False
    ) -> Iterator[tuple[list[int], Any, list | None, np.ndarray]]:
        """Length-sorted batches: (input indices, encoding, char offsets or None, softmax probabilities)."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        bar = _progress(len(texts), show)
        try:
            with torch.inference_mode(), _autocast(self.device):
                for b in range(0, len(order), batch_size):
                    idx = order[b : b + batch_size]
                    enc = self.tokenizer(
                        [texts[i] for i in idx],
                        [pairs[i] for i in idx] if pairs is not None else None,
                        truncation=True,
                        max_length=self.max_length,
                        padding=True,
                        return_offsets_mapping=offsets,
                        return_tensors="pt",
                    )
                    offs = enc.pop("offset_mapping").tolist() if offsets else None
                    logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits.float()
                    yield idx, enc, offs, logits.softmax(-1).cpu().numpy()
                    bar.update(len(idx))
        finally:
            bar.close()


def _to_tag_probs(probs: np.ndarray, n_tags: int) -> np.ndarray:
    """Pad plain-label probabilities with zero columns for the synthetic tags."""
    if probs.shape[-1] == n_tags:
        return probs
    pad = np.zeros(probs.shape[:-1] + (n_tags - probs.shape[-1],), dtype=probs.dtype)
    return np.concatenate([probs, pad], axis=-1)
