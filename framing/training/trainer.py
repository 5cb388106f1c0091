"""``Trainer``: fine-tune sentence / span / stance heads on labelled data and save a model folder.

    args = TrainingArguments(task="sentence", output_dir="runs/my-model", data_license="CC-BY-4.0")
    folder = Trainer(args=args, train_dataset=ds["train"], eval_dataset=ds["validation"]).train()
    model = FramingModel.from_pretrained(folder)

Several heads on one encoder, trained together (the default model's kind)::

    args = TrainingArguments(output_dir="runs/my-default", lora_r=16, lora_alpha=32, tune_span_threshold=True)
    trainer = Trainer(args=args, train_dataset={"loaded": babe_train, "loaded_words": spans_train,
                      "stance": stance_train}, eval_dataset={"loaded": babe_dev, "loaded_words": spans_dev,
                      "stance": stance_dev})
    folder = trainer.train()

The engine is :func:`framing.training.loop.fit` (the multi-task loop, also used by the
default-model recipe in ``recipes/``) rather than ``transformers.Trainer``: a :class:`FramingModel` is one encoder with
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
from dataclasses import dataclass, field
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
    from framing.tasks import TaskSpec
    from framing.training.loop import LoopConfig

logger = logging.getLogger(__name__)

__all__ = ["Trainer", "train", "EVAL_RESULTS_NAME"]

EVAL_RESULTS_NAME = "eval_results.json"


class Trainer:
    """Fine-tune the task heads of a :class:`~framing.modeling.FramingModel`: one task, or several at once.

    ``model``: ``None`` (a fresh model on ``args.backbone``), a backbone name / folder, or a
    ``FramingModel`` built with ``FramingModel.new`` holding a task named ``args.task_name``.
    Datasets: anything :func:`framing.training.data.load_table` reads. ``train_split`` /
    ``eval_split`` / ``test_split`` pick a DatasetDict's split or filter a flat table on
    ``split_column``; with ``eval_dataset=None`` and ``eval_split`` set, the dev set comes from
    ``train_dataset`` (same for test). A file or DataFrame that has a ``split_column`` but no
    ``train_split`` trains on its ``train`` rows (and evaluates on ``dev``/``validation`` when no dev
    set is given) instead of on every row; without ``train`` rows it is refused. All data is
    validated before a model is built.

    **Several tasks at once**: ``train_dataset={task name: dataset}`` (and ``eval_dataset`` /
    ``test_dataset`` mappings for some or all of those tasks), with ``args.task`` unset. Each task's
    kind (and labels) come from ``tasks=`` (``[TaskSpec(name, kind, labels), …]`` or ``{name: kind}``,
    labels then from the data), from the ``FramingModel`` passed, or from its name when that is the
    head name the Analyzer uses for a kind (``loaded``: sentence, ``loaded_words``: span, ``stance``:
    stance). One model with a head per task is trained by :func:`~framing.training.loop.fit`
    (single-task batches drawn from every task, early stopping on the mean dev score), each task is
    evaluated on its own dev / test data, and one folder is saved. ``column_mapping`` is then either
    one mapping for all tasks (each task uses the keys of its kind) or ``{task name: mapping}``.
    """

    def __init__(
        self,
        model: Any = None,
        args: TrainingArguments | None = None,
        train_dataset: Any = None,
        eval_dataset: Any = None,
        *,
        test_dataset: Any = None,
        tasks: Sequence[TaskSpec] | Mapping[str, str] | None = None,
        column_mapping: Mapping[str, Any] | None = None,
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
        self.column_mapping: dict[str, Any] = dict(column_mapping or {})
        self.train_split = train_split
        self.eval_split = eval_split
        self.test_split = test_split
        self.split_column = split_column
        self.command = command
        self.multi_task = _is_task_mapping(train_dataset)
        self.task_specs = self._check_task_specs(tasks)
        self.model: Any = None
        self.history: dict[str, Any] | None = None
        self.eval_report: EvaluationReport | None = None
        self.test_report: EvaluationReport | None = None
        self.eval_reports: dict[str, EvaluationReport] = {}
        self.test_reports: dict[str, EvaluationReport] = {}
        self.labels: tuple[str, ...] | None = None
        self.task_labels: dict[str, tuple[str, ...]] = {}
        self._task_splits: dict[str, tuple[str | None, str | None]] = {}
        self._runs: list[_TaskRun] = []
        self._span_thresholds: dict[str, float] = {}
        self._t0: float | None = None
        if self.multi_task:
            self._check_task_mappings()
        elif args.task is None:
            raise ConfigError(
                "TrainingArguments.task is not set: pass task='sentence', 'span' or 'stance' (a registered kind), "
                "or train several tasks with train_dataset={task name: dataset}"
            )
        self._pick_default_splits()

    # ------------------------------------------------------------------ tasks
    def _check_task_specs(self, tasks: Any) -> dict[str, TaskSpec | str]:
        """``tasks=`` as ``{name: TaskSpec or kind}``; only with a ``{task name: dataset}`` mapping."""
        from framing.tasks import TaskSpec, task_kinds

        if tasks is None:
            return {}
        if not self.multi_task:
            raise ConfigError(
                "tasks= describes several tasks: pass train_dataset={task name: dataset} with it "
                "(one task: TrainingArguments(task=..., task_name=..., labels=...))"
            )
        if isinstance(self.model_init, _framing_model_type()):
            raise ConfigError("pass the tasks either in the FramingModel or as tasks=, not both")
        out: dict[str, TaskSpec | str] = {}
        items = list(tasks.items()) if isinstance(tasks, Mapping) else [(getattr(t, "name", None), t) for t in tasks]
        for name, spec in items:
            if isinstance(spec, TaskSpec) and spec.name == name:
                out[spec.name] = spec
            elif isinstance(spec, str) and isinstance(name, str) and spec in task_kinds():
                out[name] = spec
            else:
                raise ConfigError(
                    f"tasks must be a list of TaskSpec or a mapping {{task name: kind}} with kinds in "
                    f"{list(task_kinds())}; got {spec!r}"
                )
        return out

    def _check_task_mappings(self) -> None:
        names = [str(n) for n in self.train_dataset]
        if not names or not all(isinstance(n, str) and n for n in self.train_dataset):
            raise ConfigError(f"train_dataset must map task names (non-empty strings) to datasets, got keys {names}")
        if self.args.task is not None:
            raise ConfigError(
                "train_dataset is a mapping {task name: dataset} (several tasks): leave TrainingArguments.task "
                "unset; each task's kind comes from tasks=, the model passed, or its name"
            )
        for what, data in (("eval_dataset", self.eval_dataset), ("test_dataset", self.test_dataset)):
            if data is None:
                continue
            if not _is_task_mapping(data):
                raise ConfigError(f"train_dataset is a mapping of task name -> data, so {what} must be one too")
            unknown = [n for n in data if n not in self.train_dataset]
            if unknown:
                raise ConfigError(f"{what} has tasks {unknown} without training data (train_dataset has {names})")
        unknown = [n for n in self.task_specs if n not in self.train_dataset]
        if unknown:
            raise ConfigError(f"tasks= names {unknown} that have no training data (train_dataset has {names})")
        unknown = [n for n in self.args.task_head_learning_rates if n not in self.train_dataset]
        if unknown:
            raise ConfigError(
                f"task_head_learning_rates names {unknown} that have no training data (train_dataset has {names})"
            )
        per_task = [k for k, v in self.column_mapping.items() if isinstance(v, Mapping)]
        if per_task and len(per_task) != len(self.column_mapping):
            raise ConfigError(
                "column_mapping is either one mapping {standard: yours} for every task or {task name: mapping}, "
                "not a mix of both"
            )
        unknown = [n for n in per_task if n not in self.train_dataset]
        if unknown:
            raise ConfigError(f"column_mapping has tasks {unknown} without training data (train_dataset has {names})")

    def _task_kinds(self) -> dict[str, tuple[str, TaskSpec | None]]:
        """Task name -> (kind, the spec fixed by the model or ``tasks=``, if any), in training order."""
        from framing.tasks import TaskSpec, get_task_class, task_kinds

        args = self.args
        model = self.model_init if isinstance(self.model_init, _framing_model_type()) else None
        if not self.multi_task:
            name, kind = _task_name(args), str(args.task)
            return {name: (kind, model.tasks.get(name) if model is not None else None)}
        by_default_name = {get_task_class(k).resolve_task_name(None): k for k in task_kinds()}
        out: dict[str, tuple[str, TaskSpec | None]] = {}
        for name in self.train_dataset:
            given = self.task_specs.get(name)
            if model is not None:
                if name not in model.tasks:
                    raise ConfigError(
                        f"the model passed has no task named {name!r} (it has "
                        f"{[(t.name, t.kind) for t in model.tasks.values()]})"
                    )
                out[name] = (model.tasks[name].kind, model.tasks[name])
            elif isinstance(given, TaskSpec):
                out[name] = (given.kind, given)
            elif isinstance(given, str):
                out[name] = (given, None)
            elif name in by_default_name:
                out[name] = (by_default_name[name], None)
            else:
                raise ConfigError(
                    f"task {name!r}: its kind is unknown: pass tasks={{{name!r}: 'sentence'}} (or 'span', 'stance', "
                    f"…), tasks=[TaskSpec({name!r}, kind, labels)], or name it after a kind's default head "
                    f"({', '.join(repr(n) for n in by_default_name)})"
                )
        if model is not None:
            untrained = [n for n in model.tasks if n not in out]
            if untrained:
                logger.warning("the model's heads %s get no training data: they are saved as they are", untrained)
        return out

    def _column_mapping(self, name: str, kind: str) -> dict[str, str]:
        """The column mapping for task ``name`` (several tasks: its own, or the shared one's keys of its kind)."""
        from framing.tasks import get_task_class

        if not self.multi_task:
            return self.column_mapping
        if any(isinstance(v, Mapping) for v in self.column_mapping.values()):
            return dict(self.column_mapping.get(name) or {})
        columns = get_task_class(kind).columns
        return {k: v for k, v in self.column_mapping.items() if k in columns}

    # ------------------------------------------------------------------ data
    def _pick_default_splits(self) -> None:
        """Flat training data with a split column and no ``train_split``: its ``train`` rows, never all."""
        if not self.multi_task:
            self.train_split, self.eval_split = self._default_splits(
                self.train_dataset, self.train_split, self.eval_split, self.eval_dataset is not None, "training"
            )
            return
        evals = self.eval_dataset or {}
        for name, data in self.train_dataset.items():
            self._task_splits[name] = self._default_splits(
                data, self.train_split, self.eval_split, evals.get(name) is not None, f"{name!r} training"
            )

    def _default_splits(
        self, data: Any, train_split: str | None, eval_split: str | None, has_eval: bool, role: str
    ) -> tuple[str | None, str | None]:
        import pandas as pd

        if train_split is not None or not isinstance(data, (str, os.PathLike, pd.DataFrame)):
            return train_split, eval_split
        frame, desc = load_table(data, role=role)
        if self.split_column not in frame.columns:
            return train_split, eval_split
        values = sorted({str(v) for v in frame[self.split_column].unique()})
        if "train" not in values:
            fix = "--split NAME" if self.command is not None else "train_split=NAME"
            raise DataError(
                f"{role} data {desc} has a {self.split_column!r} column (values {values[:10]}) but no training "
                f"split was chosen, so every row, dev and test included, would be trained on: pass {fix}"
            )
        if not has_eval and eval_split is None:
            eval_split = next((v for v in ("dev", "validation", "valid", "val") if v in values), None)
        logger.warning(
            "%s has a %r column: training on its 'train' rows%s",
            desc,
            self.split_column,
            f", evaluating on {eval_split!r}" if eval_split else "",
        )
        return "train", eval_split

    def _runs_to_prepare(self) -> list[_TaskRun]:
        kinds = self._task_kinds()
        if not self.multi_task:
            ((name, (kind, spec)),) = kinds.items()
            return [
                _TaskRun(
                    name,
                    kind,
                    spec,
                    self.train_dataset,
                    self.eval_dataset,
                    self.test_dataset,
                    self.column_mapping,
                    self.train_split,
                    self.eval_split,
                    self.test_split,
                    "",
                )
            ]
        evals, tests = self.eval_dataset or {}, self.test_dataset or {}
        if not any(isinstance(v, Mapping) for v in self.column_mapping.values()):
            from framing.tasks import get_task_class

            used = {c for kind, _ in kinds.values() for c in get_task_class(kind).columns}
            unknown = [k for k in self.column_mapping if k not in used]
            if unknown:
                raise ConfigError(
                    f"column_mapping keys {unknown} are not columns any of these tasks uses; "
                    f"the keys are {sorted(used)}"
                )
        runs = []
        for name, (kind, spec) in kinds.items():
            train_split, eval_split = self._task_splits[name]
            runs.append(
                _TaskRun(
                    name,
                    kind,
                    spec,
                    self.train_dataset[name],
                    evals.get(name),
                    tests.get(name),
                    self._column_mapping(name, kind),
                    train_split,
                    eval_split,
                    self.test_split,
                    f"{name!r} ",
                )
            )
        return runs

    def _prepare(self, run: _TaskRun, data: Any, split: str | None, role: str) -> PreparedData:
        args = self.args
        # the label of marked spans that carry none (span kinds; other kinds ignore it)
        if run.spec is not None:
            span_label = run.spec.labels[0]
        elif not self.multi_task and args.labels:
            span_label = args.labels[0]
        else:
            span_label = DEFAULT_SPAN_LABEL
        return prepare_examples(
            data,
            run.kind,
            column_mapping=run.column_mapping,
            split=split,
            split_column=self.split_column,
            span_label=span_label,
            missing_phrases=args.missing_phrases,
            role=run.role_prefix + role,
        )

    def _prepare_run(self, run: _TaskRun) -> None:
        """Load and validate one task's train / dev / test data and fix its label set."""
        args = self.args
        run.train_data = self._prepare(run, run.train, run.train_split, "training")
        wanted = run.spec.labels if run.spec is not None else (None if self.multi_task else args.labels)
        run.labels = check_training_labels(run.train_data, wanted, args.min_examples_per_class)
        extra: list[PreparedData | None] = []
        for data, split, role in (
            (run.eval, run.eval_split, "evaluation (dev)"),
            (run.test, run.test_split, "test"),
        ):
            if data is None and split is not None:
                data = run.train
            if data is None:
                extra.append(None)
                continue
            prepared = self._prepare(run, data, split, role)
            check_known_labels(prepared, run.labels)
            extra.append(prepared)
        run.eval_data, run.test_data = extra

    def _check_model_init(self) -> None:
        model = self.model_init
        if not isinstance(model, _framing_model_type()):
            return
        if not self.multi_task:
            args = self.args
            spec = model.tasks.get(_task_name(args))
            if spec is None or spec.kind != args.task:
                raise ConfigError(
                    f"the model passed has no {args.task} task named {args.task_name!r} "
                    f"(it has {[(t.name, t.kind) for t in model.tasks.values()]})"
                )
        if model.finetune == "lora" and not hasattr(model.encoder, "peft_config"):
            raise ConfigError(
                "the model passed is a LoRA model whose adapter was merged at load time, so it cannot be "
                "saved as an adapter again: load it with FramingModel.from_pretrained(path, merge_adapter=False)"
            )

    def _prepare_all(self) -> list[_TaskRun]:
        self._check_model_init()
        runs = self._runs_to_prepare()
        for run in runs:
            self._prepare_run(run)
        return runs

    def prepare_data(self) -> Any:
        """Load and validate train / dev / test data; returns them and the label set. No model is built.

        One task: ``(train, dev, test, labels)``; several tasks: ``{task name: (train, dev, test, labels)}``.
        """
        runs = self._prepare_all()
        out = {r.name: (r.train_data, r.eval_data, r.test_data, r.labels) for r in runs}
        return out if self.multi_task else out[runs[0].name]

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
    def _build_model(self, runs: Sequence[_TaskRun]) -> Any:
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
        specs = []
        for run in runs:
            if run.spec is not None:
                specs.append(run.spec)
                continue
            labels = run.labels
            task_cls = get_task_class(run.kind)
            positive = None if self.multi_task else args.positive_label
            if positive is None:
                positive = task_cls.guess_positive_label(labels)
            if positive is not None and positive not in labels:
                raise ConfigError(f"positive_label {positive!r} is not one of the labels {list(labels)}")
            task_cls.warn_about_labels(labels, positive)
            specs.append(TaskSpec(run.name, run.kind, labels, positive_label=positive))
        return FramingModel.new(
            specs,
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
    def train(self, *, save: bool = True) -> Path:
        """Validate the data, fine-tune, evaluate on dev (and test), save; returns the model folder.

        ``save=False`` stops before writing anything: change ``trainer.model`` (e.g. its
        ``extra_config``) or ``trainer.history``, then call :meth:`save_model`. With
        ``args.checkpoint_dir`` set, rerunning an interrupted ``train()`` resumes it.
        """
        from framing.training.loop import fit, set_seed

        args = self.args
        self._t0 = time.perf_counter()
        runs = self._prepare_all()
        self._check_output_dir()
        self._runs = runs
        for run in runs:
            logger.info(
                "training %s task %r on %d texts (labels %s); dev %s",
                run.kind,
                run.name,
                len(run.train_data.examples),
                list(run.labels),
                len(run.eval_data.examples) if run.eval_data else "none",
            )
        self.task_labels = {r.name: r.labels for r in runs}
        self.labels = None if self.multi_task else runs[0].labels
        set_seed(args.seed)
        model = self._build_model(runs)
        train = {r.name: r.train_data.examples for r in runs}
        dev = {r.name: r.eval_data.examples for r in runs if r.eval_data is not None}
        history = fit(model, train, dev or None, _loop_config(args))
        self.model, self.history = model, history
        self._span_thresholds = {}
        if args.tune_span_threshold:
            self._tune_span_threshold(runs, history)
        self.eval_reports = {r.name: rep for r in runs if (rep := self._report(r.name, r.eval_data))}
        self.test_reports = {r.name: rep for r in runs if (rep := self._report(r.name, r.test_data))}
        if not self.multi_task:
            self.eval_report = self.eval_reports.get(runs[0].name)
            self.test_report = self.test_reports.get(runs[0].name)
        model.extra_config["training"] = self._training_record(runs)
        out = Path(args.output_dir)
        if save:
            self.save_model(out)
        return out

    def _training_record(self, runs: Sequence[_TaskRun]) -> dict[str, Any]:
        """What ``framing_config.json`` records about this run (``extra.training``; the model card reads it)."""
        args = self.args
        if not self.multi_task:
            run = runs[0]
            return {
                "framing_trainer": True,
                "task": args.task,
                "data_source": args.data_source or run.train_data.origin,
                "data_license": args.data_license,
                "n_train": len(run.train_data.examples),
                "n_eval": len(run.eval_data.examples) if run.eval_data else None,
                "seed": args.seed,
                "command": self.command,
            }
        return {
            "framing_trainer": True,
            "tasks": {r.name: r.kind for r in runs},
            "data_source": args.data_source or {r.name: r.train_data.origin for r in runs},
            "data_license": args.data_license,
            "n_train": {r.name: len(r.train_data.examples) for r in runs},
            "n_eval": {r.name: len(r.eval_data.examples) if r.eval_data else None for r in runs},
            "seed": args.seed,
            "command": self.command,
        }

    def _tune_span_threshold(self, runs: Sequence[_TaskRun], history: dict[str, Any]) -> None:
        """Pick the first span head's word threshold on its dev set and store it in the model.

        One pass over dev gives every word's 1 - P(O); the threshold is the one of
        :data:`~framing.training.evaluate.SPAN_THRESHOLDS` with the best word F1 on them. The dev
        report then decodes spans once at that threshold.
        """
        from framing.training.evaluate import best_threshold
        from framing.training.features import encode_examples
        from framing.training.loop import dev_outputs

        spans = self.model.tasks_of_kind("span")
        run = next((r for r in runs if spans and r.name == spans[0]), None)
        if run is None or run.eval_data is None:
            logger.warning("tune_span_threshold: the model's first span head has no dev data; nothing tuned")
            return
        model = self.model
        feats = encode_examples(model.tokenizer, model.tasks[run.name], run.eval_data.examples, model.max_length)
        gold, inside = dev_outputs(model, run.name, feats, self.args.eval_batch_size)
        threshold, f1 = best_threshold(gold > 0, inside)
        logger.info("span threshold %.2f: dev word F1 %.4f (first subwords)", threshold, f1)
        self._span_thresholds[run.name] = threshold
        model.extra_config["span_threshold"] = threshold
        history["span_threshold"] = {"task": run.name, "value": threshold, "dev_word_f1": round(f1, 4)}

    def save_model(self, output_dir: str | os.PathLike[str] | None = None, *, model_card: bool | str = True) -> Path:
        """Write the trained model folder: weights, config, eval results, arguments, history and card.

        ``output_dir`` defaults to ``args.output_dir``. ``model_card``: ``True`` writes the card generated
        from the folder's JSON files as ``README.md`` (``python -m framing.training.card`` regenerates it),
        a string writes that text, ``False`` leaves any ``README.md`` there as it is.
        """
        from framing.training.card import CARD_NAME, write_card

        if self.model is None or self.history is None:
            raise ConfigError("call train() before save_model()")
        args, model, history = self.args, self.model, self.history
        out = Path(output_dir) if output_dir is not None else Path(args.output_dir)
        if self._t0 is not None:
            history["wall_seconds"] = round(time.perf_counter() - self._t0, 1)
        model.save_pretrained(out)
        if self.multi_task:
            results: dict[str, Any] = {
                "eval": {n: r.to_dict() for n, r in self.eval_reports.items()},
                "test": {n: r.to_dict() for n, r in self.test_reports.items()},
            }
        else:
            results = {
                "eval": self.eval_report.to_dict() if self.eval_report else None,
                "test": self.test_report.to_dict() if self.test_report else None,
            }
        _write_json(out / EVAL_RESULTS_NAME, results)
        _write_json(out / "training_args.json", args.to_dict())
        _write_json(out / "training_history.json", history)
        if model_card is True:
            write_card(out)  # README.md, from the files above
        elif isinstance(model_card, str):
            (out / CARD_NAME).write_text(model_card, encoding="utf-8")
        model.source = str(out)
        logger.info("saved %s in %.1f s", out, history.get("wall_seconds", 0.0))
        return out

    def _report(self, task: str, data: PreparedData | None) -> EvaluationReport | None:
        if data is None:
            return None
        return evaluate_examples(
            self.model,
            task,
            data.examples,
            batch_size=self.args.eval_batch_size,
            span_threshold=self._span_thresholds.get(task, self.args.span_threshold),
            data=data.origin,
            show_progress_bar=None if self.args.show_progress_bar else False,
        )

    def evaluate(
        self,
        dataset: Any = None,
        *,
        split: str | None = None,
        column_mapping: Mapping[str, str] | None = None,
        task: str | None = None,
    ) -> EvaluationReport:
        """Evaluate the trained model on ``dataset`` (default: the dev set), validated first.

        Several tasks: ``task`` names the one to evaluate.
        """
        if self.model is None:
            raise ConfigError("call train() before evaluate()")
        if self.multi_task:
            if task is None:
                raise ConfigError(
                    f"this trainer trained several tasks {list(self.task_labels)}: pass task=<one of them>"
                )
            if task not in self.task_labels:
                raise ConfigError(f"unknown task {task!r}; this trainer trained {list(self.task_labels)}")
        else:
            task = task or self.args.task_name
        if dataset is None and split is None:
            report = self.eval_reports.get(str(task))
            if report is None:
                raise ConfigError("no dataset given and no eval_dataset to fall back on")
            return report
        from framing.training.evaluate import evaluate_model

        if dataset is None:
            dataset = self.train_dataset[task] if self.multi_task else self.train_dataset
        if column_mapping is None:
            spec = self.model.tasks[task]
            column_mapping = self._column_mapping(str(task), spec.kind)
        return evaluate_model(
            self.model,
            dataset,
            task=task,
            column_mapping=column_mapping,
            split=split,
            split_column=self.split_column,
            batch_size=self.args.eval_batch_size,
            span_threshold=self._span_thresholds.get(str(task), self.args.span_threshold),
            missing_phrases=self.args.missing_phrases,
        )


@dataclass
class _TaskRun:
    """One task of a training run: its data as given, then validated (``train_data`` …) and its label set."""

    name: str
    kind: str
    spec: TaskSpec | None  # fixed by the model passed or by tasks=
    train: Any
    eval: Any
    test: Any
    column_mapping: Mapping[str, str]
    train_split: str | None
    eval_split: str | None
    test_split: str | None
    role_prefix: str  # "" (one task) or "'stance' " in messages
    train_data: PreparedData = field(init=False)
    eval_data: PreparedData | None = field(init=False, default=None)
    test_data: PreparedData | None = field(init=False, default=None)
    labels: tuple[str, ...] = field(init=False, default=())


def _is_task_mapping(data: Any) -> bool:
    """A ``{task name: dataset}`` mapping (a 🤗 ``DatasetDict`` is one dataset with splits, not that)."""
    return isinstance(data, Mapping) and not any(c.__module__.split(".")[0] == "datasets" for c in type(data).__mro__)


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
    from framing.training.evaluate import SPAN_THRESHOLDS
    from framing.training.loop import LoopConfig

    return LoopConfig(
        epochs=args.num_train_epochs,
        learning_rate=float(args.learning_rate or 0.0),
        head_learning_rate=args.head_learning_rate,
        task_head_learning_rates=dict(args.task_head_learning_rates),
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
        distill_alpha=args.distill_alpha,
        distill_temperature=args.distill_temperature,
        span_thresholds=SPAN_THRESHOLDS if args.tune_span_threshold else (args.span_threshold,),
    )


def _task_name(args: TrainingArguments) -> str:
    """``args.task_name``, which ``TrainingArguments.__post_init__`` always sets."""
    if args.task_name is None:
        raise ConfigError("TrainingArguments.task_name is not set")
    return args.task_name


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
