"""``framing train DATA --task KIND --output-dir DIR``: fine-tune a classifier on labelled data."""

from __future__ import annotations

import argparse
import shlex
import time

__all__ = ["add_parser", "run", "parse_columns"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "train",
        help="fine-tune a sentence / span / stance classifier on labelled data",
        description="Fine-tune one classifier head on labelled data (CSV, TSV, JSONL, JSON, Parquet or a "
        "datasets save_to_disk folder) and save a model folder that FramingModel.from_pretrained and the "
        "Analyzer load. Standard columns: sentence: text,label; span: text,spans (offsets or marked "
        "phrases); stance: text,label,target (or start,end); frames: text,labels (a list of frames per "
        "article: a JSON list or names separated by ',').",
        epilog="example: framing train ../shared/data/babe/babe_sg2.jsonl --task sentence --split train "
        "--eval-split dev --output-dir runs/babe-sentence --data-license AGPL-3.0",
    )
    parser.add_argument("data", metavar="DATA", help="training data: a file or a save_to_disk folder")
    from framing.tasks import task_kinds

    parser.add_argument("--task", required=True, choices=task_kinds(), help="task kind (registered kinds)")
    parser.add_argument("--output-dir", "-o", required=True, help="folder to save the model in")
    parser.add_argument(
        "--task-name", default=None, help="head name (default: loaded / loaded_words / stance / frames)"
    )
    g = parser.add_argument_group("data selection")
    g.add_argument("--split", default=None, help="training split: a DatasetDict key or a value of --split-column")
    g.add_argument("--split-column", default="split", help="column holding split names (default: split)")
    g.add_argument("--eval", dest="eval_data", default=None, metavar="DATA", help="dev data (default: DATA)")
    g.add_argument("--eval-split", default=None, help="dev split (from --eval, or from DATA)")
    g.add_argument("--test", dest="test_data", default=None, metavar="DATA", help="test data for the model card")
    g.add_argument("--test-split", default=None, help="test split (from --test, or from DATA)")
    g.add_argument("--text-column", default=None, help="column holding the text")
    g.add_argument("--label-column", default=None, help="column holding the label (frames: the list of labels)")
    g.add_argument("--spans-column", default=None, help="span tasks: column holding offsets or marked phrases")
    g.add_argument("--target-column", default=None, help="stance tasks: column holding the target mention")
    g.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="STANDARD=YOURS",
        help="map any standard column to yours, e.g. --column text=sentence (repeat)",
    )
    g.add_argument("--labels", default=None, help="comma-separated label set (default: from the data)")
    g.add_argument("--positive-label", default=None, help="the label that means 'loaded' (sentence tasks)")
    g.add_argument(
        "--drop-missing-phrases",
        action="store_true",
        help="skip marked phrases / target mentions not found in their text instead of failing",
    )
    g.add_argument("--min-examples", type=int, default=2, help="fewest examples a class may have (default 2)")
    g.add_argument("--data-source", default=None, help="where the data comes from (model card)")
    g.add_argument("--data-license", default=None, help="license of the training data (model card)")
    h = parser.add_argument_group("training")
    h.add_argument("--backbone", default=None, help="hub id or folder (default: the pip-shipped MiniLM)")
    h.add_argument("--finetune", choices=("lora", "full", "frozen"), default="lora")
    h.add_argument("--epochs", type=float, default=3.0)
    h.add_argument("--lr", type=float, default=None, help="encoder learning rate (default by --finetune)")
    h.add_argument("--head-lr", type=float, default=1e-3)
    h.add_argument("--batch-size", type=int, default=16)
    h.add_argument("--max-length", type=int, default=128)
    h.add_argument("--seed", type=int, default=42)
    h.add_argument("--patience", type=int, default=2, help="early stopping patience in epochs (0: off)")
    h.add_argument("--lora-r", type=int, default=8)
    h.add_argument("--lora-alpha", type=int, default=None, help="default: 2 * --lora-r")
    h.add_argument(
        "--checkpoint-dir",
        default=None,
        metavar="DIR",
        help="keep a resumable checkpoint here; rerun the same command to continue an interrupted run",
    )
    h.add_argument(
        "--checkpoint-minutes", type=float, default=5.0, help="minutes between checkpoints within an epoch (default 5)"
    )
    h.add_argument("--overwrite", action="store_true", help="write into a non-empty --output-dir")
    h.add_argument("--no-progress", action="store_true", help="no progress bar")
    h.add_argument("--format", choices=("text", "json"), default="text", help="how to print the dev metrics")
    parser.set_defaults(func=run, _train_parser=parser)
    return parser


