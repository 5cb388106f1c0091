"""``TrainingArguments``: every knob of a fine-tuning run, validated when it is built."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from framing.errors import ConfigError
from framing.tasks import Task, get_task_class, task_kinds

__all__ = ["TrainingArguments", "TASK_KINDS", "DEFAULT_TASK_NAMES"]

#: the built-in task kinds (any kind registered with ``framing.tasks.register_task`` is accepted)
TASK_KINDS = ("sentence", "span", "stance")
FINETUNE_MODES = ("lora", "full", "frozen")
# Task names the Analyzer looks for (the heads of the default model), so a trained folder replaces them.
DEFAULT_TASK_NAMES = {k: get_task_class(k).resolve_task_name(None) for k in TASK_KINDS}
DEFAULT_LEARNING_RATES = {"lora": 4e-4, "full": 5e-5, "frozen": 1e-3}
DEFAULT_SPAN_LABEL = "loaded"


@dataclass
class TrainingArguments:
    """Settings for :class:`framing.training.Trainer`.

    ``task`` is the task *kind* (``sentence``, ``span``, ``stance`` or any kind registered with
    :func:`framing.tasks.register_task`); ``task_name`` is the name of the head in the saved model
    (defaults to the name the Analyzer uses for that kind: ``loaded``, ``loaded_words``, ``stance``; a
    new kind's own name). Leave ``task`` unset to train several tasks at once (``Trainer`` with
    ``train_dataset={task name: dataset}``): each task's kind and labels then come from the task
    specs, the model or the task's name, and ``task_name`` / ``labels`` / ``positive_label`` must stay
    unset. ``labels`` default to the sorted labels of the training data
    (span tasks: ``("loaded",)`` when spans carry no label). ``learning_rate`` defaults by ``finetune``
    (LoRA 4e-4, full 5e-5, frozen 1e-3). ``early_stopping_patience`` counts dev epochs without a better
    macro-F1; ``None`` turns early stopping off (the best dev epoch is still kept).
    ``span_threshold`` is the word threshold span tasks are evaluated with; ``tune_span_threshold``
    instead picks it on the dev set after training (0.05 … 0.90, best word-level F1) for the model's
    first span head and stores it in the model, where the ``Analyzer`` finds it.

    ``checkpoint_dir`` makes training resumable: a checkpoint (safetensors + JSON: trainable weights,
    optimizer, scheduler and random states, the position in the epoch, history) is written there after
    every epoch, every ``checkpoint_minutes`` minutes and every ``checkpoint_steps`` steps (``None``: not
    by time / steps), keeping only the latest. Running the same training again with the same
    ``checkpoint_dir`` continues where it stopped and gives the uninterrupted run's model. ``None``: off.
    """

    #: the task kind: ``sentence``, ``span``, ``stance`` or a registered kind (None: several tasks at once)
    task: str | None = None
    #: the folder the model is saved in
    output_dir: str | Path = ""
    #: the head's name in the saved model (default: the kind's, e.g. ``loaded`` for ``sentence``)
    task_name: str | None = None
    #: the label set (default: the sorted labels of the training data)
    labels: Sequence[str] | None = None
    #: the label that means "loaded" (sentence tasks; guessed for two labels when None)
    positive_label: str | None = None
    #: encoder hub id or folder (default: the pip-shipped MiniLM)
    backbone: str | None = None
    #: ``lora`` (adapters), ``full`` (every encoder weight) or ``frozen`` (heads only)
    finetune: str = "lora"
    #: encoder / adapter learning rate (default by ``finetune``: 4e-4, 5e-5, 1e-3)
    learning_rate: float | None = None
    #: learning rate of the heads (None: ``learning_rate``); a linear span head's logits move per step in
    #: proportion to the token states' scale: all-mpnet-base-v2's are ~3x smaller than MiniLM's, and its span
    #: head needed 1e-2 to learn at all
    head_learning_rate: float | None = 1e-3
    #: ``{task name: rate}``: heads that train at another rate than ``head_learning_rate``; e.g.
    #: ``{"loaded_words": 1e-2}`` for a span head, which sees one token at a time and learns more slowly
    task_head_learning_rates: dict[str, float] = field(default_factory=dict)
    #: passes over the training data (a float stops part-way through the last)
    num_train_epochs: float = 3.0
    #: training examples per step
    batch_size: int = 16
    #: texts per batch when scoring dev and test data
    eval_batch_size: int = 64
    #: AdamW weight decay
    weight_decay: float = 0.01
    #: share of the steps with a linearly rising learning rate
    warmup_ratio: float = 0.06
    #: gradient clipping norm
    max_grad_norm: float = 1.0
    #: random seed: the same seed gives the same metrics
    seed: int = 42
    #: dev epochs without a better macro-F1 before stopping (None: no early stopping)
    early_stopping_patience: int | None = 2
    #: tokens per text; longer texts are truncated
    max_length: int = 128
    #: LoRA rank
    lora_r: int = 8
    #: LoRA scaling (the update is ``B·A·alpha/r``)
    lora_alpha: int = 16
    #: dropout on the LoRA input
    lora_dropout: float = 0.1
    #: names of the encoder's linear layers that get adapters
    lora_target_modules: Sequence[str] = ("query", "key", "value", "dense")
    #: dropout in the heads
    dropout: float = 0.1
    #: fewest training examples a class may have
    min_examples_per_class: int = 2
    #: span/stance data: a marked phrase or target not found in its text is an ``error`` or is ``drop``-ped
    missing_phrases: str = "error"
    #: span tasks: 1 - P(O) a word needs to be part of a span when evaluating
    span_threshold: float = 0.5
    #: pick the first span head's word threshold on its dev set after training and store it in the model
    tune_span_threshold: bool = False
    #: where the data comes from (model card; default: the data's own origin)
    data_source: str | None = None
    #: license of the training data (model card)
    data_license: str | None = None
    #: allow saving into a folder that is not empty
    overwrite_output_dir: bool = False
    #: progress bars while training and evaluating
    show_progress_bar: bool = True
    #: folder for resumable checkpoints (None: off); rerunning with it continues where training stopped
    checkpoint_dir: str | Path | None = None
    #: write a checkpoint every this many minutes (None: not by time)
    checkpoint_minutes: float | None = 5.0
    #: write a checkpoint every this many steps (None: not by steps)
    checkpoint_steps: int | None = None
    #: weight of the distillation loss for examples with a teacher's ``soft`` rows
    #: (:func:`framing.training.distill.teacher_targets`): ``(1 - a) * gold loss + a * T² * KL``
    distill_alpha: float = 0.5
    #: temperature ``T`` that softens teacher and student distributions in the distillation loss
    distill_temperature: float = 2.0
    #: free-form settings kept with the arguments (``training_args.json``); the trainer does not read them
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Validate every field (``ConfigError`` naming the field and the fix) and fill the defaults."""
        if self.task is not None and self.task not in task_kinds():
            raise ConfigError(f"task must be one of {task_kinds()}, got {self.task!r}")
        if self.finetune not in FINETUNE_MODES:
            raise ConfigError(f"finetune must be one of {FINETUNE_MODES}, got {self.finetune!r}")
        if not str(self.output_dir).strip():
            raise ConfigError("output_dir is empty: pass the folder to save the model in")
        self.output_dir = Path(self.output_dir)
        if self.task is None:
            # several tasks (Trainer with a {task name: dataset} mapping): these are per task
            for name in ("task_name", "labels", "positive_label"):
                if getattr(self, name) is not None:
                    raise ConfigError(
                        f"{name} needs task=...: for several tasks at once, give each task's name, kind and "
                        "labels as Trainer(tasks=[TaskSpec(name, kind, labels, positive_label=...)])"
                    )
        else:
            task_cls = get_task_class(self.task)
            if self.task_name is None:
                self.task_name = task_cls.resolve_task_name(None)
            if not isinstance(self.task_name, str) or not self.task_name.strip():
                raise ConfigError(f"task_name must be a non-empty string, got {self.task_name!r}")
            self._check_labels(task_cls)
        self._check_numbers()

    def _check_labels(self, task_cls: type[Task]) -> None:
        """``labels`` and ``positive_label`` against the task kind's rules."""
        if self.labels is not None:
            if isinstance(self.labels, str):
                raise ConfigError(f"labels must be a list of strings, got the string {self.labels!r}")
            labels = tuple(self.labels)
            if not all(isinstance(x, str) and x for x in labels):
                raise ConfigError(f"labels must be non-empty strings, got {labels!r}")
            if len(set(labels)) != len(labels):
                raise ConfigError(f"labels must be unique, got {labels!r}")
            if len(labels) < task_cls.min_labels:
                raise ConfigError(
                    f"a {self.task} classifier needs at least {task_cls.min_labels} labels, got {labels!r}"
                )
            if not labels:
                raise ConfigError("labels is empty: leave it None to take the labels from the training data")
            self.labels = labels
        if self.positive_label is not None:
            if not task_cls.accepts_positive_label:
                kinds = [k for k in task_kinds() if get_task_class(k).accepts_positive_label]
                names = ", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
                raise ConfigError(f"positive_label applies to {names} tasks only")
            if self.labels is not None and self.positive_label not in self.labels:
                raise ConfigError(f"positive_label {self.positive_label!r} is not one of labels {self.labels}")

    def _check_numbers(self) -> None:
        """Learning rates, sizes, ratios and the remaining options."""
        if self.learning_rate is None:
            self.learning_rate = DEFAULT_LEARNING_RATES[self.finetune]
        _positive("learning_rate", self.learning_rate)
        if self.head_learning_rate is not None:
            _positive("head_learning_rate", self.head_learning_rate)
        if not isinstance(self.task_head_learning_rates, Mapping):
            raise ConfigError(
                "task_head_learning_rates must be a mapping {task name: rate}, got "
                f"{type(self.task_head_learning_rates).__name__}"
            )
        for name, rate in self.task_head_learning_rates.items():
            _positive(f"task_head_learning_rates[{name!r}]", rate)
        _positive("num_train_epochs", self.num_train_epochs)
        for name in ("batch_size", "eval_batch_size", "lora_r", "lora_alpha", "min_examples_per_class"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if not isinstance(self.max_length, int) or not 8 <= self.max_length <= 8192:
            raise ConfigError(f"max_length must be an integer between 8 and 8192, got {self.max_length!r}")
        if self.early_stopping_patience is not None and (
            not isinstance(self.early_stopping_patience, int) or self.early_stopping_patience < 1
        ):
            raise ConfigError(
                f"early_stopping_patience must be a positive integer or None (no early stopping), "
                f"got {self.early_stopping_patience!r}"
            )
        for name in ("weight_decay", "max_grad_norm"):
            value = getattr(self, name)
            if not _finite(value) or value < 0:
                raise ConfigError(f"{name} must be >= 0, got {value!r}")
        for name in ("warmup_ratio", "lora_dropout", "dropout"):
            value = getattr(self, name)
            if not _finite(value) or not 0 <= value < 1:
                raise ConfigError(f"{name} must be in [0, 1), got {value!r}")
        if not _finite(self.span_threshold) or not 0 < self.span_threshold < 1:
            raise ConfigError(f"span_threshold must be in (0, 1), got {self.span_threshold!r}")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise ConfigError(f"seed must be an integer, got {self.seed!r}")
        if not isinstance(self.tune_span_threshold, bool):
            raise ConfigError(f"tune_span_threshold must be True or False, got {self.tune_span_threshold!r}")
        if self.missing_phrases not in ("error", "drop"):
            raise ConfigError(f"missing_phrases must be 'error' or 'drop', got {self.missing_phrases!r}")
        if isinstance(self.lora_target_modules, str) or not all(
            isinstance(m, str) and m for m in self.lora_target_modules
        ):
            raise ConfigError(f"lora_target_modules must be a list of module names, got {self.lora_target_modules!r}")
        self.lora_target_modules = tuple(self.lora_target_modules)
        self._check_checkpointing()

    def _check_checkpointing(self) -> None:
        """``checkpoint_dir`` (made a ``Path``), ``checkpoint_minutes`` and ``checkpoint_steps``."""
        if self.checkpoint_dir is not None:
            if not str(self.checkpoint_dir).strip():
                raise ConfigError("checkpoint_dir is empty: pass a folder, or None for no checkpoints")
            self.checkpoint_dir = Path(self.checkpoint_dir)
        if self.checkpoint_minutes is not None:
            _positive("checkpoint_minutes", self.checkpoint_minutes)
        steps = self.checkpoint_steps
        if steps is not None and (not isinstance(steps, int) or isinstance(steps, bool) or steps < 1):
            raise ConfigError(f"checkpoint_steps must be a positive integer or None, got {steps!r}")
        if not 0.0 <= self.distill_alpha <= 1.0:
            raise ConfigError(f"distill_alpha must be between 0 and 1, got {self.distill_alpha!r}")
        _positive("distill_temperature", self.distill_temperature)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe copy (paths as strings, tuples as lists)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Path):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    def replace(self, **changes: Any) -> TrainingArguments:
        """A validated copy with some fields changed."""
        d = asdict(self)
        d.update(changes)
        return TrainingArguments(**d)


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive(name: str, value: Any) -> None:
    if not _finite(value) or value <= 0:
        raise ConfigError(f"{name} must be a positive number, got {value!r}")
