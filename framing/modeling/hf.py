"""Plain Hugging Face classifiers behind the :class:`~framing.modeling.scorer.Scorer` protocol.

Lets the analyzer use any ``AutoModelForSequenceClassification`` (loaded-wording sentences,
or stance with the target as the second text of a pair) or ``AutoModelForTokenClassification``
(loaded-word spans) from the hub or a local folder, alongside or instead of framing models.
How a kind runs on such a classifier is the kind's own (``Task.hf_spec`` / ``Task.hf_predict``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from framing.errors import ConfigError, ModelLoadError
from framing.modeling.scorer import Mentions, ModelOutput
from framing.runtime import autocast, progress_bar, quiet_transformers
from framing.tasks import TaskSpec, get_task_class

logger = logging.getLogger(__name__)

__all__ = ["HFClassifier"]


class HFClassifier:
    """A transformers classifier exposing ``tasks`` and ``predict`` like :class:`FramingModel` (a ``Scorer``).

    ``kind`` is a registered task kind with a transformers head: ``"sentence"``, ``"span"`` (token
    classification with BIO or plain labels) or ``"stance"`` (sequence-pair classification: sentence +
    target mention).
    """

    def __init__(self, name_or_path: str, kind: str, *, positive_label: str | None = None, device: Any = None) -> None:
        import transformers

        task_cls = get_task_class(kind)
        if task_cls.hf_auto_class is None:
            raise ConfigError(f"task kind {kind!r} has no plain transformers classifier")
        quiet_transformers()
        local = Path(name_or_path).is_dir()
        cls = getattr(transformers, task_cls.hf_auto_class)
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(name_or_path, local_files_only=local)
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
        #: the classifier's own labels, in output order
        self.labels = [id2label[i] for i in range(len(id2label))]
        self.kind = kind
        self.source = name_or_path
        self.extra_config: dict[str, Any] = {}
        self.max_length = min(int(getattr(self.tokenizer, "model_max_length", 512) or 512), 512)
        spec = task_cls.hf_spec(self.labels, positive_label)
        self.tasks: dict[str, TaskSpec] = {spec.name: spec}

    @property
    def device(self) -> torch.device:
        """Where the classifier's weights are."""
        return next(self.model.parameters()).device

    def predict(
        self,
        texts: Sequence[str],
        mentions: Sequence[Mentions] | None = None,
        *,
        tasks: Iterable[str] | None = None,
        batch_size: int = 32,
        span_threshold: float = 0.5,
        show_progress_bar: bool | None = None,
    ) -> list[ModelOutput]:
        """One :class:`ModelOutput` per text, filled by the kind's ``Task.hf_predict``."""
        outs = [ModelOutput() for _ in texts]
        for spec in self.tasks.values():
            task = spec.task
            values = task.hf_predict(
                self,
                texts,
                mentions,
                batch_size=batch_size,
                span_threshold=span_threshold,
                show_progress_bar=show_progress_bar,
            )
            for out, value in zip(outs, values, strict=True):
                out.put(task.output_field, spec.name, value)
        return outs

    def classify(
        self, texts: list[str], pairs: list[str] | None, batch_size: int, show: bool | None
    ) -> list[np.ndarray]:
        """Class probabilities of each text (or ``(text, pair)``), in input order."""
        result: list[np.ndarray | None] = [None] * len(texts)
        for idx, _, _, probs in self.batches(texts, pairs, batch_size, show):
            for r, i in enumerate(idx):
                result[i] = probs[r]
        return [r for r in result if r is not None]

    def batches(
        self, texts: list[str], pairs: list[str] | None, batch_size: int, show: bool | None, offsets: bool = False
    ) -> Iterator[tuple[list[int], Any, list | None, np.ndarray]]:
        """Length-sorted batches: (input indices, encoding, char offsets or None, softmax probabilities)."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        bar = progress_bar(len(texts), show)
        try:
            with torch.inference_mode(), autocast(self.device):
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
