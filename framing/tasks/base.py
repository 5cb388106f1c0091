"""The seam every task kind plugs into.

:class:`TaskSpec` is what a model folder saves for one head (name, kind, labels); :class:`Task` is
what a kind *does*, bound to one spec: build its head, run it on the shared encoder states, turn
training examples into features and a loss, decode predictions, score dev data and evaluate.
Kinds register with :func:`~framing.tasks.registry.register_task`; ``spec.task`` finds the class.

This module imports neither torch nor the rest of framing at import time, so validating arguments
(``TrainingArguments``) stays light; the methods import what they need.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from framing.errors import ConfigError
from framing.tasks.registry import get_task_class, one_of, task_kinds

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch import nn

    from framing.modeling.windows import TextWindows
    from framing.training.data import PreparedData, Problems, RowReader
    from framing.training.evaluate import EvaluationReport

logger = logging.getLogger(__name__)

__all__ = ["TaskSpec", "Task", "ClassificationTask", "RowContext"]


def is_missing_cell(value: Any) -> bool:
    """A table cell with no value: ``None`` or NaN (a CSV's empty cell, as pandas reads it)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class TaskSpec:
    """One task a model can do: head ``name``, registered ``kind``, ``labels`` (span tasks: span labels, no BIO).

    ``temperature`` divides the head's logits before the softmax at inference (calibration, see
    :func:`framing.training.calibrate.fit_temperature`); 1.0 leaves the probabilities as trained.
    """

    name: str
    kind: str
    labels: tuple[str, ...]
    positive_label: str | None = None
    temperature: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in task_kinds():
            raise ConfigError(f"task {self.name!r}: kind must be {one_of(task_kinds())}, got {self.kind!r}")
        if not self.labels or len(set(self.labels)) != len(self.labels):
            raise ConfigError(f"task {self.name!r}: labels must be non-empty and unique, got {self.labels!r}")
        need = get_task_class(self.kind).min_labels
        if len(self.labels) < need:
            raise ConfigError(f"task {self.name!r}: a classifier needs at least {need} labels, got {self.labels!r}")
        if self.positive_label is not None and self.positive_label not in self.labels:
            raise ConfigError(f"task {self.name!r}: positive_label {self.positive_label!r} not in {self.labels}")
        t = self.temperature
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t <= 0:
            raise ConfigError(
                f"task {self.name!r}: temperature must be a positive number, got {t!r}; "
                "use 1.0 for uncalibrated probabilities"
            )

    @cached_property
    def task(self) -> Task:
        """The registered kind's :class:`Task`, bound to this spec."""
        return get_task_class(self.kind)(self)

    @property
    def outputs(self) -> tuple[str, ...]:
        """Names of the head's outputs (BIO tags for span tasks)."""
        return self.task.outputs

    def to_dict(self) -> dict[str, Any]:
        """The JSON entry saved in ``framing_config.json`` under ``tasks``."""
        return {
            "name": self.name,
            "kind": self.kind,
            "labels": list(self.labels),
            "positive_label": self.positive_label,
            "temperature": float(self.temperature),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TaskSpec:
        """Read an entry written by :meth:`to_dict` (entries without ``temperature`` get 1.0)."""
        return cls(d["name"], d["kind"], tuple(d["labels"]), d.get("positive_label"), d.get("temperature", 1.0))


@dataclass(frozen=True)
class RowContext:
    """What decoding one text's head outputs may need (built by ``FramingModel.predict``).

    ``row``: the text's row in the batch's probabilities; ``mentions``: the rows of its mention groups in
    mention-level outputs; ``encoding`` / ``encoding_index``: the tokenizer output holding the text.
    """

    row: int
    text: str
    offsets: Sequence[tuple[int, int]]
    n_tokens: int
    mentions: slice
    span_threshold: float
    encoding: Any = None
    encoding_index: int = 0

    @property
    def word_ids(self) -> list[int | None]:
        """Word index of each token (``None`` for special tokens)."""
        return list(self.encoding.word_ids(self.encoding_index))


class Task:
    """A task kind bound to one :class:`TaskSpec`. Subclass it and register it with ``@register_task``.

    Class attributes describe the kind (data columns, example type, label rules, where predictions
    go in :class:`~framing.modeling.scorer.ModelOutput`); classmethods handle data before any model
    exists; instance methods (``self.spec``) handle the model side. Methods without a default raise
    ``NotImplementedError``.
    """

    kind: ClassVar[str] = ""  # set by register_task
    #: standard data columns the kind reads, and those that must be present
    columns: ClassVar[tuple[str, ...]] = ("text", "label")
    required_columns: ClassVar[tuple[str, ...]] = ("text", "label")
    #: the training example class (``framing.training.examples``)
    example_type: ClassVar[type] = object
    #: head name when ``TrainingArguments.task_name`` is not given (default: the kind)
    default_task_name: ClassVar[str | None] = None
    min_labels: ClassVar[int] = 2
    accepts_positive_label: ClassVar[bool] = True
    #: what ``EvaluationReport.n_examples`` counts, what training examples are, what the label counts count
    unit: ClassVar[str] = "texts"
    train_unit: ClassVar[str] = "texts"
    label_unit: ClassVar[str] = "examples"
    label_note: ClassVar[str] = ""
    #: the ``ModelOutput`` field predictions go to (``sentence``, ``spans``, ``stance`` or ``other``)
    output_field: ClassVar[str] = "other"
    #: the transformers Auto class a plain classifier of this kind loads with (None: not supported)
    hf_auto_class: ClassVar[str | None] = None

    def __init__(self, spec: TaskSpec) -> None:
        self.spec = spec

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.spec!r})"

    # ------------------------------------------------------------------ labels and outputs
    @property
    def outputs(self) -> tuple[str, ...]:
        """Names of the head's output columns (default: the labels)."""
        return tuple(self.spec.labels)

    @cached_property
    def output_index(self) -> dict[str, int]:
        """Output name -> column of the head."""
        return {lab: i for i, lab in enumerate(self.outputs)}

    @classmethod
    def resolve_task_name(cls, name: str | None) -> str:
        """The head name for ``TrainingArguments``: ``name`` or the kind's default."""
        return name if name is not None else (cls.default_task_name or cls.kind)

    @classmethod
    def guess_positive_label(cls, labels: Sequence[str]) -> str | None:
        """The label meaning "yes" when the user gives none (default: none)."""
        return None

    @classmethod
    def warn_about_labels(cls, labels: Sequence[str], positive_label: str | None) -> None:
        """Log what the Analyzer will make of a freshly trained head's labels (default: nothing)."""

    # ------------------------------------------------------------------ data (before a model exists)
    @classmethod
    def missing_columns(cls, resolved: Mapping[str, str]) -> tuple[list[str], str]:
        """Standard columns the data lacks, and a hint appended to the error message."""
        return [c for c in cls.required_columns if c not in resolved], ""

    @classmethod
    def examples_from_columns(
        cls, columns: Mapping[str, Sequence[Any]], rows: Sequence[Any], reader: RowReader
    ) -> list[Any]:
        """Examples from column values (``columns[standard name]``); bad cells go to ``reader``'s problems."""
        raise NotImplementedError(f"task kind {cls.kind!r} cannot read tables")

    @classmethod
    def example_labels(cls, example: Any) -> Iterable[str]:
        """The labels ``example`` carries (counted for class checks)."""
        return (example.label,)

    @classmethod
    def check_example(cls, example: Any, i: int, problems: Problems) -> None:
        """Record problems of a ready-made example (e.g. offsets outside the text)."""
        if not example.text.strip():
            problems.add("empty texts", f"example {i}")

    @classmethod
    def check_label_counts(cls, data: PreparedData) -> None:
        """Refuse training data whose labels cannot train this kind (before the label set is fixed)."""

    # ------------------------------------------------------------------ model
    @classmethod
    def new_head(cls, hidden: int, n_outputs: int, dropout: float) -> nn.Module:
        """A fresh head over ``hidden``-wide token states with ``n_outputs`` outputs."""
        raise NotImplementedError

    def build_head(self, hidden: int, dropout: float) -> nn.Module:
        """This task's head: :meth:`new_head` with one output per entry of :attr:`outputs`."""
        return self.new_head(hidden, len(self.outputs), dropout)

    def forward(self, head: nn.Module, hidden: torch.Tensor, inputs: Mapping[str, Any]) -> torch.Tensor | None:
        """Logits of ``head`` on encoder states ``hidden`` [B, T, H]; ``inputs`` holds ``attention_mask`` and
        any extra batch tensors (``mention_mask``, ``mention_row``). ``None``: nothing to score in this batch."""
        raise NotImplementedError

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        """Probabilities from logits: softmax over the last axis, in float32, of logits / the spec's temperature."""
        logits = logits.float()
        if self.spec.temperature != 1.0:
            logits = logits / self.spec.temperature
        return logits.softmax(-1)

    def decode(self, probs: np.ndarray, row: RowContext) -> Any:
        """This text's prediction from the batch's probabilities (``row.row`` is its row)."""
        raise NotImplementedError

    def empty_output(self) -> Any:
        """The prediction when the head did not run on a batch (default: ``None``)."""
        return None

    def merge_windows(self, parts: Sequence[tuple[np.ndarray | None, RowContext]], windows: TextWindows) -> Any:
        """The prediction of a text longer than one window (see :mod:`framing.modeling.windows`).

        ``parts[k]`` holds window ``k``'s batch probabilities (``None`` where the head did not run on its
        batch) and its :class:`RowContext`, as :meth:`decode` gets them. The default decodes the first
        window only, with a warning: kinds that can see a whole long text override this.
        """
        probs, row = parts[0]
        if probs is None:
            return self.empty_output()
        logger.warning(
            "task kind %r cannot merge token windows: scored the first %d tokens of a text of %d tokens only; "
            "override Task.merge_windows to score all of it",
            self.kind,
            row.n_tokens,
            windows.n_tokens,
        )
        return self.decode(probs, row)

    # ------------------------------------------------------------------ training
    def encode(self, tokenizer: Any, examples: Sequence[Any], max_length: int) -> list[dict[str, Any]]:
        """Training features of ``examples`` (lists, unpadded): ``input_ids`` of each text plus :meth:`features`.

        Kinds whose example is not one encoder row (a whole article) override this and :meth:`collate`
        (whose ``input_ids`` / ``attention_mask`` then replace the ones made from ``input_ids`` here).
        """
        enc = tokenizer(
            [ex.text for ex in examples], truncation=True, max_length=max_length, return_offsets_mapping=True
        )
        return [{"input_ids": enc["input_ids"][i], **self.features(ex, enc, i)} for i, ex in enumerate(examples)]

    def features(self, example: Any, encoding: Any, index: int) -> dict[str, Any]:
        """Training features of ``example`` beyond its ``input_ids`` (``encoding`` holds offsets)."""
        raise NotImplementedError

    def collate(self, feats: Sequence[Mapping[str, Any]], width: int) -> dict[str, torch.Tensor]:
        """``labels`` (and extra model inputs) of a batch padded to ``width`` tokens."""
        raise NotImplementedError

    def loss(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """Cross-entropy over every scored position (label ``-100`` is ignored)."""
        from torch import nn

        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)

    def soft_targets(self, example: Any) -> list[tuple[float, ...] | None] | None:
        """A teacher's class probabilities per labelled row of ``example`` (``None``: the kind has none)."""
        return None

    def with_soft_targets(self, example: Any, rows: Sequence[Sequence[float]], relabel: bool) -> Any:
        """``example`` carrying a teacher's ``rows`` (the kind must support :meth:`soft_targets`)."""
        raise ConfigError(f"task kind {self.kind!r} has no soft targets")

    def with_teacher(
        self, teacher: Any, examples: Sequence[Any], *, relabel: bool, batch_size: int, show_progress_bar: bool | None
    ) -> list[Any]:
        """``examples`` carrying ``teacher``'s probabilities for this task as soft targets; ``relabel``: the
        teacher's decisions replace the labels (:func:`framing.training.distill.teacher_targets`)."""
        raise ConfigError(f"task kind {self.kind!r} has no soft targets (classification and span kinds do)")

    def _top_label(self, soft: Sequence[float]) -> str:
        """The label of the largest probability in a teacher's row."""
        return self.spec.labels[max(range(len(soft)), key=soft.__getitem__)]

    def distill_loss(
        self, logits: torch.Tensor, soft: torch.Tensor, weight: torch.Tensor, temperature: float
    ) -> torch.Tensor:
        """KL(teacher || student) at ``temperature`` (times its square), averaged over rows with ``weight`` 1.

        ``soft`` [N, C] (or [B, T, C] for a per-token head) holds the teacher's probabilities at temperature
        1; raising them to ``1/T`` and renormalising is the teacher's softmax at ``T``. Rows without a
        teacher row have ``weight`` 0 (``weight`` has ``soft``'s shape without its last axis).
        """
        import torch
        from torch import nn

        flat = logits.reshape(-1, logits.shape[-1]).float()
        soft, weight = soft.reshape(-1, soft.shape[-1]), weight.reshape(-1)
        log_student = nn.functional.log_softmax(flat / temperature, dim=-1)
        teacher = soft.clamp_min(1e-8) ** (1.0 / temperature)
        teacher = teacher / teacher.sum(-1, keepdim=True)
        kl = (teacher * (teacher.log() - log_student)).sum(-1)
        return (kl * weight).sum() / torch.clamp(weight.sum(), min=1.0) * temperature**2

    def dev_predictions(self, logits: torch.Tensor) -> np.ndarray:
        """Flat predictions compared with the flat ``labels`` of a dev batch (default: argmax class indices)."""
        return logits.argmax(-1).cpu().numpy().reshape(-1)

    def dev_score(self, gold: np.ndarray, pred: np.ndarray, *, thresholds: Sequence[float] = (0.5,)) -> float:
        """Early-stopping score from flat gold / ``dev_predictions`` (default: macro-F1 of argmax classes).

        ``thresholds``: decision thresholds a task that decodes with one may take the best of (span tasks);
        the others ignore them."""
        from sklearn.metrics import f1_score

        return float(f1_score(gold, pred, average="macro", zero_division=0))

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
        """Predict ``examples`` with ``model`` and score them: ``(metrics, number of scored items)``."""
        raise NotImplementedError

    @classmethod
    def report_text(cls, report: EvaluationReport) -> str:
        """The report as a plain-text table."""
        raise NotImplementedError

    @classmethod
    def report_header(cls, report: EvaluationReport) -> list[str]:
        """First lines of :meth:`report_text`: task, data, size, model."""
        lines = [f"task {report.task} ({report.kind}) on {report.data or 'data'}: {report.n_examples} {cls.unit}"]
        if report.model:
            lines.append(f"model {report.model}")
        lines.append("")
        return lines

    # ------------------------------------------------------------------ plain transformers classifiers
    @classmethod
    def hf_spec(cls, labels: Sequence[str], positive_label: str | None) -> TaskSpec:
        """The spec a plain transformers classifier of this kind exposes (task named after the kind)."""
        return TaskSpec(cls.kind, cls.kind, tuple(labels), positive_label)

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
        """One prediction per text from a :class:`~framing.modeling.hf.HFClassifier`."""
        raise ConfigError(f"task kind {self.kind!r} has no plain transformers classifier")


