"""``span``: BIO tagging of loaded words and phrases, decoded into character spans."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framing.errors import DataError
from framing.runtime import progress_bar
from framing.tasks.base import RowContext, Task, TaskSpec
from framing.tasks.registry import register_task
from framing.training.examples import SpanExample

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch import nn

    from framing.modeling.windows import TextWindows
    from framing.training.data import PreparedData, Problems, RowReader
    from framing.training.evaluate import EvaluationReport

logger = logging.getLogger(__name__)

__all__ = ["SpanTask", "hf_tags", "pad_tag_probs"]


@register_task("span")
class SpanTask(Task):
    """Per-token ``O`` / ``B-x`` / ``I-x`` tags (:class:`~framing.modeling.heads.SpanHead`) decoded to spans.

    Data columns ``text``, ``spans`` (offsets or marked phrases); predictions go to
    ``ModelOutput.spans[task]`` (:class:`~framing.modeling.alignment.SpanPrediction` list).
    """

    columns = ("text", "spans")
    required_columns = ("text", "spans")
    example_type = SpanExample
    default_task_name = "loaded_words"
    min_labels = 1
    accepts_positive_label = False
    label_unit = "spans"
    label_note = " (span labels; tagged as BIO)"
    output_field = "spans"
    hf_auto_class = "AutoModelForTokenClassification"

    @property
    def outputs(self) -> tuple[str, ...]:
        """``O`` then ``B-x``/``I-x`` per span label."""
        from framing.modeling.alignment import bio_tags

        return tuple(bio_tags(self.spec.labels))

    # ------------------------------------------------------------------ data
    @classmethod
    def examples_from_columns(
        cls, columns: Mapping[str, Sequence[Any]], rows: Sequence[Any], reader: RowReader
    ) -> list[Any]:
        """One :class:`SpanExample` per row with a text and readable spans (an empty list is a text without spans)."""
        out: list[Any] = []
        for pos, (text, value) in enumerate(zip(columns["text"], columns["spans"], strict=True)):
            t = reader.text(text, rows[pos])
            if t is None:
                continue
            spans = reader.spans(t, value, rows[pos])
            if spans is not None:
                out.append(SpanExample(t, spans))
        return out

    @classmethod
    def example_labels(cls, example: Any) -> Iterable[str]:
        """One label per marked span."""
        return (s[2] for s in example.spans)

    @classmethod
    def check_example(cls, example: Any, i: int, problems: Problems) -> None:
        """Empty text, spans outside the text."""
        super().check_example(example, i, problems)
        for s, e, _ in example.spans:
            if not 0 <= s < e <= len(example.text):
                problems.add(
                    "spans outside the text", f"example {i}: ({s}, {e}) in a text of length {len(example.text)}"
                )

    @classmethod
    def check_label_counts(cls, data: PreparedData) -> None:
        """A tagger needs marked spans."""
        if not data.label_counts:
            raise DataError(
                f"{data.source} marks no spans in any of its {len(data.examples)} texts: "
                "a span tagger needs marked spans"
            )

    # ------------------------------------------------------------------ model
    @classmethod
    def new_head(cls, hidden: int, n_outputs: int, dropout: float) -> nn.Module:
        """A :class:`~framing.modeling.heads.SpanHead`."""
        from framing.modeling.heads import SpanHead

        return SpanHead(hidden, n_outputs, dropout)

    def forward(self, head: nn.Module, hidden: torch.Tensor, inputs: Mapping[str, Any]) -> torch.Tensor | None:
        """[B, T, tags] logits."""
        return head(hidden)

    def decode(self, probs: np.ndarray, row: RowContext) -> Any:
        """Spans whose words reach ``row.span_threshold`` (1 - P(O))."""
        from framing.modeling.alignment import decode_spans

        return decode_spans(
            probs[row.row, : row.n_tokens], row.offsets, row.word_ids, self.outputs, row.span_threshold, row.text
        )

    def merge_windows(self, parts: Sequence[tuple[np.ndarray | None, RowContext]], windows: TextWindows) -> Any:
        """A long text's spans: each token's tag probabilities from the window where it is most central."""
        import numpy as np

        from framing.modeling.alignment import decode_spans

        first = next(probs for probs, _ in parts if probs is not None)
        merged = np.zeros((windows.n_tokens, first.shape[-1]), dtype=first.dtype)
        owners = windows.token_owners()
        for k, (probs, row) in enumerate(parts):
            for j, pos in enumerate(windows.positions[k]):
                if probs is not None and pos >= 0 and owners[pos] == k:
                    merged[pos] = probs[row.row, j]
        row = parts[0][1]
        return decode_spans(merged, windows.offsets, windows.word_ids, self.outputs, row.span_threshold, row.text)

    def features(self, example: Any, encoding: Any, index: int) -> dict[str, Any]:
        """``tags``: a BIO tag index per token (-100 for special tokens); ``soft``: with a teacher's rows
        (:meth:`with_teacher`), each token's row (``None`` where it has none)."""
        from framing.modeling.alignment import soft_token_rows, span_tags

        offsets = encoding["offset_mapping"][index]
        out: dict[str, Any] = {"tags": span_tags(offsets, encoding.word_ids(index), example.spans, self.outputs)}
        if getattr(example, "soft", None) is not None:
            out["soft"] = soft_token_rows(offsets, example.soft)
        return out

    def collate(self, feats: Sequence[Mapping[str, Any]], width: int) -> dict[str, torch.Tensor]:
        """[B, T] tag indices, padded with -100; with teacher rows, ``soft`` [B, T, tags] and ``soft_weight`` [B, T]."""
        import torch

        tags = torch.full((len(feats), width), -100, dtype=torch.long)
        for r, f in enumerate(feats):
            tags[r, : len(f["tags"])] = torch.tensor(f["tags"])
        out = {"labels": tags}
        if any("soft" in f for f in feats):
            out.update(self._soft_tensors(feats, width))
        return out

    def _soft_tensors(self, feats: Sequence[Mapping[str, Any]], width: int) -> dict[str, torch.Tensor]:
        """Each token's teacher row (uniform with weight 0 where it has none)."""
        import torch

        n_tags = len(self.outputs)
        soft = torch.full((len(feats), width, n_tags), 1.0 / n_tags)
        weight = torch.zeros((len(feats), width))
        for r, f in enumerate(feats):
            for j, row in enumerate(f.get("soft") or ()):
                if row is None:
                    continue
                if len(row) != n_tags:
                    raise DataError(
                        f"a teacher row has {len(row)} tag probabilities for the {n_tags} tags {list(self.outputs)}; "
                        "make soft rows with a teacher whose span head has the same labels (teacher_targets)"
                    )
                soft[r, j] = torch.tensor(row)
                weight[r, j] = 1.0
        return {"soft": soft, "soft_weight": weight}

    # ------------------------------------------------------------------ distillation
    def with_teacher(
        self, teacher: Any, examples: Sequence[Any], *, relabel: bool, batch_size: int, show_progress_bar: bool | None
    ) -> list[Any]:
        """Each example with the teacher's tag probabilities per teacher token as ``soft`` rows (character
        ranges: a student with another tokenizer aligns them); ``relabel``: the spans the teacher finds at
        its stored ``span_threshold`` become the example's spans. Text past the teacher's ``max_length``
        gets no rows (the student's own limit is usually the same or shorter)."""
        import dataclasses

        import torch

        threshold = float(teacher.extra_config.get("span_threshold", 0.5))
        scored: list[tuple[Any, Any]] = []
        bar = progress_bar(len(examples), show_progress_bar)
        was_training = teacher.training
        teacher.eval()
        try:
            with torch.inference_mode():
                for b in range(0, len(examples), batch_size):
                    chunk = [ex.text for ex in examples[b : b + batch_size]]
                    scored += self._teacher_batch(teacher, chunk, threshold)
                    bar.update(len(chunk))
        finally:
            teacher.train(was_training)
            bar.close()
        return [
            dataclasses.replace(ex, soft=rows, spans=spans if relabel else ex.spans)
            for ex, (rows, spans) in zip(examples, scored, strict=True)
        ]

    def _teacher_batch(self, teacher: Any, texts: list[str], threshold: float) -> list[tuple[Any, Any]]:
        """``(rows, spans)`` of each text: the teacher's ``(start, end, probs)`` per token and its decoded spans
        (the teacher in eval mode, without gradients: :meth:`with_teacher`)."""
        from framing.modeling.alignment import decode_spans

        enc = teacher.tokenizer(
            texts,
            truncation=True,
            max_length=teacher.max_length,
            padding=True,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        ids, mask = enc["input_ids"].to(teacher.device), enc["attention_mask"].to(teacher.device)
        probs = self.probabilities(teacher(ids, mask, [self.spec.name])[self.spec.name]).cpu().numpy()
        out = []
        for i, text in enumerate(texts):
            n = int(enc["attention_mask"][i].sum())
            offsets = [(int(a), int(b)) for a, b in enc["offset_mapping"][i][:n].tolist()]
            rows = tuple((a, b, tuple(float(x) for x in probs[i, k])) for k, (a, b) in enumerate(offsets) if b > a)
            found = decode_spans(probs[i, :n], offsets, enc.word_ids(i)[:n], self.outputs, threshold, text)
            out.append((rows, tuple((p.start, p.end, p.label) for p in found)))
        return out

    def dev_predictions(self, logits: torch.Tensor) -> np.ndarray:
        """Each token's 1 - P(O): how strongly it is inside a span."""
        return (1.0 - self.probabilities(logits)[..., 0]).cpu().numpy().reshape(-1)

    def dev_score(self, gold: np.ndarray, pred: np.ndarray, *, thresholds: Sequence[float] = (0.5,)) -> float:
        """Word-level F1 of inside (any B/I tag) against outside at the best of ``thresholds``: with the
        threshold tuned after training, epochs are compared at their own best one (an early head that is
        useful at 0.2 reads 0 at 0.5)."""
        from framing.training.evaluate import best_threshold

        return best_threshold(gold > 0, pred, thresholds)[1]

    # ------------------------------------------------------------------ evaluation
    def evaluate(
        self,
        model: Any,
        examples: Sequence[Any],
        *,
        batch_size: int,
        span_threshold: float,
        show_progress_bar: bool | None,
    ) -> tuple[dict[str, Any], int]:
        """Exact-match and word-level span metrics over the texts."""
        from framing.training.evaluate import span_metrics

        task = self.spec.name
        texts = [ex.text for ex in examples]
        outs = model.predict(
            texts,
            tasks=[task],
            batch_size=batch_size,
            span_threshold=span_threshold,
            show_progress_bar=show_progress_bar,
        )
        pred = [[(s.start, s.end, s.label) for s in o.spans[task]] for o in outs]
        gold_spans = [list(ex.spans) for ex in examples if isinstance(ex, SpanExample)]
        metrics = span_metrics(texts, gold_spans, pred, list(self.spec.labels))
        metrics["span_threshold"] = span_threshold
        return metrics, len(examples)

    @classmethod
    def report_text(cls, report: EvaluationReport) -> str:
        """Exact-match and word-level P/R/F1 (per label when there are several), span counts."""
        m = report.metrics
        lines = cls.report_header(report)
        width = max([len("exact match"), *(len(lab) for lab in report.labels)]) + 2
        lines.append(f"{'':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
        for name, key in (("exact match", "exact"), ("word level", "token")):
            r = m[key]
            lines.append(
                f"{name:<{width}}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>10.3f}{r['support']:>10d}"
            )
        if len(report.labels) > 1:
            lines.append("")
            for lab, r in m["per_label"].items():
                lines.append(
                    f"{lab:<{width}}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>10.3f}{r['support']:>10d}"
                )
        lines.append("")
        lines.append(f"gold spans {m['n_gold_spans']}, predicted spans {m['n_pred_spans']}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ plain transformers classifiers
    @classmethod
    def hf_spec(cls, labels: Sequence[str], positive_label: str | None) -> TaskSpec:
        """Task ``spans`` over the span labels behind the classifier's (BIO or plain) labels."""
        span_labels = sorted({t[2:] for t in hf_tags(labels) if t != "O"})
        return TaskSpec("spans", cls.kind, tuple(span_labels))

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
        """Token classification, decoded like a framing span head."""
        from framing.modeling.alignment import decode_spans

        tags = hf_tags(classifier.labels)
        outs: list[Any] = [None] * len(texts)
        for idx, enc, offsets, probs in classifier.batches(
            list(texts), None, batch_size, show_progress_bar, offsets=True
        ):
            probs = pad_tag_probs(probs, len(tags))
            for r, i in enumerate(idx):
                outs[i] = decode_spans(
                    probs[r], [tuple(o) for o in offsets[r]], enc.word_ids(r), tags, span_threshold, texts[i]
                )
        return outs


def hf_tags(labels: Sequence[str]) -> list[str]:
    """A token classifier's labels as BIO tags: plain labels become ``I-`` tags, plus the missing ``B-``/``I-``
    partners (zero-probability columns, so neighbouring words join)."""
    tags = [lab if lab == "O" or lab[:2] in ("B-", "I-") else f"I-{lab}" for lab in labels]
    span_labels = sorted({t[2:] for t in tags if t != "O"})
    return tags + [f"{p}-{lab}" for lab in span_labels for p in ("B", "I") if f"{p}-{lab}" not in tags]


def pad_tag_probs(probs: np.ndarray, n_tags: int) -> np.ndarray:
    """Pad plain-label probabilities with zero columns for the synthetic tags."""
    import numpy as np

    if probs.shape[-1] == n_tags:
        return probs
    pad = np.zeros(probs.shape[:-1] + (n_tags - probs.shape[-1],), dtype=probs.dtype)
    return np.concatenate([probs, pad], axis=-1)
