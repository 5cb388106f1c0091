"""``stance``: a class distribution per target mention, all targets of a text from one encoder pass."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framing.errors import ConfigError
from framing.tasks.base import ClassificationTask, RowContext
from framing.tasks.registry import register_task
from framing.training.examples import StanceExample, StanceTarget

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch import nn

    from framing.modeling.windows import TextWindows
    from framing.training.data import Problems, RowReader

logger = logging.getLogger(__name__)

__all__ = ["StanceTask", "maps_to_polarity"]

_TARGET_HINT = " (a stance task needs the target as a 'target' mention string or 'start'/'end' offsets)"


@register_task("stance")
class StanceTask(ClassificationTask):
    """Stance toward each target mention (:class:`~framing.modeling.heads.StanceHead`).

    Data columns ``text``, ``label`` and the target as ``target`` (a mention string) or ``start`` / ``end``;
    rows sharing a text become one :class:`StanceExample`. The model gets ``mention_mask`` [M, T] and
    ``mention_row`` [M]; predictions go to ``ModelOutput.stance[task]`` (one probability row per mention group).
    """

    columns = ("text", "label", "target", "start", "end")
    example_type = StanceExample
    default_task_name = "stance"
    unit = "targets"
    train_unit = "sentences"
    output_field = "stance"
    hf_auto_class = "AutoModelForSequenceClassification"

    @classmethod
    def warn_about_labels(cls, labels: Sequence[str], positive_label: str | None) -> None:
        """Warn when the labels do not map onto negative / neutral / positive (the Analyzer needs that)."""
        if not maps_to_polarity(labels):
            logger.warning(
                "stance labels %s do not map onto negative/neutral/positive: the model trains and evaluates, "
                "but the Analyzer only uses stance models with those label names",
                list(labels),
            )

    # ------------------------------------------------------------------ data
    @classmethod
    def missing_columns(cls, resolved: Mapping[str, str]) -> tuple[list[str], str]:
        """``text``, ``label``, and ``target`` or both ``start`` and ``end``."""
        missing = [n for n in ("text", "label") if n not in resolved]
        if "target" in resolved or ("start" in resolved and "end" in resolved):
            return missing, ""
        wanted = ("target",) if "start" not in resolved and "end" not in resolved else ("start", "end")
        return missing + [n for n in wanted if n not in resolved], _TARGET_HINT

    @classmethod
    def examples_from_columns(
        cls, columns: Mapping[str, Sequence[Any]], rows: Sequence[Any], reader: RowReader
    ) -> list[Any]:
        """Rows grouped by text: one :class:`StanceExample` per distinct text, its targets in row order."""
        n = len(rows)
        targets = columns.get("target") or [None] * n
        offsets = "start" in columns and "end" in columns
        starts = columns["start"] if offsets else [None] * n
        ends = columns["end"] if offsets else [None] * n
        groups: dict[str, list[StanceTarget]] = {}
        for pos in range(n):
            row = rows[pos]
            t, lab = reader.text(columns["text"][pos], row), reader.label(columns["label"][pos], row)
            if t is None or lab is None:
                continue
            mention = reader.mention(t, targets[pos], starts[pos], ends[pos], row)
            if mention is None:
                continue
            groups.setdefault(t, []).append(StanceTarget((mention,), lab))
        return [StanceExample(t, tuple(ts)) for t, ts in groups.items()]

    @classmethod
    def example_labels(cls, example: Any) -> Iterable[str]:
        """One label per target."""
        return (t.label for t in example.targets)

    @classmethod
    def check_example(cls, example: Any, i: int, problems: Problems) -> None:
        """Empty text, target mentions outside the text."""
        super().check_example(example, i, problems)
        for t in example.targets:
            for s, e in t.mentions:
                if not 0 <= s < e <= len(example.text):
                    problems.add(
                        "spans outside the text",
                        f"example {i}: target ({s}, {e}) in a text of length {len(example.text)}",
                    )

    # ------------------------------------------------------------------ model
    @classmethod
    def new_head(cls, hidden: int, n_outputs: int, dropout: float) -> nn.Module:
        """A :class:`~framing.modeling.heads.StanceHead`."""
        from framing.modeling.heads import StanceHead

        return StanceHead(hidden, n_outputs, dropout)

    def forward(self, head: nn.Module, hidden: torch.Tensor, inputs: Mapping[str, Any]) -> torch.Tensor | None:
        """[M, C] logits, one row per mention group; ``None`` when the batch has no mentions."""
        mention_mask, mention_row = inputs.get("mention_mask"), inputs.get("mention_row")
        if mention_mask is None or mention_row is None or not len(mention_row):
            return None
        return head(hidden, inputs["attention_mask"], mention_mask, mention_row)

    def decode(self, probs: np.ndarray, row: RowContext) -> Any:
        """The probability rows of this text's mention groups, in the order given."""
        return list(probs[row.mentions])

    def empty_output(self) -> Any:
        """No mentions in the batch: no stance."""
        return []

    def merge_windows(self, parts: Sequence[tuple[np.ndarray | None, RowContext]], windows: TextWindows) -> Any:
        """A long text's rows: per mention group, the mean of its windows' rows weighted by the mentions each scored.

        Each mention is scored in the window where it is most central (``windows.groups`` says which).
        """
        sums: dict[int, Any] = {}
        totals: dict[int, int] = {}
        for (probs, row), keys in zip(parts, windows.groups, strict=True):
            if probs is None or not keys:
                continue
            for (group, weight), p in zip(keys, probs[row.mentions], strict=True):
                sums[group] = sums.get(group, 0.0) + weight * p.astype("float64")
                totals[group] = totals.get(group, 0) + weight
        dtype = next((probs.dtype for probs, _ in parts if probs is not None), "float32")
        return [(sums[g] / totals[g]).astype(dtype) for g in sorted(sums)]

    def soft_targets(self, example: Any) -> list[tuple[float, ...] | None] | None:
        """Each target's ``soft`` row, in the order of its labels."""
        return [t.soft for t in example.targets]

    def with_soft_targets(self, example: Any, rows: Sequence[Sequence[float]], relabel: bool) -> Any:
        """Each target with its row as ``soft`` (and the top class as label with ``relabel``)."""
        import dataclasses

        targets = []
        for t, row in zip(example.targets, rows, strict=True):
            soft = tuple(float(x) for x in row)
            label = self._top_label(soft) if relabel else t.label
            targets.append(dataclasses.replace(t, soft=soft, label=label))
        return dataclasses.replace(example, targets=tuple(targets))

    def features(self, example: Any, encoding: Any, index: int) -> dict[str, Any]:
        """``mentions``: a token mask per target; ``mention_labels``: their class indices."""
        from framing.modeling.alignment import mention_token_mask

        offsets = encoding["offset_mapping"][index]
        return {
            "mentions": [mention_token_mask(offsets, t.mentions) for t in example.targets],
            "mention_labels": [self.output_index[t.label] for t in example.targets],
        }

    def collate(self, feats: Sequence[Mapping[str, Any]], width: int) -> dict[str, torch.Tensor]:
        """``mention_mask`` [M, T], ``mention_row`` [M] and ``labels`` [M] over every target of the batch."""
        import torch

        masks, rows, labels = [], [], []
        for r, f in enumerate(feats):
            for mm, lab in zip(f["mentions"], f["mention_labels"], strict=True):
                masks.append(mm + [0] * (width - len(mm)))
                rows.append(r)
                labels.append(lab)
        return {
            "mention_mask": torch.tensor(masks, dtype=torch.long).reshape(len(masks), width),
            "mention_row": torch.tensor(rows, dtype=torch.long),
            "labels": torch.tensor(labels, dtype=torch.long),
        }

    # ------------------------------------------------------------------ evaluation
    def scored_rows(
        self, model: Any, examples: Sequence[Any], *, batch_size: int, show_progress_bar: bool | None
    ) -> tuple[list[Any], list[int]]:
        """One probability row per target."""
        task = self.spec.name
        texts = [ex.text for ex in examples]
        mentions = [[t.mentions for t in ex.targets] for ex in examples if isinstance(ex, StanceExample)]
        outs = model.predict(texts, mentions, tasks=[task], batch_size=batch_size, show_progress_bar=show_progress_bar)
        gold = [self.output_index[t.label] for ex in examples if isinstance(ex, StanceExample) for t in ex.targets]
        return [p for o in outs for p in o.stance[task]], gold

    # ------------------------------------------------------------------ plain transformers classifiers
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
        """Sequence-pair classification: (text, its first mention of each target)."""
        if mentions is None:
            raise ConfigError("a stance classifier needs mentions")
        pairs = [(i, t, texts[i][g[0][0] : g[0][1]]) for i, t in enumerate(texts) for g in mentions[i] if g]
        outs: list[list[Any]] = [[] for _ in texts]
        probs = classifier.classify([p[1] for p in pairs], [p[2] for p in pairs], batch_size, show_progress_bar)
        for (i, _, _), p in zip(pairs, probs, strict=True):
            outs[i].append(p)
        return outs


def maps_to_polarity(labels: Sequence[str]) -> bool:
    """Whether exactly one label starts with each of ``neg``, ``neu``, ``pos`` (case-insensitive)."""
    return all(sum(lab.lower().startswith(p) for lab in labels) == 1 for p in ("neg", "neu", "pos"))
