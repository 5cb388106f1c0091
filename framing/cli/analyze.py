"""``framing analyze PATH|- [--target NAME]... [--format text|json] [--text-format auto|text|html]``."""

from __future__ import annotations

import argparse
from typing import Any

from framing.cli import _common
from framing.cli._common import (
    add_analyzer_options,
    add_input_options,
    add_target_option,
    analyzer_options,
    read_document_input,
    write_output,
)


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
    p.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    add_analyzer_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    doc = read_document_input(args.path, args.encoding, args.text_format)
    profile = _common.analyze_text(doc, args.target or None, options=analyzer_options(args))
    write_output(profile.to_json() if args.format == "json" else profile.summary(), args.output)
    return 0