class ClassificationTask(Task):
    """Shared by classifiers (one class distribution per text or per target): labels, metrics, report."""

    def soft_targets(self, example: Any) -> list[tuple[float, ...] | None] | None:
        """The example's ``soft`` row (one per text)."""
        return [getattr(example, "soft", None)]

    def with_teacher(
        self, teacher: Any, examples: Sequence[Any], *, relabel: bool, batch_size: int, show_progress_bar: bool | None
    ) -> list[Any]:
        """One teacher row per labelled row (:meth:`scored_rows`), attached by :meth:`with_soft_targets`."""
        counts = [len(self.soft_targets(ex) or ()) for ex in examples]
        if not all(counts):
            raise ConfigError(f"{counts.count(0)} {self.kind} example(s) have no row a teacher could label")
        rows, _ = self.scored_rows(teacher, examples, batch_size=batch_size, show_progress_bar=show_progress_bar)
        out: list[Any] = []
        pos = 0
        for ex, n in zip(examples, counts, strict=True):
            out.append(self.with_soft_targets(ex, rows[pos : pos + n], relabel))
            pos += n
        return out

    def with_soft_targets(self, example: Any, rows: Sequence[Sequence[float]], relabel: bool) -> Any:
        """``example`` with ``rows`` (one per labelled row) as its ``soft`` targets; ``relabel``: top class as label."""
        import dataclasses

        (row,) = rows
        soft = tuple(float(x) for x in row)
        label = self._top_label(soft) if relabel else example.label
        return dataclasses.replace(example, soft=soft, label=label)

    def collate(self, feats: Sequence[Mapping[str, Any]], width: int) -> dict[str, torch.Tensor]:
        """One class index per text (feature ``label``)."""
        import torch

        return {"labels": torch.tensor([f["label"] for f in feats], dtype=torch.long)}

    def evaluate(
        self,
        model: Any,
        examples: Sequence[Any],
        *,
        batch_size: int,
        span_threshold: float,
        show_progress_bar: bool | None,
    ) -> tuple[dict[str, Any], int]:
        """Classification metrics over the probability rows :meth:`scored_rows` gives, one per gold label."""
        import numpy as np

        from framing.training.evaluate import classification_metrics

        labels = list(self.spec.labels)
        rows, gold = self.scored_rows(model, examples, batch_size=batch_size, show_progress_bar=show_progress_bar)
        probs = np.stack(rows) if rows else np.zeros((0, len(labels)))
        return classification_metrics(gold, probs, labels, self.spec.positive_label), len(gold)

    def scored_rows(
        self, model: Any, examples: Sequence[Any], *, batch_size: int, show_progress_bar: bool | None
    ) -> tuple[list[Any], list[int]]:
        """``(probability rows, gold class indices)`` of ``examples``, predicted with ``model``."""
        raise NotImplementedError

    @classmethod
    def report_text(cls, report: EvaluationReport) -> str:
        """Per-class P/R/F1, macro average, accuracy, macro-F1, ECE and the confusion matrix."""
        m = report.metrics
        labels = report.labels
        lines = cls.report_header(report)
        width = max([len("macro avg"), *(len(lab) for lab in labels)]) + 2
        lines.append(f"{'':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
        for lab in labels:
            r = m["per_class"][lab]
            lines.append(
                f"{lab:<{width}}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>10.3f}{r['support']:>10d}"
            )
        lines.append(
            f"{'macro avg':<{width}}{m['macro_precision']:>10.3f}{m['macro_recall']:>10.3f}"
            f"{m['macro_f1']:>10.3f}{report.n_examples:>10d}"
        )
        lines.append("")
        bins, on = m.get("ece_bins", 15), m.get("ece_on", "top class")
        lines.append(
            f"accuracy {m['accuracy']:.3f}   macro-F1 {m['macro_f1']:.3f}   ECE of {on} ({bins} bins) {m['ece']:.3f}"
        )
        lines.append("")
        lines.append("confusion matrix (rows: gold, columns: predicted)")
        cw = max(8, *(len(lab) + 2 for lab in labels))
        lines.append(" " * width + "".join(f"{lab:>{cw}}" for lab in labels))
        for lab, row in zip(labels, m["confusion_matrix"], strict=True):
            lines.append(f"{lab:<{width}}" + "".join(f"{v:>{cw}d}" for v in row))
        return "\n".join(lines)

    @classmethod
    def check_label_counts(cls, data: PreparedData) -> None:
        """Nothing before the label set is fixed (``check_training_labels`` needs two labels with examples)."""
