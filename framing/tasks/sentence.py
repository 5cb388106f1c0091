"""``sentence``: one class distribution per text (the loaded-wording classifier)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framing.tasks.base import ClassificationTask, RowContext
from framing.tasks.registry import register_task
from framing.training.examples import SentenceExample

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch import nn

    from framing.modeling.windows import TextWindows
    from framing.training.data import RowReader

logger = logging.getLogger(__name__)

__all__ = ["SentenceTask", "POSITIVE_GUESSES"]

#: labels taken as the "loaded" class of a two-label sentence task when none is named
POSITIVE_GUESSES = ("biased", "loaded", "yes", "true", "1")


@register_task("sentence")
class SentenceTask(ClassificationTask):
    """Sentence classification from the mean-pooled token states (:class:`~framing.modeling.heads.SentenceHead`).

    Data columns ``text``, ``label``; predictions go to ``ModelOutput.sentence[task]`` (probabilities).
    """

    example_type = SentenceExample
    default_task_name = "loaded"
    output_field = "sentence"
    hf_auto_class = "AutoModelForSequenceClassification"

    # ------------------------------------------------------------------ labels
    @classmethod
    def guess_positive_label(cls, labels: Sequence[str]) -> str | None:
        """For two labels, the one that reads as "loaded" (``biased``, ``loaded``, ``yes``, ``true``, ``1``)."""
        if len(labels) != 2:
            return None
        return next((lab for lab in labels if lab.lower() in POSITIVE_GUESSES), None)

    @classmethod
    def warn_about_labels(cls, labels: Sequence[str], positive_label: str | None) -> None:
        """Warn when the Analyzer will have to guess which label means "loaded"."""
        if positive_label is None:
            logger.warning(
                "no positive_label given for labels %s: the Analyzer will treat %r as 'loaded'; "
                "pass positive_label (CLI --positive-label) to choose",
                list(labels),
                labels[-1],
            )

    # ------------------------------------------------------------------ data
    @classmethod
    def examples_from_columns(
        cls, columns: Mapping[str, Sequence[Any]], rows: Sequence[Any], reader: RowReader
    ) -> list[Any]:
        """One :class:`SentenceExample` per row with a text and a label."""
        out: list[Any] = []
        for pos, (text, label) in enumerate(zip(columns["text"], columns["label"], strict=True)):
            t, lab = reader.text(text, rows[pos]), reader.label(label, rows[pos])
            if t is not None and lab is not None:
                out.append(SentenceExample(t, lab))
        return out

    # ------------------------------------------------------------------ model
    @classmethod
    def new_head(cls, hidden: int, n_outputs: int, dropout: float) -> nn.Module:
        """A :class:`~framing.modeling.heads.SentenceHead`."""
        from framing.modeling.heads import SentenceHead

        return SentenceHead(hidden, n_outputs, dropout)

    def forward(self, head: nn.Module, hidden: torch.Tensor, inputs: Mapping[str, Any]) -> torch.Tensor | None:
        """[B, C] logits."""
        return head(hidden, inputs["attention_mask"])

    def decode(self, probs: np.ndarray, row: RowContext) -> Any:
        """The text's probability row."""
        return probs[row.row]

    def merge_windows(self, parts: Sequence[tuple[np.ndarray | None, RowContext]], windows: TextWindows) -> Any:
        """A long text's row: the window row with the highest probability of the positive label.

        The positive label is ``positive_label`` or, with two labels, the second: a text is loaded when any
        part of it is. Several labels and none positive: the mean of the window rows, each weighted by
        the tokens it scores best (where they are most central).
        """
        import numpy as np

        rows = [probs[row.row] for probs, row in parts if probs is not None]
        if self.spec.positive_label is None and len(self.spec.labels) > 2:
            owners = windows.token_owners()
            weights = np.array([owners.count(k) for k in range(len(rows))], dtype=np.float64)
            mean = (np.stack(rows).astype(np.float64) * weights[:, None]).sum(0) / max(weights.sum(), 1.0)
            return mean.astype(rows[0].dtype)
        col = self.output_index[self.spec.positive_label or self.spec.labels[-1]]
        return max(rows, key=lambda r: float(r[col]))

    def features(self, example: Any, encoding: Any, index: int) -> dict[str, Any]:
        """``label``: the class index."""
        return {"label": self.output_index[example.label]}

    # ------------------------------------------------------------------ evaluation
    def scored_rows(
        self, model: Any, examples: Sequence[Any], *, batch_size: int, show_progress_bar: bool | None
    ) -> tuple[list[Any], list[int]]:
        """One probability row per text."""
        task = self.spec.name
        texts = [ex.text for ex in examples]
        outs = model.predict(texts, tasks=[task], batch_size=batch_size, show_progress_bar=show_progress_bar)
        gold = [self.output_index[ex.label] for ex in examples if isinstance(ex, SentenceExample)]
        return [o.sentence[task] for o in outs], gold

    # ------------------------------------------------------------------ plain transformers classifiers
    @classmethod
    def hf_spec(cls, labels: Sequence[str], positive_label: str | None) -> Any:
        """Task ``sentence``; with two labels and none named, the second is "loaded"."""
        if positive_label is None and len(labels) == 2:
            positive_label = labels[1]
        return super().hf_spec(labels, positive_label)

    def hf_predict(
        self,
        classifier: Any,
        texts: Sequence[str],
        mentions: Sequence[Any] | None,
        *,
        batch_size: int,
        span_threshold: float,
        show_progress_bar: bool | None,
    ) -> list[Any]:
        """Sequence classification of each text."""
        return classifier.classify(list(texts), None, batch_size, show_progress_bar)
