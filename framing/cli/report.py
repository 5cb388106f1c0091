"""``framing report INPUT -o report.html``: analyze one article and write a self-contained HTML report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.cli._common import add_analyzer_options, add_input_options, add_target_option

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report of one article",
        description="Analyze an article and write one self-contained HTML file (no external requests).",
    )
    parser.add_argument(
        "input", metavar="INPUT", help="article file (text or HTML, may be .gz), or - for standard input"
    )
    parser.add_argument("-o", "--output", default="-", help="HTML file to write (default: standard output)")
    add_target_option(parser)
    parser.add_argument(
        "--title", default=None, help="page title (default: an HTML input's title, else the input file name)"
    )
    add_input_options(parser)
    add_analyzer_options(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from framing.cli import _common as _cli
    from framing.report.html import render_article

    doc = _cli.read_document_input(args.input, args.encoding, args.text_format)
    profile = _cli.analyze_text(_cli.article_input(doc), args.target or None, options=_cli.analyzer_options(args))
    title = args.title or doc.title or (Path(args.input).name if args.input != "-" else None)
    _cli.write_output(render_article(profile, title=title), args.output)
    if args.output not in (None, "-"):
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
