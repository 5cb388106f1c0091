"""Evaluation of a trained model on labelled data, with scikit-learn metrics.

Classifiers (sentence, stance): accuracy, macro-F1, per-class precision/recall/F1/support,
the confusion matrix (rows = gold, columns = predicted, in label order) and the expected
calibration error (``ece``, 15 equal-width bins) of the positive-class probability for two labels,
of the top-class probability for more.

Span taggers: exact-match precision/recall/F1 over ``(start, end, label)`` spans, and
word-level ("token-level") precision/recall/F1: the text is cut into words (``\\w+`` runs and
single punctuation marks); a word is positive for a label when it overlaps a gold (or predicted)
span of that label. Texts longer than the model's ``max_length`` are scored in overlapping
windows (:mod:`framing.modeling.windows`), so nothing past ``max_length`` is missed.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from framing.errors import ConfigError
from framing.training.examples import Example

logger = logging.getLogger(__name__)

__all__ = [
    "EvaluationReport",
    "classification_metrics",
    "span_metrics",
    "expected_calibration_error",
    "evaluate_model",
    "evaluate_examples",
]

ECE_BINS = 15
_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass
class EvaluationReport:
    """Metrics of one task on one data set; ``to_dict()`` for JSON, ``to_text()`` for a table."""

    task: str
    kind: str
    labels: list[str]
    n_examples: int
    metrics: dict[str, Any]
    data: str = ""
    model: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float | None:
        """The macro-F1 of the metrics (span tasks: mean word-level F1 over labels)."""
        return self.metrics.get("macro_f1")

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the report."""
        return {
            "task": self.task,
            "kind": self.kind,
            "labels": list(self.labels),
            "n_examples": self.n_examples,
            "data": self.data,
            "model": self.model,
            "metrics": self.metrics,
            **({"extra": self.extra} if self.extra else {}),
        }

    def to_json(self, indent: int = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A plain-text table, laid out by the task kind (``Task.report_text``)."""
        from framing.tasks import get_task_class

        return get_task_class(self.kind).report_text(self)


# ------------------------------------------------------------------------------ metrics
def expected_calibration_error(
    probs: np.ndarray, gold: np.ndarray, n_bins: int = ECE_BINS, positive: int | None = None
) -> float:
    """ECE over ``n_bins`` equal-width bins: sum of |observed frequency - mean probability| * share of examples.

    With ``positive`` (a column index) the probability is that class's and the frequency how often it is
    the gold class (binary classifiers); without, the top-class probability and the accuracy.
    """
    probs = np.asarray(probs, dtype=float)
    gold = np.asarray(gold)
    if len(gold) == 0:
        return 0.0
    if positive is None:
        conf = probs.max(axis=1)
        hit = (probs.argmax(axis=1) == gold).astype(float)
    else:
        conf = probs[:, positive]
        hit = (gold == positive).astype(float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        sel = bins == b
        if sel.any():
            ece += abs(hit[sel].mean() - conf[sel].mean()) * sel.mean()
    return float(ece)


def classification_metrics(
    gold: Sequence[int], probs: np.ndarray, labels: Sequence[str], positive_label: str | None = None
) -> dict[str, Any]:
    """Metrics for class indices ``gold`` and probability rows ``probs`` [N, C].

    ``ece`` is on the probability of ``positive_label`` (two labels, none named: the second) for binary
    classifiers, on the top-class probability otherwise; ``ece_on`` says which.
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    gold_arr = np.asarray(gold, dtype=int)
    probs = np.asarray(probs, dtype=float).reshape(len(gold_arr), len(labels))
    pred = probs.argmax(axis=1)
    idx = list(range(len(labels)))
    p, r, f, s = precision_recall_fscore_support(gold_arr, pred, labels=idx, zero_division=0)
    mp, mr, mf, _ = precision_recall_fscore_support(gold_arr, pred, labels=idx, average="macro", zero_division=0)
    positive = None
    if len(labels) == 2:
        positive = list(labels).index(positive_label) if positive_label is not None and positive_label in labels else 1
    return {
        "accuracy": float(accuracy_score(gold_arr, pred)),
        "macro_f1": float(f1_score(gold_arr, pred, labels=idx, average="macro", zero_division=0)),
        "macro_precision": float(mp),
        "macro_recall": float(mr),
        "weighted_f1": float(f1_score(gold_arr, pred, labels=idx, average="weighted", zero_division=0)),
        "per_class": {
            lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(labels)
        },
        "confusion_matrix": confusion_matrix(gold_arr, pred, labels=idx).tolist(),
        "ece": expected_calibration_error(probs, gold_arr, positive=positive),
        "ece_bins": ECE_BINS,
        "ece_on": f"P({labels[positive]})" if positive is not None else "top class",
    }


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": n_gold}


SPAN_THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(1, 19))
"""The word thresholds (1 - P(O)) a span head's dev score and threshold tuning look at: 0.05 … 0.90."""


