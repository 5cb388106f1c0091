"""``framing analyze PATH|- [--target NAME]... [--format text|json] [--text-format auto|text|html]``."""

from __future__ import annotations

import argparse
from typing import Any

from framing.cli._common import add_input_options, add_target_option, read_document_input, show_progress, write_output


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse one article and print its framing profile",
        description="Analyse one article (a text or HTML file, .gz allowed, or - for standard input) and print its "
        "framing profile.",
    )
    p.add_argument("path", metavar="PATH|-", help="article file (text or HTML, may be .gz), or - for standard input")
    add_target_option(p, "target to score stance toward (repeat); default: discovered from the text")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text", help="output format (default: text)")
    add_input_options(p)
    p.add_argument("--model", default="default", help="framing model folder or hub id (default: embedded model)")
    p.add_argument("--int8", action="store_true", help="dynamic int8 quantisation on CPU (faster)")
    p.add_argument("--device", default=None, help="cpu, cuda, cuda:1 … (default: CUDA if available)")
    p.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from framing.analyzer import Analyzer

    doc = read_document_input(args.path, args.encoding, args.text_format)
    analyzer = Analyzer(args.model, device=args.device, int8=args.int8)
    profile = analyzer.analyze(doc, targets=args.target or None, show_progress_bar=show_progress())
    write_output(profile.to_json() if args.format == "json" else profile.summary(), args.output)
    return 0
