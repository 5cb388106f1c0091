"""``framing analyze PATH|- [--target NAME]... [--format text|json]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from framing.errors import TextDecodeError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse one article and print its framing profile",
        description="Analyse one article (a text file, or - for standard input) and print its framing profile.",
    )
    p.add_argument("path", metavar="PATH|-", help="article text file, or - to read standard input")
    p.add_argument(
        "--target",
        "-t",
        action="append",
        default=None,
        metavar="NAME",
        help="target to score stance toward (repeatable); default: discovered from the text",
    )
    p.add_argument("--format", "-f", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input file (default: utf-8)")
    p.add_argument("--model", default="default", help="framing model folder or hub id (default: embedded model)")
    p.add_argument("--int8", action="store_true", help="dynamic int8 quantisation on CPU (faster)")
    p.add_argument("--device", default=None, help="cpu, cuda, cuda:1 … (default: CUDA if available)")
    p.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    p.set_defaults(func=run)


def read_input(path: str, encoding: str) -> str:
    """Text of a file path, or of standard input for ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise TextDecodeError(
                f"standard input is not valid {encoding} (byte {exc.start}); pass --encoding, e.g. --encoding cp1252"
            ) from exc
    from framing.analyzer import read_text

    return read_text(path, encoding)


def run(args: argparse.Namespace) -> int:
    from framing.analyzer import Analyzer

    text = read_input(args.path, args.encoding)
    analyzer = Analyzer(args.model, device=args.device, int8=args.int8)
    profile = analyzer.analyze(text, targets=args.target)
    out = profile.to_json() if args.format == "json" else profile.summary()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(out + "\n")
    else:
        sys.stdout.write(out + "\n")
    return 0