def best_threshold(
    gold: np.ndarray, scores: np.ndarray, thresholds: Sequence[float] = SPAN_THRESHOLDS
) -> tuple[float, float]:
    """The threshold with the best F1 of ``scores >= threshold`` against the boolean ``gold``, and that F1.

    Ties go to the higher threshold (fewer flags for the same F1). A head that is still learning scores
    its words low: reading it at 0.5 alone would call a head that is useful at 0.2 worthless.
    """
    gold = np.asarray(gold, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    n_gold = int(gold.sum())
    best = (float(thresholds[-1]), 0.0)
    for t in sorted(thresholds, reverse=True):
        flagged = scores >= t
        tp = int((flagged & gold).sum())
        n_pred = int(flagged.sum())
        f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def span_metrics(
    texts: Sequence[str],
    gold: Sequence[Sequence[tuple[int, int, str]]],
    pred: Sequence[Sequence[tuple[int, int, str]]],
    labels: Sequence[str],
) -> dict[str, Any]:
    """Exact-match and word-level P/R/F1 of predicted spans against gold spans (see module docstring)."""
    from sklearn.metrics import precision_recall_fscore_support

    gold_sets = [set(g) for g in gold]
    pred_sets = [set(p) for p in pred]
    tp = sum(len(g & p) for g, p in zip(gold_sets, pred_sets, strict=True))
    n_gold = sum(len(g) for g in gold_sets)
    n_pred = sum(len(p) for p in pred_sets)
    word_gold: list[str] = []
    word_pred: list[str] = []
    for text, g, p in zip(texts, gold_sets, pred_sets, strict=True):
        for m in _WORD.finditer(text):
            word_gold.append(_word_label(m.start(), m.end(), g))
            word_pred.append(_word_label(m.start(), m.end(), p))
    labs = list(labels)
    if word_gold:
        wp, wr, wf, _ = precision_recall_fscore_support(
            word_gold, word_pred, labels=labs, average="micro", zero_division=0
        )
        pl, rl, fl, sl = precision_recall_fscore_support(word_gold, word_pred, labels=labs, zero_division=0)
    else:
        wp = wr = wf = 0.0
        pl = rl = fl = sl = np.zeros(len(labs))
    n_gold_words = sum(1 for w in word_gold if w != "O")
    per_label = {}
    for i, lab in enumerate(labs):
        g_l = sum(1 for g in gold_sets for s in g if s[2] == lab)
        p_l = sum(1 for p in pred_sets for s in p if s[2] == lab)
        t_l = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) for s in g & p if s[2] == lab)
        per_label[lab] = {
            "exact": _prf(t_l, p_l, g_l),
            "token": {"precision": float(pl[i]), "recall": float(rl[i]), "f1": float(fl[i]), "support": int(sl[i])},
            **_prf(t_l, p_l, g_l),
        }
    return {
        "exact": _prf(tp, n_pred, n_gold),
        "token": {"precision": float(wp), "recall": float(wr), "f1": float(wf), "support": n_gold_words},
        "macro_f1": float(np.mean([per_label[lab]["token"]["f1"] for lab in labs])) if labs else 0.0,
        "per_label": per_label,
        "n_gold_spans": n_gold,
        "n_pred_spans": n_pred,
        "token_unit": "word (\\w+ runs and punctuation marks)",
    }


def _word_label(start: int, end: int, spans: set[tuple[int, int, str]]) -> str:
    for s, e, lab in sorted(spans):
        if s < end and e > start:
            return lab
    return "O"


# ------------------------------------------------------------------------------ running a model
def evaluate_examples(
    model: Any,
    task: str,
    examples: Sequence[Example],
    *,
    batch_size: int = 64,
    span_threshold: float = 0.5,
    data: str = "",
    show_progress_bar: bool | None = None,
) -> EvaluationReport:
    """Predict ``examples`` with ``model`` (a FramingModel) for ``task`` and score them (``Task.evaluate``)."""
    spec = model.tasks[task]
    metrics, n = spec.task.evaluate(
        model, examples, batch_size=batch_size, span_threshold=span_threshold, show_progress_bar=show_progress_bar
    )
    return EvaluationReport(
        task=task,
        kind=spec.kind,
        labels=list(spec.labels),
        n_examples=n,
        metrics=metrics,
        data=data,
        model=str(getattr(model, "source", "") or ""),
    )


def evaluate_model(
    model: Any,
    data: Any,
    *,
    task: str | None = None,
    column_mapping: Mapping[str, str] | None = None,
    split: str | None = None,
    split_column: str = "split",
    batch_size: int = 64,
    span_threshold: float = 0.5,
    missing_phrases: str = "error",
) -> EvaluationReport:
    """Evaluate a model (a FramingModel or a saved folder) for one task on labelled ``data``.

    ``task`` may be omitted when the model has one task. Data is validated (columns, labels the model
    does not know) before anything is predicted.
    """
    from framing.modeling.model import FramingModel
    from framing.training.data import check_known_labels, prepare_examples

    if isinstance(model, (str, os.PathLike)):
        model = FramingModel.from_pretrained(model)
    if not isinstance(model, FramingModel):
        raise ConfigError(f"model must be a FramingModel or a model folder, got {type(model).__name__}")
    if task is None:
        if len(model.tasks) != 1:
            raise ConfigError(f"this model has several tasks {list(model.tasks)}: pass task=<one of them>")
        task = next(iter(model.tasks))
    if task not in model.tasks:
        raise ConfigError(f"unknown task {task!r}; this model has {list(model.tasks)}")
    spec = model.tasks[task]
    span_label = spec.labels[0]  # what unlabelled marked spans mean (span tasks; other kinds ignore it)
    prepared = prepare_examples(
        data,
        spec.kind,
        column_mapping=column_mapping,
        split=split,
        split_column=split_column,
        span_label=span_label,
        missing_phrases=missing_phrases,
        role="evaluation",
    )
    check_known_labels(prepared, spec.labels)
    return evaluate_examples(
        model,
        task,
        prepared.examples,
        batch_size=batch_size,
        span_threshold=span_threshold,
        data=prepared.origin,
    )
