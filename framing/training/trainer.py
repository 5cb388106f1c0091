"""``Trainer``: fine-tune one sentence / span / stance head on labelled data and save a model folder.

    args = TrainingArguments(task="sentence", output_dir="runs/my-model", data_license="CC-BY-4.0")
    folder = Trainer(args=args, train_dataset=ds["train"], eval_dataset=ds["validation"]).train()
    model = FramingModel.from_pretrained(folder)

The engine is :func:`framing.training.loop.fit` (the project's multi-task loop, also used by the
default-model recipe) rather than ``transformers.Trainer``: a :class:`FramingModel` is one encoder with
custom heads whose stance batches carry a variable number of mention masks per text, which
``transformers.Trainer``'s collation, loss and checkpointing (pickled optimizer state, full
``save_pretrained`` of the wrapped module) do not fit without overriding most of it. ``fit`` already
seeds everything, stops early on dev macro-F1, restores the best epoch and, with
``TrainingArguments.checkpoint_dir``, resumes an interrupted run exactly (safetensors + JSON checkpoints).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import ConfigError, DataError
from framing.training.arguments import DEFAULT_SPAN_LABEL, TrainingArguments
from framing.training.data import (
    PreparedData,
    check_known_labels,
    check_training_labels,
    load_table,
    prepare_examples,
)
from framing.training.evaluate import EvaluationReport, evaluate_examples

if TYPE_CHECKING:
    from framing.modeling.model import FramingModel
    from framing.training.loop import LoopConfig

logger = logging.getLogger(__name__)

__all__ = ["Trainer", "train", "EVAL_RESULTS_NAME"]

EVAL_RESULTS_NAME = "eval_results.json"


class Trainer:
    """Fine-tune one task head of a :class:`~framing.modeling.FramingModel`.

    ``model``: ``None`` (a fresh model on ``args.backbone``), a backbone name / folder, or a
    ``FramingModel`` built with ``FramingModel.new`` holding a task named ``args.task_name``.
    Datasets: anything :func:`framing.training.data.load_table` reads. ``train_split`` /
    ``eval_split`` / ``test_split`` pick a DatasetDict's split or filter a flat table on
    ``split_column``; with ``eval_dataset=None`` and ``eval_split`` set, the dev set comes from
    ``train_dataset`` (same for test). A file or DataFrame that has a ``split_column`` but no
    ``train_split`` trains on its ``train`` rows (and evaluates on ``dev``/``validation`` when no dev
    set is given) instead of on every row; without ``train`` rows it is refused. All data is
    validated before a model is built.
    """

    def __init__(
        self,
        model: Any = None,
        args: TrainingArguments | None = None,
        train_dataset: Any = None,
        eval_dataset: Any = None,
        *,
        test_dataset: Any = None,
        column_mapping: Mapping[str, str] | None = None,
        train_split: str | None = None,
        eval_split: str | None = None,
        test_split: str | None = None,
        split_column: str = "split",
        command: str | None = None,
    ) -> None:
        if isinstance(model, TrainingArguments) and args is None:
            model, args = None, model
        if not isinstance(args, TrainingArguments):
            raise ConfigError(f"args must be a TrainingArguments, got {type(args).__name__}")
        if train_dataset is None:
            raise ConfigError("train_dataset is required")
        self.args = args
        self.model_init = model
        self.train_dataset = train_dataset
        self.eval_dataset = eval_dataset
        self.test_dataset = test_dataset
        self.column_mapping = dict(column_mapping or {})
        self.train_split = train_split
        self.eval_split = eval_split
        self.test_split = test_split
        self.split_column = split_column
        self.command = command
        self._pick_default_splits()
        self.model: Any = None
        self.history: dict[str, Any] | None = None
        self.eval_report: EvaluationReport | None = None
        self.test_report: EvaluationReport | None = None
        self.labels: tuple[str, ...] | None = None

    # ------------------------------------------------------------------ data
    def _pick_default_splits(self) -> None:
        """Flat training data with a split column and no ``train_split``: its ``train`` rows, never all."""
        import pandas as pd

        data = self.train_dataset
        if self.train_split is not None or not isinstance(data, (str, os.PathLike, pd.DataFrame)):
            return
        frame, desc = load_table(data, role="training")
        if self.split_column not in frame.columns:
            return
        values = sorted({str(v) for v in frame[self.split_column].unique()})
        if "train" not in values:
            fix = "--split NAME" if self.command is not None else "train_split=NAME"
            raise DataError(
                f"training data {desc} has a {self.split_column!r} column (values {values[:10]}) but no training "
                f"split was chosen, so every row, dev and test included, would be trained on: pass {fix}"
            )
        self.train_split = "train"
        if self.eval_dataset is None and self.eval_split is None:
            self.eval_split = next((v for v in ("dev", "validation", "valid", "val") if v in values), None)
        logger.warning(
            "%s has a %r column: training on its 'train' rows%s",
            desc,
            self.split_column,
            f", evaluating on {self.eval_split!r}" if self.eval_split else "",
        )

    def _prepare(self, data: Any, split: str | None, role: str) -> PreparedData:
        args = self.args
        # the label of marked spans that carry none (span kinds; other kinds ignore it)
        span_label = args.labels[0] if args.labels else DEFAULT_SPAN_LABEL
        if isinstance(self.model_init, _framing_model_type()) and args.task_name in self.model_init.tasks:
            span_label = self.model_init.tasks[args.task_name].labels[0]
        return prepare_examples(
            data,
            args.task,
            column_mapping=self.column_mapping,
            split=split,
            split_column=self.split_column,
            span_label=span_label,
            missing_phrases=args.missing_phrases,
            role=role,
        )

    def prepare_data(self) -> tuple[PreparedData, PreparedData | None, PreparedData | None, tuple[str, ...]]:
        """Load and validate train / dev / test data; returns them and the label set. No model is built."""
        args = self.args
        train_data = self._prepare(self.train_dataset, self.train_split, "training")
        wanted = args.labels
        if isinstance(self.model_init, _framing_model_type()):
            spec = self.model_init.tasks.get(_task_name(args))
            if spec is None or spec.kind != args.task:
                raise ConfigError(
                    f"the model passed has no {args.task} task named {args.task_name!r} "
                    f"(it has {[(t.name, t.kind) for t in self.model_init.tasks.values()]})"
                )
            wanted = spec.labels
            if self.model_init.finetune == "lora" and not hasattr(self.model_init.encoder, "peft_config"):
                raise ConfigError(
                    "the model passed is a LoRA model whose adapter was merged at load time, so it cannot be "
                    "saved as an adapter again: load it with FramingModel.from_pretrained(path, merge_adapter=False)"
                )
        labels = check_training_labels(train_data, wanted, args.min_examples_per_class)
        extra: list[PreparedData | None] = []
        for data, split, role in (
            (self.eval_dataset, self.eval_split, "evaluation (dev)"),
            (self.test_dataset, self.test_split, "test"),
        ):
            if data is None and split is not None:
                data = self.train_dataset
            if data is None:
                extra.append(None)
                continue
            prepared = self._prepare(data, split, role)
            check_known_labels(prepared, labels)
            extra.append(prepared)
        return train_data, extra[0], extra[1], labels

    def _check_output_dir(self) -> Path:
        out = Path(self.args.output_dir)
        if out.exists() and not out.is_dir():
            raise ConfigError(f"output_dir {out} is a file: pass a folder")
        ckpt = Path(self.args.checkpoint_dir).resolve() if self.args.checkpoint_dir is not None else None
        if out.is_dir() and any(p.resolve() != ckpt for p in out.iterdir()) and not self.args.overwrite_output_dir:
            raise ConfigError(
                f"output_dir {out} is not empty: pass overwrite_output_dir=True (CLI: --overwrite) or another folder"
            )
        return out

    # ------------------------------------------------------------------ model
    def _build_model(self, labels: tuple[str, ...]) -> Any:
        from framing.modeling.model import FramingModel
        from framing.tasks import TaskSpec, get_task_class

        args = self.args
        if isinstance(self.model_init, FramingModel):
            return self.model_init
        backbone = args.backbone
        if self.model_init is not None:
            if not isinstance(self.model_init, (str, os.PathLike)):
                raise ConfigError(
                    "model must be None, a backbone name or folder, or a FramingModel; "
                    f"got {type(self.model_init).__name__}"
                )
            if backbone is not None and str(backbone) != str(self.model_init):
                raise ConfigError(f"model={self.model_init!r} and args.backbone={backbone!r} disagree: pass one")
            backbone = str(self.model_init)
        task_cls = get_task_class(args.task)
        positive = args.positive_label
        if positive is None:
            positive = task_cls.guess_positive_label(labels)
        if positive is not None and positive not in labels:
            raise ConfigError(f"positive_label {positive!r} is not one of the labels {list(labels)}")
        task_cls.warn_about_labels(labels, positive)
        spec = TaskSpec(args.task_name or task_cls.resolve_task_name(None), args.task, labels, positive_label=positive)
        return FramingModel.new(
            [spec],
            backbone=backbone,
            finetune=args.finetune,
            lora_r=args.lora_r,
            lora_alpha=args.lora_alpha,
            lora_dropout=args.lora_dropout,
            lora_target_modules=args.lora_target_modules,
            max_length=args.max_length,
            dropout=args.dropout,
        )

    # ------------------------------------------------------------------ run
    def train(self) -> Path:
        """Validate the data, fine-tune, evaluate on dev (and test), save; returns the model folder."""
        from framing.training.loop import fit, set_seed

        args = self.args
        t0 = time.perf_counter()
        train_data, eval_data, test_data, labels = self.prepare_data()
        out = self._check_output_dir()
        self.labels = labels
        logger.info(
            "training %s task %r on %d texts (labels %s); dev %s",
            args.task,
            args.task_name,
            len(train_data.examples),
            list(labels),
            len(eval_data.examples) if eval_data else "none",
        )
        set_seed(args.seed)
        model = self._build_model(labels)
        name = _task_name(args)
        config = _loop_config(args)
        history = fit(model, {name: train_data.examples}, {name: eval_data.examples} if eval_data else None, config)
        self.model, self.history = model, history
        self.eval_report = self._report(eval_data)
        self.test_report = self._report(test_data)
        history["wall_seconds"] = round(time.perf_counter() - t0, 1)
        self._save(out, labels, train_data, eval_data, history)
        logger.info("saved %s in %.1f s", out, history["wall_seconds"])
        return out

    def _save(
        self,
        out: Path,
        labels: Sequence[str],
        train_data: PreparedData,
        eval_data: PreparedData | None,
        history: dict[str, Any],
    ) -> None:
        """Save the trained model with its card, training record, evaluation results, arguments and history."""
        from framing.training.card import write_card

        args, model = self.args, self.model
        model.extra_config["training"] = {
            "framing_trainer": True,
            "task": args.task,
            "data_source": args.data_source or train_data.origin,
            "data_license": args.data_license,
            "n_train": len(train_data.examples),
            "n_eval": len(eval_data.examples) if eval_data else None,
            "seed": args.seed,
            "command": self.command,
        }
        model.save_pretrained(out)
        results = {
            "eval": self.eval_report.to_dict() if self.eval_report else None,
            "test": self.test_report.to_dict() if self.test_report else None,
        }
        _write_json(out / EVAL_RESULTS_NAME, results)
        _write_json(out / "training_args.json", args.to_dict())
        _write_json(out / "training_history.json", history)
        write_card(out)  # README.md, from the files above (python -m framing.training.card regenerates it)
        model.source = str(out)

    def _report(self, data: PreparedData | None) -> EvaluationReport | None:
        if data is None:
            return None
        return evaluate_examples(
            self.model,
            _task_name(self.args),
            data.examples,
            batch_size=self.args.eval_batch_size,
            span_threshold=self.args.span_threshold,
            data=data.origin,
            show_progress_bar=None if self.args.show_progress_bar else False,
        )

    def evaluate(
        self,
        dataset: Any = None,
        *,
        split: str | None = None,
        column_mapping: Mapping[str, str] | None = None,
    ) -> EvaluationReport:
        """Evaluate the trained model on ``dataset`` (default: the dev set), validated first."""
        if self.model is None:
            raise ConfigError("call train() before evaluate()")
        if dataset is None and split is None:
            if self.eval_report is None:
                raise ConfigError("no dataset given and no eval_dataset to fall back on")
            return self.eval_report
        from framing.training.evaluate import evaluate_model

        return evaluate_model(
            self.model,
            dataset if dataset is not None else self.train_dataset,
            task=self.args.task_name,
            column_mapping=column_mapping if column_mapping is not None else self.column_mapping,
            split=split,
            split_column=self.split_column,
            batch_size=self.args.eval_batch_size,
            span_threshold=self.args.span_threshold,
            missing_phrases=self.args.missing_phrases,
        )


def train(
    args: TrainingArguments,
    train_dataset: Any,
    eval_dataset: Any = None,
    *,
    model: Any = None,
    **kwargs: Any,
) -> Path:
    """Build a :class:`Trainer` and run it; returns the saved model folder."""
    return Trainer(model, args, train_dataset, eval_dataset, **kwargs).train()


def _framing_model_type() -> type[FramingModel]:
    from framing.modeling.model import FramingModel

    return FramingModel


def _loop_config(args: TrainingArguments) -> LoopConfig:
    """The training loop's settings from the arguments."""
    from framing.training.loop import LoopConfig

    return LoopConfig(
        epochs=args.num_train_epochs,
        learning_rate=float(args.learning_rate or 0.0),
        head_learning_rate=args.head_learning_rate,
        batch_size=args.batch_size,
        weight_decay=args.weight_decay,
        warmup_ratio=args.warmup_ratio,
        max_grad_norm=args.max_grad_norm,
        seed=args.seed,
        patience=args.early_stopping_patience or 10**9,
        eval_batch_size=args.eval_batch_size,
        show_progress_bar=args.show_progress_bar,
        checkpoint_dir=args.checkpoint_dir,
        checkpoint_minutes=args.checkpoint_minutes,
        checkpoint_steps=args.checkpoint_steps,
    )


def _task_name(args: TrainingArguments) -> str:
    """``args.task_name``, which ``TrainingArguments.__post_init__`` always sets."""
    if args.task_name is None:
        raise ConfigError("TrainingArguments.task_name is not set")
    return args.task_name


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
