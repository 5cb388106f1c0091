"""``framing score INPUT -o OUTPUT``: score a CSV / JSONL / Parquet corpus, streamed and resumable."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from framing.cli._common import add_analyzer_options, analyzer_options

__all__ = ["add_parser", "run"]

logger = logging.getLogger(__name__)

_EPILOG = """\
OUTPUT is the article table (one row per input row: id, the input's other columns, status,
profile fields). The sentence table goes next to it (scores.parquet -> scores.sentences.parquet)
unless --sentences PATH or --no-sentences. Formats follow the file names (.csv .tsv .jsonl
.ndjson .parquet; input may be .gz).

Interrupted (Ctrl-C, kill, crash)? Run the same command again: finished chunks in
OUTPUT.parts/ are kept and the job continues where it stopped. --restart starts over.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "score",
        help="score a corpus file (CSV/JSONL/Parquet) into article and sentence tables",
        description="Score every article of a CSV, JSONL or Parquet file; streamed in chunks and resumable.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT", help="corpus file: .csv, .tsv, .jsonl, .parquet (.gz for csv/jsonl)")
    parser.add_argument("-o", "--output", required=True, help="article table to write (.csv, .jsonl or .parquet)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--sentences", metavar="PATH", default=None, help="sentence table path (default: next to OUTPUT)")
    out.add_argument("--no-sentences", action="store_true", help="do not write the sentence table")
    parser.add_argument("--text-column", default="text", help="column with the article text (default: text)")
    parser.add_argument(
        "--text-format",
        choices=("text", "html", "auto"),
        default="text",
        help="what the text column holds: text (default; whole HTML pages are skipped), html (pages: their main "
        "text is scored, the title goes to a title column) or auto (per row: HTML when it starts with "
        "<!doctype html / <html)",
    )
    parser.add_argument("--id-column", default=None, help="column identifying articles (default: row number as id)")
    parser.add_argument(
        "--target", action="append", default=[], metavar="NAME", help="fixed target to score stance toward (repeat)"
    )
    parser.add_argument("--chunk-size", type=int, default=500, help="articles per chunk / part file (default: 500)")
    parser.add_argument(
        "--input-format",
        default=None,
        help="csv, jsonl or parquet: the input format, if the file name does not say",
    )
    parser.add_argument("--format", dest="old_input_format", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--output-format", default=None, help="output format if the name does not say")
    parser.add_argument("--restart", action="store_true", help="discard an unfinished job and overwrite OUTPUT")
    parser.add_argument("--keep-parts", action="store_true", help="keep OUTPUT.parts/ after merging")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--summary-json", metavar="PATH", default=None, help="also write the summary as JSON")
    add_analyzer_options(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from framing.batch.files import default_sentences_path, score_file

    opts = analyzer_options(args)
    model = opts.pop("model", "default")
    input_format = args.input_format
    if args.old_input_format:
        logger.warning("framing score --format is deprecated (it names the input format); use --input-format")
        input_format = input_format or args.old_input_format
    sentences: str | bool = False if args.no_sentences else (args.sentences or True)
    try:
        summary = score_file(
            args.input,
            args.output,
            sentences=sentences,
            text_column=args.text_column,
            id_column=args.id_column,
            targets=args.target or None,
            model=model,
            analyzer_options=opts,
            chunk_size=args.chunk_size,
            input_format=input_format,
            output_format=args.output_format,
            restart=args.restart,
            keep_parts=args.keep_parts,
            show_progress_bar=False if args.no_progress else None,
            text_format=args.text_format,
        )
    except KeyboardInterrupt:
        print(
            "framing score: interrupted; finished chunks are kept - run the same command again to resume",
            file=sys.stderr,
        )
        return 130
    print(f"framing score: {summary}", file=sys.stderr)
    written = [args.output]
    if not args.no_sentences:
        written.append(args.sentences or str(default_sentences_path(args.output)))
    print(f"wrote {' and '.join(written)}", file=sys.stderr)
    if args.summary_json:
        with open(args.summary_json, "w", encoding="utf-8") as fh:
            json.dump(summary.to_dict(), fh, indent=2)
            fh.write("\n")
    return 0
