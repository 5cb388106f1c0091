"""``framing evaluate MODEL DATA``: score a saved model on labelled data."""

from __future__ import annotations

import argparse

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "evaluate",
        help="evaluate a model folder on labelled data",
        description="Evaluate one task of a saved model on labelled data: macro-F1, per-class "
        "precision/recall/F1, confusion matrix and calibration error (classifiers), exact-match and "
        "word-level P/R/F1 (span taggers).",
        epilog="example: framing evaluate runs/babe-sentence ../shared/data/babe/babe_sg2.jsonl --split test",
    )
    parser.add_argument("model", metavar="MODEL", help="model folder written by framing train / save_pretrained")
    parser.add_argument("data", metavar="DATA", help="labelled data: a file or a save_to_disk folder")
    parser.add_argument("--task", default=None, help="task name (needed when the model has several)")
    parser.add_argument("--split", default=None, help="a DatasetDict key or a value of --split-column")
    parser.add_argument("--split-column", default="split", help="column holding split names (default: split)")
    parser.add_argument("--text-column", default=None)
    parser.add_argument("--label-column", default=None)
    parser.add_argument("--spans-column", default=None)
    parser.add_argument("--target-column", default=None)
    parser.add_argument("--column", action="append", default=[], metavar="STANDARD=YOURS", help="(repeat)")
    parser.add_argument("--drop-missing-phrases", action="store_true")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--span-threshold", type=float, default=0.5)
    parser.add_argument("--backbone", default=None, help="backbone to load a LoRA model over (default: recorded)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from framing.cli.train import parse_columns
    from framing.modeling.model import FramingModel
    from framing.training.evaluate import evaluate_model

    t0 = time.perf_counter()
    model = FramingModel.from_pretrained(args.model, backbone=args.backbone)
    report = evaluate_model(
        model,
        args.data,
        task=args.task,
        column_mapping=parse_columns(args),
        split=args.split,
        split_column=args.split_column,
        batch_size=args.batch_size,
        span_threshold=args.span_threshold,
        missing_phrases="drop" if args.drop_missing_phrases else "error",
    )
    report.extra["wall_seconds"] = round(time.perf_counter() - t0, 1)
    text = report.to_json() + "\n" if args.format == "json" else report.to_text() + "\n"
    if args.output == "-":
        print(text, end="")
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0