def _command(args: argparse.Namespace) -> str:
    """The ``framing train`` command line that reproduces ``args`` (for the model card)."""
    parser = getattr(args, "_train_parser", None)
    parts = ["framing", "train"]
    if parser is None:
        return " ".join(parts)
    for action in parser._actions:
        if not action.option_strings:
            if action.dest in vars(args):
                parts.append(shlex.quote(str(getattr(args, action.dest))))
            continue
        if action.dest == "help":
            continue
        value = getattr(args, action.dest, action.default)
        if value == action.default:
            continue
        flag = action.option_strings[-1] if action.option_strings[-1].startswith("--") else action.option_strings[0]
        if isinstance(action, argparse._StoreTrueAction):
            parts.append(flag)
        elif isinstance(action, argparse._AppendAction):
            parts += [f"{flag} {shlex.quote(str(v))}" for v in value]
        else:
            parts.append(f"{flag} {shlex.quote(str(value))}")
    return " ".join(parts)


def parse_columns(args: argparse.Namespace) -> dict[str, str]:
    """Column mapping {standard: yours} from --column and the --*-column shortcuts."""
    from framing.errors import ConfigError

    mapping: dict[str, str] = {}
    for item in getattr(args, "column", None) or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ConfigError(f"--column {item!r}: expected STANDARD=YOURS, e.g. --column text=sentence")
        mapping[key.strip()] = value.strip()
    for key in ("text", "label", "spans", "target"):
        value = getattr(args, f"{key}_column", None)
        if value:
            # frames tasks read a list of labels per row: their standard column is ``labels``
            mapping["labels" if key == "label" and getattr(args, "task", None) == "frames" else key] = value
    return mapping


def run(args: argparse.Namespace) -> int:
    import json

    from framing.training.arguments import TrainingArguments
    from framing.training.trainer import Trainer

    labels = [x.strip() for x in args.labels.split(",") if x.strip()] if args.labels else None
    targs = TrainingArguments(
        task=args.task,
        output_dir=args.output_dir,
        task_name=args.task_name,
        labels=labels,
        positive_label=args.positive_label,
        backbone=args.backbone,
        finetune=args.finetune,
        learning_rate=args.lr,
        head_learning_rate=args.head_lr,
        num_train_epochs=args.epochs,
        batch_size=args.batch_size,
        max_length=args.max_length,
        seed=args.seed,
        early_stopping_patience=args.patience if args.patience and args.patience > 0 else None,
        lora_r=args.lora_r,
        lora_alpha=args.lora_alpha or 2 * args.lora_r,
        min_examples_per_class=args.min_examples,
        missing_phrases="drop" if args.drop_missing_phrases else "error",
        data_source=args.data_source or args.data,
        data_license=args.data_license,
        overwrite_output_dir=args.overwrite,
        show_progress_bar=not args.no_progress,
        checkpoint_dir=args.checkpoint_dir,
        checkpoint_minutes=args.checkpoint_minutes,
    )
    command = _command(args)
    trainer = Trainer(
        None,
        targs,
        args.data,
        args.eval_data,
        test_dataset=args.test_data,
        column_mapping=parse_columns(args),
        train_split=args.split,
        eval_split=args.eval_split,
        test_split=args.test_split,
        split_column=args.split_column,
        command=command,
    )
    t0 = time.perf_counter()
    folder = trainer.train()
    wall = time.perf_counter() - t0
    if args.format == "json":
        out = {
            "model": str(folder),
            "wall_seconds": round(wall, 1),
            "best_epoch": (trainer.history or {}).get("best_epoch"),
            "eval": trainer.eval_report.to_dict() if trainer.eval_report else None,
            "test": trainer.test_report.to_dict() if trainer.test_report else None,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(f"saved {folder} ({wall:.0f} s)")
        for report in (trainer.eval_report, trainer.test_report):
            if report is not None:
                print()
                print(report.to_text())
    return 0
